"""A covered item is dated when it was first covered: the earliest of the day it was
marked covered and its evidence's dates. A piece added later but dated back moves the date
back in `progress`; editing or removing the piece that gave the date moves it to the
earliest piece left; a later piece never moves it."""

from __future__ import annotations

from datetime import date

from skillpath.framework.model import DONE
from skillpath.plan.model import Evidence, Mark, Progress, first_covered, with_state
from tests.conftest import Invoke

MIDDLE = ("--role", "llm", "--level", "mid")


def covered_on(invoke_json, item: str = "rag:1") -> str:
    [entry] = [
        entry
        for skill in invoke_json("progress", *MIDDLE, "rag")["skills"]
        for entry in skill["items"]
        if entry["mark"] and entry["mark"]["state"] == DONE
    ]
    return entry["mark"]["since"]


def test_backdated_evidence_dates_the_item_back(invoke: Invoke, invoke_json) -> None:
    invoke("done", "rag:1", *MIDDLE, "--note", "A", "--date", "2026-11-02")
    assert covered_on(invoke_json) == "2026-11-02"
    invoke("done", "rag:1", *MIDDLE, "--note", "B, the design doc", "--date", "2026-10-01")
    assert covered_on(invoke_json) == "2026-10-01"
    table = invoke("progress", *MIDDLE, "rag").stdout
    assert "covered 2026-10-01" in table and "covered 2026-11-02" not in table
    invoke("done", "rag:1", *MIDDLE, "--note", "C, later", "--date", "2026-12-01")
    assert covered_on(invoke_json) == "2026-10-01"  # a later piece never moves it
    marked = invoke_json("done", "rag:1", *MIDDLE, "--note", "D", "--date", "2026-09-15")
    assert marked["mark"]["since"] == "2026-09-15"  # the answer of the write says it too


def test_fixing_the_piece_that_gave_the_date_moves_it(invoke: Invoke, invoke_json) -> None:
    invoke("done", "rag:1", *MIDDLE, "--note", "A", "--date", "2026-11-02")
    invoke("done", "rag:1", *MIDDLE, "--note", "typo", "--date", "2016-11-05")
    assert covered_on(invoke_json) == "2016-11-05"
    invoke("evidence", "rag:1", *MIDDLE, "--edit", "1", "--date", "2026-11-05")
    assert covered_on(invoke_json) == "2026-11-02"
    invoke("evidence", "rag:1", *MIDDLE, "--edit", "1", "--date", "2026-10-20")
    assert covered_on(invoke_json) == "2026-10-20"
    invoke("evidence", "rag:1", *MIDDLE, "--remove", "1")
    assert covered_on(invoke_json) == "2026-11-05"


def test_evidence_of_an_item_not_covered_leaves_its_date(invoke: Invoke, invoke_json) -> None:
    invoke("done", "rag:1", *MIDDLE, "--note", "A", "--date", "2026-10-01")
    started = invoke_json("start", "rag:1", *MIDDLE)
    assert started["mark"]["state"] == "started"
    assert started["mark"]["since"] != "2026-10-01"  # in progress from today, as before


def test_first_covered_is_the_earliest_date() -> None:
    pieces = [Evidence("a", date(2026, 11, 2)), Evidence("b", date(2026, 10, 1))]
    assert first_covered(date(2026, 12, 6), pieces) == date(2026, 10, 1)
    assert first_covered(date(2026, 9, 1), pieces) == date(2026, 9, 1)
    assert first_covered(date(2026, 9, 1), []) == date(2026, 9, 1)
    mark = Mark("b5677e35", "rag", "llm-engineer", "senior", "x", DONE, date(2026, 11, 2))
    once = with_state(Progress(), mark, pieces[0])
    twice = with_state(once, mark, pieces[1])
    assert twice.marks[mark.item].since == date(2026, 10, 1)
