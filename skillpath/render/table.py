"""Results as Rich tables for people. The only module that imports Rich.

Data text always goes in as ``Text`` objects, never as markup, so that brackets in a
description are shown as written. Descriptions wrap and never end in an ellipsis.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal, TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from skillpath.ladder import Checked, LevelList, Matrix, NextStep, RoleList, SkillList, Step
from skillpath.model import Expectation, Role
from skillpath.render import Color, Renderers, local_time, plural, problem_count, write_text
from skillpath.text import printable
from skillpath.values import frozen

if TYPE_CHECKING:  # the answers' types, named only: registering needs no import
    from skillpath.growth import (
        Comparison,
        HistoryLog,
        ItemStatus,
        ProfileView,
        ProgressReport,
        Roadmap,
        Stale,
    )
    from skillpath.hiring import Duty, InterviewKit, JobDescription
    from skillpath.plan import Change, Mark
    from skillpath.search import SearchResult
    from skillpath.validation import Report

# Below this many characters per role column, side-by-side roles become slivers; the
# matrix is then drawn as one table per role, stacked.
MIN_ROLE_COLUMN = 36
MIN_WIDTH = 40
DEFAULT_WIDTH = 80
LEVEL_COLUMN = 10

REQUIRED_STYLE = "bold yellow"
OPTIONAL_STYLE = "dim"
MUTED = "dim"


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
        for renderable in renderables(result, console.width):
            escape_controls(renderable)
            # A Text marked no_wrap is a line to keep whole (a FILE:LINE:COLUMN problem).
            console.print(
                renderable, soft_wrap=isinstance(renderable, Text) and renderable.no_wrap is True
            )
    # Rich pads every line to the full width; the padding is noise in a file or a diff.
    write_text(out, "".join(line.rstrip(" ") + "\n" for line in captured.get().splitlines()))


renderables: Renderers[Iterable[RenderableType]] = Renderers("table")


def escape_controls(renderable: object) -> None:
    """Escape, in place, every control character and bidi mark in the text of a renderable
    and of everything it holds (``skillpath.text.printable``): the one place that keeps what
    the data, a file name or an argument carries from reaching the terminal raw, whichever
    renderer built the text. Line breaks and tabs stay; styles stay on their characters."""
    if isinstance(renderable, Text):
        escape_text(renderable)
    elif isinstance(renderable, Table):
        if isinstance(renderable.title, str):
            renderable.title = printable(renderable.title)
        for column in renderable.columns:
            if isinstance(column.header, str):
                column.header = printable(column.header)
            escape_controls(column.header)
            # Rich keeps a column's cells in a list it names private; a plain string in
            # one is replaced by its escaped form, anything else is escaped in place.
            cells = column._cells
            for index, cell in enumerate(cells):
                if isinstance(cell, str):
                    cells[index] = printable(cell, multiline=True)
                else:
                    escape_controls(cell)
        escape_controls(renderable.title)
    elif isinstance(renderable, Group):
        for inner in renderable.renderables:
            escape_controls(inner)
    elif isinstance(renderable, Padding):
        escape_controls(renderable.renderable)


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


def new_table(*, title: str | Text | None = None) -> Table:
    return Table(
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


def describe(expectation: Expectation | None, *, detail: bool = False) -> Text:
    if expectation is None:
        return Text("(not described in the data)", "italic dim")
    text = Text(expectation.description)
    # Items the file gives are the cell's own words: shown as the list they are.
    for at, item in enumerate(expectation.given_items):
        text.append(f"{'' if at == 0 and not expectation.description else chr(10)}- {item}")
    if detail:
        text.append_text(bullets("Examples", expectation.examples))
        text.append_text(bullets("Evidence", expectation.evidence))
        text.append_text(bullets("Questions", expectation.questions))
    return text


def bullets(heading: str, lines: Iterable[str]) -> Text:
    """A titled list under a cell's text; nothing where the data gives no lines."""
    found = list(lines)
    if not found:
        return Text()
    text = Text(f"\n{heading}:", MUTED)
    for line in found:
        text.append(f"\n- {line}")
    return text


def not_yet(step: Step) -> Text:
    """Where a skill has no cell at the person's level: it starts at the next one."""
    if step.current is None and step.next is not None and step.to is not None:
        return Text(f"(this skill starts at {step.to.name})", "italic dim")
    return describe(step.current)


# -- list, roles, levels -------------------------------------------------------------------


@renderables.register("ladder.SkillList")
def skill_list(result: SkillList, width: int) -> list[RenderableType]:
    """One row per skill; roles one per line, so that names keep the width they need."""
    domains = sorted({entry.skill.domain for entry in result.skills})
    levels = sorted({entry.counts.levels for entry in result.skills})
    if not result.skills:
        return [Text("No skills yet: write one with `skillpath new` or `skillpath import`.")]
    heading = Text.assemble(
        (" · ".join(domains), "bold"),
        f" · {plural(len(result.skills), 'skill')}",
        f" · {plural(levels[0], 'level')} each" if len(levels) == 1 else "",
    )
    columns = [Column("Skill", 2)]
    if len(domains) > 1:
        columns.append(Column("Domain", 1))
    columns += [Column("Roles", 1), Column("Req.", 0, "right"), Column("Opt.", 0, "right")]
    rows = []
    for entry in result.skills:
        skill, counts = entry.skill, entry.counts
        label = Text.assemble((printable(skill.name), "bold"), "\n", (printable(skill.id), MUTED))
        if entry.origin != "bundled":  # a team's own skill, or its override of a bundled one
            label.append(f"\nfrom {printable(entry.origin)}", "italic")
        cells = [label]
        if len(domains) > 1:
            cells.append(Text(skill.domain))
        cells += [
            Text("\n".join(printable(role.name) for role in entry.roles)),
            Text(str(counts.required)),
            Text(str(counts.optional)),
        ]
        rows.append(cells)
    table = whole_word_table(width, columns, rows)
    if table is None:  # too narrow for whole words side by side: one block per skill
        return [heading, *(Group(Text(), *row[:-2], counts_line(row)) for row in rows)]
    return [heading, table]


def counts_line(row: Sequence[Text]) -> Text:
    return Text(f"{row[-2].plain} required · {row[-1].plain} optional", MUTED)


@renderables.register("validation.Report")
def validation_report(result: Report, width: int) -> list[RenderableType]:
    """One line per problem, as compilers write them, so editors can jump to each."""
    lines: list[RenderableType] = [
        Text(str(problem), "red", no_wrap=True, overflow="ignore") for problem in result.problems
    ]
    style = "bold red" if result.problems else "bold green"
    lines.append(Text(problem_count(result), style))
    return lines


def names(name: str, entry_id: str, aliases: tuple[str, ...]) -> Text:
    """A role or level's name with the other names it answers to, one per line."""
    text = Text.assemble((name, "bold"), "\n", (entry_id, MUTED))
    if aliases:
        text.append("\n" + ", ".join(aliases), MUTED)
    return text


@renderables.register("ladder.RoleList")
def role_list(result: RoleList, width: int) -> list[RenderableType]:
    rows = [[names(r.name, r.id, r.aliases), Text(r.summary)] for r in result.roles]
    columns = [Column("Role · id · aliases", 0), Column("Summary", 1)]
    return [whole_word_table(width, columns, rows) or Group(*map(stacked_row, rows))]


@renderables.register("ladder.LevelList")
def level_list(result: LevelList, width: int) -> list[RenderableType]:
    rows = [
        [Text(str(lv.number)), names(lv.name, lv.id, lv.aliases), Text(lv.summary)]
        for lv in result.levels
    ]
    columns = [Column("#", 0, "right"), Column("Level · id · aliases", 0), Column("Summary", 1)]
    title = Text("Lowest first")
    table = whole_word_table(width, columns, rows, title)
    return [
        table
        or Group(
            title,
            *(stacked_row([Text.assemble(n, ". ", *rest[:1]), *rest[1:]]) for n, *rest in rows),
        )
    ]


def stacked_row(cells: Sequence[Text]) -> RenderableType:
    """A row too wide for whole words side by side: its first cell, the others under it."""
    return Group(Text(), cells[0], *(Padding(cell, (0, 0, 0, 2)) for cell in cells[1:]))


# -- show ----------------------------------------------------------------------------------


def matrix_header(result: Matrix) -> Text:
    skill, counts = result.skill, result.counts
    updated = f" · updated {skill.updated.isoformat()}" if skill.updated else ""
    return Text.assemble(
        (skill.name, "bold"),
        (f"  {skill.id}", MUTED),
        f"\n{skill.domain}{updated}\n",
        f"{plural(counts.roles, 'role')} · {plural(counts.levels, 'level')} · ",
        (f"{counts.required} required", REQUIRED_STYLE if counts.required else ""),
        f" · {counts.optional} optional",
    )


@renderables.register("ladder.Matrix")
def matrix(result: Matrix, width: int) -> list[RenderableType]:
    side_by_side = len(result.roles) > 1 and fits_side_by_side(len(result.roles), width)
    tables = (
        [roles_side_by_side(result)]
        if side_by_side
        else [one_role(result, role) for role in result.roles]
    )
    return [matrix_header(result), Text(), *tables]


def fits_side_by_side(roles: int, width: int) -> bool:
    borders = 3 * (roles + 1)
    return (width - LEVEL_COLUMN - borders) // roles >= MIN_ROLE_COLUMN


def roles_side_by_side(result: Matrix) -> Table:
    table = new_table()
    table.add_column("Level", min_width=LEVEL_COLUMN - 1, no_wrap=True)
    for role in result.roles:
        table.add_column(role.name, overflow="fold", ratio=1)
    for level in result.levels:
        row = [
            Text.assemble(flag(c.required), "\n", describe(c, detail=result.detail))
            if (c := result.cell(role, level))
            else describe(c)
            if result.in_run(role, level)
            else Text("—", MUTED)  # the role's run of levels in this skill does not reach it
            for role in result.roles
        ]
        table.add_row(Text(level.name, "bold"), *row, end_section=True)
    return table


def one_role(result: Matrix, role: Role) -> Table:
    table = new_table(title=role.name)
    table.add_column("Level", min_width=LEVEL_COLUMN - 1, no_wrap=True)
    table.add_column("Expectation", overflow="fold", ratio=1)
    for level in result.levels:
        cell = result.cell(role, level)
        if cell is None and not result.in_run(role, level):
            continue  # before the role's first level in this skill, or after its last
        label = (
            Text.assemble((level.name, "bold"), "\n", flag(cell.required))
            if cell
            else Text(level.name, "bold")
        )
        table.add_row(label, describe(cell, detail=result.detail), end_section=True)
    return table


# -- next ----------------------------------------------------------------------------------


@renderables.register("ladder.NextStep")
def next_step(result: NextStep, width: int) -> list[RenderableType]:
    role, current, target = result.role, result.current, result.target
    if target is None:
        title = Text.assemble((f"{role.name} · {current.name}", "bold"))
        ladder = "the ladder" if not role.levels else f"the {role.name} ladder"
        note = Text(
            f"{current.name} is the top of {ladder}: there is no level above it to reach. "
            f"What {current.name} asks of {role.name}:"
        )
        return [title, note, *(top_step(step) for step in result.steps)]
    summary = result.summary
    title = Text.assemble((f"{role.name} · {current.name} → {target.name}", "bold"))
    line = Text(
        f"To reach {target.name}: {plural(summary.items, 'item')} to cover "
        f"in {plural(summary.skills, 'skill')} "
        f"({summary.required} required, {summary.optional} optional)."
    )
    if summary.covered:
        line.append(f" {summary.covered} of them covered.")
    undescribed = summary.undescribed
    if undescribed:
        verb = "does" if undescribed == 1 else "do"
        line.append(
            f" {plural(undescribed, 'skill')} {verb} not describe {target.name} for {role.name}."
        )
    if not result.steps:
        line = Text(nothing_shown(result))
    return [title, line, *(step_block(step) for step in result.steps)]


def nothing_shown(result: NextStep) -> str:
    if result.hidden:
        return (
            f"Nothing left to show: {plural(result.hidden, 'skill')} hidden by --todo "
            "(everything covered or skipped) or --required-only."
        )
    return f"No skill in the data has expectations for {result.role.name}."


def step_block(step: Step) -> RenderableType:
    if step.to is None:  # this skill's own level is the top of the ladder
        return top_step(step)
    heading = Text.assemble(
        "\n", (step.skill.name, "bold"), "  ", flag(step.next.required) if step.next else ""
    )
    to_cover = (
        checklist(step.checklist)
        if step.next
        else Text(f"(this skill ends at {step.at.name})", "italic dim")
        if step.ended
        else describe(None)
    )
    then = step.to.name
    return Group(
        heading,
        Padding(
            Group(
                Text(f"Now, at {step.at.name}:", MUTED),
                Padding(not_yet(step), (0, 0, 0, 2)),
                Text(f"To cover for {then}:", MUTED),
                Padding(to_cover, (0, 0, 0, 2)),
                *evidence_block(step.next),
            ),
            (0, 0, 0, 2),
        ),
    )


def checklist(entries: Iterable[Checked]) -> Table:
    """Numbered items, so that `skillpath done SKILL:N` can name one, with their state:
    [x] covered, [~] in progress, [-] skipped, [ ] to do."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold", ratio=1)
    grid.add_column(style=MUTED, no_wrap=True)
    for entry in entries:
        grid.add_row(
            f"{entry.number}.", state_box(entry.state), Text(entry.item.text), entry.item.id
        )
    return grid


def evidence_block(cell: Expectation | None) -> list[RenderableType]:
    """What a reviewer would accept for the cell to cover, where the data says."""
    if cell is None or not cell.evidence:
        return []
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold", ratio=1)  # wrapped lines hang under their text
    for line in cell.evidence:
        grid.add_row("-", Text(line))
    return [Text("What counts as evidence:", MUTED), Padding(grid, (0, 0, 0, 2))]


def top_step(step: Step) -> RenderableType:
    heading = Text.assemble(
        "\n", (step.skill.name, "bold"), "  ", flag(step.current.required) if step.current else ""
    )
    return Group(heading, Padding(describe(step.current), (0, 0, 0, 2)))


# -- path, compare, progress, search, profile ----------------------------------------------


@renderables.register("growth.Roadmap")
def roadmap(result: Roadmap, width: int) -> list[RenderableType]:
    out: list[RenderableType] = [
        Text(f"{result.role.name} · {result.start.name} → {result.end.name}", "bold"),
        Text(f"{plural(len(result.steps), 'step')} up the ladder."),
    ]
    for step in result.steps:
        target = step.target.name if step.target else ""
        out.append(
            Text(
                f"\n{step.current.name} → {target}: {plural(step.summary.items, 'item')}",
                "bold underline",
            )
        )
        out.append(
            Text(
                f"SKILL:N names an item with --level {step.current.name} "
                f"(`skillpath done SKILL:N --level {step.current.id}`).",
                MUTED,
            )
        )
        out += [step_block(s) for s in step.steps]
    return out


@renderables.register("growth.Comparison")
def comparison(result: Comparison, width: int) -> list[RenderableType]:
    a = f"{result.a_role.name} · {result.a_level.name}"
    b = f"{result.b_role.name} · {result.b_level.name}"
    out: list[RenderableType] = [Text(f"{a}  vs  {b}", "bold")]
    if result.shared:
        title = Text(f"{plural(len(result.shared), 'skill')} in common")
        rows = [
            [Text(printable(pair.skill.name), "bold"), describe(pair.first), describe(pair.second)]
            for pair in result.shared
        ]
        columns = [Column("Skill", 1), Column(Text(a), 2), Column(Text(b), 2)]
        table = whole_word_table(width, columns, rows, title)
        if table is not None:
            out.append(table)
        else:  # too narrow for whole words side by side: each skill's two cells, stacked
            out.append(Text.assemble("\n", title))
            out += [stacked(row[0], [(a, row[1]), (b, row[2])]) for row in rows]
    for side, skills in ((a, result.only_a), (b, result.only_b)):
        if skills:
            names = ", ".join(skill.name for skill in skills)
            out.append(Text.assemble((f"\nOnly {side}: ", "bold"), names))
    return out


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


@renderables.register("growth.ProgressReport")
def progress(result: ProgressReport, width: int) -> list[RenderableType]:
    if result.target is None:
        title = f"{result.role.name} · {result.current.name} is the top of the ladder"
        return [Text(title, "bold"), *stale_block(result.stale)]
    out: list[RenderableType] = [
        Text(f"{result.role.name} · {result.current.name} → {result.target.name}", "bold"),
        progress_bars(result),
    ]
    totals = result.totals
    if totals.started or totals.skipped:
        out.append(
            Text(
                f"{totals.started} in progress; {totals.skipped} skipped as not applicable "
                "(not counted against you).",
                MUTED,
            )
        )
    for row in result.skills:
        marked = [status for status in row.items if status.mark]
        if marked:
            out += [
                Text(f"\n{row.skill.name}", "bold"),
                Padding(marked_items(marked), (0, 0, 0, 2)),
            ]
    return out + stale_block(result.stale)


def progress_bars(result: ProgressReport) -> Table:
    """Covered of what counts (skipped items do not), overall, required and per skill."""
    totals = result.totals
    bars = Table.grid(padding=(0, 1))
    bars.add_column(ratio=2, overflow="fold")
    bars.add_column(ratio=1, min_width=6)
    bars.add_column(justify="right", no_wrap=True)
    rows = [
        (Text("Overall", "bold"), totals.applicable, totals.covered),
        (Text("Required", REQUIRED_STYLE), totals.required_total, totals.required_covered),
        *(
            (Text(row.skill.name), row.applicable, row.covered)
            for row in result.skills
            if row.items
        ),
    ]
    for label, total, covered in rows:
        bars.add_row(label, Bar(covered, total), f"{covered}/{total}")
    return bars


STATE_BOXES = {
    "done": ("[x]", "green"),
    "started": ("[~]", "yellow"),
    "skipped": ("[-]", MUTED),
    None: ("[ ]", ""),
}


def state_box(state: str | None) -> Text:
    text, style = STATE_BOXES.get(state, STATE_BOXES[None])
    return Text(text, style)


def marked_items(marked: Iterable[ItemStatus]) -> Table:
    """Each marked item with its state and every piece of evidence, oldest first."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold", ratio=1)
    for status in marked:
        mark = status.mark
        assert mark is not None
        lines = Text(status.item.text)
        lines.append(f"\n{mark_line(mark)}", MUTED)
        for piece in mark.evidence:
            lines.append(f"\n- {piece.day.isoformat()}: {piece.note}")
            if piece.link:
                lines.append(f" <{piece.link}>", MUTED)
        grid.add_row(state_box(mark.state), lines)
    return grid


def mark_line(mark: Mark) -> str:
    """When the item entered its state (and why it was skipped)."""
    words = {"done": "covered", "started": "started", "skipped": "skipped"}[mark.state]
    reason = f": {mark.reason}" if mark.reason else ""
    return f"{words} {mark.since.isoformat()}{reason} · {mark.item}"


def stale_block(stale: Iterable[Stale]) -> list[RenderableType]:
    """Marks whose item was reworded or removed: kept, not counted, with the likely successor."""
    stale = list(stale)
    if not stale:
        return []
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style=MUTED)
    grid.add_column(overflow="fold", ratio=1)
    for entry in stale:
        mark = entry.mark
        text = Text.assemble((f"{mark.skill}: ", "bold"), mark.text)
        text.append(
            f"\n{mark_line(mark)}, {plural(len(mark.evidence), 'piece')} of evidence", MUTED
        )
        if entry.closest is not None and mark.state != "done":
            text.append(f"\nnow likely {entry.closest.id}: {entry.closest.text}")
            text.append(
                f"\n  mark {entry.closest.id} as this was, then `skillpath undo {mark.item}`",
                MUTED,
            )
        elif entry.closest is not None:
            text.append(f"\nnow likely {entry.closest.id}: {entry.closest.text}")
            text.append(
                f"\n  `skillpath done {entry.closest.id} --from {mark.item}` moves the evidence",
                MUTED,
            )
        grid.add_row(mark.item, text)
    heading = Text("\nReworded or removed (kept, not counted):", "bold yellow")
    return [heading, Padding(grid, (0, 0, 0, 2))]


@renderables.register("search.SearchResult")
def search(result: SearchResult, width: int) -> list[RenderableType]:
    if not result.hits:
        return [Text(f"Nothing matches {result.query!r}.")]
    count = len(result.hits)
    title = Text(f"{count} match{'es' * (count != 1)} for {result.query!r}")
    rows = []
    for hit in result.hits:
        text = Text(hit.text)
        for start, end in hit.spans:
            text.stylize("bold reverse", start, end)
        where = Text(hit.field, MUTED)  # the skill's name or summary
        if hit.place:
            place = hit.place
            where = Text(f"{place.role.name}\n{place.level.name}", MUTED)
            if place.item:
                # The id is what to copy: a column too narrow for `SKILL:N -r ROLE -l
                # LEVEL` wraps it at a space, and its first line alone names another item
                # (the profile's level). The number is told in words, in no command's form.
                text.append(f"\n{place.item.id}", MUTED)
                if place.below:
                    below, level = place.below.name, place.level.name
                    text.append(f" · item {place.number} of {below} → {level}", MUTED)
            else:  # a description or an example: no item to act on
                where.append(f"\n{hit.field}")
        rows.append([Text(hit.skill.name, "bold"), where, text])
    columns = [Column("Skill", 1), Column("Where", 0), Column("Text", 3)]
    table = whole_word_table(width, columns, rows, title)
    if table is not None:
        return [table]
    # Too narrow for whole words side by side: each match under its skill and place.
    return [
        title,
        *(stacked(row[0], [(row[1].plain.replace("\n", " · "), row[2])]) for row in rows),
    ]


@renderables.register("growth.ProfileView")
def profile(result: ProfileView, width: int) -> list[RenderableType]:
    table = new_table(title="Profile")
    table.add_column("Setting", no_wrap=True)
    table.add_column("Value", overflow="fold")
    table.add_row("Role", result.role.name if result.role else "(not set)")
    table.add_row("Level", result.level.name if result.level else "(not set)")
    for skill, level in result.skills:
        table.add_row(f"In {skill}", level.name)
    for folder in result.data_dirs:
        table.add_row("Data folder", Text(folder))
    table.add_row("Kept in", Text(result.file, MUTED))
    return [table]


# -- job, interview ------------------------------------------------------------------------


@renderables.register("hiring.JobDescription")
def job(result: JobDescription, width: int) -> list[RenderableType]:
    role, level = result.role, result.level
    shown: list[RenderableType] = [Text(f"{level.name} {role.name}", "bold")]
    shown += [Text(summary) for summary in (role.summary, level.summary) if summary]
    for heading, duties in (
        ("What the role requires", result.required),
        ("Also valued", result.optional),
    ):
        if duties:
            shown += [Text(f"\n{heading}", "bold"), *(duty_block(duty) for duty in duties)]
    if not result.required and not result.optional:
        shown.append(Text(f"No skill in the data describes {level.name} for {role.name}."))
    return shown


def duty_block(duty: Duty) -> RenderableType:
    return Group(
        Text.assemble("\n", (duty.skill.name, "bold"), "  ", flag(duty.cell.required)),
        Padding(Text(duty.cell.wording), (0, 0, 0, 2)),
    )


@renderables.register("hiring.InterviewKit")
def interview(result: InterviewKit, width: int) -> list[RenderableType]:
    shown: list[RenderableType] = [
        Text(f"Interview kit · {result.role.name} · {result.level.name}", "bold"),
        Text(
            f"{plural(len(result.sections), 'skill')}, {plural(result.questions, 'question')} "
            f"({result.prompts} written from descriptions where the data has no questions)."
        ),
    ]
    for section in result.sections:
        questions = Table.grid(padding=(0, 1))
        questions.add_column(justify="right", no_wrap=True)
        questions.add_column(overflow="fold", ratio=1)
        for number, question in enumerate(section.questions, start=1):
            questions.add_row(f"{number}.", Text(question.text))
        shown.append(
            Group(
                Text.assemble(
                    "\n", (section.skill.name, "bold"), "  ", flag(section.cell.required)
                ),
                Padding(Group(questions, *evidence_block(section.cell)), (0, 0, 0, 2)),
            )
        )
    return shown


@renderables.register("growth.HistoryLog")
def history(result: HistoryLog, width: int) -> list[RenderableType]:
    if not result.changes:
        return [Text("No changes match." if result.filtered else "No changes recorded yet.")]
    table = new_table(title=f"{plural(len(result.changes), 'change')}")
    table.add_column("When", no_wrap=True)
    table.add_column("Action", no_wrap=True)
    table.add_column("Item", overflow="fold", ratio=2)
    table.add_column("Evidence", overflow="fold", ratio=2)
    for change in result.changes:
        skill = result.name("skill", change.skill)
        level = result.name("level", change.level)
        item = Text.assemble((skill, "bold"), f"\n{change.item}", (f" · {level}", MUTED))
        table.add_row(local_time(change.time), change.action, item, change_detail(change))
    return [table]


def change_detail(change: Change) -> Text:
    text = Text(change.note or change.reason)
    if change.day is not None:
        text.append(f" ({change.day.isoformat()})", MUTED)
    if change.link:
        text.append(f"\n<{change.link}>", MUTED)
    if change.moved_from:
        text.append(f"\nmoved from {change.moved_from}", MUTED)
    return text


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
