"""Every command that writes answers --json with what it did, so that a script learns which
item it marked and what the mark holds; its errors under --json are JSON too."""

from __future__ import annotations

import json

from tests.conftest import Invoke

MIDDLE = ("--role", "llm", "--level", "mid")
CELLS = (
    "skill,name,domain,role,level,required,description\n"
    "data-eng,Data Engineering,Platform,backend,one,yes,Builds pipelines.\n"
    "data-eng,Data Engineering,Platform,backend,two,no,Designs pipelines.\n"
)


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


def test_init_new_and_import_answer_with_the_files_they_wrote(
    invoke: Invoke, invoke_json, tmp_path
) -> None:
    career = tmp_path / "career"
    started = invoke_json("init", str(career), "--name", "Platform", "-l", "Level 1", "-l",
                          "Level 2", "-r", "Backend", "-r", "SRE")  # fmt: skip
    assert started == {
        "action": "init",
        "folder": str(career),
        "files": [str(career / "framework.yaml")],
        "skills": [],
        "levels": ["level-1", "level-2"],
        "roles": ["backend", "sre"],
        "pages": None,
    }
    made = invoke_json("new", "data-eng", "-d", str(career))
    assert (made["folder"], made["skills"]) == (str(career), ["data-eng"])
    assert made["files"] == [str(career / "skills" / "data-eng.yaml")]
    assert (career / "skills" / "data-eng.yaml").is_file()
    sheet = tmp_path / "all.csv"
    sheet.write_text(CELLS.replace("one", "level-1").replace("two", "level-2"), encoding="utf-8")
    # The draft that `new` wrote is told of on stderr as the folder is read; stdout is JSON.
    into = json.loads(
        invoke("import", str(sheet), "--into", str(career), "--force", "--json").stdout
    )
    assert (into["action"], into["folder"], into["skills"]) == ("import", str(career), ["data-eng"])
    single = tmp_path / "rag.yaml"
    (tmp_path / "rag.csv").write_text(invoke("show", "rag", "-f", "csv").stdout, encoding="utf-8")
    one = invoke_json("import", str(tmp_path / "rag.csv"), "--output", str(single))
    assert (one["folder"], one["files"], one["skills"]) == (None, [str(single)], ["rag"])
    assert single.read_text(encoding="utf-8").startswith("id: rag")


def test_the_plain_words_of_writes_stay_as_they_were(invoke: Invoke, tmp_path) -> None:
    career = tmp_path / "career"
    started = invoke("init", str(career), "--name", "P", "-l", "One", "-r", "Backend")
    assert started.stdout == (
        f"Wrote {career / 'framework.yaml'}: 1 level, 1 role, no skills yet. Then: "
        f"skillpath new SKILL-ID -d {career}, or skillpath import FILE.csv --into {career}\n"
    )
    made = invoke("new", "x", "-d", str(career))
    target = career / "skills" / "x.yaml"
    assert (
        made.stdout
        == f"Wrote {target}: 1 description to write. Then: skillpath validate {target}\n"
    )


def test_import_to_stdout_under_json_says_to_name_where(invoke: Invoke, tmp_path) -> None:
    page = tmp_path / "rag.csv"
    page.write_text(invoke("show", "rag", "-f", "csv").stdout, encoding="utf-8")
    result = invoke("import", str(page), "--json")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--output FILE or --into DIR" in json.loads(result.stderr)["error"]["message"]
    assert invoke("import", str(page)).stdout.startswith("id: rag")


def test_site_answers_with_its_pages_and_files(invoke_json, tmp_path) -> None:
    built = invoke_json("site", str(tmp_path / "out"))
    assert (built["action"], built["folder"]) == ("site", str(tmp_path / "out"))
    assert str(tmp_path / "out" / "index.html") in built["files"] and built["pages"] > 1
    assert all((tmp_path / "out" / path).exists() for path in built["files"])
