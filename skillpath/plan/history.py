"""The history of changes as `log` shows it: narrowed by date and skill, with the
data's names for its ids.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from skillpath.errors import UsageError
from skillpath.framework.names import resolve_skill
from skillpath.values import frozen

from .model import Change

if TYPE_CHECKING:
    from skillpath.framework.source import SkillSource


@frozen
class HistoryLog:
    """The changes asked for, oldest first, and the history's lines that could not be read."""

    changes: tuple[Change, ...]
    names: Mapping[tuple[str, str], str]  # ("skill" | "role" | "level", id) -> name
    unreadable: tuple[int, ...]
    filtered: bool = False  # --since or --skill narrowed it
    whole: bool = False  # --all or --last: a table shows every change kept, not the newest

    @property
    def shown(self) -> tuple[Change, ...]:
        """The changes a table shows: every one with ``whole``, else the TABLE_CHANGES
        newest (a table of tens of thousands of rows takes Rich half a minute)."""
        return self.changes if self.whole else self.changes[-TABLE_CHANGES:]

    def unreadable_note(self, file: str) -> str | None:
        """What to warn of the history's lines that could not be read, if any."""
        if not self.unreadable:
            return None
        lines = ", ".join(str(number) for number in self.unreadable[:5])
        more = len(self.unreadable) - 5
        lines += f" and {more} more" if more > 0 else ""
        return f"{file}: skipped lines that could not be read: {lines}"

    def name(self, kind: str, entry_id: str) -> str:
        """The data's name for a skill, role or level; its id where the data lacks it."""
        return self.names.get((kind, entry_id), entry_id)


TABLE_CHANGES = 200  # the newest changes a table of the log shows, unless asked for more

HistoryLoader = Callable[[], tuple[tuple[Change, ...], tuple[int, ...]]]


def log_for(
    catalog: SkillSource,
    since: str | None,
    skills: Sequence[str],
    load_history: HistoryLoader,
    last: int | None = None,
    whole: bool = False,
) -> HistoryLog:
    """``skillpath log``: the history, from a date on, of the named skills or all; the
    ``last`` newest of those changes where it is given; ``whole``: a table shows them all."""
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
    return HistoryLog(kept, names, unreadable, bool(since or skills), whole)


def local_day(time: str) -> date:
    """The day, where the person is, of a time the history keeps in UTC."""
    return datetime.fromisoformat(time).astimezone().date()


def _history_skill(catalog: SkillSource, name: str, changes: Sequence[Change]) -> str:
    """A skill named in `log --skill`: one of the data's, or one only the history has."""
    try:
        return resolve_skill(catalog, name).id
    except UsageError:
        if name in {change.skill for change in changes}:
            return name
        raise
