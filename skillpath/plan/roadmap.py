"""The road between two levels, and two roles or two levels side by side: the
answers of `path` and `compare`, for the options given, else the profile.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from skillpath.errors import UsageError
from skillpath.framework.ladder import NextStep, next_step
from skillpath.framework.model import Expectation, Framework, Level, Role, Skill
from skillpath.framework.names import (
    require_level,
    resolve_level,
    resolve_role,
    resolve_skills,
    skill_roles,
)
from skillpath.values import frozen

from .asking import ProfileLoader, ProgressLoader, who

if TYPE_CHECKING:
    from skillpath.framework.source import SkillSource


# -- path ----------------------------------------------------------------------------------


@frozen
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
    states: Mapping[str, str] | None = None,
) -> Roadmap:
    require_level(framework, role, start)
    require_level(framework, role, end)
    if start.rank >= end.rank and framework.level_above(start, role) is None:
        ladder = f"the {role.name} ladder" if role.levels else "the ladder"
        raise UsageError(f"{start.name} is the top of {ladder}: there is no path up from it")
    if start.rank >= end.rank:
        raise UsageError(
            f"--from {start.name} is not below --to {end.name}: a path goes up the ladder"
        )
    rungs = [lv for lv in framework.ladder(role) if start.rank <= lv.rank < end.rank]
    steps = tuple(next_step(framework, skills, role, rung, states=states) for rung in rungs)
    return Roadmap(role, start, end, steps)


def path_for(
    catalog: SkillSource,
    roles: Sequence[str] | None,
    start: str | None,
    end: str | None,
    skills: Sequence[str],
    load_profile: ProfileLoader,
    load_progress: ProgressLoader,
) -> Roadmap:
    """``skillpath path``: from --from (else the profile's level) to --to (else the top)."""
    framework = catalog.framework
    asking = who(framework, roles, [start] if start is not None else None, load_profile, "--from")
    top = resolve_level(framework, end) if end is not None else framework.ladder(asking.role)[-1]
    named = resolve_skills(catalog, skills, asking.role)
    states = load_progress().states
    return roadmap(framework, named or catalog.skills(), asking.role, asking.level, top, states)


# -- compare -------------------------------------------------------------------------------


@frozen
class Pair:
    """One skill's two cells side by side (two roles at a level, or one role at two levels)."""

    skill: Skill
    first: Expectation | None
    second: Expectation | None


@frozen
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


COMPARE_HOW = "compare two roles (--role A --role B) or two levels (--level A --level B)"


def compare_for(
    catalog: SkillSource,
    roles: Sequence[str] | None,
    levels: Sequence[str] | None,
    skills: Sequence[str],
    load_profile: ProfileLoader,
) -> Comparison:
    """``skillpath compare``: two roles at a level (given or the profile's), or one role
    (given or the profile's) at two levels, lower level first."""
    framework = catalog.framework
    role_names, level_names = list(dict.fromkeys(roles or ())), list(dict.fromkeys(levels or ()))
    if len(role_names) == 2 and len(level_names) < 2:
        at = who(framework, role_names[:1], level_names or None, load_profile).level
        a = (resolve_role(framework, role_names[0]), at)
        b = (resolve_role(framework, role_names[1]), at)
    elif len(level_names) == 2 and len(role_names) < 2:
        role = who(framework, role_names or None, level_names[:1], load_profile).role
        a = (role, resolve_level(framework, level_names[0]))
        b = (role, resolve_level(framework, level_names[1]))
        if b[1].rank < a[1].rank:
            a, b = b, a
    else:
        raise UsageError(COMPARE_HOW)
    named = resolve_skills(catalog, skills)
    return compare(framework, named or catalog.skills(), a, b)
