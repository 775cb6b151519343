"""A person's growth plan as values: their profile, their marks, and the pure changes to them.

No I/O: ``store`` loads and saves these under a lock, and hands each change the state it
read, so that two runs at once each see the other's change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import field, replace
from datetime import date

from skillpath.errors import UsageError
from skillpath.framework.model import DONE, SKIPPED, TODO
from skillpath.values import frozen


@frozen
class Profile:
    """Who the person is: their role and level, their level in a skill where it differs,
    and the data folders they read."""

    role: str | None = None
    level: str | None = None
    skills: dict[str, str] = field(default_factory=dict)  # skill id -> level id, where it differs
    data_dirs: tuple[str, ...] = ()  # folders of framework data read on every run


@frozen
class Evidence:
    """One piece of evidence for an item: what shows it, where, and from when."""

    note: str
    day: date
    link: str = ""


@frozen
class Mark:
    """An item's state and evidence; the item's skill, cell and text are kept so that it can
    be shown, and matched to the nearest item, even after the data changes."""

    item: str
    skill: str
    role: str
    level: str
    text: str
    state: str
    since: date  # when the item entered its state; covered: when first covered
    evidence: tuple[Evidence, ...] = ()
    reason: str = ""  # why a skipped item does not apply
    number: int = 0  # the item's place in its cell when marked, from 1 (0: not known)

    @property
    def done(self) -> bool:
        return self.state == DONE

    @property
    def in_order(self) -> tuple[int, ...]:
        """The positions of the pieces of evidence, oldest first (by their date, then as
        they were added): piece N is ``evidence[in_order[N - 1]]``."""
        pieces = self.evidence
        return tuple(sorted(range(len(pieces)), key=lambda index: pieces[index].day))

    @property
    def numbered(self) -> tuple[tuple[int, Evidence], ...]:
        """Each piece of evidence with its number, oldest first (`evidence --edit N`)."""
        return tuple((n, self.evidence[index]) for n, index in enumerate(self.in_order, 1))


@frozen
class Progress:
    """The person's marks: which items they started, covered or skipped."""

    marks: dict[str, Mark] = field(default_factory=dict)  # item id -> mark
    version: int = 2  # of the file it was read from: 1 is migrated on the next write

    @property
    def states(self) -> dict[str, str]:
        """Each marked item's state, by item id; an item put back to do has none."""
        return {item_id: mark.state for item_id, mark in self.marks.items() if mark.state != TODO}


def profile_with(
    saved: Profile,
    role: str | None,
    level: str | None,
    skills: Mapping[str, str | None],
    data_dirs: tuple[str, ...] | None = None,
) -> Profile:
    """``saved`` with a new role, level, per-skill levels or data folders; a skill set to None
    is cleared, and ``data_dirs`` of None keeps the saved folders."""
    per_skill = dict(saved.skills)
    for skill_id, level_id in skills.items():
        if level_id is None:
            per_skill.pop(skill_id, None)
        else:
            per_skill[skill_id] = level_id
    folders = saved.data_dirs if data_dirs is None else data_dirs
    return Profile(role or saved.role, level or saved.level, per_skill, folders)


def with_state(
    progress: Progress,
    mark: Mark,
    evidence: Evidence | None = None,
    reason: str = "",
) -> Progress:
    """``progress`` with ``mark``'s item in ``mark.state``: earlier evidence is kept and
    ``evidence`` added; the date moves when the state changes, and a covered item's moves
    back to the date of a piece of evidence older than it (first_covered)."""
    earlier = progress.marks.get(mark.item)
    kept = earlier.evidence if earlier else ()
    since = earlier.since if earlier and earlier.state == mark.state else mark.since
    pieces = (*kept, evidence) if evidence else kept
    updated = replace(
        mark,
        since=first_covered(since, pieces) if mark.state == DONE else since,
        evidence=pieces,
        reason=reason if mark.state == SKIPPED else "",
    )
    return Progress({**progress.marks, mark.item: updated})


def first_covered(since: date, evidence: Sequence[Evidence]) -> date:
    """The date a covered item was first covered: the earliest of the day it was marked
    covered and its evidence's dates, so that a piece added later, dated back to when the
    work was done, dates the item with it."""
    return min([since, *(piece.day for piece in evidence)])


def without_mark(progress: Progress, item_id: str) -> Progress:
    return Progress({key: mark for key, mark in progress.marks.items() if key != item_id})


def back_to_do(progress: Progress, item_id: str, today: date) -> Progress:
    """``progress`` with the item back to do: a mark with evidence keeps it (in the state
    TODO, from ``today``); a mark without any is dropped, there being nothing to keep."""
    mark = progress.marks.get(item_id)
    if mark is None or mark.state == TODO:
        return progress
    if not mark.evidence:
        return without_mark(progress, item_id)
    kept = replace(mark, state=TODO, since=today, reason="")
    return Progress({**progress.marks, item_id: kept})


def moved(progress: Progress, old_id: str, mark: Mark, evidence: Evidence | None) -> Progress:
    """``old_id``'s evidence moved to ``mark``'s item (an item whose text was reworded)."""
    old = progress.marks.get(old_id)
    carried = old.evidence if old else ()
    base = without_mark(progress, old_id)
    current = base.marks.get(mark.item)
    merged = replace(mark, evidence=(*carried, *(current.evidence if current else ())))
    return with_state(Progress({**base.marks, mark.item: merged}), merged, evidence)


@frozen
class Change:
    """One line of the history: what was done to which item, when, with what evidence."""

    time: str  # ISO 8601, UTC, to the second
    # start, done, skip or undo; a done with ``moved_from`` moved its evidence; edit or
    # remove changed one piece of evidence (the piece as edited, or as it was removed)
    action: str
    item: str
    skill: str
    role: str
    level: str
    note: str = ""
    link: str = ""
    day: date | None = None  # the evidence's date
    reason: str = ""
    moved_from: str = ""
    piece: int = 0  # edit, remove: the piece of evidence changed, numbered from 1


@frozen
class ItemChange:
    """What `start`, `done`, `skip` or `undo` does to one item, worked out in full before the
    lock is taken: ``mark`` is the item as the data has it now (for `undo`, as last marked)."""

    action: str  # start, done, skip or undo
    mark: Mark
    evidence: Evidence | None = None
    reason: str = ""
    moved_from: str = ""  # done --from: the reworded item whose evidence moves here
    earlier: Mark | None = None  # the item's mark before the change, once it is made

    def applied(self, progress: Progress) -> Progress:
        """The progress after the change; run under the lock, on the state read there."""
        if self._covers_again(progress):  # its evidence is there: covered, nothing added
            return with_state(progress, self.mark, None, self.reason)
        self._refuse_repeated_evidence(progress)
        if self.action == "undo":
            return back_to_do(progress, self.mark.item, self.mark.since)
        if self.moved_from:
            return moved(progress, self.moved_from, self.mark, self.evidence)
        return with_state(progress, self.mark, self.evidence, self.reason)

    def _covers_again(self, progress: Progress) -> bool:
        """Whether this `done` repeats a piece the item holds while it is not covered (put
        back to do by `undo`, say): the command run again means "covered", not a new piece."""
        mark = progress.marks.get(self.mark.item)
        return (
            self.action == "done"
            and not self.moved_from
            and self.evidence is not None
            and mark is not None
            and not mark.done
            and self.evidence in mark.evidence
        )

    def _refuse_repeated_evidence(self, progress: Progress) -> None:
        """The same note, link and date given twice for one item is one piece of evidence
        typed twice (a command run again from the shell's history), not two."""
        evidence = self.evidence
        if evidence is None:
            return
        held = [self.mark.item, *([self.moved_from] if self.moved_from else [])]
        for item_id in held:
            mark = progress.marks.get(item_id)
            if mark is not None and evidence in mark.evidence:
                link = f", link {evidence.link}" if evidence.link else ""
                raise UsageError(
                    f"item {item_id} already has this piece of evidence (note "
                    f"{evidence.note!r}{link}, {evidence.day.isoformat()}); nothing was "
                    "changed. Give another note, link or --date for a new piece"
                )

    def record(self, time: str) -> Change:
        mark, evidence = self.mark, self.evidence
        return Change(
            time,
            self.action,
            mark.item,
            mark.skill,
            mark.role,
            mark.level,
            note=evidence.note if evidence else "",
            link=evidence.link if evidence else "",
            day=evidence.day if evidence else None,
            reason=self.reason,
            moved_from=self.moved_from,
        )
