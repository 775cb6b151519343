"""The user's state files as the model's values: profile.yaml and progress.yaml, checked by
the same rules as the framework data, every problem placed by line."""

from __future__ import annotations

from skillpath.errors import DataError
from skillpath.loading.checks import Checker
from skillpath.loading.document import Document, read_document
from skillpath.plan import Mark, Profile, Progress


def build_profile(document: Document | None) -> Profile:
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


_MARK_KEYS = ("skill", "role", "level", "text", "done")


def build_progress(document: Document | None) -> Progress:
    """A progress file read JSON-first; read again as YAML to place a problem."""
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
