"""``list --format xlsx``: the rows of ``--format csv`` as one workbook, which
``skillpath import`` reads back into the same files.

Text goes in as text cells, never as formulas, whatever it starts with (openpyxl would
take ``=...`` for one); control characters are escaped as in every other format; a
required flag is a TRUE or FALSE cell. openpyxl is an extra (``skillpath[xlsx]``),
imported only here and only when a workbook is written.
"""

from __future__ import annotations

import io
from typing import Any

from skillpath.errors import SkillpathError
from skillpath.render.rows import Rows
from skillpath.text import printable

SHEET = "Skills"
INSTALL = 'pip install "skillpath[xlsx]"'


def workbook(table: Rows) -> bytes:
    """The rows as the bytes of an .xlsx file of one sheet, header first."""
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
    except ImportError:
        raise SkillpathError(
            f"writing a workbook needs openpyxl, an extra that a plain install leaves out: "
            f"{INSTALL}, or write --format csv"
        ) from None
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    sheet.freeze_panes = "A2"  # the header stays in view

    def cell(value: object) -> Any:
        if isinstance(value, str):
            made = WriteOnlyCell(sheet, value=printable(value, multiline=True))
            made.data_type = "s"  # text, even where it starts with "="
            return made
        return WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]

    sheet.append([cell(name) for name in table.columns])
    for row in table.rows:
        sheet.append([cell(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
