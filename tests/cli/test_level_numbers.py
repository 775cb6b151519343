"""A number given for a level names the level called "Level N" when only one is: `-l 2`
after `init --level "Level 2"`, wherever a level is named."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Invoke


def framework(invoke: Invoke, tmp_path: Path, *levels: str) -> Path:
    folder = tmp_path / "career"
    named = [arg for level in levels for arg in ("--level", level)]
    result = invoke("init", str(folder), "--name", "P", *named, "--role", "Backend")
    assert result.exit_code == 0, result.stderr
    ids = [
        lv["id"]
        for lv in json.loads(invoke("levels", "-d", str(folder), "--json").stdout)["levels"]
    ]
    skill = "id: api\nname: API Design\ndomain: P\nexpectations:\n  backend:\n" + "".join(
        f'    "{level_id}": {{required: true, description: Works at {level_id}.}}\n'
        for level_id in ids
    )
    (folder / "skills" / "api.yaml").write_text(skill, encoding="utf-8")
    return folder


def test_a_number_names_the_level_that_ends_in_it(invoke: Invoke, tmp_path: Path) -> None:
    folder = str(framework(invoke, tmp_path, "Level 1", "Level 2", "Level 3"))
    result = invoke("next", "-d", folder, "-r", "backend", "-l", "2", "--json")
    assert result.exit_code == 0, result.stderr
    answer = json.loads(result.stdout)
    assert (answer["from"]["id"], answer["to"]["id"]) == ("level-2", "level-3")
    shown = json.loads(invoke("show", "api", "-d", folder, "-l", "1", "--json").stdout)
    assert [level["id"] for level in shown["levels"]] == ["level-1"]
    assert invoke("profile", "set", "-d", folder, "-r", "backend", "-l", "3").exit_code == 0
    assert json.loads(invoke("profile", "show", "-d", folder, "--json").stdout)["level"]["id"] == (
        "level-3"
    )


def test_a_number_no_level_ends_in_is_unknown(invoke: Invoke, tmp_path: Path) -> None:
    folder = str(framework(invoke, tmp_path, "Level 1", "Level 2"))
    result = invoke("next", "-d", folder, "-r", "backend", "-l", "7")
    assert result.exit_code == 2
    assert "no level '7'" in result.stderr


def test_a_number_two_levels_end_in_asks_which(invoke: Invoke, tmp_path: Path) -> None:
    folder = str(framework(invoke, tmp_path, "Level 1", "Grade 1"))
    result = invoke("show", "api", "-d", folder, "-l", "1")
    assert result.exit_code == 2
    assert "no level '1'; did you mean 'level-1' or 'grade-1'?" in result.stderr


def test_a_name_still_wins_over_a_number(invoke: Invoke, tmp_path: Path) -> None:
    folder = str(framework(invoke, tmp_path, "2", "Level 2"))
    shown = json.loads(invoke("show", "api", "-d", folder, "-l", "2", "--json").stdout)
    assert [level["id"] for level in shown["levels"]] == ["2"]


def test_an_import_row_may_give_the_number(invoke: Invoke, tmp_path: Path) -> None:
    folder = framework(invoke, tmp_path, "Level 1", "Level 2")
    csv_file = tmp_path / "api.csv"
    csv_file.write_text(
        "skill,role,level,required,description\napi,backend,1,yes,Designs.\napi,backend,2,no,Leads.\n",
        encoding="utf-8",
    )
    result = invoke("import", str(csv_file), "-d", str(folder), "--name", "API", "--domain", "P")
    assert result.exit_code == 0, result.stderr
    assert "level-1:" in result.stdout and "level-2:" in result.stdout
