"""The pieces of JSON answers that several answers share: references, marks, stale
marks, problems."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from skillpath.render.base import by_date

if TYPE_CHECKING:
    from skillpath.errors import Problem
    from skillpath.framework.model import Level, Role
    from skillpath.plan.model import Mark
    from skillpath.plan.progress import Stale

JSON = dict[str, Any]


def mark_entry(mark: Mark | None) -> JSON | None:
    if mark is None:
        return None
    return {
        "state": mark.state,
        "since": mark.since.isoformat(),
        "reason": mark.reason or None,
        "evidence": [
            {"note": e.note, "link": e.link or None, "date": e.day.isoformat()}
            for e in by_date(mark.evidence)
        ],
    }


def stale_entry(entry: Stale) -> JSON:
    mark = entry.mark
    return {
        "id": mark.item,
        "skill": mark.skill,
        "role": {"id": mark.role, "name": entry.names[0]},
        "level": {"id": mark.level, "name": entry.names[1]},
        "text": mark.text,
        "mark": mark_entry(mark),
        "closest": (
            {"id": entry.closest.id, "text": entry.closest.text, "guess": entry.guess}
            if entry.closest
            else None
        ),
    }


def problem_entry(problem: Problem) -> JSON:
    return {
        "file": str(problem.file),
        "line": problem.line,
        "column": problem.column,
        "key_path": problem.key_path,
        "message": problem.message,
    }


def ref(entry: Role | Level) -> JSON:
    return {"id": entry.id, "name": entry.name}
