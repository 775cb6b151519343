"""A workbook's sheet as the rows of the CSV import (``cells_csv``): the same columns, the
same rules, problems named by sheet, row and column.

A workbook is a file other people wrote, and a zip archive: before openpyxl opens it, the
archive's own table of contents is checked (how many members, how large they say they
unpack, how much smaller they are packed), so that a zip bomb is refused unread; Python's
zipfile then never unpacks more than a member says. The sheet is read in openpyxl's
read-only mode, a row at a time, to a limit of rows, columns and characters a cell.

A formula is refused, never computed nor taken as text: its cached value may be missing
or stale, and its text is not what the sheet shows. A text cell that starts with ``=`` is
text (``list --format xlsx`` writes such a description that way). Macros are refused.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skillpath.authoring.importer.parts import Problems, Record, Table, column_letter
from skillpath.errors import DataError, SkillpathError

if TYPE_CHECKING:
    import zipfile

MiB = 1024 * 1024
MAX_WORKBOOK_BYTES = 16 * MiB  # the file as it is on disk, packed
MAX_UNPACKED_BYTES = 64 * MiB  # every member as the archive says it unpacks, together
MAX_RATIO = 100  # unpacked to packed, for a member of more than RATIO_FROM unpacked
RATIO_FROM = 1 * MiB  # a small member (styles, an empty sheet) may pack tighter than that
MAX_MEMBERS = 1000
MAX_ROWS = 100_000
MAX_COLUMNS = 32  # the import knows 17 columns; a wider sheet is not one it reads
# The widest a sheet may say it is: each row is read out to that width, to see a value
# past MAX_COLUMNS (a spreadsheet program may size a sheet past its last value).
MAX_SCANNED_COLUMNS = 1024
MAX_CELL_CHARS = 32_767  # Excel's own limit for the text of a cell

INSTALL = 'pip install "skillpath[xlsx]"'
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
_ZIP_START = b"PK\x03\x04"
_OLE_START = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and any password-protected workbook


def looks_like_workbook(origin: str, raw: bytes) -> bool:
    """Whether the file is a workbook (by its name or its first bytes), not text."""
    return origin.lower().endswith((*WORKBOOK_SUFFIXES, ".xls")) or raw.startswith(
        (_ZIP_START, _OLE_START)
    )


def read_sheet(raw: bytes, origin: str, sheet: str | None = None) -> Table:
    """The rows of the workbook's first sheet, or of the sheet named ``sheet``."""
    checked_archive(raw, origin)
    book = _open(raw, origin)
    try:
        chosen = _sheet(book, sheet, origin)
        return _records(_rows(chosen, origin), origin, chosen.title)
    except SkillpathError:
        raise
    except Exception as error:  # a malformed sheet fails in openpyxl's own ways
        raise _unreadable(origin, error) from None
    finally:
        book.close()


# -- the archive, before anything is unpacked -------------------------------------------------


def checked_archive(raw: bytes, origin: str) -> None:
    """Refuse what is not an .xlsx archive, holds macros, or would unpack to too much."""
    import zipfile

    if raw.startswith(_OLE_START):
        raise _refused(
            origin,
            "is an Excel 97-2003 workbook (.xls) or a password-protected one; skillpath reads "
            "the .xlsx format: save it as an Excel Workbook (.xlsx) without a password",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise _refused(
            origin, "is not a workbook: an .xlsx file is a zip archive, and this is not one"
        ) from None
    _check_members(members, origin)


def _check_members(members: list[zipfile.ZipInfo], origin: str) -> None:
    if len(members) > MAX_MEMBERS:
        raise _refused(origin, f"holds {len(members)} files; a workbook has far fewer")
    if any(member.filename.lower().endswith("vbaproject.bin") for member in members):
        raise _refused(
            origin,
            "holds macros (a VBA project); skillpath reads values, never macros: save it as "
            "an Excel Workbook (.xlsx)",
        )
    if any(member.flag_bits & 0x1 for member in members):
        raise _refused(origin, "is encrypted; save it without a password")
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise _refused(
            origin,
            f"says it unpacks to {unpacked} bytes; a workbook is read only up to "
            f"{MAX_UNPACKED_BYTES // MiB} MiB unpacked, so it was not opened",
        )
    for member in members:
        if member.file_size > RATIO_FROM and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise _refused(
                origin,
                f"holds {member.filename!r}, packed {member.compress_size} bytes to unpack to "
                f"{member.file_size}: more than {MAX_RATIO} times, as a zip bomb is, so it "
                "was not opened",
            )


# -- the workbook and its sheet ---------------------------------------------------------------


def _open(raw: bytes, origin: str) -> Any:
    try:
        import openpyxl
    except ImportError:
        raise SkillpathError(
            f"{origin}: reading a workbook needs openpyxl, an extra that a plain install "
            f"leaves out: {INSTALL}, or save the sheet as CSV"
        ) from None
    import warnings

    try:
        with warnings.catch_warnings():  # "no default style" and such: nothing to act on
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(
                io.BytesIO(raw), read_only=True, data_only=False, keep_links=False
            )
    except Exception as error:  # a malformed workbook fails in many ways
        raise _unreadable(origin, error) from None


def _sheet(book: Any, name: str | None, origin: str) -> Any:
    """The sheet named (exactly, else by the names' usual folding), or the first."""
    from skillpath.framework.names import resolve_name

    sheets = list(book.worksheets)
    if not sheets:
        raise _refused(origin, "has no sheet of cells")
    if name is None:
        return sheets[0]
    exact = [sheet for sheet in sheets if sheet.title == name]
    if exact:
        return exact[0]
    return resolve_name("sheet", name, [(sheet.title, (), sheet) for sheet in sheets])


def _rows(sheet: Any, origin: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """Each row of the sheet with its number, cut at one column and one row past the limits
    so that what lies beyond them is seen, not read."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # As wide as the sheet says it is, so that a value past the limit is seen (each row
        # is padded to this width, so a sheet that claims to be very wide is refused).
        declared = sheet.max_column or 0
        if declared > MAX_SCANNED_COLUMNS:
            raise _refused(
                origin, f"{sheet.title}: is {declared} columns wide; a sheet is read only up "
                f"to {MAX_COLUMNS} columns (A to {column_letter(MAX_COLUMNS - 1)})",
            )  # fmt: skip
        width = max(declared, MAX_COLUMNS + 1)
        rows = sheet.iter_rows(max_col=width, max_row=MAX_ROWS + 1)
        for number, row in enumerate(rows, start=1):
            if number > MAX_ROWS:
                raise _refused(
                    origin, f"{sheet.title}: has more than {MAX_ROWS} rows; not read further"
                )
            yield number, tuple(row)


def _records(rows: Iterable[tuple[int, tuple[Any, ...]]], origin: str, title: str) -> Table:
    """The sheet's non-blank rows as the CSV import's records, as wide as the header, with
    what is wrong with its cells (each such cell read as empty), told with the rows'."""
    problems = Problems(Table(origin, (), title))
    records: list[Record] = []
    bad: set[tuple[int, int]] = set()
    width = 0
    for number, cells in rows:
        read = [_text(cell, number, at, problems) for at, cell in enumerate(cells)]
        bad.update((number, at) for at, field in enumerate(read) if field is None)
        fields = [field or "" for field in read]
        past = next((at for at in range(MAX_COLUMNS, len(fields)) if fields[at].strip()), None)
        if past is not None:
            problems.add(
                f"holds a value; a sheet is read only up to {MAX_COLUMNS} columns "
                f"(A to {column_letter(MAX_COLUMNS - 1)})",
                number,
                at=past,
            )
        fields = fields[:MAX_COLUMNS]
        if not any(field.strip() for field in fields):
            continue
        if not records:  # the header: as wide as its last named column
            width = max(at + 1 for at, field in enumerate(fields) if field.strip())
            problems.columns = {name.strip().casefold(): at for at, name in enumerate(fields)}
        beyond = [at for at in range(width, len(fields)) if fields[at].strip()]
        if beyond:
            problems.add(
                f"holds a value right of the header's last column, {column_letter(width - 1)}",
                number,
                at=beyond[0],
            )
        records.append((number, fields[:width]))
    if not records:
        problems.raise_any()
        raise _refused(origin, f"{title}: the sheet is empty; expected a header row, then "
                       "one row per cell")  # fmt: skip
    return Table(origin, tuple(records), title, tuple(problems.found), frozenset(bad))


def _text(cell: Any, row: int, at: int, problems: Problems) -> str | None:
    """A cell's value as the text a CSV would hold; a formula or an error is a problem,
    and None."""
    kind = getattr(cell, "data_type", None)
    value = getattr(cell, "value", None)
    if kind == "f":
        problems.add(
            f"holds a formula ({str(value)[:40]}); skillpath reads values, never formulas: "
            "copy the cells and paste them as values",
            row,
            at=at,
        )
        return None
    if kind == "e":
        problems.add(f"holds the error {value}; expected a value", row, at=at)
        return None
    text = as_text(value)
    if len(text) > MAX_CELL_CHARS:
        problems.add(
            f"holds {len(text)} characters; a cell holds at most {MAX_CELL_CHARS}", row, at=at
        )
        return None
    return text


def as_text(value: object) -> str:
    """A typed cell as the CSV would spell it: TRUE as true, a date as YYYY-MM-DD, 3.0 as 3."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def _refused(origin: str, message: str) -> DataError:
    return DataError.single(Path(origin), message)


def _unreadable(origin: str, error: Exception) -> DataError:
    detail = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
    return _refused(origin, f"cannot be read as a workbook: {detail}")
