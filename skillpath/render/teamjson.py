"""A team's answers as JSON objects: team, review packets and calibration (the contract
of skillpath/schemas/team.json, review.json and calibrate.json). Registered by
``render/jsonfmt.py``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from skillpath.render.jsonparts import JSON, mark_entry, problem_entry, ref, stale_entry

if TYPE_CHECKING:
    from skillpath.team.model import Verdict
    from skillpath.team.reviews import Calibration, ReviewPacket
    from skillpath.team.summary import PersonRow, TeamView


def team(result: TeamView) -> JSON:
    return {
        "team": {
            "folder": result.folder,
            "framework": result.framework,
            "people": len(result.people),
            "problems": [problem_entry(problem) for problem in result.problems],
        },
        "people": [person_entry(row) for row in result.people],
        "skills": [
            {"id": s.skill.id, "name": s.skill.name, "people": s.planned, "covered": s.covered}
            for s in result.skills
        ],
    }


def person_entry(row: PersonRow) -> JSON:
    report, plan = row.report, row.plan
    totals = report.totals
    return {
        "id": plan.id,
        "name": plan.name,
        "role": ref(report.role),
        "level": ref(report.current),
        "next_level": ref(report.target) if report.target else None,
        "covered": totals.covered,
        "applicable": totals.applicable,
        "required_covered": totals.required_covered,
        "required": totals.required_total,
        "uncovered": [skill.skill.id for skill in row.uncovered],
        "stale": [stale_entry(entry) for entry in report.stale],
        "last_change": plan.last_change.isoformat() if plan.last_change else None,
        "shared": plan.shared,
        "skills": [
            {
                "id": skill.skill.id,
                "required": bool(skill.cell and skill.cell.required),
                "covered": skill.covered,
                "applicable": skill.applicable,
            }
            for skill in report.skills
            if skill.items
        ],
    }


def verdict_entry(verdict: Verdict) -> JSON:
    return {
        "by": verdict.by,
        "verdict": verdict.verdict,
        "time": verdict.time,
        "note": verdict.note or None,
    }


def packet(result: ReviewPacket) -> JSON:
    report, plan, totals = result.report, result.plan, result.report.totals
    return {
        "person": {"id": plan.id, "name": plan.name, "shared": plan.shared},
        "role": ref(report.role),
        "from": ref(report.current),
        "to": ref(report.target) if report.target else None,
        "summary": {
            "covered": totals.covered,
            "applicable": totals.applicable,
            "required_covered": totals.required_covered,
            "required": totals.required_total,
            "verdicts": sum(len(found) for found in result.verdicts.values()),
        },
        "skills": [
            {
                "id": row.skill.id,
                "name": row.skill.name,
                "required": bool(row.cell and row.cell.required),
                "covered": row.covered,
                "applicable": row.applicable,
                "items": [
                    {
                        "id": status.item.id,
                        "text": status.item.text,
                        "state": status.mark.state if status.mark else "todo",
                        "mark": mark_entry(status.mark),
                        "verdicts": [verdict_entry(v) for v in result.on(status.item.id)],
                    }
                    for status in row.items
                ],
            }
            for row in report.skills
        ],
        "stale": [stale_entry(entry) for entry in report.stale],
        "others": [
            {
                "id": other.item,
                "text": other.text,
                "verdicts": [verdict_entry(v) for v in other.verdicts],
            }
            for other in result.others
        ],
    }


def calibrate(result: Calibration) -> JSON:
    team = result.team
    return {
        "team": {
            "folder": result.folder,
            "verdicts": team.verdicts,
            "agree": team.agree,
            "share": round(team.share, 4),
            "disagreements": team.disagreements,
            "problems": [problem_entry(problem) for problem in result.problems],
        },
        "reviewers": [
            {
                "id": r.reviewer,
                "verdicts": r.verdicts,
                "agree": r.agree,
                "share": round(r.share, 4),
                "difference": round(r.share - team.share, 4),
                "disagreements": r.disagreements,
            }
            for r in result.reviewers
        ],
        "people": [
            {
                "id": p.person,
                "name": p.name,
                "verdicts": p.verdicts,
                "disagreements": p.disagreements,
            }
            for p in result.people
        ],
        "disagreements": [
            {
                "person": d.person,
                "reviewer": d.reviewer,
                "item": d.item,
                "text": d.text,
                "kind": d.kind,
                "state": d.state,
                "note": d.note or None,
            }
            for d in result.disagreements
        ],
    }


RENDERERS: dict[str, Callable[..., JSON]] = {
    "team.summary.TeamView": team,
    "team.reviews.ReviewPacket": packet,
    "team.reviews.Calibration": calibrate,
}
