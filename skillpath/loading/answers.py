"""Answers kept whole: the JSON that a command over every skill (`list`, `next`, `search`)
gave for a data folder, given again byte for byte while nothing it was made from changed.

Why: a warm run over thousands of skills still decodes each skill's head from the skill
cache (``cache.py``) and, for `next`, the texts of two cells of each, about 20 µs a skill:
at 2,000 skills, as long again as Python's start-up. The same question over the same files
has the same answer, and finding that out costs a stat a file.

An answer is found by a key (``fingerprint``) that lists everything it was made from:

- the question: the command and its arguments, as given;
- the code: the Python, and every file of the installed package by size, times and
  inode, so an upgrade or an edit in a checkout is a miss;
- the data: the folders, as named and as absolute paths; each one's framework.yaml; every
  skill file on offer, by ``cache.file_key`` (size, times, inode, device);
- the user's files the command reads besides (`next`: the profile and the progress).

A file changed within ``cache.RECENT_NS``, or not a regular file, means no key: the answer
is worked out and not kept (two writes within a timestamp's resolution can leave the same
key). Only a run that answered is kept, with the warnings it gave on stderr; the CLI gives
both again. An answer file that is damaged, not the user's own or not a regular file is
passed over; one that cannot be written is not kept. Nothing here is ever an error.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING

from skillpath.loading import paths
from skillpath.loading.cache import FileKeys, cache_folder, trusted
from skillpath.loading.sqlitefile import own_file, own_head

if TYPE_CHECKING:
    from skillpath.loading.catalog import Catalog

FOLDER = "answers"  # in the cache folder
SUFFIX = ".answer"
KEEP_MOST = 32  # answers kept, the most recently used first ...
KEEP_BYTES = 64 * 1024 * 1024  # ... and at most this many bytes of them, the newest kept
# A header of fixed width, so it can be written last, over its placeholder: the checksum
# and the lengths of the parts that follow it: the key, the stderr and the stdout.
_MAGIC = b"skillpath-answer-2 "
_HEADER = len(_MAGIC) + 8 + 3 * 13 + 1  # the checksum, three lengths, a line end
_LARGEST = 2 * KEEP_BYTES  # an answer file longer than this was not written here
_STALE_TEMPORARY_SECONDS = 3600  # a temporary file this old was left by a run that died
# The names of the files written here (place_of, writer): trim() lets go of no other.
_ANSWER_NAME = re.compile(r"[0-9a-f]{16}" + re.escape(SUFFIX))
_TEMPORARY_NAME = re.compile(r"\.[0-9]+-[0-9]+\.tmp")


@dataclass(frozen=True)
class Kept:
    """An answer as it was given: what went to stderr (warnings) and to stdout."""

    stderr: str
    stdout: memoryview


def fingerprint(
    question: Sequence[str],
    catalog: Catalog,
    also_read: Sequence[Path] = (),
    *,
    bundled_too: bool = False,
) -> bytes | None:
    """The key of the answer to ``question`` over ``catalog``, ``also_read`` being the
    user's files the command reads besides the data; None when the answer must not be kept:
    a file too recent to be told apart from its next version, a folder that cannot be
    listed (the command itself reports why). ``bundled_too``: keep it over the bundled
    data alone as well, for an answer whose cost is in ``also_read`` (`team`: hundreds of
    shared plans).

    Every data folder's framework.yaml and skill files go in, listed here rather than by the
    catalogue, which would read the frameworks and check the ids: what the catalogue makes
    of them depends on nothing else, and was made without a problem when the answer was."""
    if catalog.bundled_only() and not bundled_too:
        return None  # the bundled data alone answers fast, and never opens the cache
    keys_of = catalog.file_keys  # shared with the skill cache and the search index
    parts = [*question, "", *_code_parts()]
    for path in also_read:
        key = _key_of(path, keys_of)
        if key is None:
            return None
        parts += [str(path), key]
    for root in catalog.roots:
        found = _folder_parts(root, catalog.listed, keys_of)
        if found is None:
            return None
        parts += found
    # The whole list, not a digest of it, is the key: an answer file holds its key and is
    # given only to the same one, so no two questions can ever share an answer (and
    # hashlib, with OpenSSL behind it, would cost a few MiB of memory to load). Parts are
    # parted by NUL, which no path or argument can hold.
    return "\0".join(parts).encode("utf-8", "surrogateescape")


def _folder_parts(
    root: Path, listed: Callable[[Path], list[str]], keys_of: FileKeys
) -> list[str] | None:
    """A data folder as named and as an absolute path, its framework.yaml's key, and its
    skill files' names and keys, in order; None where a file has no key or its skills
    cannot be listed."""
    framework = _key_of(root / paths.FRAMEWORK_FILE, keys_of)
    if framework is None:
        return None
    parts = [str(root), os.path.abspath(root), framework]
    skills = os.path.join(root, paths.SKILLS_FOLDER)
    try:
        names = listed(root)  # the catalogue's listing, which its skill_files reads too
    except FileNotFoundError:
        return [*parts, "-"]  # a framework with no skills yet, or a folder that is not one
    except (OSError, ValueError):
        return None
    for name in names:
        key = keys_of(os.path.join(skills, name))
        if key is None:
            return None
        parts += [name, key]
    return parts


def _key_of(path: Path, keys_of: FileKeys) -> str | None:
    """file_key(), or ``-`` for a file that is not there, as the commands read it: no
    entry, or a link to nothing. Anything else without a key (a file too recent, a FIFO, a
    link that loops, a folder that may not be entered) keeps no answer: the command may
    report it."""
    key = keys_of(path)
    if key is not None:
        return key
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return "-"
    except (OSError, ValueError):
        return None
    try:
        os.stat(path)
    except FileNotFoundError:
        return "-"  # a link to nothing (dotfiles not checked out yet)
    except (OSError, ValueError):
        return None
    return None


@cache  # the code cannot change during a run
def _code_parts() -> tuple[str, ...]:
    """The Python, and every file of the package (its modules, the bundled data and its
    snapshot) by size, times and inode: an install writes new files, whose change time no
    archive can set, so even one that sets every modification time alike (a reproducible
    image) is told apart."""
    package = Path(__file__).resolve().parent.parent
    parts = [sys.version]
    for root in dict.fromkeys([package, paths.bundled_root()]):
        for folder, folders, names in os.walk(root):
            folders[:] = sorted(name for name in folders if name != "__pycache__")
            for name in sorted(names):
                with contextlib.suppress(OSError):
                    found = os.stat(os.path.join(folder, name))
                    parts.append(
                        f"{folder}/{name}:{found.st_size}:{found.st_mtime_ns}:"
                        f"{found.st_ctime_ns}:{found.st_ino}"
                    )
    return tuple(parts)


class KeptAnswers:
    """The answers kept in the cache folder (``SKILLPATH_CACHE_DIR``, else the user's), one
    file each; none where the cache is turned off."""

    def __init__(self, folder: Path | None = None) -> None:
        found = folder or cache_folder()
        self.folder = None if found is None else found / FOLDER

    def find(self, key: bytes) -> Kept | None:
        """The answer kept under ``key``, whole and as written, or None."""
        if self.folder is None or not _own_folder(self.folder):
            return None
        path = self.place_of(key)
        raw = _read_own(path)
        kept = None if raw is None else _parsed(raw, key)
        if kept is not None:
            with contextlib.suppress(OSError):
                os.utime(path)  # used now: among the last to be let go
        return kept

    def writer(self, key: bytes, stderr: str) -> AnswerWriter | None:
        """A writer of the answer to keep under ``key``, whose stderr was ``stderr``; None
        where it cannot be kept (no cache, a folder that cannot be made or is not the
        user's own)."""
        if self.folder is None:
            return None
        temporary = self.folder / f".{os.getpid()}-{time.time_ns()}.tmp"
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _own_folder(self.folder) or not trusted(self.place_of(key)):
                return None
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            file = os.fdopen(os.open(temporary, flags, 0o600), "wb")
        except OSError:
            return None
        return AnswerWriter(self, key, file, temporary, stderr)

    def place_of(self, key: bytes) -> Path:
        """The answer file of a key, named by two checksums of it: two keys may share a
        name (and then the last answer written wins), never an answer."""
        assert self.folder is not None
        return self.folder / f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}{SUFFIX}"

    def trim(self) -> None:
        """Let go of the answers used longest ago, past KEEP_MOST or KEEP_BYTES, and of
        temporary files left by runs that died."""
        assert self.folder is not None
        if not _own_folder(self.folder):
            return
        found = []
        with contextlib.suppress(OSError), os.scandir(self.folder) as entries:
            for entry in entries:
                if _ANSWER_NAME.fullmatch(entry.name) or _TEMPORARY_NAME.fullmatch(entry.name):
                    with contextlib.suppress(OSError):
                        info = entry.stat(follow_symlinks=False)
                        if own_file(info):  # not a link, nor another user's file
                            found.append((info.st_mtime_ns, info.st_size, entry.name))
        now = time.time_ns()
        total = kept = 0
        for moment, size, name in sorted(found, reverse=True):
            if name.endswith(".tmp"):
                stale = now - moment > _STALE_TEMPORARY_SECONDS * 1_000_000_000
            else:
                total, kept = total + size, kept + 1
                stale = kept > KEEP_MOST or total > KEEP_BYTES
            if stale and _written_here(self.folder / name):
                with contextlib.suppress(OSError):
                    os.unlink(self.folder / name)


class AnswerWriter:
    """An answer written as it is given (megabytes need not be held twice), to a temporary
    file that takes its place only when ``keep`` is called: an answer cut short (a closed
    pipe, Ctrl-C) is never kept. A write that fails (a full disk) drops it, silently."""

    def __init__(
        self, answers: KeptAnswers, key: bytes, file: IO[bytes], temporary: Path, stderr: str
    ) -> None:
        self._answers = answers
        self._key = key
        self._file: IO[bytes] | None = file
        self._temporary = temporary
        self._stderr = stderr.encode("utf-8", "surrogateescape")
        self._checksum = zlib.crc32(self._stderr, zlib.crc32(key))
        self._length = 0
        self._write(b"\0" * _HEADER + key + self._stderr)

    def write(self, chunk: bytes) -> None:
        self._checksum = zlib.crc32(chunk, self._checksum)
        self._length += len(chunk)
        self._write(chunk)

    def keep(self) -> None:
        """The answer is whole: put it in its place."""
        file, self._file = self._file, None
        if file is None:
            return  # dropped already
        lengths = (len(self._key), len(self._stderr), self._length)
        header = _MAGIC + b"%08x" % self._checksum + b"".join(b" %012d" % n for n in lengths)
        assert len(header) + 1 == _HEADER
        try:
            with file:
                file.seek(0)
                file.write(header + b"\n")
            os.replace(self._temporary, self._answers.place_of(self._key))
        except OSError:
            self.drop()
            return
        self._answers.trim()

    def drop(self) -> None:
        file, self._file = self._file, None
        with contextlib.suppress(OSError):
            if file is not None:
                file.close()
        with contextlib.suppress(OSError):
            self._temporary.unlink()

    def _write(self, data: bytes) -> None:
        if self._file is None:
            return
        try:
            self._file.write(data)
        except OSError:
            self.drop()


def _own_folder(folder: Path) -> bool:
    """Whether the answers' folder is the one skillpath made: a folder of the user's own
    that nobody else may write, and not a link to a folder elsewhere, whose files trim()
    would let go of."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    return not hasattr(os, "getuid") or (
        info.st_uid == os.getuid() and not info.st_mode & stat.S_IWOTH
    )


def _written_here(path: Path) -> bool:
    """Whether a file trim() found was written here: a temporary file by its name alone
    (only a run of skillpath names one so), an answer file by its first bytes too."""
    if path.name.endswith(".tmp"):
        return True
    return own_head(path, len(_MAGIC)) == _MAGIC


def _read_own(path: Path) -> bytes | None:
    """The bytes of an answer file that is the user's own regular file, or None. Opened
    without following a link and without waiting (a FIFO put in its place)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        handle = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _LARGEST or not trusted(path):
            return None
        with os.fdopen(handle, "rb", closefd=False) as file:
            return file.read(info.st_size + 1)
    except OSError:
        return None
    finally:
        os.close(handle)


def _parsed(raw: bytes, key: bytes) -> Kept | None:
    """The answer in an answer file's bytes when they were written whole for ``key``."""
    head = raw[:_HEADER]
    if len(head) != _HEADER or not head.startswith(_MAGIC) or not head.endswith(b"\n"):
        return None
    try:
        checksum_hex, *lengths = head[len(_MAGIC) : -1].split(b" ")
        checksum = int(checksum_hex, 16)
        key_end = _HEADER + int(lengths[0])
        stderr_end = key_end + int(lengths[1])
        stdout_end = stderr_end + int(lengths[2])
    except (ValueError, IndexError):
        return None
    if stdout_end != len(raw) or raw[_HEADER:key_end] != key:
        return None
    if zlib.crc32(memoryview(raw)[_HEADER:]) != checksum:
        return None
    stderr = raw[key_end:stderr_end].decode("utf-8", "surrogateescape")
    return Kept(stderr, memoryview(raw)[stderr_end:])  # megabytes: not copied
