"""The quick reading of a mark (plan/statefiles.py) makes the same mark as the checks, and
leaves to the checks every mark it is not sure of."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from skillpath.errors import DataError
from skillpath.loading.checks import Checker
from skillpath.loading.document import Document
from skillpath.plan import statefiles

GOOD: dict[str, Any] = {
    "skill": "rag",
    "role": "llm-engineer",
    "level": "senior",
    "text": "Designs production RAG architectures.",
    "state": "done",
    "since": "2026-11-02",
    "evidence": [
        {"note": "Query rewriting", "date": "2026-11-02", "link": "https://git.example/pr/1"},
        {"note": "Team demo", "date": "2026-11-20"},
    ],
}


def variants() -> list[dict[str, Any]]:
    found = []
    for key, value in [
        ("state", "finished"), ("since", "2026-02-30"), ("since", "20261102"),
        ("text", " padded "), ("text", ""), ("text", "x" * 10_001), ("skill", 3),
        ("role", "a\x1bb"), ("level", "a\u202eb"), ("reason", "r" * 2_001), ("reason", "ok"),
        ("extra", "key"), ("evidence", "none"), ("evidence", [{"note": "n"}]),
        ("evidence", [{"note": "n", "date": "2026-01-01", "url": "u"}]),
        ("evidence", [{"note": "a\tb", "date": "2026-01-01"}]), ("evidence", []),
    ]:  # fmt: skip
        changed = copy.deepcopy(GOOD)
        changed[key] = value
        found.append(changed)
    missing = copy.deepcopy(GOOD)
    del missing["since"]
    return [GOOD, missing, *found]


def checked(raw: dict[str, Any]) -> Any:
    document = Document(Path("p.yaml"), {"items": {"b5677e35": raw}})
    check = Checker(document)
    saved, statefiles._well_formed_mark = statefiles._well_formed_mark, lambda *_: None
    try:
        marks = statefiles.marks_at(check, document.data["items"], ("items",))
    finally:
        statefiles._well_formed_mark = saved
    return marks.get("b5677e35") if not check.problems else DataError


@pytest.mark.parametrize("raw", variants())
def test_the_quick_reading_agrees_with_the_checks(raw: dict[str, Any]) -> None:
    quick = statefiles._well_formed_mark("b5677e35", raw)
    if quick is not None:
        assert quick == checked(raw)
    else:
        assert raw is not GOOD


def test_a_well_formed_mark_is_read_quickly() -> None:
    assert statefiles._well_formed_mark("b5677e35", GOOD) is not None
