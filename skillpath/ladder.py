"""Questions asked of the framework: resolve names, the matrix, the next step.

Pure functions over the model and a catalogue; they return small frozen results that the
renderers turn into text. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .catalog import Catalog, normal_name
from .errors import UnknownNameError, UsageError
from .model import Expectation, Framework, Level, Role, Skill

T = TypeVar("T")


# -- names ---------------------------------------------------------------------------------


def resolve_name(kind: str, name: str, entries: Sequence[tuple[str, Iterable[str], T]]) -> T:
    """The entry one of whose labels matches ``name``, ignoring case, spaces and dashes.

    ``entries`` holds (id, labels, value); an unknown name raises with the ids of the
    closest labels, so a typo in a name or an alias still leads to the right id.
    """
    wanted = normal_name(name)
    owner: dict[str, str] = {}
    for entry_id, labels, value in entries:
        for label in (entry_id, *labels):
            if normal_name(label) == wanted:
                return value
            owner.setdefault(normal_name(label), entry_id)
    import difflib  # deferred: only an unknown name needs it

    close = difflib.get_close_matches(wanted, list(owner), n=3, cutoff=0.6)
    # A name cut short ("deep", "stat") is a prefix rather than a close match.
    started = [label for label in owner if len(wanted) >= 2 and label.startswith(wanted)]
    suggestions = tuple(dict.fromkeys(owner[label] for label in [*close, *started]))[:3]
    known = tuple(entry_id for entry_id, _, _ in entries)
    raise UnknownNameError(kind, name, suggestions, known)


def resolve_level(framework: Framework, name: str) -> Level:
    return resolve_name(
        "level", name, [(lv.id, (lv.name, *lv.aliases), lv) for lv in framework.levels]
    )


def resolve_role(framework: Framework, name: str) -> Role:
    return resolve_name("role", name, [(r.id, (r.name, *r.aliases), r) for r in framework.roles])


def resolve_skill(catalog: Catalog, name: str) -> Skill:
    """A skill by id, name or alias; reads one file when the name is an id."""
    wanted = normal_name(name)
    if wanted in catalog.skill_ids:
        return catalog.skill(wanted)
    skills = catalog.skills()
    return resolve_name("skill", name, [(s.id, (s.name,), s) for s in skills])


def resolve_skills(
    catalog: Catalog, names: Sequence[str], role: Role | None = None
) -> tuple[Skill, ...]:
    """The named skills, once each; with ``role``, each must have expectations for it."""
    skills = tuple(dict.fromkeys(resolve_skill(catalog, name) for name in names))
    if role is not None:
        for skill in skills:
            require_role(catalog.framework, skill, role)
    return skills


# -- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    roles: int
    levels: int
    required: int
    optional: int

    @classmethod
    def of(cls, roles: int, levels: int, cells: Iterable[Expectation]) -> Counts:
        flags = [cell.required for cell in cells]
        return cls(roles, levels, flags.count(True), flags.count(False))


@dataclass(frozen=True)
class SkillEntry:
    """One line of ``skillpath list``."""

    skill: Skill
    roles: tuple[Role, ...]
    counts: Counts
    origin: str  # "bundled", or the data folder the skill comes from


@dataclass(frozen=True)
class SkillList:
    framework: Framework
    skills: tuple[SkillEntry, ...]


@dataclass(frozen=True)
class RoleList:
    roles: tuple[Role, ...]


@dataclass(frozen=True)
class LevelList:
    """The ladder, lowest level first."""

    levels: tuple[Level, ...]


@dataclass(frozen=True)
class Matrix:
    """A skill's expectations for the chosen roles and levels, lowest level first."""

    skill: Skill
    roles: tuple[Role, ...]
    levels: tuple[Level, ...]
    cells: tuple[Expectation, ...]
    counts: Counts

    def cell(self, role: Role, level: Level) -> Expectation | None:
        return self.skill.expectation(role.id, level.id)


@dataclass(frozen=True)
class Step:
    """For one skill: what the role does now, and what it does one level up."""

    skill: Skill
    current: Expectation | None
    next: Expectation | None
    at: Level  # the person's level in this skill: the step's own, or the answer's
    to: Level | None


@dataclass(frozen=True)
class NextSummary:
    skills: int
    items: int
    required: int
    optional: int


@dataclass(frozen=True)
class NextStep:
    """What to cover to go from one level to the one above it, skill by skill."""

    role: Role
    current: Level
    target: Level | None
    steps: tuple[Step, ...]
    summary: NextSummary
    done: frozenset[str] = frozenset()  # ids of the items already covered

    @property
    def at_top(self) -> bool:
        return self.target is None


# -- queries -------------------------------------------------------------------------------


def skill_roles(framework: Framework, skill: Skill) -> tuple[Role, ...]:
    """The skill's roles, in the framework's order."""
    present = set(skill.role_ids)
    return tuple(role for role in framework.roles if role.id in present)


def require_role(framework: Framework, skill: Skill, role: Role) -> None:
    if role.id not in skill.role_ids:
        names = ", ".join(r.name for r in skill_roles(framework, skill)) or "none"
        raise UsageError(f"{skill.name} has no expectations for {role.name}; its roles: {names}")


def list_skills(catalog: Catalog) -> SkillList:
    framework = catalog.framework
    entries = []
    for skill in catalog.skills():
        roles = skill_roles(framework, skill)
        counts = Counts.of(len(roles), len(framework.levels), skill.expectations)
        entries.append(SkillEntry(skill, roles, counts, catalog.origin_label(skill.id)))
    return SkillList(framework, tuple(entries))


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
        tuple(lv for lv in framework.levels if lv in levels) if levels else framework.levels
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
    )


def next_step(
    framework: Framework,
    skills: Sequence[Skill],
    role: Role,
    level: Level,
    levels: Mapping[str, Level] | None = None,
    done: frozenset[str] = frozenset(),
) -> NextStep:
    """What ``role`` covers to rise from ``level``: required skills first, then by name.

    ``levels`` gives a skill its own level where the person's differs (their profile);
    ``done`` holds the ids of items already covered. At the top of the ladder there is no
    next level; the steps still carry the current expectations, to say what the top asks.
    """
    steps = []
    for skill in skills:
        if role.id not in skill.role_ids:
            continue
        own = (levels or {}).get(skill.id, level)
        above = framework.level_above(own)
        current = skill.expectation(role.id, own.id)
        cell_above = skill.expectation(role.id, above.id) if above else None
        steps.append(Step(skill, current, cell_above, own, above))
    steps.sort(key=lambda step: (not step_is_required(step), step.skill.name.casefold()))
    target = framework.level_above(level)
    return NextStep(role, level, target, tuple(steps), _summarise(steps), done)


def step_is_required(step: Step) -> bool:
    """Whether the cell to cover is required; at the top, the cell the role is in."""
    cell = step.next or step.current
    return cell is not None and cell.required


def next_steps(
    catalog: Catalog,
    role: Role,
    level: Level,
    skills: Sequence[Skill] = (),
    levels: Mapping[str, Level] | None = None,
    done: frozenset[str] = frozenset(),
) -> NextStep:
    """``next_step`` over the named skills, or over every skill when none is named.

    A named skill that lacks the role is a usage error rather than a silent gap.
    """
    framework = catalog.framework
    for skill in skills:
        require_role(framework, skill, role)
    return next_step(framework, skills or catalog.skills(), role, level, levels, done)


def _summarise(steps: Sequence[Step]) -> NextSummary:
    items = [(step.next.required, len(step.next.items)) for step in steps if step.next]
    required = sum(count for is_required, count in items if is_required)
    total = sum(count for _, count in items)
    return NextSummary(len(steps), total, required, total - required)
