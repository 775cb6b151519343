"""Bringing a framework of one's own: `init` from nothing, commands on a framework with no
skills yet, `new` into it, and ids that YAML would read as numbers."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.conftest import Invoke


def init(invoke: Invoke, folder: Path, *extra: str) -> None:
    result = invoke(
        "init", str(folder), "--name", "Product Engineering",
        "--level", "Level 1", "--level", "Level 2", "--level", "Level 3",
        "--role", "Backend Engineer", "--role", "Data Analyst", *extra,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr


def test_init_writes_a_framework_of_ones_own_with_ids_from_the_names(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = tmp_path / "career"
    init(invoke, folder)
    written = yaml.safe_load((folder / "framework.yaml").read_text(encoding="utf-8"))
    assert written["bundled"] is False and written["name"] == "Product Engineering"
    assert [level["id"] for level in written["levels"]] == ["level-1", "level-2", "level-3"]
    assert [role["id"] for role in written["roles"]] == ["backend-engineer", "data-analyst"]
    assert (folder / "skills").is_dir() and not list((folder / "skills").iterdir())
    levels = json.loads(invoke("levels", "-d", str(folder), "--json").stdout)
    assert [level["name"] for level in levels["levels"]] == ["Level 1", "Level 2", "Level 3"]


def test_init_never_overwrites_and_refuses_names_without_an_id(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = tmp_path / "career"
    init(invoke, folder)
    before = (folder / "framework.yaml").read_bytes()
    again = invoke("init", str(folder), "--name", "X", "--level", "A", "--role", "B")
    assert again.exit_code == 1 and "already exists; nothing was written" in again.stderr
    assert (folder / "framework.yaml").read_bytes() == before
    empty = invoke("init", str(tmp_path / "y"), "--name", "X", "--level", "★", "--role", "B")
    assert empty.exit_code == 2 and "gives no id" in empty.stderr
    twice = invoke("init", str(tmp_path / "z"), "--name", "X", "-l", "L 1", "-l", "l-1", "-r", "B")
    assert twice.exit_code == 2 and "have the same id" in twice.stderr
    assert not (tmp_path / "y").exists() and not (tmp_path / "z").exists()


def test_every_command_works_on_a_framework_with_no_skills_yet(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = tmp_path / "career"
    init(invoke, folder)
    listing = invoke("list", "-d", str(folder))
    assert listing.exit_code == 0, listing.stderr
    assert "No skills yet" in listing.stdout
    assert json.loads(invoke("list", "-d", str(folder), "--json").stdout)["skills"] == []
    checked = invoke("validate", str(folder))
    assert checked.exit_code == 0, checked.stdout
    step = invoke("next", "-d", str(folder), "--role", "backend-engineer", "--level", "level-1")
    assert step.exit_code == 0, step.stderr


def test_new_writes_into_the_named_framework_and_quotes_number_like_ids(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = tmp_path / "career"
    folder.mkdir()
    (folder / "framework.yaml").write_text(
        'name: Numbered\nbundled: false\nlevels:\n  - {id: "1", name: One}\n'
        '  - {id: "2", name: Two}\nroles:\n  - {id: "2026-01-01", name: Dated}\n'
        '  - {id: "true", name: Truth}\n',
        encoding="utf-8",
    )
    result = invoke("new", "communication", "-d", str(folder))
    assert result.exit_code == 0, result.stderr
    assert "already a skill" not in result.stderr
    written = folder / "skills" / "communication.yaml"
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert list(data["expectations"]) == ["2026-01-01", "true"]
    assert list(data["expectations"]["true"]) == ["1", "2"]
    problems = invoke("validate", str(folder), "--json")
    messages = [p["message"] for p in json.loads(problems.stdout)["problems"]]
    assert messages and all("unknown level" not in m and "unknown role" not in m for m in messages)


def test_a_number_where_an_id_is_expected_says_to_quote_it(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "career"
    (folder / "skills").mkdir(parents=True)
    (folder / "framework.yaml").write_text(
        "bundled: false\nlevels:\n  - {id: 1, name: One}\nroles:\n  - {id: a, name: A}\n",
        encoding="utf-8",
    )
    result = invoke("levels", "-d", str(folder))
    assert result.exit_code == 1
    assert 'levels[0].id: must be text, not a number; write it in quotes ("1")' in result.stderr
