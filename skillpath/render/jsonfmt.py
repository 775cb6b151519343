"""Results as JSON objects: the contract that scripts read (documented in docs/json.md).

Every key is always present, whatever the flags: a value that does not apply is null or
an empty list, never a missing key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skillpath.framework.ladder import (
    Counts,
    LevelList,
    Matrix,
    NextStep,
    RoleList,
    SkillList,
    Step,
)
from skillpath.framework.model import Expectation, Level, Question, Role, Skill
from skillpath.render import teamjson
from skillpath.render.base import Renderers
from skillpath.render.encode import Streamed, json_text, whole
from skillpath.render.jsonparts import JSON, mark_entry, problem_entry, ref, stale_entry

if TYPE_CHECKING:  # the answers' types, named only: registering needs no import
    from skillpath.authoring.validation import Report
    from skillpath.authoring.written import Written
    from skillpath.framework.hiring import InterviewKit, JobDescription
    from skillpath.framework.hiring import Question as KitQuestion
    from skillpath.framework.search import SearchResult
    from skillpath.plan.evidence import EvidenceList
    from skillpath.plan.history import HistoryLog
    from skillpath.plan.marking import Marked
    from skillpath.plan.model import Mark
    from skillpath.plan.profile import ProfileView
    from skillpath.plan.progress import ProgressReport
    from skillpath.plan.roadmap import Comparison, Roadmap


def dumps(payload: JSON, *, ascii_only: bool = False) -> str:
    return json_text(payload, indent=2, ascii_only=ascii_only) + "\n"


payload: Renderers[JSON] = Renderers("JSON form")


@payload.register("framework.ladder.RoleList")
def _roles(result: RoleList) -> JSON:
    return {"roles": [role_entry(role) for role in result.roles]}


@payload.register("framework.ladder.LevelList")
def _levels(result: LevelList) -> JSON:
    return {"levels": [level_entry(level) for level in result.levels]}


@payload.register("authoring.validation.Report")
def _report(result: Report) -> JSON:
    return {
        "files": [str(path) for path in result.files],
        "problems": [problem_entry(problem) for problem in result.problems],
        "summary": {
            "files": len(result.files),
            "files_with_problems": len(result.files_with_problems),
            "problems": result.count,
        },
    }


@payload.register("authoring.written.Written")
def _written(result: Written) -> JSON:
    return {
        "action": result.action,
        "folder": None if result.folder is None else str(result.folder),
        "files": [str(path) for path in result.files],
        "skills": list(result.skills),
        "levels": list(result.levels),
        "roles": list(result.roles),
        "pages": result.pages,
    }


@payload.register("plan.roadmap.Roadmap")
def _roadmap(result: Roadmap) -> JSON:
    return {
        "role": ref(result.role),
        "from": ref(result.start),
        "to": ref(result.end),
        "steps": [next_step(step) for step in result.steps],
    }


@payload.register("plan.profile.ProfileView")
def _profile(result: ProfileView) -> JSON:
    return {
        "role": ref(result.role) if result.role else None,
        "level": ref(result.level) if result.level else None,
        "skills": [{"id": skill, "level": ref(level)} for skill, level in result.skills],
        "data_dirs": list(result.data_dirs),
        "file": result.file,
    }


@payload.register("plan.roadmap.Comparison")
def comparison(result: Comparison) -> JSON:
    return {
        "a": {"role": ref(result.a_role), "level": ref(result.a_level)},
        "b": {"role": ref(result.b_role), "level": ref(result.b_level)},
        "shared": [
            {"id": p.skill.id, "name": p.skill.name, "a": cell(p.first), "b": cell(p.second)}
            for p in result.shared
        ],
        "only_a": [{"id": s.id, "name": s.name} for s in result.only_a],
        "only_b": [{"id": s.id, "name": s.name} for s in result.only_b],
    }


def numbered_evidence(mark: Mark | None) -> list[JSON]:
    """A mark's evidence, oldest first, each piece with the number `evidence --edit` takes."""
    return [
        {"number": number, "note": e.note, "link": e.link or None, "date": e.day.isoformat()}
        for number, e in (mark.numbered if mark else ())
    ]


def mark_state(mark: Mark | None) -> JSON | None:
    """A mark in full, its cell and numbered evidence with it (the answers of writes)."""
    if mark is None:
        return None
    return {
        "role": mark.role,
        "level": mark.level,
        "state": mark.state,
        "since": mark.since.isoformat(),
        "reason": mark.reason or None,
        "evidence": numbered_evidence(mark),
    }


@payload.register("plan.marking.Marked")
def marked(result: Marked) -> JSON:
    return {
        "action": result.action,
        "item": result.item,
        "skill": result.skill,
        "text": result.text,
        "changed": result.changed,
        "moved_from": result.moved_from or None,
        "piece": result.piece or None,
        "mark": mark_state(result.after),
        "before": mark_state(result.before),
    }


@payload.register("plan.evidence.EvidenceList")
def evidence_list(result: EvidenceList) -> JSON:
    mark = result.mark
    skill, role, level = result.names
    return {
        "item": result.item,
        "text": result.text,
        "skill": {"id": result.skill, "name": skill},
        "role": {"id": result.role, "name": role},
        "level": {"id": result.level, "name": level},
        "in_data": result.in_data,
        "state": mark.state if mark else None,
        "since": mark.since.isoformat() if mark else None,
        "evidence": numbered_evidence(mark),
    }


@payload.register("plan.progress.ProgressReport")
def progress(result: ProgressReport) -> JSON:
    totals = result.totals
    return {
        "role": ref(result.role),
        "from": ref(result.current),
        "to": ref(result.target) if result.target else None,
        "skills": [
            {
                "id": row.skill.id,
                "name": row.skill.name,
                "required": bool(row.cell and row.cell.required),
                "covered": row.covered,
                "total": len(row.items),
                "applicable": row.applicable,
                "items": [
                    {
                        "id": s.item.id,
                        "number": number,
                        "text": s.item.text,
                        "state": s.mark.state if s.mark else "todo",
                        "mark": mark_entry(s.mark),
                    }
                    for number, s in enumerate(row.items, start=1)
                ],
            }
            for row in result.skills
        ],
        "stale": [stale_entry(entry) for entry in result.stale],
        "kept": [
            {
                "id": entry.mark.item,
                "skill": entry.mark.skill,
                "role": {"id": entry.mark.role, "name": entry.names[0]},
                "level": {"id": entry.mark.level, "name": entry.names[1]},
                "text": entry.mark.text,
                "mark": mark_entry(entry.mark),
            }
            for entry in result.kept
        ],
        "summary": {
            "covered": totals.covered,
            "total": totals.total,
            "applicable": totals.applicable,
            "started": totals.started,
            "skipped": totals.skipped,
            "required_covered": totals.required_covered,
            "required_total": totals.required_total,
        },
    }


@payload.register("plan.history.HistoryLog")
def history(result: HistoryLog) -> JSON:
    return {
        "changes": [
            {
                "time": change.time,
                "action": change.action,
                "item": change.item,
                "skill": {"id": change.skill, "name": result.name("skill", change.skill)},
                "role": {"id": change.role, "name": result.name("role", change.role)},
                "level": {"id": change.level, "name": result.name("level", change.level)},
                "note": change.note or None,
                "link": change.link or None,
                "date": change.day.isoformat() if change.day else None,
                "reason": change.reason or None,
                "from": change.moved_from or None,
                "piece": change.piece or None,
            }
            for change in result.changes
        ],
        "summary": {"changes": len(result.changes), "unreadable_lines": list(result.unreadable)},
    }


@payload.register("framework.search.SearchResult")
def search(result: SearchResult) -> JSON:
    return {
        "query": result.query,
        "hits": [
            {
                "skill": hit.skill.id,
                "name": hit.skill.name,
                "role": ref(hit.place.role) if hit.place else None,
                "level": ref(hit.place.level) if hit.place else None,
                "id": hit.place.item.id if hit.place and hit.place.item else None,
                "number": hit.place.number if hit.place else None,
                "from_level": ref(hit.place.below) if hit.place and hit.place.below else None,
                "text": hit.text,
                "field": hit.field,
                "score": hit.score,
            }
            for hit in result.hits
        ],
        "summary": {"hits": len(result.hits)},
        "suggestions": list(result.suggestions),
    }


def role_entry(role: Role) -> JSON:
    return {
        **ref(role),
        "aliases": list(role.aliases),
        "summary": role.summary,
        "levels": list(role.levels),  # its own part of the ladder; empty for all of it
    }


def level_entry(level: Level) -> JSON:
    return {
        **ref(level),
        "rank": level.number,
        "aliases": list(level.aliases),
        "summary": level.summary,
    }


def skill_header(skill: Skill) -> JSON:
    return {
        "id": skill.id,
        "name": skill.name,
        "domain": skill.domain,
        "updated": skill.updated.isoformat() if skill.updated else None,
        "source": skill.source,
        "notes": skill.notes,
        "definition": skill.summary,  # the file's `summary`: "summary" here holds the counts
    }


def counts(value: Counts) -> JSON:
    return {
        "roles": value.roles,
        "levels": value.levels,
        "required": value.required,
        "optional": value.optional,
    }


def question(asked: Question) -> JSON:
    return {"text": asked.text, **guidance(asked)}


def guidance(asked: Question | KitQuestion) -> JSON:
    """A question's kind and what a strong answer mentions: null where the data says none."""
    return {"kind": asked.kind or None, "strong_answer": asked.strong_answer or None}


def cell(expectation: Expectation | None) -> JSON | None:
    if expectation is None:
        return None
    return {
        "role": expectation.role,
        "level": expectation.level,
        "required": expectation.required,
        "description": expectation.description,
        "items": [{"id": item.id, "text": item.text} for item in expectation.items],
        "evidence": list(expectation.evidence),
        "questions": [question(asked) for asked in expectation.questions],
        "examples": list(expectation.examples),
    }


@payload.register("framework.ladder.SkillList")
def skill_list(result: SkillList) -> JSON:
    return {
        "skills": [
            {
                **skill_header(entry.skill),
                "roles": [ref(r) for r in entry.roles],
                "origin": entry.origin,
                "summary": counts(entry.counts),
            }
            for entry in result.skills
        ],
        "roles": [ref(role) for role in result.roles or result.framework.roles],
    }


@payload.register("framework.ladder.Matrix")
def matrix(result: Matrix) -> JSON:
    return {
        "skill": skill_header(result.skill),
        "levels": [ref(level) for level in result.levels],
        "roles": [ref(role) for role in result.roles],
        "summary": counts(result.counts),
        "cells": [cell(expectation) for expectation in result.cells],
    }


@payload.register("framework.ladder.NextStep")
def next_step(result: NextStep) -> JSON:
    return whole(next_step_streamed(result))


def next_step_streamed(result: NextStep) -> JSON:
    """The answer of `next`, its lists of skills and of items made as they are written."""
    return {
        "role": ref(result.role),
        "from": ref(result.current),
        "to": ref(result.target) if result.target else None,
        "top": result.at_top,
        "skills": Streamed(step_entry(step) for step in result.steps),
        "checklist": Streamed(
            {
                "skill": entry.skill.id,
                "id": entry.item.id,
                "text": entry.item.text,
                "number": entry.number,
                "required": entry.required,
                "done": entry.done,
                "state": entry.state or "todo",
            }
            for step in result.steps
            for entry in step.checklist
        ),
        "summary": {
            "skills": result.summary.skills,
            "items": result.summary.items,
            "required": result.summary.required,
            "optional": result.summary.optional,
        },
    }


# The answers written a part at a time, over many skills (render.json_answer).
streamed: Renderers[JSON] = Renderers("streamed JSON form")
streamed.register("framework.ladder.NextStep")(next_step_streamed)


def step_entry(step: Step) -> JSON:
    return {
        "id": step.skill.id,
        "name": step.skill.name,
        "from": ref(step.at),
        "to": ref(step.to) if step.to else None,
        "ended": step.ended and step.to is not None,
        "current": cell(step.current),
        "next": cell(step.next),
    }


@payload.register("framework.hiring.JobDescription")
def job(result: JobDescription) -> JSON:
    duties = (*result.required, *result.optional)
    return {
        "role": {**ref(result.role), "summary": result.role.summary},
        "level": {**ref(result.level), "summary": result.level.summary},
        "next_level": ref(result.next_level) if result.next_level else None,
        "skills": [
            {"id": duty.skill.id, "name": duty.skill.name, "cell": cell(duty.cell)}
            for duty in duties
        ],
        "summary": {
            "skills": len(duties),
            "required": len(result.required),
            "optional": len(result.optional),
        },
    }


@payload.register("framework.hiring.InterviewKit")
def interview(result: InterviewKit) -> JSON:
    return {
        "role": ref(result.role),
        "level": ref(result.level),
        "skills": [
            {
                "id": section.skill.id,
                "name": section.skill.name,
                "required": section.cell.required,
                "description": section.cell.description,
                "questions": [
                    {"text": q.text, "prompt": q.prompt, **guidance(q)} for q in section.questions
                ],
                "evidence": list(section.evidence),
            }
            for section in result.sections
        ],
        "summary": {
            "skills": len(result.sections),
            "questions": result.questions,
            "prompts": result.prompts,
        },
    }


for _name, _renderer in teamjson.RENDERERS.items():
    payload.register(_name)(_renderer)

__all__ = ["mark_entry", "problem_entry", "ref", "stale_entry"]
