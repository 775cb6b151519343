"""Questions about a growth plan: the road between two levels, two roles or two levels side
by side, how much of the next level is covered, which item a person means, and the profile
as names. Who an answer is for (the options, else the profile) is ``asking``'s.

Pure functions over the model and the person's plan. The plan's files are read by the
loaders the caller passes in, and only when an answer needs them; nothing here writes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .asking import ProfileLoader, ProgressLoader, Who, from_profile, who
from .errors import UsageError
from .ladder import NextStep, next_step, next_steps
from .model import Expectation, Framework, Item, Level, Role, Skill
from .names import (
    require_level,
    resolve_level,
    resolve_role,
    resolve_skill,
    resolve_skills,
    skill_roles,
)
from .plan import (
    DONE,
    SKIPPED,
    STARTED,
    Change,
    Evidence,
    ItemChange,
    Mark,
    Profile,
    Progress,
)
from .text import text_problem
from .values import frozen

if TYPE_CHECKING:
    from .loading import Catalog


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
        return sum(1 for status in self.items if status.mark and status.mark.state == state)

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
    required_total: int
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


@frozen
class ProgressReport:
    role: Role
    current: Level
    target: Level | None
    skills: tuple[SkillProgress, ...]
    stale: tuple[Stale, ...]
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
    required = [row for row in rows if row.cell and row.cell.required]
    totals = ProgressTotals(
        sum(row.covered for row in rows),
        sum(len(row.items) for row in rows),
        sum(row.covered for row in required),
        sum(len(row.items) for row in required),
        sum(row.count(STARTED) for row in rows),
        sum(row.count(SKIPPED) for row in rows),
    )
    stale = stale_marks(framework, every_skill or skills, progress)
    return ProgressReport(role, level, step.target, rows, stale, totals)


def stale_marks(
    framework: Framework, skills: Sequence[Skill], progress: Progress
) -> tuple[Stale, ...]:
    """The marks whose items are gone, each with the closest item that replaced it."""
    existing = {i.id for skill in skills for cell in skill.expectations for i in cell.items}
    by_skill = {skill.id: skill for skill in skills}
    found = []
    for item_id, mark in sorted(progress.marks.items()):
        if item_id in existing:
            continue
        skill = by_skill.get(mark.skill)
        cell = skill.expectation(mark.role, mark.level) if skill else None
        closest = closest_item(mark.text, cell.items if cell else ())
        names = (_name(framework.roles, mark.role), _name(framework.levels, mark.level))
        found.append(Stale(mark, closest, names))
    return tuple(found)


def _name(entries: Sequence[Role] | Sequence[Level], wanted: str) -> str:
    return next((entry.name for entry in entries if entry.id == wanted), wanted)


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

# SKILL:N or SKILL#N; a number of more than six digits is no checklist's (and int() of
# thousands of digits is slow, or refused).
_NUMBERED = re.compile(r"(?P<skill>.+?)[:#](?P<number>[0-9]{1,6})")


@frozen
class Found:
    """An item of the data, with the cell it belongs to."""

    skill: Skill
    cell: Expectation
    item: Item


def find_item(
    catalog: Catalog, progress: Progress, reference: str, asking: Callable[[], Who]
) -> Found | Mark:
    """The item ``reference`` names: its id, or SKILL:N, item N of that skill's checklist
    for the role and level in effect (``asking``, called only for SKILL:N), as `skillpath
    next` numbers it. A marked item the data no longer has comes back as its Mark."""
    wanted = reference.strip().casefold()
    numbered = _NUMBERED.fullmatch(wanted)
    if numbered:
        return _numbered_item(catalog, numbered["skill"], int(numbered["number"]), asking())
    for skill in catalog.skills():
        for cell in skill.expectations:
            for item in cell.items:
                if item.id == wanted:
                    return Found(skill, cell, item)
    if wanted in progress.marks:
        return progress.marks[wanted]
    raise UsageError(
        f"no item {reference!r}; give an item id as `skillpath next` shows it (e.g. 6675ac29), "
        "or SKILL:N for item N of that skill's checklist in `skillpath next`"
    )


def _numbered_item(catalog: Catalog, skill_name: str, number: int, asking: Who) -> Found:
    skill = resolve_skill(catalog, skill_name)
    step = next_steps(catalog, asking.role, asking.level, [skill], asking.levels).steps[0]
    if step.next is None or step.to is None:
        raise UsageError(
            f"{skill.name} has no level above {step.at.name} for {asking.role.name}, so no "
            "numbered items; give the item's id"
        )
    if not 1 <= number <= len(step.checklist):
        raise UsageError(
            f"{skill.name} has {len(step.checklist)} items for {asking.role.name} going from "
            f"{step.at.name} to {step.to.name}; `skillpath next {skill.id}` numbers them"
        )
    return Found(skill, step.next, step.checklist[number - 1].item)


def item_change_for(
    catalog: Catalog,
    progress: Progress,
    reference: str,
    action: str,
    asking: Callable[[], Who],
    today: date,
    evidence: Evidence | None = None,
    reason: str = "",
    moved_from: str | None = None,
) -> ItemChange:
    """What `skillpath start|done|skip|undo REFERENCE` does, before anything is written."""
    found = find_item(catalog, progress, reference, asking)
    if isinstance(found, Mark):
        if action != "undo":
            raise UsageError(
                f"item {found.item} is no longer in the data; `skillpath undo {found.item}` "
                "forgets it, or `skillpath done NEW --from "
                f"{found.item}` moves its evidence to the item that replaced it"
            )
        return ItemChange(action, found)
    cell = found.cell
    state = {"start": STARTED, "done": DONE, "skip": SKIPPED}.get(action, DONE)
    since = evidence.day if evidence else today  # covered when the evidence says
    mark = Mark(found.item.id, found.skill.id, cell.role, cell.level, found.item.text, state, since)
    if action == "undo":
        return ItemChange(action, progress.marks.get(mark.item, mark))
    old = _moved_from(catalog, progress, moved_from, mark) if moved_from else ""
    return ItemChange(action, mark, evidence, reason, old)


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
    at = asking.levels.get(skill.id, asking.level)
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


def _moved_from(catalog: Catalog, progress: Progress, reference: str, new: Mark) -> str:
    """The item ``--from`` names: a marked item of the same skill, other than the one
    marked now."""
    wanted = reference.strip().casefold()
    old = progress.marks.get(wanted)
    if old is None:
        raise UsageError(
            f"--from {reference!r} is not a marked item; `skillpath progress` lists marks "
            "the data no longer has under 'Reworded or removed'"
        )
    if wanted == new.item:
        raise UsageError("--from names the item being marked; give the old item's id")
    if old.skill != new.skill:
        raise UsageError(
            f"--from {wanted} is an item of {old.skill}, not of {new.skill}; evidence moves "
            "only to the item that replaced it in the same skill"
        )
    return wanted


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
    catalog: Catalog,
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


# -- evidence and history ------------------------------------------------------------------


MAX_NOTE = 2_000  # characters in a note, a link or a reason: a line, not a document


def words(option: str, value: str) -> str:
    """``value`` as the state files will keep it, or a usage error naming ``option``: the
    rule the files are read by (one line, and not too long), before anything is written."""
    problem = text_problem(value, one_line=True, limit=MAX_NOTE)
    if problem is not None:
        raise UsageError(f"{option} {problem}")
    return value.strip()


def evidence_for(note: str | None, link: str | None, day: str | None, today: date) -> Evidence:
    """The evidence `done --note --link --date` gives; the date defaults to today."""
    if note is None:
        raise UsageError("--link and --date describe a note; give --note too")
    when = today
    if day is not None:
        try:
            when = date.fromisoformat(day)
        except ValueError:
            raise UsageError(f"--date takes a real date written YYYY-MM-DD, not {day!r}") from None
        if when > today:
            raise UsageError(f"--date {day} is in the future")
    kept_link = words("--link", link) if link is not None else ""
    if any(char.isspace() for char in kept_link):
        raise UsageError(f"--link takes one address without spaces, not {link!r}")
    return Evidence(words("--note", note), when, kept_link)


@frozen
class HistoryLog:
    """The changes asked for, oldest first, and the history's lines that could not be read."""

    changes: tuple[Change, ...]
    names: Mapping[tuple[str, str], str]  # ("skill" | "role" | "level", id) -> name
    unreadable: tuple[int, ...]
    filtered: bool = False  # --since or --skill narrowed it

    def name(self, kind: str, entry_id: str) -> str:
        """The data's name for a skill, role or level; its id where the data lacks it."""
        return self.names.get((kind, entry_id), entry_id)


HistoryLoader = Callable[[], tuple[tuple[Change, ...], tuple[int, ...]]]


def log_for(
    catalog: Catalog,
    since: str | None,
    skills: Sequence[str],
    load_history: HistoryLoader,
    last: int | None = None,
) -> HistoryLog:
    """``skillpath log``: the history, from a date on, of the named skills or all; the
    ``last`` newest of those changes where it is given."""
    start = None
    if since is not None:
        try:
            start = date.fromisoformat(since)
        except ValueError:
            raise UsageError(f"--since takes a date written YYYY-MM-DD, not {since!r}") from None
    changes, unreadable = load_history()
    wanted = {_history_skill(catalog, name, changes) for name in skills}
    kept = tuple(
        change
        for change in changes
        if (not wanted or change.skill in wanted)
        and (start is None or local_day(change.time) >= start)
    )
    if last is not None:
        kept = kept[-last:] if last > 0 else ()
    framework = catalog.framework
    names = {
        **{("skill", skill.id): skill.name for skill in catalog.skills()},
        **{("role", role.id): role.name for role in framework.roles},
        **{("level", level.id): level.name for level in framework.levels},
    }
    return HistoryLog(kept, names, unreadable, bool(since or skills))


def local_day(time: str) -> date:
    """The day, where the person is, of a time the history keeps in UTC."""
    return datetime.fromisoformat(time).astimezone().date()


def _history_skill(catalog: Catalog, name: str, changes: Sequence[Change]) -> str:
    """A skill named in `log --skill`: one of the data's, or one only the history has."""
    try:
        return resolve_skill(catalog, name).id
    except UsageError:
        if name in {change.skill for change in changes}:
            return name
        raise
