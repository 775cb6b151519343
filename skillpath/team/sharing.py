"""`skillpath share`: the person's plan as the file their team reads. Pure: the profile,
progress and time come in as values."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from skillpath.errors import UsageError
from skillpath.framework.ladder import next_step
from skillpath.framework.model import Level
from skillpath.framework.names import resolve_level, resolve_role
from skillpath.plan.asking import NO_PROFILE
from skillpath.plan.model import Profile, Progress
from skillpath.team.model import PEOPLE, SUFFIX, SharedPlan, is_slug, slug

if TYPE_CHECKING:
    from skillpath.framework.source import SkillSource


def person_id(given: str | None, login: str, option: str = "--as") -> str:
    """``--as`` (or ``--by``), which must be an id, else the login made one."""
    if given is not None:
        if not is_slug(given):
            raise UsageError(
                f"{option} {given!r} is not an id: use lowercase letters, digits and single dashes"
            )
        return given
    made = slug(login)
    if not made:
        raise UsageError(f"the login {login!r} makes no id; give one with {option} ID")
    return made


def shared_plan(
    catalog: SkillSource,
    profile: Profile,
    progress: Progress,
    person: str,
    name: str | None,
    now: str,
    team: Path,
) -> SharedPlan:
    """The plan to share: the profile (which must name a role and level the data has), every
    mark with its evidence, and the ids of the next level's checklist in the data in use."""
    if profile.role is None or profile.level is None:
        raise UsageError(f"your profile has no role or level to share; {NO_PROFILE}")
    framework = catalog.framework
    role = resolve_role(framework, profile.role)
    level = resolve_level(framework, profile.level)
    levels: dict[str, Level] = {s: resolve_level(framework, lv) for s, lv in profile.skills.items()}
    step = next_step(framework, catalog.skills(), role, level, levels)
    items = tuple(entry.item.id for entry in step.checklist)
    file = team / PEOPLE / f"{person}{SUFFIX}"
    shown = name if name is not None else person
    return SharedPlan(person, shown, now, framework.name, items, profile, progress, file)
