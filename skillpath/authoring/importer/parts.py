"""What every importer shares: a cell and a skill as read from a page or a
spreadsheet, before they are checked, and the small helpers that read them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple, Protocol, TypeVar

from skillpath.errors import DataError
from skillpath.framework.names import find_name
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
