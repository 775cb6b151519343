"""The checks every data file and state file goes through: types, ids, text, flags, dates.

A :class:`Checker` collects every problem of one document, so a user sees them all at once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from skillpath.errors import DataError, Problem, some_of
from skillpath.framework.model import ID_PATTERN
from skillpath.framework.names import did_you_mean
from skillpath.loading.document import Document, KeyPath
from skillpath.text import character_kind, first_forbidden

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Checker:
    """Collects every problem of one document, so a user sees them all at once."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.problems: list[Problem] = list(document.problems)
        self.hints_left = MAX_HINTS

    def unknown(self, kind: str, name: str, known: Sequence[str]) -> str:
        """The message for an unknown name; only the first few get a "did you mean", as
        each costs a fuzzy match against every known name."""
        self.hints_left -= 1
        return unknown(kind, name, known, hint=self.hints_left >= 0)

    def fail(self, keys: KeyPath, message: str) -> None:
        self.problems.append(self.document.problem(keys, message))

    def any_mapping(self, value: Any, keys: KeyPath) -> Mapping[Any, Any] | None:
        if not isinstance(value, dict):
            self.fail(keys, f"must be a mapping of keys to values, not {kind_of(value)}")
            return None
        return value

    def mapping(
        self, value: Any, keys: KeyPath, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> Mapping[str, Any] | None:
        """A mapping with exactly these keys; unknown keys are named with the close match."""
        if self.any_mapping(value, keys) is None:
            return None
        assert isinstance(value, dict)
        allowed = required + optional
        for key in value:
            if key not in allowed:
                self.fail((*keys, str(key)), self.unknown("key", str(key), allowed))
        for key in required:
            if key not in value:
                self.fail(keys, f"missing key {key!r}")
        return {str(key): item for key, item in value.items()}

    def text(self, value: Any, keys: KeyPath) -> str | None:
        if not isinstance(value, str):
            written = self.document.loose_flags.get(keys, value)  # "off", not False
            self.fail(keys, f"must be text, not {kind_of(value)}{quote_hint(value, written)}")
            return None
        text = value.strip()
        if not text:
            self.fail(keys, "must not be empty")
            return None
        control = first_forbidden(value)
        if control is not None:
            self.fail(keys, f"contains {character_kind(control)} (U+{ord(control):04X})")
            return None
        return text

    def ident(self, value: Any, keys: KeyPath) -> str | None:
        text = self.text(value, keys)
        if text is not None and (text != value or not ID_PATTERN.fullmatch(text)):
            self.fail(
                keys, f"{value!r} is not an id: use lowercase letters, digits and single dashes"
            )
            return None
        return text

    def texts(self, value: Any, keys: KeyPath, *, at_least: int = 0) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.fail(keys, f"must be a list, not {kind_of(value)}")
            return ()
        if len(value) < at_least:
            self.fail(keys, "must not be empty; leave it out to make one item of each sentence")
            return ()
        found = []
        for index, item in enumerate(value):
            # The usual text passes without its key path being made (a cold read of
            # thousands of skills checks a few hundred thousand); any other goes to text().
            if isinstance(item, str) and (text := item.strip()) and first_forbidden(item) is None:
                found.append(text)
            elif (checked := self.text(item, (*keys, index))) is not None:
                found.append(checked)
        return tuple(found)

    def flag(self, value: Any, keys: KeyPath) -> bool:
        if keys in self.document.loose_flags:
            word = self.document.loose_flags[keys]
            self.fail(keys, f"write true or false, not {word!r} (YAML reads {word!r} as {value})")
            return bool(value)
        if not isinstance(value, bool):
            self.fail(keys, f"must be true or false, not {kind_of(value)}")
            return False
        return value

    def day(self, value: Any, keys: KeyPath) -> date | None:
        if isinstance(value, date) and not isinstance(value, datetime):  # not a time of day
            return value
        # Only YYYY-MM-DD, as the schema's "format": "date" says: Python 3.11 would also
        # take 20260222 or a week date.
        if isinstance(value, str) and _DAY.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(keys, "must be a date written YYYY-MM-DD")
        return None

    def raise_any(self) -> None:
        if self.problems:  # a cell every role shares is checked once per role: say it once
            raise DataError(list(dict.fromkeys(self.problems)))


def kind_of(value: Any) -> str:
    names = {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "nothing",
        date: "a date",
    }
    return names.get(type(value), type(value).__name__)


def quote_hint(value: Any, written: Any = None) -> str:
    """For a number, date or true/false where text was meant: how to write it as text."""
    if isinstance(value, (bool, int, float, date)):
        shown = written if isinstance(written, str) else value_text(value)
        return f'; write it in quotes ("{shown}") so that YAML reads it as text'
    return ""


def value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, date) else str(value)


def id_key(check: Checker, key: Any, keys: KeyPath) -> str | None:
    """A mapping key that names a role or level: text, never a number YAML made of it."""
    if isinstance(key, str):
        return key
    check.fail(keys, f"{value_text(key)!r} is read as {kind_of(key)}{quote_hint(key)}")
    return None


# A file with thousands of unknown names (a paste gone wrong, or an attack) would spend
# minutes matching each against thousands of known ones: past this many, no suggestion.
MAX_HINTS = 20
# Longer names are not typos of an id, and matching them costs the square of their length.
_MAX_HINT_NAME = 100


def unknown(kind: str, name: str, known: Sequence[str], *, hint: bool = True) -> str:
    close = did_you_mean(name, known, most=1) if hint and len(name) <= _MAX_HINT_NAME else ()
    if close:
        return f"unknown {kind} {name!r}; did you mean {close[0]!r}?"
    return f"unknown {kind} {name!r}; expected one of: {some_of(known)}"
