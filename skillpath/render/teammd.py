"""A team's answers as Markdown: the team, a person's review packet (what a promotion
committee reads) and calibration. Registered by ``render/markdown.py``; text from the
files goes through ``render/mdtext.py``'s escaping."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from skillpath.render.base import people, plural
from skillpath.render.mdtext import Markdown, code, inline, item_lines, table

if TYPE_CHECKING:
    from skillpath.team.model import Verdict
    from skillpath.team.reviews import Calibration, ReviewPacket
    from skillpath.team.summary import TeamView


def team(result: TeamView) -> list[str]:
    """The team: a row per person, then each skill's coverage, then the unreadable files."""
    lines = [f"# Team: {inline(result.framework)}, {people(len(result.people))}"]
    rows = []
    for row in result.people:
        report, totals = row.report, row.report.totals
        rows.append(
            (
                who(row.plan.name, row.plan.id),
                report.role.name,
                f"{report.current.name} → {report.target.name if report.target else '(top)'}",
                f"{totals.covered}/{totals.applicable}",
                f"{totals.required_covered}/{totals.required_total}",
                ", ".join(skill.skill.name for skill in row.uncovered),
                str(len(report.stale)),
                row.plan.last_change.isoformat() if row.plan.last_change else "",
            )
        )
    headings = ("Person", "Role", "Level", "Covered", "Required", "Nothing covered in")
    lines += ["", *table((*headings, "Stale", "Last change"), rows)] if rows else []
    if result.skills:
        cover = ((s.skill.name, f"{s.covered} of {s.planned}") for s in result.skills)
        lines += ["", "## Skills", "", *table(("Skill", "People covering it"), cover)]
    if result.problems:
        lines += ["", "## Not shown", ""]
        lines += [f"- {inline(str(problem))}" for problem in result.problems]
    return lines


def who(name: str, person: str) -> Markdown:
    """A person by name and id, or by id alone where the name is the id."""
    return code(person) if name == person else Markdown(f"{inline(name)} ({code(person)})")


def packet(result: ReviewPacket) -> list[str]:
    """The person's plan, each item with its own state, its evidence and every verdict."""
    report, plan, totals = result.report, result.plan, result.report.totals
    target = inline(report.target.name) if report.target else ""
    count = sum(len(found) for found in result.verdicts.values())
    lines = [
        f"# Review packet: {who(plan.name, plan.id)}",
        "",
        (
            f"{inline(report.role.name)}, {inline(report.current.name)} to {target}. Covered "
            f"{totals.covered} of {totals.applicable} items; required: "
            f"{totals.required_covered} of {totals.required_total}."
            if report.target
            else f"{inline(report.role.name)}, {inline(report.current.name)}: the top of "
            "the ladder, with no next level to cover."
        )
        + f" Shared {inline(plan.shared)}; {plural(count, 'verdict')} "
        f"in {code(str(result.reviews))}.",
    ]
    for row in (row for row in report.skills if row.items):
        flag = "required" if row.cell and row.cell.required else "optional"
        lines += ["", f"## {inline(row.skill.name)} ({flag}, {row.covered}/{row.applicable})", ""]
        for status in row.items:
            lines += item_lines(status.item.text, status.mark)
            lines[-1 - len(status.mark.evidence) if status.mark else -1] += (
                f" {code(status.item.id)}"
            )
            lines += verdict_lines(result.on(status.item.id))
    if report.stale:
        lines += ["", "## Reworded or removed items (kept, not counted)", ""]
        for entry in report.stale:
            lines += item_lines(f"{entry.mark.skill}: {entry.mark.text}", entry.mark)
            lines += verdict_lines(result.on(entry.mark.item))
    others = [
        other for other in result.others if other.item not in {s.mark.item for s in report.stale}
    ]
    if others:
        lines += ["", "## Other items reviewed", ""]
        for other in others:
            lines += [f"- {inline(other.text)} {code(other.item)}", *verdict_lines(other.verdicts)]
    return lines


def verdict_lines(verdicts: tuple[Verdict, ...]) -> list[str]:
    return [
        f"  - **{v.verdict}** by {code(v.by)}, {inline(v.time)}"
        + (f": {inline(v.note)}" if v.note else "")
        for v in verdicts
    ]


def calibrate(result: Calibration) -> list[str]:
    team = result.team
    lines = [
        "# Calibration",
        "",
        f"{plural(team.verdicts, 'verdict')} (each reviewer's last on each item), "
        f"{team.agree} agree ({team.share:.0%}); {plural(team.disagreements, 'disagreement')} "
        "with the people's own states.",
    ]
    if result.reviewers:
        reviewer_rows = (
            (
                code(r.reviewer),
                r.verdicts,
                f"{r.share:.0%}",
                f"{r.share - team.share:+.0%}",
                r.disagreements,
            )
            for r in result.reviewers
        )
        headings = ("Reviewer", "Verdicts", "Agree", "Against the team", "Disagreements")
        lines += ["", "## Reviewers", "", *table(headings, reviewer_rows)]
    if result.people:
        people_rows = ((who(p.name, p.person), p.verdicts, p.disagreements) for p in result.people)
        lines += ["", "## People", "", *table(("Person", "Verdicts", "Disagreements"), people_rows)]
    if result.disagreements:
        words = {
            "done-not-yet": "covered, reviewer says not yet",
            "agreed-not-marked": "agreed, not marked",
        }
        disagreement_rows = (
            (
                code(d.person),
                code(d.reviewer),
                Markdown(f"{inline(d.text)} {code(d.item)}"),
                words[d.kind],
                d.note,
            )
            for d in result.disagreements
        )
        lines += [
            "",
            "## Disagreements",
            "",
            *table(("Person", "Reviewer", "Item", "What", "Note"), disagreement_rows),
        ]
    if result.problems:
        lines += [
            "",
            "## Not read",
            "",
            *(f"- {inline(str(problem))}" for problem in result.problems),
        ]
    return lines


RENDERERS: dict[str, Callable[..., list[str]]] = {
    "team.summary.TeamView": team,
    "team.reviews.ReviewPacket": packet,
    "team.reviews.Calibration": calibrate,
}
