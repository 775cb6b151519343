"""The cache never harms a database that is not its own: a link in the cache folder, or
another program's database under the cache's name, is left exactly as it was (its tables,
rows and bytes), and the answers are those of the files; the cache's own databases carry
its mark, and one of an older form is rebuilt as before."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from skillpath.cli.app import app
from skillpath.loading import answers, cache, sqlitefile
from tests.cli.conftest import SOURCES
from tests.conftest import TERMINAL


def run(*args: str, cached: bool = True) -> Result:
    env = {**TERMINAL, "SKILLPATH_NO_CACHE": "" if cached else "1"}
    return CliRunner(env=env).invoke(app, list(args), catch_exceptions=False)


def cache_dir() -> Path:
    return Path(os.environ[cache.CACHE_VARIABLE])


def foreign_database(path: Path, *, mark: int = 0, our_tables: bool = False) -> bytes:
    """Another program's database: tables named as the cache's, rows of its own, an old
    schema version (the cache once dropped such tables); its bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as db:
        if our_tables:
            for statement in cache._SCHEMA:
                db.execute(statement)
            db.execute("INSERT INTO skill VALUES ('a', 'b', 'c', 1, x'00')")
        else:
            db.execute("CREATE TABLE skill (id INTEGER PRIMARY KEY, name TEXT)")
            db.execute("CREATE TABLE cells (skill INTEGER, body TEXT)")
            db.executemany("INSERT INTO skill VALUES (?, ?)", [(1, "theirs"), (2, "mine")])
            db.execute("INSERT INTO cells VALUES (1, 'kept')")
        db.execute("PRAGMA user_version = 3")
        if mark:
            db.execute(f"PRAGMA application_id = {mark}")
    return path.read_bytes()


def answers_of(team: Path) -> list[tuple[int, str, str]]:
    """`list`, `search` and `next` as JSON and tables, twice with the cache and once
    without: all alike."""
    found = []
    for args in (["list"], ["search", "retrieval"], ["next", "-r", "llm", "-l", "middle"]):
        for fmt in ([], ["--json"]):
            line = [*args, "-d", str(team), *fmt]
            cold, warm, without = run(*line), run(*line), run(*line, cached=False)
            assert [r.exit_code for r in (cold, warm, without)] == [0, 0, 0], cold.stderr
            assert (cold.stdout, cold.stderr) == (without.stdout, without.stderr)
            assert (warm.stdout, warm.stderr) == (without.stdout, without.stderr)
            found.append((cold.exit_code, cold.stdout, cold.stderr))
    assert "Team 1" in found[0][1]
    return found


def test_the_cache_marks_the_databases_it_makes(team: Path) -> None:
    answers_of(team)
    files = sorted(cache_dir().glob("*.sqlite3"))
    assert [file.name for file in files][-1] == cache.DATABASE and len(files) == 2
    assert not list(cache_dir().glob("*.own.sqlite3")), "its own files are used, not beside"
    for file in files:
        with sqlite3.connect(file) as db:
            assert db.execute("PRAGMA application_id").fetchone()[0] == sqlitefile.APPLICATION_ID


@pytest.mark.parametrize("where", ["a link", "a file"])
@pytest.mark.parametrize(
    "kind",
    [
        {},
        {"mark": 0x12345678},  # another program's mark, over the cache's very tables
        {"our_tables": True},  # the cache's very tables, unmarked: no proof of whose
    ],
    ids=["its own tables", "another mark", "the cache's tables unmarked"],
)
def test_another_program_s_database_is_never_changed(
    team: Path, tmp_path: Path, where: str, kind: dict[str, int]
) -> None:
    theirs = tmp_path / "other-program" / "app.db"
    before = foreign_database(theirs, **kind)
    cache_dir().mkdir(parents=True)
    if where == "a link":
        (cache_dir() / cache.DATABASE).symlink_to(theirs)
    else:
        os.replace(theirs, cache_dir() / cache.DATABASE)
        theirs = cache_dir() / cache.DATABASE
    answers_of(team)
    assert theirs.read_bytes() == before
    assert (cache_dir() / cache.DATABASE).is_symlink() == (where == "a link")
    assert not (cache_dir() / f"{cache.DATABASE}-journal").exists()
    with sqlite3.connect(theirs) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        assert tables == ["skill", "cells"]
        assert db.execute("PRAGMA user_version").fetchone()[0] == 3
    assert_built_beside(cache_dir() / cache.DATABASE)


def assert_built_beside(file: Path) -> None:
    """The cache was built in a file of its own beside ``file``, marked and filled."""
    own = sqlitefile.beside(file)
    assert own.name == file.name.replace(".sqlite3", ".own.sqlite3")
    with sqlite3.connect(own) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == sqlitefile.APPLICATION_ID
        assert db.execute("SELECT count(*) FROM skill").fetchone()[0] == len(SOURCES)


def test_the_cache_of_a_release_before_the_mark_is_left_and_rebuilt_beside(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers_of(team)
    old = cache_dir() / cache.DATABASE
    with sqlite3.connect(old) as db:
        db.execute("PRAGMA application_id = 0")  # as the release before the mark wrote it
    before = old.read_bytes()
    answers_of(team)
    assert old.read_bytes() == before
    assert_built_beside(old)
    from skillpath.loading import catalog

    real = catalog.read_document

    def no_team_reading(path: Path, **options: bool) -> object:
        assert not path.is_relative_to(team / "skills"), f"read {path}: the cache beside unused"
        return real(path, **options)

    monkeypatch.setattr(catalog, "read_document", no_team_reading)
    opened = catalog.open_catalog([team])
    assert {"team-nlp", "team-mlops"} <= {skill.id for skill in opened.skills()}


def test_a_damaged_database_of_another_program_is_not_removed(team: Path) -> None:
    theirs = cache_dir() / cache.DATABASE
    whole = foreign_database(theirs)
    theirs.write_bytes(whole[:4096] + b"\xff" * (len(whole) - 4096))  # pages past the header
    before = theirs.read_bytes()
    answers_of(team)
    assert theirs.read_bytes() == before


def test_a_link_to_no_file_is_not_followed_to_make_one(team: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "made.sqlite3"
    target.parent.mkdir()
    cache_dir().mkdir(parents=True)
    (cache_dir() / cache.DATABASE).symlink_to(target)
    answers_of(team)
    assert not target.exists()


def test_a_search_index_that_is_a_link_to_another_database_is_left_alone(
    team: Path, tmp_path: Path
) -> None:
    expected = answers_of(team)
    (index,) = cache_dir().glob("search-*.sqlite3")
    index.unlink()
    theirs = tmp_path / "other-program" / "app.db"
    before = foreign_database(theirs)
    index.symlink_to(theirs)
    assert answers_of(team) == expected
    assert theirs.read_bytes() == before
    own = sqlitefile.beside(index)
    with sqlite3.connect(own) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == sqlitefile.APPLICATION_ID


def test_the_cache_s_own_database_of_an_older_form_is_rebuilt(team: Path) -> None:
    answers_of(team)
    with sqlite3.connect(cache_dir() / cache.DATABASE) as db:
        db.execute(f"PRAGMA user_version = {cache.FORMAT - 1}")
        db.execute("DELETE FROM skill")
    answers_of(team)
    with sqlite3.connect(cache_dir() / cache.DATABASE) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == cache.FORMAT
        assert db.execute("SELECT count(*) FROM skill").fetchone()[0] == len(SOURCES)


def test_kept_answers_are_never_written_to_or_trimmed_through_a_link(
    team: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "documents"
    elsewhere.mkdir()
    old = time.time_ns() - 10 * 3_600 * 1_000_000_000
    for name in ("0123456789abcdef.answer", ".1-2.tmp", "notes.tmp"):
        (elsewhere / name).write_text("the user's own")
        os.utime(elsewhere / name, ns=(old, old))
    cache_dir().mkdir(parents=True)
    (cache_dir() / answers.FOLDER).symlink_to(elsewhere)
    answers_of(team)
    assert sorted(path.name for path in elsewhere.iterdir()) == [
        ".1-2.tmp",
        "0123456789abcdef.answer",
        "notes.tmp",
    ]


def test_trimming_lets_go_only_of_files_written_as_answers(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = cache_dir() / answers.FOLDER
    folder.mkdir(parents=True)
    stranger = folder / "0123456789abcdef.answer"  # named as an answer, not written as one
    stranger.write_text("not an answer")
    monkeypatch.setattr(answers, "KEEP_MOST", 0)  # every answer is past the number kept
    answers_of(team)
    assert stranger.read_text() == "not an answer"
    assert not list(folder.glob("*[!f].answer"))  # the answers written were let go
