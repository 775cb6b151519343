"""Nothing a person wrote is dropped: `undo` keeps an item's evidence on it, and `skillpath
evidence ITEM` lists the pieces numbered, edits one or removes one, each a history entry."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Invoke

MIDDLE = ("--role", "llm", "--level", "mid")
LINK = "https://git.example/pr/412"


def pieces(invoke_json, item: str = "rag:1") -> list[dict]:
    return invoke_json("evidence", item, *MIDDLE)["evidence"]


def history(home: Path) -> list[dict]:
    lines = (home / "history.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_undo_keeps_the_evidence_and_says_how_much(invoke: Invoke, invoke_json) -> None:
    assert invoke("profile", "set", *MIDDLE).exit_code == 0
    assert invoke("done", "rag:1", "--note", "A", "--link", LINK).exit_code == 0
    undone = invoke("undo", "rag:1")
    assert undone.exit_code == 0, undone.stderr
    item = invoke_json("next", "rag")["checklist"][0]
    assert item["state"] == "todo" and not item["done"]
    assert undone.stdout == (
        f"Back to do: {item['id']}: {item['text']}\nIts 1 piece of evidence is kept on the "
        f"item (`skillpath evidence {item['id']}` lists it).\n"
    )
    again = invoke("undo", "rag:1")
    assert again.stdout == (
        f"{item['id']} is to do already, with 1 piece of evidence kept; nothing changed.\n"
    )
    assert invoke("done", "rag:1", "--note", "B").exit_code == 0
    packet = invoke("progress", "--format", "markdown").stdout
    assert "A ([https://git.example/pr/412]" in packet and ": B" in packet
    report = invoke_json("progress", "rag")
    assert report["summary"]["covered"] == 1
    assert [p["note"] for p in report["skills"][0]["items"][0]["mark"]["evidence"]] == ["A", "B"]


def test_an_undone_item_is_to_do_everywhere_and_lists_its_evidence(
    invoke: Invoke, invoke_json
) -> None:
    invoke("done", "rag:1", *MIDDLE, "--note", "A")
    invoke("undo", "rag:1", *MIDDLE)
    report = invoke_json("progress", *MIDDLE, "rag")
    first = report["skills"][0]["items"][0]
    assert (first["state"], first["mark"]["state"]) == ("todo", "todo")
    assert report["summary"]["covered"] == 0
    assert [
        entry["number"] for entry in invoke_json("next", *MIDDLE, "rag", "--todo")["checklist"]
    ] == [1, 2, 3, 4]
    table = invoke("progress", *MIDDLE, "rag").stdout
    assert "back to do" in table and "- 20" in table  # the piece, dated, under the item
    assert pieces(invoke_json)[0]["note"] == "A"


def test_an_undo_without_evidence_leaves_no_mark(invoke: Invoke, invoke_json) -> None:
    one = invoke_json("start", "rag:1", *MIDDLE)["item"]
    undone = invoke("undo", one)
    assert undone.stdout.startswith(f"Back to do: {one}: ") and "evidence" not in undone.stdout
    assert invoke_json("evidence", one)["state"] is None
    assert invoke("undo", one).stdout == f"{one} was not marked; nothing changed.\n"


def test_done_from_works_after_an_undo(invoke: Invoke, invoke_json) -> None:
    """Evidence put on the wrong item is moved to the right one, even once undone."""
    wrong, right = (entry["id"] for entry in invoke_json("next", *MIDDLE, "rag")["checklist"][:2])
    for note in ("A", "B"):
        invoke("done", wrong, "--note", note)
    invoke("undo", wrong)
    moved = invoke("done", right, "--from", wrong)
    assert moved.exit_code == 0, moved.stderr
    assert f"(evidence moved from {wrong})" in moved.stdout
    assert [p["note"] for p in pieces(invoke_json, right)] == ["A", "B"]
    assert invoke_json("evidence", wrong)["state"] is None


def test_evidence_lists_the_pieces_numbered_oldest_first(invoke: Invoke, invoke_json) -> None:
    invoke("done", "rag:1", *MIDDLE, "--note", "late", "--date", "2026-11-02")
    invoke("done", "rag:1", *MIDDLE, "--note", "early", "--date", "2026-10-01", "--link", LINK)
    listed = invoke_json("evidence", "rag:1", *MIDDLE)
    assert listed["state"] == "done" and listed["in_data"] is True
    assert listed["role"] == {"id": "llm-engineer", "name": "LLM Engineer"}
    assert listed["evidence"] == [
        {"number": 1, "note": "early", "link": LINK, "date": "2026-10-01"},
        {"number": 2, "note": "late", "link": None, "date": "2026-11-02"},
    ]
    table = invoke("evidence", "rag:1", *MIDDLE, columns=120).stdout
    assert "2 pieces of evidence" in table
    assert table.index("early") < table.index("late")
    csv = invoke("evidence", "rag:1", *MIDDLE, "--format", "csv").stdout.splitlines()
    assert csv[0] == "item,skill,number,date,note,link" and csv[2].endswith(",late,")
    assert (
        "| 1 | 2026-10-01 | early |"
        in invoke("evidence", "rag:1", *MIDDLE, "--format", "markdown").stdout
    )
    never = invoke("evidence", "rag:2", *MIDDLE)
    assert never.exit_code == 0 and "No evidence yet." in never.stdout


def test_edit_changes_one_piece_and_nothing_else(
    invoke: Invoke, invoke_json, fresh_home: Path
) -> None:
    invoke("done", "rag:1", *MIDDLE, "--note", "PR 412: query rewritng", "--date", "2026-10-01")
    invoke("done", "rag:1", *MIDDLE, "--note", "Design review", "--date", "2026-10-05")
    invoke("done", "rag:2", *MIDDLE, "--note", "Other item")
    before = json.loads((fresh_home / "progress.yaml").read_text(encoding="utf-8"))
    edited = invoke("evidence", "rag:1", *MIDDLE, "--edit", "1", "--note", "PR 412: rewriting")
    assert edited.exit_code == 0, edited.stderr
    item = invoke_json("next", *MIDDLE, "rag")["checklist"][0]["id"]
    assert edited.stdout == f"Edited {item}, now piece 1: 2026-10-01: PR 412: rewriting\n"
    after = json.loads((fresh_home / "progress.yaml").read_text(encoding="utf-8"))
    assert after["items"][item]["evidence"][0] == {
        "note": "PR 412: rewriting",
        "date": "2026-10-01",
    }
    after["items"][item]["evidence"][0]["note"] = "PR 412: query rewritng"
    assert after == before  # nothing else touched: the other piece, the state, the other item
    linked = invoke_json("evidence", item, "--edit", "2", "--link", LINK, "--date", "2026-09-30")
    assert (linked["action"], linked["piece"], linked["changed"]) == ("edit", 1, True)
    assert linked["mark"]["evidence"][0] == {
        "number": 1,
        "note": "Design review",
        "link": LINK,
        "date": "2026-09-30",
    }
    edits = [entry for entry in history(fresh_home) if entry["action"] == "edit"]
    assert [(entry["piece"], entry["note"]) for entry in edits] == [
        (1, "PR 412: rewriting"),
        (1, "Design review"),
    ]
    log = invoke_json("log")["changes"]
    assert [(c["action"], c["piece"]) for c in log][-2:] == [("edit", 1), ("edit", 1)]


def test_remove_takes_one_piece_and_the_history_keeps_it(
    invoke: Invoke, invoke_json, fresh_home: Path
) -> None:
    for note in ("one", "two", "three"):
        invoke("done", "rag:1", *MIDDLE, "--note", note)
    removed = invoke("evidence", "rag:1", *MIDDLE, "--remove", "2")
    assert removed.exit_code == 0, removed.stderr
    assert removed.stdout.endswith("; it has 2 pieces of evidence left.\n")
    assert [p["note"] for p in pieces(invoke_json)] == ["one", "three"]
    assert invoke_json("progress", *MIDDLE, "rag")["summary"]["covered"] == 1  # still covered
    [entry] = [e for e in history(fresh_home) if e["action"] == "remove"]
    assert (entry["piece"], entry["note"]) == (2, "two")  # what was removed is still written
    assert "removed piece 2" in invoke("log", columns=120).stdout


def test_removing_the_last_piece_of_an_undone_item_forgets_it(invoke: Invoke, invoke_json) -> None:
    invoke("done", "rag:1", *MIDDLE, "--note", "only")
    invoke("undo", "rag:1", *MIDDLE)
    assert invoke("evidence", "rag:1", *MIDDLE, "--remove", "1").exit_code == 0
    assert invoke_json("evidence", "rag:1", *MIDDLE)["state"] is None
    assert invoke_json("progress", *MIDDLE, "rag")["skills"][0]["items"][0]["mark"] is None


def test_evidence_changes_are_checked_as_done_checks_them(invoke: Invoke, fresh_home: Path) -> None:
    invoke("done", "rag:1", *MIDDLE, "--note", "one", "--date", "2026-10-01")
    invoke("done", "rag:1", *MIDDLE, "--note", "two", "--date", "2026-10-02")
    saved = (fresh_home / "progress.yaml").read_bytes()
    for args, words in (
        (("--edit", "3", "--note", "x"), "has 2 pieces of evidence, numbered from 1"),
        (("--edit", "0", "--note", "x"), "0"),
        (("--remove", "9"), "has 2 pieces of evidence"),
        (("--edit", "1"), "give one"),
        (("--edit", "1", "--date", "2999-01-01"), "is in the future"),
        (("--edit", "1", "--date", "yesterday"), "YYYY-MM-DD"),
        (("--edit", "1", "--link", "two words"), "without spaces"),
        (("--edit", "1", "--note", "bad\nline"), "--note"),
        (("--edit", "1", "--note", "two", "--date", "2026-10-02"), "already has a piece"),
        (("--edit", "1", "--remove", "2"), "not both"),
        (("--remove", "1", "--note", "x"), "--remove takes no"),
        (("--note", "x"), "give --edit N too"),
    ):
        result = invoke("evidence", "rag:1", *MIDDLE, *args)
        assert result.exit_code == 2, (args, result.stdout)
        assert words in result.stderr and "Traceback" not in result.stderr
    assert (fresh_home / "progress.yaml").read_bytes() == saved
    assert len(history(fresh_home)) == 2
    unmarked = invoke("evidence", "rag:2", *MIDDLE, "--remove", "1")
    assert unmarked.exit_code == 2 and "has no evidence" in unmarked.stderr


def test_done_run_again_after_undo_covers_the_item_and_adds_no_second_piece(
    invoke: Invoke, invoke_json
) -> None:
    done = ("done", "rag:1", *MIDDLE, "--note", "A", "--link", LINK)
    assert invoke(*done).exit_code == 0
    assert invoke("undo", "rag:1", *MIDDLE).exit_code == 0
    again = invoke(*done)  # the command from the shell's history, after an undo by mistake
    assert again.exit_code == 0, again.stderr
    assert again.stdout.startswith("Covered ")
    assert [piece["note"] for piece in pieces(invoke_json)] == ["A"]
    assert invoke_json("progress", *MIDDLE, "rag")["summary"]["covered"] == 1
    repeated = invoke(*done)  # covered already: the same piece twice is still refused
    assert repeated.exit_code == 2
    assert "already has this piece of evidence" in repeated.stderr
