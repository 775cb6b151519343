"""Bad data: every problem names the file, the line and the key path, and never escapes as a
traceback. Checked both on the loader and through the CLI (exit 1, stderr only)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from skillpath.errors import DataError
from skillpath.loading import Catalog
from skillpath.loading.document import MAX_NODES
from tests.conftest import Invoke

GOOD_CELL = "      required: false\n      description: Does the work.\n"


def skill_text(body: str) -> str:
    return (
        "id: demo\nname: Demo\ndomain: Testing\nupdated: 2026-01-01\nsource: tests\n"
        f"expectations:\n  data-scientist:\n{body}"
    )


def all_levels(cell: str = GOOD_CELL) -> str:
    return "".join(
        f"    {level}:\n{cell}" for level in ("junior", "middle", "senior", "lead", "principal")
    )


def write_skill(data_dir: Path, text: str, name: str = "demo.yaml") -> Path:
    path = data_dir / "skills" / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(data_dir: Path, skill_id: str = "demo") -> list[str]:
    with pytest.raises(DataError) as caught:
        Catalog(data_dir).skill(skill_id)
    return [str(problem) for problem in caught.value.problems]


def test_a_good_file_loads(data_dir: Path) -> None:
    write_skill(data_dir, skill_text(all_levels()))
    skill = Catalog(data_dir).skill("demo")
    assert [cell.level for cell in skill.expectations] == [
        "junior",
        "middle",
        "senior",
        "lead",
        "principal",
    ]


@pytest.mark.parametrize(
    ("body", "line", "key", "message"),
    [
        # line numbers count from the top of skill_text(): expectations start on line 7
        (
            "    junior:\n      required: false\n      description: ''\n",
            "10:7",
            "expectations.data-scientist.junior.description",
            "must not be empty",
        ),
        (
            "    junior:\n      required: maybe\n      description: x\n",
            "9:7",
            "expectations.data-scientist.junior.required",
            "must be true or false, not text",
        ),
        (
            "    junior:\n      requried: false\n      description: x\n",
            "9:7",
            "expectations.data-scientist.junior.requried",
            "unknown key 'requried'; did you mean 'required'?",
        ),
        (
            "    junior:\n      required: false\n",
            "8:5",
            "expectations.data-scientist.junior",
            "missing key 'description' (or 'items')",
        ),
        (
            "    juniour:\n" + GOOD_CELL,
            "8:5",
            "expectations.data-scientist.juniour",
            "unknown level 'juniour'; did you mean 'junior'?",
        ),
        (
            "    junior: [a, b]\n",
            "8:5",
            "expectations.data-scientist.junior",
            "must be a mapping of keys to values, not a list",
        ),
        (
            "    junior:\n      description: x\n      items: text\n",
            "10:7",
            "expectations.data-scientist.junior.items",
            "must be a list, not text",
        ),
    ],
)
def test_a_bad_cell_names_file_line_and_key(
    data_dir: Path, body: str, line: str, key: str, message: str
) -> None:
    path = write_skill(data_dir, skill_text(body))
    assert f"{path}:{line}: {key}: {message}" in problems_of(data_dir)


def test_an_unknown_role_is_named_with_its_close_match(data_dir: Path) -> None:
    path = write_skill(
        data_dir, skill_text(all_levels()).replace("data-scientist", "data-scientst")
    )
    assert problems_of(data_dir) == [
        f"{path}:7:3: expectations.data-scientst: unknown role 'data-scientst'; did you mean 'data-scientist'?"
    ]


def test_every_problem_is_reported_not_only_the_first(data_dir: Path) -> None:
    text = skill_text(
        "    junior:\n      description: ''\n    middle:\n      required: 3\n      description: x\n"
    )
    write_skill(data_dir, text.replace("name: Demo\n", "name: Demo\ncolour: red\n"))
    found = problems_of(data_dir)
    assert len(found) == 3
    assert any("colour" in problem for problem in found)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: demo\nname: [unclosed\n", "is not valid YAML"),
        ("- just\n- a list\n", "must be a mapping of keys to values, not a list"),
        ("", "must be a mapping of keys to values, not nothing"),
        ("id: Demo Skill\nname: x\ndomain: y\nexpectations: {}\n", "is not an id"),
        ("id: other\nname: x\ndomain: y\nexpectations: {}\n", "the file is named 'demo.yaml'"),
        (
            "id: demo\nname: x\ndomain: y\nupdated: someday\nexpectations: {}\n",
            "must be a date written YYYY-MM-DD",
        ),
        ("id: demo\nid: demo\nname: x\ndomain: y\nexpectations: {}\n", "key 'id' appears twice"),
        (
            "id: demo\nname: !!python/object:os.system x\ndomain: y\nexpectations: {}\n",
            "is not valid YAML",
        ),
    ],
)
def test_a_bad_skill_file_is_a_data_error(data_dir: Path, text: str, message: str) -> None:
    path = write_skill(data_dir, text)
    found = problems_of(data_dir)
    assert any(problem.startswith(str(path)) and message in problem for problem in found), found


def test_a_file_that_is_not_utf8_is_a_data_error(data_dir: Path) -> None:
    (data_dir / "skills" / "demo.yaml").write_bytes(b"id: demo\nname: \xff\xfe\n")
    assert "is not UTF-8 text" in problems_of(data_dir)[0]


def test_alias_bombs_are_refused(data_dir: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 8)]
    write_skill(data_dir, "\n".join(lines) + "\n")
    assert f"has more than {MAX_NODES} YAML nodes" in problems_of(data_dir)[0]


@pytest.mark.parametrize(
    ("text", "key"), [("a: &a [*a]\n", "1:4: a[0]"), ("name: &n {k: *n}\n", "1:7: name.k")]
)
def test_an_alias_that_contains_itself_is_refused(data_dir: Path, text: str, key: str) -> None:
    path = write_skill(data_dir, text)
    assert problems_of(data_dir) == [f"{path}:{key}: an alias refers to a node that contains it"]


def test_yes_and_no_are_not_flags(data_dir: Path) -> None:
    path = write_skill(
        data_dir, skill_text("    junior:\n      required: yes\n      description: x\n")
    )
    assert (
        f"{path}:9:7: expectations.data-scientist.junior.required: write true or false, not 'yes' (YAML reads 'yes' as True)"
        in problems_of(data_dir)
    )


def test_an_empty_list_of_items_is_refused(data_dir: Path) -> None:
    write_skill(data_dir, skill_text("    junior:\n      description: x\n      items: []\n"))
    assert any("items: must not be empty" in problem for problem in problems_of(data_dir))


def test_explicit_items_are_the_checklist(data_dir: Path) -> None:
    write_skill(
        data_dir,
        skill_text("    junior:\n      description: One. Two.\n      items: [Only this]\n"),
    )
    [cell] = Catalog(data_dir).skill("demo").expectations
    assert [item.text for item in cell.items] == ["Only this"]


def test_a_yml_file_is_a_skill_too_but_not_twice(data_dir: Path) -> None:
    write_skill(data_dir, skill_text(all_levels()), name="demo.yml")
    assert Catalog(data_dir).skill("demo").name == "Demo"
    write_skill(data_dir, skill_text(all_levels()), name="demo.yaml")
    with pytest.raises(
        DataError,
        match=r"demo\.yml: and demo\.yaml are the same skill",
    ):
        Catalog(data_dir).skill_ids  # noqa: B018 - reading it is the test


def test_framework_errors_are_named_too(data_dir: Path) -> None:
    path = data_dir / "framework.yaml"
    path.write_text(
        "levels:\n  - id: junior\n    name: Junior\n  - id: senior\n    name: Senior\n    aliases: [junior]\nroles: []\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        Catalog(data_dir).framework  # noqa: B018 - reading it is the test
    assert (
        str(caught.value.problems[0])
        == f"{path}:6:15: levels[1].aliases[0]: 'junior' already names the level 'junior'"
    )


# -- through the CLI -----------------------------------------------------------------------


def test_cli_reports_a_bad_file_with_exit_1_and_no_traceback(
    invoke: Invoke, data_dir: Path
) -> None:
    path = data_dir / "skills" / "deep-learning.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("required: false", "required: nope", 1),
        encoding="utf-8",
    )
    result = invoke("show", "deep-learning")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {path}:18:7: expectations.data-scientist.junior.required: must be true or false, not text\n"
    )


def test_cli_reports_a_file_that_is_not_yaml(invoke: Invoke, data_dir: Path) -> None:
    (data_dir / "skills" / "deep-learning.yaml").write_text("id: [\n\t{{\n", encoding="utf-8")
    result = invoke("list", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "deep-learning.yaml:" in result.stderr
    assert "is not valid YAML" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "command", [["list"], ["show", "deep-learning"], ["levels"], ["next", "-r", "ds", "-l", "jr"]]
)
def test_cli_reports_a_missing_data_folder(
    invoke: Invoke, data_dir: Path, command: list[str]
) -> None:
    import shutil

    shutil.rmtree(data_dir)
    result = invoke(*command)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"error: {data_dir}: data folder not found" in result.stderr


def test_cli_reports_a_missing_skills_folder(invoke: Invoke, data_dir: Path) -> None:
    import shutil

    shutil.rmtree(data_dir / "skills")
    result = invoke("list")
    assert result.exit_code == 1
    assert "skills: folder not found" in result.stderr


def test_cli_reports_a_framework_file_that_is_a_folder(invoke: Invoke, data_dir: Path) -> None:
    (data_dir / "framework.yaml").unlink()
    (data_dir / "framework.yaml").mkdir()
    result = invoke("roles")
    assert result.exit_code == 1
    assert "framework.yaml: is a folder" in result.stderr


@pytest.mark.skipif(
    os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads any file"
)
def test_cli_reports_an_unreadable_file(invoke: Invoke, data_dir: Path) -> None:
    path = data_dir / "skills" / "deep-learning.yaml"
    path.chmod(0)
    result = invoke("show", "deep-learning")
    assert result.exit_code == 1
    assert "cannot be read" in result.stderr


def test_a_skill_that_ends_early_shows_only_its_levels_and_invents_none(
    invoke: Invoke, invoke_json, data_dir: Path
) -> None:
    write_skill(data_dir, skill_text(all_levels().split("    lead:")[0]))
    shown = invoke_json("show", "demo")
    assert [cell["level"] for cell in shown["cells"]] == ["junior", "middle", "senior"]
    assert [level["id"] for level in shown["levels"]] == ["junior", "middle", "senior"]
    assert shown["summary"]["levels"] == 3
    table = invoke("show", "demo")
    assert table.exit_code == 0
    assert "1 role · 3 levels" in table.stdout and "Lead" not in table.stdout
    narrowed = invoke("show", "demo", "--level", "lead")
    assert "(not described in the data)" in narrowed.stdout
    step = invoke_json("next", "-r", "ds", "-l", "senior", "demo")["skills"][0]
    assert step["next"] is None
