"""csv, tsv and jsonl: the flat rows, header first for csv and tsv."""

from __future__ import annotations

import csv
import io
import json

from skillpath.render.rows import Rows


def delimited(table: Rows, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(["true" if v is True else "false" if v is False else v for v in row])
    return buffer.getvalue()


def jsonl(table: Rows) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in table.records())
