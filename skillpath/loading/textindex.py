"""The search index: SQLite FTS5 over every text ``search`` reads, for one catalogue.

It lives in the cache folder (``cache.py``), one database per set of data folders, and is
brought up to date before each search: the rows of a skill whose file changed (size,
times, inode, device; or changed too recently to tell) are replaced, those of a skill gone
are removed, so it always holds exactly the catalogue's texts. Without a cache folder, or
when that one cannot be used, the same index is built in memory for the one search, which
gives the same answers (bm25 reads only the rows, and the rows are the same), only slower.
Where Python's SQLite has no FTS5, there is no index and ``search`` scans instead.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skillpath.loading import cache, sqlitefile
from skillpath.meter import Meter, silent

if TYPE_CHECKING:
    import sqlite3

    from skillpath.framework.model import Skill
    from skillpath.framework.search import Group, Match
    from skillpath.loading.catalog import Catalog

Groups = Callable[["Skill"], list["Group"]]  # search.index_groups
Stored = tuple[Any, ...]  # a group as the table holds it, but for the rowid (_stored)

FORMAT = 7
# Between a cell's texts in its row: a character data may not hold (text.FORBIDDEN), and
# one the tokenizer reads as a space.
_BETWEEN = "\x1e"
# One row for a skill's name, one for its summary, one for each cell: its description,
# given items and examples, in that order, and how many items it gives. A row per item
# took twice as long to index, and the cells' descriptions had to be split first.
# Accents and case folded. Words typed are matched as prefixes (search.fts_expression);
# FTS5's own prefix indexes are left out: at 2,000 skills a query of two letters answers as
# fast without them (a range of terms), and building them took a quarter of the indexing.
_TABLE = (
    "CREATE VIRTUAL TABLE texts USING fts5(name, summary, body, skill UNINDEXED, place UNINDEXED, "
    "role UNINDEXED, level UNINDEXED, given UNINDEXED, "
    "tokenize = 'unicode61 remove_diacritics 2')"
)
_SKILLS = (
    "CREATE TABLE indexed (skill TEXT PRIMARY KEY, key TEXT NOT NULL, "
    "first INTEGER NOT NULL, last INTEGER NOT NULL, drafts INTEGER NOT NULL, "
    "name TEXT NOT NULL)"
)
_META = "CREATE TABLE meta (context TEXT NOT NULL)"
_COLUMNS = ("name", "summary", "body")


def engine() -> str:
    """What answers a search here: SQLite's version, with or without FTS5. A kept answer
    is keyed by it, since the same Python can load another SQLite (an upgrade of the
    system's library), which may lack FTS5 and rank by the scan instead."""
    import sqlite3

    return f"sqlite {sqlite3.sqlite_version}, fts5 {fts5_available()}"


@functools.cache  # the SQLite loaded cannot change during a run
def fts5_available() -> bool:
    try:
        import sqlite3

        with sqlite3.connect(":memory:") as db:
            db.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
    except Exception:
        return False
    return True


class FtsIndex:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def drafted(self) -> list[str]:
        return sorted(
            skill for (skill,) in self.db.execute("SELECT skill FROM indexed WHERE drafts")
        )

    def match(self, expression: str, roles: Sequence[str], levels: Sequence[str]) -> list[Match]:
        where, values = ["texts MATCH ?"], [expression]
        for column, wanted in (("role", roles), ("level", levels)):
            if wanted:
                where.append(f"{column} IN ({','.join('?' * len(wanted))})")
                values += wanted
        # bm25 is lower for a better match; each column weighs as search says. The
        # skill's name from its one row in ``indexed``; CROSS JOIN keeps the match the
        # outer loop, so that only the rows matched look a name up.
        query = (
            "SELECT texts.skill, place, -bm25(texts, ?, ?, ?), texts.name, summary, body, "
            "role, level, given, indexed.name FROM texts CROSS JOIN indexed "
            f"ON indexed.skill = texts.skill WHERE {' AND '.join(where)}"
        )
        from skillpath.framework.search import FIELD_WEIGHTS, Match

        weights = [FIELD_WEIGHTS[column] for column in _COLUMNS]
        return [
            Match(skill, place, score, _group(*stored), name)
            for skill, place, score, *stored, name in self.db.execute(query, [*weights, *values])
        ]


def open_index(
    catalog: Catalog, groups: Groups, *, persistent: bool = True, meter: Meter = silent
) -> FtsIndex | None:
    """An up-to-date index of the catalogue: in the cache folder where it can be, else in
    memory; None where SQLite has no FTS5."""
    if not fts5_available():
        return None
    import sqlite3

    context = json.dumps([cache.context_of(catalog.framework), FORMAT])
    folder = cache.cache_folder() if persistent else None
    if folder is not None:
        file = folder / f"search-{_name_of(catalog.roots)}.sqlite3"
        db = _kept_index(file, context, lambda db: _sync(db, catalog, groups, meter))
        if db is not None:
            return FtsIndex(db)
    db = sqlite3.connect(":memory:", isolation_level=None)
    _create(db, context)
    _sync(db, catalog, groups, meter)
    return FtsIndex(db)


def _name_of(roots: Sequence[Path]) -> str:
    return hashlib.sha256(json.dumps([str(root) for root in roots]).encode()).hexdigest()[:20]


def _kept_index(
    file: Path, context: str, sync: Callable[[sqlite3.Connection], None]
) -> sqlite3.Connection | None:
    """The index's database in the cache folder, brought up to date by ``sync``; beside
    ``file`` when that is not the cache's own; None when neither can be had (locked,
    unwritable, damaged: the index is then made in memory)."""
    import sqlite3

    for place in (file, sqlitefile.beside(file)):
        try:
            db = _persistent(place, context)
            sync(db)
            return db
        except sqlitefile.NotOurs:
            continue  # another program's file, or a link: build beside it
        except (sqlite3.Error, OSError) as error:
            damaged = isinstance(error, sqlite3.DatabaseError) and not isinstance(
                error, sqlite3.OperationalError
            )
            # A damaged index of ours is removed, to be built afresh by the next search;
            # a file that is no database of ours at all is left, and the index made beside.
            if damaged and not sqlitefile.remove(place):
                continue
            return None
    return None


def _persistent(file: Path, context: str) -> sqlite3.Connection:
    """The index's database at ``file``, ready. NotOurs when it is not the cache's own."""
    file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not cache.trusted(file):
        raise OSError(f"{file}: not the user's own")
    db = sqlitefile.connect(file, cache.LOCK_WAIT)
    if db is None:  # a link, or a file that is not the user's own
        raise sqlitefile.NotOurs(str(file))
    if sqlitefile.marked(db) and _context(db) == context:
        return db
    try:
        if sqlitefile.foreign(db):  # seen before taking a lock on another program's file
            raise sqlitefile.NotOurs(str(file))
        db.execute("BEGIN IMMEDIATE")
        sqlitefile.claim(db)  # looked at again under the lock
    except BaseException:
        db.close()
        raise
    if _context(db) != context:  # another run may have brought it up to date meanwhile
        for table in ("texts", "indexed", "meta"):
            db.execute(f"DROP TABLE IF EXISTS {table}")
        _create(db, context)
    db.execute("COMMIT")
    return db


def _context(db: sqlite3.Connection) -> str | None:
    import sqlite3

    try:
        stored = db.execute("SELECT context FROM meta").fetchone()
    except sqlite3.OperationalError:  # a new file: no tables yet
        return None
    return None if stored is None else str(stored[0])


def _create(db: sqlite3.Connection, context: str) -> None:
    for statement in (_TABLE, _SKILLS, _META):
        db.execute(statement)
    db.execute("INSERT INTO meta VALUES (?)", (context,))


def _sync(db: sqlite3.Connection, catalog: Catalog, groups: Groups, meter: Meter) -> None:
    """Make the index hold exactly the catalogue's skills, as their files are now."""
    key_of = catalog.file_keys  # the keys the command's other readers took, not stat'ed again
    current = {skill_id: key_of(path) or "" for skill_id, path in catalog.skill_files.items()}
    if not any(_changes(db, current)):  # the usual case: no write, no lock
        return
    db.execute("BEGIN IMMEDIATE")  # another search may have done it meanwhile: look again
    try:
        gone, new = _changes(db, current)
        for first, last in db.execute(
            f"SELECT first, last FROM indexed WHERE skill IN ({','.join('?' * len(gone))})",
            gone,
        ).fetchall():
            db.execute("DELETE FROM texts WHERE rowid BETWEEN ? AND ?", (first, last))
        db.executemany("DELETE FROM indexed WHERE skill = ?", [(i,) for i in gone])
        (start,) = db.execute("SELECT coalesce(max(rowid), 0) + 1 FROM texts").fetchone()
        stored = functools.partial(_stored, groups)  # made by the workers that read the files
        for skill, found in catalog.each_with(new, stored, "indexing skills for search", meter):
            start = _insert(db, skill, found, current[skill.id], start)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _changes(db: sqlite3.Connection, current: dict[str, str]) -> tuple[list[str], list[str]]:
    """The skills whose rows must go, and those to index; a skill with no key (changed
    too recently to tell) is always indexed afresh."""
    indexed: dict[str, Any] = dict(db.execute("SELECT skill, key FROM indexed"))
    if indexed == current and all(current.values()):  # the usual case, compared at C speed
        return [], []
    stale = [i for i, key in indexed.items() if not key or current.get(i) != key]
    new = [i for i, key in current.items() if not key or indexed.get(i) != key]
    return stale, new


def _stored(groups: Groups, skill: Skill) -> list[Stored]:
    """A skill's groups as the index stores them, but for the rowid: a name or summary in
    its column, or a cell's description, items and examples joined in the body, the other
    columns empty; then where it is, and how many items the cell gives. Plain tuples,
    made where the skill is read: on thousands of files, a worker process."""
    stored = []
    for place, (role, level, column, description, given, examples) in enumerate(groups(skill)):
        texts = (
            (description, "", "")
            if column == "name"
            else ("", description, "")
            if column == "summary"
            else ("", "", _BETWEEN.join((description, *given, *examples)))
        )  # in _COLUMNS' order
        stored.append((*texts, skill.id, place, role, level, len(given)))
    return stored


def _group(name: str, summary: str, body: str, role: str, level: str, given: int) -> Group:
    """A group as ``_stored`` kept it."""
    from skillpath.framework.search import Group

    if name:
        return Group("", "", "name", name)
    if summary:
        return Group("", "", "summary", summary)
    description, *texts = body.split(_BETWEEN)
    return Group(role, level, "body", description, tuple(texts[:given]), tuple(texts[given:]))


def _insert(
    db: sqlite3.Connection, skill: Skill, stored: list[Stored], key: str, start: int
) -> int:
    """Index a skill's groups from rowid ``start`` on; the rowid after them."""
    db.executemany(
        "INSERT INTO texts (rowid, name, summary, body, skill, place, role, level, given) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(start + place, *row) for place, row in enumerate(stored)],
    )
    last = start + len(stored) - 1
    db.execute(
        "INSERT INTO indexed VALUES (?, ?, ?, ?, ?, ?)",
        (skill.id, key, start, last, len(skill.drafts), skill.name),
    )
    return last + 1
