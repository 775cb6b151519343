"""The CSV that ``--format csv`` writes, edited in a spreadsheet and read back into a skill:
one ``skill,role,level,required,description`` row per cell."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from skillpath.importer import (
    FLAG_TRUE,
    FLAG_WORDS,
    Cell,
    ImportedSkill,
    collapse,
    fail,
    find,
)
from skillpath.model import ID_PATTERN, Framework, Skill

_CSV_COLUMNS = ("skill", "role", "level", "required", "description")

_Record = tuple[int, list[str]]  # (line the record starts on, its fields)


class _CsvCell(NamedTuple):
    line: int
    role_id: str
    level_id: str
    required: bool
    description: str


class _Rows(NamedTuple):
    skill_id: str
    first_line: int  # where the skill id was first read, to point at when it is wrong
    cells: dict[str, dict[str, _CsvCell]]  # role id -> level id -> cell, roles in file order


def import_cells_csv(
    text: str,
    framework: Framework,
    origin: str,
    known: Skill | None,
    name: str | None,
    domain: str | None,
) -> ImportedSkill:
    """Read ``skill,role,level,required,description`` rows back into a skill.

    Name and domain come from ``known`` (the skill the data has with the CSV's id), and
    ``name``/``domain`` override them; a skill the data does not have needs both.
    """
    records = _read_records(text, origin)
    columns = _check_header(records, origin)
    rows = _read_rows(records[1:], len(records[0][1]), columns, framework, origin)
    if known is not None and known.id != rows.skill_id:
        raise fail(
            origin,
            f"the rows are for skill {rows.skill_id!r}, not {known.id!r}",
            rows.first_line,
        )
    name, domain = _name_and_domain(rows.skill_id, known, name, domain, origin)
    return ImportedSkill(
        id=rows.skill_id,
        name=name,
        domain=domain,
        updated=known.updated if known else None,
        source=(known.source if known and known.source else f"imported from {Path(origin).name}"),
        cells=_in_ladder_order(rows.cells, framework),
    )


def _read_records(text: str, origin: str) -> list[_Record]:
    """The CSV's non-blank records, each with the line it starts on."""
    import csv
    import io

    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    records: list[_Record] = []
    last = 0
    try:
        for record in reader:
            # a quoted field can span lines, so a record starts just after the previous one
            records.append((last + 1, record))
            last = reader.line_num
    except csv.Error as error:
        raise fail(origin, f"is not readable as CSV: {error}", last + 1) from None
    records = [(line, record) for line, record in records if any(cell.strip() for cell in record)]
    if not records:
        raise fail(
            origin,
            f"expected a header row {','.join(_CSV_COLUMNS)}, then one row per cell; "
            "the file is empty",
        )
    return records


def _check_header(records: list[_Record], origin: str) -> dict[str, int]:
    """The position of each column in the header, which must be followed by cells."""
    header_line, header = records[0]
    columns = _csv_columns(header, origin, header_line)
    if len(records) == 1:
        raise fail(origin, "has a header but no cells; expected one row per cell", header_line)
    return columns


def _read_rows(
    records: list[_Record],
    width: int,
    columns: dict[str, int],
    framework: Framework,
    origin: str,
) -> _Rows:
    skill_id: str | None = None
    first_line = 0
    read: dict[str, dict[str, _CsvCell]] = {}
    for line, record in records:
        value = _row_values(record, width, columns, origin, line)
        if skill_id is None:
            skill_id, first_line = _skill_id(value["skill"], origin, line), line
        else:
            _check_same_skill(value["skill"], skill_id, first_line, origin, line)
        cell = _row_cell(value, framework, origin, line)
        cells = read.setdefault(cell.role_id, {})
        if cell.level_id in cells:
            raise fail(
                origin,
                f"a second {cell.role_id} {cell.level_id} row "
                f"(the first is on line {cells[cell.level_id].line})",
                line,
            )
        cells[cell.level_id] = cell
    assert skill_id is not None
    return _Rows(skill_id, first_line, read)


def _row_values(
    record: list[str], width: int, columns: dict[str, int], origin: str, line: int
) -> dict[str, str]:
    """The row's fields by column name."""
    if len(record) != width:
        raise fail(origin, f"expected {width} fields like the header, found {len(record)}", line)
    return {column: record[at].strip() for column, at in columns.items()}


def _skill_id(skill_id: str, origin: str, line: int) -> str:
    if not ID_PATTERN.fullmatch(skill_id):
        raise fail(
            origin,
            f"{skill_id!r} is not a skill id: expected lowercase letters, digits and single dashes",
            line,
        )
    return skill_id


def _check_same_skill(skill: str, skill_id: str, first_line: int, origin: str, line: int) -> None:
    if skill != skill_id:
        raise fail(
            origin,
            f"the row is for skill {skill!r} but the rows above are for "
            f"{skill_id!r} (from line {first_line}); expected one skill per file",
            line,
        )


def _row_cell(value: dict[str, str], framework: Framework, origin: str, line: int) -> _CsvCell:
    role = find(framework.roles, value["role"])
    if role is None:
        known_roles = ", ".join(entry.id for entry in framework.roles)
        raise fail(origin, f"{value['role']!r} is not a role; known roles: {known_roles}", line)
    level = find(framework.levels, value["level"])
    if level is None:
        known_levels = ", ".join(entry.id for entry in framework.levels)
        raise fail(origin, f"{value['level']!r} is not a level; known levels: {known_levels}", line)
    flag = value["required"].casefold()
    if flag not in FLAG_WORDS:
        raise fail(origin, f"required is {value['required']!r}; expected true or false", line)
    description = collapse(value["description"])
    if not description:
        raise fail(origin, f"the {role.id} {level.id} cell has no description", line)
    return _CsvCell(line, role.id, level.id, flag in FLAG_TRUE, description)


def _name_and_domain(
    skill_id: str, known: Skill | None, name: str | None, domain: str | None, origin: str
) -> tuple[str, str]:
    """The options where given, else the known skill's; one or the other is needed."""
    name = collapse(name) if name is not None else (known.name if known else None)
    domain = collapse(domain) if domain is not None else (known.domain if known else None)
    if not name or not domain:
        missing = " and ".join(
            option for option, given in (("--name", name), ("--domain", domain)) if not given
        )
        raise fail(
            origin,
            f"the data has no skill {skill_id!r} to take its name and domain from: pass {missing}",
        )
    return name, domain


def _in_ladder_order(
    read: dict[str, dict[str, _CsvCell]], framework: Framework
) -> tuple[Cell, ...]:
    """Roles in file order, each role's levels in ladder order."""
    result: list[Cell] = []
    for role_id, by_level in read.items():
        for level in framework.levels:
            if level.id in by_level:
                cell = by_level[level.id]
                result.append((role_id, level.id, cell.required, cell.description))
    return tuple(result)


def _csv_columns(header: list[str], origin: str, line: int) -> dict[str, int]:
    names = [cell.strip().casefold() for cell in header]
    expected = ",".join(_CSV_COLUMNS)
    unknown = [cell for cell in names if cell not in _CSV_COLUMNS]
    missing = [column for column in _CSV_COLUMNS if column not in names]
    twice = sorted({cell for cell in names if names.count(cell) > 1})
    if unknown or missing or twice:
        found = []
        if missing:
            found.append(f"no {', '.join(missing)}")
        if unknown:
            found.append(f"also {', '.join(repr(cell) for cell in unknown)}")
        if twice:
            found.append(f"{', '.join(twice)} twice")
        raise fail(
            origin,
            f"expected the header row {expected} (in any order); found {'; '.join(found)}",
            line,
        )
    return {column: names.index(column) for column in _CSV_COLUMNS}


def csv_skill_id(text: str) -> str:
    """The skill id of the first data row, to find the skill the CSV was exported from."""
    import csv
    import io

    rows = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    first = next(rows, None)
    return (first or {}).get("skill") or ""
