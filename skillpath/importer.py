"""``skillpath import``: a saved skill-profile page, or the CSV that ``--format csv`` writes,
turned into the text of a skill file.

Nothing is invented: every cell comes from a row of the page (or the CSV), and a page that
does not read as expected is a :class:`~skillpath.errors.DataError` that says what was
expected and, where it can, on which line of the page it failed. Nothing here prints.

The page format (see ``tests/seed/deep-learning-profile.txt``):

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
from pathlib import Path
from typing import Protocol, TypeVar

from .catalog import ID_PATTERN, normal_name
from .errors import DataError
from .model import Framework, Level, Role, Skill

Cell = tuple[str, str, bool, str]  # (role id, level id, required, description)


class _HasNames(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...


_Named = TypeVar("_Named", bound=_HasNames)


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
_FLAG_TRUE = frozenset({"yes", "y", "true", "required", "mandatory", "x", "✓", "✔"})
_FLAG_FALSE = frozenset({"no", "n", "false", "optional", "✗", "✘", "-", "\u2013", "\u2014"})
_FLAG_WORDS = _FLAG_TRUE | _FLAG_FALSE

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_TABLE_HEAD = re.compile(r"\|\s*role\s*\|\s*required\s*\|\s*description\s*\|?", re.IGNORECASE)
_SEPARATOR = re.compile(r"\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_OTHER_COUNT = re.compile(r"the\s+other\s+([0-9]+)\s+optional", re.IGNORECASE)
_TABLE_HEAD_TEXT = "| Role | Required | Description |"


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _fail(origin: str, message: str, line: int | None = None) -> DataError:
    return DataError.single(Path(origin), message, line=line)


# -- the skill-profile page ---------------------------------------------------------------


@dataclass
class _Row:
    line: int
    cells: list[str]


@dataclass
class _Table:
    line: int
    rows: list[_Row]


def import_profile_page(text: str, framework: Framework, origin: str) -> ImportedSkill:
    """Read a saved skill-profile page: header, then one table per level, lowest first."""
    lines = _LINE_BREAK.split(text.removeprefix("\ufeff"))
    levels = framework.levels
    tables = _tables(lines, origin)
    if not tables:
        raise _fail(
            origin,
            "expected a skill-profile page: a header with the domain, the skill name and a date "
            f"(M/D/YYYY), then {_tables_wanted(levels)}, each headed "
            f"'{_TABLE_HEAD_TEXT}'; found no such table",
        )
    header = lines[: tables[0].line - 1]
    when, written, date_line = _date(header, origin, tables[0].line)
    name, name_line = _line_above(header, date_line, origin, "the skill's name", "the date")
    domain, domain_line = _line_above(header, name_line, origin, "the domain", "the skill name")
    _check_domain(header, domain, domain_line, origin)
    skill_id = _slug(name)
    if not skill_id:
        raise _fail(
            origin, f"the skill name {name!r} gives no id: it needs letters or digits", name_line
        )
    if len(tables) != len(levels):
        found_at = ", ".join(str(table.line) for table in tables)
        extra = tables[len(levels)].line if len(tables) > len(levels) else None
        raise _fail(
            origin,
            f"expected {_tables_wanted(levels)}, found {len(tables)} "
            f"(starting on line{'s' if len(tables) > 1 else ''} {found_at})",
            extra,
        )

    read: dict[str, dict[str, tuple[int, bool | None, str]]] = {}  # role -> level -> cell
    for table, level in zip(tables, levels, strict=True):
        if not table.rows:
            raise _fail(
                origin,
                f"the table for {level.name} has no rows; expected one row per role",
                table.line,
            )
        for row in table.rows:
            role = _row_role(row, framework, origin)
            cells = read.setdefault(role.id, {})
            if level.id in cells:
                raise _fail(
                    origin,
                    f"a second {role.name} row in the {level.name} table "
                    f"(the first is on line {cells[level.id][0]})",
                    row.line,
                )
            flag, description = _row_content(row, role, origin)
            cells[level.id] = (row.line, flag, description)

    total = sum(len(cells) for cells in read.values())
    flagged = any(flag is not None for cells in read.values() for _, flag, _ in cells.values())
    everything: bool | None = None
    count = _mandatory_count(header, origin)
    if count is not None:
        required, optional, count_line = count
        if optional is not None and required + optional != total:
            raise _fail(
                origin,
                f"the header counts {required} required and {optional} optional cells, "
                f"{required + optional} in all, but the tables hold {total}",
                count_line,
            )
        if not flagged:
            if required not in (0, total):
                raise _fail(
                    origin,
                    f"the page says {required} of {total} cells are required but does not mark "
                    "which: expected a flag (yes/no) in the Required column of each row",
                    count_line,
                )
            everything = required == total
    elif not flagged:
        raise _fail(
            origin,
            "found neither a 'Mandatory requirements' count in the header nor a flag "
            "(yes/no) in the Required column: cannot tell which cells are required",
        )

    result: list[Cell] = []
    for role_id, cells in read.items():
        for level in levels:
            if level.id in cells:
                _, flag, description = cells[level.id]
                required_cell = everything if everything is not None else bool(flag)
                result.append((role_id, level.id, required_cell, description))
    return ImportedSkill(
        id=skill_id,
        name=name,
        domain=domain,
        updated=when,
        source=f'skill-profile page "{name}" ({domain}), {written}',
        cells=tuple(result),
    )


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
            following = lines[index + 1].strip() if index + 1 < len(lines) else None
            if following is None or not (_SEPARATOR.fullmatch(following) and "-" in following):
                found = "the end of the page" if following is None else repr(following[:60])
                raise _fail(
                    origin,
                    f"expected the separator row |---|---|---| under the table header on line "
                    f"{number}, found {found}",
                    number + 1,
                )
            current = _Table(number, [])
            tables.append(current)
            index += 2
            continue
        if stripped.startswith("|"):
            if current is not None:
                current.rows.append(_Row(number, _split_row(stripped)))
            elif tables:
                raise _fail(
                    origin,
                    f"a table row outside any table; expected each table to start with the "
                    f"header row '{_TABLE_HEAD_TEXT}'",
                    number,
                )
        else:
            current = None
        index += 1
    return tables


def _split_row(stripped: str) -> list[str]:
    inner = stripped[1:]
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return [_collapse(cell.replace("\\|", "|")) for cell in _CELL_SPLIT.split(inner)]


def _date(header: list[str], origin: str, table_line: int) -> tuple[date, str, int]:
    for index, line in enumerate(header):
        found = _DATE.fullmatch(line.strip())
        if found is None:
            continue
        month, day, year = (int(part) for part in found.groups())
        try:
            when = date(year, month, day)
        except ValueError:
            raise _fail(
                origin, f"{line.strip()!r} is not a date (M/D/YYYY): no such day", index + 1
            ) from None
        return when, line.strip(), index + 1
    where = {0: "nothing", 1: "line 1"}.get(len(header), f"lines 1-{len(header)}")
    raise _fail(
        origin,
        f"found no date line (M/D/YYYY) in the page's header ({where}, before the first table "
        f"on line {table_line}); expected the domain, the skill name and the date on three lines",
    )


def _line_above(
    header: list[str], line: int, origin: str, what: str, below: str
) -> tuple[str, int]:
    """The nearest non-blank line above line ``line`` (1-based), and its number."""
    for index in range(line - 2, -1, -1):
        text = _collapse(header[index])
        if text:
            return text, index + 1
    raise _fail(origin, f"expected {what} on the line above {below}, found nothing there", line)


def _next_filled(header: list[str], index: int) -> tuple[str, int] | None:
    """The first non-blank line after ``index`` (0-based), and its number (1-based)."""
    for later in range(index + 1, len(header)):
        text = _collapse(header[later])
        if text:
            return text, later + 1
    return None


def _check_domain(header: list[str], domain: str, domain_line: int, origin: str) -> None:
    """Where the header also says "Domain" above a line, that line must be the same domain."""
    for index, line in enumerate(header):
        if normal_name(line) != "domain":
            continue
        following = _next_filled(header, index)
        if following is not None and following[0] != domain:
            raise _fail(
                origin,
                f"the header gives the domain as {following[0]!r} (line {following[1]}) but as "
                f"{domain!r} on the line above the skill name (line {domain_line})",
                domain_line,
            )
        return


def _mandatory_count(header: list[str], origin: str) -> tuple[int, int | None, int] | None:
    """From "Mandatory requirements", N, "the other M optional": (N, M or None, N's line)."""
    for index, line in enumerate(header):
        if normal_name(line) != "mandatory-requirements":
            continue
        following = _next_filled(header, index)
        if following is None or not re.fullmatch(r"[0-9]+", following[0]):
            found = "nothing" if following is None else repr(following[0][:60])
            raise _fail(
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
        raise _fail(origin, "the row names no role in its first cell", row.line)
    role = _find(framework.roles, label)
    if role is None:
        known = ", ".join(role.id for role in framework.roles)
        raise _fail(origin, f"{label!r} is not a role; known roles: {known}", row.line)
    return role


def _row_content(row: _Row, role: Role, origin: str) -> tuple[bool | None, str]:
    """The row's flag (None where it marks none) and its description."""
    rest = row.cells[1:]  # rest[0] is under Required, rest[1] under Description
    flags = [at for at, cell in enumerate(rest) if cell and cell.casefold() in _FLAG_WORDS]
    flag_at = 0 if 0 in flags else (flags[0] if flags else None)
    texts = [at for at, cell in enumerate(rest) if cell and at not in flags]
    if not texts:
        raise _fail(
            origin,
            f"the {role.name} row has no description; expected its text in the Description column",
            row.line,
        )
    if len(texts) == 1:
        text_at = texts[0]
    elif 1 in texts:  # text under Required and under Description: the Description column's
        text_at = 1
    else:
        raise _fail(
            origin,
            f"the {role.name} row has text in {len(texts)} cells but none under Description; "
            "expected a flag (yes/no) under Required and the text under Description",
            row.line,
        )
    flag = None if flag_at is None else rest[flag_at].casefold() in _FLAG_TRUE
    return flag, rest[text_at]


def _find(entries: tuple[_Named, ...], label: str) -> _Named | None:
    wanted = normal_name(label)
    for entry in entries:
        if any(normal_name(name) == wanted for name in (entry.id, entry.name, *entry.aliases)):
            return entry
    return None


# -- the CSV that --format csv writes -----------------------------------------------------

_CSV_COLUMNS = ("skill", "role", "level", "required", "description")


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
    import csv
    import io

    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    records: list[tuple[int, list[str]]] = []
    last = 0
    try:
        for record in reader:
            records.append((last + 1, record))
            last = reader.line_num
    except csv.Error as error:
        raise _fail(origin, f"is not readable as CSV: {error}", last + 1) from None
    records = [(line, record) for line, record in records if any(cell.strip() for cell in record)]
    if not records:
        raise _fail(
            origin,
            f"expected a header row {','.join(_CSV_COLUMNS)}, then one row per cell; "
            "the file is empty",
        )
    header_line, header = records[0]
    columns = _csv_columns(header, origin, header_line)
    if len(records) == 1:
        raise _fail(origin, "has a header but no cells; expected one row per cell", header_line)

    skill_id: str | None = None
    first_line = 0
    read: dict[str, dict[str, tuple[int, bool, str]]] = {}
    for line, record in records[1:]:
        if len(record) != len(header):
            raise _fail(
                origin,
                f"expected {len(header)} fields like the header, found {len(record)}",
                line,
            )
        value = {column: record[at].strip() for column, at in columns.items()}
        if skill_id is None:
            skill_id, first_line = value["skill"], line
            if not ID_PATTERN.fullmatch(skill_id):
                raise _fail(
                    origin,
                    f"{skill_id!r} is not a skill id: expected lowercase letters, digits and "
                    "single dashes",
                    line,
                )
        elif value["skill"] != skill_id:
            raise _fail(
                origin,
                f"the row is for skill {value['skill']!r} but the rows above are for "
                f"{skill_id!r} (from line {first_line}); expected one skill per file",
                line,
            )
        role = _find(framework.roles, value["role"])
        if role is None:
            known_roles = ", ".join(entry.id for entry in framework.roles)
            raise _fail(
                origin, f"{value['role']!r} is not a role; known roles: {known_roles}", line
            )
        level = _find(framework.levels, value["level"])
        if level is None:
            known_levels = ", ".join(entry.id for entry in framework.levels)
            raise _fail(
                origin, f"{value['level']!r} is not a level; known levels: {known_levels}", line
            )
        flag = value["required"].casefold()
        if flag not in _FLAG_WORDS:
            raise _fail(origin, f"required is {value['required']!r}; expected true or false", line)
        description = _collapse(value["description"])
        if not description:
            raise _fail(origin, f"the {role.id} {level.id} cell has no description", line)
        cells = read.setdefault(role.id, {})
        if level.id in cells:
            raise _fail(
                origin,
                f"a second {role.id} {level.id} row (the first is on line {cells[level.id][0]})",
                line,
            )
        cells[level.id] = (line, flag in _FLAG_TRUE, description)

    assert skill_id is not None
    if known is not None and known.id != skill_id:
        raise _fail(
            origin,
            f"the rows are for skill {skill_id!r}, not {known.id!r}",
            first_line,
        )
    name = _collapse(name) if name is not None else (known.name if known else None)
    domain = _collapse(domain) if domain is not None else (known.domain if known else None)
    if not name or not domain:
        missing = " and ".join(
            option for option, given in (("--name", name), ("--domain", domain)) if not given
        )
        raise _fail(
            origin,
            f"the data has no skill {skill_id!r} to take its name and domain from: pass {missing}",
        )
    result: list[Cell] = []
    for role_id, by_level in read.items():
        for level in framework.levels:
            if level.id in by_level:
                _, required, description = by_level[level.id]
                result.append((role_id, level.id, required, description))
    return ImportedSkill(
        id=skill_id,
        name=name,
        domain=domain,
        updated=known.updated if known else None,
        source=(known.source if known and known.source else f"imported from {Path(origin).name}"),
        cells=tuple(result),
    )


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
        raise _fail(
            origin,
            f"expected the header row {expected} (in any order); found {'; '.join(found)}",
            line,
        )
    return {column: names.index(column) for column in _CSV_COLUMNS}


# -- the skill file -----------------------------------------------------------------------

_WRAP = 84


def skill_yaml(skill: ImportedSkill) -> str:
    """The skill file's text, laid out like ``data/skills/deep-learning.yaml``."""
    import textwrap

    lines = [
        f"id: {_scalar(skill.id)}",
        f"name: {_scalar(skill.name)}",
        f"domain: {_scalar(skill.domain)}",
    ]
    if skill.updated is not None:
        lines.append(f"updated: {skill.updated.isoformat()}")
    if skill.source:
        lines.append(f"source: {_scalar(skill.source)}")
    lines.append("expectations:")
    role_seen: set[str] = set()
    for role_id, level_id, required, description in skill.cells:
        if role_id not in role_seen:
            role_seen.add(role_id)
            lines.append(f"  {role_id}:")
        lines += [
            f"    {level_id}:",
            f"      required: {'true' if required else 'false'}",
        ]
        text = _collapse(description)
        if text and _printable(text):
            lines.append("      description: >-")
            wrapped = textwrap.wrap(
                text, width=_WRAP, break_long_words=False, break_on_hyphens=False
            )
            lines += [f"        {part}" for part in wrapped]
        else:
            lines.append(f"      description: {_quoted(text)}")
    return "\n".join(lines) + "\n"


# What PyYAML's reader accepts as text; a line break inside a scalar would fold.
_YAML_PRINTABLE = re.compile("[\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]")


def _printable(text: str) -> bool:
    return _YAML_PRINTABLE.fullmatch(text) is not None and not any(
        char in text for char in "\ufeff\u2028\u2029"
    )


def _scalar(text: str) -> str:
    """Plain when YAML reads it back as the same text, else a double-quoted string."""
    import yaml

    plain = (
        text == text.strip()
        and _PLAIN_START.match(text) is not None
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and _printable(text)
    )
    if plain:
        try:
            plain = yaml.safe_load(text) == text
        except yaml.YAMLError:
            plain = False
    return text if plain else _quoted(text)


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: escapes for quotes, backslashes and unprintable chars."""
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char != "\t" and char != "\ufeff" and _printable(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


def looks_like_csv(origin: str, text: str) -> bool:
    """Whether the text is a CSV export (by its name or its header) rather than a page."""
    return origin.lower().endswith(".csv") or text.lstrip("\ufeff").startswith("skill,")


def csv_skill_id(text: str) -> str:
    """The skill id of the first data row, to find the skill the CSV was exported from."""
    import csv
    import io

    rows = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    first = next(rows, None)
    return (first or {}).get("skill") or ""
