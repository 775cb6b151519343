"""`skillpath team`: each person's coverage of their next level, and each skill's coverage
across the team, from the plans people shared. Pure: the plans come in as values, and
each person's coverage is `skillpath progress`'s (``plan.progress``) for their profile.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from skillpath.errors import Problem, UsageError
from skillpath.framework.ladder import NextStep, next_step
from skillpath.framework.model import Framework, Level, Skill
from skillpath.framework.names import resolve_level, resolve_role
from skillpath.plan.progress import (
    ProgressReport,
    SkillProgress,
    item_ids,
    report_for_step,
    stale_marks,
)
from skillpath.team.model import SharedPlan
from skillpath.values import frozen


@frozen
class PersonRow:
    """One person of the team: their plan and its coverage of their next level."""

    plan: SharedPlan
    report: ProgressReport

    @property
    def uncovered(self) -> tuple[SkillProgress, ...]:
        """The skills of the next level with something to cover and nothing covered."""
        return tuple(row for row in self.report.skills if row.applicable and not row.covered)

    def cell(self, skill_id: str) -> SkillProgress | None:
        return next((row for row in self.report.skills if row.skill.id == skill_id), None)


@frozen
class SkillCoverage:
    """One skill across the team: how many people have its next-level cell in their plan,
    and how many of them cover all of it that applies to them."""

    skill: Skill
    planned: int
    covered: int


@frozen
class TeamView:
    folder: str
    framework: str
    people: tuple[PersonRow, ...]
    skills: tuple[SkillCoverage, ...]
    problems: tuple[Problem, ...]  # the person files that could not be read or placed


def team_view(
    framework: Framework,
    skills: Sequence[Skill],
    plans: Sequence[SharedPlan],
    problems: Sequence[Problem],
    folder: Path,
) -> TeamView:
    """Every readable plan against the framework in use; a plan whose role or level the
    framework lacks is a problem of its file, and the others are still shown."""
    existing = item_ids(skills)
    steps: dict[tuple[str, ...], NextStep] = {}
    rows, found = [], list(problems)
    for plan in plans:
        try:
            step = step_for(framework, skills, plan, steps)
        except UsageError as error:
            found.append(
                Problem(plan.file, f"not in the framework in use: {error.message}", "profile")
            )
            continue
        stale = stale_marks(framework, skills, plan.progress, existing)
        rows.append(PersonRow(plan, report_for_step(step, plan.progress, stale)))
    return TeamView(str(folder), framework.name, tuple(rows), coverage(rows), tuple(found))


def step_for(
    framework: Framework,
    skills: Sequence[Skill],
    plan: SharedPlan,
    steps: dict[tuple[str, ...], NextStep],
) -> NextStep:
    """The next step for the plan's profile, worked out once for everyone who shares it."""
    profile = plan.profile
    assert profile.role is not None and profile.level is not None
    key = (profile.role, profile.level, *(f"{s}={lv}" for s, lv in sorted(profile.skills.items())))
    if key not in steps:
        role = resolve_role(framework, profile.role)
        level = resolve_level(framework, profile.level)
        levels: dict[str, Level] = {
            skill: resolve_level(framework, name) for skill, name in profile.skills.items()
        }
        steps[key] = next_step(framework, skills, role, level, levels)
    return steps[key]


def coverage(rows: Sequence[PersonRow]) -> tuple[SkillCoverage, ...]:
    """Per skill that anyone's next level has items in: who plans it, who covers it."""
    planned: dict[str, list[SkillProgress]] = {}
    for row in rows:
        for skill in row.report.skills:
            if skill.items:
                planned.setdefault(skill.skill.id, []).append(skill)
    found = [
        SkillCoverage(
            cells[0].skill,
            len(cells),
            sum(1 for cell in cells if cell.applicable and cell.covered >= cell.applicable),
        )
        for cells in planned.values()
    ]
    return tuple(sorted(found, key=lambda entry: entry.skill.name.casefold()))
