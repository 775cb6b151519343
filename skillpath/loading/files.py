"""Reading a user's files within bounds, and writing them without ever losing what was
there."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from skillpath.errors import DataError


def write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; refuse if anything is there already.

    The text is encoded before the file is made, and a write that fails half-way (a full
    disk) removes what it made: no empty or partial file is left behind.
    """
    data = encoded(path, text)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("xb") as file:  # "x": fails rather than overwrites
            try:
                file.write(data)
                file.flush()
            except BaseException:
                path.unlink(missing_ok=True)
                raise
    except FileExistsError:
        raise DataError.single(path, "already exists; nothing was written") from None
    except OSError as error:
        raise DataError.single(path, f"cannot be written: {error.strerror}") from None


def encoded(path: Path, text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:  # a surrogate: bytes of an argument that were not UTF-8
        raise DataError.single(
            path, f"cannot be written: the text holds bytes that are not UTF-8 ({error.start})"
        ) from None


def make_folder(path: Path) -> None:
    """Create the folder ``path`` (and its parents) unless it is there already."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise DataError.single(path, "is a file, not a folder") from None
    except OSError as error:
        raise DataError.single(path, f"cannot be created: {error.strerror}") from None


def write_replacing(path: Path, text: str) -> None:
    """Replace ``path`` whole or not at all: write a temporary file beside it, then rename.
    A symlink (a dotfiles checkout) is written through: its target is replaced, the link kept.
    """
    import tempfile  # deferred: only a write needs it

    if path.is_symlink():
        path = Path(os.path.realpath(path))
    encoded(path, text)  # text that cannot be written is refused before a file is made
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
                file.flush()
                os.fsync(file.fileno())  # on disk before it takes the old file's place
            os.chmod(temporary, _mode_for(path))  # mkstemp makes it private; keep the old mode
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise DataError.single(path, f"cannot be written: {error.strerror}") from None


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or what a new file would get under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, refused when longer than ``limit``.

    Never reads more than ``limit`` plus one byte, whatever the file claims to be, and
    never waits: a FIFO, a device such as /dev/zero or a folder is refused before a read.
    """
    # O_NONBLOCK: opening a FIFO that no one writes to would otherwise wait for ever.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        raise DataError.single(path, "file not found") from None
    except IsADirectoryError:
        raise DataError.single(path, "is a folder, not a file") from None
    except OSError as error:
        raise DataError.single(path, f"cannot be read: {error.strerror}") from None
    info = os.fstat(handle)
    refusal = _not_a_small_file(info, limit)
    if refusal is not None:
        os.close(handle)
        raise DataError.single(path, refusal)
    with os.fdopen(handle, "rb") as file:
        try:
            # Asked for its size and a byte, not the limit: a read of n bytes first makes
            # room for n, and megabytes for each of thousands of small files add up.
            raw = file.read(min(info.st_size, limit) + 1)
            if len(raw) > info.st_size:  # it grew since it was looked at: on to the limit
                raw += file.read(limit + 1 - len(raw))
        except OSError as error:
            raise DataError.single(path, f"cannot be read: {error.strerror}") from None
    if len(raw) > limit:  # it grew since it was looked at
        raise DataError.single(path, too_long(len(raw), limit))
    return raw


def _not_a_small_file(info: os.stat_result, limit: int) -> str | None:
    if stat.S_ISDIR(info.st_mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a pipe, device or socket)"
    if info.st_size > limit:
        return too_long(info.st_size, limit)
    return None


def too_long(size: int, limit: int) -> str:
    return f"is {size} bytes; data files are limited to {limit // 1024 // 1024} MiB"
