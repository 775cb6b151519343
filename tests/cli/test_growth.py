"""Growth plans: a profile, progress with evidence, path, compare and search."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from skillpath.cli.app import app
from tests.conftest import TERMINAL, Invoke

# -- profile -------------------------------------------------------------------------------


def test_without_options_or_a_profile_next_says_how_to_set_one(invoke: Invoke) -> None:
    result = invoke("next")
    assert result.exit_code == 2
    assert "skillpath profile set --role ROLE --level LEVEL" in result.stderr


def test_the_profile_is_a_small_readable_file_that_next_path_and_progress_use(
    invoke: Invoke, invoke_json, fresh_home: Path
) -> None:
    shown = invoke_json("profile", "set", "--role", "LLM Engineer", "--level", "mid")
    assert shown["role"]["id"] == "llm-engineer" and shown["level"]["id"] == "middle"
    assert shown["file"] == str(fresh_home / "profile.yaml")
    assert yaml.safe_load((fresh_home / "profile.yaml").read_text(encoding="utf-8")) == {
        "role": "llm-engineer",
        "level": "middle",
    }
    assert invoke_json("next") == invoke_json("next", "--role", "llm", "--level", "middle")
    assert invoke_json("progress")["from"]["id"] == "middle"
    road = invoke_json("path")
    assert (road["from"]["id"], road["to"]["id"]) == ("middle", "principal")
    assert invoke_json("next", "--level", "senior")["from"]["id"] == "senior"  # options win


def test_a_per_skill_level_moves_that_skill_only(invoke_json) -> None:
    invoke_json("profile", "set", "--role", "llm", "--level", "junior")
    invoke_json("profile", "set", "--skill", "deep-learning=senior")
    answer = invoke_json("next")
    by_skill = {step["id"]: step for step in answer["skills"]}
    assert by_skill["deep-learning"]["next"]["level"] == "lead"
    assert by_skill["rag"]["next"]["level"] == "middle"
    shown = invoke_json("profile", "set", "--skill", "deep-learning=")
    assert shown["skills"] == []


def test_profile_set_refuses_unknown_names_and_keeps_the_file(
    invoke: Invoke, invoke_json, fresh_home: Path
) -> None:
    invoke_json("profile", "set", "--role", "ds", "--level", "jr")
    before = (fresh_home / "profile.yaml").read_text(encoding="utf-8")
    result = invoke("profile", "set", "--level", "boss")
    assert result.exit_code == 2
    assert (fresh_home / "profile.yaml").read_text(encoding="utf-8") == before


def test_profile_reset_asks_first_and_yes_skips_the_question(
    invoke: Invoke, invoke_json, fresh_home: Path
) -> None:
    invoke_json("profile", "set", "--role", "ds", "--level", "jr")
    refused = invoke("profile", "reset")
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    assert (fresh_home / "profile.yaml").exists()
    assert invoke("profile", "reset", "--yes").stdout == "Profile reset.\n"
    assert not (fresh_home / "profile.yaml").exists()
    assert invoke_json("profile", "show")["role"] is None


def test_a_hand_broken_profile_is_reported_and_left_alone(invoke: Invoke, fresh_home: Path) -> None:
    fresh_home.mkdir(parents=True)
    path = fresh_home / "profile.yaml"
    path.write_text("role: [llm\n", encoding="utf-8")
    result = invoke("next")
    assert result.exit_code == 1
    assert str(path) in result.stderr and "is not valid YAML" in result.stderr
    assert invoke("profile", "set", "--level", "senior").exit_code == 1
    assert path.read_text(encoding="utf-8") == "role: [llm\n"


def test_reading_the_framework_past_a_broken_profile_says_so(
    invoke: Invoke, fresh_home: Path
) -> None:
    """Its data folders cannot be known: the answer is the bundled data's, and says why."""
    fresh_home.mkdir(parents=True)
    (fresh_home / "profile.yaml").write_text("data_dirs: [team\n", encoding="utf-8")
    result = invoke("list", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["skills"]
    assert result.stderr.startswith(
        "warning: your profile cannot be read, so no data folder kept in it is used: "
    )
    assert "profile.yaml" in result.stderr and result.stderr.count("\n") == 1


# -- progress ------------------------------------------------------------------------------


def test_done_by_id_or_by_number_and_undo(invoke: Invoke, invoke_json, fresh_home: Path) -> None:
    listing = invoke_json("next", "--role", "llm", "--level", "mid", "rag")
    first, second, *_ = [item["id"] for item in listing["checklist"]]
    marked = invoke("done", first, "--note", "PR #42: query rewriting")
    assert marked.exit_code == 0 and marked.stdout.startswith(f"Covered {first}: ")
    assert invoke("done", "rag:2", "-r", "llm", "-l", "mid").exit_code == 0
    saved = yaml.safe_load((fresh_home / "progress.yaml").read_text(encoding="utf-8"))
    assert saved["items"][first]["evidence"][0]["note"] == "PR #42: query rewriting"
    assert set(saved["items"]) == {first, second}
    report = invoke_json("progress", "--role", "llm", "--level", "mid", "rag")
    [rag] = report["skills"]
    assert (rag["covered"], rag["total"]) == (2, 4)
    assert report["summary"] == {
        "covered": 2,
        "total": 4,
        "applicable": 4,
        "started": 0,
        "skipped": 0,
        "required_covered": 2,
        "required_total": 4,
    }
    assert invoke("undo", first).stdout.startswith(f"Back to do: {first}: ")
    assert (
        invoke_json("progress", "--role", "llm", "--level", "mid", "rag")["summary"]["covered"] == 1
    )
    assert [
        item["done"] for item in invoke_json("next", "-r", "llm", "-l", "mid", "rag")["checklist"]
    ] == [False, True, False, False]


@pytest.mark.parametrize("ref", ["ffffffff", "rag:9", "nosuch:1", "hello"])
def test_an_unknown_item_is_a_usage_error(invoke: Invoke, invoke_json, ref: str) -> None:
    result = invoke("done", ref, "--role", "llm", "--level", "mid")
    assert result.exit_code == 2
    assert result.stderr.startswith(("error: no item", "error: no skill", "error: Retrieval"))


def test_progress_as_markdown_is_a_promotion_packet(invoke: Invoke, invoke_json) -> None:
    listing = invoke_json("next", "--role", "llm", "--level", "mid", "rag")
    invoke("done", listing["checklist"][0]["id"], "--note", "design doc: go/rag-v2")
    out = invoke("progress", "-r", "llm", "-l", "mid", "rag", "--format", "markdown").stdout
    assert out.startswith("# Promotion packet: LLM Engineer, Middle to Senior\n")
    assert "## Retrieval-Augmented Generation (required, 1/4)" in out
    assert "  - " in out and ": design doc: go/rag-v2" in out
    assert out.count("- [ ] ") == 3 and out.count("- [x] ") == 1


def test_progress_table_has_bars_and_evidence(invoke: Invoke, invoke_json) -> None:
    listing = invoke_json("next", "--role", "llm", "--level", "mid", "rag")
    invoke("done", listing["checklist"][0]["id"], "--note", "PR 42")
    out = invoke("progress", "-r", "llm", "-l", "mid").stdout
    assert "Overall" in out and "Required" in out and "1/" in out
    assert "PR 42" in out


def test_a_marked_item_the_data_no_longer_has_is_shown_as_stale(
    invoke: Invoke, invoke_json, data_dir: Path
) -> None:
    listing = invoke_json("next", "--role", "llm", "--level", "mid", "rag")
    item = listing["checklist"][0]
    invoke("done", item["id"], "--note", "kept")
    path = data_dir / "skills" / "rag.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("query rewriting", "query expansion"),
        encoding="utf-8",
    )
    report = invoke_json("progress", "-r", "llm", "-l", "mid", "rag")
    assert report["summary"]["covered"] == 0
    assert [(s["id"], s["text"], s["mark"]["evidence"][0]["note"]) for s in report["stale"]] == [
        (item["id"], item["text"], "kept")
    ]
    assert "Reworded or removed" in invoke("progress", "-r", "llm", "-l", "mid", "rag").stdout
    assert invoke("done", item["id"]).exit_code == 2
    assert invoke("undo", item["id"]).exit_code == 0  # back to do: its evidence is kept
    [kept] = invoke_json("progress", "-r", "llm", "-l", "mid", "rag")["stale"]
    assert kept["mark"]["state"] == "todo" and kept["mark"]["evidence"][0]["note"] == "kept"
    assert invoke("evidence", item["id"], "--remove", "1").exit_code == 0  # nothing left
    assert invoke_json("progress", "-r", "llm", "-l", "mid", "rag")["stale"] == []


def test_a_hand_broken_progress_file_is_reported_with_its_line_and_never_overwritten(
    invoke: Invoke, invoke_json, fresh_home: Path
) -> None:
    invoke("done", "rag:2", "-r", "llm", "-l", "mid")
    path = fresh_home / "progress.yaml"
    broken = path.read_text(encoding="utf-8") + "items: {b5677e35: {skill: rag\n"
    path.write_text(broken, encoding="utf-8")
    result = invoke("done", "rag:1", "-r", "llm", "-l", "mid")
    assert result.exit_code == 1
    assert f"{path}:" in result.stderr and "is not valid YAML" in result.stderr
    assert invoke("next", "-r", "llm", "-l", "mid").exit_code == 0  # a query answers anyway
    assert path.read_text(encoding="utf-8") == broken


# -- path, compare, search -----------------------------------------------------------------


def test_path_has_every_step_between_two_levels(invoke_json) -> None:
    road = invoke_json("path", "--role", "llm", "--from", "junior", "--to", "lead", "rag")
    assert [(s["from"]["id"], s["to"]["id"]) for s in road["steps"]] == [
        ("junior", "middle"),
        ("middle", "senior"),
        ("senior", "lead"),
    ]
    assert all(s["skills"][0]["next"]["level"] == s["to"]["id"] for s in road["steps"])


@pytest.mark.parametrize(("start", "end"), [("senior", "junior"), ("lead", "lead")])
def test_path_must_go_up(invoke: Invoke, start: str, end: str) -> None:
    result = invoke("path", "--role", "ds", "--from", start, "--to", end)
    assert result.exit_code == 2
    assert "a path goes up the ladder" in result.stderr


def test_compare_two_roles_at_a_level(invoke_json) -> None:
    answer = invoke_json("compare", "--role", "ds", "--role", "llm", "--level", "senior")
    shared = {entry["id"] for entry in answer["shared"]}
    assert "deep-learning" in shared
    assert "rag" in {s["id"] for s in answer["only_b"]}
    assert "statistics-experimentation" in {s["id"] for s in answer["only_a"]}
    deep = next(entry for entry in answer["shared"] if entry["id"] == "deep-learning")
    assert (deep["a"]["role"], deep["b"]["role"], deep["a"]["level"]) == (
        "data-scientist",
        "llm-engineer",
        "senior",
    )


@pytest.mark.parametrize("columns", [120, 50])
def test_the_compare_table_marks_each_sides_required_cells(
    invoke: Invoke, invoke_json, columns: int
) -> None:
    """What two roles are compared on is which cells each requires, as `show` marks them."""
    args = ("compare", "--role", "ds", "--role", "llm", "--level", "mid")
    answer = invoke_json(*args)
    cells = {entry["id"]: (entry["a"], entry["b"]) for entry in answer["shared"]}
    a, b = cells["ml-fundamentals"]
    assert (a["required"], b["required"]) == (True, False)
    table = invoke(*args, columns=columns)
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    flags = [word for line in lines for word in line.split() if word in {"required", "optional"}]
    shared = len(answer["shared"])
    assert len(flags) == 2 * shared  # one flag on each side of every skill in common
    assert flags.count("required") == sum(x["required"] + y["required"] for x, y in cells.values())
    # ML fundamentals: required on the Data Scientist's side, optional on the LLM Engineer's.
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("Machine Learning"))
    assert "required" in " ".join(lines[start : start + 6])
    first_flags = [
        w for line in lines[start:] for w in line.split() if w in {"required", "optional"}
    ]
    assert first_flags[:2] == ["required", "optional"]


def test_compare_two_levels_of_a_role_puts_the_lower_first(invoke_json) -> None:
    answer = invoke_json("compare", "--role", "llm", "--level", "lead", "--level", "jr", "rag")
    assert (answer["a"]["level"]["id"], answer["b"]["level"]["id"]) == ("junior", "lead")
    assert answer["only_a"] == answer["only_b"] == []


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "--role", "ds"],
        ["compare", "-r", "ds", "-r", "llm", "-l", "jr", "-l", "sr"],
        ["compare", "-r", "ds", "-r", "ds", "-l", "jr"],
    ],
)
def test_compare_needs_two_of_one_kind(invoke: Invoke, args: list[str]) -> None:
    assert invoke(*args).exit_code == 2


def test_search_ignores_case_and_accents_and_needs_every_word(invoke_json, invoke: Invoke) -> None:
    hits = invoke_json("search", "VECTOR", "databases")["hits"]
    assert hits and all(
        "vector" in hit["text"].lower() and "database" in hit["text"].lower() for hit in hits
    )
    assert invoke_json("search", "Rétrieval")["hits"][0] == {
        "skill": "rag",
        "name": "Retrieval-Augmented Generation",
        "role": None,
        "level": None,
        "id": None,
        "number": None,
        "from_level": None,
        "text": "Retrieval-Augmented Generation",
        "field": "name",
        "score": invoke_json("search", "retrieval")["hits"][0]["score"],
    }
    narrowed = invoke_json("search", "attention", "--role", "llm", "--level", "senior")["hits"]
    assert narrowed and {(h["role"]["id"], h["level"]["id"]) for h in narrowed} == {
        ("llm-engineer", "senior")
    }
    table = invoke("search", "ablation").stdout
    assert "Deep Learning" in table and "1 match for 'ablation'" in table


def test_search_highlights_the_matched_words_in_tables() -> None:
    from skillpath.framework.search import search
    from skillpath.loading import Catalog
    from skillpath.render.table.framework import search as draw_search
    from tests.conftest import BUNDLED

    catalog = Catalog(BUNDLED)
    result = search(catalog.framework, catalog.skills(), "ABLATION studies")
    [table] = draw_search(result, 80)
    text = table.columns[2]._cells[0]
    marked = [text.plain[s.start : s.end] for s in text.spans if s.style == "bold reverse"]
    assert marked == ["ablation", "studies"]


def test_search_ranks_names_above_items(invoke_json) -> None:
    hits = invoke_json("search", "fine-tuning")["hits"]
    assert hits[0]["role"] is None and hits[0]["skill"] == "fine-tuning"
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)


def test_the_progress_file_is_plain_json_and_a_yaml_edit_of_it_still_reads(
    invoke: Invoke, invoke_json, fresh_home: Path
) -> None:
    import json

    invoke_json("next", "-r", "llm", "-l", "mid", "rag")
    invoke("done", "rag:1", "--note", "PR 1", "-r", "llm", "-l", "mid")
    path = fresh_home / "progress.yaml"
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["items"]["b5677e35"]["evidence"][0]["note"] == "PR 1"
    path.write_text(yaml.safe_dump(saved), encoding="utf-8")  # a person's YAML edit of it
    assert invoke_json("progress", "-r", "llm", "-l", "mid", "rag")["summary"]["covered"] == 1
    saved["items"]["b5677e35"]["since"] = 3
    path.write_text(json.dumps(saved, indent=2), encoding="utf-8")
    result = invoke("progress", "-r", "llm", "-l", "mid", "rag")
    assert result.exit_code == 1
    assert "items.b5677e35.since: must be a date written YYYY-MM-DD" in result.stderr
    assert f"{path}:" in result.stderr


def test_profile_set_writes_nothing_when_a_name_is_wrong(invoke: Invoke, fresh_home: Path) -> None:
    fresh_home.mkdir(parents=True)
    path = fresh_home / "profile.yaml"
    path.write_text("role: nobody\nlevel: junior\n", encoding="utf-8")
    result = invoke("profile", "set", "--level", "senior")
    assert result.exit_code == 2
    assert "no role 'nobody'" in result.stderr
    assert path.read_text(encoding="utf-8") == "role: nobody\nlevel: junior\n"
    used = invoke("next")
    assert used.exit_code == 2
    assert used.stderr.startswith(
        "error: your profile's role is not in the data in use (no role 'nobody'"
    )


def test_next_answers_quietly_where_no_state_folder_can_be(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    runner = CliRunner(env={**TERMINAL, "SKILLPATH_HOME": str(blocker / "home")})
    result = runner.invoke(app, ["next", "-r", "llm", "-l", "mid", "rag", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["skills"][0]["id"] == "rag"
    assert result.stderr == ""


def test_a_skill_at_the_top_by_its_own_level_is_not_a_gap(invoke: Invoke, invoke_json) -> None:
    invoke_json(
        "profile", "set", "--role", "llm", "--level", "mid", "--skill", "deep-learning=principal"
    )
    out = " ".join(invoke("next", "rag", "deep-learning").stdout.split())
    assert "does not describe" not in out
    assert "Shapes organizational architectural research strategy." in out


def test_path_numbers_items_as_done_counts_them_from_each_rung(invoke: Invoke) -> None:
    out = invoke("path", "-r", "llm", "--from", "senior", "--to", "lead", "rag", columns=120).stdout
    assert "1. [ ] Sets the team's RAG reference architecture" in out
    assert "`skillpath done SKILL:N --level senior`" in out


def test_search_matches_words_not_parts_of_words(invoke_json) -> None:
    hits = invoke_json("search", "rag")["hits"]
    assert hits[0]["skill"] == "rag" and hits[0]["role"] is None
    assert not [
        h for h in hits if "coverage" in h["text"].lower() and " rag" not in f" {h['text'].lower()}"
    ]


def test_progress_at_forty_columns_keeps_its_counts(invoke: Invoke) -> None:
    out = invoke("progress", "-r", "llm", "-l", "mid", columns=40).stdout
    assert "0/77" in out and "0/39" in out
    assert "…" not in out


# -- from a code review ----------------------------------------------------------------------


def test_progress_for_named_skills_does_not_call_other_marks_stale(
    invoke: Invoke, invoke_json
) -> None:
    assert invoke("done", "deep-learning:1", "-r", "llm", "-l", "mid").exit_code == 0
    report = invoke_json("progress", "-r", "llm", "-l", "mid", "rag")
    assert report["stale"] == []


def test_profile_changes_at_once_lose_nothing(fresh_home: Path) -> None:

    import yaml

    skills = ["rag", "nlp", "mlops", "deep-learning", "fine-tuning", "model-evaluation"]
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "skillpath", "profile", "set", "--skill", f"{skill}=senior"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for skill in skills
    ]
    for run in runs:
        _, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
    saved = yaml.safe_load((fresh_home / "profile.yaml").read_text(encoding="utf-8"))
    assert saved["skills"] == dict.fromkeys(sorted(skills), "senior")


def test_path_names_its_own_option_when_the_level_is_missing(invoke: Invoke) -> None:
    result = invoke("path", "-r", "llm")
    assert result.exit_code == 2
    assert "no --from given" in result.stderr and "give --from" in result.stderr


def test_an_emptied_progress_or_profile_file_is_an_empty_one(
    invoke: Invoke, fresh_home: Path
) -> None:
    fresh_home.mkdir(parents=True)
    (fresh_home / "progress.yaml").write_text("", encoding="utf-8")
    (fresh_home / "profile.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert invoke("next", "-r", "llm", "-l", "mid", "rag").exit_code == 0
    assert invoke("profile", "show").exit_code == 0


def test_a_bad_level_kept_in_the_profile_is_explained(invoke: Invoke, fresh_home: Path) -> None:
    fresh_home.mkdir(parents=True)
    (fresh_home / "profile.yaml").write_text(
        "role: llm-engineer\nlevel: middle\nskills:\n  rag: nosuch\n", encoding="utf-8"
    )
    result = invoke("profile", "show")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: your profile's level in rag is not in the data in use")
    assert invoke("profile", "set", "--skill", "rag=").exit_code == 0
    assert invoke("profile", "show").exit_code == 0


def test_the_compare_markdown_marks_each_sides_required_cells(invoke: Invoke) -> None:
    args = ("compare", "--role", "ds", "--role", "llm", "--level", "mid", "--format", "markdown")
    lines = invoke(*args).stdout.splitlines()
    row = next(line for line in lines if line.startswith("| Machine Learning"))
    skill, first, second = row.strip("|").split("|")
    assert skill.strip() == "Machine Learning Fundamentals"
    assert first.strip().startswith("*required:* Independently selects")
    assert second.strip().startswith("*optional:* Independently applies")
