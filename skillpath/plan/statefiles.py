"""The user's state files as the model's values: profile.yaml and progress.yaml, checked by
the same rules as the framework data, every problem placed by line."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from skillpath.errors import DataError, Problem
from skillpath.framework.model import DONE, STATES
from skillpath.loading.checks import Checker
from skillpath.loading.document import Document, KeyPath, format_key_path, read_document
from skillpath.plan.model import Change, Evidence, Mark, Profile, Progress
from skillpath.text import first_forbidden

_DAY_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # as Checker.day reads a date

# The most characters a field of progress.yaml or history.jsonl may hold: the writer's
# limit on a note, a link or a reason (changes.MAX_NOTE, which words() checks before
# anything is written), and far beyond any id, state or time. A field is measured before
# anything else is done with it, so one over the limit costs no more than its length: a
# note of megabytes once took seconds to show (Rich wraps a long text in time that grows
# with the square of its length) and, near the history's 64 MiB, all the memory there was.
MAX_FIELD = 2_000
# An item's words, copied from the data, which bounds them only by a file's 1 MiB: far
# beyond any checklist item, and short enough to show at no cost.
MAX_ITEM_TEXT = 10_000
# The most a history line may number a piece of evidence: far beyond any item's evidence.
MAX_PIECES = 1_000_000


def over_limit(value: object, limit: int = MAX_FIELD) -> str | None:
    """Why ``value`` is too long to be a field of a state file, or None; its length alone."""
    if isinstance(value, str) and len(value) > limit:
        return f"is {len(value):,} characters; the limit is {limit:,}"
    return None


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
    except DataError as error:
        if document.lines:
            raise
        try:
            placed = read_document(document.path)  # again, to place the problems
        except DataError:
            # What JSON reads and YAML cannot (a key of over 1,024 characters): the
            # problems JSON's reading found are the truth, if without their lines.
            raise error from None
        return _build_progress(placed)


def _build_progress(document: Document) -> Progress:
    if document.data is None:  # an emptied file
        return Progress()
    check = Checker(document)
    top = _mapping(check, document.data, (), (), ("version", "items", "done", "listings"))
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


def _marks(check: Checker, items: object, at: KeyPath = ("items",)) -> dict[str, Mark]:
    """The marks of a mapping of item ids, as progress.yaml's ``items`` holds them (and a
    shared plan's, under ``at``)."""
    marks: dict[str, Mark] = {}
    for item_id, raw in (_any_mapping(check, items, at) or {}).items():
        quick = _well_formed_mark(item_id, raw)
        if quick is not None:
            marks[item_id] = quick
            continue
        keys = (*at, str(item_id))
        entry = _mapping(check, raw, keys, _MARK_KEYS, ("evidence", "reason", "number"))
        if entry is None:
            continue
        skill, role, level, text, state = (
            _text(check, entry.get(k), (*keys, k), _limit_of(k)) for k in _MARK_KEYS[:5]
        )
        if state is not None and state not in STATES:
            check.fail((*keys, "state"), f"must be one of {', '.join(STATES)}, not {state!r}")
        since = check.day(entry.get("since"), (*keys, "since"))
        evidence = _evidence(check, entry.get("evidence", []), (*keys, "evidence"))
        reason = _text(check, entry["reason"], (*keys, "reason")) if "reason" in entry else ""
        number = _number(check, entry.get("number", 0), (*keys, "number"))
        if skill and role and level and text and state in STATES and since:
            marks[str(item_id)] = Mark(
                str(item_id), skill, role, level, text, state, since, evidence, reason or "", number
            )
    return marks


def _number(check: Checker, value: object, keys: KeyPath) -> int:
    """An item's place in its cell: a whole number from 1, at most MAX_PIECES."""
    if type(value) is not int or not 0 <= value <= MAX_PIECES:
        check.fail(keys, "must be a whole number from 1 (the item's place in its cell)")
        return 0
    return value


_MARK_KEYS_ALLOWED = frozenset((*_MARK_KEYS, "evidence", "reason", "number"))
_MARK_KEYS_NEEDED = frozenset(_MARK_KEYS)
_EVIDENCE_KEYS = frozenset(("note", "date", "link"))


def _well_formed_mark(item_id: object, raw: object) -> Mark | None:
    """The mark the checks below would make of ``raw``, when every field is as skillpath
    writes it (known keys; text trimmed, short, with no character data may not hold; a
    state; dates as YYYY-MM-DD); None sends it through the checks, which say what is wrong.
    A team's hundreds of shared plans are read at every `skillpath team`."""
    if type(item_id) is not str or type(raw) is not dict or len(item_id) > MAX_FIELD:
        return None
    if not (_MARK_KEYS_NEEDED <= raw.keys() <= _MARK_KEYS_ALLOWED):
        return None
    skill, role, level, text, state = [raw[key] for key in _MARK_KEYS[:5]]
    texts = [skill, role, level, state]
    pieces = raw.get("evidence", [])
    since = _plain_day(raw["since"])
    if state not in STATES or since is None or type(pieces) is not list:
        return None
    if "reason" in raw:
        texts.append(raw["reason"])
    evidence = []
    for piece in pieces:
        if type(piece) is not dict or not ({"note", "date"} <= piece.keys() <= _EVIDENCE_KEYS):
            return None
        day = _plain_day(piece["date"])
        if day is None:
            return None
        texts += [piece["note"], *([piece["link"]] if "link" in piece else [])]
        evidence.append((piece["note"], day, piece.get("link", "")))
    number = raw.get("number", 0)
    if type(number) is not int or not 0 <= number <= MAX_PIECES:
        return None
    if not (_plain([text], MAX_ITEM_TEXT) and _plain(texts)):
        return None
    made = tuple(Evidence(note, day, link) for note, day, link in evidence)
    reason = raw.get("reason", "")
    return Mark(item_id, skill, role, level, text, state, since, made, reason, number)


def _plain(texts: list[object], limit: int = MAX_FIELD) -> bool:
    """Every one text, trimmed, not empty and within ``limit``, with no character data may
    not hold: one search for them all."""
    for value in texts:
        if type(value) is not str or not value or value != value.strip() or len(value) > limit:
            return False
    return first_forbidden(" ".join(texts)) is None  # type: ignore[arg-type]


def _plain_day(value: object) -> date | None:
    if type(value) is date:
        return value
    if type(value) is not str or not _DAY_TEXT.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _evidence(check: Checker, value: object, keys: KeyPath) -> tuple[Evidence, ...]:
    if not isinstance(value, list):
        check.fail(keys, "must be a list")
        return ()
    found = []
    for index, raw in enumerate(value):
        at = (*keys, index)
        entry = _mapping(check, raw, at, ("note", "date"), ("link",))
        if entry is None:
            continue
        note = _text(check, entry.get("note"), (*at, "note"))
        day = check.day(entry.get("date"), (*at, "date"))
        link = _text(check, entry["link"], (*at, "link")) if "link" in entry else ""
        if note and day and link is not None:
            found.append(Evidence(note, day, link))
    return tuple(found)


def _first_release_marks(check: Checker, done: object) -> dict[str, Mark]:
    marks: dict[str, Mark] = {}
    for item_id, raw in (_any_mapping(check, done, ("done",)) or {}).items():
        keys = ("done", str(item_id))
        entry = _mapping(check, raw, keys, _V1_KEYS, ("note",))
        if entry is None:
            continue
        skill, role, level, text = (
            _text(check, entry.get(k), (*keys, k), _limit_of(k)) for k in _V1_KEYS[:4]
        )
        day = check.day(entry.get("done"), (*keys, "done"))
        note = _text(check, entry["note"], (*keys, "note")) if entry.get("note") else None
        if skill and role and level and text and day:
            evidence = (Evidence(note, day),) if note else ()
            marks[str(item_id)] = Mark(str(item_id), skill, role, level, text, DONE, day, evidence)
    return marks


def _limit_of(key: str) -> int:
    return MAX_ITEM_TEXT if key == "text" else MAX_FIELD


def _text(check: Checker, value: object, keys: KeyPath, limit: int = MAX_FIELD) -> str | None:
    """``check.text``, after the length: a field over the limit is not looked into."""
    problem = over_limit(value, limit)
    if problem is not None:
        check.fail(keys, problem)
        return None
    return check.text(value, keys)


def _any_mapping(check: Checker, value: object, keys: KeyPath) -> Mapping[Any, Any] | None:
    return check.any_mapping(_short_keys(check, value, keys), keys)


def _mapping(
    check: Checker,
    value: object,
    keys: KeyPath,
    required: tuple[str, ...],
    optional: tuple[str, ...],
) -> Mapping[str, Any] | None:
    return check.mapping(_short_keys(check, value, keys), keys, required, optional)


def _short_keys(check: Checker, value: object, keys: KeyPath) -> object:
    """A mapping without its keys over the limit (an item id, or a key misspelt), each
    reported by its line and length: a key is named in a message, and would be shown."""
    if not isinstance(value, dict) or all(over_limit(key) is None for key in value):
        return value
    kept = {}
    for key, item in value.items():
        problem = over_limit(key)
        if problem is None:
            kept[key] = item
            continue
        line, column = check.document.place_of((*keys, key))
        message = f"has a key that {problem}"
        check.problems.append(
            Problem(check.document.path, message, format_key_path(keys), line, column)
        )
    return kept


# What a shared plan (skillpath.team.files) reads by the same rules.
marks_at = _marks
bounded_text = _text
short_keys = _short_keys


# -- history: one JSON object per line, appended by every change ---------------------------

ACTIONS = ("start", "done", "skip", "undo", "edit", "remove")
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
    piece: dict[str, int] = {"piece": change.piece} if change.piece else {}
    return json.dumps({**entry, **piece}, ensure_ascii=False, sort_keys=False)


# A line longer than this holds a field over the limit, whatever it is: every field of a
# change at MAX_FIELD, each character written as JSON's longest escape (a surrogate pair,
# 12 bytes), with room for the keys. Such a line is not decoded at all.
_MAX_LINE_BYTES = (len(_CHANGE_TEXTS) + len(_CHANGE_EXTRAS) + 1) * MAX_FIELD * 12 + 1024


def build_history(raw: bytes) -> tuple[tuple[Change, ...], tuple[int, ...]]:
    """The history's changes, and the numbers of lines that could not be read (a line cut
    short by a crash, or edited by hand, or with a field over the limit): a bad line costs
    that line, not the history."""
    import json

    changes, unreadable = [], []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if len(line) > _MAX_LINE_BYTES:
            unreadable.append(number)
            continue
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
    fields = (*texts, *extras.values(), entry.get("date", ""))
    if not all(isinstance(value, str) for value in fields):
        raise TypeError("not text")
    # The rule of progress.yaml's fields, the length first: a field over the limit is
    # refused before any character of it is looked at.
    if any(over_limit(value) or first_forbidden(str(value)) for value in fields):
        raise ValueError("a field over the limit, or with a character data may not hold")
    time, action, item, skill, role, level = (str(text) for text in texts)
    if entry["action"] not in ACTIONS:
        raise ValueError("unknown action")
    datetime.fromisoformat(str(entry["time"]))  # a time that is no time is an unreadable line
    day = date.fromisoformat(str(entry["date"])) if "date" in entry else None
    note, link, reason, moved_from = (str(extras[key]) for key in _CHANGE_EXTRAS.values())
    piece = entry.get("piece", 0)
    if type(piece) is not int or not 0 <= piece <= MAX_PIECES:
        raise ValueError("a piece of evidence is numbered from 1")
    return Change(
        time, action, item, skill, role, level, note, link, day, reason, moved_from, piece
    )
