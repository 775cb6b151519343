"""A team's data folder, for the tests of the caches."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from skillpath.loading import cache
from tests.conftest import BUNDLED

SOURCES = ["rag", "deep-learning", "mlops", "nlp"]


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of copies of bundled skills under new ids, read after the bundled data.

    Its files are brand new, so the cache would not trust them for two seconds; here it
    trusts any file at once, and the tests give every edit its own modification time."""
    monkeypatch.setattr(cache, "RECENT_NS", 0)
    folder = tmp_path / "team"
    (folder / "skills").mkdir(parents=True)
    for number, source in enumerate(SOURCES, start=1):
        text = (BUNDLED / "skills" / f"{source}.yaml").read_text(encoding="utf-8")
        text = text.replace(f"id: {source}\n", f"id: team-{source}\n", 1)
        text = text.replace("\nname: ", f"\nname: Team {number} ", 1)
        write(folder / "skills" / f"team-{source}.yaml", text, age=number)
    return folder


def write(path: Path, text: str, *, age: int) -> None:
    """Write a file and date it ``age`` hours back, a time no other write in a test has."""
    path.write_text(text, encoding="utf-8")
    moment = 1_700_000_000_000_000_000 - age * 3_600_000_000_000
    os.utime(path, ns=(moment, moment))
