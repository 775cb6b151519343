"""Writing a user's files without ever losing what was there."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DataError


def write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; refuse if anything is there already."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:  # "x": fails rather than overwrites
            file.write(text)
    except FileExistsError:
        raise DataError.single(path, "already exists; nothing was written") from None
    except OSError as error:
        raise DataError.single(path, f"cannot be written: {error.strerror}") from None


def make_folder(path: Path) -> None:
    """Create the folder ``path`` (and its parents) unless it is there already."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise DataError.single(path, "is a file, not a folder") from None
    except OSError as error:
        raise DataError.single(path, f"cannot be created: {error.strerror}") from None


def write_replacing(path: Path, text: str) -> None:
    """Replace ``path`` whole or not at all: write a temporary file beside it, then rename."""
    import tempfile  # deferred: only a write needs it

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
