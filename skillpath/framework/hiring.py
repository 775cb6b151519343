"""Hiring from the matrix: a job description and an interview kit for a role at a level.

Pure functions over the model and a catalogue, like ``ladder``: they return frozen results
that carry everything a renderer shows. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from skillpath.values import frozen

from .model import Expectation, Framework, Level, Role, Skill
from .names import resolve_level, resolve_role, resolve_skills

if TYPE_CHECKING:
    from skillpath.framework.source import SkillSource


@frozen
class Duty:
    """One skill's expectation of the role at the level: a line of the job description."""

    skill: Skill
    cell: Expectation


@frozen
class JobDescription:
    """What a role does at a level, across skills: required expectations first."""

    framework: Framework
    role: Role
    level: Level
    required: tuple[Duty, ...]
    optional: tuple[Duty, ...]
    next_level: Level | None


@frozen
class Question:
    """An interview question: from the data (``prompt`` false), or a sentence of the cell's
    description turned into a prompt where the data gives no questions. ``kind`` and
    ``strong_answer`` are the data's, empty where it gives none (and for a prompt)."""

    text: str
    prompt: bool
    kind: str = ""
    strong_answer: str = ""


@frozen
class KitSection:
    skill: Skill
    cell: Expectation
    questions: tuple[Question, ...]

    @property
    def evidence(self) -> tuple[str, ...]:
        return self.cell.evidence


@frozen
class InterviewKit:
    role: Role
    level: Level
    sections: tuple[KitSection, ...]  # required skills first

    @property
    def prompts(self) -> int:
        return sum(q.prompt for section in self.sections for q in section.questions)

    @property
    def questions(self) -> int:
        return sum(len(section.questions) for section in self.sections)


def duties(skills: Sequence[Skill], role: Role, level: Level) -> tuple[Duty, ...]:
    """The cells of ``role`` at ``level``, required first, then by skill name; a skill that
    leaves the cell out has no line."""
    found = [
        Duty(skill, cell)
        for skill in skills
        if (cell := skill.expectation(role.id, level.id)) is not None
    ]
    found.sort(key=lambda duty: (not duty.cell.required, duty.skill.name.casefold()))
    return tuple(found)


def job_description(catalog: SkillSource, role_name: str, level_name: str) -> JobDescription:
    """``skillpath job``: every skill's expectation of the role at the level."""
    framework = catalog.framework
    role, level = resolve_role(framework, role_name), resolve_level(framework, level_name)
    found = duties(catalog.skills(), role, level)
    return JobDescription(
        framework,
        role,
        level,
        tuple(duty for duty in found if duty.cell.required),
        tuple(duty for duty in found if not duty.cell.required),
        framework.level_above(level, role),
    )


def questions_for(cell: Expectation) -> tuple[Question, ...]:
    if cell.questions:
        return tuple(
            Question(asked.text, False, asked.kind, asked.strong_answer) for asked in cell.questions
        )
    return tuple(Question(prompt_for(item.text), prompt=True) for item in cell.items)


def prompt_for(sentence: str) -> str:
    """A description's sentence as something to ask a candidate about."""
    return f"Ask for an example from the candidate's own work: {sentence}"


def interview_kit(
    catalog: SkillSource, role_name: str, level_name: str, skill_names: Sequence[str] = ()
) -> InterviewKit:
    """``skillpath interview``: questions and the evidence to listen for, per skill.

    No skill named means every skill that has the role; a named skill without the role is a
    usage error, as in ``next``.
    """
    framework = catalog.framework
    role, level = resolve_role(framework, role_name), resolve_level(framework, level_name)
    skills = resolve_skills(catalog, skill_names, role) if skill_names else catalog.skills()
    sections = tuple(
        KitSection(duty.skill, duty.cell, questions_for(duty.cell))
        for duty in duties(skills, role, level)
    )
    return InterviewKit(role, level, sections)
