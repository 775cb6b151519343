"""What every importer shares: a cell and a skill as read from a page or a
spreadsheet, before they are checked, and the small helpers that read them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple, Protocol, TypeVar

from skillpath.errors import DataError, Problem, bounded, some_of
from skillpath.framework.model import (
    QUESTION_KIND_NAMES,
    QUESTION_KINDS,
    Level,
    Question,
    normal_name,
)
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
    questions: tuple[Question, ...] = ()
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
    # What was wrong with a sheet's cells themselves (a formula, an error value), by row:
    # told with the problems of the rows, in one run, rather than before them.
    found: tuple[tuple[int, Problem], ...] = ()
    bad_cells: frozenset[tuple[int, int]] = frozenset()  # (row, column) of those cells


class Problems:
    """What is wrong with the rows, each where it is: a CSV's by line; a sheet's by sheet,
    row and column ("Sheet1, row 4, column C (level)")."""

    def __init__(self, table: Table) -> None:
        self.origin = table.origin
        self.sheet = table.sheet
        self.columns: dict[str, int] = {}
        self.found: list[tuple[int, Problem]] = list(table.found)  # each by its line or row
        # A cell that could not be read is told of once: it is read as empty, and what an
        # empty cell there is wrong for (no level) would only repeat it.
        self._cells_bad = table.bad_cells
        self.unread = False  # a row was left out before its skill was known: it may be
        # the one whose level seems missing

    def add(
        self, message: str, line: int | None = None, column: str | None = None, at: int = -1
    ) -> None:
        """A problem with the row on ``line``, in the column named ``column`` (or at
        position ``at``) where it is about one."""
        at = self.columns.get(column, -1) if column else at
        if (line or 0, at) in self._cells_bad:
            return
        if self.sheet is None:
            self.found.append((line or 0, Problem(Path(self.origin), message, line=line)))
            return
        where = f"{self.sheet}, row {line}" if line is not None else self.sheet
        if at >= 0:
            named = next((name for name, place in self.columns.items() if place == at), "")
            where += f", column {column_letter(at)}" + (f" ({named})" if named else "")
        self.found.append((line or 0, Problem(Path(self.origin), message, key_path=where)))

    def at(self, line: int) -> str:
        """Where a row above is, in a message about a later one: its line, or its row."""
        return f"{'line' if self.sheet is None else 'row'} {line}"

    def raise_any(self) -> None:
        """Every problem found, in the order of the rows (the first 50 of them)."""
        if self.found:
            in_order = [problem for _, problem in sorted(self.found, key=lambda found: found[0])]
            raise DataError(bounded(in_order, Path(self.origin)))


def column_letter(at: int) -> str:
    """The spreadsheet's name of the column at position ``at`` (0 is A, 26 is AA)."""
    letters = ""
    at += 1
    while at:
        at, rest = divmod(at - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


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


# A question's kind and what a strong answer mentions, on the question's own row.
GUIDE_FIELDS = ("question_kind", "strong_answer")


def question_guide(
    value: dict[str, str], asked: bool, problems: Problems, line: int
) -> tuple[str, str]:
    """The row's question kind and strong answer, which only a row with a question has."""
    kind, strong = (collapse(value.get(key, "")) for key in GUIDE_FIELDS)
    if (kind or strong) and not asked:
        column = "question_kind" if kind else "strong_answer"
        problems.add(
            f"{column} belongs to the question on its row, and this row has none", line, column
        )
    named = QUESTION_KIND_NAMES.get(kind.casefold(), "")
    if kind and not named:
        problems.add(
            f"question_kind is {kind!r}; expected {', '.join(QUESTION_KINDS)} (or empty)",
            line,
            "question_kind",
        )
    return named, strong
