"""Who an answer is for: the role and level given as options, else the profile's; and the
next step for them.

Kept apart from the other plan answers (``roadmap``, ``progress``, ...) so that
``skillpath next``, the most common command, builds none of their classes at start-up
(benchmarks/startup.py). Pure: the profile and progress are read by the loaders the caller
passes in, only when an answer needs them.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from skillpath.errors import UsageError
from skillpath.framework.ladder import NextStep, level_in_effect, narrowed, next_steps
from skillpath.framework.model import Framework, Level, Role
from skillpath.framework.names import resolve_level, resolve_role, resolve_skills
from skillpath.values import frozen

from .model import Profile, Progress

if TYPE_CHECKING:
    from skillpath.framework.source import SkillSource

T = TypeVar("T")
ProfileLoader = Callable[[], Profile]
ProgressLoader = Callable[[], Progress]


NO_PROFILE = "set them once with `skillpath profile set --role ROLE --level LEVEL`"


@frozen
class Who:
    """The role and level an answer is for, and the profile's per-skill levels when the
    level comes from the profile."""

    role: Role
    level: Level
    levels: Mapping[str, Level]

    def level_in(self, skill_id: str) -> Level:
        """The level in effect in a skill (ladder.level_in_effect)."""
        return level_in_effect(self.level, self.levels, skill_id)


def at_most_one(option: str, values: Sequence[str] | None) -> str | None:
    if values and len(set(values)) > 1:
        given = ", ".join(repr(value) for value in values)
        raise UsageError(f"{option} was given more than once ({given}); give it once")
    return values[0] if values else None


def who(
    framework: Framework,
    roles: Sequence[str] | None,
    levels: Sequence[str] | None,
    load_profile: ProfileLoader,
    level_option: str = "--level",
) -> Who:
    """The role and level asked for, or the profile's (read only when an option is missing)."""
    role_name, level_name = at_most_one("--role", roles), at_most_one(level_option, levels)
    saved = load_profile() if role_name is None or level_name is None else None
    if role_name is None and (saved is None or saved.role is None):
        raise UsageError(
            f"no --role given and no role in your profile; give --role, or {NO_PROFILE}"
        )
    if level_name is None and (saved is None or saved.level is None):
        raise UsageError(
            f"no {level_option} given and no level in your profile; "
            f"give {level_option}, or {NO_PROFILE}"
        )
    if role_name is not None:
        role = resolve_role(framework, role_name)
    else:
        assert saved is not None and saved.role is not None
        role = from_profile("role", functools.partial(resolve_role, framework, saved.role))
    if level_name is not None:
        return Who(role, resolve_level(framework, level_name), {})
    assert saved is not None and saved.level is not None
    level = from_profile("level", functools.partial(resolve_level, framework, saved.level))
    overrides = {
        skill: from_profile(f"level in {skill}", functools.partial(resolve_level, framework, name))
        for skill, name in saved.skills.items()
    }
    return Who(role, level, overrides)


def from_profile(what: str, resolve: Callable[[], T]) -> T:
    """A name kept in the profile, which the data in use may not have."""
    try:
        return resolve()
    except UsageError as error:
        raise UsageError(
            f"your profile's {what} is not in the data in use ({error.message}); give it as an "
            "option, or change it with `skillpath profile set`"
        ) from None


def next_for(
    catalog: SkillSource,
    roles: Sequence[str] | None,
    levels: Sequence[str] | None,
    skills: Sequence[str],
    load_profile: ProfileLoader,
    load_progress: ProgressLoader,
    *,
    todo: bool = False,
    required_only: bool = False,
    brief: bool = False,
) -> NextStep:
    """``skillpath next``: the next step for who is asking, in the named skills or all;
    with ``todo``, only what is still to cover; with ``required_only``, only required skills;
    ``brief`` asks a table for one line per item."""
    asking = who(catalog.framework, roles, levels, load_profile)
    named = resolve_skills(catalog, skills)
    states = load_progress().states
    found = next_steps(catalog, asking.role, asking.level, named, asking.levels, states)
    shown = narrowed(found, todo=todo, required_only=required_only)
    return dataclasses.replace(shown, brief=brief) if brief else shown
