"""Reading a data file whole, within a limit, whatever the file turns out to be."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from skillpath.errors import DataError
from skillpath.loading import files


def test_a_small_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "skill.yaml"
    path.write_bytes(b"id: rag\n" * 1000)
    assert files.read_bounded(path, 1 << 20) == b"id: rag\n" * 1000


@pytest.fixture
def grown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file of 5,000 bytes that os.fstat says has 10: as when it grows between the look
    and the read."""
    path = tmp_path / "skill.yaml"
    path.write_bytes(b"x" * 5000)
    real = os.fstat

    def fstat(handle: int) -> os.stat_result:
        found = list(real(handle))
        found[6] = 10  # st_size
        return os.stat_result(found)

    monkeypatch.setattr(os, "fstat", fstat)
    return path


def test_a_file_that_grew_since_it_was_looked_at_is_read_whole(grown: Path) -> None:
    assert files.read_bounded(grown, 1 << 20) == b"x" * 5000


def test_a_file_that_grew_past_the_limit_is_refused(grown: Path) -> None:
    with pytest.raises(DataError, match="is 4097 bytes"):
        files.read_bounded(grown, 4096)
