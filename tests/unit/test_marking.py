"""Marking an item in the core (plan/marking.py): the change made through the updater it is
given, and why plain `skillpath progress` will not count the mark, worked out without a
word of the CLI's."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from skillpath.loading import open_catalog
from skillpath.plan.marking import Marked, mark_for
from skillpath.plan.model import Change, Profile, Progress
from skillpath.plan.progress import Counting

MIDDLE = Profile(role="llm-engineer", level="middle")


def marked(
    reference: str,
    profile: Profile,
    roles: Sequence[str] | None = None,
    levels: Sequence[str] | None = None,
) -> tuple[Marked, Counting | None, list[Change]]:
    kept, history = [Progress()], []

    def update(
        apply: Callable[[Progress], Progress],
        happened: Callable[[Progress, Progress], list[Change]],
    ) -> tuple[Progress, Progress]:
        before = kept[0]
        kept[0] = apply(before)
        history.extend(happened(before, kept[0]))
        return before, kept[0]

    change, counting = mark_for(
        open_catalog(),
        reference,
        "start",
        roles,
        levels,
        date(2026, 12, 1),
        "2026-12-01T09:00:00+00:00",
        lambda: profile,
        lambda: kept[0],
        update,
    )
    return change, counting, history


def test_a_mark_of_the_next_level_is_counted_and_written_to_the_history() -> None:
    change, counting, history = marked("rag:1", MIDDLE)
    assert change.after is not None and change.after.level == "senior"
    assert counting is None
    assert len(history) == 1


def test_a_mark_for_another_level_says_plain_progress_will_not_count_it() -> None:
    change, counting, _ = marked("rag:1", MIDDLE, levels=["senior"])
    assert change.after is not None and change.after.level == "lead"
    assert counting is not None and counting.counted_as_asked
    assert (counting.missed.at.id, counting.missed.counts) == ("middle", "other")


def test_without_a_profile_the_options_given_are_what_counts() -> None:
    _, counting, _ = marked("rag:1", Profile(), roles=["llm"], levels=["middle"])
    assert counting is None
