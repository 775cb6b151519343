"""`log` on a long history: the table shows the newest changes and says how many it leaves
out and how to see them; --all and --last show what they ask; JSON keeps every change."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from skillpath.plan.history import TABLE_CHANGES
from tests.conftest import Invoke

MIDDLE = ("--role", "llm", "--level", "mid")


def long_history(invoke: Invoke, home: Path, count: int) -> None:
    assert invoke("done", "rag:1", *MIDDLE, "--note", "first").exit_code == 0
    path = home / "history.jsonl"
    change = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            minute, second = divmod(number, 60)
            change.update(
                time=f"2026-11-01T{minute // 60:02d}:{minute % 60:02d}:{second:02d}+00:00"
            )
            change.update(note=f"note {number}")
            out.write(json.dumps(change) + "\n")


def test_the_table_shows_the_newest_and_says_how_to_see_all(
    invoke: Invoke, fresh_home: Path
) -> None:
    long_history(invoke, fresh_home, TABLE_CHANGES + 50)
    result = invoke("log", columns=120)
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == f"The {TABLE_CHANGES} newest of {TABLE_CHANGES + 50} changes"
    assert "note 49 " not in result.stdout + " " and "note 50 " in result.stdout + " "
    assert f"note {TABLE_CHANGES + 49} " in result.stdout + " "
    assert lines[-1].startswith("50 older changes not shown: `skillpath log --all` shows every")
    assert "`--last N` the N newest" in lines[-1]


def test_all_and_last_show_what_they_ask(invoke: Invoke, fresh_home: Path) -> None:
    long_history(invoke, fresh_home, TABLE_CHANGES + 5)
    every = invoke("log", "--all", columns=120).stdout
    assert every.splitlines()[0] == f"{TABLE_CHANGES + 5} changes"
    assert "note 0 " in every + " " and "not shown" not in every
    last = invoke("log", "--last", "300", columns=120).stdout
    assert last.splitlines()[0] == f"{TABLE_CHANGES + 5} changes"  # --last 300 keeps them all
    three = invoke("log", "--last", "3", columns=120).stdout
    assert three.splitlines()[0] == "3 changes" and "not shown" not in three


def test_the_other_formats_keep_every_change(invoke: Invoke, invoke_json, fresh_home: Path) -> None:
    long_history(invoke, fresh_home, TABLE_CHANGES + 5)
    assert len(invoke_json("log")["changes"]) == TABLE_CHANGES + 5
    rows = list(csv.DictReader(io.StringIO(invoke("log", "--format", "csv").stdout)))
    assert len(rows) == TABLE_CHANGES + 5


def test_a_short_history_is_shown_whole(invoke: Invoke) -> None:
    invoke("done", "rag:1", *MIDDLE, "--note", "one")
    out = invoke("log", columns=120).stdout
    assert out.splitlines()[0] == "1 change" and "not shown" not in out
