"""A saved skill-profile page (see ``tests/seed/deep-learning-profile.txt``):

- a header, the lines before the first table: the first line that is a date (M/D/YYYY),
  the skill's name on the line before it and its domain on the line before that; also
  "Mandatory requirements" followed by the count N of required cells and "the other M
  optional";
- one table per level of the ladder, lowest first, each headed ``| Role | Required |
  Description |`` and a separator row ``|---|---|---|``, with one row per role.

A row's first cell names the role. Of its other cells, one holding a flag word (yes, no,
true, false, required, optional, ✓, ✗, -, ...) is the Required flag and the remaining text
is the description, wherever the page put it: saved pages shift the description into the
Required column, or leave the Description column out. When no row carries a flag, the
header's count decides: none required, or all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from skillpath.authoring.importer.parts import (
    FLAG_TRUE,
    FLAG_WORDS,
    Cell,
    ImportedSkill,
    collapse,
    fail,
    find,
    unknown_name,
)
from skillpath.framework.model import Framework, Level, Role, normal_name
from skillpath.values import frozen

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_TABLE_HEAD = re.compile(r"\|\s*role\s*\|\s*required\s*\|\s*description\s*\|?", re.IGNORECASE)
_SEPARATOR = re.compile(r"\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_OTHER_COUNT = re.compile(r"the\s+other\s+([0-9]+)\s+optional", re.IGNORECASE)
_TABLE_HEAD_TEXT = "| Role | Required | Description |"


@dataclass
class _Row:
    line: int
    cells: list[str]


@dataclass
class _Table:
    line: int
    rows: list[_Row]


@frozen
class _Header:
    name: str
    domain: str
    skill_id: str
    when: date
    written: str  # the date as the page wrote it, for the skill's source


@frozen
class _PageCell:
    line: int
    flag: bool | None  # None where the row marks no flag
    description: str


_Cells = dict[str, dict[str, _PageCell]]  # role id -> level id -> cell, roles in page order


def import_profile_page(text: str, framework: Framework, origin: str) -> ImportedSkill:
    """Read a saved skill-profile page: header, then one table per level, lowest first."""
    lines = _LINE_BREAK.split(text.removeprefix("\ufeff"))
    tables = _find_tables(lines, framework.levels, origin)
    header_lines = lines[: tables[0].line - 1]
    header = _read_header(header_lines, origin, tables[0].line)
    _check_table_count(tables, framework.levels, origin)
    read = _read_cells(tables, framework, origin)
    everything = _all_or_none_required(header_lines, read, origin)
    return ImportedSkill(
        id=header.skill_id,
        name=header.name,
        domain=header.domain,
        updated=header.when,
        source=f'skill-profile page "{header.name}" ({header.domain}), {header.written}',
        cells=_in_ladder_order(read, framework.levels, everything),
    )


def _find_tables(lines: list[str], levels: tuple[Level, ...], origin: str) -> list[_Table]:
    tables = _tables(lines, origin)
    if not tables:
        raise fail(
            origin,
            "expected a skill-profile page: a header with the domain, the skill name and a date "
            f"(M/D/YYYY), then {_tables_wanted(levels)}, each headed "
            f"'{_TABLE_HEAD_TEXT}'; found no such table",
        )
    return tables


def _read_header(header: list[str], origin: str, table_line: int) -> _Header:
    """The skill's facts from the lines above the first table: domain, name, then date."""
    when, written, date_line = _date(header, origin, table_line)
    name, name_line = _line_above(header, date_line, origin, "the skill's name", "the date")
    domain, domain_line = _line_above(header, name_line, origin, "the domain", "the skill name")
    _check_domain(header, domain, domain_line, origin)
    skill_id = _slug(name)
    if not skill_id:
        raise fail(
            origin, f"the skill name {name!r} gives no id: it needs letters or digits", name_line
        )
    return _Header(name=name, domain=domain, skill_id=skill_id, when=when, written=written)


def _check_table_count(tables: list[_Table], levels: tuple[Level, ...], origin: str) -> None:
    if len(tables) == len(levels):
        return
    found_at = ", ".join(str(table.line) for table in tables)
    extra = tables[len(levels)].line if len(tables) > len(levels) else None
    raise fail(
        origin,
        f"expected {_tables_wanted(levels)}, found {len(tables)} "
        f"(starting on line{'s' if len(tables) > 1 else ''} {found_at})",
        extra,
    )


def _read_cells(tables: list[_Table], framework: Framework, origin: str) -> _Cells:
    """Each table's rows as cells of its level, one per role."""
    read: _Cells = {}
    for table, level in zip(tables, framework.levels, strict=True):
        if not table.rows:
            raise fail(
                origin,
                f"the table for {level.name} has no rows; expected one row per role",
                table.line,
            )
        for row in table.rows:
            role = _row_role(row, framework, origin)
            cells = read.setdefault(role.id, {})
            if level.id in cells:
                raise fail(
                    origin,
                    f"a second {role.name} row in the {level.name} table "
                    f"(the first is on line {cells[level.id].line})",
                    row.line,
                )
            flag, description = _row_content(row, role, origin)
            cells[level.id] = _PageCell(row.line, flag, description)
    return read


def _all_or_none_required(header: list[str], read: _Cells, origin: str) -> bool | None:
    """True or False where the header's count decides for every cell; None where the flags do."""
    total = sum(len(cells) for cells in read.values())
    flagged = any(cell.flag is not None for cells in read.values() for cell in cells.values())
    count = _mandatory_count(header, origin)
    if count is None:
        if not flagged:
            raise fail(
                origin,
                "found neither a 'Mandatory requirements' count in the header nor a flag "
                "(yes/no) in the Required column: cannot tell which cells are required",
            )
        return None
    required, optional, count_line = count
    _check_count_total(required, optional, total, count_line, origin)
    if flagged:
        return None
    if required not in (0, total):
        raise fail(
            origin,
            f"the page says {required} of {total} cells are required but does not mark "
            "which: expected a flag (yes/no) in the Required column of each row",
            count_line,
        )
    return required == total


def _check_count_total(
    required: int, optional: int | None, total: int, count_line: int, origin: str
) -> None:
    if optional is not None and required + optional != total:
        raise fail(
            origin,
            f"the header counts {required} required and {optional} optional cells, "
            f"{required + optional} in all, but the tables hold {total}",
            count_line,
        )


def _in_ladder_order(
    read: _Cells, levels: tuple[Level, ...], everything: bool | None
) -> tuple[Cell, ...]:
    """Roles in page order, each role's levels in ladder order."""
    result: list[Cell] = []
    for role_id, cells in read.items():
        for level in levels:
            if level.id in cells:
                cell = cells[level.id]
                required = everything if everything is not None else bool(cell.flag)
                result.append(Cell(role_id, level.id, required, cell.description))
    return tuple(result)


def _tables_wanted(levels: tuple[Level, ...]) -> str:
    ids = ", ".join(level.id for level in levels)
    return f"{len(levels)} table{'s' if len(levels) != 1 else ''}, one per level ({ids})"


def _tables(lines: list[str], origin: str) -> list[_Table]:
    """The tables of the page; a table's rows run until a line that does not start with |."""
    tables: list[_Table] = []
    current: _Table | None = None
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        number = index + 1
        if _TABLE_HEAD.fullmatch(stripped):
            _check_separator(lines, index, origin)
            current = _Table(number, [])
            tables.append(current)
            index += 2
            continue
        if stripped.startswith("|"):
            if current is not None:
                current.rows.append(_Row(number, _split_row(stripped)))
            elif tables:
                raise fail(
                    origin,
                    f"a table row outside any table; expected each table to start with the "
                    f"header row '{_TABLE_HEAD_TEXT}'",
                    number,
                )
        else:
            current = None
        index += 1
    return tables


def _check_separator(lines: list[str], head_index: int, origin: str) -> None:
    """The line under a table's header row must be its |---|---|---| separator."""
    number = head_index + 1
    following = lines[head_index + 1].strip() if head_index + 1 < len(lines) else None
    if following is None or not (_SEPARATOR.fullmatch(following) and "-" in following):
        found = "the end of the page" if following is None else repr(following[:60])
        raise fail(
            origin,
            f"expected the separator row |---|---|---| under the table header on line "
            f"{number}, found {found}",
            number + 1,
        )


def _split_row(stripped: str) -> list[str]:
    inner = stripped[1:]
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return [collapse(cell.replace("\\|", "|")) for cell in _CELL_SPLIT.split(inner)]


def _date(header: list[str], origin: str, table_line: int) -> tuple[date, str, int]:
    for index, line in enumerate(header):
        found = _DATE.fullmatch(line.strip())
        if found is None:
            continue
        month, day, year = (int(part) for part in found.groups())
        try:
            when = date(year, month, day)
        except ValueError:
            raise fail(
                origin, f"{line.strip()!r} is not a date (M/D/YYYY): no such day", index + 1
            ) from None
        return when, line.strip(), index + 1
    where = {0: "nothing", 1: "line 1"}.get(len(header), f"lines 1-{len(header)}")
    raise fail(
        origin,
        f"found no date line (M/D/YYYY) in the page's header ({where}, before the first table "
        f"on line {table_line}); expected the domain, the skill name and the date on three lines",
    )


def _line_above(
    header: list[str], line: int, origin: str, what: str, below: str
) -> tuple[str, int]:
    """The nearest non-blank line above line ``line`` (1-based), and its number."""
    for index in range(line - 2, -1, -1):
        text = collapse(header[index])
        if text:
            return text, index + 1
    raise fail(origin, f"expected {what} on the line above {below}, found nothing there", line)


def _next_filled(header: list[str], index: int) -> tuple[str, int] | None:
    """The first non-blank line after ``index`` (0-based), and its number (1-based)."""
    for later in range(index + 1, len(header)):
        text = collapse(header[later])
        if text:
            return text, later + 1
    return None


def _check_domain(header: list[str], domain: str, domain_line: int, origin: str) -> None:
    """Where the header also says "Domain" above a line, that line must be the same domain."""
    for index, line in enumerate(header):
        if normal_name(line) != normal_name("Domain"):
            continue
        following = _next_filled(header, index)
        if following is not None and following[0] != domain:
            raise fail(
                origin,
                f"the header gives the domain as {following[0]!r} (line {following[1]}) but as "
                f"{domain!r} on the line above the skill name (line {domain_line})",
                domain_line,
            )
        return


def _mandatory_count(header: list[str], origin: str) -> tuple[int, int | None, int] | None:
    """From "Mandatory requirements", N, "the other M optional": (N, M or None, N's line)."""
    for index, line in enumerate(header):
        if normal_name(line) != normal_name("Mandatory requirements"):
            continue
        following = _next_filled(header, index)
        if following is None or not re.fullmatch(r"[0-9]+", following[0]):
            found = "nothing" if following is None else repr(following[0][:60])
            raise fail(
                origin,
                f"expected the number of mandatory requirements after 'Mandatory requirements' "
                f"(line {index + 1}), found {found}",
                following[1] if following else index + 1,
            )
        text, number = following
        other = _next_filled(header, number - 1)
        optional = None
        if other is not None:
            found_other = _OTHER_COUNT.fullmatch(other[0])
            optional = int(found_other.group(1)) if found_other else None
        return int(text), optional, number
    return None


def _slug(name: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _row_role(row: _Row, framework: Framework, origin: str) -> Role:
    label = row.cells[0]
    if not label:
        raise fail(origin, "the row names no role in its first cell", row.line)
    role = find(framework.roles, label)
    if role is None:
        raise fail(origin, unknown_name("role", label, framework.roles), row.line)
    return role


def _row_content(row: _Row, role: Role, origin: str) -> tuple[bool | None, str]:
    """The row's flag (None where it marks none) and its description."""
    rest = row.cells[1:]  # rest[0] is under Required, rest[1] under Description
    flags = [at for at, cell in enumerate(rest) if cell and cell.casefold() in FLAG_WORDS]
    flag_at = 0 if 0 in flags else (flags[0] if flags else None)
    texts = [at for at, cell in enumerate(rest) if cell and at not in flags]
    if not texts:
        raise fail(
            origin,
            f"the {role.name} row has no description; expected its text in the Description column",
            row.line,
        )
    if len(texts) == 1:
        text_at = texts[0]
    elif 1 in texts:  # text under Required and under Description: the Description column's
        text_at = 1
    else:
        raise fail(
            origin,
            f"the {role.name} row has text in {len(texts)} cells but none under Description; "
            "expected a flag (yes/no) under Required and the text under Description",
            row.line,
        )
    flag = None if flag_at is None else rest[flag_at].casefold() in FLAG_TRUE
    return flag, rest[text_at]
