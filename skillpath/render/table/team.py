"""Tables of a team: the people and their next level, and a heat map of people by skills
drawn with the progress bars' glyphs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from skillpath.render.base import people
from skillpath.render.table.escape import EscapedTable
from skillpath.render.table.parts import MUTED, Bar, new_table, renderables

if TYPE_CHECKING:  # the answers' types, named only: registering needs no import
    from skillpath.team.summary import PersonRow, TeamView

CELL = 3  # a heat map cell: a bar this many glyphs wide
PERSON_COLUMN = 14
WIDE = 90  # narrower, each person is a block of lines rather than a row of columns


@renderables.register("team.summary.TeamView")
def team(result: TeamView, width: int) -> list[RenderableType]:
    out: list[RenderableType] = [
        Text(f"Team · {result.framework} · {people(len(result.people))}", "bold")
    ]
    if not result.people:
        out.append(Text(f"No shared plan can be read in {result.folder}/people.", MUTED))
        return out
    out += [people_table(result)] if width >= WIDE else people_blocks(result)
    out.append(
        Text(
            "Covered: of the next level's items that apply (skipped ones do not). Req.: "
            "required items covered. Untouched: skills with nothing covered yet.",
            MUTED,
        )
    )
    if result.skills:
        out += [Text("\nNext-level coverage, person by skill:", "bold"), *heat_maps(result, width)]
        out.append(legend(result))
    return out


def people_table(result: TeamView) -> Table:
    table = new_table()
    table.add_column("Person", overflow="fold", ratio=2)
    table.add_column("Level", overflow="fold", ratio=2)
    table.add_column("Covered", ratio=2, min_width=8)
    table.add_column("Req.", justify="right", no_wrap=True)
    table.add_column("Stale", justify="right", no_wrap=True)
    table.add_column("Untouched", justify="right", no_wrap=True)
    table.add_column("Changed", no_wrap=True)
    for row in result.people:
        table.add_row(*person_cells(row))
    return table


def person_cells(row: PersonRow) -> list[RenderableType]:
    report, totals, plan = row.report, row.report.totals, row.plan
    changed = plan.last_change.isoformat() if plan.last_change else "-"
    person = Text(plan.name, "bold")
    if plan.name != plan.id:
        person.append(f"\n{plan.id}", MUTED)
    target = report.target.name if report.target else "(top)"
    level = Text.assemble(report.role.name, (f"\n{report.current.name} → {target}", MUTED))
    covered = Text(f"{totals.covered}/{totals.applicable}")
    bar = EscapedTable.grid()
    bar.add_column(ratio=1, min_width=4)
    bar.add_row(Bar(totals.covered, totals.applicable))
    bar.add_row(covered)
    planned = sum(1 for skill in report.skills if skill.applicable)
    return [
        person,
        level,
        bar,
        f"{totals.required_covered}/{totals.required_total}",
        str(len(report.stale)),
        f"{len(row.uncovered)}/{planned}",
        changed,
    ]


def people_blocks(result: TeamView) -> list[RenderableType]:
    """Each person as a heading, a bar and a line of facts, for a narrow terminal."""
    out: list[RenderableType] = []
    for row in result.people:
        report, totals, plan = row.report, row.report.totals, row.plan
        target = report.target.name if report.target else "(top)"
        head = Text.assemble("\n", (plan.name, "bold"))
        if plan.name != plan.id:
            head.append(f" ({plan.id})", MUTED)
        head.append(f" · {report.role.name}, {report.current.name} → {target}")
        planned = sum(1 for skill in report.skills if skill.applicable)
        changed = plan.last_change.isoformat() if plan.last_change else "-"
        facts = (
            f"{totals.covered}/{totals.applicable} covered · required "
            f"{totals.required_covered}/{totals.required_total} · stale {len(report.stale)} · "
            f"untouched {len(row.uncovered)}/{planned} · changed {changed}"
        )
        grid = EscapedTable.grid(padding=(0, 0, 0, 2))
        grid.add_column(ratio=1)
        grid.add_row(Bar(totals.covered, totals.applicable))
        grid.add_row(Text(facts, MUTED))
        out += [head, grid]
    return out


def heat_maps(result: TeamView, width: int) -> list[RenderableType]:
    """The heat map in as many tables as the width needs, skill numbers as column heads."""
    per_table = max(1, (width - PERSON_COLUMN - 2) // (CELL + 1))
    skills = list(enumerate(result.skills, start=1))
    maps: list[RenderableType] = []
    for start in range(0, len(skills), per_table):
        chunk = skills[start : start + per_table]
        grid = EscapedTable(box=None, pad_edge=False, padding=(0, 1, 0, 0), show_header=True)
        grid.add_column("", no_wrap=True, max_width=PERSON_COLUMN, overflow="ellipsis")
        for number, _ in chunk:
            grid.add_column(str(number), width=CELL, no_wrap=True, justify="left")
        for row in result.people:
            cells: list[RenderableType] = [row.plan.id]
            for _, coverage in chunk:
                cell = row.cell(coverage.skill.id)
                if cell is not None and cell.items:
                    cells.append(Bar(cell.covered, cell.applicable))
                else:
                    cells.append(Text("·", MUTED))
            grid.add_row(*cells)
        maps.append(grid)
    return maps


def legend(result: TeamView) -> Table:
    grid = EscapedTable.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True, style=MUTED)
    grid.add_column(overflow="fold", ratio=1)
    for number, coverage in enumerate(result.skills, start=1):
        grid.add_row(
            str(number),
            Text.assemble(
                coverage.skill.name,
                (f": {coverage.covered} of {coverage.planned} cover it", MUTED),
            ),
        )
    return grid
