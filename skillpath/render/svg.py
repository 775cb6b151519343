"""A growth plan as a picture: ``progress --format svg``, a radar chart with one axis per
skill of the plan (the share of the next level's items covered), required skills marked.

A standalone SVG with its text as text (no fonts to fetch): drawn by the site's
``radar.svg`` template, so the escaping is Jinja2's and the chart is the site's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skillpath.plan.progress import ProgressReport
    from skillpath.site.radar import Radar


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
