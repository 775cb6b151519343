"""A cold read of many skill files on every core gives the skills, and the first problem,
that one process reading them in order gives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from skillpath.errors import DataError
from skillpath.framework.model import Framework, Skill
from skillpath.loading import Catalog, parallel
from tests.conftest import BUNDLED

pytestmark = pytest.mark.skipif(
    parallel.workers_for(parallel.MIN_FILES) == 0, reason="reads in one process here"
)
SIZE = parallel.MIN_FILES + 16


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """SIZE copies of bundled skills under new ids."""
    sources = sorted((BUNDLED / "skills").glob("*.yaml"))
    (tmp_path / "skills").mkdir()
    for number in range(SIZE):
        source = sources[number % len(sources)]
        new_id = f"{source.stem}-{number:03d}"
        text = source.read_text(encoding="utf-8").replace(
            f"id: {source.stem}\n", f"id: {new_id}\n", 1
        )
        (tmp_path / "skills" / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def read(folder: Path) -> Catalog:
    catalog = Catalog(BUNDLED, folder)
    catalog.skills()
    return catalog


def alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_FILES", 10**9)  # one process, as for a few files


def test_the_skills_are_those_one_process_reads(
    many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads = threading.active_count()
    together = read(many).skills()
    assert threading.active_count() == threads  # the pool's are gone: a later fork is safe
    alone(monkeypatch)
    assert together == read(many).skills()
    assert len(together) == SIZE + len(list((BUNDLED / "skills").glob("*.yaml")))


def test_the_first_broken_file_is_the_one_reported(
    many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted((many / "skills").glob("*.yaml"))
    files[20].write_text("id: [unclosed\n", encoding="utf-8")
    files[-5].write_text("name: no id\n", encoding="utf-8")
    with pytest.raises(DataError) as together:
        read(many)
    alone(monkeypatch)
    with pytest.raises(DataError) as one:
        read(many)
    assert together.value.problems == one.value.problems
    assert together.value.problems[0].file == files[20]


def test_few_files_or_one_core_are_read_here(monkeypatch: pytest.MonkeyPatch) -> None:
    assert parallel.workers_for(parallel.MIN_FILES - 1) == 0
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert parallel.workers_for(10_000) == 0
    monkeypatch.setattr(sys, "platform", "darwin")
    assert parallel.workers_for(10_000) == 0


def test_ctrl_c_stops_the_workers_without_a_traceback(many: Path) -> None:
    """The SIGINT a terminal sends reaches the workers too: they leave it to the parent,
    which stops them and exits 130, printing nothing."""
    process = list_stopped_at_the_fifth_file(many, "os.killpg(0, signal.SIGINT)")
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stdout == "" and "Traceback" not in stderr
    assert not left_in_session(process.pid)


def test_a_parent_killed_outright_leaves_no_worker_behind(many: Path) -> None:
    """SIGTERM to the parent alone (a service manager, a closed terminal) kills it before it
    can stop its workers: they end with it rather than wait for work for ever."""
    process = list_stopped_at_the_fifth_file(many, "os.kill(os.getpid(), signal.SIGTERM)")
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGTERM
    deadline = time.monotonic() + 10
    while left_in_session(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left_in_session(process.pid)


def list_stopped_at_the_fifth_file(many: Path, stop: str) -> subprocess.Popen[str]:
    """``skillpath list`` of ``many`` (read by the workers) in a session of its own (whose
    process group a Ctrl-C goes to), running the statement ``stop`` once the workers have
    handed back five files."""
    code = (
        "import os, signal, sys, skillpath.__main__\n"
        "from skillpath.loading import cachecodec\n"
        "decode, seen = cachecodec.decode_parts, []\n"
        "def stopping(*parts):\n"
        "    seen.append(parts)\n"
        "    if len(seen) == 5:\n"
        f"        {stop}\n"
        "    return decode(*parts)\n"
        "cachecodec.decode_parts = stopping\n"
        f"sys.argv = ['skillpath', 'list', '--json', '-d', {str(many)!r}]\n"
        "skillpath.__main__.main()\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "SKILLPATH_NO_CACHE": "1"},
    )


def left_in_session(session: int) -> list[str]:
    """The processes still running in a session: its workers, had they been left behind."""
    found = subprocess.run(
        ["ps", "-o", "pid=,stat=", "-s", str(session)], capture_output=True, text=True, check=False
    )
    return [line for line in found.stdout.splitlines() if "Z" not in line.split()[-1]]


PARENT = os.getpid()
READ_ONE = parallel._read_one


def dies_on_one_file(path: Path, framework: Framework, also: Any) -> parallel.Outcome:
    """A worker's reading that kills the worker at one file (as the system's out-of-memory
    killer would); the parent reads it as usual."""
    if os.getpid() != PARENT and path.stem.endswith("-030"):
        os.kill(os.getpid(), 9)
    return READ_ONE(path, framework, also)


def test_a_worker_that_dies_costs_no_answer(many: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed mid-read neither hangs the read nor loses a skill: what the pool
    left unread is read by the parent."""
    expected = read(many).skills()
    monkeypatch.setattr(parallel, "_read_one", dies_on_one_file)  # the workers fork after
    assert read(many).skills() == expected


def skill_name(skill: Skill) -> str:
    """What each_with asks the workers to make of a skill: a module's own function."""
    return f"made of {skill.name}"


def test_each_with_gives_the_skills_in_order_and_keeps_none(many: Path) -> None:
    """Catalog.each_with, for work that reads every skill once: the skills preload gives,
    in order, each with what ``also`` made of it, each let go once the caller is done."""
    import gc
    import weakref

    expected = read(many).skills()
    catalog = Catalog(BUNDLED, many)
    given = []
    for skill, made in catalog.each_with(catalog.skill_ids, skill_name):
        assert skill == expected[len(given)]
        assert made == f"made of {skill.name}"
        given.append(weakref.ref(skill))
    del skill
    gc.collect()
    assert len(given) == len(expected)
    assert all(ref() is None for ref in given)


def test_search_groups_made_on_every_core_are_those_made_here(many: Path) -> None:
    """The groups of the search index are made by the workers from the skills they read:
    the same as made in this process from the skills one process reads."""
    from skillpath.framework.search import index_groups

    expected = [index_groups(skill) for skill in read(many).skills()]
    catalog = Catalog(BUNDLED, many)
    assert parallel.workers_for(len(catalog.skill_ids)) > 0
    made = [groups for _, groups in catalog.each_with(catalog.skill_ids, index_groups)]
    assert made == expected


def test_each_with_stopped_early_leaves_no_worker_and_reports_progress(many: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    catalog = Catalog(BUNDLED, many)
    threads = threading.active_count()
    skills = catalog.each_with(
        catalog.skill_ids, skill_name, "indexing", lambda *done: seen.append(done)
    )
    first = [next(skills) for _ in range(3)]
    skills.close()
    assert threading.active_count() == threads
    assert [skill.id for skill, _ in first] == list(catalog.skill_ids[:3])
    assert seen == [("indexing", done, len(catalog.skill_ids)) for done in range(3)]


def test_validate_on_every_core_reports_what_one_process_does(
    many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skillpath.authoring.validation import validate

    files = sorted((many / "skills").glob("*.yaml"))
    files[3].write_text("id: [unclosed\n", encoding="utf-8")
    files[40].write_text(files[40].read_text().replace("\nname: ", "\nnamee: ", 1))
    files[-1].write_text(files[-1].read_text() + "# a comment at the end\n", encoding="utf-8")
    threads = threading.active_count()
    together = validate([BUNDLED, many])
    assert threading.active_count() == threads
    alone(monkeypatch)
    assert validate([BUNDLED, many]) == together
    assert {problem.file for problem in together.problems} == {files[3], files[40]}
    assert set(files) <= set(together.files)


@pytest.mark.parametrize("locked", ["never", "from the start", "after the first save"])
def test_a_cold_read_into_the_cache_gives_every_cell_without_reading_a_file_again(
    many: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, locked: str
) -> None:
    """The skills the workers read hold their texts until the cache has them, then read
    them back from it; where the cache cannot take them (another run is writing it), the
    texts stay held, and those saved before stay readable. Either way a cell is the
    file's, and no file is read a second time."""
    import sqlite3

    from skillpath.loading import cache, catalog, document

    expected = read(many).skills()
    monkeypatch.setattr(cache, "RECENT_NS", 0)  # the files were written a moment ago
    monkeypatch.setattr(catalog, "_SAVE_EVERY", 20)  # several saves
    monkeypatch.setattr(cache, "LOCK_WAIT", 0.01)
    assert cache.SkillCache()._connection() is not None  # the database, empty
    holder = sqlite3.connect(tmp_path / "skillpath-cache" / cache.DATABASE)

    def lock() -> None:  # another run writing: ours may read, not write
        if locked != "never" and not holder.in_transaction:
            holder.execute("BEGIN IMMEDIATE")

    if locked == "from the start":
        lock()
    save = cache.SkillCache.save

    def save_then_lock(self: cache.SkillCache) -> None:
        save(self)
        lock()

    monkeypatch.setattr(cache.SkillCache, "save", save_then_lock)
    try:
        skills = Catalog(BUNDLED, many, cached=True).skills()
        real = document.read_document

        def only_bundled(path: Path) -> document.Document:
            assert many not in path.parents, f"{path.name} read again"
            return real(path)

        monkeypatch.setattr(document, "read_document", only_bundled)
        for skill, same in zip(skills, expected, strict=True):
            assert tuple(skill.expectations) == same.expectations
    finally:
        holder.rollback()
        holder.close()
