"""Every text from data escaped on its way to the terminal: one function, dispatched by
the kind of renderable, and the table class whose cells it escapes as they are added."""

from __future__ import annotations

import functools
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from skillpath.text import printable


class EscapedTable(Table):
    """A Rich table whose cells are escaped as each row is added (``escaped``). Every
    table and grid of ``render/table/`` is one: Rich's cells are not public once added."""

    def add_row(
        self,
        *renderables: RenderableType | None,
        style: Any = None,
        end_section: bool = False,
    ) -> None:
        cells = [None if cell is None else escaped(cell) for cell in renderables]
        super().add_row(*cells, style=style, end_section=end_section)


@functools.singledispatch
def escaped(renderable: Any) -> Any:
    """``renderable`` with every control character and bidi mark in its text, and in the
    text of everything it holds, escaped (``skillpath.text.printable``): the one way text
    from the data, a file name or an argument reaches the terminal, whichever renderer
    built it. Line breaks and tabs stay; styles stay on their characters. Texts and tables
    are escaped in place; a string is replaced. A renderable of a kind no table is built
    of holds no text of ours, and is left as it is."""
    return renderable


@escaped.register
def _string(text: str) -> str:
    return printable(text, multiline=True)


@escaped.register
def _text(text: Text) -> Text:
    escape_text(text)
    return text


@escaped.register
def _table(table: Table) -> Table:
    if not isinstance(table, EscapedTable):
        # Rich gives no public way to change a cell once added: a table is escaped as its
        # rows are added, and one built otherwise is a mistake of the code, not the data.
        raise TypeError("build tables as EscapedTable, so that their cells are escaped")
    table.title = escaped(table.title)
    for column in table.columns:
        column.header = escaped(column.header)
    return table


@escaped.register
def _group(group: Group) -> Group:
    group.renderables[:] = [escaped(inner) for inner in group.renderables]
    return group


@escaped.register
def _padding(padding: Padding) -> Padding:
    padding.renderable = escaped(padding.renderable)
    return padding


def escape_text(text: Text) -> None:
    """``text`` with its unsafe characters escaped and its styled spans moved to match."""
    plain = text.plain
    if printable(plain, multiline=True) == plain:
        return
    starts = [0]  # where each original character starts in the escaped text
    pieces = []
    for character in plain:
        piece = printable(character, multiline=True)
        pieces.append(piece)
        starts.append(starts[-1] + len(piece))
    spans = [
        span.__class__(starts[span.start], starts[span.end], span.style) for span in text.spans
    ]
    text.plain = "".join(pieces)
    text.spans = spans
