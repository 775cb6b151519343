"""Bringing a framework of one's own: `init` from nothing, commands on a framework with no
skills yet, `new` into it, and ids that YAML would read as numbers."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from skillpath import schemas
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
        "bundled: false\nlevels:\n  - {id: 1, name: One}\nroles:\n  - {id: off, name: A}\n",
        encoding="utf-8",
    )
    result = invoke("levels", "-d", str(folder))
    assert result.exit_code == 1
    assert 'levels[0].id: must be text, not a number; write it in quotes ("1")' in result.stderr
    assert 'roles[0].id: must be text, not true/false; write it in quotes ("off")' in result.stderr


TRACKS = """\
name: Tracks
bundled: false
levels:
  - {id: l1, name: Level 1}
  - {id: l2, name: Level 2}
  - {id: l3, name: Level 3}
  - {id: l4, name: Level 4}
roles:
  - {id: eng, name: Engineer}
  - {id: ops, name: Operator, levels: [l1, l2, l3]}
"""

LEADING = """\
id: leading
name: Leading
domain: People
summary: Helps others do their best work.
every-role:
  l3:
    items:
      - Runs the team's planning
      - Coaches two people
    examples: [Ran the Q3 planning for the payments team]
  l4:
    description: |
      - Sets direction for several teams
      - Grows leads
expectations:
  ops:
    l3:
      required: true
      items: [Runs the shift handover]
"""


def tracks(tmp_path: Path, **skills: str) -> Path:
    folder = tmp_path / "tracks"
    (folder / "skills").mkdir(parents=True)
    (folder / "framework.yaml").write_text(TRACKS, encoding="utf-8")
    for skill_id, text in skills.items():
        (folder / "skills" / f"{skill_id}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_shared_cells_bullets_and_items_without_a_description(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = tracks(tmp_path, leading=LEADING)
    data = yaml.safe_load(LEADING)
    Draft202012Validator(json.loads(schemas.text("skill"))).validate(data)
    framework = yaml.safe_load(TRACKS)
    Draft202012Validator(json.loads(schemas.text("framework"))).validate(framework)
    assert invoke("validate", str(folder)).exit_code == 0
    shown = json.loads(invoke("show", "leading", "-d", str(folder), "--json").stdout)
    Draft202012Validator(json.loads(schemas.text("show"))).validate(shown)
    assert shown["skill"]["definition"] == "Helps others do their best work."
    assert [level["id"] for level in shown["levels"]] == ["l3", "l4"]
    cells = {(c["role"], c["level"]): c for c in shown["cells"]}
    assert set(cells) == {("eng", "l3"), ("eng", "l4"), ("ops", "l3")}
    assert [i["text"] for i in cells["eng", "l3"]["items"]] == [
        "Runs the team's planning",
        "Coaches two people",
    ]
    assert cells["eng", "l3"]["description"] == ""
    assert cells["eng", "l3"]["examples"] == ["Ran the Q3 planning for the payments team"]
    assert [i["text"] for i in cells["eng", "l4"]["items"]] == [
        "Sets direction for several teams",
        "Grows leads",
    ]
    assert cells["ops", "l3"]["required"] is True  # the role's own cell wins
    assert [i["text"] for i in cells["ops", "l3"]["items"]] == ["Runs the shift handover"]
    table = invoke("show", "leading", "-d", str(folder), columns=100).stdout
    assert "- Runs the team's planning" in table and "- Coaches two people" in table
    assert "2 roles · 2 levels" in table
    listed = invoke("list", "-d", str(folder)).stdout
    assert "2 levels each" in listed
    markdown = invoke("show", "leading", "-d", str(folder), "-f", "markdown").stdout
    assert "Items:\n\n- Runs the team's planning\n- Coaches two people" in markdown


def test_next_at_the_top_of_a_roles_own_ladder_says_so(invoke: Invoke, tmp_path: Path) -> None:
    folder = tracks(tmp_path, leading=LEADING)
    result = invoke("next", "-d", str(folder), "-r", "ops", "-l", "l3")
    assert result.exit_code == 0
    assert "Level 3 is the top of the Operator ladder" in " ".join(result.stdout.split())
    answer = json.loads(invoke("next", "-d", str(folder), "-r", "ops", "-l", "l3", "--json").stdout)
    assert answer["top"] is True and answer["to"] is None
    Draft202012Validator(json.loads(schemas.text("next"))).validate(answer)
    listed = json.loads(invoke("roles", "-d", str(folder), "--json").stdout)
    Draft202012Validator(json.loads(schemas.text("roles"))).validate(listed)
    roles = listed["roles"]
    assert [role["levels"] for role in roles] == [[], ["l1", "l2", "l3"]]


def test_a_skill_that_starts_at_the_next_level_shows_all_its_items_as_new(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = tracks(tmp_path, leading=LEADING)
    answer = json.loads(invoke("next", "-d", str(folder), "-r", "eng", "-l", "l2", "--json").stdout)
    [step] = answer["skills"]
    assert step["current"] is None and step["next"]["level"] == "l3"
    assert [entry["text"] for entry in answer["checklist"]] == [
        "Runs the team's planning",
        "Coaches two people",
    ]
    table = " ".join(invoke("next", "-d", str(folder), "-r", "eng", "-l", "l2").stdout.split())
    assert "(this skill starts at Level 3)" in table and "does not describe" not in table
    below = json.loads(invoke("next", "-d", str(folder), "-r", "eng", "-l", "l1", "--json").stdout)
    assert below["skills"] == []  # it starts above the next level: nothing to cover yet


def test_a_gap_in_the_middle_is_a_problem_and_a_level_off_the_roles_ladder_too(
    invoke: Invoke, tmp_path: Path
) -> None:
    gap = LEADING.replace("  l4:\n", "  l1:\n    items: [Joins planning]\n  l4:\n", 1)
    off = LEADING.replace("    l3:\n      required: true", "    l4:\n      required: true")
    folder = tracks(tmp_path, gap=gap.replace("id: leading", "id: gap"), outside=off.replace(
        "id: leading", "id: outside"))  # fmt: skip
    result = invoke("validate", str(folder))
    assert result.exit_code == 1
    out = result.stdout
    assert "every-role: describes l1 and l4 but not l2 between them" in out
    assert "expectations.ops.l4: the role 'ops' has no level 'l4'; its levels: l1, l2, l3" in out
    assert "expectations.ops: describes l1 and l3 but not l2 between them" in out
    assert out.splitlines()[-1].startswith("3 problems in ")


def test_a_role_ladder_must_name_known_levels_lowest_first(invoke: Invoke, tmp_path: Path) -> None:
    folder = tracks(tmp_path)
    text = TRACKS.replace("levels: [l1, l2, l3]", "levels: [l2, l1, l9]")
    (folder / "framework.yaml").write_text(text, encoding="utf-8")
    result = invoke("roles", "-d", str(folder))
    assert result.exit_code == 1
    assert "roles[1].levels[2]: unknown level 'l9'" in result.stderr


def test_new_writes_only_the_levels_of_each_roles_ladder(invoke: Invoke, tmp_path: Path) -> None:
    folder = tracks(tmp_path)
    result = invoke("new", "planning", "-d", str(folder))
    assert result.exit_code == 0 and "7 descriptions to write" in result.stdout
    data = yaml.safe_load((folder / "skills" / "planning.yaml").read_text(encoding="utf-8"))
    assert list(data["expectations"]["ops"]) == ["l1", "l2", "l3"]
    assert list(data["expectations"]["eng"]) == ["l1", "l2", "l3", "l4"]


def test_search_looks_at_summaries_and_examples(invoke: Invoke, tmp_path: Path) -> None:
    folder = tracks(tmp_path, leading=LEADING)
    found = json.loads(invoke("search", "best", "work", "-d", str(folder), "--json").stdout)
    Draft202012Validator(json.loads(schemas.text("search"))).validate(found)
    assert [(h["skill"], h["field"]) for h in found["hits"]] == [("leading", "summary")]
    example = json.loads(invoke("search", "payments", "-d", str(folder), "--json").stdout)
    # ops has its own l3 cell, which takes the place of the shared one with the example
    assert [(h["role"]["id"], h["field"]) for h in example["hits"]] == [("eng", "example")]
    table = invoke("search", "payments", "-d", str(folder)).stdout
    assert "example" in table


def test_show_leaves_out_levels_a_role_does_not_reach_in_the_skill(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = tracks(tmp_path, leading=LEADING)
    table = invoke("show", "leading", "-d", str(folder), columns=60).stdout
    operator = table[table.index("Operator") :]
    assert "Level 3" in operator and "Level 4" not in operator
    assert "(not described in the data)" not in table
    wide = invoke("show", "leading", "-d", str(folder), columns=120).stdout
    assert "—" in wide and "(not described in the data)" not in wide
    markdown = invoke("show", "leading", "-d", str(folder), "-f", "markdown").stdout
    assert "| Level 4 | optional | Sets direction for several teams · Grows leads |" in markdown
    assert markdown.count("| Level 4 |") == 1
    asked = invoke("show", "leading", "-d", str(folder), "--level", "l4", columns=60).stdout
    assert "(not described in the data)" in asked[asked.index("Operator") :]


def test_joined_and_wide_emoji_keep_a_table_aligned(invoke: Invoke, tmp_path: Path) -> None:
    emoji = ("\U0001f9d1\u200d\U0001f4bb", "\u2764\ufe0f", "\U0001f1e9\U0001f1ea", "\U0001f9e0")
    named = LEADING.replace("name: Leading", f'name: "{" ".join(emoji)} Leading"')
    folder = tracks(tmp_path, leading=named)
    lines = invoke("list", "-d", str(folder)).stdout.splitlines()
    header = next(line for line in lines if "Roles" in line)
    row = next(line for line in lines if "Leading" in line)
    for each in emoji:  # each shows as two columns in a terminal
        row = row.replace(each, "XX")
    assert row.index("Engineer") == header.index("Roles")


def test_a_list_that_says_a_thing_twice_is_a_problem(invoke: Invoke, tmp_path: Path) -> None:
    twice = LEADING.replace(
        "      - Coaches two people\n", "      - Coaches two people\n      - coaches  two people\n"
    ).replace("examples: [Ran the Q3 planning for the payments team]", "evidence: [A, B, a]")
    folder = tracks(tmp_path, leading=twice)
    result = invoke("validate", str(folder))
    assert result.exit_code == 1
    assert "every-role.l3.items[2]: repeats entry 2: say each one once" in result.stdout
    assert "every-role.l3.evidence[2]: repeats entry 1: say each one once" in result.stdout


def test_path_climbs_a_roles_own_ladder_to_its_top(invoke: Invoke, tmp_path: Path) -> None:
    folder = tracks(tmp_path, leading=LEADING)
    answer = json.loads(
        invoke("path", "-d", str(folder), "-r", "ops", "--from", "l1", "--json").stdout
    )
    assert answer["to"]["id"] == "l3"
    assert [step["from"]["id"] for step in answer["steps"]] == ["l1", "l2"]


def test_a_level_off_a_roles_ladder_is_a_usage_error(invoke: Invoke, tmp_path: Path) -> None:
    folder = tracks(tmp_path, leading=LEADING)
    result = invoke("next", "-d", str(folder), "-r", "ops", "-l", "l4")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "error: Operator has no level Level 4; its levels: Level 1, Level 2, Level 3\n"
    )
    assert invoke("path", "-d", str(folder), "-r", "ops", "--from", "l4").exit_code == 2
