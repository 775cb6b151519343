"""``skillpath import``: a saved skill-profile page (``page``), the CSV that ``--format
csv`` writes (``cells_csv``), or a workbook's sheet of the same rows (``workbook``), turned
into the text of a skill file (``writer``).

Nothing is invented: every cell comes from a row of the page (or the CSV), and a page that
does not read as expected is a :class:`~skillpath.errors.DataError` that says what was
expected and, where it can, on which line of the page it failed. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from skillpath.authoring.importer.parts import ImportedSkill, Table
from skillpath.errors import DataError, Problem
from skillpath.values import frozen

if TYPE_CHECKING:
    from skillpath.framework.model import Framework, Skill
    from skillpath.loading import Catalog


def looks_like_csv(origin: str, text: str) -> bool:
    """Whether the text is a CSV export (by its name or its header) rather than a page."""
    start = text.lstrip("\ufeff").casefold()
    return origin.lower().endswith((".csv", ".tsv")) or start.startswith(("skill,", "skill;"))


def known_skills(catalog: Catalog) -> Callable[[str], Skill | None]:
    """The skill the data has with an id, or None; a file that does not load (a draft that
    ``new`` wrote, say) is none, so that importing over it works."""

    def known(skill_id: str) -> Skill | None:
        if skill_id not in catalog.skill_ids:
            return None
        try:
            return catalog.skill(skill_id)
        except DataError:
            return None

    return known


def import_text(
    source: str | Table, origin: str, catalog: Catalog, name: str | None, domain: str | None
) -> tuple[str, str]:
    """The skill that a page, a CSV export or a sheet describes: its id, and its file's
    text."""
    from skillpath.authoring.importer import cells_csv, page, writer

    framework = catalog.framework
    if isinstance(source, Table) or looks_like_csv(origin, source):
        ids = cells_csv.csv_skill_ids(source)
        known = known_skills(catalog)(ids[0]) if ids else None
        imported = cells_csv.import_cells_csv(source, framework, origin, known, name, domain)
    else:
        imported = page.import_profile_page(source, framework, origin)
    text = writer.skill_yaml(imported, framework)
    return imported.id, checked(text, imported.id, framework, origin)


@frozen
class IntoFolder:
    """``import FILE.csv --into DIR``: each skill's file and text, and the skills whose
    name or domain the CSV left out, each with what it was given instead."""

    files: tuple[tuple[Path, str], ...]
    derived: tuple[ImportedSkill, ...]


def import_into(source: str | Table, origin: str, catalog: Catalog, folder: Path) -> IntoFolder:
    """Every skill of a framework's CSV (or sheet) as the file it is written to."""
    from skillpath.authoring.importer import cells_csv, writer
    from skillpath.loading.paths import SKILLS_FOLDER

    framework = catalog.framework
    skills = cells_csv.read_csv_skills(source, framework, origin, known_skills(catalog), many=True)
    files = tuple(
        (
            folder / SKILLS_FOLDER / f"{skill.id}.yaml",
            checked(writer.skill_yaml(skill, framework), skill.id, framework, origin),
        )
        for skill in skills
    )
    return IntoFolder(files, tuple(skill for skill in skills if skill.derived))


def checked(text: str, skill_id: str, framework: Framework, origin: str) -> str:
    """The file's text, once the loader reads it without a problem: never write what the
    tool would refuse to read, nor a role that skips a level."""
    from skillpath.authoring.validation import gaps
    from skillpath.loading.builders import build_skill
    from skillpath.loading.document import MAX_FILE_BYTES, parse_text
    from skillpath.loading.files import limited_to

    size = len(text.encode("utf-8", "surrogateescape"))
    if size > MAX_FILE_BYTES:  # every command would refuse the file, and before parsing it
        raise DataError.single(
            Path(origin),
            f"skill {skill_id!r}: would be a file of {size} bytes; "
            f"{limited_to(MAX_FILE_BYTES, 'skill files')}, so nothing was written: "
            "shorten its texts or split it into several skills",
        )
    try:
        # The text is the one about to be written: a problem is told of the rows read.
        document = parse_text(Path(f"{skill_id}.yaml"), text)
    except DataError as error:
        raise _about(error.problems, skill_id, origin) from None
    try:
        build_skill(document, framework)
        problems: Sequence[Problem] = gaps(document, framework)
    except DataError as error:
        problems = [*error.problems, *gaps(document, framework)]
    if problems:
        raise _about(problems, skill_id, origin)
    return text


def _about(problems: Sequence[Problem], skill_id: str, origin: str) -> DataError:
    return DataError(
        [
            Problem(Path(origin), f"skill {skill_id!r}: {problem.key_path}: {problem.message}")
            for problem in problems
        ]
    )
