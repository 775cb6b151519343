"""The wheel's snapshot of its bundled data: an entry is used only while the file's bytes
hash the same (SHA-256), and a snapshot that does not read is passed over."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from skillpath.loading import paths, snapshot
from tests.conftest import BUNDLED

FILES = ["framework.yaml", "skills/rag.yaml", "skills/deep-learning.yaml"]


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bundled folder of a few files with a snapshot of them, as a wheel carries."""
    entries = {}
    for name in FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(BUNDLED / name, tmp_path / name)
        raw = (tmp_path / name).read_bytes()
        entries[name] = {"sha256": hashlib.sha256(raw).hexdigest(), "data": yaml.safe_load(raw)}
    text = json.dumps(entries, default=str, ensure_ascii=False)  # dates as hatch_build writes
    (tmp_path / snapshot.SNAPSHOT_FILE).write_text(text, encoding="utf-8")
    monkeypatch.setattr(paths, "bundled_root", lambda: tmp_path)
    monkeypatch.setattr(snapshot, "_snapshots", {})
    return tmp_path


def entry(root: Path, name: str, raw: bytes | None = None) -> Any:
    path = root / name
    return snapshot.snapshot_entry(path, path.read_bytes() if raw is None else raw)


def test_an_unchanged_file_is_read_from_the_snapshot(bundled: Path) -> None:
    for name in FILES:
        expected = json.loads(
            json.dumps(yaml.safe_load((bundled / name).read_bytes()), default=str)
        )
        assert entry(bundled, name) == expected


def test_a_changed_or_unknown_file_is_read_as_yaml(bundled: Path) -> None:
    raw = (bundled / "skills/rag.yaml").read_bytes()
    assert entry(bundled, "skills/rag.yaml", raw + b"\n") is None
    shutil.copy(BUNDLED / "skills/ai-security.yaml", bundled / "skills/ai-security.yaml")
    assert entry(bundled, "skills/ai-security.yaml") is None


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"n": NaN}', ""])
def test_a_snapshot_that_does_not_read_is_passed_over(bundled: Path, text: str) -> None:
    (bundled / snapshot.SNAPSHOT_FILE).write_text(text, encoding="utf-8")
    assert entry(bundled, "skills/rag.yaml") is None
