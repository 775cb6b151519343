"""``skillpath import``: a saved skill-profile page (``page``), or the CSV that ``--format
csv`` writes (``cells_csv``), turned into the text of a skill file (``writer``).

Nothing is invented: every cell comes from a row of the page (or the CSV), and a page that
does not read as expected is a :class:`~skillpath.errors.DataError` that says what was
expected and, where it can, on which line of the page it failed. Nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from skillpath.errors import DataError
from skillpath.names import find_name

if TYPE_CHECKING:
    from skillpath.loading import Catalog

Cell = tuple[str, str, bool, str]  # (role id, level id, required, description)


class HasNames(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...


Named = TypeVar("Named", bound=HasNames)


@dataclass(frozen=True)
class ImportedSkill:
    """A skill read from a page or a CSV, ready to be written as a skill file."""

    id: str
    name: str
    domain: str
    updated: date | None
    source: str
    cells: tuple[Cell, ...]  # roles in first-seen order, each role's levels in ladder order


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


def looks_like_csv(origin: str, text: str) -> bool:
    """Whether the text is a CSV export (by its name or its header) rather than a page."""
    return origin.lower().endswith(".csv") or text.lstrip("\ufeff").startswith("skill,")


def import_text(
    text: str, origin: str, catalog: Catalog, name: str | None, domain: str | None
) -> str:
    """The skill file that a page or a CSV export describes, as text."""
    from skillpath.importer import cells_csv, page, writer

    if looks_like_csv(origin, text):
        skill_id = cells_csv.csv_skill_id(text)
        known = catalog.skill(skill_id) if skill_id in catalog.skill_ids else None
        imported = cells_csv.import_cells_csv(text, catalog.framework, origin, known, name, domain)
    else:
        imported = page.import_profile_page(text, catalog.framework, origin)
    return writer.skill_yaml(imported)
