"""Text from the data as Markdown that reads as written: the escaping every Markdown
answer goes through (``render/markdown.py``), and the lines of an item and its evidence.

Text from the data or from a person (names, ids, descriptions, items, notes, reasons,
questions, paths, queries) reaches the document only through :func:`inline` or
:func:`code`, so that it reads as written and never as markup; the headings, tables,
``- [ ]`` checklists, bold, links and the chart's image are the renderer's own. The rule,
for one value (control characters are escaped over the whole document, as everywhere):

- its whitespace, line breaks included, becomes single spaces: a value is one line;
- ``\\``, backticks, ``*``, ``~``, ``[``, ``]`` and ``|`` are backslash-escaped wherever
  they stand (escapes, emphasis, code, strikethrough, links and table cells), as is a
  ``!`` before ``[`` (an image) and a ``_`` without a letter or digit on both sides (an
  intraword one, as in ``snake_case``, cannot emphasise and is left as it is);
- ``<`` becomes ``&lt;`` and a ``&`` that would start a character reference ``&amp;``,
  so no HTML, autolink or entity comes from the data (a wiki renders those even where it
  ignores backslashes);
- where a line could start, at the value's start, a ``#``, ``>``, ``-``, ``+`` or ``=``
  is escaped (a heading, blockquote, list item, setext underline or thematic break), as is
  the ``.`` or ``)`` of a ``1.``-style ordered-list marker; a run of ``#`` after a space
  at its end is escaped too, where it would close a heading.

Anything else, a ``-`` or ``.`` inside a sentence included, cannot form syntax where it
stands and is left alone, so prose reads as it is written. :func:`code` shows an id or a
path as a code span, whose content Markdown takes literally; one holding a backtick, a
``|``, ``<`` or ``&`` is shown as escaped text instead.

The only links built from the data are from a link field (a piece of evidence's link):
an ``http://`` or ``https://`` URL with a host and no whitespace, control characters,
quotes, backslashes, backticks, ``|``, ``<``, ``>``, parentheses, brackets or character
references becomes ``[URL](URL)``, its text escaped, so the reader sees where it goes;
any other link is shown as escaped text. A bare URL in other text stays text (a renderer
that autolinks, as GitHub does, may make it clickable, but it shows where it leads).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from skillpath.render.base import by_date

if TYPE_CHECKING:
    from skillpath.framework.model import Expectation
    from skillpath.plan.model import Mark


class Markdown(str):
    """Text that is already Markdown: escaped data, or the renderer's own markup."""


_MARKUP = re.compile(
    r"[\\`*~\[\]|<]"  # markup wherever they stand
    r"|!(?=\[)"  # an image
    r"|(?<![^\W_])_|_(?![^\W_])"  # an underscore that could open or close emphasis
    r"|&(?=#?[0-9A-Za-z]+;)"  # a character reference
    r"|(?<= )#(?=#*$)"  # the closing sequence of a heading
)
_ENTITIES = {"<": "&lt;", "&": "&amp;"}
# What makes a block of a line it starts; for an ordered-list marker, its digits.
_LINE_START = re.compile(r"[#>+=-]|[0-9]{1,9}(?=[.)](?: |$))")


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    return _ENTITIES.get(char, "\\" + char)


def inline(text: str) -> Markdown:
    """Text from the data or a person as Markdown text on one line, read as written."""
    escaped = _MARKUP.sub(_escaped, " ".join(text.split()))
    start = _LINE_START.match(escaped)
    if start is None:
        return Markdown(escaped)
    at = start.end() if start.group()[0].isdigit() else 0
    return Markdown(escaped[:at] + "\\" + escaped[at:])


# What a code span shows as written: no fence, no cell border, nothing a wiki reads as HTML.
_PLAIN_CODE = re.compile(r"[^`|<&]+")


def code(text: str) -> Markdown:
    """An id or a path as a code span, or as escaped text where it could end the span."""
    flat = " ".join(text.split())
    return Markdown(f"`{flat}`") if _PLAIN_CODE.fullmatch(flat) else inline(flat)


# A character reference would be decoded in the link's target, so a URL with one is text.
_URL_CHAR = r"[^\s\x00-\x1f\x7f-\x9f\"'\\`|<>()\[\]]"
_SAFE_URL = re.compile(r"(?!.*&#?[0-9A-Za-z]+;)https?://(?!/)" + _URL_CHAR + "+")


def link(url: str) -> Markdown:
    """A link field as a link that shows its own address, or as text if it is no web URL."""
    if _SAFE_URL.fullmatch(url):
        return Markdown(f"[{inline(url)}]({url})")
    return inline(url)


def table(headings: Iterable[object], rows: Iterable[Iterable[object]]) -> list[str]:
    """A table whose cells are data, escaped, unless they are already :class:`Markdown`."""
    head = [table_cell(value) for value in headings]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(table_cell(value) for value in row) + " |" for row in rows]
    return lines


def table_cell(value: object) -> str:
    return value if isinstance(value, Markdown) else inline(str(value))


def flag(cell: Expectation | None) -> str:
    if cell is None:
        return ""
    return "required" if cell.required else "optional"


def flagged(cell: Expectation | None) -> Markdown:
    """A cell of a side-by-side table: whether it is required, then its words."""
    return Markdown(f"*{flag(cell)}:* {inline(cell.wording)}" if cell else "")


# A task-list box for each state; GitHub renders [x] and [ ] as checkboxes.
BOXES = {None: " ", "started": " ", "done": "x", "skipped": " ", "todo": " "}
STATE_WORDS = {
    "started": "in progress",
    "done": "covered",
    "skipped": "not applicable",
    "todo": "back to do",
}


def item_lines(text: str, mark: Mark | None) -> list[str]:
    """One task-list line for an item, and its evidence beneath it, oldest first."""
    if mark is None:
        return [f"- [ ] {inline(text)}"]
    reason = f": {inline(mark.reason)}" if mark.reason else ""
    state = f"{STATE_WORDS[mark.state]} {mark.since.isoformat()}{reason}"
    lines = [f"- [{BOXES[mark.state]}] {inline(text)} ({state})"]
    for piece in by_date(mark.evidence):
        shown = f" ({link(piece.link)})" if piece.link else ""
        lines.append(f"  - {piece.day.isoformat()}: {inline(piece.note)}{shown}")
    return lines
