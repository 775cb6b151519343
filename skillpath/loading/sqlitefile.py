"""The SQLite files of the cache folder (the skill cache, the search indexes), opened only
when they are skillpath's own: a regular file, not a symbolic link, that belongs to the
user and that nobody else may write, and that carries skillpath's mark in its header
(``PRAGMA application_id``), set when skillpath makes the file.

A link is never opened (SQLite would follow it to another program's database). A file
without the mark is another program's: it is only looked at (its header and its list of
tables), never changed, emptied or removed: the cache is built beside it instead
(``beside``), and where that cannot be either, the answers come from the YAML files, as
with any cache problem. A file that holds nothing at all (made a moment ago) is taken.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

# "SkPt": a value of our own among those registered with SQLite (magic.txt), and positive,
# as PRAGMA application_id reads a signed 32-bit number.
APPLICATION_ID = 0x536B5074
_HEADER = b"SQLite format 3\x00"
_ID_AT = 68  # the application id's place in the 100-byte database header, big-endian


class NotOurs(Exception):
    """The database is another program's: leave it as it is."""


def beside(file: Path) -> Path:
    """Where the cache is built when ``file`` is not its own: a link, another program's
    database, or the cache's own from before the mark (whose owner nothing proves)."""
    return file.with_name(f"{file.stem}.own{file.suffix}")


def foreign(db: sqlite3.Connection) -> bool:
    """Whether the database is plainly another program's, seen without a write lock: it
    holds tables but not skillpath's mark. ``claim`` looks again under the lock."""
    if marked(db):
        return False
    (objects,) = db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return bool(objects)


def own_file(info: os.stat_result) -> bool:
    """Whether a file looked at without following a link is a regular one of the user's
    own that nobody else may write."""
    if not stat.S_ISREG(info.st_mode):  # a symbolic link, a folder, a FIFO, a device
        return False
    if not hasattr(os, "getuid"):  # Windows: the user's profile folder is theirs
        return True
    return info.st_uid == os.getuid() and not info.st_mode & stat.S_IWOTH


def connect(file: Path, timeout: float) -> sqlite3.Connection | None:
    """A connection to ``file`` when it is a file of the user's own (see ``own_file``),
    made empty when missing; None otherwise. Whether the database in it is skillpath's
    is for ``claim`` to say. Raises what sqlite3 and the file system raise."""
    import sqlite3

    try:
        found = os.lstat(file)
    except FileNotFoundError:
        found = _made(file)
    if not own_file(found):
        return None
    db = sqlite3.connect(file, timeout=timeout, isolation_level=None)
    try:
        now = os.lstat(file)
    except OSError:
        now = None
    if now is None or (now.st_dev, now.st_ino) != (found.st_dev, found.st_ino):
        db.close()  # replaced (by a link?) while it was opened
        return None
    return db


def _made(file: Path) -> os.stat_result:
    """An empty file of the user's own, made where there was none; another run's if it
    made one first. Never through a link (O_EXCL fails on one, dangling or not)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(file, flags | getattr(os, "O_BINARY", 0), 0o600))
    return os.lstat(file)


def marked(db: sqlite3.Connection) -> bool:
    """Whether the database carries skillpath's mark: one pragma, no write."""
    (found,) = db.execute("PRAGMA application_id").fetchone()
    return bool(found == APPLICATION_ID)


def claim(db: sqlite3.Connection) -> None:
    """Make sure the database is skillpath's before anything in it is changed: it carries
    the mark, or holds nothing at all (a file just made, or emptied), and is marked now.
    Otherwise raise NotOurs, having changed nothing: tables like the cache's own are no
    proof (another program's, or the cache's from before the mark, are left alone alike).
    Call it inside the write transaction, so that nothing changes between look and change."""
    (found,) = db.execute("PRAGMA application_id").fetchone()
    if found == APPLICATION_ID:
        return
    (objects,) = db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    if found != 0 or objects:
        raise NotOurs("another program's database")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def remove(file: Path) -> bool:
    """Remove a damaged database of skillpath's and its journal, so that the next run
    makes a new one; whether it was removed. Only a file of the user's own (never a link,
    nor what it points to) that carries skillpath's mark in an intact header: a file with
    no SQLite header at all may be another program's (an encrypted database has none)."""
    if not _removable(file):
        return False
    for name in (file, file.with_name(file.name + "-journal")):
        with contextlib.suppress(OSError):
            if own_file(os.lstat(name)):
                name.unlink()
    return True


def own_head(path: Path, count: int) -> bytes | None:
    """The first ``count`` bytes of a file of the user's own (see ``own_file``), or None.
    Opened without following a link and without waiting (a FIFO put in its place)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        return os.read(handle, count) if own_file(os.fstat(handle)) else None
    except OSError:
        return None
    finally:
        os.close(handle)


def _removable(file: Path) -> bool:
    header = own_head(file, 100)
    if header is None:
        return False
    if not header.startswith(_HEADER):
        return False  # garbage, or another program's encrypted database: built beside
    return int.from_bytes(header[_ID_AT : _ID_AT + 4], "big") == APPLICATION_ID
