"""csv, tsv and jsonl: the flat rows, header first for csv and tsv."""

from __future__ import annotations

import csv
import io

from skillpath.render.encode import json_text
from skillpath.render.rows import Rows
from skillpath.text import printable

# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV
# injection"): `=HYPERLINK(...)` in a description would be a live link, `@SUM(...)` a call.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: str) -> str:
    """A cell a spreadsheet shows as text: one ``'`` before a cell that would start a formula
    (as spreadsheets themselves write it). Cells that already start with quotes before such a
    character get one more, so that :func:`restored` gives back every cell exactly."""
    return f"'{cell}" if cell.lstrip("'").startswith(FORMULA_STARTS) else cell


def restored(cell: str) -> str:
    """The cell :func:`neutralised` was given: the importer reads every CSV cell through this."""
    return (
        cell[1:] if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS) else cell
    )


def delimited(table: Rows, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([cell(value) for value in row])
    return buffer.getvalue()


def cell(value: object) -> object:
    """A value as a CSV cell: flags as words, text safe to open in a spreadsheet and to show
    on a terminal (control characters escaped, as :func:`skillpath.text.printable` does)."""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        return neutralised(printable(value, multiline=True))
    return value


def jsonl(table: Rows, *, ascii_only: bool = False) -> str:
    return "".join(json_text(record, ascii_only=ascii_only) + "\n" for record in table.records())
