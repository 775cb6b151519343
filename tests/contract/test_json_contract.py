"""The JSON contract: every answer, under every option that changes what is selected,
validates against the schema shipped for it, and errors under --json are JSON too."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from skillpath import schemas
from tests.conftest import Invoke

CASES = {
    "list": [["list"]],
    "show": [
        ["show", "deep-learning"],
        ["show", "rag"],
        ["show", "responsible-ai", "--role", "mle", "--role", "ds"],
        ["show", "deep-learning", "--level", "lead"],
        ["show", "nlp", "--role", "llm", "--level", "jr", "--level", "principal"],
    ],
    "next": [
        ["next", "--role", "llm", "--level", "middle"],
        ["next", "--role", "ds", "--level", "principal"],
        ["next", "--role", "mle", "--level", "junior", "mlops", "responsible-ai"],
    ],
    "roles": [["roles"]],
    "levels": [["levels"]],
    "path": [
        ["path", "--role", "llm", "--from", "junior", "--to", "principal"],
        ["path", "--role", "ds", "--from", "lead", "--to", "principal", "nlp"],
    ],
    "compare": [
        ["compare", "--role", "ds", "--role", "llm", "--level", "senior"],
        ["compare", "--role", "mle", "--level", "junior", "--level", "lead", "mlops"],
    ],
    "progress": [
        ["progress", "--role", "llm", "--level", "middle"],
        ["progress", "--role", "ds", "--level", "principal"],
    ],
    "search": [
        ["search", "attention"],
        ["search", "vector", "--role", "llm", "--level", "senior"],
        ["search", "zzzz"],
    ],
    "profile": [["profile", "show"], ["profile", "set", "--role", "llm", "--level", "mid"]],
    "job": [["job", "--role", "llm", "--level", "senior"], ["job", "-r", "ds", "-l", "principal"]],
    "interview": [
        ["interview", "--role", "mle", "--level", "junior"],
        ["interview", "-r", "llm", "-l", "lead", "rag", "agents-tool-use"],
    ],
    "log": [["log"]],
    "evidence": [["evidence", "rag:1", "--role", "llm", "--level", "mid"]],
    "team": [["team", "."]],
    "calibrate": [["calibrate", "."]],
}


def validator(name: str) -> Draft202012Validator:
    schema = json.loads(schemas.text(name))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_there_is_a_schema_for_every_answer_and_for_errors() -> None:
    assert set(schemas.names()) == {
        *CASES,
        "error",
        "validate",
        "skill",
        "framework",
        "review",
        "person",
        "reviews",
        "mark",
        "written",
    }


@pytest.mark.parametrize(
    ("name", "args"), [(name, args) for name, cases in CASES.items() for args in cases]
)
def test_every_answer_validates_against_its_schema(
    invoke: Invoke, name: str, args: list[str]
) -> None:
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.stderr
    validator(name).validate(json.loads(result.stdout))


def test_answers_about_a_plan_with_marks_in_every_state_validate(invoke: Invoke) -> None:
    mid = ("--role", "llm", "--level", "mid")
    for args in (
        ("start", "rag:1", *mid),
        ("done", "rag:2", *mid, "--note", "PR 1", "--link", "https://git.example/1"),
        ("done", "rag:2", *mid, "--note", "PR 2", "--date", "2026-01-31"),
        ("skip", "rag:3", *mid, "--reason", "hosted search"),
        ("undo", "rag:1", *mid),
        ("done", "rag:1", "--role", "llm", "--level", "senior", "--note", "kept, not counted"),
        ("profile", "set", *mid),
    ):
        assert invoke(*args).exit_code == 0
    for name, args in (
        ("progress", ["progress"]),
        ("log", ["log"]),
        ("next", ["next", "--todo"]),
        ("path", ["path", "--to", "principal", "rag"]),
        ("search", ["search", "retrieval", "--level", "senior"]),
        ("profile", ["profile", "show"]),
    ):
        result = invoke(*args, "--json")
        assert result.exit_code == 0, result.stderr
        validator(name).validate(json.loads(result.stdout))


def test_every_write_answers_with_its_mark_in_json(invoke: Invoke) -> None:
    """done, start, skip, undo and evidence --edit/--remove: the mark after the change."""
    mid = ("--role", "llm", "--level", "mid")
    answers = []
    for args in (
        ("start", "rag:1", *mid),
        ("done", "rag:1", *mid, "--note", "PR 1", "--link", "https://git.example/1"),
        ("done", "rag:1", *mid, "--note", "PR 2", "--date", "2026-01-31"),
        ("evidence", "rag:1", *mid, "--edit", "1", "--note", "PR 2, reviewed"),
        ("skip", "rag:2", *mid, "--reason", "hosted search"),
        ("undo", "rag:1", *mid),
        ("evidence", "rag:1", *mid, "--remove", "2"),
        ("undo", "rag:3", *mid),
    ):
        result = invoke(*args, "--json")
        assert result.exit_code == 0, result.stderr
        answers.append(json.loads(result.stdout))
        validator("mark").validate(answers[-1])
    assert [answer["action"] for answer in answers][-2:] == ["remove", "undo"]
    assert answers[-1]["changed"] is False and answers[-1]["mark"] is None
    assert {frozenset(answer) for answer in answers} == {frozenset(answers[0])}
    validator("evidence").validate(json.loads(invoke("evidence", "rag:1", *mid, "--json").stdout))


def test_every_write_of_files_answers_with_them_in_json(invoke: Invoke, tmp_path) -> None:
    """init, new, import (--output and --into) and site: the files written, by one schema."""
    career, sheet = tmp_path / "career", tmp_path / "all.csv"
    runs = [
        ("init", str(career), "--name", "P", "-l", "One", "-l", "Two", "-r", "Backend"),
        ("new", "data-eng", "-d", str(career)),
        ("import", str(sheet), "--into", str(career), "--force"),
        ("import", str(sheet), "-d", str(career), "--output", str(tmp_path / "one.yaml")),
        ("site", str(tmp_path / "site"), "-d", str(career)),
    ]
    sheet.write_text(
        "skill,name,domain,role,level,required,description\n"
        "data-eng,Data Engineering,P,backend,one,yes,Builds pipelines.\n"
        "data-eng,Data Engineering,P,backend,two,no,Designs pipelines.\n",
        encoding="utf-8",
    )
    answers = []
    for args in runs:
        result = invoke(*args, "--json")
        assert result.exit_code == 0, result.stderr
        answers.append(json.loads(result.stdout))
        validator("written").validate(answers[-1])
    assert [answer["action"] for answer in answers] == ["init", "new", "import", "import", "site"]
    assert {frozenset(answer) for answer in answers} == {frozenset(answers[0])}


def key_paths(value: object, prefix: str = "") -> set[str]:
    """Every key path in a JSON value, list positions folded together."""
    if isinstance(value, dict):
        return {prefix} | {
            p for key, item in value.items() for p in key_paths(item, f"{prefix}.{key}")
        }
    if isinstance(value, list):
        return {prefix} | {p for item in value for p in key_paths(item, f"{prefix}[]")}
    return {prefix}


@pytest.mark.parametrize("name", [name for name, cases in CASES.items() if len(cases) > 1])
def test_keys_do_not_depend_on_the_options(invoke: Invoke, name: str) -> None:
    """Every key path (list positions folded) is the same whatever the options select."""
    answers = [json.loads(invoke(*args, "--json").stdout) for args in CASES[name]]
    assert len({frozenset(answer) for answer in answers}) == 1
    cells = [key_paths(entry) for answer in answers for entry in answer.get("cells", [])]
    assert all(paths == cells[0] for paths in cells)  # a cell's values are never null
    hits = [set(entry) for answer in answers for entry in answer.get("hits", [])]
    assert all(keys == hits[0] for keys in hits)  # a hit's place may be null, its keys not


@pytest.mark.parametrize(
    ("args", "code", "exit_code"),
    [
        (["show", "deep-lerning"], "unknown-name", 2),
        (["next", "--role", "llm"], "usage", 2),
        (["show", "rag", "--levle", "x"], "usage", 2),
        (["list", "--format", "json", "--bogus"], "usage", 2),
        # Click stops at a bad value or a wrong word before it reads the --json after it
        (["show", "rag", "--format", "bogus"], "usage", 2),
        (["show", "rag", "--levle"], "usage", 2),
        (["shwo", "rag"], "usage", 2),
        (["profile", "shwo"], "usage", 2),
    ],
)
def test_errors_under_json_are_json_on_stderr(
    invoke: Invoke, args: list[str], code: str, exit_code: int
) -> None:
    result = invoke(*args, "--json")
    assert result.exit_code == exit_code
    assert result.stdout == ""
    error = json.loads(result.stderr)
    validator("error").validate(error)
    assert error["error"]["code"] == code
    assert error["error"]["exit_code"] == exit_code


@pytest.mark.parametrize("asked", [["--format=json"], ["-f", "json"], ["-fjson"], ["-fJSON"]])
def test_every_spelling_of_json_gets_errors_in_json(invoke: Invoke, asked: list[str]) -> None:
    result = invoke("list", *asked, "--data-dir", "no-such-folder")
    assert result.exit_code == 1
    assert json.loads(result.stderr)["error"]["code"] == "data"


def test_an_unknown_name_error_carries_the_suggestions(invoke: Invoke) -> None:
    error = json.loads(invoke("show", "deep-lerning", "--format", "json").stderr)["error"]
    assert error["suggestions"] == ["deep-learning"]
    assert error["message"] == "no skill 'deep-lerning'; did you mean 'deep-learning'?"


@pytest.mark.parametrize(
    ("args", "suggestions"),
    [(["shwo", "rag"], ["show"]), (["profile", "shwo"], ["show"]), (["zzzz"], [])],
)
def test_a_command_name_mistyped_carries_the_close_names(
    invoke: Invoke, args: list[str], suggestions: list[str]
) -> None:
    error = json.loads(invoke(*args, "--json").stderr)["error"]
    assert error["suggestions"] == suggestions
    assert error["code"] == "usage"
    assert ("Did you mean 'show'?" in error["message"]) == bool(suggestions)


def test_a_data_error_under_json_lists_the_problems(invoke: Invoke, data_dir) -> None:
    path = data_dir / "skills" / "rag.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("required: true", "required: 3", 1),
        encoding="utf-8",
    )
    result = invoke("show", "rag", "--json")
    assert result.exit_code == 1
    error = json.loads(result.stderr)
    validator("error").validate(error)
    [problem] = error["error"]["problems"]
    assert problem == {
        "file": str(path),
        "line": 9,
        "column": 7,
        "key_path": "expectations.llm-engineer.junior.required",
        "message": "must be true or false, not a number",
    }


def test_schema_command_prints_the_schema_and_lists_the_names(invoke: Invoke) -> None:
    listed = invoke("schema")
    assert listed.exit_code == 0
    assert listed.stdout.split() == list(schemas.names())
    shown = invoke("schema", "Next")
    assert json.loads(shown.stdout)["title"] == "skillpath next"
    unknown = invoke("schema", "nxt")
    assert unknown.exit_code == 2
    assert unknown.stderr == "error: no schema 'nxt'; did you mean 'next'?\n"


def test_a_team_with_people_broken_files_and_stale_marks_validates(
    tmp_path, monkeypatch, invoke: Invoke
) -> None:
    from tests.cli.team_helpers import make_team

    team = make_team(tmp_path, monkeypatch, invoke)
    path = team / "people" / "ada.yaml"
    path.write_text(path.read_text().replace('"b5677e35"', '"0badc0de"'))
    (team / "people" / "eve.yaml").write_text("id: [eve\n")
    result = invoke("team", str(team), "--json")
    answer = json.loads(result.stdout)
    assert answer["people"][0]["stale"] and answer["team"]["problems"]
    validator("team").validate(answer)


def test_a_review_packet_and_calibration_with_verdicts_validate(
    tmp_path, monkeypatch, invoke: Invoke
) -> None:
    from tests.cli.team_helpers import RAG_1, make_team

    team = make_team(tmp_path, monkeypatch, invoke)
    path = team / "people" / "ada.yaml"
    path.write_text(path.read_text().replace('"7c8a7d1b"', '"0badc0de"'))  # a stale mark
    for args in ([RAG_1, "--verdict", "not-yet"], ["0badc0de", "--verdict", "agree"]):
        assert invoke("review", str(team), "ada", *args, "--by", "grace").exit_code == 0
    for command, schema in (
        (["review", str(team), "ada"], "review"),
        (
            ["calibrate", str(team)],
            "calibrate",
        ),
    ):
        result = invoke(*command, "--json")
        assert result.exit_code == 0, result.stderr
        validator(schema).validate(json.loads(result.stdout))


def test_the_files_share_and_review_write_validate(tmp_path, monkeypatch, invoke: Invoke) -> None:
    import yaml

    from tests.cli.team_helpers import RAG_1, make_team

    team = make_team(tmp_path, monkeypatch, invoke)
    assert invoke("review", str(team), "ada", RAG_1, "--verdict", "agree", "--by", "g",
                  "--note", "Seen").exit_code == 0  # fmt: skip
    for person in ("ada", "bob"):
        validator("person").validate(json.loads((team / "people" / f"{person}.yaml").read_text()))
    validator("reviews").validate(yaml.safe_load((team / "reviews" / "ada.yaml").read_text()))
