"""Questions about a growth plan: the road between two levels, two roles or two levels side
by side, how much of the next level is covered, which item a person means, and the profile
as names. Who an answer is for (the options, else the profile) is ``asking``'s.

Pure functions over the model and the person's plan. The plan's files are read by the
loaders the caller passes in, and only when an answer needs them; nothing here writes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .asking import ProfileLoader, ProgressLoader, from_profile, who
from .errors import UsageError
from .ladder import NextStep, next_step
from .model import Expectation, Framework, Item, Level, Role, Skill
from .names import resolve_level, resolve_role, resolve_skill, resolve_skills, skill_roles
from .plan import Mark, Profile, Progress

if TYPE_CHECKING:
    from .loading import Catalog


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


def path_for(
    catalog: Catalog,
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
    top = resolve_level(framework, end) if end is not None else framework.levels[-1]
    named = resolve_skills(catalog, skills, asking.role)
    done = frozenset(load_progress().marks)
    return roadmap(framework, named or catalog.skills(), asking.role, asking.level, top, done)


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


COMPARE_HOW = "compare two roles (--role A --role B) or two levels (--level A --level B)"


def compare_for(
    catalog: Catalog,
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


def progress_for(
    catalog: Catalog,
    roles: Sequence[str] | None,
    levels: Sequence[str] | None,
    skills: Sequence[str],
    load_profile: ProfileLoader,
    load_progress: ProgressLoader,
) -> ProgressReport:
    """``skillpath progress``: coverage of the next level for who is asking."""
    asking = who(catalog.framework, roles, levels, load_profile)
    named = resolve_skills(catalog, skills, asking.role)
    every = catalog.skills()
    return progress_report(
        catalog.framework,
        named or every,
        asking.role,
        asking.level,
        load_progress(),
        asking.levels,
        every,
    )


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


def profile_view(framework: Framework, saved: Profile, file: str) -> ProfileView:
    """The profile's ids as the data's names; a name the data lacks is a usage error."""

    def level(name: str, what: str) -> Level:
        return from_profile(what, functools.partial(resolve_level, framework, name))

    role = (
        from_profile("role", functools.partial(resolve_role, framework, saved.role))
        if saved.role
        else None
    )
    return ProfileView(
        role,
        level(saved.level, "level") if saved.level else None,
        tuple(
            (skill, level(name, f"level in {skill}"))
            for skill, name in sorted(saved.skills.items())
        ),
        file,
    )


@dataclass(frozen=True)
class ProfileChange:
    """What `profile set` asks for, as ids: None leaves a setting; a skill's None clears it."""

    role: str | None
    level: str | None
    skills: Mapping[str, str | None]


def profile_change(
    catalog: Catalog, role: str | None, level: str | None, skill_levels: Sequence[str]
) -> ProfileChange:
    """Every name of `profile set` resolved, before any lock is taken or file written."""
    if role is None and level is None and not skill_levels:
        raise UsageError("give --role, --level or --skill SKILL=LEVEL")
    framework = catalog.framework
    per_skill: dict[str, str | None] = {}
    new_role = resolve_role(framework, role).id if role is not None else None
    new_level = resolve_level(framework, level).id if level is not None else None
    for entry in skill_levels:
        name, _, level_name = entry.partition("=")
        if not name or "=" not in entry:
            raise UsageError(f"--skill takes SKILL=LEVEL, not {entry!r}")
        per_skill[resolve_skill(catalog, name).id] = (
            resolve_level(framework, level_name).id if level_name else None
        )
    return ProfileChange(new_role, new_level, per_skill)


def mark_for(
    catalog: Catalog, progress: Progress, reference: str, note: str | None, today: date
) -> Mark:
    """The mark `skillpath done REFERENCE` adds: the item as the data has it now."""
    found = find_item(catalog.skills(), progress, reference)
    if not isinstance(found, Found):
        raise UsageError(
            f"item {found.item} is no longer in the data; `skillpath undo {found.item}` forgets it"
        )
    cell = found.cell
    return Mark(
        found.item.id, found.skill.id, cell.role, cell.level, found.item.text, today, note or ""
    )


def item_id_for(catalog: Catalog, progress: Progress, reference: str) -> str:
    """The id `skillpath undo REFERENCE` means, also of an item the data no longer has."""
    found = find_item(catalog.skills(), progress, reference)
    return found.item.id if isinstance(found, Found) else found.item
