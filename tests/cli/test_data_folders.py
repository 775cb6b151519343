"""A team's own framework data: folders named by --data-dir and SKILLPATH_PATH, read on top
of the bundled data, or instead of it with ``bundled: false``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillpath.cli.app import app
from tests.conftest import BUNDLED, TERMINAL

DE_CELL = "      required: {flag}\n      description: Builds pipelines at the {level} level. Keeps them tested.\n"


def skill_yaml(
    skill_id: str, roles: dict[str, list[str]], name: str = "", domain: str = "Data"
) -> str:
    lines = [
        f"id: {skill_id}",
        f"name: {name or skill_id.title()}",
        f"domain: {domain}",
        "expectations:",
    ]
    for role, levels in roles.items():
        lines.append(f"  {role}:")
        for level in levels:
            lines.append(f"    {level}:")
            lines.append(DE_CELL.format(flag="true", level=level).rstrip("\n"))
    return "\n".join(lines) + "\n"


LADDER = ["junior", "middle", "senior", "lead", "principal"]


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """A team folder: one new role, an alias, a new skill and an override of a bundled one."""
    folder = tmp_path / "career"
    (folder / "skills").mkdir(parents=True)
    (folder / "framework.yaml").write_text(
        "roles:\n"
        "  - id: data-engineer\n    name: Data Engineer\n    aliases: [de]\n"
        "  - id: llm-engineer\n    aliases: [prompt-wrangler]\n"
        "levels:\n  - id: senior\n    aliases: [l5]\n",
        encoding="utf-8",
    )
    (folder / "skills" / "data-engineering.yaml").write_text(
        skill_yaml("data-engineering", {"data-engineer": LADDER}), encoding="utf-8"
    )
    (folder / "skills" / "rag.yaml").write_text(
        skill_yaml(
            "rag",
            {"llm-engineer": LADDER},
            name="Retrieval Our Way",
            domain="Machine Learning & AI",
        ),
        encoding="utf-8",
    )
    return folder


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner(env={**TERMINAL, "SKILLPATH_PATH": "", **(env or {})}).invoke(
        app, list(args)
    )
    return result.exit_code, result.stdout, result.stderr


def listing(*args: str, env: dict[str, str] | None = None) -> dict[str, dict]:
    code, out, err = run("list", "--json", *args, env=env)
    assert code == 0, err
    return {skill["id"]: skill for skill in json.loads(out)["skills"]}


def test_a_data_dir_adds_skills_roles_and_aliases(team: Path) -> None:
    skills = listing("--data-dir", str(team))
    assert skills["data-engineering"]["origin"] == str(team)
    assert skills["deep-learning"]["origin"] == "bundled"
    code, out, _ = run("next", "--role", "de", "--level", "l5", "--json", "--data-dir", str(team))
    assert code == 0
    answer = json.loads(out)
    assert answer["role"]["id"] == "data-engineer" and answer["from"]["id"] == "senior"
    code, out, _ = run("roles", "--json", "-d", str(team))
    roles = {role["id"]: role for role in json.loads(out)["roles"]}
    assert roles["llm-engineer"]["aliases"] == ["llm", "llme", "prompt-wrangler"]
    assert roles["llm-engineer"]["name"] == "LLM Engineer"


def test_a_skill_with_the_same_id_replaces_the_bundled_one_whole(team: Path) -> None:
    skills = listing("--data-dir", str(team))
    assert skills["rag"]["name"] == "Retrieval Our Way"
    assert skills["rag"]["origin"] == str(team)
    code, out, _ = run("list", "--data-dir", str(team))
    assert code == 0
    assert f"from{team}" in "".join(out.split())  # the path may wrap in its column
    code, out, _ = run("show", "rag", "--json", "--data-dir", str(team))
    assert code == 0
    assert {cell["description"] for cell in json.loads(out)["cells"]} == {
        f"Builds pipelines at the {level} level. Keeps them tested." for level in LADDER
    }


def test_skillpath_path_is_read_like_path_and_data_dir_comes_after(
    team: Path, tmp_path: Path
) -> None:
    later = tmp_path / "later"
    (later / "skills").mkdir(parents=True)
    (later / "skills" / "rag.yaml").write_text(
        skill_yaml("rag", {"llm-engineer": LADDER}, name="Later Rag", domain="X"), encoding="utf-8"
    )
    env = {"SKILLPATH_PATH": os.pathsep.join([str(team), ""])}
    assert listing(env=env)["rag"]["name"] == "Retrieval Our Way"
    assert listing("--data-dir", str(later), env=env)["rag"]["name"] == "Later Rag"
    assert (
        listing("--data-dir", str(later), "--data-dir", str(team))["rag"]["name"]
        == "Retrieval Our Way"
    )


def test_bundled_false_brings_a_whole_ladder_of_ones_own(tmp_path: Path) -> None:
    folder = tmp_path / "own"
    (folder / "skills").mkdir(parents=True)
    levels = "".join(f"  - id: l{n}\n    name: L{n}\n" for n in range(1, 8))
    (folder / "framework.yaml").write_text(
        f"name: Platform\nbundled: false\nlevels:\n{levels}roles:\n  - id: sre\n    name: SRE\n",
        encoding="utf-8",
    )
    (folder / "skills" / "oncall.yaml").write_text(
        skill_yaml("oncall", {"sre": [f"l{n}" for n in range(1, 8)]}), encoding="utf-8"
    )
    assert list(listing("-d", str(folder))) == ["oncall"]
    code, out, _ = run("levels", "--json", "-d", str(folder))
    assert [level["id"] for level in json.loads(out)["levels"]] == [f"l{n}" for n in range(1, 8)]
    code, out, _ = run("next", "-r", "sre", "-l", "L6", "--json", "-d", str(folder))
    assert json.loads(out)["to"]["id"] == "l7"
    code, _, err = run("show", "deep-learning", "-d", str(folder))
    assert code == 2 and "no skill 'deep-learning'" in err


def test_a_folder_on_top_of_the_bundled_data_cannot_add_levels(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    (folder / "skills").mkdir(parents=True)
    (folder / "skills" / "x.yaml").write_text(
        skill_yaml("x", {"data-scientist": LADDER}), encoding="utf-8"
    )
    (folder / "framework.yaml").write_text(
        "levels:\n  - id: distinguished\n    name: Distinguished\n", encoding="utf-8"
    )
    code, out, err = run("levels", "-d", str(folder))
    assert code == 1 and out == ""
    assert "framework.yaml:2:5: levels[0].id: adds the level 'distinguished'" in err
    assert "bundled: false" in err


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "data folder not found"),
        (
            lambda p: p.write_text("x", encoding="utf-8"),
            "is a file; a data folder holds framework.yaml and skills/",
        ),
        (lambda p: p.mkdir(), "skills: folder not found"),
        (lambda p: (p / "skills").mkdir(parents=True), "holds no skills"),
    ],
)
def test_a_folder_that_is_not_data_is_an_error_naming_it(
    tmp_path: Path, make, message: str
) -> None:
    folder = tmp_path / "team"
    make(folder)
    code, out, err = run("list", "--data-dir", str(folder))
    assert code == 1
    assert out == ""
    assert str(folder) in err and message in err
    assert "Traceback" not in err


def test_bundled_data_is_untouched_by_a_data_dir(team: Path) -> None:
    before = {path: path.read_bytes() for path in BUNDLED.rglob("*.yaml")}
    listing("--data-dir", str(team))
    assert before == {path: path.read_bytes() for path in BUNDLED.rglob("*.yaml")}
