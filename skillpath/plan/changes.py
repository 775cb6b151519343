"""Which item a person means (an id or SKILL:N), and the change `done`, `start`,
`skip` or `undo` asks for, with its evidence checked before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from skillpath.errors import UsageError
from skillpath.framework.ladder import next_steps
from skillpath.framework.model import DONE, SKIPPED, STARTED, Expectation, Item, Skill
from skillpath.framework.names import resolve_skill
from skillpath.text import plural, text_problem
from skillpath.values import frozen

from .asking import Who
from .model import Evidence, ItemChange, Mark, Progress

if TYPE_CHECKING:
    from skillpath.framework.source import SkillSource


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
    catalog: SkillSource, progress: Progress, reference: str, asking: Callable[[], Who]
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


def _numbered_item(catalog: SkillSource, skill_name: str, number: int, asking: Who) -> Found:
    skill = resolve_skill(catalog, skill_name)
    step = next_steps(catalog, asking.role, asking.level, [skill], asking.levels).steps[0]
    if step.next is None or step.to is None:
        raise UsageError(
            f"{skill.name} has no level above {step.at.name} for {asking.role.name}, so no "
            "numbered items; give the item's id"
        )
    if not 1 <= number <= len(step.checklist):
        raise UsageError(
            f"{skill.name} has {plural(len(step.checklist), 'item')} for {asking.role.name} "
            f"going from {step.at.name} to {step.to.name}; `skillpath next {skill.id}` numbers "
            "them"
        )
    return Found(skill, step.next, step.checklist[number - 1].item)


def item_change_for(
    catalog: SkillSource,
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
        return ItemChange(action, replace(found, since=today))
    cell = found.cell
    state = {"start": STARTED, "done": DONE, "skip": SKIPPED}.get(action, DONE)
    since = evidence.day if evidence else today  # covered when the evidence says
    place = cell.items.index(found.item) + 1
    item = found.item
    mark = Mark(
        item.id, found.skill.id, cell.role, cell.level, item.text, state, since, number=place
    )
    if action == "undo":
        return ItemChange(action, replace(progress.marks.get(mark.item, mark), since=today))
    old = _moved_from(catalog, progress, moved_from, mark) if moved_from else ""
    return ItemChange(action, mark, evidence, reason, old)


def _moved_from(catalog: SkillSource, progress: Progress, reference: str, new: Mark) -> str:
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
    when = the_day(day, today) if day is not None else today
    kept_link = link_words(link) if link is not None else ""
    return Evidence(words("--note", note), when, kept_link)


def the_day(day: str, today: date) -> date:
    """The date ``--date`` gives: a real one, written YYYY-MM-DD, and not in the future."""
    try:
        when = date.fromisoformat(day)
    except ValueError:
        raise UsageError(f"--date takes a real date written YYYY-MM-DD, not {day!r}") from None
    if when > today:
        raise UsageError(f"--date {day} is in the future")
    return when


def link_words(link: str) -> str:
    """The link ``--link`` gives: one address, without spaces."""
    kept = words("--link", link)
    if any(char.isspace() for char in kept):
        raise UsageError(f"--link takes one address without spaces, not {link!r}")
    return kept
