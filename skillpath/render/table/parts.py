"""The pieces every table is made of: the registry of table renderers, tables
whose words are never split, flags, cells and bullet lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from skillpath.framework.ladder import Step
from skillpath.framework.model import Expectation, Question
from skillpath.render.base import Renderers
from skillpath.render.table.escape import EscapedTable
from skillpath.values import frozen

if TYPE_CHECKING:
    from skillpath.framework.hiring import Question as KitQuestion

# Below this many characters per role column, side-by-side roles become slivers; the
# matrix is then drawn as one table per role, stacked.
MIN_ROLE_COLUMN = 36
MIN_WIDTH = 40
DEFAULT_WIDTH = 80
LEVEL_COLUMN = 10

REQUIRED_STYLE = "bold yellow"
OPTIONAL_STYLE = "dim"
MUTED = "dim"


renderables: Renderers[Iterable[RenderableType]] = Renderers("table")


def new_table(*, title: str | Text | None = None) -> Table:
    return EscapedTable(
        box=box.SIMPLE_HEAD, title=title, title_justify="left", title_style="bold", pad_edge=False
    )


# Longer than this, a "word" is a path, a URL or a long id, which folds anyway: it does not
# make a table stack.
LONG_WORD = 20


@frozen
class Column:
    """A column of a table whose words are never split: ``ratio`` shares out the room left
    once every column has its longest word; 0 keeps the column to its longest line."""

    header: str | Text
    ratio: int = 1
    justify: Literal["left", "right"] = "left"


def whole_word_table(
    width: int, columns: Sequence[Column], rows: Sequence[Sequence[Text]], title: Text | None = None
) -> Table | None:
    """A table in which no word is cut in two, or None when the words do not fit side by
    side at this width (the caller then stacks the cells instead).

    Rich shares a narrow width out evenly and folds the words that do not fit ("accur|acy");
    here each column gets at least its longest word, and the widths are fixed.
    """
    cells = [
        [Text(column.header) if isinstance(column.header, str) else column.header]
        for column in columns
    ]
    for row in rows:
        for index, cell in enumerate(row):
            cells[index].append(cell)
    least = [
        max(min(cell_len(word), LONG_WORD) for cell in column for word in [*cell.plain.split(), ""])
        for column in cells
    ]
    most = [
        max(cell_len(line) for cell in column for line in [*cell.plain.splitlines(), ""])
        for column in cells
    ]
    least = [
        high if column.ratio == 0 else low
        for column, low, high in zip(columns, least, most, strict=True)
    ]
    widths = share_out(width - (3 * len(columns) - 1), least, most, [c.ratio for c in columns])
    if widths is None:
        return None
    table = new_table(title=title)
    for column, size in zip(columns, widths, strict=True):
        table.add_column(column.header, width=size, justify=column.justify, overflow="fold")
    for row in rows:
        table.add_row(*row, end_section=True)
    return table


def share_out(
    room: int, least: Sequence[int], most: Sequence[int], ratios: Sequence[int]
) -> list[int] | None:
    """Column widths: each its ``least``, then the room left by ratio up to each ``most``.

    ``room`` is the width less the table's edges, dividers and padding (SIMPLE_HEAD without
    padded edges: 3 a column, less 1).
    """
    widths = [max(low, 1) for low in least]
    if sum(widths) > room:
        return None
    spare = room - sum(widths)
    while spare > 0:
        growing = [i for i, ratio in enumerate(ratios) if ratio and widths[i] < most[i]]
        if not growing:
            break
        total = sum(ratios[i] for i in growing)
        given = 0
        for i in growing:
            extra = min(most[i] - widths[i], max(1, spare * ratios[i] // total), spare - given)
            widths[i] += extra
            given += extra
        spare -= given
    return widths


def flag(required: bool) -> Text:
    return Text("required", REQUIRED_STYLE) if required else Text("optional", OPTIONAL_STYLE)


def describe(expectation: Expectation | None) -> Text:
    if expectation is None:
        return Text("(not described in the data)", "italic dim")
    text = Text(expectation.description)
    # Items the file gives are the cell's own words: shown as the list they are.
    for at, item in enumerate(expectation.given_items):
        text.append(f"{'' if at == 0 and not expectation.description else chr(10)}- {item}")
    return text


def describe_in_detail(expectation: Expectation | None) -> RenderableType:
    """The cell's text, then its examples, evidence and questions, each a list whose lines
    hang under their bullet; a question's strong answer hangs under the question."""
    if expectation is None:
        return describe(None)
    blocks: list[RenderableType] = [describe(expectation)]
    for heading, lines in (("Examples", expectation.examples), ("Evidence", expectation.evidence)):
        blocks += bullets(heading, [(Text(line), None) for line in lines])
    blocks += bullets("Questions", [question_lines(asked) for asked in expectation.questions])
    return Group(*blocks)


def question_lines(question: Question | KitQuestion) -> tuple[Text, Text | None]:
    """A question with its kind first, and what a strong answer mentions, where given."""
    kind = (f"{question.kind.capitalize()}: ", "bold") if question.kind else ""
    strong = question.strong_answer
    return (
        Text.assemble(kind, question.text),
        Text(f"A strong answer mentions {strong}", MUTED) if strong else None,
    )


def bullets(heading: str, entries: Sequence[tuple[Text, Text | None]]) -> list[RenderableType]:
    """A titled list under a cell's text; nothing where the data gives no lines."""
    if not entries:
        return []
    grid = EscapedTable.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold", ratio=1)
    for line, under in entries:
        grid.add_row("-", line)
        if under is not None:
            grid.add_row("", under)
    return [Text(f"{heading}:", MUTED), grid]


def not_yet(step: Step) -> Text:
    """Where a skill has no cell at the person's level: it starts at the next one."""
    if step.current is None and step.next is not None and step.to is not None:
        return Text(f"(this skill starts at {step.to.name})", "italic dim")
    return describe(step.current)


def counts_line(row: Sequence[Text]) -> Text:
    return Text(f"{row[-2].plain} required · {row[-1].plain} optional", MUTED)


def names(name: str, entry_id: str, aliases: tuple[str, ...]) -> Text:
    """A role or level's name with the other names it answers to, one per line."""
    text = Text.assemble((name, "bold"), "\n", (entry_id, MUTED))
    if aliases:
        text.append("\n" + ", ".join(aliases), MUTED)
    return text


def stacked_row(cells: Sequence[Text]) -> RenderableType:
    """A row too wide for whole words side by side: its first cell, the others under it."""
    return Group(Text(), cells[0], *(Padding(cell, (0, 0, 0, 2)) for cell in cells[1:]))


class Bar:
    """How much is covered, readable without colour: a full block per covered share, a
    light shade for the rest (``#`` and ``-`` where the terminal has only ASCII), so that
    0 % is an empty track rather than nothing at all."""

    def __init__(self, covered: int, total: int) -> None:
        self.share = covered / total if total else 0.0

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        filled = round(width * self.share)
        if 0 < self.share < 1:  # a start shows, and so does what is left
            filled = min(max(filled, 1), width - 1)
        full, empty = ("#", "-") if options.ascii_only else ("█", "░")
        yield Text.assemble((full * filled, "green"), (empty * (width - filled), MUTED))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(4, options.max_width)


def stacked(heading: Text, parts: Sequence[tuple[str, Text]]) -> RenderableType:
    """A heading, then under it each part's label and its text, indented."""
    blocks: list[RenderableType] = [Text.assemble("\n", heading)]
    for label, text in parts:
        blocks += [Padding(Text(label, MUTED), (0, 0, 0, 2)), Padding(text, (0, 0, 0, 4))]
    return Group(*blocks)


STATE_BOXES = {
    "done": ("[x]", "green"),
    "started": ("[~]", "yellow"),
    "skipped": ("[-]", MUTED),
    "todo": ("[ ]", ""),  # back to do, its evidence kept
    None: ("[ ]", ""),
}


def state_box(state: str | None) -> Text:
    text, style = STATE_BOXES.get(state, STATE_BOXES[None])
    return Text(text, style)
