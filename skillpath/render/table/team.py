"""Tables of a team: the people and their next level, and a heat map of people by skills
drawn with the progress bars' glyphs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from skillpath.render.base import people, plural
from skillpath.render.table.escape import EscapedTable
from skillpath.render.table.parts import MUTED, Bar, new_table, renderables, state_box
from skillpath.render.table.plan import add_evidence, mark_line, stale_block

if TYPE_CHECKING:  # the answers' types, named only: registering needs no import
    from skillpath.team.model import Verdict
    from skillpath.team.reviews import Calibration, ReviewPacket
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
    required = " Req.: required items covered." if width >= WIDE else ""
    out.append(
        Text(
            f"{'' if width >= WIDE else chr(10)}Covered: of the next level's items that apply "
            f"(skipped ones do not).{required} Untouched: skills with nothing covered yet.",
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


# -- review packets and calibration ---------------------------------------------------------


@renderables.register("team.reviews.ReviewPacket")
def packet(result: ReviewPacket, width: int) -> list[RenderableType]:
    report, plan, totals = result.report, result.plan, result.report.totals
    target = report.target.name if report.target else "(top)"
    out: list[RenderableType] = [
        Text(f"{named(plan.name, plan.id)} · {report.role.name}, {report.current.name} → {target}",
             "bold"),
        Text(f"{totals.covered}/{totals.applicable} covered, required "
             f"{totals.required_covered}/{totals.required_total}; shared {plan.shared}", MUTED),
    ]  # fmt: skip
    for row in (row for row in report.skills if row.items):
        grid = EscapedTable.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold", ratio=1)
        for status in row.items:
            text = Text(status.item.text)
            text.append(f"  {status.item.id}", MUTED)
            if status.mark is not None:
                text.append(f"\n{mark_line(status.mark)}", MUTED)
                add_evidence(text, status.mark)
            add_verdicts(text, result.on(status.item.id))
            grid.add_row(state_box(status.mark.state if status.mark else None), text)
        out += [Text(f"\n{row.skill.name} ({row.covered}/{row.applicable})", "bold"), grid]
    out += stale_block(report.stale)
    for other in result.others:
        text = Text.assemble(("Also reviewed: ", "bold"), other.text, (f"  {other.item}", MUTED))
        add_verdicts(text, other.verdicts)
        out.append(text)
    return out


def named(name: str, person: str) -> str:
    return person if name == person else f"{name} ({person})"


def add_verdicts(text: Text, verdicts: tuple[Verdict, ...]) -> None:
    styles = {"agree": "green", "not-yet": "yellow", "needs-evidence": "yellow"}
    for verdict in verdicts:
        text.append("\n» ")
        text.append(verdict.verdict, styles.get(verdict.verdict, ""))
        text.append(
            f" by {verdict.by}, {verdict.time}" + (f": {verdict.note}" if verdict.note else "")
        )


@renderables.register("team.reviews.Calibration")
def calibration(result: Calibration, width: int) -> list[RenderableType]:
    team = result.team
    out: list[RenderableType] = [
        Text(f"Calibration · {plural(team.verdicts, 'verdict')}, {team.share:.0%} agree, "
             f"{plural(team.disagreements, 'disagreement')}", "bold"),
    ]  # fmt: skip
    if result.reviewers:
        table = new_table(title="Reviewers")
        for heading in ("Reviewer", "Verdicts", "Agree", "vs team", "Disagree"):
            table.add_column(heading, justify="left" if heading == "Reviewer" else "right")
        for r in result.reviewers:
            table.add_row(r.reviewer, str(r.verdicts), f"{r.share:.0%}",
                          f"{r.share - team.share:+.0%}", str(r.disagreements))  # fmt: skip
        out.append(table)
    if result.people:
        table = new_table(title="People")
        for heading in ("Person", "Verdicts", "Disagree"):
            table.add_column(heading, justify="left" if heading == "Person" else "right")
        for p in result.people:
            table.add_row(p.name if p.name == p.person else f"{p.name} ({p.person})",
                          str(p.verdicts), str(p.disagreements))  # fmt: skip
        out.append(table)
    if result.disagreements:
        out.append(Text("\nDisagreements:", "bold"))
        words = {
            "done-not-yet": "covered, but not yet for",
            "agreed-not-marked": "not marked, but agreed by",
        }
        for d in result.disagreements:
            line = Text.assemble((d.person, "bold"), f" {d.item}: ", d.text)
            line.append(
                f"\n  {words[d.kind]} {d.reviewer}" + (f": {d.note}" if d.note else ""), MUTED
            )
            out.append(line)
    return out
