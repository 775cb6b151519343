"""Results into text. Each format lives in its own module and is imported only when used,
so that writing JSON never loads Rich."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from skillpath.render.base import Color, Format
from skillpath.render.encode import (
    json_chunks,
    json_streamed,
    speaks_unicode,
    utf8_bytes_of,
    write_all,
    write_text,
)

if TYPE_CHECKING:
    from skillpath.render.base import Result


def emit(result: Result, fmt: Format, color: Color = Color.AUTO, out: TextIO | None = None) -> None:
    stream = out if out is not None else sys.stdout
    if fmt is Format.TABLE:
        from skillpath.render.table.draw import draw

        draw(result, stream, color)
    elif fmt is Format.JSON and (raw := utf8_bytes_of(stream)) is not None:
        stream.flush()  # whatever the text layer holds goes first
        for chunk in json_answer(result):
            write_all(raw, chunk)
    else:
        write_text(stream, text(result, fmt, ascii_only=not speaks_unicode(stream)))


def json_answer(result: Result) -> Iterable[bytes]:
    """The answer in JSON, as UTF-8 in pieces (json_chunks); an answer over many skills
    a part at a time (json_streamed), as it is made."""
    from skillpath.render import jsonfmt

    if jsonfmt.streamed.knows(result):
        return json_streamed(jsonfmt.streamed(result))
    return json_chunks(jsonfmt.payload(result))


def text(result: Result, fmt: Format, *, ascii_only: bool = False) -> str:
    """Every format but the table: plain text, no colour, no wrapping.

    ``ascii_only`` (a stream that cannot take every character) writes JSON and YAML with
    escapes, which read back the same; the other formats get ``?`` from the stream.
    """
    if fmt in (Format.JSON, Format.YAML):
        from skillpath.render import jsonfmt

        payload = jsonfmt.payload(result)
        if fmt is Format.JSON:
            return jsonfmt.dumps(payload, ascii_only=ascii_only)
        from skillpath.render import yamlfmt

        return yamlfmt.dumps(payload, ascii_only=ascii_only)
    if fmt is Format.MARKDOWN:
        from skillpath.render import markdown

        return markdown.render(result)
    from skillpath.render import delimited
    from skillpath.render.rows import rows

    flat = rows(result)
    if fmt is Format.JSONL:
        return delimited.jsonl(flat, ascii_only=ascii_only)
    return delimited.delimited(flat, "\t" if fmt is Format.TSV else ",")
