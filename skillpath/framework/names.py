"""The one resolver: skills, roles, levels and items by id, name or alias, with "did you mean".

Names match ignoring case, spaces, dashes and underscores (``model.normal_name``); an unknown
name raises with the closest known ids, so a typo in a name or an alias still leads to the
right one. Pure: the catalogue passed in does any reading.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

from skillpath.errors import UnknownNameError, UsageError
from skillpath.framework.model import Framework, Level, Role, Skill, normal_name

if TYPE_CHECKING:
    from skillpath.framework.source import SkillSource

T = TypeVar("T")


def did_you_mean(name: str, known: Iterable[str], most: int = 3) -> tuple[str, ...]:
    """The known labels closest to ``name``: close spellings first, then those it begins.

    A name cut short ("deep", "stat") is a prefix rather than a close match.
    """
    import difflib  # deferred: only an unknown name needs it

    labels = list(dict.fromkeys(known))
    close = difflib.get_close_matches(name, labels, n=most, cutoff=0.6)
    started = [label for label in labels if len(name) >= 2 and label.startswith(name)]
    return tuple(dict.fromkeys([*close, *started]))[:most]


Entries = Sequence[tuple[str, Iterable[str], T]]  # (id, other labels, value)


def find_name(name: str, entries: Entries[T]) -> T | None:
    """The value of the entry whose id or one of whose labels is ``name``, or None."""
    wanted = normal_name(name)
    for entry_id, labels, value in entries:
        if any(normal_name(label) == wanted for label in (entry_id, *labels)):
            return value
    return None


def resolve_name(kind: str, name: str, entries: Entries[T]) -> T:
    """The entry one of whose labels matches ``name``, or a usage error with close matches."""
    found = find_name(name, entries)
    if found is not None:
        return found
    wanted = normal_name(name)
    owner: dict[str, str] = {}
    for entry_id, labels, _ in entries:
        for label in (entry_id, *labels):
            owner.setdefault(normal_name(label), entry_id)
    suggestions = tuple(dict.fromkeys(owner[label] for label in did_you_mean(wanted, owner)))
    known = tuple(entry_id for entry_id, _, _ in entries)
    raise UnknownNameError(kind, name, suggestions, known)


def resolve_level(framework: Framework, name: str) -> Level:
    """A level by id, name or alias; a bare number ("2") names the one level whose name or
    id ends in it ("Level 2", "level-2") when exactly one does."""
    entries = [(lv.id, (lv.name, *lv.aliases), lv) for lv in framework.levels]
    if find_name(name, entries) is not None:
        return resolve_name("level", name, entries)
    numbered = levels_numbered(name, framework.levels)
    if len(numbered) == 1:
        return numbered[0]
    if numbered:  # "2" for both "Level 2" and "Grade 2": a guess would be wrong half the time
        ids = tuple(level.id for level in numbered)
        raise UnknownNameError("level", name, ids, tuple(lv.id for lv in framework.levels))
    return resolve_name("level", name, entries)


def level_numbered(name: str, levels: Sequence[Level]) -> Level | None:
    """The one level whose name, id or alias ends in the number ``name`` is, or None."""
    found = levels_numbered(name, levels)
    return found[0] if len(found) == 1 else None


def levels_numbered(name: str, levels: Sequence[Level]) -> list[Level]:
    """The levels whose name, id or alias ends in the number ``name`` is (none when it is
    not a number)."""
    number = name.strip()
    if not number.isdecimal() or not number.isascii():
        return []
    wanted = int(number)
    return [
        level
        for level in levels
        if any(_ending_number(label) == wanted for label in (level.id, level.name, *level.aliases))
    ]


def _ending_number(label: str) -> int | None:
    """The number a label ends in after a space, dash or underscore ("Level 2": 2)."""
    import re  # deferred: only a bare number needs it

    match = re.search(r"(?:^|[\s_-])([0-9]{1,6})$", label.strip())
    return int(match.group(1)) if match else None


def resolve_role(framework: Framework, name: str) -> Role:
    return resolve_name("role", name, [(r.id, (r.name, *r.aliases), r) for r in framework.roles])


def resolve_levels(framework: Framework, names: Iterable[str]) -> list[Level]:
    return [resolve_level(framework, name) for name in names]


def resolve_roles(framework: Framework, names: Iterable[str]) -> list[Role]:
    return [resolve_role(framework, name) for name in names]


def resolve_skill(catalog: SkillSource, name: str) -> Skill:
    """A skill by id or name; reads one file when the name is an id."""
    wanted = normal_name(name)
    by_id = {normal_name(skill_id): skill_id for skill_id in catalog.skill_ids}
    if wanted in by_id:
        return catalog.skill(by_id[wanted])
    skills = catalog.skills()
    named = [skill.id for skill in skills if normal_name(skill.name) == wanted]
    if len(named) > 1:  # copies under new ids, say: the first would be a guess
        raise UsageError(f"{len(named)} skills are named {name!r}: {', '.join(named)}; give an id")
    return resolve_name("skill", name, [(s.id, (s.name,), s) for s in skills])


def resolve_skills(
    catalog: SkillSource, names: Sequence[str], role: Role | None = None
) -> tuple[Skill, ...]:
    """The named skills, once each; with ``role``, each must have expectations for it."""
    skills = tuple(dict.fromkeys(resolve_skill(catalog, name) for name in names))
    if role is not None:
        for skill in skills:
            require_role(catalog.framework, skill, role)
    return skills


def skill_roles(framework: Framework, skill: Skill) -> tuple[Role, ...]:
    """The skill's roles, in the framework's order."""
    present = set(skill.role_ids)
    return tuple(role for role in framework.roles if role.id in present)


def require_role(framework: Framework, skill: Skill, role: Role) -> None:
    if role.id not in skill.role_ids:
        names = ", ".join(r.name for r in skill_roles(framework, skill)) or "none"
        raise UsageError(f"{skill.name} has no expectations for {role.name}; its roles: {names}")


def require_level(framework: Framework, role: Role, level: Level) -> None:
    """A level the role has: a role with its own part of the ladder has no other."""
    ladder = framework.ladder(role)
    if level not in ladder:
        names = ", ".join(lv.name for lv in ladder)
        raise UsageError(f"{role.name} has no level {level.name}; its levels: {names}")
