"""Results as Rich tables for people: drawing them, with every text from data
escaped on its way to the terminal. Only ``render/table/`` imports Rich.
"""

from __future__ import annotations

import functools
from typing import Any, TextIO

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from skillpath.render.base import Color
from skillpath.render.encode import write_text

# Importing the table modules of each family registers their renderers.
from skillpath.render.table import framework, plan  # noqa: F401
from skillpath.render.table.parts import DEFAULT_WIDTH, MIN_WIDTH, renderables
from skillpath.text import printable


def draw(result: object, out: TextIO, color: Color = Color.AUTO) -> None:
    # NO_COLOR in the environment takes the colour out even under --color always (Rich
    # honours it); --color never takes every escape code out, bold and dim too.
    console = Console(
        file=out,
        highlight=False,
        markup=False,  # no string is read as markup, should one reach Rich
        emoji=False,
        soft_wrap=False,
        force_terminal=True if color is Color.ALWAYS else None,
        color_system=None if color is Color.NEVER else "auto",
    )
    if console.width < MIN_WIDTH:
        # Narrower than this, columns lose their words; a terminal that says it is 0 wide
        # (COLUMNS=0) is not one. Lines of MIN_WIDTH wrap on a tiny screen but lose nothing.
        console.width = MIN_WIDTH if console.width > 0 else DEFAULT_WIDTH
    with console.capture() as captured:
        for drawn in renderables(result, console.width):
            renderable = escaped(drawn)
            # A Text marked no_wrap is a line to keep whole (a FILE:LINE:COLUMN problem).
            console.print(
                renderable, soft_wrap=isinstance(renderable, Text) and renderable.no_wrap is True
            )
    # Rich pads every line to the full width; the padding is noise in a file or a diff.
    write_text(out, "".join(line.rstrip(" ") + "\n" for line in captured.get().splitlines()))


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
    table.title = escaped(table.title)
    for column in table.columns:
        column.header = escaped(column.header)
        # Rich keeps a column's cells in a list it names private.
        column._cells[:] = [escaped(cell) for cell in column._cells]
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


class ProgressBar:
    """A bar on stderr for long work, cleared when it stops so that only the answer stays."""

    def __init__(self, what: str, total: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.progress = Progress(
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task(what, total=total)
        self.progress.start()

    def update(self, done: int) -> None:
        self.progress.update(self.task, completed=done)

    def stop(self) -> None:
        self.progress.stop()
