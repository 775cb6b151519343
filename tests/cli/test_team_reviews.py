"""`skillpath review` and `skillpath calibrate`: verdicts appended to a person's reviews
file, never replacing anyone's; the packet a committee reads; and where people and their
reviewers disagree."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from skillpath.cli import team as team_cli
from tests.cli.team_helpers import RAG_1, as_person, make_team, ok
from tests.conftest import REPO, Invoke

RAG_2 = "2bf8e222"  # rag, LLM Engineer, Senior: "Chooses vector databases ..."
GOLDEN = REPO / "tests" / "golden" / "review-packet-ada.md"


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke) -> Path:
    times = iter(f"2026-12-01T10:{minute:02d}:00+00:00" for minute in range(60))
    monkeypatch.setattr(team_cli, "now", lambda: next(times))
    return make_team(tmp_path, monkeypatch, invoke)


def review(invoke: Invoke, team: Path, *args: str) -> None:
    ok(invoke("review", str(team), *args))


def test_verdicts_are_appended_and_never_overwrite_anyone(team: Path, invoke: Invoke) -> None:
    result = invoke("review", str(team), "ada", RAG_1, "--verdict", "agree", "--by", "grace",
                    "--note", "Saw the design review")  # fmt: skip
    ok(result)
    assert result.stdout.startswith(f"Recorded grace's verdict on ada's {RAG_1} (Designs ")
    path = team / "reviews" / "ada.yaml"
    first = path.read_bytes()
    review(invoke, team, "ada", RAG_1, "--verdict", "not-yet", "--by", "carol")
    review(invoke, team, "ada", RAG_1, "--verdict", "agree", "--by", "carol")
    after = path.read_bytes()
    assert after.startswith(first)
    assert after.decode().splitlines()[1:] == [
        '- {"by": "grace", "item": "b5677e35", "verdict": "agree", "time": '
        '"2026-12-01T10:02:00+00:00", "note": "Saw the design review"}',
        '- {"by": "carol", "item": "b5677e35", "verdict": "not-yet", "time": '
        '"2026-12-01T10:03:00+00:00"}',
        '- {"by": "carol", "item": "b5677e35", "verdict": "agree", "time": '
        '"2026-12-01T10:04:00+00:00"}',
    ]


def test_the_reviewer_defaults_to_the_login(
    team: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke
) -> None:
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "Grace H")
    review(invoke, team, "ada", RAG_1, "--verdict", "agree")
    assert '"by": "grace-h"' in (team / "reviews" / "ada.yaml").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ada", RAG_1], "give --verdict"),
        (["ada", "--verdict", "agree"], "give it"),
        (["ada", "0badc0de", "--verdict", "agree", "--by", "g"], "no item '0badc0de'"),
        (["Ada", RAG_1, "--verdict", "agree"], "is not a person's id"),
        (["ada", RAG_1, "--verdict", "agree", "--by", "Grace H"], "--by 'Grace H' is not an id"),
        (["ada", RAG_1, "--verdict", "maybe", "--by", "g"], "'maybe' is not one of"),
        (["ada", RAG_1, "--verdict", "agree", "--by", "g", "--note", "a\nb"], "--note"),
        (["ada", RAG_1, "--verdict", "agree", "--by", "ada"], "cannot review their own plan"),
    ],
)
def test_a_verdict_that_cannot_be_recorded_is_a_usage_error(
    team: Path, invoke: Invoke, args: list[str], message: str
) -> None:
    result = invoke("review", str(team), *args)
    assert result.exit_code == 2, result.stderr
    assert message in result.stderr
    assert not (team / "reviews").exists()


def test_no_verdict_on_someone_who_shared_no_plan(team: Path, invoke: Invoke) -> None:
    result = invoke("review", str(team), "zed", RAG_1, "--verdict", "agree", "--by", "g")
    assert result.exit_code == 1
    assert f"{team / 'people' / 'zed.yaml'}: file not found" in result.stderr


def test_a_broken_reviews_file_stops_the_append_and_is_left_as_it_is(
    team: Path, invoke: Invoke
) -> None:
    (team / "reviews").mkdir()
    path = team / "reviews" / "ada.yaml"
    path.write_text('- {"by": "grace", "item": "x", "verdict": "great", "time": "t"}\n')
    before = path.read_bytes()
    result = invoke("review", str(team), "ada", RAG_1, "--verdict", "agree", "--by", "carol")
    assert result.exit_code == 1
    assert f"{path}:1:" in result.stderr and "[0].verdict: must be one of" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("kind", ["symlink", "fifo"])
def test_a_reviews_file_that_is_no_regular_file_is_refused(
    team: Path, invoke: Invoke, tmp_path: Path, kind: str
) -> None:
    (team / "reviews").mkdir()
    path = team / "reviews" / "ada.yaml"
    if kind == "symlink":
        (tmp_path / "elsewhere").write_text("")
        path.symlink_to(tmp_path / "elsewhere")
    else:
        os.mkfifo(path)
    result = invoke("review", str(team), "ada", RAG_1, "--verdict", "agree", "--by", "carol")
    assert result.exit_code == 1 and "ada.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_review_packet_is_markdown_with_every_verdict(team: Path, invoke: Invoke) -> None:
    review(invoke, team, "ada", RAG_1, "--verdict", "agree", "--by", "grace", "--note", "Saw it")
    review(invoke, team, "ada", RAG_1, "--verdict", "needs-evidence", "--by", "carol")
    review(invoke, team, "ada", RAG_2, "--verdict", "agree", "--by", "grace")
    path = team / "people" / "ada.yaml"
    plan = json.loads(path.read_text())
    plan["items"]["7c8a7d1b"]["since"] = "2026-11-21"  # the skip: made today, fixed here
    path.write_text(json.dumps(plan, indent=2))
    result = invoke("review", str(team), "ada")
    ok(result)
    if os.environ.get("SKILLPATH_ACCEPT_GOLDEN"):
        GOLDEN.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


def test_the_review_packet_in_every_format(team: Path, invoke: Invoke, invoke_json) -> None:
    review(invoke, team, "ada", RAG_1, "--verdict", "agree", "--by", "grace")
    answer = invoke_json("review", str(team), "ada")
    rag = next(skill for skill in answer["skills"] if skill["id"] == "rag")
    first = rag["items"][0]
    assert (first["id"], first["state"]) == (RAG_1, "done")
    assert len(first["mark"]["evidence"]) == 2
    assert first["verdicts"] == [
        {"by": "grace", "verdict": "agree", "time": "2026-12-01T10:02:00+00:00", "note": None}
    ]
    csv = invoke("review", str(team), "ada", "--format", "csv")
    ok(csv)
    assert csv.stdout.splitlines()[0] == "skill,item,text,state,evidence,by,verdict,time,note"
    table = invoke("review", str(team), "ada", "--format", "table")
    ok(table)
    assert "» agree by grace" in table.stdout


def _calibration_team(team: Path, invoke: Invoke) -> None:
    # ada covered RAG_1 and not RAG_2; bob covered nothing.
    review(invoke, team, "ada", RAG_1, "--verdict", "agree", "--by", "grace")
    review(invoke, team, "ada", RAG_2, "--verdict", "agree", "--by", "grace")  # not marked
    review(invoke, team, "ada", RAG_1, "--verdict", "agree", "--by", "carol")
    review(invoke, team, "ada", RAG_1, "--verdict", "not-yet", "--by", "carol")  # changed mind
    bob_item = json.loads((team / "people" / "bob.yaml").read_text())["framework"]["items"][0]
    review(invoke, team, "bob", bob_item, "--verdict", "needs-evidence", "--by", "carol")


def test_calibrate_counts_disagreements_per_person_and_reviewer(
    team: Path, invoke: Invoke, invoke_json
) -> None:
    _calibration_team(team, invoke)
    answer = invoke_json("calibrate", str(team))
    assert answer["team"] == {
        "folder": str(team),
        "verdicts": 4,
        "agree": 2,
        "share": 0.5,
        "disagreements": 2,
        "problems": [],
    }
    assert answer["reviewers"] == [
        {"id": "carol", "verdicts": 2, "agree": 0, "share": 0.0, "difference": -0.5,
         "disagreements": 1},
        {"id": "grace", "verdicts": 2, "agree": 2, "share": 1.0, "difference": 0.5,
         "disagreements": 1},
    ]  # fmt: skip
    assert answer["people"] == [
        {"id": "ada", "name": "Ada Lovelace", "verdicts": 3, "disagreements": 2},
        {"id": "bob", "name": "bob", "verdicts": 1, "disagreements": 0},
    ]
    kinds = [(d["person"], d["reviewer"], d["item"], d["kind"], d["state"])
             for d in answer["disagreements"]]  # fmt: skip
    assert kinds == [
        ("ada", "grace", RAG_2, "agreed-not-marked", "todo"),
        ("ada", "carol", RAG_1, "done-not-yet", "done"),
    ]


def test_calibrate_as_a_table_and_markdown(team: Path, invoke: Invoke) -> None:
    _calibration_team(team, invoke)
    table = invoke("calibrate", str(team))
    ok(table)
    assert "Calibration · 4 verdicts, 50% agree, 2 disagreements" in table.stdout
    assert "covered, but not yet for carol" in table.stdout
    markdown = invoke("calibrate", str(team), "--format", "markdown")
    ok(markdown)
    assert "| `grace` | 2 | 100% | \\+50% | 1 |" in markdown.stdout
    assert "| Ada Lovelace (`ada`) | 3 | 2 |" in markdown.stdout


def test_calibrate_names_a_broken_reviews_file_and_goes_on(team: Path, invoke: Invoke) -> None:
    _calibration_team(team, invoke)
    path = team / "reviews" / "bob.yaml"
    path.write_text("- {by: carol, item: x, verdict: agree, time: \x1b[31m}\n")
    result = invoke("calibrate", str(team), "--json")
    assert result.exit_code == 0
    assert f"warning: {path}" in result.stderr and "\x1b" not in result.stderr
    answer = json.loads(result.stdout)
    assert answer["team"]["verdicts"] == 3 and answer["team"]["problems"][0]["file"] == str(path)


def test_review_and_calibrate_never_write_when_they_only_read(
    team: Path, invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    review(invoke, team, "ada", RAG_1, "--verdict", "agree", "--by", "grace")
    before = {str(p): p.read_bytes() for p in team.rglob("*") if p.is_file()}
    as_person(tmp_path, monkeypatch, "lead")
    for args in (["review", str(team), "ada"], ["calibrate", str(team)]):
        ok(invoke(*args))
    assert {str(p): p.read_bytes() for p in team.rglob("*") if p.is_file()} == before


def test_a_reviews_folder_that_is_a_link_gets_nothing(
    team: Path, invoke: Invoke, tmp_path: Path
) -> None:
    (tmp_path / "elsewhere").mkdir()
    (team / "reviews").symlink_to(tmp_path / "elsewhere")
    result = invoke("review", str(team), "ada", RAG_1, "--verdict", "agree", "--by", "carol")
    assert result.exit_code == 1 and "symbolic link" in result.stderr
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_two_reviewers_at_once_both_keep_every_verdict(team: Path) -> None:
    import subprocess
    import sys

    def reviewer(name: str) -> subprocess.Popen[bytes]:
        script = (
            "import sys\n"
            "from skillpath.cli.app import app\n"
            "for n in range(4):\n"
            "    try:\n"
            f"        app(['review', sys.argv[1], 'ada', '{RAG_1}', '--verdict', 'agree',"
            f" '--by', '{name}', '--note', f'round {{n}}'], standalone_mode=False)\n"
            "    except SystemExit:\n"
            "        pass\n"
        )
        return subprocess.Popen([sys.executable, "-c", script, str(team)])

    running = [reviewer("grace"), reviewer("carol")]
    assert [process.wait(timeout=120) for process in running] == [0, 0]
    lines = (team / "reviews" / "ada.yaml").read_text().splitlines()[1:]
    assert len(lines) == 8
    for name in ("grace", "carol"):
        mine = [line for line in lines if f'"by": "{name}"' in line]
        assert [line.split('"note": "')[1][:7] for line in mine] == [f"round {n}" for n in range(4)]


def test_review_reads_no_plan_through_a_linked_people_folder(
    team: Path, invoke: Invoke, tmp_path: Path
) -> None:
    (team / "people").rename(tmp_path / "moved")
    (team / "people").symlink_to(tmp_path / "moved")
    result = invoke("review", str(team), "ada")
    assert result.exit_code == 1 and "symbolic link" in result.stderr


def test_someone_at_the_top_of_the_ladder_has_a_packet_and_a_row(
    team: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke, tmp_path: Path, invoke_json
) -> None:
    as_person(tmp_path, monkeypatch, "top")
    ok(invoke("profile", "set", "--role", "llm", "--level", "principal"))
    ok(invoke("share", str(team), "--as", "top"))
    packet = invoke("review", str(team), "top")
    ok(packet)
    assert "LLM Engineer, Principal: the top of the ladder" in packet.stdout
    assert "## " not in packet.stdout
    top = invoke_json("team", str(team))["people"][2]
    assert (top["id"], top["next_level"], top["applicable"]) == ("top", None, 0)
    ok(invoke("team", str(team)))


def test_skill_n_names_an_item_of_the_persons_own_next_level(team: Path, invoke: Invoke) -> None:
    result = invoke("review", str(team), "ada", "rag:1", "--verdict", "agree", "--by", "grace")
    ok(result)
    assert result.stdout.startswith(f"Recorded grace's verdict on ada's {RAG_1} (Designs ")
    assert f'"item": "{RAG_1}"' in (team / "reviews" / "ada.yaml").read_text()
    beyond = invoke("review", str(team), "ada", "rag:99", "--verdict", "agree", "--by", "grace")
    assert beyond.exit_code == 2 and beyond.stdout == ""
    assert "`skillpath next rag` numbers them" in beyond.stderr


@pytest.mark.parametrize("flag", [["--json"], ["--format", "markdown"]])
def test_a_format_with_a_verdict_is_refused_not_ignored(
    team: Path, invoke: Invoke, flag: list[str]
) -> None:
    result = invoke("review", str(team), "ada", RAG_1, "--verdict", "agree", "--by", "g", *flag)
    assert result.exit_code == 2 and result.stdout == ""
    assert "are for the packet" in result.stderr
    assert not (team / "reviews" / "ada.yaml").exists()
