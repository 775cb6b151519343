"""What every importer shares: a cell and a skill as read from a page or a
spreadsheet, before they are checked, and the small helpers that read them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple, Protocol, TypeVar

from skillpath.errors import DataError, Problem
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
Record = tuple[int, list[str]]  # (the line or row a record starts on, its fields)


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


# -- rows, from a CSV or a sheet, and what is wrong with them -----------------------------


@frozen
class Table:
    """The rows to read skills from: a CSV's records, or a workbook sheet's rows."""

    origin: str
    records: tuple[Record, ...]  # (line, or the sheet's row, where it starts; its fields)
    sheet: str | None = None  # a workbook's sheet: problems name it, the row and the column


class Problems:
    """What is wrong with the rows, each where it is: a CSV's by line; a sheet's by sheet,
    row and column ("Sheet1, row 4, column C (level)")."""

    def __init__(self, table: Table) -> None:
        self.origin = table.origin
        self.sheet = table.sheet
        self.columns: dict[str, int] = {}
        self.found: list[Problem] = []

    def add(
        self, message: str, line: int | None = None, column: str | None = None, at: int = -1
    ) -> None:
        """A problem with the row on ``line``, in the column named ``column`` (or at
        position ``at``) where it is about one."""
        if self.sheet is None:
            self.found.append(Problem(Path(self.origin), message, line=line))
            return
        where = f"{self.sheet}, row {line}" if line is not None else self.sheet
        at = self.columns.get(column, -1) if column else at
        if at >= 0:
            named = next((name for name, place in self.columns.items() if place == at), "")
            where += f", column {column_letter(at)}" + (f" ({named})" if named else "")
        self.found.append(Problem(Path(self.origin), message, key_path=where))

    def at(self, line: int) -> str:
        """Where a row above is, in a message about a later one: its line, or its row."""
        return f"{'line' if self.sheet is None else 'row'} {line}"

    def raise_any(self) -> None:
        if self.found:
            raise DataError(self.found)


def column_letter(at: int) -> str:
    """The spreadsheet's name of the column at position ``at`` (0 is A, 26 is AA)."""
    letters = ""
    at += 1
    while at:
        at, rest = divmod(at - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
