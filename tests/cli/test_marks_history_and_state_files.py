"""A growth plan a person can trust: queries never write, SKILL:N is a fact of the data and
the role and level in effect, every piece of evidence is kept, items have states, every
change is in the history, and marks survive a reworded item."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from skillpath.plan import store
from tests.conftest import Invoke

MIDDLE = ("--role", "llm", "--level", "mid")


def tree(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` with its size and modification time."""
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in folder.rglob("*")
    }


def rag_checklist(invoke_json, *options: str) -> list[dict]:
    return invoke_json("next", *(options or MIDDLE), "rag")["checklist"]


# -- queries never write -------------------------------------------------------------------

QUERIES = [
    ["list"],
    ["show", "rag"],
    ["next", *MIDDLE],
    ["next"],
    ["path", "--role", "llm", "--from", "junior"],
    ["compare", "--role", "llm", "--level", "mid", "--level", "senior"],
    ["search", "retrieval"],
    ["progress", *MIDDLE],
    ["progress"],
    ["profile", "show"],
    ["log"],
    ["evidence", "rag:1", *MIDDLE],
    ["roles"],
    ["levels"],
]
FORMATS = [[], ["--format", "json"], ["--format", "markdown"], ["--format", "csv"]]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: " ".join(q))
def test_queries_never_create_the_state_folder(invoke: Invoke, fresh_home: Path, query) -> None:
    for fmt in FORMATS:
        invoke(*query, *fmt)
    assert not fresh_home.exists()


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: " ".join(q))
def test_queries_leave_an_existing_state_folder_untouched(
    invoke: Invoke, fresh_home: Path, query
) -> None:
    assert invoke("profile", "set", *MIDDLE).exit_code == 0
    assert invoke("done", "rag:1", "--note", "PR 1").exit_code == 0
    before = tree(fresh_home)
    for fmt in FORMATS:
        result = invoke(*query, *fmt)
        assert "warning" not in result.stderr
    assert tree(fresh_home) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only permissions")
def test_queries_work_without_warnings_in_a_read_only_home(
    invoke: Invoke, invoke_json, fresh_home: Path
) -> None:
    invoke("profile", "set", *MIDDLE)
    fresh_home.chmod(0o555)
    try:
        result = invoke("next", "rag")
        assert result.exit_code == 0 and result.stderr == ""
    finally:
        fresh_home.chmod(0o755)


def test_next_with_a_broken_progress_file_answers_with_a_warning(
    invoke: Invoke, fresh_home: Path
) -> None:
    fresh_home.mkdir()
    (fresh_home / "progress.yaml").write_text("items: [unclosed\n", encoding="utf-8")
    result = invoke("next", *MIDDLE, "rag", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["skills"][0]["id"] == "rag"
    assert result.stderr.startswith("warning: your progress is not shown:")
    assert invoke("progress", *MIDDLE).exit_code == 1


# -- numbering -----------------------------------------------------------------------------


def test_skill_n_counts_in_the_profile_not_in_what_was_viewed_last(
    invoke: Invoke, invoke_json, fresh_home: Path
) -> None:
    invoke("profile", "set", *MIDDLE)
    middle = rag_checklist(invoke_json)
    senior = rag_checklist(invoke_json, "--role", "llm", "--level", "senior")
    assert [entry["number"] for entry in middle] == [1, 2, 3, 4]
    assert invoke("done", "rag:1", "--note", "PR 9").exit_code == 0  # after looking ahead
    report = invoke_json("progress", "rag")
    assert report["summary"]["covered"] == 1
    assert report["skills"][0]["items"][0]["id"] == middle[0]["id"]
    assert invoke("done", "rag:1", "--level", "senior").exit_code == 0
    marked = json.loads((fresh_home / "progress.yaml").read_text(encoding="utf-8"))["items"]
    assert set(marked) == {middle[0]["id"], senior[0]["id"]}


def test_skill_n_without_a_role_and_level_says_how_to_give_them(invoke: Invoke) -> None:
    result = invoke("done", "rag:1")
    assert result.exit_code == 2
    assert "no --role given and no role in your profile" in result.stderr


@pytest.mark.parametrize("ref", ["rag:5", "rag:0", "rag:" + "9" * 4301, "rag#99999999"])
def test_a_number_beyond_the_checklist_is_a_usage_error(invoke: Invoke, ref: str) -> None:
    result = invoke("done", ref, *MIDDLE)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr


# -- evidence ------------------------------------------------------------------------------


def test_every_piece_of_evidence_is_kept_with_its_date_and_link(
    invoke: Invoke, invoke_json
) -> None:
    first = rag_checklist(invoke_json)[0]["id"]
    assert invoke("done", first, "--note", "first evidence", "--date", "2026-10-01").exit_code == 0
    assert (
        invoke(
            "done", first, "--note", "second evidence", "--link", "https://git.example/pr/7"
        ).exit_code
        == 0
    )
    assert invoke("done", first).exit_code == 0  # marking again adds nothing, loses nothing
    item = invoke_json("progress", *MIDDLE, "rag")["skills"][0]["items"][0]
    assert item["state"] == "done"
    pieces = item["mark"]["evidence"]
    assert [(p["note"], p["link"], p["date"][:4]) for p in pieces] == [
        ("first evidence", None, "2026"),
        ("second evidence", "https://git.example/pr/7", pieces[1]["date"][:4]),
    ]
    assert pieces[0]["date"] == "2026-10-01"
    table = invoke("progress", *MIDDLE, "rag", columns=120).stdout
    assert "first evidence" in table and "second evidence" in table
    assert "https://git.example/pr/7" in table
    packet = invoke("progress", *MIDDLE, "rag", "--format", "markdown").stdout
    assert "  - 2026-10-01: first evidence\n" in packet
    assert "second evidence ([https://git.example/pr/7](https://git.example/pr/7))" in packet


def test_the_same_piece_of_evidence_twice_is_refused_and_nothing_changes(
    invoke: Invoke, invoke_json, fresh_home: Path
) -> None:
    piece = ("--note", "ok", "--link", "https://x.example/pr/1", "--date", "2026-12-01")
    assert invoke("done", "rag:1", *MIDDLE, *piece).exit_code == 0
    before = tree(fresh_home)
    again = invoke("done", "rag:1", *MIDDLE, *piece)
    assert again.exit_code == 2
    assert again.stdout == ""
    assert again.stderr.startswith("error: item ")
    assert "already has this piece of evidence" in again.stderr
    assert "'ok', link https://x.example/pr/1, 2026-12-01" in again.stderr
    assert "Traceback" not in again.stderr
    assert tree(fresh_home) == before  # neither the progress nor the history was touched
    [item] = [i for i in invoke_json("progress", *MIDDLE, "rag")["skills"][0]["items"] if i["mark"]]
    assert len(item["mark"]["evidence"]) == 1
    # Another date, note or link is another piece, and is kept.
    other = ("--note", "ok", "--link", "https://x.example/pr/1", "--date", "2026-12-02")
    assert invoke("done", "rag:1", *MIDDLE, *other).exit_code == 0
    assert invoke("done", "rag:1", *MIDDLE, "--note", "ok", "--date", "2026-12-01").exit_code == 0
    [item] = [i for i in invoke_json("progress", *MIDDLE, "rag")["skills"][0]["items"] if i["mark"]]
    assert len(item["mark"]["evidence"]) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--note", " "], "--note must not be empty"),
        (["--note", "a\x1b[31mred"], "--note contains a control character (U+001B)"),
        (["--note", "del\x7f"], "--note contains a control character (U+007F)"),
        (["--note", "x", "--date", "2026-02-30"], "--date takes a real date"),
        (["--note", "x", "--date", "2999-01-01"], "is in the future"),
        (["--note", "x", "--link", "two words"], "--link takes one address"),
        (["--link", "https://x.example"], "give --note too"),
    ],
)
def test_evidence_the_files_would_refuse_is_refused_before_any_write(
    invoke: Invoke, fresh_home: Path, args: list[str], message: str
) -> None:
    result = invoke("done", "rag:1", *MIDDLE, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not fresh_home.exists()


def test_a_note_of_bytes_that_are_not_utf8_is_a_usage_error(fresh_home: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "skillpath", "done", "rag:1", *MIDDLE, "--note", b"\xff"],
        capture_output=True,
        env={**os.environ, "SKILLPATH_HOME": str(fresh_home), "LC_ALL": "C.UTF-8"},
    )
    assert run.returncode == 2, run.stderr
    assert b"Traceback" not in run.stderr
    assert not fresh_home.exists()


# -- states --------------------------------------------------------------------------------


def test_starting_or_skipping_a_covered_item_says_it_was_covered(
    invoke: Invoke, invoke_json
) -> None:
    """Nothing is lost, but the item no longer counts as covered: the person hears of it."""
    one, two, *_ = (entry["id"] for entry in rag_checklist(invoke_json))
    for item in (one, two):
        assert invoke("done", item, "--note", "PR", "--date", "2026-11-02").exit_code == 0
    started = invoke("start", one)
    assert started.exit_code == 0 and started.stderr == ""
    assert started.stdout.startswith(f"Started {one}: ")
    assert started.stdout.endswith("; it was covered on 2026-11-02, and its evidence is kept\n")
    skipped = invoke("skip", two, "--reason", "Hosted")
    assert skipped.stdout.endswith("; it was covered on 2026-11-02, and its evidence is kept\n")
    again = invoke("start", one)  # started already: nothing more to say
    assert again.stdout.startswith(f"Started {one}: ") and "covered" not in again.stdout
    items = invoke_json("progress", *MIDDLE, "rag")["skills"][0]["items"]
    assert [item["state"] for item in items[:2]] == ["started", "skipped"]
    assert [len(item["mark"]["evidence"]) for item in items[:2]] == [1, 1]


def test_marking_an_item_progress_will_not_count_says_so(invoke: Invoke, invoke_json) -> None:
    """An id from `search` or `show` may name a cell other than the next level's: the mark
    is made, and the person hears that `progress` will not count it, and why."""
    principal = invoke_json("show", "rag", "--role", "llm", "--level", "principal")
    far = principal["cells"][0]["items"][0]["id"]
    senior = rag_checklist(invoke_json)[0]["id"]  # the level above Middle
    quiet = invoke("done", far)  # no role or level known: nothing to count against
    assert quiet.exit_code == 0 and quiet.stderr == ""
    told = invoke("start", far, *MIDDLE)
    assert told.exit_code == 0 and told.stdout.startswith(f"Started {far}: ")
    assert told.stderr == (
        "note: `skillpath progress` will not count this item of LLM Engineer at Principal: it "
        "counts Retrieval-Augmented Generation's items for LLM Engineer at Senior, the level "
        "above Middle\n"
    )
    top = invoke("done", far, "--role", "llm", "--level", "principal")
    assert top.stderr.endswith(": LLM Engineer at Principal is the top of the ladder\n")
    other = invoke("skip", far, "--reason", "x", "--role", "data scientist", "--level", "junior")
    assert other.stderr.endswith(
        ": Retrieval-Augmented Generation has no items for Data Scientist\n"
    )
    counted = invoke("done", senior, *MIDDLE)
    assert counted.exit_code == 0 and counted.stderr == ""
    assert invoke_json("progress", *MIDDLE, "rag")["summary"]["covered"] == 1


def test_the_note_says_when_a_skill_asks_nothing_above_your_level(
    invoke: Invoke, invoke_json, data_dir: Path
) -> None:
    path = data_dir / "skills" / "rag.yaml"
    skill = yaml.safe_load(path.read_text(encoding="utf-8"))
    del skill["expectations"]["llm-engineer"]["principal"]
    path.write_text(yaml.safe_dump(skill, sort_keys=False), encoding="utf-8")
    senior = rag_checklist(invoke_json)[0]["id"]
    told = invoke("done", senior, "--role", "llm", "--level", "lead")
    assert told.exit_code == 0
    assert told.stderr.endswith(
        ": Retrieval-Augmented Generation has no items for LLM Engineer at Principal, the "
        "level above Lead, so it counts none\n"
    )


def test_start_skip_and_undo_and_how_progress_counts_them(invoke: Invoke, invoke_json) -> None:
    one, two, three, _ = (entry["id"] for entry in rag_checklist(invoke_json))
    assert invoke("start", "rag:1", *MIDDLE).stdout.startswith(f"Started {one}: ")
    assert invoke("done", two, "--note", "PR 2").exit_code == 0
    skipped = invoke("skip", three, "--reason", "We use a hosted search service")
    assert skipped.exit_code == 0 and skipped.stdout.startswith(f"Skipped {three}: ")
    report = invoke_json("progress", *MIDDLE, "rag")
    assert [item["state"] for item in report["skills"][0]["items"]] == [
        "started",
        "done",
        "skipped",
        "todo",
    ]
    assert report["skills"][0]["items"][2]["mark"]["reason"] == "We use a hosted search service"
    summary = report["summary"]
    assert (summary["covered"], summary["total"], summary["applicable"]) == (1, 4, 3)
    assert (summary["started"], summary["skipped"]) == (1, 1)
    table = invoke("progress", *MIDDLE, "rag").stdout
    assert "1 in progress; 1 skipped as not applicable" in table
    assert "[~]" in table and "[-]" in table and "[x]" in table
    todo = invoke_json("next", *MIDDLE, "rag", "--todo")["checklist"]
    assert [(entry["number"], entry["state"]) for entry in todo] == [(1, "started"), (4, "todo")]
    assert "[x]" not in invoke("next", *MIDDLE, "rag", "--todo").stdout
    assert invoke("undo", one).stdout == f"Back to do: {one}: {todo[0]['text']}\n"
    assert invoke("undo", one).stdout == f"{one} was not marked; nothing changed.\n"
    assert invoke("skip", two).exit_code == 2  # --reason is required


def test_next_required_only_keeps_the_required_skills(invoke_json) -> None:
    every = invoke_json("next", *MIDDLE)
    required = invoke_json("next", *MIDDLE, "--required-only")
    assert 0 < len(required["skills"]) < len(every["skills"])
    assert all(entry["required"] for entry in required["checklist"])
    assert required["summary"]["optional"] == 0


# -- history -------------------------------------------------------------------------------


def test_every_change_is_in_the_history_and_undo_keeps_the_evidence(
    invoke: Invoke, invoke_json, fresh_home: Path
) -> None:
    first = rag_checklist(invoke_json)[0]["id"]
    invoke("start", first)
    invoke("done", first, "--note", "PR 3", "--link", "https://git.example/3")
    invoke("undo", first)
    invoke("skip", "deep-learning:1", *MIDDLE, "--reason", "not our stack")
    lines = (fresh_home / "history.jsonl").read_text(encoding="utf-8").splitlines()
    changes = [json.loads(line) for line in lines]
    assert [c["action"] for c in changes] == ["start", "done", "undo", "skip"]
    assert changes[1]["note"] == "PR 3" and changes[1]["link"] == "https://git.example/3"
    assert {c["role"] for c in changes} == {"llm-engineer"}
    log = invoke_json("log")
    assert [c["action"] for c in log["changes"]] == ["start", "done", "undo", "skip"]
    assert log["changes"][0]["skill"] == {"id": "rag", "name": "Retrieval-Augmented Generation"}
    assert log["changes"][0]["role"] == {"id": "llm-engineer", "name": "LLM Engineer"}
    assert [c["action"] for c in invoke_json("log", "--skill", "rag")["changes"]] == [
        "start",
        "done",
        "undo",
    ]
    assert invoke_json("log", "--since", "2999-01-01")["changes"] == []
    assert "PR 3" in invoke("log", columns=120).stdout
    assert "| done |" in invoke("log", "--format", "markdown").stdout
    assert invoke("log", "--since", "yesterday").exit_code == 2
    assert [c["action"] for c in invoke_json("log", "--last", "2")["changes"]] == ["undo", "skip"]
    newest_of_rag = invoke_json("log", "--skill", "rag", "--last", "1")["changes"]
    assert [c["action"] for c in newest_of_rag] == ["undo"]
    assert len(invoke_json("log", "--last", "99")["changes"]) == 4
    for bad in ("0", "-1", "two"):
        refused = invoke("log", "--last", bad)
        assert refused.exit_code == 2 and "--last" in refused.stderr


def test_a_history_line_cut_short_costs_that_line_only(
    invoke: Invoke, invoke_json, fresh_home: Path
) -> None:
    invoke("done", "rag:1", *MIDDLE)
    history = fresh_home / "history.jsonl"
    with history.open("a", encoding="utf-8") as file:
        file.write('{"time": "2026-11-01T10:00:00+00:00", "action": "do')  # a crash mid-write
    invoke("done", "rag:2", *MIDDLE)
    result = invoke("log", "--json")
    assert result.exit_code == 0
    assert [c["action"] for c in json.loads(result.stdout)["changes"]] == ["done", "done"]
    assert json.loads(result.stdout)["summary"]["unreadable_lines"] == [2]
    assert result.stderr.startswith("warning: history.jsonl: skipped lines")


def test_runs_at_once_lose_no_mark_and_no_history_line(fresh_home: Path) -> None:
    ids = ["b5677e35", "2bf8e222", "7c8a7d1b", "8b48fd8b", "6fced605", "9bf98813"]
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "skillpath", "done", item, "--note", f"note {item}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for item in ids
    ]
    for run in runs:
        _, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
    saved = json.loads((fresh_home / "progress.yaml").read_text(encoding="utf-8"))
    assert set(saved["items"]) == set(ids)
    lines = (fresh_home / "history.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["item"] for line in lines) == sorted(ids)


# -- reworded items ------------------------------------------------------------------------


def test_a_reworded_item_keeps_its_mark_as_stale_and_done_from_moves_the_evidence(
    invoke: Invoke, invoke_json, data_dir: Path
) -> None:
    old = rag_checklist(invoke_json)[0]
    invoke("done", old["id"], "--note", "kept evidence")
    path = data_dir / "skills" / "rag.yaml"
    text = path.read_text(encoding="utf-8")
    assert "query rewriting" in text
    path.write_text(text.replace("query rewriting", "query expansion"), encoding="utf-8")
    new = rag_checklist(invoke_json)[0]
    assert new["id"] != old["id"] and not new["done"]
    [stale] = invoke_json("progress", *MIDDLE, "rag")["stale"]
    assert stale["id"] == old["id"]
    assert stale["closest"] == {"id": new["id"], "text": new["text"], "guess": False}
    assert stale["role"] == {"id": "llm-engineer", "name": "LLM Engineer"}
    assert (
        f"skillpath done {new['id']} --from {old['id']}"
        in invoke("progress", *MIDDLE, "rag", columns=140).stdout
    )
    moved = invoke("done", new["id"], "--from", old["id"], "--note", "and more")
    assert moved.exit_code == 0, moved.stderr
    assert f"(evidence moved from {old['id']})" in moved.stdout
    report = invoke_json("progress", *MIDDLE, "rag")
    assert report["stale"] == []
    notes = [p["note"] for p in report["skills"][0]["items"][0]["mark"]["evidence"]]
    assert notes == ["kept evidence", "and more"]
    assert invoke_json("log")["changes"][-1]["from"] == old["id"]
    assert invoke("done", new["id"], "--from", "ffffffff").exit_code == 2


# -- acting on answers ---------------------------------------------------------------------


def test_search_and_path_show_the_ids_and_numbers_to_mark(invoke: Invoke, invoke_json) -> None:
    hits = invoke_json("search", "query", "rewriting")["hits"]
    hit = next(h for h in hits if h["id"])
    assert hit["role"]["id"] and hit["role"]["name"] and hit["level"]["name"]
    assert isinstance(hit["number"], int)
    table = invoke("search", "query", "rewriting", columns=120).stdout
    assert f"{hit['id']} · item {hit['number']} of " in table
    road = invoke_json("path", "--role", "llm", "--from", "mid", "--to", "senior", "rag")
    assert road["steps"][0]["checklist"][0]["number"] == 1
    assert invoke("done", hit["id"]).exit_code == 0


def test_the_profile_keeps_data_folders(
    invoke: Invoke, invoke_json, tmp_path: Path, fresh_home: Path
) -> None:
    folder = tmp_path / "team"
    (folder / "skills").mkdir(parents=True)
    skill = (Path(__file__).parents[2] / "data" / "skills" / "rag.yaml").read_text("utf-8")
    (folder / "skills" / "team-rag.yaml").write_text(
        skill.replace("id: rag", "id: team-rag", 1), encoding="utf-8"
    )
    assert invoke("profile", "set", "--data-dir", str(folder)).exit_code == 0
    assert invoke_json("profile", "show")["data_dirs"] == [str(folder.resolve())]
    assert "team-rag" in {s["id"] for s in invoke_json("list")["skills"]}
    assert invoke("profile", "set", "--clear-data-dirs").exit_code == 0
    assert "team-rag" not in {s["id"] for s in invoke_json("list")["skills"]}


# -- the files -----------------------------------------------------------------------------

FIRST_RELEASE = """{
  "done": {
    "b5677e35": {
      "skill": "rag",
      "role": "llm-engineer",
      "level": "senior",
      "text": "OLD TEXT",
      "done": "2026-03-01",
      "note": "PR #42"
    }
  },
  "listings": {
    "rag": ["b5677e35", "2bf8e222", "7c8a7d1b"]
  }
}
"""


def test_a_first_release_progress_file_is_read_and_migrated_with_a_backup(
    invoke: Invoke, invoke_json, fresh_home: Path
) -> None:
    fresh_home.mkdir()
    (fresh_home / "progress.yaml").write_text(FIRST_RELEASE, encoding="utf-8")
    before = invoke_json("progress", *MIDDLE, "rag")
    item = before["skills"][0]["items"][0]
    assert item["id"] == "b5677e35" and item["state"] == "done"
    assert item["mark"]["evidence"] == [{"note": "PR #42", "link": None, "date": "2026-03-01"}]
    assert not (fresh_home / "progress.v1.yaml").exists()  # a query migrates nothing
    assert invoke("done", "rag:2", *MIDDLE).exit_code == 0
    assert (fresh_home / "progress.v1.yaml").read_text(encoding="utf-8") == FIRST_RELEASE
    saved = json.loads((fresh_home / "progress.yaml").read_text(encoding="utf-8"))
    assert saved["version"] == 2 and "listings" not in saved
    assert saved["items"]["b5677e35"]["evidence"] == [{"note": "PR #42", "date": "2026-03-01"}]
    after = invoke_json("progress", *MIDDLE, "rag")
    assert after["summary"]["covered"] == 2


def test_a_key_given_twice_in_the_json_progress_file_is_refused(
    invoke: Invoke, fresh_home: Path
) -> None:
    fresh_home.mkdir()
    path = fresh_home / "progress.yaml"
    doubled = FIRST_RELEASE.replace('{\n  "done"', '{\n  "done": {},\n  "done"', 1)
    path.write_text(doubled, encoding="utf-8")
    result = invoke("done", "rag:2", *MIDDLE)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr and str(path) in result.stderr
    assert path.read_text(encoding="utf-8") == doubled


def test_a_deeply_nested_progress_file_is_a_problem_not_a_traceback(
    invoke: Invoke, fresh_home: Path
) -> None:
    fresh_home.mkdir()
    path = fresh_home / "progress.yaml"
    path.write_text("[" * 3000 + "]" * 3000, encoding="utf-8")
    result = invoke("progress", *MIDDLE)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") or str(path) in result.stderr


def test_a_symlinked_progress_file_is_written_through_to_its_target(
    invoke: Invoke, tmp_path: Path, fresh_home: Path
) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    target = dotfiles / "progress.yaml"
    target.write_text("", encoding="utf-8")
    fresh_home.mkdir()
    (fresh_home / "progress.yaml").symlink_to(target)
    assert invoke("done", "rag:1", *MIDDLE).exit_code == 0
    assert (fresh_home / "progress.yaml").is_symlink()
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == 2


@pytest.mark.parametrize(
    "command",
    [
        ["profile", "show"],
        ["progress", *MIDDLE],
        ["log"],
        ["done", "rag:1", *MIDDLE],
        ["profile", "set", "--role", "llm"],
        ["profile", "reset", "--yes"],
    ],
)
def test_a_state_folder_that_is_a_file_is_an_error_and_left_alone(
    invoke: Invoke, fresh_home: Path, command: list[str]
) -> None:
    """Read as no profile and no progress, it showed "(not set)", and every change failed
    with "File exists"; it is named for what it is, and nothing is written."""
    fresh_home.write_text("not a folder\n", encoding="utf-8")
    result = invoke(*command)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.endswith(
        f"error: {fresh_home}: is a file, not a folder: skillpath keeps your profile and "
        "progress in a folder here (SKILLPATH_HOME names another)\n"
    )
    assert fresh_home.read_text(encoding="utf-8") == "not a folder\n"


def test_a_file_above_the_state_folder_is_named_and_a_dangling_link_said(
    invoke: Invoke, fresh_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh_home.write_text("not a folder\n", encoding="utf-8")
    monkeypatch.setenv("SKILLPATH_HOME", str(fresh_home / "sub"))
    assert invoke("profile", "show").exit_code == 0  # no state folder can be: none to read
    result = invoke("profile", "set", "--role", "llm")
    assert result.exit_code == 1
    assert result.stderr == f"error: {fresh_home}: {store.NOT_A_FOLDER}\n"
    link = fresh_home.parent / "dangling"
    link.symlink_to(fresh_home.parent / "nowhere")
    monkeypatch.setenv("SKILLPATH_HOME", str(link))
    assert invoke("profile", "show").exit_code == 0  # not there yet: nothing kept
    written = invoke("profile", "set", "--role", "llm")
    assert written.exit_code == 1
    assert written.stderr == f"error: {link}: is a link to a folder that is not there\n"


def test_a_state_folder_that_is_a_file_costs_next_its_marks_not_its_answer(
    invoke: Invoke, fresh_home: Path
) -> None:
    fresh_home.write_text("not a folder\n", encoding="utf-8")
    result = invoke("next", *MIDDLE, "rag")
    assert result.exit_code == 0 and result.stdout.startswith("LLM Engineer · Middle → Senior")
    assert "warning: your progress is not shown: " in result.stderr


def test_profile_reset_when_the_profile_is_a_folder(invoke: Invoke, fresh_home: Path) -> None:
    (fresh_home / "profile.yaml").mkdir(parents=True)
    result = invoke("profile", "reset", "--yes")
    assert result.exit_code == 1
    assert "is a folder" in result.stderr and "Traceback" not in result.stderr


# -- from a new user's trial ---------------------------------------------------------------


def test_a_history_that_cannot_be_written_stops_the_change_before_progress_is_touched(
    invoke: Invoke, fresh_home: Path
) -> None:
    assert invoke("done", "rag:1", *MIDDLE, "--note", "first").exit_code == 0
    progress = (fresh_home / "progress.yaml").read_bytes()
    (fresh_home / "history.jsonl").unlink()
    (fresh_home / "history.jsonl").mkdir()  # a history that cannot be appended to
    result = invoke("done", "rag:2", *MIDDLE, "--note", "second")
    assert result.exit_code == 1
    assert "history.jsonl" in result.stderr
    assert (fresh_home / "progress.yaml").read_bytes() == progress


def test_a_kept_data_folder_that_is_gone_is_left_out_with_a_warning(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = tmp_path / "team"
    (folder / "skills").mkdir(parents=True)
    skill = (Path(__file__).parents[2] / "data" / "skills" / "rag.yaml").read_text("utf-8")
    (folder / "skills" / "rag.yaml").write_text(skill, encoding="utf-8")
    assert invoke("profile", "set", "--data-dir", str(folder)).exit_code == 0
    shutil.rmtree(folder)
    listed = invoke("list", "--json")
    assert listed.exit_code == 0
    assert "a data folder kept in your profile, is not there" in listed.stderr
    assert invoke("profile", "set", "--clear-data-dirs").exit_code == 0
    assert invoke("list").stderr == ""


def test_profile_set_reads_a_folder_in_full_before_keeping_it(
    invoke: Invoke, tmp_path: Path, fresh_home: Path
) -> None:
    flat = tmp_path / "flat"
    flat.mkdir()
    (flat / "rag.yaml").write_text("id: rag\n", encoding="utf-8")  # no skills/ folder
    result = invoke("profile", "set", "--data-dir", str(flat))
    assert result.exit_code == 1
    assert not (fresh_home / "profile.yaml").exists()


def test_search_says_which_level_its_numbers_count_from(invoke: Invoke, invoke_json) -> None:
    hits = invoke_json("search", "reference", "architecture", "--role", "llm")["hits"]
    lead = next(h for h in hits if h["level"]["id"] == "lead" and h["id"])
    assert lead["from_level"]["id"] == "senior"
    table = invoke("search", "reference", "architecture", "--role", "llm").stdout
    lines = [line.strip() for line in table.splitlines()]
    assert f"{lead['id']} · item {lead['number']} of Senior → Lead" in lines
    checklist = rag_checklist(invoke_json, "--role", "llm", "--level", "senior")
    assert checklist[lead["number"] - 1]["id"] == lead["id"]


@pytest.mark.parametrize("columns", [50, 80])
def test_no_line_of_the_search_table_is_part_of_a_command(invoke: Invoke, columns: int) -> None:
    """A `SKILL:N -r ROLE` wrapped before its `-l LEVEL` is a command of its own, which
    marks an item of the profile's level: the table gives the id to copy, and the number
    in words."""
    table = invoke("search", "co", columns=columns).stdout
    assert " -r " not in table and " -l " not in table


def test_skipped_and_started_items_are_not_ticked_in_markdown(invoke: Invoke) -> None:
    invoke("skip", "rag:1", *MIDDLE, "--reason", "hosted")
    invoke("start", "rag:2", *MIDDLE)
    out = invoke("next", *MIDDLE, "rag", "--format", "markdown").stdout
    assert "- [x]" not in out
    assert "not applicable)" in out and "in progress)" in out


def test_evidence_moves_only_within_its_skill(invoke: Invoke) -> None:
    invoke("done", "rag:1", *MIDDLE, "--note", "rag work")
    rag_item = json.loads(invoke("progress", *MIDDLE, "rag", "--json").stdout)["skills"][0]
    old = rag_item["items"][0]["id"]
    result = invoke("done", "deep-learning:1", *MIDDLE, "--from", old)
    assert result.exit_code == 2
    assert "evidence moves only to the item that replaced it in the same skill" in result.stderr


@pytest.mark.parametrize("note", ["two\nlines", "tab\there", "x" * 2001])
def test_a_note_is_one_line_of_sensible_length(invoke: Invoke, fresh_home: Path, note: str) -> None:
    result = invoke("done", "rag:1", *MIDDLE, "--note", note)
    assert result.exit_code == 2
    assert not fresh_home.exists()


def test_a_backdated_piece_of_evidence_dates_the_mark(invoke_json, invoke: Invoke) -> None:
    invoke("done", "rag:1", *MIDDLE, "--note", "old work", "--date", "2026-01-15")
    mark = invoke_json("progress", *MIDDLE, "rag")["skills"][0]["items"][0]["mark"]
    assert mark["since"] == "2026-01-15"


def test_path_and_next_at_the_top_say_so(invoke: Invoke) -> None:
    result = invoke("path", "--role", "llm", "--from", "principal")
    assert result.exit_code == 2
    assert "Principal is the top of the ladder: there is no path up from it" in result.stderr


def test_next_says_when_its_filters_leave_nothing(invoke: Invoke) -> None:
    for number in (1, 2, 3, 4):
        invoke("done", f"rag:{number}", *MIDDLE)
    out = invoke("next", *MIDDLE, "rag", "--todo").stdout
    assert "Nothing left to show: 1 skill hidden by --todo" in out


def test_a_stale_marks_evidence_is_shown_as_a_current_marks_is(
    invoke: Invoke, invoke_json, data_dir: Path
) -> None:
    old = rag_checklist(invoke_json)[0]
    piece = ("--note", "Rewrote queries for the bot", "--link", "https://git.example/pr/9")
    assert invoke("done", old["id"], *piece, "--date", "2026-11-02").exit_code == 0
    path = data_dir / "skills" / "rag.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("query rewriting", "query expansion"), encoding="utf-8")
    [stale] = invoke_json("progress", *MIDDLE, "rag")["stale"]
    assert stale["id"] == old["id"]
    table = invoke("progress", *MIDDLE, "rag", columns=120).stdout
    block = table[table.index("Reworded or removed") :]
    assert "- 2026-11-02: Rewrote queries for the bot <https://git.example/pr/9>" in block
    packet = invoke("progress", *MIDDLE, "rag", "--format", "markdown").stdout
    stale_part = packet[packet.index("## Reworded or removed") :]
    assert "2026-11-02" in stale_part and "Rewrote queries for the bot" in stale_part
    assert "git.example/pr/9" in stale_part
