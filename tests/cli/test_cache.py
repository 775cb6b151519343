"""The compiled cache never changes an answer: every command gives the same bytes with the
cache cold, warm and turned off, after edits, touches, deletions and broken files; a
damaged, locked or unwritable cache is passed over in silence."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from skillpath.cli.app import app
from skillpath.errors import DataError
from skillpath.loading import cache, sqlitefile
from tests.cli.conftest import SOURCES, write
from tests.conftest import BUNDLED, TERMINAL

COMMANDS = [
    ["list"],
    ["show", "team-rag"],
    ["show", "Team 2 Deep Learning", "--role", "ds"],
    ["next", "--role", "llm", "--level", "middle"],
    ["next", "--role", "llm", "--level", "senior", "team-rag"],
    ["search", "attention"],
    ["search", "vector", "--role", "llm"],
    ["search", '"mixture of experts"', "Team"],
    ["path", "--role", "llm", "--from", "senior"],
    ["compare", "--role", "ds", "--role", "mle", "--level", "lead"],
    ["roles"],
]
# After each change, a few commands cover what can go wrong: every skill, one skill, words.
FEW = [
    ["list"],
    ["show", "team-rag"],
    ["next", "--role", "llm", "--level", "middle"],
    ["search", "retrieval"],
]


def run(args: list[str], folder: Path, *, cached: bool, fmt: str) -> Result:
    env = {**TERMINAL, "SKILLPATH_NO_CACHE": "" if cached else "1"}
    return CliRunner(env=env).invoke(
        app, [*args, "--data-dir", str(folder), *fmt.split()], catch_exceptions=False
    )


def outcome(result: Result) -> tuple[int, str, str]:
    return result.exit_code, result.stdout, result.stderr


def assert_same_answers(
    folder: Path, commands: list[list[str]] = FEW
) -> list[tuple[int, str, str]]:
    """Each command, as table and JSON: cold cache, warm cache, no cache all agree."""
    answers = []
    for args in commands:
        for fmt in ("", "--json"):
            cold = outcome(run(args, folder, cached=True, fmt=fmt))
            warm = outcome(run(args, folder, cached=True, fmt=fmt))
            without = outcome(run(args, folder, cached=False, fmt=fmt))
            assert cold == warm == without, (args, fmt)
            answers.append(without)
    return answers


def test_every_command_answers_the_same_with_and_without_the_cache(team: Path) -> None:
    answers = assert_same_answers(team, COMMANDS)
    assert all(code == 0 for code, _, _ in answers)
    assert (Path(os.environ[cache.CACHE_VARIABLE]) / cache.DATABASE).is_file()


def test_an_edit_is_seen_by_the_very_next_run(team: Path) -> None:
    assert_same_answers(team)
    path = team / "skills" / "team-rag.yaml"
    write(path, path.read_text().replace("Team 1 ", "Team Edited "), age=100)
    answers = assert_same_answers(team)
    assert "Team Edited" in answers[0][1]


def test_a_touch_a_deletion_and_a_new_file_are_seen(team: Path) -> None:
    assert_same_answers(team)
    os.utime(team / "skills" / "team-nlp.yaml", ns=(1, 1))
    (team / "skills" / "team-mlops.yaml").unlink()
    shutil.copy(team / "skills" / "team-rag.yaml", team / "skills" / "team-copy.yaml")
    text = (team / "skills" / "team-copy.yaml").read_text()
    write(team / "skills" / "team-copy.yaml", text.replace("id: team-rag", "id: team-copy"), age=9)
    list_answer = assert_same_answers(team)[0][1]
    assert "team-copy" in list_answer
    assert "team-mlops" not in list_answer


@pytest.mark.parametrize(
    "breakage",
    [
        lambda text: text.replace("required: true", "required: yes", 1),
        lambda text: text.replace("expectations:", "expectations: [", 1),
        lambda text: text.replace("domain:", "domian:", 1),
        lambda text: text.replace("\n", "\r\n\x07\n", 1),
    ],
    ids=["loose flag", "not YAML", "unknown key", "control character"],
)
def test_a_broken_file_is_reported_exactly_as_without_the_cache(team: Path, breakage) -> None:
    assert_same_answers(team)
    path = team / "skills" / "team-rag.yaml"
    write(path, breakage(path.read_text()), age=50)
    answers = assert_same_answers(team)
    assert answers[0][0] == 1
    assert "team-rag.yaml" in answers[0][2]


def test_a_same_size_rewrite_with_the_same_times_is_seen_while_it_is_recent(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two writes within the timestamp's resolution leave the same size and times: the
    cache does not trust a file changed that recently, so the second version is read."""
    monkeypatch.setattr(cache, "RECENT_NS", 2_000_000_000)
    path = team / "skills" / "team-rag.yaml"
    original = path.read_text()
    path.write_text(original.replace("Team 1 ", "Team A "), encoding="utf-8")
    before = os.stat(path)
    first = run(["list", "--json"], team, cached=True, fmt="")
    path.write_text(original.replace("Team 1 ", "Team B "), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    second = run(["list", "--json"], team, cached=True, fmt="")
    assert "Team A" in first.stdout
    assert "Team B" in second.stdout
    assert outcome(second) == outcome(run(["list", "--json"], team, cached=False, fmt=""))


def cache_file() -> Path:
    return Path(os.environ[cache.CACHE_VARIABLE]) / cache.DATABASE


@pytest.mark.parametrize(
    "damage",
    [
        lambda file: file.write_bytes(b"not a database at all" * 100),
        lambda file: file.write_bytes(file.read_bytes()[: len(file.read_bytes()) // 3]),
        lambda file: file.write_bytes(b""),
    ],
    ids=["garbage", "truncated", "emptied"],
)
def test_a_damaged_cache_is_passed_over_and_rebuilt(team: Path, damage) -> None:
    expected = assert_same_answers(team)
    damage(cache_file())
    damaged = cache_file().read_bytes()
    assert assert_same_answers(team) == expected
    # A file with no SQLite header may be another program's (an encrypted database has
    # none): it is left as it is, and the cache rebuilt beside it. A damaged one of ours
    # is rebuilt in its place, and an emptied file is taken as a new database.
    garbage = damaged != b"" and not damaged.startswith(b"SQLite format 3")
    if garbage:
        assert cache_file().read_bytes() == damaged
    rebuilt = sqlitefile.beside(cache_file()) if garbage else cache_file()
    with sqlite3.connect(rebuilt) as db:  # rebuilt by the runs after the damage
        assert db.execute("SELECT count(*) FROM skill").fetchone()[0] == len(SOURCES)


def test_a_row_whose_value_was_changed_is_not_believed(team: Path) -> None:
    expected = assert_same_answers(team)
    with sqlite3.connect(cache_file()) as db:
        db.execute("UPDATE skill SET value = replace(value, 'Team 1', 'Team X')")
    assert assert_same_answers(team) == expected


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM cells",
        "UPDATE cells SET value = CAST(replace(CAST(value AS TEXT), 'e', 'E') AS BLOB)",
    ],
    ids=["texts gone", "texts changed"],
)
def test_cell_texts_the_cache_no_longer_holds_are_read_from_the_file(
    team: Path, statement: str
) -> None:
    """A skill's outline and its cells' texts are separate rows; texts that are gone or
    do not match their checksum are read from the skill's file, which has not changed."""
    expected = assert_same_answers(team, COMMANDS)
    with sqlite3.connect(cache_file()) as db:
        db.execute(statement)
    assert assert_same_answers(team, COMMANDS) == expected


def test_a_file_changed_between_its_outline_and_its_texts_is_told(team: Path) -> None:
    """An answer begun from a cached skill cannot be finished from a newer file: the run
    says so rather than mix the two versions."""
    from skillpath.loading.catalog import open_catalog

    assert_same_answers(team)
    opened = open_catalog([team])
    skill = opened.skill("team-rag")  # its outline, from the cache; no cell made yet
    path = team / "skills" / "team-rag.yaml"
    write(path, path.read_text().replace("Team 1 ", "Team Edited "), age=200)
    with sqlite3.connect(cache_file()) as db:
        db.execute("DELETE FROM cells")  # as if another run had replaced them
    with pytest.raises(DataError, match="changed while skillpath was reading it"):
        list(skill.expectations)


@pytest.mark.parametrize(
    "order",
    [
        lambda ids: ids,  # as `next` asks: each skill's texts read ahead with the ones after
        lambda ids: ids[::-1],
        lambda ids: ids[::3] + ids[1::3],  # skills passed over, then asked for after all
        # asked for again (by another catalogue of the same run) while the texts read with
        # it are still being handed out, and again later
        lambda ids: ids[:9] + ids[7:9] + ids[9:] + ids[2:4],
    ],
)
def test_cells_asked_for_in_any_order_are_those_of_the_files(
    team: Path, order: Callable[[list[str]], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Texts are read from the cache ahead of being asked for; whatever the order asked
    in, each skill gets its own, and no file has to be read again for them."""
    from skillpath.loading import document
    from skillpath.loading.catalog import Catalog, open_catalog

    for number in range(12):  # more skills, for several reads ahead
        source = team / "skills" / f"team-{SOURCES[number % len(SOURCES)]}.yaml"
        text = source.read_text().replace("id: team-", f"id: more-{number:02d}-", 1)
        write(team / "skills" / f"more-{number:02d}-{source.stem[5:]}.yaml", text, age=300)
    expected = {skill.id: skill for skill in Catalog(BUNDLED, team).skills()}
    open_catalog([team]).skills()  # fills the cache
    opened = open_catalog([team])
    cached = {skill.id: skill for skill in opened.skills()}  # outlines only
    ids = [skill_id for skill_id in cached if opened.origin_label(skill_id) != "bundled"]
    real = document.read_document

    def only_bundled(path: Path) -> document.Document:
        assert team not in path.parents, f"{path.name} read again"
        return real(path)

    monkeypatch.setattr(document, "read_document", only_bundled)
    again = Catalog(BUNDLED, team, cached=True)
    again.cache = opened.cache  # one cache, as search's index and its command share one
    seen: set[str] = set()
    for skill_id in order(ids):
        skill = again.skill(skill_id) if skill_id in seen else cached[skill_id]
        seen.add(skill_id)
        assert tuple(skill.expectations) == expected[skill_id].expectations


@pytest.mark.skipif(sys.platform != "linux", reason="names of any bytes: Linux file systems")
def test_a_folder_named_in_bytes_that_are_not_utf8_answers_as_without_a_cache(
    team: Path,
) -> None:
    """SQLite cannot store such a name: its files are read every time, not cached."""
    odd = team.with_name(os.fsdecode(b"team-\xe9"))
    team.rename(odd)
    answers = assert_same_answers(odd, [*FEW, ["search", "retrieval"]])
    assert all(code == 0 for code, _, _ in answers)


def test_a_cache_locked_by_another_run_is_passed_over(team: Path) -> None:
    expected = assert_same_answers(team)
    holder = sqlite3.connect(cache_file(), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        for args in FEW:
            assert outcome(run(args, team, cached=True, fmt="--json")) in expected
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.parametrize("where", ["a file", "a folder anyone may write"])
def test_a_cache_folder_that_cannot_be_used_is_no_cache_and_no_warning(
    team: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    unusable = tmp_path / "unusable"
    if where == "a file":
        unusable.write_text("in the way")
    else:
        unusable.mkdir()
        unusable.chmod(0o777)
    monkeypatch.setenv(cache.CACHE_VARIABLE, str(unusable))
    answers = assert_same_answers(team)
    assert all(stderr == "" for _, _, stderr in answers)
    assert not (unusable / cache.DATABASE).exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_cache_is_read_and_never_complained_about(team: Path) -> None:
    expected = assert_same_answers(team)
    folder = cache_file().parent
    folder.chmod(0o500)
    cache_file().chmod(0o400)
    try:
        path = team / "skills" / "team-rag.yaml"
        write(path, path.read_text().replace("Team 1 ", "Team Edited "), age=70)
        answers = assert_same_answers(team)
        assert answers != expected
        assert all(stderr == "" for _, _, stderr in answers)
    finally:
        folder.chmod(0o700)
        cache_file().chmod(0o600)


def test_the_bundled_data_alone_never_opens_the_cache(invoke) -> None:
    for args in (["list", "--json"], ["show", "rag"], ["next", "-r", "llm", "-l", "mid"]):
        assert invoke(*args).exit_code == 0
    assert not cache_file().exists()


def test_the_cache_spares_the_files_once_it_holds_them(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skillpath.loading import catalog

    assert_same_answers(team)

    real = catalog.read_document

    def no_team_reading(path: Path, **options: bool) -> object:
        assert not path.is_relative_to(team / "skills"), f"read {path}"
        return real(path, **options)

    monkeypatch.setattr(catalog, "read_document", no_team_reading)
    opened = catalog.open_catalog([team])
    assert opened.skill("team-rag").name == "Team 1 Retrieval-Augmented Generation"
    assert {"team-nlp", "team-mlops"} <= {skill.id for skill in opened.skills()}


def test_a_damaged_search_index_is_rebuilt(team: Path) -> None:
    expected = assert_same_answers(team)
    [index] = cache_file().parent.glob("search-*.sqlite3")
    index.write_bytes(b"garbage" * 1000)
    assert assert_same_answers(team) == expected
    assert index.read_bytes() == b"garbage" * 1000  # no header: maybe another program's
    with sqlite3.connect(sqlitefile.beside(index)) as db:
        indexed = db.execute("SELECT count(*) FROM indexed").fetchone()[0]
    assert indexed == len(list((BUNDLED / "skills").glob("*.yaml"))) + len(SOURCES)


def test_a_search_index_that_is_up_to_date_is_read_while_another_run_writes(team: Path) -> None:
    """Nothing changed, nothing to write: a search takes no write lock, so it keeps using
    the index while another run holds one (rather than building one in memory)."""
    from skillpath.framework.search import index_groups
    from skillpath.loading.catalog import open_catalog

    assert_same_answers(team, [["search", "retrieval"]])
    [file] = cache_file().parent.glob("search-*.sqlite3")
    holder = sqlite3.connect(file, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        index = open_catalog([team]).text_index(index_groups)
        assert index is not None
        assert index.db.execute("PRAGMA database_list").fetchone()[2] == str(file)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_the_index_saves_the_skills_it_reads_as_it_goes_with_the_same_answers(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Indexing reads the skills one at a time and writes them to the cache every few,
    rather than holding them all; the answers are those of one write at the end."""
    from skillpath.loading import catalog

    expected = assert_same_answers(team, [["search", "retrieval"], ["search", "llm"]])
    for file in cache_file().parent.glob("*.sqlite3"):
        file.unlink()
    monkeypatch.setattr(catalog, "_SAVE_EVERY", 3)
    answers = assert_same_answers(team, [["search", "retrieval"], ["search", "llm"]])
    assert answers == expected


def test_without_fts5_search_answers_by_scanning(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skillpath.loading import textindex

    monkeypatch.setattr(textindex, "fts5_available", lambda: False)
    answers = assert_same_answers(team, [["search", "retrieval"], ["search", '"kv cache"']])
    assert all(code == 0 and "Team 1" in out for code, out, _ in answers[:2])


def test_a_search_answer_kept_is_not_given_by_another_sqlite(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same Python can load another SQLite (the system's library upgraded), one without
    FTS5: the scan answers then, ranking otherwise, so the index's answer is not given."""
    from skillpath.loading import textindex

    args = ["search", "retrieval"]
    indexed = outcome(run(args, team, cached=True, fmt="--json"))
    monkeypatch.setattr(textindex, "fts5_available", lambda: False)
    scanned = outcome(run(args, team, cached=False, fmt="--json"))
    assert scanned != indexed
    assert outcome(run(args, team, cached=True, fmt="--json")) == scanned


def test_drafts_are_told_of_alike_with_and_without_the_cache(team: Path) -> None:
    path = team / "skills" / "team-rag.yaml"
    text = path.read_text().replace("    junior:\n", "    junior:\n      draft: true\n", 1)
    write(path, text, age=80)
    answers = assert_same_answers(team)
    assert "1 draft cell left out" in answers[0][2]


def test_a_cache_that_cannot_be_written_is_read_and_never_complained_about(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a read-only folder gives it (root, who runs some CI, may write anywhere)."""
    expected = assert_same_answers(team)
    opened = sqlite3.connect

    def read_only(file: object, *args: object, **options: object) -> sqlite3.Connection:
        if str(file).endswith(".sqlite3"):
            return opened(f"file:{file}?mode=ro", *args, uri=True, **options)  # type: ignore[arg-type]
        return opened(file, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", read_only)
    assert assert_same_answers(team) == expected
    path = team / "skills" / "team-rag.yaml"
    write(path, path.read_text().replace("Team 1 ", "Team Edited "), age=70)
    answers = assert_same_answers(team)
    assert "Team Edited" in answers[0][1]
    assert all(stderr == "" for _, _, stderr in answers)


def test_next_over_more_skills_than_hold_their_texts_gives_the_bytes_of_its_answer_whole(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`next --json` is written a skill at a time, and a skill read from the cache holds
    its texts only while among the last few read: over more skills than that, cold, warm
    and without the cache, the bytes are those of the answer written whole."""
    from skillpath.loading import cachecodec
    from skillpath.render import jsonfmt

    text = (BUNDLED / "skills" / "rag.yaml").read_text(encoding="utf-8")
    for number in range(cachecodec._HELD_MOST + 6):
        copy = text.replace("id: rag\n", f"id: many-{number}\n", 1)
        copy = copy.replace("\nname: ", f"\nname: Many {number} ", 1)
        write(team / "skills" / f"many-{number}.yaml", copy, age=10 + number)
    args = ["next", "--role", "llm", "--level", "middle"]
    (answer,) = {outcome(run(args, team, cached=True, fmt="--json"))[1] for _ in range(2)}
    assert outcome(run(args, team, cached=False, fmt="--json"))[1] == answer
    assert answer.count('"id": "many-') == cachecodec._HELD_MOST + 6
    monkeypatch.setattr(jsonfmt.streamed, "by_type", {})  # every answer written whole
    assert outcome(run(args, team, cached=False, fmt="--json"))[1] == answer
