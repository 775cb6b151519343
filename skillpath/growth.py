"""Questions about a growth plan: the road between two levels, two roles or two levels side
by side, how much of the next level is covered, and which item a person means.

Pure functions over the model and the person's progress; nothing here reads or writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .errors import UsageError
from .ladder import NextStep, next_step, skill_roles
from .model import Expectation, Framework, Item, Level, Role, Skill
from .store import Mark, Progress

# -- path ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Roadmap:
    """Every step from one level to a higher one: what to cover at each rung."""

    role: Role
    start: Level
    end: Level
    steps: tuple[NextStep, ...]


def roadmap(
    framework: Framework,
    skills: Sequence[Skill],
    role: Role,
    start: Level,
    end: Level,
    done: frozenset[str] = frozenset(),
) -> Roadmap:
    if start.rank >= end.rank:
        raise UsageError(
            f"--from {start.name} is not below --to {end.name}: a path goes up the ladder"
        )
    rungs = framework.levels[start.rank : end.rank]
    steps = tuple(next_step(framework, skills, role, rung, done=done) for rung in rungs)
    return Roadmap(role, start, end, steps)


# -- compare -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """One skill's two cells side by side (two roles at a level, or one role at two levels)."""

    skill: Skill
    first: Expectation | None
    second: Expectation | None


@dataclass(frozen=True)
class Comparison:
    """Two sides, each a role at a level: two roles at one level, or one role at two."""

    a_role: Role
    a_level: Level
    b_role: Role
    b_level: Level
    shared: tuple[Pair, ...]  # the skills both sides have, a's cell first
    only_a: tuple[Skill, ...]
    only_b: tuple[Skill, ...]


def compare(
    framework: Framework, skills: Sequence[Skill], a: tuple[Role, Level], b: tuple[Role, Level]
) -> Comparison:
    if a == b:
        raise UsageError("give two roles, or two levels, to compare")
    (a_role, a_level), (b_role, b_level) = a, b
    a_skills = [s for s in skills if a_role in skill_roles(framework, s)]
    b_skills = [s for s in skills if b_role in skill_roles(framework, s)]
    shared = tuple(
        Pair(s, s.expectation(a_role.id, a_level.id), s.expectation(b_role.id, b_level.id))
        for s in a_skills
        if s in b_skills
    )
    return Comparison(
        a_role,
        a_level,
        b_role,
        b_level,
        shared,
        tuple(s for s in a_skills if s not in b_skills),
        tuple(s for s in b_skills if s not in a_skills),
    )


# -- progress ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemStatus:
    item: Item
    mark: Mark | None


@dataclass(frozen=True)
class SkillProgress:
    skill: Skill
    cell: Expectation | None
    items: tuple[ItemStatus, ...]

    @property
    def covered(self) -> int:
        return sum(1 for status in self.items if status.mark)


@dataclass(frozen=True)
class ProgressTotals:
    covered: int
    total: int
    required_covered: int
    required_total: int


@dataclass(frozen=True)
class ProgressReport:
    role: Role
    current: Level
    target: Level | None
    skills: tuple[SkillProgress, ...]
    stale: tuple[Mark, ...]  # marked items the data no longer has
    totals: ProgressTotals


def progress_report(
    framework: Framework,
    skills: Sequence[Skill],
    role: Role,
    level: Level,
    progress: Progress,
    levels: Mapping[str, Level] | None = None,
    every_skill: Sequence[Skill] = (),
) -> ProgressReport:
    """Coverage of the next level in ``skills``; a mark is stale when no skill of
    ``every_skill`` (the whole data, by default ``skills``) has its item any more."""
    step = next_step(framework, skills, role, level, levels)
    rows = tuple(
        SkillProgress(
            s.skill,
            s.next,
            tuple(
                ItemStatus(item, progress.marks.get(item.id))
                for item in (s.next.items if s.next else ())
            ),
        )
        for s in step.steps
    )
    existing = {
        i.id for skill in every_skill or skills for cell in skill.expectations for i in cell.items
    }
    stale = tuple(
        mark for item_id, mark in sorted(progress.marks.items()) if item_id not in existing
    )
    required = [row for row in rows if row.cell and row.cell.required]
    totals = ProgressTotals(
        sum(row.covered for row in rows),
        sum(len(row.items) for row in rows),
        sum(row.covered for row in required),
        sum(len(row.items) for row in required),
    )
    return ProgressReport(role, level, step.target, rows, stale, totals)


# -- which item ----------------------------------------------------------------------------

_NUMBERED = re.compile(r"(?P<skill>[a-z0-9-]+)[:#](?P<number>[0-9]+)")


@dataclass(frozen=True)
class Found:
    """An item of the data, with the cell it belongs to."""

    skill: Skill
    cell: Expectation
    item: Item


def find_item(skills: Iterable[Skill], progress: Progress, reference: str) -> Found | Mark:
    """The item ``reference`` names: its id, or SKILL:N, the Nth item of the last ``next``
    listing of that skill. A marked item the data no longer has comes back as its Mark."""
    wanted = reference.strip().casefold()
    numbered = _NUMBERED.fullmatch(wanted)
    if numbered:
        listing = progress.listings.get(numbered["skill"], [])
        number = int(numbered["number"])
        if not 1 <= number <= len(listing):
            raise UsageError(
                f"no item {number} in the last `skillpath next` listing of {numbered['skill']!r}"
                f" ({len(listing)} items); run `skillpath next` to number them"
            )
        wanted = listing[number - 1]
    for skill in skills:
        for cell in skill.expectations:
            for item in cell.items:
                if item.id == wanted:
                    return Found(skill, cell, item)
    if wanted in progress.marks:
        return progress.marks[wanted]
    raise UsageError(
        f"no item {reference!r}; give an item id as `skillpath next` shows it (e.g. 6675ac29), "
        "or SKILL:NUMBER for the NUMBERth item of that skill's last listing"
    )


# -- profile -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileView:
    """The profile as names, for showing; ``file`` is where it is kept."""

    role: Role | None
    level: Level | None
    skills: tuple[tuple[str, Level], ...]
    file: str
