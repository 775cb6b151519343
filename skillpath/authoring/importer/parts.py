"""What every importer shares: a cell and a skill as read from a page or a
spreadsheet, before they are checked, and the small helpers that read them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple, Protocol, TypeVar

from skillpath.errors import DataError, some_of
from skillpath.framework.model import Level, normal_name
from skillpath.framework.names import did_you_mean, find_name, level_numbered
from skillpath.values import frozen


class Cell(NamedTuple):
    """One imported cell: a page gives the first four, a CSV export all of them."""

    role: str
    level: str
    required: bool
    description: str
    items: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


class HasNames(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...


Named = TypeVar("Named", bound=HasNames)


@frozen
class ImportedSkill:
    """A skill read from a page or a CSV, ready to be written as a skill file."""

    id: str
    name: str
    domain: str
    updated: date | None
    source: str
    cells: tuple[Cell, ...]  # roles in first-seen order, each role's levels in ladder order
    summary: str = ""
    notes: str = ""
    derived: tuple[str, ...] = ()  # "name", "domain": made up where the rows gave none


# Flag words, compared after collapsing white space and casefolding. An empty cell marks
# nothing: where other rows carry flags, a row without one is optional.
FLAG_TRUE = frozenset({"yes", "y", "true", "required", "mandatory", "x", "✓", "✔"})
FLAG_FALSE = frozenset({"no", "n", "false", "optional", "✗", "✘", "-", "\u2013", "\u2014"})
FLAG_WORDS = FLAG_TRUE | FLAG_FALSE


def collapse(text: str) -> str:
    return " ".join(text.split())


def fail(origin: str, message: str, line: int | None = None) -> DataError:
    return DataError.single(Path(origin), message, line=line)


def find(entries: tuple[Named, ...], label: str) -> Named | None:
    """The role or level one of whose names is ``label``, or None."""
    return find_name(label, [(entry.id, (entry.name, *entry.aliases), entry) for entry in entries])


def find_level(levels: tuple[Level, ...], label: str) -> Level | None:
    """The level one of whose names is ``label``, or the one a bare number ends ("2" for
    "Level 2"), or None."""
    return find(levels, label) or level_numbered(label, levels)


def unknown_name(kind: str, given: str, entries: tuple[HasNames, ...], where: str = "") -> str:
    """An unknown role or level of a row: what was given, and the close names or, where
    none is close, the names there are."""
    labels = {
        normal_name(label): entry.id
        for entry in entries
        for label in (entry.id, entry.name, *entry.aliases)
    }
    wanted = normal_name(given)
    close = dict.fromkeys(
        labels[label] for label in did_you_mean(wanted, labels) if not _other_number(wanted, label)
    )
    if close:
        *others, last = map(repr, close)
        either = f"{', '.join(others)} or {last}" if others else last
        return f"{given!r} is not a {kind}{where}; did you mean {either}?"
    return f"{given!r} is not a {kind}{where}; known {kind}s: {some_of([e.id for e in entries])}"


def _other_number(given: str, label: str) -> bool:
    """Whether two names differ only in their digits ("level9", "level6"): the one is no
    typo of the other."""
    import re  # deferred: only an unknown name needs it

    return given != label and re.sub("[0-9]", "", given) == re.sub("[0-9]", "", label)
