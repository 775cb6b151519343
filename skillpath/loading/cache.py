"""The compiled cache of data folders: each skill file's checked content, kept so that the
next run reads it without parsing YAML or checking it again.

Where: ``$SKILLPATH_CACHE_DIR``, else the user's cache folder (platformdirs);
``SKILLPATH_NO_CACHE=1`` turns it off. What: one SQLite database with a row per skill file,
found by the file's path and used only while the file's size, modification time, change
time, inode and device are the ones it was read with. The bundled data is not cached: a
wheel answers it from its own snapshot (``snapshot.py``), which needs no writable folder.

Why the cache never changes an answer:

- A file changed within the last ``RECENT_NS`` is not cached. Timestamps have a resolution
  (up to two seconds on some file systems), so two writes within it can leave the same size
  and times; such a file is read from its YAML until it is older than that.
- Only a file that loads without a problem is cached, so a broken file is always read and
  its problems are found exactly as without the cache.
- An entry holds for one framework (the role and level ids a skill is checked against) and
  one version of the code that reads it; either changing is a miss.
- Every row carries a checksum of its value. A row that does not match it, a database that
  is not one, is locked by another run or cannot be written is passed over, silently: the
  answer then comes from the files, and the cache is rebuilt when it can be.
- The database is opened only when it is the cache's own (``sqlitefile.py``): a regular
  file of the user's, not a link, marked as skillpath's. Another program's database found
  in its place is passed over the same way, and never changed or removed.
"""

from __future__ import annotations

import contextlib
import functools
import json
import marshal
import os
import stat
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skillpath.errors import DataError
from skillpath.framework.model import Framework, Skill
from skillpath.loading import sqlitefile
from skillpath.loading.cachecodec import Parts, decode_head, encode_parts, row_checksum
from skillpath.loading.sqlitefile import remove

if TYPE_CHECKING:
    import sqlite3

CACHE_VARIABLE = "SKILLPATH_CACHE_DIR"
OFF_VARIABLE = "SKILLPATH_NO_CACHE"
DATABASE = "skills.sqlite3"
FORMAT = 7  # the stored form; a database of another form is emptied and refilled
RECENT_NS = 2_000_000_000  # files changed more recently than this are read, not cached
LOCK_WAIT = 0.5  # seconds to wait for another run's write before going without the cache
_CHUNK = 500  # paths per query, well under SQLite's limit on parameters
_AHEAD_MOST = 256  # skills whose texts are read ahead at once: about 2 MB of the bundled kind
# The modules that decide what a file means: a change to any of them (an upgrade, or an
# edit in a checkout) is a new version of the code, and the cache's entries no longer hold.
_CODE = (
    "framework/model.py",
    "loading/builders.py",
    "loading/checks.py",
    "loading/document.py",
    "framework/search.py",  # what the search index holds of a skill
)


def cache_folder(environ: dict[str, str] | None = None) -> Path | None:
    """Where the cache lives, or None when it is turned off."""
    env = os.environ if environ is None else environ
    if env.get(OFF_VARIABLE, "") not in ("", "0"):
        return None
    configured = env.get(CACHE_VARIABLE)
    if configured:
        return Path(configured)
    import platformdirs  # deferred: only runs that read a data folder of their own need it

    return Path(platformdirs.user_cache_dir("skillpath", appauthor=False))


def file_key(path: str | os.PathLike[str], now_ns: int | None = None) -> str | None:
    """What identifies this version of a file, or None when it cannot be told apart from
    the next one: missing, not a regular file, or changed too recently (see RECENT_NS)."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(found.st_mode):
        return None
    now = time.time_ns() if now_ns is None else now_ns
    # The change time counts too: a write followed by resetting the modification time
    # (touch -d) leaves an old mtime but a new ctime.
    if max(found.st_mtime_ns, found.st_ctime_ns) > now - RECENT_NS:
        return None
    return f"{found.st_size}:{found.st_mtime_ns}:{found.st_ctime_ns}:{found.st_ino}:{found.st_dev}"


class FileKeys:
    """file_key() of each file, taken once and given again: one command asks for each
    file's key in three places (the kept answer's fingerprint, the skill cache, the search
    index), and at 10,000 skills a round of stats costs as much as the search itself. A
    Catalog holds one and lives for one command or MCP call, so a file changed between two
    is seen; within one, a key given again was taken before the file was read, so a change
    after it is caught by the next run, as before. "Too recent" is judged against the
    moment the memo was made."""

    __slots__ = ("_keys", "now")

    def __init__(self, now_ns: int | None = None) -> None:
        self.now = time.time_ns() if now_ns is None else now_ns
        self._keys: dict[str, str | None] = {}

    def __call__(self, path: str | os.PathLike[str]) -> str | None:
        name = os.fspath(path)
        keys = self._keys
        if name in keys:
            return keys[name]
        key = keys[name] = file_key(name, self.now)
        return key


@functools.cache  # the code cannot change during a run; stat its modules once
def code_key() -> str:
    package = Path(__file__).resolve().parent.parent
    parts = [f"{FORMAT}:{marshal.version}:{sys.implementation.cache_tag}"]
    for name in _CODE:
        try:
            found = os.stat(package / name)
            parts.append(f"{found.st_size}:{found.st_mtime_ns}")
        except OSError:
            parts.append("-")
    return "/".join(parts)


def context_of(framework: Framework) -> str:
    """What a skill's checked content depends on besides its file: the ladder's and the
    roles' ids (a cell's role and level must be known, its order is the ladder's)."""
    ids = [[level.id for level in framework.levels], [role.id for role in framework.roles]]
    return json.dumps([code_key(), ids])


# -- the database -----------------------------------------------------------------------------

_SCHEMA = (
    """
    CREATE TABLE skill (
        path TEXT PRIMARY KEY,  -- the file as the catalogue names it
        key TEXT NOT NULL,      -- file_key() when it was read
        context TEXT NOT NULL,  -- context_of() the framework it was checked against
        checksum INTEGER NOT NULL,
        value BLOB NOT NULL     -- the head, from encode_parts()
    )
    """,
    """
    CREATE TABLE cells (        -- the texts of each skill's cells, read when first asked for
        path TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        context TEXT NOT NULL,
        checksum INTEGER NOT NULL,
        value BLOB NOT NULL     -- the texts, from encode_parts()
    )
    """,
)
_TABLES = ("skill", "cells")


class SkillCache:
    """The cache of one run: entries found, entries to keep, written once at the end.

    Nothing is opened until a skill file outside the bundled data is asked for, so that a
    run on the bundled data alone never imports sqlite3. Every failure turns the cache off
    for the rest of the run; none reaches the user.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        self._db: sqlite3.Connection | None = None
        self._off = False
        self._pending: list[tuple[str, str, str, bytes, bytes]] = []
        self._context: tuple[Framework, str] | None = None
        # The files of the skills found, in the order found, for reading their texts ahead.
        self._order: list[str] = []
        self._place: dict[str, int] = {}
        self._ahead: dict[str, tuple[Any, ...]] = {}  # texts' rows read ahead, not yet asked
        self._ahead_span = (0, 0)  # the positions in _order last read ahead
        self._unsaved: dict[str, tuple[str, bytes]] = {}  # adopted texts not yet saved, by file
        self._read_only = False  # a write failed: read what is there, write no more

    def _context_of(self, framework: Framework) -> str:
        """context_of(), worked out once per framework: a run checks thousands of skills
        against the same one."""
        if self._context is None or self._context[0] is not framework:
            self._context = (framework, context_of(framework))
        return self._context[1]

    def skills(
        self, files: Mapping[str, Path], framework: Framework, keys_of: FileKeys | None = None
    ) -> tuple[dict[str, Skill], dict[str, str]]:
        """Of these skill files (by skill id), the skills cached that still hold, and the
        key of every file that can be cached (taken before the file is read, so a later
        change is seen), by ``keys_of`` (the catalogue's, shared by the command) else
        afresh. Keyed by id rather than path: thousands of paths hash slowly."""
        keys, ids_of = _file_keys(files, keys_of or FileKeys())
        db = self._connection() if keys else None
        if db is None:
            return {}, keys
        import sqlite3

        try:
            rows = list(_rows(db, "skill", list(ids_of)))
        except sqlite3.Error as error:
            self._turn_off(damaged=not isinstance(error, sqlite3.OperationalError))
            return {}, keys
        context = self._context_of(framework)
        found: dict[str, Skill] = {}
        for name, row_key, row_context, checksum, blob in rows:
            found_id = ids_of.get(name)
            if found_id is None or row_key != keys[found_id] or row_context != context:
                continue
            texts_of = functools.partial(self._texts_or_file, name, row_key, context, framework)
            skill = _decoded(blob, checksum, texts_of)
            if skill is not None:
                found[found_id] = skill
        self._line_up(name for name, skill_id in ids_of.items() if skill_id in found)
        return found, keys

    def _line_up(self, names: Iterable[str]) -> None:
        """Note the order of the skills found, the order their cells will be asked for in
        (that of the catalogue), for reading their texts ahead."""
        for name in names:
            if name not in self._place:
                self._place[name] = len(self._order)
                self._order.append(name)

    def _texts_or_file(self, name: str, key: str, context: str, framework: Framework) -> bytes:
        """A cached skill's cell texts, when a cell is first asked for: from the cache, else
        from the skill's file, read again while it is still the version the skill was
        cached from (a file changed since cannot finish an answer begun from the old one)."""
        held = self._unsaved.get(name)
        if held is not None and held[0] == key:
            return held[1]
        stored = self.texts(name, key, context)
        if stored is not None:
            return stored
        from skillpath.loading.builders import build_skill
        from skillpath.loading.document import read_document

        path = Path(name)
        skill = build_skill(read_document(path), framework)
        if file_key(path) != key:
            raise DataError.single(
                path, "changed while skillpath was reading it; run the command again"
            )
        return encode_parts(skill)[1]

    def texts(self, name: str, key: str, context: str) -> bytes | None:
        """The stored texts of a skill's cells, or None where the cache no longer has them
        as they were (another run replaced them, or the cache was turned off meanwhile)."""
        row = self._row_of_texts(name)
        if row is None:
            return None
        row_key, row_context, checksum, value = row
        if row_key != key or row_context != context or not isinstance(value, bytes):
            return None
        return value if checksum == row_checksum(value) else None

    def _row_of_texts(self, name: str) -> tuple[Any, ...] | None:
        """The texts' row of a skill, read ahead: a run that asks for the cells of many
        skills (`next`) asks in the order they were found, so each time the next skill's
        texts are not yet read, twice as many skills' as the time before are read in one
        query (up to _AHEAD_MOST), rather than one query a skill. Asking out of order
        starts again from one; what was read ahead and passed over is let go."""
        position = self._place.get(name)
        start, end = self._ahead_span
        if position is not None and not start <= position < end:
            size = max(1, min(2 * (end - start), _AHEAD_MOST)) if position >= end else 1
            names = self._order[position : position + size]
            self._ahead = self._texts_rows(names)
            self._ahead_span = (position, position + len(names))
        if name in self._ahead:
            return self._ahead.pop(name)
        # Not found by this cache, or taken already (another Skill of the file asks again).
        return self._texts_rows([name]).get(name)

    def _texts_rows(self, names: list[str]) -> dict[str, tuple[Any, ...]]:
        db = self._connection()
        if db is None:
            return {}
        import sqlite3

        try:
            return {row[0]: row[1:] for row in _rows(db, "cells", names)}
        except sqlite3.Error:
            return {}

    def keep(
        self, path: Path, key: str, framework: Framework, skill: Skill, parts: Parts | None
    ) -> None:
        """Keep a skill just read, given its encode_parts() where they were already made."""
        head, texts = encode_parts(skill) if parts is None else parts
        self._pending.append((str(path), key, self._context_of(framework), head, texts))

    def adopt(self, path: Path, key: str, framework: Framework, parts: Parts) -> Skill:
        """Keep a skill just read as its stored form, and the skill it holds: its texts are
        held here until they are saved, and then read back when a cell is asked for, as a
        cached skill's are."""
        name, context = str(path), self._context_of(framework)
        head, texts = parts
        self._pending.append((name, key, context, head, texts))
        self._unsaved[name] = (key, texts)
        self._line_up([name])
        return decode_head(
            head, functools.partial(self._texts_or_file, name, key, context, framework)
        )

    def save_every(self, count: int) -> None:
        """save() once ``count`` skills are waiting, so that no more are held."""
        if len(self._pending) >= count:
            self.save()

    def save(self) -> None:
        """Write what was read this run, in one transaction; on any failure, nothing."""
        pending, self._pending = self._pending, []
        db = self._connection() if pending and not self._read_only else None
        if db is None:
            return
        import sqlite3

        try:
            db.execute("BEGIN IMMEDIATE")
            heads = [(*at, row_checksum(head), head) for *at, head, _ in pending]
            texts = [(*at, row_checksum(cells), cells) for *at, _, cells in pending]
            db.executemany("INSERT OR REPLACE INTO skill VALUES (?, ?, ?, ?, ?)", heads)
            db.executemany("INSERT OR REPLACE INTO cells VALUES (?, ?, ?, ?, ?)", texts)
            db.execute("COMMIT")
        except sqlite3.OperationalError:
            # Locked by another run, or a full disk: no more writes this run, but what was
            # saved earlier in it stays readable (its texts are no longer held here).
            with contextlib.suppress(sqlite3.Error):
                if db.in_transaction:
                    db.execute("ROLLBACK")
            self._read_only = True
            return  # what was adopted stays held: the texts are nowhere else
        except sqlite3.Error:
            self._turn_off(damaged=True)
            return
        for name, key, *_ in pending:
            if self._unsaved.get(name, ("",))[0] == key:
                del self._unsaved[name]

    def _connection(self) -> sqlite3.Connection | None:
        if self._db is None and not self._off:
            folder = self._folder or cache_folder()
            self._db = _open(folder / DATABASE) if folder else None
            self._off = self._db is None
        return self._db

    def _turn_off(self, *, damaged: bool = False) -> None:
        """No cache for the rest of the run; a damaged database is removed, so that the
        next run builds a new one."""
        import sqlite3

        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        if damaged:
            folder = self._folder or cache_folder()
            if folder:
                remove(folder / DATABASE)
        self._db, self._off = None, True


def _file_keys(
    files: Mapping[str, Path], keys_of: FileKeys
) -> tuple[dict[str, str], dict[str, str]]:
    """The file_key() of each skill file that has one, by skill id; and the id of each of
    those files, by the file's name as the database stores it."""
    keys: dict[str, str] = {}
    ids_of: dict[str, str] = {}
    for skill_id, path in files.items():
        name = str(path)
        if not name.isascii() and not _storable(name):
            continue  # read from its file every time, as with no cache
        key = keys_of(name)
        if key is not None:
            keys[skill_id] = key
            ids_of[name] = skill_id
    return keys, ids_of


def _storable(name: str) -> bool:
    """Whether SQLite can hold a file's name: not one with bytes that are not UTF-8, which
    Python keeps as lone surrogates."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _decoded(blob: Any, checksum: Any, texts_of: Callable[[], bytes]) -> Skill | None:
    """The skill a row holds, or None when the row is damaged."""
    if not isinstance(blob, bytes) or checksum != row_checksum(blob):
        return None
    try:
        return decode_head(blob, texts_of)
    except (ValueError, TypeError, KeyError, AttributeError, EOFError):  # never written so
        return None


def _rows(db: sqlite3.Connection, table: str, names: list[str]) -> Iterable[tuple[Any, ...]]:
    """The rows of ``table`` (``skill`` or ``cells``) for these files."""
    for start in range(0, len(names), _CHUNK):
        chunk = names[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        query = f"SELECT path, key, context, checksum, value FROM {table} WHERE path IN ({marks})"
        yield from db.execute(query, chunk)


def _open(file: Path) -> sqlite3.Connection | None:
    """The cache database, made or remade when it is missing, of another form or damaged;
    beside ``file`` when that is not the cache's own; None when it cannot be had (no
    sqlite3, a folder that cannot be made, ...)."""
    try:
        import sqlite3
    except ImportError:  # a Python built without it
        return None
    for place in (file, sqlitefile.beside(file)):
        try:
            return _open_at(place)
        except sqlitefile.NotOurs:
            continue  # another program's file, or a link: build beside it
        except (sqlite3.Error, OSError):
            return None
    return None


def _open_at(file: Path) -> sqlite3.Connection | None:
    """The database at ``file``, ready; None when it cannot be had. NotOurs when ``file``
    is not the cache's own, nothing in it changed."""
    import sqlite3

    for attempt in range(2):
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not trusted(file):
            return None
        db = sqlitefile.connect(file, LOCK_WAIT)
        if db is None:  # a link, or a file that is not the user's own
            raise sqlitefile.NotOurs(str(file))
        try:
            _prepare(db)
            return db
        except sqlitefile.NotOurs:
            db.close()  # nothing was changed in it: claim() looks before any change
            raise
        except sqlite3.DatabaseError as error:
            db.close()
            if attempt or isinstance(error, sqlite3.OperationalError):
                return None  # locked, read-only, or a folder we may not write: do without
            if not remove(file):  # a damaged one of ours is removed: start afresh
                raise sqlitefile.NotOurs(str(file)) from None  # no database: beside it
    return None


def trusted(file: Path) -> bool:
    """Whether the database is the user's own: its folder and file (once made) belong to
    the user and nobody else may write to them. Elsewhere (a folder anyone may write, such
    as /tmp itself) skillpath does without a cache rather than read what others wrote."""
    if not hasattr(os, "getuid"):  # Windows: the user's profile folder is theirs
        return True
    for path in (file.parent, file):
        try:
            found = os.stat(path)
        except FileNotFoundError:
            continue
        if found.st_uid != os.getuid() or found.st_mode & stat.S_IWOTH:
            return False
    return True


def _prepare(db: sqlite3.Connection) -> None:
    """The database made ready: as it is when it is ours and of this form, else (re)made
    under the write lock, once claim() has said it is ours (NotOurs otherwise)."""
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version == FORMAT and sqlitefile.marked(db):
        return
    if sqlitefile.foreign(db):  # seen before taking a lock on another program's file
        raise sqlitefile.NotOurs("another program's database")
    db.execute("BEGIN IMMEDIATE")
    sqlitefile.claim(db)
    (version,) = db.execute("PRAGMA user_version").fetchone()  # another run made it?
    if version != FORMAT:
        for table in _TABLES:
            db.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in _SCHEMA:
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {FORMAT}")
    db.execute("COMMIT")
