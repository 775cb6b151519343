"""`validate` and `import` list every problem of a file in one run, bounded: a level missing
in a role's run beside an unknown role and level, every bad or empty CSV cell of every
skill, flags named as they are accepted, and close names suggested."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import Invoke

SKILL = """\
id: demo
name: Demo
domain: Machine Learning & AI
expectations:
  llm-engineer:
    junior: {required: false, description: Does a.}
    senior: {required: false, description: Does c.}
    lead: {required: false, description: Does d.}
    principal: {required: false, description: Does e.}
  llm-enginer:
    junior: {required: false, description: Does a.}
  data-scientist:
    junior: {required: false, description: Does a.}
    middel: {required: false, description: Does b.}
    senior: {required: false, description: Does c.}
    lead: {required: false, description: Does d.}
    principal: {required: false, description: Does e.}
"""


def team(tmp_path: Path, text: str = SKILL) -> Path:
    folder = tmp_path / "team"
    (folder / "skills").mkdir(parents=True)
    (folder / "skills" / "demo.yaml").write_text(text, encoding="utf-8")
    return folder


def test_validate_reports_a_gap_beside_an_unknown_role_and_level(
    invoke: Invoke, tmp_path: Path
) -> None:
    result = invoke("validate", str(team(tmp_path)))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ", 1)[1].split(":")[0] for line in lines[:-1]] == [
        "expectations.llm-engineer",
        "expectations.llm-enginer",
        "expectations.data-scientist.middel",
    ]
    assert "describes junior and principal but not middle between them" in lines[0]
    assert "unknown role 'llm-enginer'; did you mean 'llm-engineer'?" in lines[1]
    assert "unknown level 'middel'; did you mean 'middle'?" in lines[2]
    # the data scientist's "gap" is the misspelt level, reported as that alone
    assert lines[-1] == "3 problems in 1 file."


def test_validate_json_carries_every_problem(invoke: Invoke, tmp_path: Path) -> None:
    answer = invoke("validate", str(team(tmp_path)), "--json")
    assert answer.exit_code == 1
    problems = json.loads(answer.stdout)["problems"]
    assert len(problems) == 3 and {p["line"] for p in problems} == {5, 10, 14}


def test_validate_stops_listing_after_fifty_problems_of_a_file(
    invoke: Invoke, tmp_path: Path
) -> None:
    levels = "".join(f"    level-{n}: {{required: false, description: x.}}\n" for n in range(80))
    text = SKILL.split("  llm-enginer:")[0].replace("    junior:", levels + "    junior:", 1)
    result = invoke("validate", str(team(tmp_path, text)))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 52
    assert lines[-2].endswith("30 more problems: fix these and run it again")
    assert lines[-1] == "80 problems in 1 file."


ROWS = [
    ["demo", "llm-engineer", "junior", "yes", "Does a."],
    ["demo", "llm-engineer", "senior", "maybe", "Does c."],
    ["demo", "llm-engineer", "lead", "no", ""],
    ["demo", "llm-engineer", "principal", "no", ""],
    ["other", "data-scientist", "junior", "no", ""],
    ["other", "data-scientist", "middle", "true", "Does b."],
    ["other", "data-scientist", "senior", "false", ""],
]


def write_csv(tmp_path: Path, rows: list[list[str]]) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["skill", "role", "level", "required", "description"])
    writer.writerows(rows)
    path = tmp_path / "framework.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_import_reports_every_bad_and_empty_cell_of_every_skill(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = write_csv(tmp_path, ROWS)
    result = invoke("import", str(path), "--into", str(tmp_path / "mine"))
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines == [
        f"error: {path}:2: skill 'demo': the llm-engineer rows give junior and principal but "
        "not middle between them: a skill may start later or end earlier than the ladder, "
        "not skip a level",
        f"error: {path}:3: required is 'maybe'; expected yes, no, true or false "
        "(or empty: optional)",
        f"error: {path}:4: the llm-engineer lead cell has no description and no item",
        f"error: {path}:5: the llm-engineer principal cell has no description and no item",
        f"error: {path}:6: the data-scientist junior cell has no description and no item",
        f"error: {path}:8: the data-scientist senior cell has no description and no item",
    ]
    assert not (tmp_path / "mine").exists()


def test_import_suggests_a_close_role_and_level(invoke: Invoke, tmp_path: Path) -> None:
    rows = [
        ["demo", "LLM Enginer", "junior", "yes", "Does a."],
        ["demo", "data-scientist", "middel", "no", "Does b."],
        ["demo", "data-scientist", "junior", "no", "Does a."],
        ["demo", "data-scientist", "senior", "no", "Does c."],
    ]
    path = write_csv(tmp_path, rows)
    result = invoke("import", str(path), "--name", "Demo", "--domain", "X")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2  # no gap at middle for the data scientist: the misspelt row may be it
    assert lines[0].startswith(
        f"error: {path}:2: 'LLM Enginer' is not a role; did you mean 'llm-engineer'"
    )
    assert lines[1] == f"error: {path}:3: 'middel' is not a level; did you mean 'middle'?"


def test_import_takes_yes_and_no(invoke: Invoke, tmp_path: Path) -> None:
    rows = [
        ["demo", "llm-engineer", level, flag, "Does it."]
        for level, flag in zip(
            ["junior", "middle", "senior", "lead", "principal"],
            ["yes", "no", "true", "false", ""],
            strict=True,
        )
    ]
    result = invoke("import", str(write_csv(tmp_path, rows)), "--name", "Demo", "--domain", "X")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("required: true") == 2
