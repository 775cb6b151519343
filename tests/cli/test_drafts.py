"""Drafts: ``new`` writes cells marked ``draft: true``; reading commands leave them out with
one warning line and keep working; ``validate`` reports each one and exits 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from skillpath.cli.app import app
from skillpath.errors import DataError
from skillpath.loading.files import write_new
from tests.cli.test_data_folders import LADDER, skill_yaml
from tests.conftest import TERMINAL


def run(*args: str, cwd: Path) -> Result:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        return CliRunner(env={**TERMINAL, "SKILLPATH_PATH": ""}).invoke(app, list(args))


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """A team folder beside the bundled data, with one finished skill of its own."""
    (tmp_path / "skills").mkdir()
    (tmp_path / "skills" / "done.yaml").write_text(
        skill_yaml("done", {"data-scientist": LADDER}), encoding="utf-8"
    )
    return tmp_path


WARNING = (
    "warning: {path}: 10 draft cells left out until written (remove 'draft: true' from each);"
    " skillpath validate lists them\n"
)


def test_new_then_every_reading_command_works_with_one_warning(team: Path) -> None:
    made = run("new", "fresh", "-r", "ds", "-r", "llm", "-d", ".", cwd=team)
    assert made.exit_code == 0, made.stderr
    warning = WARNING.format(path=Path("skills/fresh.yaml"))
    for args in (
        ("list",),
        ("show", "fresh"),
        ("next", "-r", "ds", "-l", "junior"),
        ("search", "data"),
        ("list", "--json"),
    ):
        result = run(*args, "-d", ".", cwd=team)
        assert (result.exit_code, result.stderr) == (0, warning), args


def test_a_draft_cell_is_left_out_of_the_skill(team: Path) -> None:
    run("new", "fresh", "-r", "ds", "-d", ".", cwd=team)
    path = team / "skills" / "fresh.yaml"
    text = path.read_text(encoding="utf-8")
    # Write the junior cell: the marker goes, a description comes.
    text = text.replace(
        "    junior:\n      draft: true  # left out until written: remove this line when it is\n"
        "      required: false\n      # What does a Junior Data Scientist do in Fresh?\n"
        '      description: ""',
        "    junior:\n      description: Cleans data.",
        1,
    )
    path.write_text(text, encoding="utf-8")
    shown = run("show", "fresh", "-d", ".", "--json", cwd=team)
    cells = json.loads(shown.stdout)["cells"]
    assert [(cell["role"], cell["level"]) for cell in cells] == [("data-scientist", "junior")]
    assert "4 draft cells left out" in shown.stderr


def test_validate_reports_each_draft_and_fails(team: Path) -> None:
    run("new", "fresh", "-r", "ds", "-d", ".", cwd=team)
    result = run("validate", ".", cwd=team)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "5 problems in 1 of 2 files."
    assert lines[0] == (
        f"{Path('skills/fresh.yaml')}:11:7: expectations.data-scientist.junior.draft: "
        "is a draft: write the description, then remove 'draft: true'"
    )


@pytest.mark.parametrize(
    ("flag", "message"),
    [
        ("false", "expectations.data-scientist.junior.description: must not be empty"),
        ("yes", "expectations.data-scientist.junior.draft: write true or false, not 'yes'"),
        ('"true"', "expectations.data-scientist.junior.draft: must be true or false, not text"),
    ],
)
def test_only_draft_true_makes_a_draft(team: Path, flag: str, message: str) -> None:
    text = skill_yaml("fresh", {"data-scientist": LADDER}).replace(
        "    junior:\n      required: true\n      description: Builds pipelines at the junior "
        "level. Keeps them tested.\n",
        f'    junior:\n      draft: {flag}\n      description: ""\n',
        1,
    )
    (team / "skills" / "fresh.yaml").write_text(text, encoding="utf-8")
    result = run("validate", ".", cwd=team)
    assert result.exit_code == 1
    assert message in result.stdout
    listed = run("list", "-d", ".", cwd=team)
    assert listed.exit_code == 1 and message in listed.stderr


@pytest.mark.parametrize("name", ["\udcff", "two\nlines: x", "\x1b]2;title\x07", " "])
def test_new_refuses_a_name_it_could_not_write_and_leaves_nothing(
    tmp_path: Path, name: str
) -> None:
    result = run("new", "zz", "--name", name, "-o", "new.yaml", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --name '")
    assert "\x1b" not in result.stderr and "\n" not in result.stderr.rstrip("\n")
    assert not (tmp_path / "new.yaml").exists()


def test_new_into_a_framework_with_no_skills_yet(tmp_path: Path) -> None:
    (tmp_path / "skills").mkdir()
    result = run("new", "first", "-d", ".", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "skills" / "first.yaml").is_file()
    assert run("list", "-d", ".", cwd=tmp_path).exit_code == 0


def test_write_new_encodes_before_it_makes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    with pytest.raises(DataError, match="not UTF-8"):
        write_new(target, "name: \udcff\n")
    assert not target.exists()


def test_a_draft_between_written_levels_is_a_draft_not_a_gap(team: Path) -> None:
    text = skill_yaml("fresh", {"data-scientist": LADDER}).replace(
        "    middle:\n", "    middle:\n      draft: true\n", 1
    )
    (team / "skills" / "fresh.yaml").write_text(text, encoding="utf-8")
    lines = run("validate", ".", cwd=team).stdout.splitlines()
    assert lines[-1] == "1 problem in 1 of 2 files."
    assert lines[0].endswith(
        "expectations.data-scientist.middle.draft: is a draft: write the description, then remove 'draft: true'"
    )
