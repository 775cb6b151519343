"""Answers kept whole (skillpath/loading/answers.py): a JSON answer over every skill is
given again, byte for byte, only while nothing it was made from has changed; a kept
answer that is damaged, cut short or not the user's own is never given."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from skillpath.cli.app import app
from skillpath.framework import ladder
from skillpath.loading import answers, cache
from tests.cli.conftest import write
from tests.conftest import TERMINAL

NEXT = ["next", "--role", "llm", "--level", "middle"]
KEPT = [["list"], NEXT, ["search", "retrieval"]]  # the commands whose answers are kept


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env={**TERMINAL, "SKILLPATH_NO_CACHE": "", **(env or {})}).invoke(
        app, list(args), catch_exceptions=False
    )


def kept_files() -> list[Path]:
    folder = Path(os.environ[cache.CACHE_VARIABLE]) / answers.FOLDER
    return sorted(folder.glob(f"*{answers.SUFFIX}")) if folder.is_dir() else []


def outcome(result: Result) -> tuple[int, str, str]:
    return result.exit_code, result.stdout, result.stderr


def asked_twice(*args: str) -> tuple[int, str, str]:
    """The answer worked out, then given again from what was kept: the same, or fails."""
    first, second = outcome(run(*args)), outcome(run(*args))
    assert first == second, args
    return second


@pytest.fixture
def work_counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The skills' listings worked out: a kept answer is given without one."""
    counted: list[str] = []
    real = ladder.list_skills

    def counting(*args: object) -> object:
        counted.append("list")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(ladder, "list_skills", counting)
    return counted


@pytest.mark.parametrize("args", KEPT, ids=lambda args: args[0])
def test_a_json_answer_over_every_skill_is_kept_and_given_again(team: Path, args) -> None:
    code, stdout, stderr = asked_twice(*args, "--json", "-d", str(team))
    assert (code, stderr) == (0, "")
    assert "team-" in stdout
    assert len(kept_files()) == 1
    assert outcome(run(*args, "--json", "-d", str(team), env={"SKILLPATH_NO_CACHE": "1"})) == (
        code,
        stdout,
        stderr,
    )


def test_a_kept_answer_is_given_without_working_it_out(team: Path, work_counted) -> None:
    asked_twice("list", "--json", "-d", str(team))
    assert work_counted == ["list"]
    asked_twice("list", "--format", "json", "-d", str(team))  # the same question
    assert work_counted == ["list"]


@pytest.mark.parametrize(
    "args",
    [
        ["list"],  # a table depends on the terminal
        ["list", "--format", "yaml"],
        ["show", "team-rag", "--json"],  # one skill: as quick to read as to check
        [*NEXT, "team-rag", "--json"],
    ],
)
def test_only_json_answers_over_every_skill_are_kept(team: Path, args) -> None:
    asked_twice(*args, "-d", str(team))
    assert kept_files() == []


def test_the_bundled_data_alone_keeps_no_answer(team: Path) -> None:
    asked_twice("list", "--json")
    assert not (Path(os.environ[cache.CACHE_VARIABLE]) / answers.FOLDER).exists()


def test_no_answer_is_kept_with_the_cache_turned_off(team: Path) -> None:
    run("list", "--json", "-d", str(team), env={"SKILLPATH_NO_CACHE": "1"})
    assert kept_files() == []


def test_every_file_the_answer_was_made_from_is_checked(team: Path, work_counted) -> None:
    """An edit to a skill, a skill added or removed, an edit to the folder's framework."""
    where = ["list", "--json", "-d", str(team)]
    asked_twice(*where)
    rag = team / "skills" / "team-rag.yaml"
    write(rag, rag.read_text().replace("Team 1 ", "Team Edited "), age=40)
    assert "Team Edited" in asked_twice(*where)[1]
    (team / "skills" / "team-nlp.yaml").unlink()
    assert "team-nlp" not in asked_twice(*where)[1]
    write(team / "framework.yaml", "name: Team\n", age=41)
    assert asked_twice(*where)[0] == 0
    assert len(work_counted) == 4


def test_next_answers_again_after_progress_and_a_new_profile(team: Path) -> None:
    where = [*NEXT, "--json", "-d", str(team)]
    before = asked_twice(*where)[1]
    assert run("done", "team-rag:1", "-r", "llm", "-l", "middle", "-d", str(team)).exit_code == 0
    marked = asked_twice(*where)[1]
    assert marked != before
    assert marked == run(*where, env={"SKILLPATH_NO_CACHE": "1"}).stdout
    for_profile = ["next", "--json", "-d", str(team)]
    assert asked_twice(*for_profile)[0] != 0  # no role or level: the profile has none
    assert run("profile", "set", "--role", "llm", "--level", "middle").exit_code == 0
    assert asked_twice(*for_profile)[1] == marked


@pytest.mark.parametrize("becomes", ["a link to itself", "a link to nothing", "a folder"])
def test_progress_that_cannot_be_read_is_warned_of_as_without_the_cache(
    team: Path, becomes: str
) -> None:
    """Not there is one thing (no marks); there but unreadable is a warning each time."""
    where = [*NEXT, "--json", "-d", str(team)]
    asked_twice(*where)
    progress = Path(os.environ["SKILLPATH_HOME"]) / "progress.yaml"
    progress.parent.mkdir(parents=True, exist_ok=True)
    if becomes == "a folder":
        progress.mkdir()
    else:
        progress.symlink_to(progress if becomes == "a link to itself" else "gone.yaml")
    code, stdout, stderr = asked_twice(*where)
    assert (code, stdout, stderr) == outcome(run(*where, env={"SKILLPATH_NO_CACHE": "1"}))
    assert ("your progress is not shown" in stderr) == (becomes != "a link to nothing")


def test_another_version_of_the_code_is_a_miss(
    team: Path, work_counted, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked_twice("list", "--json", "-d", str(team))
    monkeypatch.setattr(answers, "_code_parts", lambda: ("an upgrade",))
    asked_twice("list", "--json", "-d", str(team))
    assert work_counted == ["list", "list"]


def test_a_file_changed_a_moment_ago_keeps_no_answer(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "RECENT_NS", 2_000_000_000)
    (team / "skills" / "team-rag.yaml").touch()
    asked_twice("list", "--json", "-d", str(team))
    assert kept_files() == []


def test_warnings_are_given_again_with_the_answer(team: Path, work_counted) -> None:
    path = team / "skills" / "team-rag.yaml"
    text = path.read_text().replace("    junior:\n", "    junior:\n      draft: true\n", 1)
    write(path, text, age=80)
    code, _, stderr = asked_twice("list", "--json", "-d", str(team))
    assert code == 0
    assert stderr.startswith("warning: ") and "1 draft cell left out" in stderr
    assert work_counted == ["list"]


def test_a_failing_command_keeps_no_answer(team: Path) -> None:
    path = team / "skills" / "team-rag.yaml"
    write(path, path.read_text().replace("domain:", "domian:", 1), age=90)
    assert asked_twice("list", "--json", "-d", str(team))[0] == 1
    assert kept_files() == []


def test_folders_named_differently_are_other_questions(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A team's skills are labelled with their folder as it was named."""
    monkeypatch.chdir(team.parent)
    by_name = asked_twice("list", "--json", "-d", "team")[1]
    by_path = asked_twice("list", "--json", "-d", str(team))[1]
    assert '"origin": "team"' in by_name
    assert by_name != by_path


def link_elsewhere(path: Path) -> None:
    """The answer file replaced by a link to a copy of it."""
    elsewhere = path.with_name("elsewhere")
    path.rename(elsewhere)
    path.symlink_to(elsewhere)


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(path.read_bytes()[:-10]),
        lambda path: path.write_bytes(path.read_bytes().replace(b"Team 1", b"Team 9", 1)),
        lambda path: path.write_bytes(b"not an answer"),
        lambda path: path.write_bytes(b""),
        lambda path: (path.unlink(), os.mkfifo(path)),
        link_elsewhere,
        lambda path: path.chmod(0o666),
        lambda path: (path.unlink(), path.mkdir()),
    ],
    ids=["cut short", "changed", "garbage", "empty", "a FIFO", "a link", "anyone's", "a folder"],
)
def test_a_kept_answer_that_is_not_as_written_is_passed_over(
    team: Path, work_counted, damage
) -> None:
    expected = asked_twice("list", "--json", "-d", str(team))
    [kept] = kept_files()
    damage(kept)
    assert outcome(run("list", "--json", "-d", str(team))) == expected
    assert work_counted == ["list", "list"]


def test_an_answer_cut_short_is_not_kept(team: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from skillpath.cli import output

    def stopped(result: object) -> Iterator[bytes]:
        yield b'{"skills": ['
        raise KeyboardInterrupt  # Ctrl-C half-way through writing

    monkeypatch.setattr(output, "json_answer", stopped)
    result = run("list", "--json", "-d", str(team))
    assert result.exit_code == 130
    folder = Path(os.environ[cache.CACHE_VARIABLE]) / answers.FOLDER
    assert list(folder.iterdir()) == []  # neither the answer nor its temporary file


def test_a_folder_that_cannot_take_answers_is_no_complaint(team: Path) -> None:
    folder = Path(os.environ[cache.CACHE_VARIABLE]) / answers.FOLDER
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("in the way")
    code, _, stderr = asked_twice("list", "--json", "-d", str(team))
    assert (code, stderr) == (0, "")


def test_two_questions_whose_files_share_a_name_get_their_own_answers(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(answers.KeptAnswers, "place_of", lambda self, key: self.folder / "one")
    for args in (["list"], NEXT, ["list"]):
        expected = run(*args, "--json", "-d", str(team), env={"SKILLPATH_NO_CACHE": "1"})
        assert outcome(run(*args, "--json", "-d", str(team))) == outcome(expected)


def test_the_answers_used_longest_ago_are_let_go(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(answers, "KEEP_MOST", 2)
    questions = [["search", word] for word in ("retrieval", "attention", "vector")]
    for args in questions:
        run(*args, "--json", "-d", str(team))
        for file in kept_files():  # older than the next, whatever the clock's resolution
            moment = os.stat(file).st_mtime_ns - 1_000_000_000
            os.utime(file, ns=(moment, moment))
    assert len(kept_files()) == 2
    stale = Path(os.environ[cache.CACHE_VARIABLE]) / answers.FOLDER / ".1-2.tmp"
    stale.write_bytes(b"left by a run that died")
    os.utime(stale, ns=(1, 1))
    run("list", "--json", "-d", str(team))
    assert not stale.exists()
    assert len(kept_files()) == 2
