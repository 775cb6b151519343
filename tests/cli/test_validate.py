"""``skillpath validate`` reports every problem in every file, and ``skillpath new`` writes a
file that it flags until it is filled in."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from skillpath import schemas
from skillpath.cli.app import app
from tests.cli.test_data_folders import LADDER, skill_yaml
from tests.conftest import BUNDLED, TERMINAL, Invoke


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    runner = CliRunner(env={**TERMINAL, "SKILLPATH_PATH": ""})
    if cwd is None:
        result = runner.invoke(app, list(args))
    else:
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(cwd)
            result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def team(tmp_path: Path) -> Path:
    folder = tmp_path / "career"
    (folder / "skills").mkdir(parents=True)
    return folder


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / "skills" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bundled_data_validates_clean() -> None:
    code, out, err = run("validate")
    assert (code, err) == (0, "")
    assert out.strip().endswith("0 problems in 31 files.")


def test_every_problem_in_every_file_is_listed_with_its_place(team: Path) -> None:
    good = write(team, "good.yaml", skill_yaml("good", {"data-scientist": LADDER}))
    gaps = write(
        team, "gaps.yaml", skill_yaml("gaps", {"data-scientist": ["junior", "middle", "lead"]})
    )
    typo = write(
        team,
        "typo.yaml",
        skill_yaml("typo", {"data-scientst": LADDER}).replace("domain:", "domian:"),
    )
    named = write(team, "named.yaml", skill_yaml("other", {"llm-engineer": LADDER}))
    broken = write(team, "broken.yaml", "id: broken\nname: [\n")
    code, out, err = run("validate", str(team))
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert (
        f"{gaps}:5:3: expectations.data-scientist: describes junior and lead but not senior "
        "between them: a skill may start later or end earlier than the ladder, not skip a level"
        in lines
    )
    assert f"{typo}:3:1: domian: unknown key 'domian'; did you mean 'domain'?" in lines
    assert f"{typo}:1:1: missing key 'domain'" in lines
    assert (
        f"{typo}:5:3: expectations.data-scientst: unknown role 'data-scientst'; did you mean 'data-scientist'?"
        in lines
    )
    assert (
        f"{named}:1:1: id: is 'other' but the file is named 'named.yaml'; they must match" in lines
    )
    assert any(line.startswith(f"{broken}:3:1: is not valid YAML") for line in lines)
    assert not any(line.startswith(str(good)) for line in lines)
    assert lines[-1] == "6 problems in 4 of 5 files."


def test_validate_json_lists_the_problems_as_objects(team: Path) -> None:
    write(team, "gaps.yaml", skill_yaml("gaps", {"data-scientist": ["junior", "senior"]}))
    code, out, _ = run("validate", str(team), "--json")
    assert code == 1
    report = json.loads(out)
    Draft202012Validator(json.loads(schemas.text("validate"))).validate(report)
    assert report["summary"] == {"files": 1, "files_with_problems": 1, "problems": 1}
    assert report["problems"][0]["key_path"] == "expectations.data-scientist"


def test_a_single_file_is_checked_against_its_folders_framework(team: Path) -> None:
    (team / "framework.yaml").write_text(
        "roles:\n  - id: data-engineer\n    name: Data Engineer\n", encoding="utf-8"
    )
    path = write(team, "pipes.yaml", skill_yaml("pipes", {"data-engineer": LADDER}))
    assert run("validate", str(path))[0] == 0
    assert run("validate", str(team / "framework.yaml"))[0] == 0


def test_duplicate_skill_files_are_a_problem(team: Path) -> None:
    write(team, "dup.yaml", skill_yaml("dup", {"data-scientist": LADDER}))
    write(team, "dup.yml", skill_yaml("dup", {"data-scientist": LADDER}))
    code, out, _ = run("validate", str(team))
    assert code == 1
    assert "are the same skill" in out


def test_a_missing_path_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    code, out, err = run("validate", str(tmp_path / "nowhere"))
    assert code == 1
    assert out.splitlines()[0] == f"{tmp_path / 'nowhere'}: no such file or folder"
    assert "Traceback" not in err


# -- new -----------------------------------------------------------------------------------


def test_new_writes_every_cell_to_fill_in_and_validate_flags_it(tmp_path: Path) -> None:
    code, out, err = run(
        "new", "data-engineering", "--role", "ds", "--role", "LLM Engineer", cwd=tmp_path
    )
    assert code == 0, err
    path = tmp_path / "skills" / "data-engineering.yaml"
    assert (
        out
        == f"Wrote {Path('skills/data-engineering.yaml')}: 10 descriptions to write. Then: skillpath validate skills/data-engineering.yaml\n"
    )
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["id"] == "data-engineering" and data["name"] == "Data Engineering"
    assert data["updated"] == date.today()
    assert list(data["expectations"]) == ["data-scientist", "llm-engineer"]
    assert all(list(levels) == LADDER for levels in data["expectations"].values())
    code, out, _ = run("validate", str(path))
    assert code == 1
    assert out.splitlines()[-1] == "10 problems in 1 file."
    assert all(
        line.endswith(".draft: is a draft: write the description, then remove 'draft: true'")
        for line in out.splitlines()[:-1]
    )


def test_new_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("precious\n", encoding="utf-8")
    code, out, err = run("new", "x", "--output", str(target))
    assert code == 1 and out == ""
    assert err == f"error: {target}: already exists; nothing was written\n"
    assert target.read_text(encoding="utf-8") == "precious\n"


@pytest.mark.parametrize("bad", ["Data Engineering", "data_engineering", "x-", "x--y", "../x"])
def test_new_refuses_an_id_that_is_not_one(tmp_path: Path, bad: str) -> None:
    code, _, err = run("new", bad, cwd=tmp_path)
    assert code == 2
    assert "is not a skill id" in err
    assert not (tmp_path / "skills").exists()


def test_new_with_every_role_by_default(tmp_path: Path) -> None:
    assert run("new", "x", "--output", str(tmp_path / "x.yaml"))[0] == 0
    data = yaml.safe_load((tmp_path / "x.yaml").read_text(encoding="utf-8"))
    assert list(data["expectations"]) == ["data-scientist", "llm-engineer", "ml-engineer"]


# -- safety --------------------------------------------------------------------------------


def test_a_file_over_one_mib_is_refused(team: Path) -> None:
    path = write(team, "huge.yaml", "# " + "x" * (1024 * 1024) + "\n")
    code, out, _ = run("validate", str(path))
    assert code == 1
    assert f"{path}: is {path.stat().st_size} bytes; data files are limited to 1 MiB" in out


# -- the data-file schemas -----------------------------------------------------------------


def as_json_types(value: object) -> object:
    """YAML dates as the strings an editor's YAML-to-JSON sees."""
    if isinstance(value, dict):
        return {key: as_json_types(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json_types(item) for item in value]
    return value.isoformat() if isinstance(value, date) else value


@pytest.mark.parametrize("path", sorted((BUNDLED / "skills").glob("*.yaml")), ids=lambda p: p.stem)
def test_bundled_skill_files_match_the_skill_schema(path: Path) -> None:
    schema = json.loads(schemas.text("skill"))
    Draft202012Validator.check_schema(schema)
    Draft202012Validator(schema).validate(
        as_json_types(yaml.safe_load(path.read_text(encoding="utf-8")))
    )


def test_framework_files_match_the_framework_schema() -> None:
    validator = Draft202012Validator(json.loads(schemas.text("framework")))
    validator.validate(yaml.safe_load((BUNDLED / "framework.yaml").read_text(encoding="utf-8")))
    validator.validate({"roles": [{"id": "sre", "name": "SRE"}]})
    assert not validator.is_valid({"bundled": False, "roles": []})  # its own ladder needs levels


def team_folder(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "team"
    (folder / "skills").mkdir(parents=True)
    (folder / "skills" / "x.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("day", ["2026-13-45", "2026-02-30"])
def test_an_impossible_date_is_a_problem_not_a_traceback(
    invoke: Invoke, tmp_path: Path, day: str
) -> None:
    folder = team_folder(
        tmp_path,
        skill_yaml("x", {"data-scientist": LADDER}).replace("domain:", f"updated: {day}\ndomain:"),
    )
    for args in (
        ["list", "-d", str(folder)],
        ["list", "-d", str(folder), "--json"],
        ["validate", str(folder)],
    ):
        result = invoke(*args)
        assert result.exit_code == 1
        assert "Traceback" not in result.stderr
        assert (
            "x.yaml:3:1: updated: must be a date written YYYY-MM-DD"
            in result.stdout + result.stderr
        )


def test_validate_lists_every_problem_of_a_file_at_once_in_line_order(
    invoke: Invoke, tmp_path: Path
) -> None:
    text = 'id: x\nname: X\nname: Y\ndomain: D\ncolour: red\nexpectations:\n  data-scientist:\n    junior:\n      description: "\\e[31m"\n'
    folder = team_folder(tmp_path, text)
    lines = invoke("validate", str(folder)).stdout.splitlines()
    path = folder / "skills" / "x.yaml"
    assert lines == [
        f"{path}:3:1: name: key 'name' appears twice",
        f"{path}:5:1: colour: unknown key 'colour'; expected one of: id, name, domain, updated, source, notes, summary, roles, every-role, expectations",
        f"{path}:9:7: expectations.data-scientist.junior.description: contains a control character (U+001B)",
        "3 problems in 1 file.",
    ]


def test_validate_follows_a_folder_that_brings_its_own_ladder(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = tmp_path / "own"
    (folder / "skills").mkdir(parents=True)
    (folder / "framework.yaml").write_text(
        "bundled: false\nlevels:\n  - {id: l1, name: L1}\n  - {id: l2, name: L2}\nroles:\n  - {id: sre, name: SRE}\n",
        encoding="utf-8",
    )
    (folder / "skills" / "oncall.yaml").write_text(
        skill_yaml("oncall", {"sre": ["l1", "l2"]}), encoding="utf-8"
    )
    result = invoke("validate", "--data-dir", str(folder))
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (0, "0 problems in 2 files.")


def test_a_raw_control_character_is_placed_too(invoke: Invoke, tmp_path: Path) -> None:
    folder = team_folder(tmp_path, "id: x\nname: \x1b\n")
    assert invoke("validate", str(folder)).stdout.startswith(
        f"{folder / 'skills' / 'x.yaml'}:2:7: is not valid YAML"
    )
