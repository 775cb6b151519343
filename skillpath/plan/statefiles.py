"""The user's state files as the model's values: profile.yaml and progress.yaml, checked by
the same rules as the framework data, every problem placed by line."""

from __future__ import annotations

from datetime import date, datetime

from skillpath.errors import DataError
from skillpath.framework.model import DONE, STATES
from skillpath.loading.checks import Checker
from skillpath.loading.document import Document, KeyPath, read_document
from skillpath.plan.model import Change, Evidence, Mark, Profile, Progress


def build_profile(document: Document | None) -> Profile:
    if document is None or document.data is None:  # no file, or an emptied one
        return Profile()
    check = Checker(document)
    top = check.mapping(document.data, (), (), ("role", "level", "skills", "data_dirs"))
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
    folders = check.texts(top["data_dirs"], ("data_dirs",)) if "data_dirs" in top else ()
    check.raise_any()
    return Profile(role, level, skills, folders)


_V1_KEYS = ("skill", "role", "level", "text", "done")
_MARK_KEYS = ("skill", "role", "level", "text", "state", "since")


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
    top = check.mapping(document.data, (), (), ("version", "items", "done", "listings"))
    if top is None:
        check.raise_any()
        raise AssertionError("unreachable")  # pragma: no cover
    if "items" in top or top.get("version") is not None:
        if top.get("version") != 2:
            check.fail(("version",), "must be 2, the version this release writes")
        marks = _marks(check, top.get("items", {}))
        version = 2
    else:  # the first release's file: "done" marks with one note, and stored numbering
        marks = _first_release_marks(check, top.get("done", {}))
        version = 1
    check.raise_any()
    return Progress(marks, version)


def _marks(check: Checker, items: object) -> dict[str, Mark]:
    marks: dict[str, Mark] = {}
    for item_id, raw in (check.any_mapping(items, ("items",)) or {}).items():
        keys = ("items", str(item_id))
        entry = check.mapping(raw, keys, _MARK_KEYS, ("evidence", "reason"))
        if entry is None:
            continue
        skill, role, level, text, state = (
            check.text(entry.get(k), (*keys, k)) for k in _MARK_KEYS[:5]
        )
        if state is not None and state not in STATES:
            check.fail((*keys, "state"), f"must be one of {', '.join(STATES)}, not {state!r}")
        since = check.day(entry.get("since"), (*keys, "since"))
        evidence = _evidence(check, entry.get("evidence", []), (*keys, "evidence"))
        reason = check.text(entry["reason"], (*keys, "reason")) if "reason" in entry else ""
        if skill and role and level and text and state in STATES and since:
            marks[str(item_id)] = Mark(
                str(item_id), skill, role, level, text, state, since, evidence, reason or ""
            )
    return marks


def _evidence(check: Checker, value: object, keys: KeyPath) -> tuple[Evidence, ...]:
    if not isinstance(value, list):
        check.fail(keys, "must be a list")
        return ()
    found = []
    for index, raw in enumerate(value):
        at = (*keys, index)
        entry = check.mapping(raw, at, ("note", "date"), ("link",))
        if entry is None:
            continue
        note = check.text(entry.get("note"), (*at, "note"))
        day = check.day(entry.get("date"), (*at, "date"))
        link = check.text(entry["link"], (*at, "link")) if "link" in entry else ""
        if note and day and link is not None:
            found.append(Evidence(note, day, link))
    return tuple(found)


def _first_release_marks(check: Checker, done: object) -> dict[str, Mark]:
    marks: dict[str, Mark] = {}
    for item_id, raw in (check.any_mapping(done, ("done",)) or {}).items():
        keys = ("done", str(item_id))
        entry = check.mapping(raw, keys, _V1_KEYS, ("note",))
        if entry is None:
            continue
        skill, role, level, text = (check.text(entry.get(k), (*keys, k)) for k in _V1_KEYS[:4])
        day = check.day(entry.get("done"), (*keys, "done"))
        note = check.text(entry["note"], (*keys, "note")) if entry.get("note") else None
        if skill and role and level and text and day:
            evidence = (Evidence(note, day),) if note else ()
            marks[str(item_id)] = Mark(str(item_id), skill, role, level, text, DONE, day, evidence)
    return marks


# -- history: one JSON object per line, appended by every change ---------------------------

ACTIONS = ("start", "done", "skip", "undo")
_CHANGE_TEXTS = ("time", "action", "item", "skill", "role", "level")
_CHANGE_EXTRAS = {"note": "note", "link": "link", "reason": "reason", "from": "moved_from"}


def history_line(change: Change) -> str:
    import json

    entry: dict[str, str] = {key: getattr(change, key) for key in _CHANGE_TEXTS}
    for key, attribute in _CHANGE_EXTRAS.items():
        if getattr(change, attribute):
            entry[key] = getattr(change, attribute)
    if change.day is not None:
        entry["date"] = change.day.isoformat()
    return json.dumps(entry, ensure_ascii=False, sort_keys=False)


def build_history(raw: bytes) -> tuple[tuple[Change, ...], tuple[int, ...]]:
    """The history's changes, and the numbers of lines that could not be read (a line cut
    short by a crash, or edited by hand): a bad line costs that line, not the history."""
    import json

    changes, unreadable = [], []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            changes.append(_change(entry))
        except (ValueError, TypeError, KeyError, RecursionError):
            unreadable.append(number)
    return tuple(changes), tuple(unreadable)


def _change(entry: dict[str, object]) -> Change:
    texts = [entry[key] for key in _CHANGE_TEXTS]
    extras = {attribute: entry.get(key, "") for key, attribute in _CHANGE_EXTRAS.items()}
    if not all(isinstance(value, str) for value in (*texts, *extras.values())):
        raise TypeError("not text")
    time, action, item, skill, role, level = (str(text) for text in texts)
    if entry["action"] not in ACTIONS:
        raise ValueError("unknown action")
    datetime.fromisoformat(str(entry["time"]))  # a time that is no time is an unreadable line
    day = date.fromisoformat(str(entry["date"])) if "date" in entry else None
    note, link, reason, moved_from = (str(extras[key]) for key in _CHANGE_EXTRAS.values())
    return Change(time, action, item, skill, role, level, note, link, day, reason, moved_from)
