"""Writing a user's files without ever losing what was there."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import SkillpathError


def write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; refuse if anything is there already."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:  # "x": fails rather than overwrites
            file.write(text)
    except FileExistsError:
        raise SkillpathError(f"{path} already exists; nothing was written") from None
    except OSError as error:
        raise SkillpathError(f"{path}: cannot be written: {error.strerror}") from None


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
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise SkillpathError(f"{path}: cannot be written: {error.strerror}") from None
