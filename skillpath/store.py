"""The user's own files: their profile and their progress, kept in a small folder.

The folder is ``$SKILLPATH_HOME`` when set, else the user's config folder (platformdirs).
Files are plain YAML a person can read. Every write goes through a lock, re-reads the file,
applies the change and replaces the file atomically, so two runs at once lose nothing; a
file that does not parse is reported with its line and never overwritten.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from .catalog import Checker, Document, read_document
from .errors import DataError
from .files import write_replacing

HOME_VARIABLE = "SKILLPATH_HOME"
PROFILE_FILE = "profile.yaml"
PROGRESS_FILE = "progress.yaml"


def home() -> Path:
    configured = os.environ.get(HOME_VARIABLE)
    if configured:
        return Path(configured)
    import platformdirs  # deferred: only commands that keep state need it

    return Path(platformdirs.user_config_dir("skillpath", appauthor=False))


# -- profile -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    role: str | None = None
    level: str | None = None
    skills: dict[str, str] = field(default_factory=dict)  # skill id -> level id, where it differs


def load_profile(folder: Path | None = None) -> Profile:
    document = _read(folder, PROFILE_FILE)
    if document is None or document.data is None:  # no file, or an emptied one
        return Profile()
    check = Checker(document)
    top = check.mapping(document.data, (), (), ("role", "level", "skills"))
    if top is None:
        check.raise_any()
        raise AssertionError("unreachable")  # pragma: no cover
    role = check.ident(top["role"], ("role",)) if "role" in top else None
    level = check.ident(top["level"], ("level",)) if "level" in top else None
    skills: dict[str, str] = {}
    by_skill = check.any_mapping(top.get("skills", {}), ("skills",))
    for skill_id, level_id in (by_skill or {}).items():
        keys = ("skills", str(skill_id))
        if check.ident(str(skill_id), keys) is None:
            continue
        found = check.ident(level_id, keys)
        if found is not None:
            skills[str(skill_id)] = found
    check.raise_any()
    return Profile(role, level, skills)


def update_profile(change: Callable[[Profile], Profile], folder: Path | None = None) -> Profile:
    """Apply ``change`` to the profile on disk, under the lock, and write the result."""
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


# -- progress ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """An item marked covered: enough of it is kept to show it even if the data changes."""

    item: str
    skill: str
    role: str
    level: str
    text: str
    done: date
    note: str = ""


@dataclass(frozen=True)
class Progress:
    marks: dict[str, Mark] = field(default_factory=dict)  # item id -> mark
    listings: dict[str, list[str]] = field(
        default_factory=dict
    )  # skill id -> item ids, as last numbered


_MARK_KEYS = ("skill", "role", "level", "text", "done")


def load_progress(folder: Path | None = None) -> Progress:
    document = _read(folder, PROGRESS_FILE, json_first=True)
    if document is None:
        return Progress()
    try:
        return _build_progress(document)
    except DataError:
        if document.lines:
            raise
        return _build_progress(read_document(document.path))  # again, to place the problems


def _build_progress(document: Document) -> Progress:
    if document.data is None:  # an emptied file
        return Progress()
    check = Checker(document)
    top = check.mapping(document.data, (), (), ("done", "listings"))
    if top is None:
        check.raise_any()
        raise AssertionError("unreachable")  # pragma: no cover
    marks: dict[str, Mark] = {}
    for item_id, raw in (check.any_mapping(top.get("done", {}), ("done",)) or {}).items():
        keys = ("done", str(item_id))
        entry = check.mapping(raw, keys, _MARK_KEYS, ("note",))
        if entry is None:
            continue
        texts = [
            check.text(entry.get(key), (*keys, key)) if key in entry else None
            for key in _MARK_KEYS[:4]
        ]
        day = check.day(entry["done"], (*keys, "done")) if "done" in entry else None
        note = check.text(entry["note"], (*keys, "note")) if entry.get("note") else ""
        skill, role, level, text = texts
        if skill and role and level and text and day:
            marks[str(item_id)] = Mark(str(item_id), skill, role, level, text, day, note or "")
    listings: dict[str, list[str]] = {}
    for skill_id, ids in (check.any_mapping(top.get("listings", {}), ("listings",)) or {}).items():
        listings[str(skill_id)] = list(check.texts(ids, ("listings", str(skill_id))))
    check.raise_any()
    return Progress(marks, listings)


def update_progress(change: Callable[[Progress], Progress], folder: Path | None = None) -> Progress:
    """Apply ``change`` to the progress on disk, under the lock, and write the result."""
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
    if not path.exists():
        return None
    return read_document(path, json_first=json_first)


T = TypeVar("T")


def _update(
    name: str,
    load: Callable[[Path | None], T],
    text: Callable[[T], str],
    change: Callable[[T], T],
    folder: Path | None,
) -> T:
    """Read, change and replace one state file while holding its lock: two runs at once
    each see the other's change, and a file that does not parse stops before any write."""
    path = (folder or home()) / name
    with _locked(path):
        updated = change(load(folder))
        write_replacing(path, text(updated))
    return updated


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
