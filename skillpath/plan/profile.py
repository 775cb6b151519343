"""The profile as names for showing, and the change `profile set` asks for."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from skillpath.errors import UsageError
from skillpath.framework.model import Framework, Level, Role
from skillpath.framework.names import resolve_level, resolve_role, resolve_skill
from skillpath.values import frozen

from .asking import from_profile
from .model import Profile

if TYPE_CHECKING:
    from skillpath.framework.source import SkillSource


# -- profile -------------------------------------------------------------------------------


@frozen
class ProfileView:
    """The profile as names, for showing; ``file`` is where it is kept."""

    role: Role | None
    level: Level | None
    skills: tuple[tuple[str, Level], ...]
    file: str
    data_dirs: tuple[str, ...] = ()


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
        saved.data_dirs,
    )


def kept_folders(folders: Sequence[Path] | None, *, clear: bool = False) -> tuple[str, ...] | None:
    """The data folders `profile set` keeps, made absolute so that they work from any
    folder; None leaves the saved ones, ``clear`` forgets them."""
    if clear:
        if folders:
            raise UsageError("give --data-dir or --clear-data-dirs, not both")
        return ()
    if not folders:
        return None
    return tuple(dict.fromkeys(str(folder.expanduser().resolve()) for folder in folders))


@frozen
class ProfileChange:
    """What `profile set` asks for, as ids: None leaves a setting; a skill's None clears it."""

    role: str | None
    level: str | None
    skills: Mapping[str, str | None]


def profile_change(
    catalog: SkillSource,
    role: str | None,
    level: str | None,
    skill_levels: Sequence[str],
    folders: tuple[str, ...] | None = None,
) -> ProfileChange:
    """Every name of `profile set` resolved, before any lock is taken or file written."""
    if role is None and level is None and not skill_levels and folders is None:
        raise UsageError("give --role, --level, --skill SKILL=LEVEL or --data-dir")
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
