"""Questions asked of the framework: the list of skills, a skill's matrix, the next step.

Pure functions over the model and a catalogue; they return small frozen results that carry
everything a renderer shows (the checklist, what is covered, the counts). Nothing here
prints.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from skillpath.framework.model import DONE, SKIPPED, STARTED
from skillpath.values import frozen

from .model import Expectation, Framework, Item, Level, Role, Skill
from .names import (
    require_level,
    require_role,
    resolve_levels,
    resolve_roles,
    resolve_skill,
    skill_roles,
)

if TYPE_CHECKING:
    from skillpath.framework.source import SkillSource


# -- results -------------------------------------------------------------------------------


@frozen
class Counts:
    """How many roles and levels a skill or matrix has, and its required and optional cells."""

    roles: int
    levels: int
    required: int
    optional: int

    @classmethod
    def of(cls, roles: int, levels: int, cells: Iterable[Expectation]) -> Counts:
        flags = [cell.required for cell in cells]
        return cls(roles, levels, flags.count(True), flags.count(False))


@frozen
class SkillEntry:
    """One line of ``skillpath list``."""

    skill: Skill
    roles: tuple[Role, ...]
    counts: Counts
    origin: str  # "bundled", or the data folder the skill comes from


@frozen
class SkillList:
    """``skillpath list``: every skill, in the catalogue's order."""

    framework: Framework
    skills: tuple[SkillEntry, ...]
    roles: tuple[Role, ...] = ()  # the roles counted, where --role named them (else all)


@frozen
class RoleList:
    """``skillpath roles``: the framework's roles."""

    roles: tuple[Role, ...]


@frozen
class LevelList:
    """The ladder, lowest level first."""

    levels: tuple[Level, ...]


@frozen
class Matrix:
    """A skill's expectations for the chosen roles and levels, lowest level first."""

    skill: Skill
    roles: tuple[Role, ...]
    levels: tuple[Level, ...]
    cells: tuple[Expectation, ...]
    counts: Counts
    detail: bool = False  # whether a table shows each cell's evidence and questions too
    asked_levels: bool = False  # the levels were named, rather than the skill's own

    def cell(self, role: Role, level: Level) -> Expectation | None:
        return self.skill.expectation(role.id, level.id)

    def in_run(self, role: Role, level: Level) -> bool:
        """Whether the level is within the role's run of levels in this skill (from its
        first cell to its last): outside it the skill has nothing to say, inside a missing
        cell is a gap in the data."""
        if self.asked_levels:
            return True  # a level asked for by name is answered, if only to say it is missing
        ranks = [lv.rank for lv in self.levels if self.cell(role, lv) is not None]
        return bool(ranks) and ranks[0] <= level.rank <= ranks[-1]


@frozen
class Checked:
    """One item of a checklist: its number in its skill's list (``SKILL:N``), and its state
    in the person's plan (None: to do)."""

    skill: Skill
    number: int
    item: Item
    required: bool
    state: str | None = None

    @property
    def done(self) -> bool:
        return self.state == DONE


@frozen
class Step:
    """For one skill: what the role does now, and what it does one level up."""

    skill: Skill
    current: Expectation | None
    next: Expectation | None
    at: Level  # the person's level in this skill: the step's own, or the answer's
    to: Level | None
    checklist: tuple[Checked, ...] = ()  # the next cell's items, numbered from 1
    ended: bool = False  # the skill describes the role at no level above ``at``


@frozen
class NextSummary:
    """The totals of a next step: its skills, its checklist items, and their states."""

    skills: int
    items: int
    required: int
    optional: int
    covered: int = 0
    undescribed: int = 0  # skills that do not describe the level to reach
    started: int = 0
    skipped: int = 0


@frozen
class NextStep:
    """What to cover to go from one level to the one above it, skill by skill."""

    role: Role
    current: Level
    target: Level | None
    steps: tuple[Step, ...]
    summary: NextSummary
    hidden: int = 0  # skills left out by --todo or --required-only
    todo: bool = False  # only the items still to cover were kept
    required_only: bool = False  # only the required skills were kept
    brief: bool = False  # a table shows one line per item

    @property
    def at_top(self) -> bool:
        return self.target is None

    @property
    def checklist(self) -> tuple[Checked, ...]:
        return tuple(entry for step in self.steps for entry in step.checklist)

    @property
    def elsewhere(self) -> tuple[tuple[Level, Level | None, tuple[Skill, ...]], ...]:
        """The skills whose own level (a per-skill level) is not the answer's: each such
        level, lowest first, the level above it (None at the top), and its skills."""
        levels = sorted({step.at for step in self.steps if step.at != self.current},
                        key=lambda level: level.rank)  # fmt: skip
        return tuple(
            (level, steps[0].to, tuple(step.skill for step in steps))
            for level in levels
            if (steps := [step for step in self.steps if step.at == level])
        )

    @property
    def covering(self) -> tuple[Step, ...]:
        """The steps with a level above to cover: not at the top, not ended below it."""
        return tuple(step for step in self.steps if step.to is not None and not step.ended)

    @property
    def ended(self) -> tuple[Step, ...]:
        """The steps of skills that end at the person's level in them: nothing above."""
        return tuple(step for step in self.steps if step.ended and step.to is not None)


# -- queries -------------------------------------------------------------------------------


def list_skills(
    catalog: SkillSource, roles: Sequence[str] = (), skills: Iterable[Skill] | None = None
) -> SkillList:
    """Every skill with its counts; with ``roles``, only the skills that have one of them,
    counted over those roles' cells alone. ``skills``: the catalogue's, read by the caller
    (one at a time, not kept)."""
    framework = catalog.framework
    chosen = tuple(dict.fromkeys(resolve_roles(framework, roles)))
    wanted = {role.id for role in chosen}
    entries = []
    for skill in catalog.skills() if skills is None else skills:
        own = skill_roles(framework, skill)
        if chosen:
            own = tuple(role for role in own if role.id in wanted)
            if not own:
                continue
        required = [flag for role, _, flag in skill.outline if not chosen or role in wanted]
        counts = Counts(
            len(own),
            len(skill_levels(framework, skill, own if chosen else ())),
            required.count(True),
            required.count(False),
        )
        entries.append(SkillEntry(skill, own, counts, catalog.origin_label(skill.id)))
    return SkillList(framework, tuple(entries), chosen)


def matrix(
    framework: Framework,
    skill: Skill,
    roles: Sequence[Role] = (),
    levels: Sequence[Level] = (),
) -> Matrix:
    """The skill's matrix, narrowed to ``roles`` and ``levels`` where they are given."""
    own = skill_roles(framework, skill)
    for role in roles:
        require_role(framework, skill, role)
    chosen_roles = tuple(r for r in own if r in roles) if roles else own
    chosen_levels = (
        tuple(lv for lv in framework.levels if lv in levels)
        if levels
        else skill_levels(framework, skill, chosen_roles)
    )
    cells = tuple(
        cell
        for role in chosen_roles
        for level in chosen_levels
        if (cell := skill.expectation(role.id, level.id)) is not None
    )
    return Matrix(
        skill,
        chosen_roles,
        chosen_levels,
        cells,
        Counts.of(len(chosen_roles), len(chosen_levels), cells),
        asked_levels=bool(levels),
    )


def skill_levels(
    framework: Framework, skill: Skill, roles: Sequence[Role] = ()
) -> tuple[Level, ...]:
    """The levels the skill really describes (for the given roles), lowest first."""
    if roles:
        role_ids = {role.id for role in roles}
        used = {level for role, level, _ in skill.outline if role in role_ids}
    else:
        used = {level for _, level, _ in skill.outline}
    return tuple(level for level in framework.levels if level.id in used)


def level_in_effect(level: Level, levels: Mapping[str, Level] | None, skill_id: str) -> Level:
    """The level a person is at in a skill, the one rule every answer and mark follows:
    ``level`` given as an option wins (the caller passes no ``levels`` then); else the
    per-skill level of the profile (`profile set --skill S=LEVEL`); else the profile's."""
    return (levels or {}).get(skill_id, level)


def next_step(
    framework: Framework,
    skills: Sequence[Skill],
    role: Role,
    level: Level,
    levels: Mapping[str, Level] | None = None,
    states: Mapping[str, str] | None = None,
) -> NextStep:
    """What ``role`` covers to rise from ``level``: required skills first, then by name.

    ``levels`` gives a skill its own level where the person's differs (their profile);
    ``states`` gives the state of items in the person's plan (started, done, skipped). At
    the top of the ladder there is no next level; the steps still carry the current
    expectations, to say what the top asks.
    """
    states = states or {}
    steps = []
    for skill in skills:
        if role.id not in skill.role_ids:
            continue
        own = level_in_effect(level, levels, skill.id)
        above = framework.level_above(own, role)
        current = skill.expectation(role.id, own.id)
        cell_above = skill.expectation(role.id, above.id) if above else None
        later = _has_cells_above(framework, skill, role, own)
        earlier = role.id in skill.role_ids and not (
            current is None and _starts_above(framework, skill, role, own)
        )
        if current is None and cell_above is None and not (later and earlier):
            continue  # the skill starts above the next level, or has ended below this one
        checklist = (
            tuple(
                Checked(skill, number, item, cell_above.required, states.get(item.id))
                for number, item in enumerate(cell_above.items, start=1)
            )
            if cell_above
            else ()
        )
        steps.append(Step(skill, current, cell_above, own, above, checklist, ended=not later))
    steps.sort(key=lambda step: (not step_is_required(step), step.skill.name.casefold()))
    # The answer is from the level in effect: the skills' own, where they all share one
    # (`next deep-learning` with a per-skill level), else the level asked for.
    shared = {step.at for step in steps}
    start = shared.pop() if len(shared) == 1 else level
    target = framework.level_above(start, role)
    return NextStep(role, start, target, tuple(steps), _summarise(steps))


def _starts_above(framework: Framework, skill: Skill, role: Role, level: Level) -> bool:
    """Whether the skill's first level for the role is above ``level``."""
    return not any(
        skill.has_cell(role.id, below.id)
        for below in framework.ladder(role)
        if below.rank <= level.rank
    )


def _has_cells_above(framework: Framework, skill: Skill, role: Role, level: Level) -> bool:
    """Whether the skill describes the role at any level above ``level``."""
    return any(
        skill.has_cell(role.id, above.id)
        for above in framework.ladder(role)
        if above.rank > level.rank
    )


def step_is_required(step: Step) -> bool:
    """Whether the cell to cover is required; at the top, the cell the role is in."""
    cell = step.next or step.current
    return cell is not None and cell.required


def next_steps(
    catalog: SkillSource,
    role: Role,
    level: Level,
    skills: Sequence[Skill] = (),
    levels: Mapping[str, Level] | None = None,
    states: Mapping[str, str] | None = None,
) -> NextStep:
    """``next_step`` over the named skills, or over every skill when none is named.

    A named skill that lacks the role is a usage error rather than a silent gap.
    """
    framework = catalog.framework
    require_level(framework, role, level)
    for skill in skills:
        require_role(framework, skill, role)
    return next_step(framework, skills or catalog.skills(), role, level, levels, states)


def _summarise(steps: Sequence[Step]) -> NextSummary:
    entries = [entry for step in steps for entry in step.checklist]
    required = sum(entry.required for entry in entries)
    in_state = [entry.state for entry in entries]
    # A skill whose own level is the top (a per-skill level), or that ends where the person
    # is, has nothing above; not a gap.
    undescribed = sum(
        1 for step in steps if step.next is None and step.to is not None and not step.ended
    )
    return NextSummary(
        len(steps),
        len(entries),
        required,
        len(entries) - required,
        in_state.count(DONE),
        undescribed,
        in_state.count(STARTED),
        in_state.count(SKIPPED),
    )


def narrowed(result: NextStep, *, todo: bool = False, required_only: bool = False) -> NextStep:
    """``result`` with only the required skills, or only the items still to cover (to do or
    started); items keep their numbers, so ``SKILL:N`` means the same item either way."""
    steps = []
    for step in result.steps:
        if required_only and not step_is_required(step):
            continue
        kept = tuple(e for e in step.checklist if not todo or e.state in (None, STARTED))
        if step.checklist and not kept:
            continue  # every item covered or skipped: nothing left to show
        steps.append(dataclasses.replace(step, checklist=kept))
    hidden = len(result.steps) - len(steps)
    return dataclasses.replace(
        result,
        steps=tuple(steps),
        summary=_summarise(steps),
        hidden=hidden,
        todo=todo,
        required_only=required_only,
    )


def show_matrix(
    catalog: SkillSource,
    skill: str,
    roles: Sequence[str] = (),
    levels: Sequence[str] = (),
    *,
    detail: bool = False,
) -> Matrix:
    """``skillpath show``: the named skill's matrix, narrowed to the named roles and levels."""
    framework = catalog.framework
    chosen_roles = resolve_roles(framework, roles)
    chosen_levels = resolve_levels(framework, levels)
    found = matrix(framework, resolve_skill(catalog, skill), chosen_roles, chosen_levels)
    return dataclasses.replace(found, detail=detail)


def role_list(catalog: SkillSource) -> RoleList:
    return RoleList(catalog.framework.roles)


def level_list(catalog: SkillSource) -> LevelList:
    return LevelList(catalog.framework.levels)
