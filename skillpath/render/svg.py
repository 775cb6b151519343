"""A growth plan as a picture: ``progress --format svg``, a radar chart with one axis per
skill of the plan (the share of the next level's items covered), required skills marked;
and a team as one: ``team --format svg``, a heat map of people by skills.

A standalone SVG with its text as text (no fonts to fetch): drawn by the site's
``radar.svg`` template, so the escaping is Jinja2's and the chart is the site's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skillpath.values import frozen

if TYPE_CHECKING:
    from skillpath.plan.progress import ProgressReport
    from skillpath.site.radar import Radar
    from skillpath.team.summary import TeamView


def progress_radar(result: ProgressReport) -> Radar:
    from skillpath.site.radar import Axis, radar

    who = f"{result.role.name}, {result.current.name}"
    if result.target is None:
        return radar(f"{who}: the top of the ladder", "There is no next level to cover.", [])
    axes = [
        Axis(
            f"{row.skill.name} {row.covered}/{row.applicable}",
            row.covered / row.applicable if row.applicable else 1.0,
            bool(row.cell and row.cell.required),
        )
        for row in result.skills
    ]
    totals = result.totals
    return radar(
        f"{who} to {result.target.name}: {totals.covered} of {totals.applicable} items covered",
        f"A radar chart with one axis per skill of the plan; each axis runs from none to "
        f"all of the skill's {result.target.name} items covered. Filled points and bold "
        "labels are required skills.",
        axes,
    )


def chart(result: ProgressReport) -> str:
    from skillpath.site.build import environment

    template = environment().get_template("radar.svg")
    return template.render(chart=progress_radar(result), standalone=True)


# -- the team's heat map: ``team --format svg`` ---------------------------------------------


@frozen
class Label:
    x: int
    y: int
    text: str


@frozen
class HeatCell:
    x: int
    y: int
    share: float  # of the next level's applicable items covered: the green's opacity
    text: str  # the cell's tooltip


@frozen
class HeatMap:
    title: str
    description: str
    width: int
    height: int
    cell: int
    columns: tuple[Label, ...]
    rows: tuple[Label, ...]
    cells: tuple[HeatCell, ...]


CELL, GAP, NAMES, HEAD = 22, 2, 180, 170


def team_heat_map(result: TeamView) -> HeatMap:
    """People as rows, skills as columns; a cell's green is the share covered of that
    skill's next-level items, an empty cell a skill not in the person's next level."""
    step = CELL + GAP
    top = HEAD + 40
    columns = tuple(
        Label(NAMES + index * step + CELL // 2, top - 8, coverage.skill.name[:40])
        for index, coverage in enumerate(result.skills)
    )
    rows, cells = [], []
    for number, row in enumerate(result.people):
        y = top + number * step
        rows.append(Label(NAMES - 8, y + CELL - 6, row.plan.name[:30]))
        for index, coverage in enumerate(result.skills):
            cell = row.cell(coverage.skill.id)
            if cell is None or not cell.items:
                continue
            share = cell.covered / cell.applicable if cell.applicable else 0.0
            text = f"{row.plan.name}, {coverage.skill.name}: {cell.covered}/{cell.applicable}"
            cells.append(HeatCell(NAMES + index * step, y, round(share, 3), text))
    people = len(result.people)
    return HeatMap(
        f"Team · {result.framework}: {people} people, {len(result.skills)} skills",
        "A heat map: a row per person, a column per skill; the greener a cell, the more of "
        "the skill's next-level items the person covers. An empty cell is a skill outside "
        "the person's next level.",
        max(NAMES + len(result.skills) * step + 140, 480),
        top + people * step + 16,
        CELL,
        columns,
        tuple(rows),
        tuple(cells),
    )


def heat_map(result: TeamView) -> str:
    from skillpath.site.build import environment

    return environment().get_template("team.svg").render(map=team_heat_map(result))
