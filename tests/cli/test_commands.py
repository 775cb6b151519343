"""The commands as a user runs them: exit codes, stdout and stderr apart, parsed JSON."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from skillpath.cli.app import command_names
from tests.conftest import Invoke


def test_show_has_the_header_and_every_level_for_both_roles(invoke: Invoke) -> None:
    result = invoke("show", "deep-learning")
    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Deep", "Learning", "deep-learning"]
    assert "Machine Learning & AI · updated 2026-02-22" in lines[1]
    assert "2 roles · 5 levels · 0 required · 10 optional" in lines[2]
    for heading in (
        "Data Scientist",
        "LLM Engineer",
        "Junior",
        "Middle",
        "Senior",
        "Lead",
        "Principal",
    ):
        assert heading in result.stdout
    assert "…" not in result.stdout


@pytest.mark.parametrize("columns", [50, 80, 120, 200])
def test_show_never_cuts_a_description(invoke: Invoke, invoke_json, columns: int) -> None:
    result = invoke("show", "deep-learning", columns=columns)
    assert result.exit_code == 0
    assert max(len(line.rstrip()) for line in result.stdout.splitlines()) <= columns
    assert "…" not in result.stdout
    # Every word of every description is on screen, however the columns wrap them.
    shown = Counter(result.stdout.split())
    wanted = Counter(
        word
        for cell in invoke_json("show", "deep-learning")["cells"]
        for word in cell["description"].split()
    )
    assert not wanted - shown


def test_show_puts_roles_side_by_side_only_when_there_is_room(invoke: Invoke) -> None:
    wide = invoke("show", "deep-learning", columns=120).stdout
    narrow = invoke("show", "deep-learning", columns=80).stdout
    assert any("Data Scientist" in line and "LLM Engineer" in line for line in wide.splitlines())
    assert not any(
        "Data Scientist" in line and "LLM Engineer" in line for line in narrow.splitlines()
    )


def test_show_narrows_to_a_role_and_levels(invoke_json) -> None:
    shown = invoke_json(
        "show", "Deep Learning", "--role", "Data Scientist", "--level", "sr", "-l", "LEAD"
    )
    assert [role["id"] for role in shown["roles"]] == ["data-scientist"]
    assert [level["id"] for level in shown["levels"]] == ["senior", "lead"]
    assert [(c["role"], c["level"]) for c in shown["cells"]] == [
        ("data-scientist", "senior"),
        ("data-scientist", "lead"),
    ]
    assert shown["summary"] == {"roles": 1, "levels": 2, "required": 0, "optional": 2}


def test_show_keeps_the_ladder_order_whatever_order_levels_are_given_in(invoke_json) -> None:
    shown = invoke_json("show", "deep-learning", "--level", "principal", "--level", "junior")
    assert [level["id"] for level in shown["levels"]] == ["junior", "principal"]


def test_show_table_with_one_role_shows_only_that_role(invoke: Invoke) -> None:
    result = invoke("show", "deep-learning", "--role", "llm")
    assert result.exit_code == 0
    assert "LLM Engineer" in result.stdout
    assert "Data Scientist" not in result.stdout


def test_next_lists_the_next_level_as_a_checklist(invoke: Invoke, invoke_json) -> None:
    result = invoke("next", "--role", "LLM Engineer", "--level", "middle")
    assert result.exit_code == 0
    assert result.stderr == ""
    out = " ".join(result.stdout.split())
    assert out.startswith("LLM Engineer · Middle → Senior")
    summary = invoke_json("next", "--role", "LLM Engineer", "--level", "middle")["summary"]
    assert summary["skills"] > 1
    assert (
        f"To reach Senior: {summary['items']} items to cover in {summary['skills']} skills "
        f"({summary['required']} required, {summary['optional']} optional)."
    ) in out
    assert out.count("[ ] ") == summary["items"]
    assert "2. [ ] Conducts ablation studies to optimize architectural" in out


def test_next_json_has_current_next_and_checklist(invoke_json) -> None:
    answer = invoke_json("next", "--role", "llm-engineer", "--level", "MID")
    assert answer["role"] == {"id": "llm-engineer", "name": "LLM Engineer"}
    assert answer["from"] == {"id": "middle", "name": "Middle"}
    assert answer["to"] == {"id": "senior", "name": "Senior"}
    assert answer["top"] is False
    [step] = [s for s in answer["skills"] if s["id"] == "deep-learning"]
    assert step["current"]["level"] == "middle"
    assert step["next"]["level"] == "senior"
    texts = [item["text"] for item in answer["checklist"] if item["skill"] == "deep-learning"]
    assert texts == [item["text"] for item in step["next"]["items"]]
    assert answer["summary"]["items"] == len(answer["checklist"])


def test_next_puts_required_skills_first(invoke_json) -> None:
    answer = invoke_json("next", "--role", "data-scientist", "--level", "junior")
    flags = [step["next"]["required"] for step in answer["skills"]]
    assert flags == sorted(flags, reverse=True)
    checklist_flags = [item["required"] for item in answer["checklist"]]
    assert checklist_flags == sorted(checklist_flags, reverse=True)


def test_next_can_be_narrowed_to_a_skill(invoke_json) -> None:
    answer = invoke_json("next", "-r", "ds", "-l", "junior", "Deep Learning")
    assert [step["id"] for step in answer["skills"]] == ["deep-learning"]


def test_next_at_the_top_says_so_and_succeeds(invoke: Invoke, invoke_json) -> None:
    result = invoke("next", "--role", "llm", "--level", "principal")
    assert result.exit_code == 0
    assert "Principal is the top of the ladder" in result.stdout
    answer = invoke_json("next", "--role", "llm", "--level", "principal")
    assert answer["top"] is True
    assert answer["to"] is None
    assert answer["checklist"] == []
    assert all(
        step["next"] is None and step["current"]["level"] == "principal"
        for step in answer["skills"]
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["next", "-r", "llm", "-l", "mid", "-l", "senior"],
            "error: --level was given more than once ('mid', 'senior'); give it once\n",
        ),
        (
            ["next", "-r", "llm", "-r", "ds", "-l", "mid"],
            "error: --role was given more than once ('llm', 'ds'); give it once\n",
        ),
        (
            ["next", "-l", "mid"],
            "error: no --role given and no role in your profile; give --role, or set them once "
            "with `skillpath profile set --role ROLE --level LEVEL`\n",
        ),
    ],
)
def test_next_takes_one_role_and_one_level(invoke: Invoke, args: list[str], message: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr == message


def test_next_at_the_top_puts_required_skills_first_too(invoke_json) -> None:
    answer = invoke_json("next", "--role", "ds", "--level", "principal")
    flags = [step["current"]["required"] for step in answer["skills"]]
    assert True in flags and False in flags
    assert flags == sorted(flags, reverse=True)


def test_next_says_which_skills_do_not_describe_the_next_level(invoke: Invoke, data_dir) -> None:
    path = data_dir / "skills" / "rag.yaml"
    text = path.read_text(encoding="utf-8")
    lead = text.index("    lead:")
    path.write_text(text[:lead] + text[text.index("    principal:") :], encoding="utf-8")
    out = " ".join(invoke("next", "-r", "llm", "-l", "senior", "rag").stdout.split())
    assert (
        "To reach Lead: 0 items to cover in 1 skill (0 required, 0 optional). 1 skill does not describe Lead for LLM Engineer."
        in out
    )
    assert "(not described in the data)" in out


@pytest.mark.parametrize(
    ("command", "code"),
    [
        (["show", "deep-learning"], 0),
        (["next", "deep-learning", "-r", "llm", "-l", "mid"], 0),
        (["path", "deep-learning", "-r", "llm", "--from", "junior"], 0),
        (["list"], 1),
        (["search", "attention"], 1),
        (["next", "-r", "llm", "-l", "mid"], 1),
        (["compare", "-r", "llm", "-l", "mid", "-l", "senior"], 1),
    ],
)
def test_a_broken_file_stops_the_commands_that_read_it(
    invoke: Invoke, data_dir, command: list[str], code: int
) -> None:
    """As docs/errors.md says: a command over named skills reads their files alone, so another
    skill's broken file does not stop it; one over every skill reports it."""
    (data_dir / "skills" / "rag.yaml").write_text("broken: [\n", encoding="utf-8")
    result = invoke(*command)
    assert result.exit_code == code
    assert ("rag.yaml" in result.stderr) == (code == 1)
    assert (result.stdout == "") == (code == 1)


def test_list_counts_each_skill(invoke_json) -> None:
    [skill] = [s for s in invoke_json("list")["skills"] if s["id"] == "deep-learning"]
    assert skill["name"] == "Deep Learning"
    assert skill["domain"] == "Machine Learning & AI"
    assert skill["updated"] == "2026-02-22"
    assert [role["id"] for role in skill["roles"]] == ["data-scientist", "llm-engineer"]
    assert skill["summary"] == {"roles": 2, "levels": 5, "required": 0, "optional": 10}


def test_list_table_names_every_skill(invoke: Invoke, invoke_json) -> None:
    result = invoke("list")
    assert result.exit_code == 0
    for skill in invoke_json("list")["skills"]:
        assert skill["id"] in result.stdout


def test_levels_are_the_ladder_in_order(invoke_json) -> None:
    levels = invoke_json("levels")["levels"]
    assert [level["id"] for level in levels] == ["junior", "middle", "senior", "lead", "principal"]
    assert [level["rank"] for level in levels] == [1, 2, 3, 4, 5]  # as the table numbers them
    assert "sr" in levels[2]["aliases"]


def test_roles_have_names_and_aliases(invoke: Invoke, invoke_json) -> None:
    roles = {role["id"]: role for role in invoke_json("roles")["roles"]}
    assert roles["llm-engineer"]["name"] == "LLM Engineer"
    assert "ds" in roles["data-scientist"]["aliases"]
    table = invoke("roles")
    assert table.exit_code == 0
    assert "LLM Engineer" in table.stdout


# -- the JSON contract ---------------------------------------------------------------------

SHOW_KEYS = {"skill", "levels", "roles", "summary", "cells"}
NEXT_KEYS = {"role", "from", "to", "top", "skills", "checklist", "summary"}
CELL_KEYS = {
    "role", "level", "required", "description", "items", "evidence", "questions", "examples"
}  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [
        ["show", "deep-learning"],
        ["show", "deep-learning", "--role", "ds"],
        ["show", "deep-learning", "--level", "lead", "--role", "llm"],
    ],
)
def test_show_json_keys_do_not_depend_on_flags(invoke_json, args: list[str]) -> None:
    shown = invoke_json(*args)
    assert set(shown) == SHOW_KEYS
    assert set(shown["skill"]) == {
        "id", "name", "domain", "updated", "source", "notes", "definition"
    }  # fmt: skip
    assert set(shown["summary"]) == {"roles", "levels", "required", "optional"}
    assert all(set(cell) == CELL_KEYS for cell in shown["cells"])
    assert all(set(item) == {"id", "text"} for cell in shown["cells"] for item in cell["items"])


@pytest.mark.parametrize(
    "args",
    [
        ["next", "--role", "llm", "--level", "junior"],
        ["next", "--role", "llm", "--level", "principal"],
        ["next", "--role", "ds", "--level", "lead", "deep-learning"],
    ],
)
def test_next_json_keys_do_not_depend_on_flags(invoke_json, args: list[str]) -> None:
    answer = invoke_json(*args)
    assert set(answer) == NEXT_KEYS
    assert set(answer["summary"]) == {"skills", "items", "required", "optional"}
    for step in answer["skills"]:
        assert set(step) == {"id", "name", "from", "to", "ended", "current", "next"}
        assert set(step["current"]) == CELL_KEYS
    assert all(
        set(item) == {"skill", "id", "number", "text", "required", "done", "state"}
        for item in answer["checklist"]
    )


@pytest.mark.parametrize("command", [["list"], ["roles"], ["levels"]])
def test_format_json_and_json_flag_agree(invoke: Invoke, command: list[str]) -> None:
    long_form = invoke(*command, "--format", "json")
    short_form = invoke(*command, "--json")
    assert long_form.exit_code == short_form.exit_code == 0
    assert long_form.stdout == short_form.stdout
    assert isinstance(json.loads(long_form.stdout), dict)


def test_json_is_plain_text_whatever_the_terminal(invoke: Invoke) -> None:
    for columns in (40, 80, 300):
        out = invoke("show", "deep-learning", "--json", columns=columns).stdout
        assert "\x1b" not in out
        assert out == invoke("show", "deep-learning", "--json").stdout


def test_json_and_a_different_format_together_are_a_usage_error(invoke: Invoke) -> None:
    result = invoke("list", "--json", "--format", "table")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--json" in result.stderr


# -- names and errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "deep-lerning"], "error: no skill 'deep-lerning'; did you mean 'deep-learning'?"),
        (
            ["show", "deep-learning", "--role", "llm enginer"],
            "error: no role 'llm enginer'; did you mean 'llm-engineer' or 'ml-engineer'?",
        ),
        (
            ["show", "deep-learning", "--level", "senoir"],
            "error: no level 'senoir'; did you mean 'senior'?",
        ),
        (
            ["next", "--role", "LLM Engineer", "--level", "midle"],
            "error: no level 'midle'; did you mean 'middle'?",
        ),
        (
            ["next", "--role", "astronaut", "--level", "middle"],
            "error: no role 'astronaut'; known roles:",
        ),
        (["show", "stat"], "error: no skill 'stat'; did you mean 'statistics-experimentation'?"),
        (
            ["next", "-r", "ds", "-l", "jr", "deep-lerning"],
            "error: no skill 'deep-lerning'; did you mean 'deep-learning'?",
        ),
    ],
)
def test_an_unknown_name_is_a_usage_error_with_close_matches(
    invoke: Invoke, args: list[str], message: str
) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1


def test_unknown_name_is_a_usage_error_under_json_too(invoke: Invoke) -> None:
    result = invoke("show", "nope", "--json")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_missing_required_option_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("next", "--role", "llm")
    assert result.exit_code == 2
    assert "--level" in result.stderr
    assert result.stdout == ""


def test_unknown_option_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("show", "deep-learning", "--colour")
    assert result.exit_code == 2
    assert "No such option" in result.stderr


def test_unknown_format_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("list", "--format", "xml")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_version_comes_from_the_package_metadata(invoke: Invoke) -> None:
    from importlib.metadata import version

    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"skillpath {version('skillpath')}\n"


@pytest.mark.parametrize("command", command_names())
def test_every_command_is_run_by_a_cli_test(command: str) -> None:
    """Each command the app has, found by asking the app, is run by some test."""
    words = r",\s*".join(f'"{re.escape(word)}"' for word in command.split())
    call = rf"(?:invoke(?:_json)?\(\s*|run\(\s*|\[\s*){words}"
    tests = Path(__file__).parent.parent
    sources = [path.read_text(encoding="utf-8") for path in tests.glob("*/test_*.py")]
    assert any(re.search(call, source) for source in sources), f"no CLI test runs {command!r}"


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "skillpath", "levels", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert next(level["id"] for level in json.loads(result.stdout)["levels"]) == "junior"


@pytest.mark.parametrize(
    "args",
    [
        ["next", "-r", "", "-l", "mid"],
        ["path", "-r", "ds", "--from", "jr", "--to", ""],
        ["schema", ""],
        ["profile", "set", "--role", ""],
    ],
)
def test_an_empty_name_is_an_unknown_name(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert "no " in result.stderr and "''" in result.stderr
