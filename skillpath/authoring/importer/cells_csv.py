"""The CSV that ``--format csv`` writes, edited in a spreadsheet and read back into skills.

One row per line of a cell: ``skill``, ``role`` and ``level`` say which cell, and the row
carries one ``item``, ``example``, ``evidence`` and ``question`` each (any may be empty);
``required`` and ``description`` are the cell's, the skill's ``name``, ``domain``,
``summary``, ``updated``, ``source`` and ``notes`` the skill's, on any of its rows. The
older shape, one ``skill,role,level,required,description`` row per cell, is the same
thing with fewer columns. Comma, semicolon or tab separated: the header says which.

A workbook's sheet (``workbook``) is read by the same rules: its rows come in as a
:class:`Table` of the same records, and its problems name the sheet, row and column.

Every bad row is reported, each with its line, before anything is made of the rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from skillpath.authoring.importer.parts import (
    FLAG_TRUE,
    FLAG_WORDS,
    GUIDE_FIELDS,
    Cell,
    ImportedSkill,
    Problems,
    Record,
    Table,
    collapse,
    fail,
    find,
    find_level,
    question_guide,
    unknown_name,
)
from skillpath.errors import DataError
from skillpath.framework.model import (
    ID_PATTERN,
    Framework,
    Question,
    Skill,
    bullet_lines,
)
from skillpath.text import first_forbidden

SKILL_FIELDS = ("name", "domain", "summary", "updated", "source", "notes")
LINE_FIELDS = ("item", "example", "evidence", "question")
COLUMNS = (
    "skill", *SKILL_FIELDS, "role", "level", "required", "description", *LINE_FIELDS,
    *GUIDE_FIELDS,
)  # fmt: skip
_OLD_COLUMNS = ("skill", "role", "level", "required", "description")
_DELIMITERS = (",", ";", "\t")

KnownSkill = Callable[[str], Skill | None]  # the skill the data has with an id, if any


@dataclass
class _DraftCell:
    line: int
    role: str
    level: str
    required: bool | None = None
    description: str = ""
    lines: dict[str, list[str]] = field(default_factory=lambda: {f: [] for f in LINE_FIELDS})
    guides: list[tuple[str, str]] = field(default_factory=list)  # one per question


@dataclass
class _Draft:
    """A skill as its rows give it so far."""

    id: str
    line: int
    fields: dict[str, tuple[str, int]] = field(default_factory=dict)  # value, where first given
    cells: dict[tuple[str, str], _DraftCell] = field(default_factory=dict)
    unsure: set[str] = field(default_factory=set)  # roles with a row of an unknown level
    skipped: bool = False  # a row of it was left out: it may be the one that seems missing


def as_table(source: str | Table, origin: str) -> Table:
    """A CSV's text as its table of records; a table as it is."""
    return (
        source if isinstance(source, Table) else Table(origin, tuple(_read_records(source, origin)))
    )


def read_csv_skills(
    source: str | Table,
    framework: Framework,
    origin: str,
    known: KnownSkill,
    *,
    many: bool = False,
    name: str | None = None,
    domain: str | None = None,
) -> tuple[ImportedSkill, ...]:
    """The skills the rows describe, in the order they first appear.

    With ``many`` false the rows must be of one skill, whose name and domain may come from
    ``name``/``domain``; otherwise from the rows, else from the skill the data has.
    """
    table = as_table(source, origin)
    problems = Problems(table)
    records = table.records
    columns = problems.columns = _csv_columns(records[0][1], problems, records[0][0])
    if len(records) == 1:
        problems.add("has a header but no cells; expected one row per cell", records[0][0])
        problems.raise_any()
    drafts: dict[str, _Draft] = {}
    for line, record in records[1:]:
        if not _read_row(
            record, len(records[0][1]), columns, framework, drafts, problems, line, many
        ):
            problems.unread = True
    # Every skill is finished even when rows were bad, so that one run reports every
    # problem: a cell with no text or a level missing in a role's run, beside a bad row.
    if many:  # a whole framework: what its rows leave out comes from the ids and the framework
        finished = [
            _finish(draft, framework, known(draft.id), problems, None, None, _derived(framework))
            for draft in drafts.values()
        ]
    else:
        finished = [
            _finish(draft, framework, known(draft.id), problems, name, domain)
            for draft in drafts.values()
        ]
    problems.raise_any()
    return tuple(skill for skill in finished if skill is not None)


def _derived(framework: Framework) -> Callable[[str], tuple[str, str]]:
    """The name and domain a skill of a framework's CSV gets where neither its rows nor
    the data give them: its name read off its id, the framework's name as its domain."""
    return lambda skill_id: (name_from_id(skill_id), framework.name)


def name_from_id(skill_id: str) -> str:
    """A skill's name read off its id: "system-design" is "System design". A short id of
    one word is likely an acronym ("rag", "nlp"), and its case is not guessed: it stays as
    written."""
    words = skill_id.split("-")
    if len(words) == 1 and len(skill_id) <= 4:
        return skill_id
    return " ".join(words).capitalize()


def import_cells_csv(
    source: str | Table,
    framework: Framework,
    origin: str,
    known: Skill | None,
    name: str | None,
    domain: str | None,
) -> ImportedSkill:
    """One skill's rows read back into it; ``name``/``domain`` override the known skill's."""

    def known_skill(skill_id: str) -> Skill | None:
        return known if known is not None and known.id == skill_id else None

    [skill] = read_csv_skills(
        source, framework, origin, known_skill, many=False, name=name, domain=domain
    )
    if known is not None and known.id != skill.id:
        raise fail(origin, f"the rows are for skill {skill.id!r}, not {known.id!r}", 2)
    return skill


# -- reading the rows ------------------------------------------------------------------------


def _read_records(text: str, origin: str) -> list[Record]:
    """The CSV's non-blank records, each with the line it starts on."""
    import csv
    import io

    from skillpath.render.delimited import restored  # the export's formula guard, undone

    body = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=_delimiter(body))
    records: list[Record] = []
    last = 0
    try:
        for record in reader:
            # a quoted field can span lines, so a record starts just after the previous one
            records.append((last + 1, [restored(field) for field in record]))
            last = reader.line_num
    except csv.Error as error:
        raise fail(origin, f"is not readable as CSV: {error}", last + 1) from None
    records = [(line, record) for line, record in records if any(cell.strip() for cell in record)]
    if not records:
        raise fail(
            origin,
            f"expected a header row {','.join(_OLD_COLUMNS)}, then one row per cell; "
            "the file is empty",
        )
    return records


def _delimiter(text: str) -> str:
    """The separator whose split of the first line names the most known columns.

    A spreadsheet set to a language that writes decimal commas saves with semicolons.
    """
    first = text.lstrip().split("\n", 1)[0]
    known = set(COLUMNS)
    return max(
        _DELIMITERS,
        key=lambda mark: sum(
            cell.strip().strip('"').casefold() in known for cell in first.split(mark)
        ),
    )


def _csv_columns(header: list[str], problems: Problems, line: int) -> dict[str, int]:
    """The position of each column the header names."""
    names = [cell.strip().casefold() for cell in header]
    unknown = [cell for cell in names if cell not in COLUMNS]
    missing = [column for column in ("skill", "role", "level") if column not in names]
    if "description" not in names and "item" not in names:
        missing.append("description or item")
    twice = sorted({cell for cell in names if names.count(cell) > 1})
    if unknown or missing or twice:
        found = []
        if missing:
            found.append(f"no {', '.join(missing)}")
        if unknown:
            found.append(f"also {', '.join(repr(cell) for cell in unknown)}")
        if twice:
            found.append(f"{', '.join(twice)} twice")
        problems.add(
            f"expected the header row {','.join(_OLD_COLUMNS)} (in any order), or the columns "
            f"{', '.join(COLUMNS)} of which skill, role, level and description or item are "
            f"needed; found {'; '.join(found)}",
            line,
        )
        problems.raise_any()
    return {column: names.index(column) for column in COLUMNS if column in names}


def _read_row(
    record: list[str],
    width: int,
    columns: dict[str, int],
    framework: Framework,
    drafts: dict[str, _Draft],
    problems: Problems,
    line: int,
    many: bool,
) -> bool:
    """One row into its skill's draft; whatever is wrong with it goes to ``problems``.
    False: the row was left out before its skill was known."""
    if len(record) != width:
        problems.add(f"expected {width} fields like the header, found {len(record)}", line)
        return False
    value = {column: record[at].strip() for column, at in columns.items()}
    bad = next(
        (column for column, text in value.items() if first_forbidden(text) is not None), None
    )
    if bad is not None:
        character = first_forbidden(value[bad]) or ""
        problems.add(f"{bad} holds a character data may not (U+{ord(character):04X})", line, bad)
        return False
    skill_id = value["skill"]
    if not ID_PATTERN.fullmatch(skill_id):
        problems.add(
            f"{skill_id!r} is not a skill id: expected lowercase letters, digits and single dashes",
            line,
            "skill",
        )
        return False
    if not many and drafts and skill_id not in drafts:
        first = next(iter(drafts.values()))
        problems.add(
            f"the row is for skill {skill_id!r} but the rows above are for {first.id!r} "
            f"(from {problems.at(first.line)}); expected one skill per file, "
            "or import with --into DIR",
            line,
            "skill",
        )
        return False
    draft = drafts.setdefault(skill_id, _Draft(skill_id, line))
    _skill_fields(draft, value, problems, line)
    _cell_row(draft, value, framework, problems, line)
    return True


def _skill_fields(draft: _Draft, value: dict[str, str], problems: Problems, line: int) -> None:
    for key in SKILL_FIELDS:
        given = collapse(value.get(key, ""))
        if not given:
            continue
        if key == "updated" and not _is_date(given):
            problems.add(f"updated is {given!r}; expected a date written YYYY-MM-DD", line, key)
            continue
        first = draft.fields.setdefault(key, (given, line))
        if first[0] != given:
            problems.add(
                f"{key} is {given!r} here but {first[0]!r} on {problems.at(first[1])}; "
                "a skill has one",
                line,
                key,
            )


def _cell_row(
    draft: _Draft, value: dict[str, str], framework: Framework, problems: Problems, line: int
) -> None:
    role = find(framework.roles, value["role"])
    if role is None:
        problems.add(unknown_name("role", value["role"], framework.roles), line, "role")
        draft.skipped = True
        return
    level = find_level(framework.ladder(role), value["level"])
    if level is None:
        where = f" of {role.id}" if role.levels else ""
        message = unknown_name("level", value["level"], framework.ladder(role), where)
        problems.add(message, line, "level")
        draft.unsure.add(role.id)  # the level meant may be one that seems missing
        return
    flag = value.get("required", "").casefold()
    if flag and flag not in FLAG_WORDS:
        problems.add(
            f"required is {value['required']!r}; expected yes, no, true or false "
            "(or empty: optional)",
            line,
            "required",
        )
        flag = ""  # the cell is still there: no level of it seems missing
    cell = draft.cells.get((role.id, level.id))
    lines = {key: collapse(value.get(key, "")) for key in LINE_FIELDS}
    description = value.get("description", "")
    if cell is None:
        cell = draft.cells[role.id, level.id] = _DraftCell(line, role.id, level.id)
    elif not any(lines.values()):
        problems.add(
            f"a second {role.id} {level.id} row (the first is on {problems.at(cell.line)})", line
        )
        return
    if flag:
        _set_once(cell, "required", flag in FLAG_TRUE, problems, line)
    if description.strip():
        _set_once(cell, "description", description.strip(), problems, line)
    for key, text in lines.items():
        if text:
            cell.lines[key].append(text)
    guide = question_guide(value, bool(lines["question"]), problems, line)
    if lines["question"]:
        cell.guides.append(guide)


def _set_once(cell: _DraftCell, key: str, given: object, problems: Problems, line: int) -> None:
    """A cell's required flag or description: given on any of its rows, the same on each."""
    before = getattr(cell, key)
    if before in (None, "") or before == given:
        setattr(cell, key, given)
    else:
        problems.add(
            f"the {cell.role} {cell.level} cell's {key} differs from the one on "
            f"{problems.at(cell.line)}",
            line,
            key,
        )


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


# -- the skills ------------------------------------------------------------------------------


def _finish(
    draft: _Draft,
    framework: Framework,
    known: Skill | None,
    problems: Problems,
    name: str | None,
    domain: str | None,
    fallback: Callable[[str], tuple[str, str]] | None = None,
) -> ImportedSkill | None:
    """The skill a draft describes (None: it has a problem); a cell with no text, no name
    or a level missing in the middle of a role's run is a problem. The name and domain:
    ``name``/``domain`` (the options), else the rows', else the known skill's, else
    ``fallback``'s (recorded in ``derived``)."""
    given = {key: value for key, (value, _) in draft.fields.items()}
    name = collapse(name) if name else given.get("name") or (known.name if known else None)
    domain = (
        collapse(domain) if domain else given.get("domain") or (known.domain if known else None)
    )
    derived: tuple[str, ...] = ()
    if fallback is not None and not (name and domain):
        made = fallback(draft.id)
        derived = tuple(key for key, value in (("name", name), ("domain", domain)) if not value)
        name, domain = name or made[0], domain or made[1]
    if not name or not domain:
        missing = " and ".join(
            option for option, value in (("--name", name), ("--domain", domain)) if not value
        )
        problems.add(
            f"the data has no skill {draft.id!r} to take its name and domain from: give "
            f"them in the name and domain columns, or pass {missing}",
            draft.line,
        )
    cells = _cells_in_ladder_order(draft, framework, problems)
    _gaps(draft, framework, problems)
    if not name or not domain:
        return None
    updated = given.get("updated")
    return ImportedSkill(
        id=draft.id,
        name=name,
        domain=domain,
        updated=date.fromisoformat(updated) if updated else (known.updated if known else None),
        source=given.get("source")
        or (known.source if known and known.source else "")
        or f"imported from {Path(problems.origin).name}",
        cells=cells,
        summary=given.get("summary") or (known.summary if known else ""),
        notes=given.get("notes") or (known.notes if known else ""),
        derived=derived,
    )


def _cells_in_ladder_order(
    draft: _Draft, framework: Framework, problems: Problems
) -> tuple[Cell, ...]:
    """Roles in the order the rows give them, each role's levels in ladder order."""
    roles = list(dict.fromkeys(role for role, _ in draft.cells))
    result: list[Cell] = []
    for role in roles:
        for level in framework.levels:
            cell = draft.cells.get((role, level.id))
            if cell is None:
                continue
            items = tuple(cell.lines["item"])
            bullets = bullet_lines(cell.description) if not items else ()
            description = "" if bullets else collapse(cell.description)
            if not description and not items and not bullets:
                problems.add(
                    f"the {role} {level.id} cell has no description and no item",
                    cell.line,
                    "description",
                )
                continue
            result.append(
                Cell(
                    role,
                    level.id,
                    bool(cell.required),
                    description,
                    items or bullets,
                    tuple(cell.lines["evidence"]),
                    tuple(
                        Question(text, *guide)
                        for text, guide in zip(cell.lines["question"], cell.guides, strict=True)
                    ),
                    tuple(cell.lines["example"]),
                )
            )
    return tuple(result)


def _gaps(draft: _Draft, framework: Framework, problems: Problems) -> None:
    """A role whose rows skip a level of its ladder between two they give."""
    for role_id in dict.fromkeys(role for role, _ in draft.cells):
        if role_id in draft.unsure or draft.skipped or problems.unread:
            continue
        ladder = framework.ladder(framework.role(role_id))
        has = [at for at, level in enumerate(ladder) if (role_id, level.id) in draft.cells]
        missing = [ladder[at].id for at in range(has[0], has[-1] + 1) if at not in has]
        if missing:
            problems.add(
                f"skill {draft.id!r}: the {role_id} rows give {ladder[has[0]].id} and "
                f"{ladder[has[-1]].id} but not {', '.join(missing)} between them: a skill "
                "may start later or end earlier than the ladder, not skip a level",
                draft.cells[role_id, ladder[has[0]].id].line,
            )


def csv_skill_ids(source: str | Table) -> tuple[str, ...]:
    """The skill ids of the rows, in order, to find the skills the CSV was exported from."""
    try:
        table = as_table(source, "")
        records = table.records
        columns = _csv_columns(records[0][1], Problems(table), records[0][0])
    except DataError:
        return ()  # the reading proper says what is wrong
    at = columns["skill"]
    found = (record[at].strip() for _, record in records[1:] if len(record) > at)
    return tuple(dict.fromkeys(skill for skill in found if skill))
