"""A team's files as values: a person's shared plan and a reviewer's verdicts. No I/O."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from skillpath.framework.model import ID_PATTERN
from skillpath.plan.model import Profile, Progress
from skillpath.values import frozen

AGREE = "agree"
NOT_YET = "not-yet"
NEEDS_EVIDENCE = "needs-evidence"
VERDICTS = (AGREE, NOT_YET, NEEDS_EVIDENCE)

PEOPLE = "people"  # TEAM_DIR/people/ID.yaml: each person's shared plan
REVIEWS = "reviews"  # TEAM_DIR/reviews/ID.yaml: the verdicts on a person's items
SUFFIX = ".yaml"


@frozen
class SharedPlan:
    """One person's plan as `skillpath share` wrote it: who, their profile and marks, and
    the framework and checklist it was made against."""

    id: str
    name: str
    shared: str  # ISO 8601 time, UTC
    framework: str  # the framework's name where it was shared
    items: tuple[str, ...]  # the ids of the next level's checklist there
    profile: Profile
    progress: Progress
    file: Path

    @property
    def last_change(self) -> date | None:
        """The latest date the plan holds: a mark's or a piece of evidence's."""
        days = [
            day
            for mark in self.progress.marks.values()
            for day in (mark.since, *(piece.day for piece in mark.evidence))
        ]
        return max(days, default=None)


@frozen
class Verdict:
    """A reviewer's view of one item of a person's plan, as appended to their reviews file."""

    by: str
    item: str
    verdict: str
    time: str  # ISO 8601, UTC
    note: str = ""


@frozen
class Reviews:
    """Every verdict on one person's items, oldest first."""

    person: str
    verdicts: tuple[Verdict, ...]
    file: Path


def is_slug(text: str) -> bool:
    return ID_PATTERN.fullmatch(text) is not None


def slug(text: str) -> str:
    """``text`` as an id: lowercase letters and digits joined by single dashes ("" if none)."""
    return "-".join(re.findall(r"[a-z0-9]+", text.casefold()))[:64].strip("-")


def latest_verdicts(verdicts: tuple[Verdict, ...]) -> dict[tuple[str, str], Verdict]:
    """Each reviewer's last word on each item: (reviewer, item) -> verdict."""
    return {(v.by, v.item): v for v in verdicts}
