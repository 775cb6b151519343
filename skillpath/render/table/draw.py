"""Results as Rich tables for people: drawing them, with every text from data
escaped on its way to the terminal. Only ``render/table/`` imports Rich.
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.text import Text

from skillpath.render.base import Color
from skillpath.render.encode import write_text

# Importing the table modules of each family registers their renderers.
from skillpath.render.table import framework, plan, team  # noqa: F401
from skillpath.render.table.escape import escaped
from skillpath.render.table.parts import DEFAULT_WIDTH, MIN_WIDTH, renderables


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
