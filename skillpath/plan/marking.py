"""Changing a person's plan: `done`, `start`, `skip` and `undo` on one item, and the edit or
removal of one piece of its evidence, each worked out, then made under the lock and written
to the history.

Pure but for the loaders and the updater the caller passes in (``store``'s): the change is
worked out on the state read before, and applied again to the state read under the lock,
so that two runs at once each see the other's change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from skillpath.errors import DataError, UsageError
from skillpath.values import frozen

from .asking import ProfileLoader, Who, who
from .changes import item_change_for
from .model import Change, Evidence, ItemChange, Mark, Progress
from .progress import Counting, counting

if TYPE_CHECKING:
    from skillpath.framework.source import SkillSource

ProgressLoader = Callable[[], Progress]
# store.update_progress: apply a change under the lock, append what happened to the history
ProgressUpdater = Callable[
    [Callable[[Progress], Progress], Callable[[Progress, Progress], list[Change]]],
    tuple[Progress, Progress],
]


@frozen
class Marked:
    """What a change to the plan did to one item: its mark before (as read under the lock)
    and after; None where the item had, or has, no mark."""

    action: str  # start, done, skip, undo, edit or remove
    item: str
    text: str
    skill: str
    before: Mark | None
    after: Mark | None
    moved_from: str = ""  # done --from: the reworded item whose evidence moved here
    piece: int = 0  # edit, remove: the piece of evidence changed, numbered from 1

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def kept(self) -> int:
        """How many pieces of evidence the item holds after the change."""
        return len(self.after.evidence) if self.after else 0


def mark_item(
    catalog: SkillSource,
    reference: str,
    action: str,
    asking: Callable[[], Who],
    today: date,
    now: str,
    load_progress: ProgressLoader,
    update_progress: ProgressUpdater,
    *,
    evidence: Evidence | None = None,
    reason: str = "",
    moved_from: str | None = None,
) -> Marked:
    """`skillpath start|done|skip|undo REFERENCE`: the change worked out on the progress
    as read, then made under the lock on the progress read there; ``now`` is the history's
    time (UTC, ISO 8601)."""
    change = item_change_for(
        catalog,
        load_progress(),
        reference,
        action,
        asking,
        today,
        evidence=evidence,
        reason=reason,
        moved_from=moved_from,
    )
    return made(change, now, update_progress)


def made(change: ItemChange, now: str, update_progress: ProgressUpdater) -> Marked:
    """``change`` made under the lock; a history line only where the marks changed."""

    def happened(before: Progress, after: Progress) -> list[Change]:
        return [change.record(now)] if before.marks != after.marks else []

    before, after = update_progress(change.applied, happened)
    mark = change.mark
    return Marked(
        change.action,
        mark.item,
        mark.text,
        mark.skill,
        before.marks.get(mark.item),
        after.marks.get(mark.item),
        change.moved_from,
    )


def mark_for(
    catalog: SkillSource,
    reference: str,
    action: str,
    roles: Sequence[str] | None,
    levels: Sequence[str] | None,
    today: date,
    now: str,
    load_profile: ProfileLoader,
    load_progress: ProgressLoader,
    update_progress: ProgressUpdater,
    *,
    evidence: Evidence | None = None,
    reason: str = "",
    moved_from: str | None = None,
) -> tuple[Marked, Counting | None]:
    """`skillpath start|done|skip|undo REFERENCE` for who is asking (the options given,
    else the profile), made as ``mark_item`` makes it; with the mark, why plain
    `skillpath progress` will not count it (None when it does, or for an undo)."""
    framework = catalog.framework
    marked = mark_item(
        catalog,
        reference,
        action,
        lambda: who(framework, roles, levels, load_profile),
        today,
        now,
        load_progress,
        update_progress,
        evidence=evidence,
        reason=reason,
        moved_from=moved_from,
    )
    if action == "undo" or marked.after is None:
        return marked, None
    return marked, not_counted(catalog, marked.after, roles, levels, load_profile)


def not_counted(
    catalog: SkillSource,
    mark: Mark,
    roles: Sequence[str] | None,
    levels: Sequence[str] | None,
    load_profile: ProfileLoader,
) -> Counting | None:
    """Why plain `skillpath progress` (the profile's level in effect) will not count
    ``mark``; None when it does, or when no role and level are known."""
    asked = _who_or_none(catalog, roles, levels, load_profile)
    plain = _who_or_none(catalog, None, None, load_profile) if roles or levels else asked
    return counting(catalog.framework, catalog.skill(mark.skill), mark, asked, plain)


def _who_or_none(
    catalog: SkillSource,
    roles: Sequence[str] | None,
    levels: Sequence[str] | None,
    load_profile: ProfileLoader,
) -> Who | None:
    try:
        return who(catalog.framework, roles, levels, load_profile)
    except (UsageError, DataError):  # the mark stands; there is just no one to count it for
        return None
