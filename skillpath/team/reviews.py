"""Reviews of a person's plan: the packet a promotion committee reads (`review TEAM
PERSON`), and calibration across the team (`calibrate`): where a person's own state and a
reviewer's verdict disagree, and how often each reviewer agrees against the team. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from skillpath.errors import Problem, UsageError
from skillpath.framework.model import DONE, Framework, Skill
from skillpath.plan.progress import ProgressReport, item_ids, report_for_step, stale_marks
from skillpath.team.model import (
    AGREE,
    NOT_YET,
    REVIEWS,
    SUFFIX,
    Reviews,
    SharedPlan,
    Verdict,
    latest_verdicts,
)
from skillpath.team.summary import step_for
from skillpath.values import frozen

DONE_NOT_YET = "done-not-yet"  # the person marked it covered; the reviewer says not yet
AGREED_NOT_MARKED = "agreed-not-marked"  # the reviewer agrees; the person has not marked it


@frozen
class OtherItem:
    """Verdicts on an item outside the person's next level (a stale mark, another cell)."""

    item: str
    text: str
    verdicts: tuple[Verdict, ...]


@frozen
class ReviewPacket:
    plan: SharedPlan
    report: ProgressReport
    verdicts: Mapping[str, tuple[Verdict, ...]]  # item id -> every verdict, oldest first
    others: tuple[OtherItem, ...]
    reviews: str  # the reviews file, inside the team folder

    def on(self, item_id: str) -> tuple[Verdict, ...]:
        return self.verdicts.get(item_id, ())


def item_texts(skills: Sequence[Skill]) -> dict[str, str]:
    return {i.id: i.text for skill in skills for cell in skill.expectations for i in cell.items}


def review_packet(
    framework: Framework, skills: Sequence[Skill], plan: SharedPlan, reviews: Reviews
) -> ReviewPacket:
    """The person's plan against the framework in use, each item with every verdict."""
    try:
        step = step_for(framework, skills, plan, {})
    except UsageError as error:
        raise UsageError(f"{plan.file}: the plan's profile is not in the framework in use: "
                         f"{error.message}") from None  # fmt: skip
    existing = item_ids(skills)
    report = report_for_step(
        step, plan.progress, stale_marks(framework, skills, plan.progress, existing)
    )
    by_item: dict[str, list[Verdict]] = {}
    for verdict in reviews.verdicts:
        by_item.setdefault(verdict.item, []).append(verdict)
    shown = {status.item.id for row in report.skills for status in row.items}
    texts = item_texts(skills) if set(by_item) - shown else {}
    others = tuple(
        OtherItem(item, _text_of(item, plan, texts), tuple(found))
        for item, found in by_item.items()
        if item not in shown
    )
    verdicts = {item: tuple(found) for item, found in by_item.items()}
    where = f"{REVIEWS}/{plan.id}{SUFFIX}"
    return ReviewPacket(plan, report, verdicts, others, where)


def _text_of(item: str, plan: SharedPlan, texts: Mapping[str, str]) -> str:
    mark = plan.progress.marks.get(item)
    return mark.text if mark else texts.get(item, "(an item the framework in use does not have)")


# -- calibration ----------------------------------------------------------------------------


@frozen
class Disagreement:
    person: str
    reviewer: str
    item: str
    text: str
    kind: str  # DONE_NOT_YET or AGREED_NOT_MARKED
    state: str  # the person's own: done, started, skipped or todo
    note: str


@frozen
class ReviewerShare:
    """One reviewer's last verdicts: how many, how many agree, and how many disagree with
    the person's own state."""

    reviewer: str
    verdicts: int
    agree: int
    disagreements: int

    @property
    def share(self) -> float:
        return self.agree / self.verdicts if self.verdicts else 0.0


@frozen
class PersonDisagreements:
    person: str
    name: str
    verdicts: int
    disagreements: int


@frozen
class Calibration:
    folder: str
    team: ReviewerShare  # every reviewer's verdicts together ("team" as the reviewer)
    reviewers: tuple[ReviewerShare, ...]
    people: tuple[PersonDisagreements, ...]
    disagreements: tuple[Disagreement, ...]
    problems: tuple[Problem, ...]


def calibration(
    skills: Sequence[Skill],
    plans: Sequence[SharedPlan],
    reviews: Mapping[str, Reviews],
    problems: Sequence[Problem],
    folder: Path,
) -> Calibration:
    """Each reviewer's last word on each item against the person's own state: a `done`
    item a reviewer says `not-yet` to, and an item a reviewer agrees with that the person
    has not marked covered. ``reviews``: by person id."""
    texts: dict[str, str] | None = None
    found: list[Disagreement] = []
    people, last = [], []
    for plan in plans:
        latest = (
            list(latest_verdicts(reviews[plan.id].verdicts).values()) if plan.id in reviews else []
        )
        last += latest
        mine = []
        for verdict in latest:
            kind = _disagreement(plan, verdict)
            if kind is None:
                continue
            mark = plan.progress.marks.get(verdict.item)
            if mark is None and texts is None:
                texts = item_texts(skills)
            text = mark.text if mark else _text_of(verdict.item, plan, texts or {})
            state = mark.state if mark else "todo"
            mine.append(
                Disagreement(plan.id, verdict.by, verdict.item, text, kind, state, verdict.note)
            )
        found += mine
        people.append(PersonDisagreements(plan.id, plan.name, len(latest), len(mine)))
    reviewers = sorted({verdict.by for verdict in last})
    shares = tuple(_share(name, [v for v in last if v.by == name], found) for name in reviewers)
    team = _share(None, last, found)
    return Calibration(str(folder), team, shares, tuple(people), tuple(found), tuple(problems))


def _disagreement(plan: SharedPlan, verdict: Verdict) -> str | None:
    mark = plan.progress.marks.get(verdict.item)
    done = mark is not None and mark.state == DONE
    if done and verdict.verdict == NOT_YET:
        return DONE_NOT_YET
    if not done and verdict.verdict == AGREE:
        return AGREED_NOT_MARKED
    return None


def _share(
    name: str | None, verdicts: Sequence[Verdict], found: Sequence[Disagreement]
) -> ReviewerShare:
    """One reviewer's counts; every reviewer's together for None (the team)."""
    agree = sum(1 for verdict in verdicts if verdict.verdict == AGREE)
    against = sum(1 for entry in found if name is None or entry.reviewer == name)
    return ReviewerShare(name or "", len(verdicts), agree, against)


def reviewed_item(plan: SharedPlan, skills: Sequence[Skill], item: str) -> str:
    """The words of ``item``, an item of the person's plan or of the framework in use; a
    usage error for anything else, before a verdict on it is written."""
    mark = plan.progress.marks.get(item)
    if mark is not None:
        return mark.text
    text = item_texts(skills).get(item)
    if text is None:
        raise UsageError(
            f"no item {item!r} in {plan.id}'s plan or the framework in use; give an item id "
            f"as `skillpath review TEAM_DIR {plan.id}` shows them"
        )
    return text
