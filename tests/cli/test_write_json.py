"""Every command that writes answers --json with what it did, so that a script learns which
item it marked and what the mark holds; its errors under --json are JSON too."""

from __future__ import annotations

import json

from tests.conftest import Invoke

MIDDLE = ("--role", "llm", "--level", "mid")


def test_a_script_learns_which_item_it_marked(invoke: Invoke, invoke_json) -> None:
    first = invoke_json("next", *MIDDLE, "rag")["checklist"][0]
    marked = invoke_json("done", "rag:1", *MIDDLE, "--note", "PR 412", "--date", "2026-11-02")
    assert (marked["action"], marked["item"], marked["skill"]) == ("done", first["id"], "rag")
    assert marked["text"] == first["text"] and marked["changed"] is True
    assert marked["before"] is None
    assert marked["mark"] == {
        "role": "llm-engineer",
        "level": "senior",
        "state": "done",
        "since": "2026-11-02",
        "reason": None,
        "evidence": [{"number": 1, "note": "PR 412", "link": None, "date": "2026-11-02"}],
    }
    started = invoke_json("start", first["id"])
    assert (started["before"]["state"], started["mark"]["state"]) == ("done", "started")
    skipped = invoke_json("skip", "rag:2", *MIDDLE, "--reason", "hosted search")
    assert skipped["mark"]["reason"] == "hosted search"


def test_undo_and_evidence_changes_answer_with_the_mark_after(invoke: Invoke, invoke_json) -> None:
    invoke("done", "rag:1", *MIDDLE, "--note", "one")
    invoke("done", "rag:1", *MIDDLE, "--note", "two")
    undone = invoke_json("undo", "rag:1", *MIDDLE)
    assert undone["mark"]["state"] == "todo" and len(undone["mark"]["evidence"]) == 2
    edited = invoke_json("evidence", "rag:1", *MIDDLE, "--edit", "2", "--note", "two, fixed")
    assert (edited["action"], edited["piece"]) == ("edit", 2)
    assert [p["note"] for p in edited["mark"]["evidence"]] == ["one", "two, fixed"]
    removed = invoke_json("evidence", "rag:1", *MIDDLE, "--remove", "1")
    assert [p["note"] for p in removed["mark"]["evidence"]] == ["two, fixed"]
    nothing = invoke_json("undo", "rag:2", *MIDDLE)
    assert (nothing["changed"], nothing["mark"], nothing["before"]) == (False, None, None)


def test_profile_set_and_reset_answer_with_the_profile(invoke: Invoke, invoke_json) -> None:
    saved = invoke_json("profile", "set", *MIDDLE)
    assert (saved["role"]["id"], saved["level"]["id"]) == ("llm-engineer", "middle")
    reset = invoke_json("profile", "reset", "--yes")
    assert (reset["role"], reset["level"], reset["skills"]) == (None, None, [])
    assert invoke_json("profile", "show")["role"] is None


def test_a_refused_write_under_json_is_a_json_error(invoke: Invoke, fresh_home) -> None:
    result = invoke("done", "rag:9", *MIDDLE, "--json")
    assert result.exit_code == 2 and result.stdout == ""
    assert json.loads(result.stderr)["error"]["code"] == "usage"
    piece = invoke("evidence", "rag:1", *MIDDLE, "--remove", "1", "--json")
    assert piece.exit_code == 2 and json.loads(piece.stderr)["error"]["exit_code"] == 2
    assert not (fresh_home / "progress.yaml").exists()
