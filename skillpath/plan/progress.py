"""How much of the next level a person covers: the answer of `progress`, the marks
the data no longer has, and why a mark may not be counted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import TYPE_CHECKING

from skillpath.framework.ladder import NextStep, next_step
from skillpath.framework.model import (
    DONE,
    SKIPPED,
    STARTED,
    Expectation,
    Framework,
    Item,
    Level,
    Role,
    Skill,
)
from skillpath.framework.names import resolve_skills
from skillpath.values import frozen, once

from .asking import ProfileLoader, ProgressLoader, Who, who
from .model import Mark, Progress

if TYPE_CHECKING:
    from skillpath.framework.source import SkillSource


# -- progress ------------------------------------------------------------------------------


@frozen
class ItemStatus:
    item: Item
    mark: Mark | None  # None: to do


@frozen
class SkillProgress:
    skill: Skill
    cell: Expectation | None
    items: tuple[ItemStatus, ...]

    def count(self, state: str) -> int:
        return self._tally.get(state, 0)

    @once
    def _tally(self) -> dict[str, int]:
        """How many of the items are in each state, counted once (`team`: per person)."""
        tally: dict[str, int] = {}
        for status in self.items:
            if status.mark:
                tally[status.mark.state] = tally.get(status.mark.state, 0) + 1
        return tally

    @property
    def covered(self) -> int:
        return self.count(DONE)

    @property
    def applicable(self) -> int:
        """The items that count: a skipped item is not held against the person."""
        return len(self.items) - self.count(SKIPPED)


@frozen
class ProgressTotals:
    covered: int
    total: int  # every item, skipped ones too
    required_covered: int
    required_total: int  # the required items that apply: skipped ones left out
    started: int = 0
    skipped: int = 0

    @property
    def applicable(self) -> int:
        return self.total - self.skipped


@frozen
class Stale:
    """A mark whose item the data no longer has (its text was reworded, or it was removed),
    with the current item of the same skill, role and level closest to its text."""

    mark: Mark
    closest: Item | None
    names: tuple[str, str]  # the role's and level's names, or their ids where the data lacks them
    guess: bool = True  # the place and the words do not agree on ``closest`` (or one is unknown)


@frozen
class Kept:
    """A mark of an item the data still has, which this report does not count: an item of
    another level or role than the one in effect (the profile changed, or the item was
    marked with --level). Its evidence is kept, and shown."""

    mark: Mark
    names: tuple[str, str]  # the role's and level's names


@frozen
class ProgressReport:
    role: Role
    current: Level
    target: Level | None
    skills: tuple[SkillProgress, ...]
    stale: tuple[Stale, ...]
    totals: ProgressTotals
    kept: tuple[Kept, ...] = ()  # kept, not counted


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
    stale = stale_marks(framework, every_skill or skills, progress)
    report = report_for_step(step, progress, stale)
    return replace(report, kept=kept_marks(framework, skills, report.skills, progress))


def report_for_step(step: NextStep, progress: Progress, stale: tuple[Stale, ...]) -> ProgressReport:
    """Coverage of ``step``'s next level by ``progress``: one step serves every person of
    the same role and levels (`skillpath team`)."""
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
    required = [row for row in rows if row.cell and row.cell.required]
    totals = ProgressTotals(
        sum(row.covered for row in rows),
        sum(len(row.items) for row in rows),
        sum(row.covered for row in required),
        sum(row.applicable for row in required),  # a skipped item is not held against anyone
        sum(row.count(STARTED) for row in rows),
        sum(row.count(SKIPPED) for row in rows),
    )
    return ProgressReport(step.role, step.current, step.target, rows, stale, totals)


def item_ids(skills: Sequence[Skill]) -> frozenset[str]:
    """The id of every item of every cell of ``skills``."""
    return frozenset(i.id for skill in skills for cell in skill.expectations for i in cell.items)


def kept_marks(
    framework: Framework,
    skills: Sequence[Skill],
    rows: Sequence[SkillProgress],
    progress: Progress,
) -> tuple[Kept, ...]:
    """The marks of ``skills``' items that no row counts, by skill and level."""
    counted = {status.item.id for row in rows for status in row.items}
    present = {i.id for skill in skills for cell in skill.expectations for i in cell.items}
    found = [
        Kept(mark, (_name(framework.roles, mark.role), _name(framework.levels, mark.level)))
        for item_id, mark in progress.marks.items()
        if item_id in present and item_id not in counted
    ]
    ranks = {level.id: level.rank for level in framework.levels}
    found.sort(key=lambda k: (k.mark.skill, k.mark.role, ranks.get(k.mark.level, 0), k.mark.item))
    return tuple(found)


def stale_marks(
    framework: Framework,
    skills: Sequence[Skill],
    progress: Progress,
    existing: AbstractSet[str] | None = None,
) -> tuple[Stale, ...]:
    """The marks whose items are gone, each with the closest item that replaced it;
    ``existing``: ``item_ids(skills)``, where the caller has it already."""
    if existing is None:
        existing = item_ids(skills)
    if all(item_id in existing for item_id in progress.marks):
        return ()
    by_skill = {skill.id: skill for skill in skills}
    found = []
    for item_id, mark in sorted(progress.marks.items()):
        if item_id in existing:
            continue
        skill = by_skill.get(mark.skill)
        cell = skill.expectation(mark.role, mark.level) if skill else None
        closest, guess = successor(mark, cell.items if cell else ())
        names = (_name(framework.roles, mark.role), _name(framework.levels, mark.level))
        found.append(Stale(mark, closest, names, guess))
    return tuple(found)


def _name(entries: Sequence[Role] | Sequence[Level], wanted: str) -> str:
    return next((entry.name for entry in entries if entry.id == wanted), wanted)


def successor(mark: Mark, items: Sequence[Item]) -> tuple[Item | None, bool]:
    """The item that most likely replaced ``mark``'s in its cell, and whether that is a
    guess: a rewording keeps an item's place, so the item in the same place is preferred,
    and is sure when its words are also the closest; without a place, the closest words
    are a guess."""
    closest = closest_item(mark.text, items)
    if 1 <= mark.number <= len(items):
        same = items[mark.number - 1]
        return same, same != closest
    return closest, True


def closest_item(text: str, items: Sequence[Item]) -> Item | None:
    """The item whose text reads most like ``text``, if any is at least half the same."""
    import difflib

    scored = [
        (difflib.SequenceMatcher(None, text.casefold(), item.text.casefold()).ratio(), item)
        for item in items
    ]
    best = max(scored, key=lambda pair: pair[0], default=None)
    return best[1] if best and best[0] >= 0.5 else None


def progress_for(
    catalog: SkillSource,
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


@frozen
class Uncounted:
    """Why `skillpath progress` will not count a mark for the one asking: its item is not
    of their next level in its skill. An id from `search` or `show` may name any cell's."""

    skill: Skill
    role: Role
    at: Level  # the one asking's level in the skill
    above: Level | None  # the level progress counts there; None at the top of the ladder
    # What progress counts there instead: "other" items, "none" (the skill describes no
    # cell above), or nothing at all, since the skill lacks the "role" or "at" is the "top"
    counts: str


def uncounted(framework: Framework, skill: Skill, mark: Mark, asking: Who) -> Uncounted | None:
    """None when `skillpath progress` counts ``mark`` for ``asking``, as ``next_step`` finds
    the cell above their level in the skill."""
    role = asking.role
    at = asking.level_in(skill.id)
    above = framework.level_above(at, role)
    if above is not None and (mark.role, mark.level) == (role.id, above.id):
        return None
    counts = (
        "role"
        if role.id not in skill.role_ids
        else "top"
        if above is None
        else "other"
        if skill.has_cell(role.id, above.id)
        else "none"
    )
    return Uncounted(skill, role, at, above, counts)


@frozen
class Counting:
    """Why plain `skillpath progress` (the profile's level in effect) will not count a mark
    just made, and whether progress with the options given to the mark counts it."""

    missed: Uncounted
    counted_as_asked: bool


def counting(
    framework: Framework, skill: Skill, mark: Mark, asked: Who | None, plain: Who | None
) -> Counting | None:
    """None when there is nothing to say: plain `progress` counts ``mark``, or no role and
    level are known. ``asked``: the options given, else the profile; ``plain``: the
    profile's alone (None without a full one)."""
    base = plain or asked
    if base is None:
        return None
    missed = uncounted(framework, skill, mark, base)
    if missed is None:
        return None
    if asked is None or plain is None or asked == plain:
        return Counting(missed, counted_as_asked=False)
    return Counting(missed, uncounted(framework, skill, mark, asked) is None)
