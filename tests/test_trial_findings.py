"""What new users found when they tried skillpath, kept from coming back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillpath.cli import app

from .conftest import TERMINAL, Invoke
from .test_data_folders import LADDER, skill_yaml


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
        f"{path}:5:1: colour: unknown key 'colour'; expected one of: id, name, domain, expectations, updated, source",
        f"{path}:7:3: expectations.data-scientist: does not describe middle, senior, lead, principal",
        f"{path}:9:7: expectations.data-scientist.junior.description: contains a control character (U+001B)",
        "4 problems in 1 file.",
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


def test_next_answers_even_where_its_numbering_cannot_be_saved(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    runner = CliRunner(env={**TERMINAL, "SKILLPATH_HOME": str(blocker / "home")})
    result = runner.invoke(app, ["next", "-r", "llm", "-l", "mid", "rag", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["skills"][0]["id"] == "rag"
    assert result.stderr.startswith("warning: the items' numbers were not saved:")


def test_a_skill_at_the_top_by_its_own_level_is_not_a_gap(invoke: Invoke, invoke_json) -> None:
    invoke_json(
        "profile", "set", "--role", "llm", "--level", "mid", "--skill", "deep-learning=principal"
    )
    out = " ".join(invoke("next", "rag", "deep-learning").stdout.split())
    assert "does not describe" not in out
    assert "Shapes organizational architectural research strategy." in out


def test_path_does_not_number_items(invoke: Invoke) -> None:
    out = invoke("path", "-r", "llm", "--from", "senior", "--to", "lead", "rag").stdout
    assert "1. [ ]" not in out and "[ ] Sets the team's RAG reference architecture" in out


def test_search_matches_words_not_parts_of_words(invoke_json) -> None:
    hits = invoke_json("search", "rag")["hits"]
    assert hits[0]["skill"] == "rag" and hits[0]["role"] is None
    assert not [
        h for h in hits if "coverage" in h["text"].lower() and " rag" not in f" {h['text'].lower()}"
    ]


def test_a_raw_control_character_is_placed_too(invoke: Invoke, tmp_path: Path) -> None:
    folder = team_folder(tmp_path, "id: x\nname: \x1b\n")
    assert invoke("validate", str(folder)).stdout.startswith(
        f"{folder / 'skills' / 'x.yaml'}:2:7: is not valid YAML"
    )


def test_progress_at_forty_columns_keeps_its_counts(invoke: Invoke) -> None:
    out = invoke("progress", "-r", "llm", "-l", "mid", columns=40).stdout
    assert "0/32" in out and "0/18" in out
    assert "…" not in out


# -- from a code review ----------------------------------------------------------------------


def test_progress_for_named_skills_does_not_call_other_marks_stale(
    invoke: Invoke, invoke_json
) -> None:
    invoke_json("next", "-r", "llm", "-l", "mid", "deep-learning")
    assert invoke("done", "deep-learning:1").exit_code == 0
    report = invoke_json("progress", "-r", "llm", "-l", "mid", "rag")
    assert report["stale"] == []


def test_profile_changes_at_once_lose_nothing(fresh_home: Path) -> None:
    import subprocess
    import sys

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


def test_a_forced_import_keeps_the_files_permissions(invoke: Invoke, tmp_path: Path) -> None:
    seed = Path(__file__).parent / "seed" / "deep-learning-profile.txt"
    target = tmp_path / "dl.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o644)
    assert invoke("import", str(seed), "-o", str(target), "--force").exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o644


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
