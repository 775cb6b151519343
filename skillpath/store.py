"""The state folder: the user's profile and progress, loaded and saved under a lock.

The folder is ``$SKILLPATH_HOME`` when set, else the user's config folder (platformdirs).
Files are plain YAML a person can read. Every write goes through a lock, re-reads the file,
applies the change (a pure function of ``plan``) and replaces the file atomically, so two
runs at once lose nothing; a file that does not parse is reported with its line and never
overwritten.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from .errors import DataError
from .files import write_replacing
from .loading.document import Document, read_document
from .loading.paths import kind_of_path
from .loading.state import build_profile, build_progress
from .plan import Profile, Progress

HOME_VARIABLE = "SKILLPATH_HOME"
PROFILE_FILE = "profile.yaml"
PROGRESS_FILE = "progress.yaml"


def home() -> Path:
    configured = os.environ.get(HOME_VARIABLE)
    if configured:
        return Path(configured)
    import platformdirs  # deferred: only commands that keep state need it

    return Path(platformdirs.user_config_dir("skillpath", appauthor=False))


def load_profile(folder: Path | None = None) -> Profile:
    return build_profile(_read(folder, PROFILE_FILE))


def profile_file(folder: Path | None = None) -> str:
    """Where the profile is kept, as a person would type it."""
    return str((folder or home()) / PROFILE_FILE)


def update_profile(
    change: Callable[[Profile], Profile], folder: Path | None = None
) -> tuple[Profile, Profile]:
    """Apply ``change`` to the profile on disk, under the lock; the profile before and after."""
    return _update(PROFILE_FILE, load_profile, _profile_yaml, change, folder)


def _profile_yaml(profile: Profile) -> str:
    lines = ["# skillpath profile: your role and level (edit with `skillpath profile set`)"]
    if profile.role:
        lines.append(f"role: {profile.role}")
    if profile.level:
        lines.append(f"level: {profile.level}")
    if profile.skills:
        lines.append("skills:  # where your level in a skill differs")
        lines += [f"  {skill}: {level}" for skill, level in sorted(profile.skills.items())]
    return "\n".join(lines) + "\n"


def reset_profile(folder: Path | None = None) -> bool:
    path = (folder or home()) / PROFILE_FILE
    with _locked(path):
        existed = path.exists()
        path.unlink(missing_ok=True)
    return existed


def load_progress(folder: Path | None = None) -> Progress:
    return build_progress(_read(folder, PROGRESS_FILE, json_first=True))


def update_progress(
    change: Callable[[Progress], Progress], folder: Path | None = None
) -> tuple[Progress, Progress]:
    """Apply ``change`` to the progress on disk, under the lock; the progress before and after."""
    return _update(PROGRESS_FILE, load_progress, _progress_text, change, folder)


def _progress_text(progress: Progress) -> str:
    """The progress as JSON, which is YAML too: as readable, and read without PyYAML."""
    import json

    done = {
        mark.item: {
            "skill": mark.skill,
            "role": mark.role,
            "level": mark.level,
            "text": mark.text,
            "done": mark.done.isoformat(),
            **({"note": mark.note} if mark.note else {}),
        }
        for mark in sorted(progress.marks.values(), key=lambda m: (m.skill, m.done, m.item))
    }
    body = {"done": done, "listings": dict(sorted(progress.listings.items()))}
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


# -- files ---------------------------------------------------------------------------------


def _read(folder: Path | None, name: str, *, json_first: bool = False) -> Document | None:
    path = (folder or home()) / name
    if kind_of_path(path) is None:  # a name too long or a folder shut is an error, not None
        return None
    return read_document(path, json_first=json_first)


T = TypeVar("T")


def _update(
    name: str,
    load: Callable[[Path | None], T],
    text: Callable[[T], str],
    change: Callable[[T], T],
    folder: Path | None,
) -> tuple[T, T]:
    """Read, change and replace one state file while holding its lock: two runs at once
    each see the other's change, and a file that does not parse stops before any write."""
    path = (folder or home()) / name
    with _locked(path):
        before = load(folder)
        updated = change(before)
        write_replacing(path, text(updated))
    return before, updated


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock beside ``path`` while a change is read, made and written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path.with_name(f".{path.name}.lock"), "a+")  # noqa: SIM115 - closed below
    except OSError as error:
        raise DataError.single(path.parent, f"cannot be written: {error.strerror}") from None
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no advisory locks; writes stay atomic
            yield
            return
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield
    finally:
        handle.close()
