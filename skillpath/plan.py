"""A person's growth plan as values: their profile, their marks, and the pure changes to them.

No I/O: ``store`` loads and saves these under a lock, and hands each change the state it
read, so that two runs at once each see the other's change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Profile:
    role: str | None = None
    level: str | None = None
    skills: dict[str, str] = field(default_factory=dict)  # skill id -> level id, where it differs


@dataclass(frozen=True)
class Mark:
    """An item marked covered: enough of it is kept to show it even if the data changes."""

    item: str
    skill: str
    role: str
    level: str
    text: str
    done: date
    note: str = ""


@dataclass(frozen=True)
class Progress:
    marks: dict[str, Mark] = field(default_factory=dict)  # item id -> mark
    listings: dict[str, list[str]] = field(
        default_factory=dict
    )  # skill id -> item ids, as last numbered


def profile_with(
    saved: Profile, role: str | None, level: str | None, skills: Mapping[str, str | None]
) -> Profile:
    """``saved`` with a new role, level or per-skill levels; a skill set to None is cleared."""
    per_skill = dict(saved.skills)
    for skill_id, level_id in skills.items():
        if level_id is None:
            per_skill.pop(skill_id, None)
        else:
            per_skill[skill_id] = level_id
    return Profile(role or saved.role, level or saved.level, per_skill)


def with_mark(progress: Progress, mark: Mark, *, has_note: bool) -> Progress:
    """``progress`` with ``mark``; marking again without a note keeps the earlier mark."""
    earlier = progress.marks.get(mark.item)
    kept = earlier if earlier and not has_note else mark
    return Progress({**progress.marks, mark.item: kept}, progress.listings)


def without_mark(progress: Progress, item_id: str) -> Progress:
    marks = {key: mark for key, mark in progress.marks.items() if key != item_id}
    return Progress(marks, progress.listings)


def with_listings(progress: Progress, shown: Mapping[str, list[str]]) -> Progress:
    return Progress(progress.marks, {**progress.listings, **shown})
