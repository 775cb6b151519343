"""Tables of a person's plan: path, compare, progress, profile and log."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from skillpath.render.base import by_date, local_time, plural
from skillpath.render.table.escape import EscapedTable
from skillpath.render.table.framework import step_block
from skillpath.render.table.parts import (
    MUTED,
    REQUIRED_STYLE,
    Bar,
    Column,
    describe,
    flag,
    new_table,
    renderables,
    stacked,
    state_box,
    whole_word_table,
)

if TYPE_CHECKING:  # the answers' types, named only: registering needs no import
    from skillpath.authoring.written import Written
    from skillpath.framework.model import Expectation
    from skillpath.plan.evidence import EvidenceList
    from skillpath.plan.history import HistoryLog
    from skillpath.plan.marking import Marked
    from skillpath.plan.model import Change, Mark
    from skillpath.plan.profile import ProfileView
    from skillpath.plan.progress import ItemStatus, ProgressReport, Stale
    from skillpath.plan.roadmap import Comparison, Roadmap

# -- path, compare, progress, search, profile ----------------------------------------------


@renderables.register("plan.roadmap.Roadmap")
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


@renderables.register("plan.roadmap.Comparison")
def comparison(result: Comparison, width: int) -> list[RenderableType]:
    a = f"{result.a_role.name} · {result.a_level.name}"
    b = f"{result.b_role.name} · {result.b_level.name}"
    out: list[RenderableType] = [Text(f"{a}  vs  {b}", "bold")]
    if result.shared:
        title = Text(f"{plural(len(result.shared), 'skill')} in common")
        rows = [
            [Text(pair.skill.name, "bold"), flagged(pair.first), flagged(pair.second)]
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


def flagged(cell: Expectation | None) -> Text:
    """A cell as `show` draws it: required or optional above its text."""
    if cell is None:
        return describe(cell)
    return Text.assemble(flag(cell.required), "\n", describe(cell))


@renderables.register("plan.progress.ProgressReport")
def progress(result: ProgressReport, width: int) -> list[RenderableType]:
    if result.target is None:
        title = f"{result.role.name} · {result.current.name} is the top of the ladder"
        return [Text(title, "bold"), *stale_block(result.stale), *kept_block(result)]
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
    return out + stale_block(result.stale) + kept_block(result)


def kept_block(result: ProgressReport) -> list[RenderableType]:
    """Marks of items of another level or role than the one in effect: kept, not counted."""
    if not result.kept:
        return []
    grid = EscapedTable.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold", ratio=1)
    for kept in result.kept:
        mark = kept.mark
        role, level = kept.names
        text = Text.assemble((f"{mark.skill}, {role} at {level}: ", "bold"), mark.text)
        text.append(f"\n{mark_line(mark)}", MUTED)
        add_evidence(text, mark)
        grid.add_row(state_box(mark.state), text)
    heading = Text("\nOf another level or role (kept, not counted):", "bold yellow")
    return [heading, Padding(grid, (0, 0, 0, 2))]


def progress_bars(result: ProgressReport) -> Table:
    """Covered of what counts (skipped items do not), overall, required and per skill."""
    totals = result.totals
    bars = EscapedTable.grid(padding=(0, 1))
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


def marked_items(marked: Iterable[ItemStatus]) -> Table:
    """Each marked item with its state and every piece of evidence, oldest first."""
    grid = EscapedTable.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold", ratio=1)
    for status in marked:
        mark = status.mark
        assert mark is not None
        lines = Text(status.item.text)
        lines.append(f"\n{mark_line(mark)}", MUTED)
        add_evidence(lines, mark)
        grid.add_row(state_box(mark.state), lines)
    return grid


def add_evidence(text: Text, mark: Mark) -> None:
    """Every piece of a mark's evidence, oldest first, a line each."""
    for piece in by_date(mark.evidence):
        text.append(f"\n- {piece.day.isoformat()}: {piece.note}")
        if piece.link:
            text.append(f" <{piece.link}>", MUTED)


MARK_WORDS = {"done": "covered", "started": "started", "skipped": "skipped", "todo": "back to do"}


def mark_line(mark: Mark) -> str:
    """When the item entered its state (and why it was skipped)."""
    words = MARK_WORDS[mark.state]
    reason = f": {mark.reason}" if mark.reason else ""
    return f"{words} {mark.since.isoformat()}{reason} · {mark.item}"


def stale_block(stale: Iterable[Stale]) -> list[RenderableType]:
    """Marks whose item was reworded or removed: kept, not counted, with the likely successor."""
    stale = list(stale)
    if not stale:
        return []
    grid = EscapedTable.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style=MUTED)
    grid.add_column(overflow="fold", ratio=1)
    for entry in stale:
        mark = entry.mark
        text = Text.assemble((f"{mark.skill}: ", "bold"), mark.text)
        text.append(
            f"\n{mark_line(mark)}, {plural(len(mark.evidence), 'piece')} of evidence", MUTED
        )
        add_evidence(text, mark)
        if entry.closest is None:
            grid.add_row(mark.item, text)
            continue
        likely = "perhaps (a guess: check its words)" if entry.guess else "now likely"
        text.append(f"\n{likely} {entry.closest.id}: {entry.closest.text}")
        if mark.state != "done" and not mark.evidence:
            text.append(
                f"\n  mark {entry.closest.id} as this was, then `skillpath undo {mark.item}`",
                MUTED,
            )
        else:
            text.append(
                f"\n  `skillpath done {entry.closest.id} --from {mark.item}` moves the evidence",
                MUTED,
            )
        grid.add_row(mark.item, text)
    heading = Text("\nReworded or removed (kept, not counted):", "bold yellow")
    return [heading, Padding(grid, (0, 0, 0, 2))]


@renderables.register("plan.evidence.EvidenceList")
def evidence(result: EvidenceList, width: int) -> list[RenderableType]:
    skill, role, level = result.names
    gone = "" if result.in_data else " (no longer in the data)"
    out: list[RenderableType] = [
        Text.assemble((f"{result.item}: ", "bold"), result.text),
        Text(f"{skill}, {role} at {level}{gone}", MUTED),
    ]
    if not result.pieces:
        return [*out, Text("No evidence yet.")]
    table = new_table(title=plural(len(result.pieces), "piece") + " of evidence")
    table.add_column("N", justify="right", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Note", overflow="fold", ratio=2)
    table.add_column("Link", overflow="fold", ratio=1)
    for number, piece in result.pieces:
        table.add_row(str(number), piece.day.isoformat(), piece.note, piece.link)
    return [*out, table]


@renderables.register("authoring.written.Written")
def written(result: Written, width: int) -> list[RenderableType]:
    title = Text(f"{result.action}: {plural(len(result.files), 'file')} written", "bold")
    return [title, *(Text(str(path), no_wrap=True) for path in result.files)]


@renderables.register("plan.marking.Marked")
def marked(result: Marked, width: int) -> list[RenderableType]:
    mark = result.after
    text = Text.assemble((f"{result.action} {result.item}: ", "bold"), result.text)
    text.append(f"\n{mark_line(mark)}" if mark else "\nnot marked", MUTED)
    if mark is not None:
        add_evidence(text, mark)
    return [text]


@renderables.register("plan.profile.ProfileView")
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


@renderables.register("plan.history.HistoryLog")
def history(result: HistoryLog, width: int) -> list[RenderableType]:
    if not result.changes:
        return [Text("No changes match." if result.filtered else "No changes recorded yet.")]
    shown = result.shown
    hidden = len(result.changes) - len(shown)
    title = f"{plural(len(result.changes), 'change')}"
    if hidden:
        title = f"The {len(shown)} newest of {title}"
    table = new_table(title=title)
    table.add_column("When", no_wrap=True)
    table.add_column("Action", no_wrap=True)
    table.add_column("Item", overflow="fold", ratio=2)
    table.add_column("Evidence", overflow="fold", ratio=2)
    links: list[str] = []
    for change in shown:
        skill = result.name("skill", change.skill)
        level = result.name("level", change.level)
        item = Text.assemble((skill, "bold"), f"\n{change.item}", (f" · {level}", MUTED))
        if change.link:
            links.append(change.link)
        detail = change_detail(change, len(links) if change.link else None)
        table.add_row(local_time(change.time), change.action, item, detail)
    note = [
        Text(
            f"{plural(hidden, 'older change')} not shown: `skillpath log --all` shows "
            "every change, `--last N` the N newest, --json all of them.",
            MUTED,
        )
    ]
    return [table, *link_lines(links), *(note if hidden else [])]


def link_lines(links: Sequence[str]) -> list[Text]:
    """The links of a table under it, one a line and never wrapped, so that a link is one
    piece to click or copy whatever the terminal's width."""
    return [
        Text.assemble((f"[{number}] ", MUTED), link, no_wrap=True, overflow="ignore")
        for number, link in enumerate(links, start=1)
    ]


def change_detail(change: Change, link: int | None = None) -> Text:
    """A change's note or reason and date; its link as ``[N]``, the line under the table."""
    text = Text(change.note or change.reason)
    if change.day is not None:
        text.append(f" ({change.day.isoformat()})", MUTED)
    if link is not None:
        text.append(f"\nlink [{link}]", MUTED)
    if change.moved_from:
        text.append(f"\nmoved from {change.moved_from}", MUTED)
    if change.piece:
        done_to = "removed" if change.action == "remove" else "edited"
        text.append(f"\n{done_to} piece {change.piece}", MUTED)
    return text
