"""`skillpath share` and `skillpath team`: plans shared as files in a team folder, and the
team read from them, a broken file costing only its person."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from tests.cli.team_helpers import RAG_1, RAG_3, as_person, make_team, ok
from tests.conftest import Invoke


def test_share_writes_the_plan_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke
) -> None:
    team = make_team(tmp_path, monkeypatch, invoke)
    written = json.loads((team / "people" / "ada.yaml").read_text(encoding="utf-8"))
    assert written["id"] == "ada" and written["name"] == "Ada Lovelace"
    assert written["version"] == 1
    assert written["framework"]["name"] == "Machine Learning & AI"
    assert RAG_1 in written["framework"]["items"]
    assert written["profile"] == {"role": "llm-engineer", "level": "middle", "skills": {}}
    assert written["items"][RAG_1]["evidence"] == [
        {"note": "Query rewriting", "date": "2026-11-02", "link": "https://git.example/pr/1"},
        {"note": "Team demo", "date": "2026-11-20"},
    ]
    assert written["items"][RAG_3]["state"] == "skipped"
    assert written["items"][RAG_3]["reason"] == "We use a hosted search service"
    assert sorted(path.name for path in (team / "people").iterdir()) == ["ada.yaml", "bob.yaml"]


def test_share_tells_what_it_wrote(tmp_path: Path, invoke: Invoke) -> None:
    ok(invoke("profile", "set", "--role", "llm", "--level", "middle"))
    ok(invoke("done", "rag:1", "--note", "Query rewriting"))
    result = invoke("share", str(tmp_path / "team"), "--as", "ada")
    ok(result)
    assert result.stderr == ""
    assert f"Shared your plan as {tmp_path / 'team' / 'people' / 'ada.yaml'}" in result.stdout
    assert "1 marked item, 1 piece of evidence (id ada)" in result.stdout


def test_share_names_the_file_after_the_login_as_an_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke
) -> None:
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "Ada.Lovelace")
    ok(invoke("profile", "set", "--role", "llm", "--level", "middle"))
    ok(invoke("share", str(tmp_path / "team")))
    assert (tmp_path / "team" / "people" / "ada-lovelace.yaml").is_file()


@pytest.mark.parametrize("person", ["Ada", "ada_l", "../ada", "a--b", ""])
def test_share_refuses_an_id_that_is_not_a_slug(
    tmp_path: Path, invoke: Invoke, person: str
) -> None:
    ok(invoke("profile", "set", "--role", "llm", "--level", "middle"))
    result = invoke("share", str(tmp_path / "team"), "--as", person)
    assert result.exit_code == 2
    assert "is not an id" in result.stderr
    assert not (tmp_path / "team").exists()


def test_share_needs_a_role_and_level(tmp_path: Path, invoke: Invoke) -> None:
    result = invoke("share", str(tmp_path / "team"), "--as", "ada")
    assert result.exit_code == 2
    assert "profile set" in result.stderr


def test_share_again_replaces_only_its_own_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke
) -> None:
    team = make_team(tmp_path, monkeypatch, invoke)
    bob = (team / "people" / "bob.yaml").read_bytes()
    (team / "people" / "README.md").write_text("Our plans\n", encoding="utf-8")
    as_person(tmp_path, monkeypatch, "ada")
    ok(invoke("undo", "rag:1"))
    ok(invoke("share", str(team), "--as", "ada"))
    shared = json.loads((team / "people" / "ada.yaml").read_text())["items"]
    assert shared[RAG_1]["state"] == "todo"  # put back to do, its evidence kept
    assert (team / "people" / "bob.yaml").read_bytes() == bob
    assert (team / "people" / "README.md").read_text() == "Our plans\n"
    assert not [p for p in (team / "people").iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("kind", ["symlink", "fifo", "folder"])
def test_share_refuses_what_is_not_a_regular_file(
    tmp_path: Path, invoke: Invoke, kind: str
) -> None:
    ok(invoke("profile", "set", "--role", "llm", "--level", "middle"))
    people = tmp_path / "team" / "people"
    people.mkdir(parents=True)
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me\n")
    if kind == "symlink":
        (people / "ada.yaml").symlink_to(target)
    elif kind == "fifo":
        os.mkfifo(people / "ada.yaml")
    else:
        (people / "ada.yaml").mkdir()
    result = invoke("share", str(tmp_path / "team"), "--as", "ada")
    assert result.exit_code == 1
    assert "ada.yaml" in result.stderr and "Traceback" not in result.stderr
    assert target.read_text() == "keep me\n"


def test_share_refuses_a_people_folder_that_is_a_link(tmp_path: Path, invoke: Invoke) -> None:
    ok(invoke("profile", "set", "--role", "llm", "--level", "middle"))
    (tmp_path / "team").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "team" / "people").symlink_to(tmp_path / "other")
    result = invoke("share", str(tmp_path / "team"), "--as", "ada")
    assert result.exit_code == 1
    assert "symbolic link" in result.stderr
    assert list((tmp_path / "other").iterdir()) == []


# -- team -----------------------------------------------------------------------------------


def test_team_json_has_a_row_per_person(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke, invoke_json
) -> None:
    team = make_team(tmp_path, monkeypatch, invoke)
    answer = invoke_json("team", str(team))
    assert answer["team"] == {
        "folder": str(team),
        "framework": "Machine Learning & AI",
        "people": 2,
        "problems": [],
    }
    ada, bob = answer["people"]
    assert (ada["id"], ada["name"], bob["id"], bob["name"]) == ("ada", "Ada Lovelace", "bob", "bob")
    assert ada["role"] == {"id": "llm-engineer", "name": "LLM Engineer"}
    assert ada["level"] == {"id": "middle", "name": "Middle"}
    assert ada["next_level"] == {"id": "senior", "name": "Senior"}
    # The same numbers as `skillpath progress` gives ada herself.
    as_person(tmp_path, monkeypatch, "ada")
    own = invoke_json("progress")["summary"]
    assert (ada["covered"], ada["applicable"]) == (own["covered"], own["applicable"]) == (1, 76)
    assert (ada["required_covered"], ada["required"]) == (1, own["required_total"])
    assert ada["stale"] == []
    assert ada["last_change"] == date.today().isoformat()  # the skip, made today
    rag = next(skill for skill in ada["skills"] if skill["id"] == "rag")
    assert rag == {"id": "rag", "required": True, "covered": 1, "applicable": 3}
    assert "rag" not in ada["uncovered"] and "deep-learning" in ada["uncovered"]
    assert bob["covered"] == 0 and bob["last_change"] is None
    assert bob["next_level"] == {"id": "middle", "name": "Middle"}
    skills = {skill["id"]: skill for skill in answer["skills"]}
    assert skills["rag"] == {
        "id": "rag",
        "name": "Retrieval-Augmented Generation",
        "people": 1,
        "covered": 0,
    }
    assert skills["deep-learning"]["people"] == 2


def test_team_covers_a_skill_when_every_item_that_applies_is_covered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke, invoke_json
) -> None:
    team = make_team(tmp_path, monkeypatch, invoke)
    as_person(tmp_path, monkeypatch, "ada")
    ok(invoke("done", "rag:2", "--note", "ADR-7: why pgvector"))
    ok(invoke("done", "rag:4", "--note", "Reviewed the index migration"))
    ok(invoke("share", str(team), "--as", "ada"))
    skills = {skill["id"]: skill for skill in invoke_json("team", str(team))["skills"]}
    assert skills["rag"]["covered"] == 1  # rag:3 skipped: not held against her


def test_team_formats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke) -> None:
    team = make_team(tmp_path, monkeypatch, invoke)
    csv = invoke("team", str(team), "--format", "csv")
    ok(csv)
    lines = csv.stdout.splitlines()
    assert lines[0].startswith("person,name,role,level,next_level,covered,applicable,")
    assert lines[1].startswith("ada,Ada Lovelace,llm-engineer,middle,senior,1,76,1,")
    markdown = invoke("team", str(team), "--format", "markdown")
    ok(markdown)
    assert markdown.stdout.startswith("# Team: Machine Learning & AI, 2 people\n")
    assert "| Ada Lovelace (`ada`) | LLM Engineer | Middle → Senior | 1/76 |" in markdown.stdout
    assert "| Retrieval-Augmented Generation | 0 of 1 |" in markdown.stdout
    svg = invoke("team", str(team), "--format", "svg")
    ok(svg)
    assert svg.stdout.startswith("<svg ") and "Ada Lovelace" in svg.stdout
    table = invoke("team", str(team))
    ok(table)
    assert "Team · Machine Learning & AI · 2 people" in table.stdout
    assert "█" in table.stdout and "░" in table.stdout


def test_team_table_at_50_columns_stacks_each_person(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke
) -> None:
    team = make_team(tmp_path, monkeypatch, invoke)
    result = invoke("team", str(team), columns=50)
    ok(result)
    assert all(len(line) <= 50 for line in result.stdout.splitlines())
    assert "Ada Lovelace (ada) · LLM Engineer, Middle → Senior" in result.stdout
    assert "1/76 covered · required 1/38" in result.stdout


def test_team_never_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke) -> None:
    team = make_team(tmp_path, monkeypatch, invoke)
    before = sorted(str(p) for p in team.rglob("*"))
    for fmt in ("table", "json", "csv", "markdown", "svg"):
        ok(invoke("team", str(team), "--format", fmt))
    assert sorted(str(p) for p in team.rglob("*")) == before


def test_an_empty_team_has_no_people_and_a_missing_one_is_an_error(
    tmp_path: Path, invoke: Invoke, invoke_json
) -> None:
    answer = invoke_json("team", str(tmp_path))
    assert answer["people"] == [] and answer["skills"] == []
    missing = invoke("team", str(tmp_path / "nobody"))
    assert missing.exit_code == 1
    assert f"error: {tmp_path / 'nobody'}: no such folder" in missing.stderr


def test_a_reworded_item_is_reported_stale_not_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke, invoke_json
) -> None:
    team = make_team(tmp_path, monkeypatch, invoke)
    path = team / "people" / "ada.yaml"
    plan = json.loads(path.read_text())
    mark = plan["items"].pop(RAG_1)
    mark["text"] = "Designs production RAG architectures with query rewriting, in old words."
    plan["items"]["0badc0de"] = mark
    path.write_text(json.dumps(plan, indent=2))
    ada = invoke_json("team", str(team))["people"][0]
    assert ada["covered"] == 0
    [stale] = ada["stale"]
    assert stale["id"] == "0badc0de" and stale["closest"]["id"] == RAG_1
    assert len(stale["mark"]["evidence"]) == 2


def test_team_reads_the_teams_own_framework(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke, invoke_json
) -> None:
    from tests.cli.test_data_folders import LADDER, skill_yaml

    framework = tmp_path / "career"
    (framework / "skills").mkdir(parents=True)
    text = skill_yaml("team-craft", {"llm-engineer": LADDER}, name="Team Craft")
    (framework / "skills" / "team-craft.yaml").write_text(text, encoding="utf-8")
    team = make_team(tmp_path, monkeypatch, invoke)
    answer = invoke_json("team", str(team), "-d", str(framework))
    ada, bob = answer["people"]
    assert "team-craft" in {skill["id"] for skill in ada["skills"]}
    assert "team-craft" not in {skill["id"] for skill in bob["skills"]}
    assert {"id": "team-craft", "name": "Team Craft", "people": 1, "covered": 0} in answer["skills"]


# -- a broken person file costs that person, not the team -----------------------------------

ALIAS_BOMB = (
    'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
)


def _plan_with_name(team: Path, name: str) -> str:
    plan = json.loads((team / "people" / "bob.yaml").read_text())
    plan["id"], plan["name"] = "eve", name
    return json.dumps(plan)


def _broken(team: Path, case: str) -> tuple[Path, str]:
    people = team / "people"
    path = people / "eve.yaml"
    if case == "invalid-yaml":
        path.write_text("id: [eve\nname: Eve\n")
        return path, "is not valid YAML"
    if case == "alias-bomb":
        path.write_text(ALIAS_BOMB)
        return path, "YAML nodes"
    if case == "sparse-2gib":
        with path.open("wb") as file:
            file.truncate(2 * 1024**3)
        return path, "data files are limited to 1 MiB"
    if case == "fifo":
        os.mkfifo(path)
        return path, "not a regular file"
    if case == "escape-in-name":
        path.write_text(_plan_with_name(team, "Eve \x1b[31mred\x1b[0m"))
        return path, "name: contains"
    if case == "non-slug-file-name":
        path = people / "Eve_Smith.yaml"
        path.write_text(_plan_with_name(team, "Eve"))
        return path, "is not an id"
    if case == "id-of-another":
        path.write_text(_plan_with_name(team, "Eve").replace('"id": "eve"', '"id": "ada"'))
        return path, "id: is 'ada', but the file is named for 'eve'"
    if case == "symlink":
        path.symlink_to(people / "bob.yaml")
        return path, "symbolic link"
    raise AssertionError(case)


CASES = [
    "invalid-yaml",
    "alias-bomb",
    "sparse-2gib",
    "fifo",
    "escape-in-name",
    "non-slug-file-name",
    "id-of-another",
    "symlink",
]


@pytest.mark.parametrize("case", CASES)
def test_a_broken_person_file_is_named_and_the_others_still_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke, case: str
) -> None:
    team = make_team(tmp_path, monkeypatch, invoke)
    path, message = _broken(team, case)
    result = invoke("team", str(team), "--json")
    assert result.exit_code == 0, result.stderr
    assert f"warning: {path}" in result.stderr and message in result.stderr
    assert "this person is left out" in result.stderr
    assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
    answer = json.loads(result.stdout)
    assert [person["id"] for person in answer["people"]] == ["ada", "bob"]
    [problem] = answer["team"]["problems"]
    assert (
        problem["file"] == str(path) and message in f"{problem['key_path']}: {problem['message']}"
    )
    table = invoke("team", str(team))
    assert table.exit_code == 0
    assert "Ada Lovelace" in table.stdout and "\x1b" not in table.stdout + table.stderr


def test_a_broken_yaml_file_is_placed_by_line_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke
) -> None:
    team = make_team(tmp_path, monkeypatch, invoke)
    text = (team / "people" / "bob.yaml").read_text().replace('"ds"', '"x"')
    plan = json.loads(text)
    plan["profile"]["level"] = "Not An Id"
    lines = json.dumps(plan, indent=2)
    (team / "people" / "bob.yaml").write_text(lines)
    result = invoke("team", str(team))
    line = next(n for n, t in enumerate(lines.splitlines(), 1) if "Not An Id" in t)
    assert f"{team / 'people' / 'bob.yaml'}:{line}:" in result.stderr
    assert "profile.level: 'Not An Id' is not an id" in result.stderr


def test_markup_in_a_name_is_shown_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke
) -> None:
    team = make_team(tmp_path, monkeypatch, invoke)
    (team / "people" / "eve.yaml").write_text(_plan_with_name(team, "[bold]Eve[/] <b>&amp;"))
    table = invoke("team", str(team), columns=120)
    assert "[bold]Eve[/] <b>&amp;" in table.stdout
    markdown = invoke("team", str(team), "--format", "markdown")
    assert "\\[bold\\]Eve\\[/\\] &lt;b>&amp;amp;" in markdown.stdout
    svg = invoke("team", str(team), "--format", "svg")
    assert "[bold]Eve[/] &lt;b&gt;&amp;amp;" in svg.stdout


def test_a_profile_the_framework_lacks_is_a_problem_of_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke, invoke_json
) -> None:
    team = make_team(tmp_path, monkeypatch, invoke)
    path = team / "people" / "bob.yaml"
    path.write_text(path.read_text().replace('"data-scientist"', '"data-engineer"'))
    result = invoke("team", str(team), "--json")
    assert result.exit_code == 0
    assert f"warning: {path}: profile: not in the framework in use: no role 'data-engineer'" in (
        result.stderr
    )
    assert [person["id"] for person in json.loads(result.stdout)["people"]] == ["ada"]


def test_a_kept_team_answer_follows_every_change_of_a_person_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke, invoke_json
) -> None:
    from skillpath.loading import cache

    monkeypatch.setattr(cache, "RECENT_NS", 0)  # trust the brand-new files at once
    team = make_team(tmp_path, monkeypatch, invoke)
    assert invoke_json("team", str(team)) == invoke_json("team", str(team))
    assert list((tmp_path / "skillpath-cache" / "answers").glob("*.answer"))
    path = team / "people" / "bob.yaml"
    path.write_text(path.read_text().replace('"name": "bob"', '"name": "Bob B"'))
    os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    assert [p["name"] for p in invoke_json("team", str(team))["people"]] == [
        "Ada Lovelace",
        "Bob B",
    ]
    (team / "people" / "eve.yaml").write_text(path.read_text().replace('"bob"', '"eve"'))
    assert len(invoke_json("team", str(team))["people"]) == 3
    (team / "people" / "eve.yaml").write_text("id: [eve\n")
    result = invoke("team", str(team), "--json")
    again = invoke("team", str(team), "--json")
    assert "eve.yaml" in result.stderr and again.stderr == result.stderr  # told again
    assert len(json.loads(again.stdout)["people"]) == 2


def test_a_people_folder_that_is_a_link_is_an_error(tmp_path: Path, invoke: Invoke) -> None:
    (tmp_path / "team").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "team" / "people").symlink_to(tmp_path / "other")
    result = invoke("team", str(tmp_path / "team"))
    assert result.exit_code == 1
    assert f"{tmp_path / 'team' / 'people'}: is a symbolic link" in result.stderr


@pytest.mark.parametrize(
    ("drop", "message"),
    [
        (("version",), "missing key 'version'"),
        (("framework", "name"), "framework: missing key 'name'"),
        (("profile", "level"), "profile: missing key 'level'"),
        (("items",), "missing key 'items'"),
    ],
)
def test_a_person_file_missing_a_key_is_named(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    invoke: Invoke,
    drop: tuple[str, ...],
    message: str,
) -> None:
    team = make_team(tmp_path, monkeypatch, invoke)
    path = team / "people" / "bob.yaml"
    plan = json.loads(path.read_text())
    holder = plan
    for key in drop[:-1]:
        holder = holder[key]
    del holder[drop[-1]]
    path.write_text(json.dumps(plan, indent=2))
    result = invoke("team", str(team))
    assert result.exit_code == 0 and "Traceback" not in result.stderr
    assert str(path) in result.stderr and message in result.stderr


def test_a_team_folder_named_through_a_link_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke, invoke_json
) -> None:
    team = make_team(tmp_path, monkeypatch, invoke)
    (tmp_path / "checkout").symlink_to(team)  # the user's own link to their checkout
    answer = invoke_json("team", str(tmp_path / "checkout"))
    assert [person["id"] for person in answer["people"]] == ["ada", "bob"]
