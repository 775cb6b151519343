"""Reading a data file whole, within a limit, whatever the file turns out to be."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from skillpath import files
from skillpath.errors import DataError


def test_a_small_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "skill.yaml"
    path.write_bytes(b"id: rag\n" * 1000)
    assert files.read_bounded(path, 1 << 20) == b"id: rag\n" * 1000


def shrunk_size(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    """os.fstat reports ``size``: as when the file grows between the look and the read."""
    real = os.fstat

    def fstat(handle: int) -> os.stat_result:
        found = list(real(handle))
        found[6] = size  # st_size
        return os.stat_result(found)

    monkeypatch.setattr(os, "fstat", fstat)


def test_a_file_that_grew_since_it_was_looked_at_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "skill.yaml"
    path.write_bytes(b"x" * 5000)
    shrunk_size(monkeypatch, 10)
    assert files.read_bounded(path, 1 << 20) == b"x" * 5000


def test_a_file_that_grew_past_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "skill.yaml"
    path.write_bytes(b"x" * 5000)
    shrunk_size(monkeypatch, 10)
    with pytest.raises(DataError, match="is 4097 bytes"):
        files.read_bounded(path, 4096)
