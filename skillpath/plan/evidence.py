"""An item's evidence, piece by piece: `skillpath evidence ITEM` lists it numbered, oldest
first, and `--edit N` or `--remove N` changes one piece, nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from skillpath.errors import UsageError
from skillpath.framework.model import DONE, TODO, Framework
from skillpath.values import frozen

from .asking import Who
from .changes import find_item, link_words, the_day, words
from .marking import Marked, ProgressLoader, ProgressUpdater
from .model import Change, Evidence, Mark, Progress, first_covered, without_mark

if TYPE_CHECKING:
    from skillpath.framework.source import SkillSource


@frozen
class EvidenceList:
    """``skillpath evidence ITEM``: the item, its mark (None: never marked), and each piece
    of its evidence with its number."""

    item: str
    text: str
    skill: str
    role: str
    level: str
    names: tuple[str, str, str]  # the skill's, role's and level's names (ids the data lacks)
    mark: Mark | None
    pieces: tuple[tuple[int, Evidence], ...]
    in_data: bool = True  # False: a mark the data reworded or removed


def evidence_list(
    catalog: SkillSource,
    reference: str,
    asking: Callable[[], Who],
    load_progress: ProgressLoader,
) -> EvidenceList:
    """The item ``reference`` names (an id, or SKILL:N for the role and level in effect)
    and its evidence."""
    progress = load_progress()
    found = find_item(catalog, progress, reference, asking)
    if isinstance(found, Mark):
        mark: Mark | None = found
        item, text, skill, role, level = (
            found.item,
            found.text,
            found.skill,
            found.role,
            found.level,
        )
        skill_name = _skill_name(catalog, skill)
    else:
        mark = progress.marks.get(found.item.id)
        item, text = found.item.id, found.item.text
        skill, role, level = found.skill.id, found.cell.role, found.cell.level
        skill_name = found.skill.name
    names = (skill_name, *_cell_names(catalog.framework, role, level))
    return EvidenceList(
        item,
        text,
        skill,
        role,
        level,
        names,
        mark,
        mark.numbered if mark else (),
        in_data=not isinstance(found, Mark),
    )


def _skill_name(catalog: SkillSource, skill_id: str) -> str:
    return next((s.name for s in catalog.skills() if s.id == skill_id), skill_id)


def _cell_names(framework: Framework, role: str, level: str) -> tuple[str, str]:
    role_name = next((r.name for r in framework.roles if r.id == role), role)
    level_name = next((lv.name for lv in framework.levels if lv.id == level), level)
    return role_name, level_name


@frozen
class PieceChange:
    """What `evidence ITEM --edit N` (the fields given replace the piece's) or `--remove N`
    does, worked out before the lock is taken; checked again on the state read there."""

    action: str  # edit or remove
    item: str
    number: int
    note: str | None = None
    link: str | None = None
    day: date | None = None

    def applied(self, progress: Progress) -> Progress:
        mark = progress.marks.get(self.item)
        if mark is None or not mark.evidence:
            raise UsageError(f"item {self.item} has no evidence; nothing was changed")
        if not 1 <= self.number <= len(mark.evidence):
            raise UsageError(
                f"item {self.item} has {len(mark.evidence)} piece"
                f"{'s' * (len(mark.evidence) != 1)} of evidence, numbered from 1; "
                f"`skillpath evidence {self.item}` lists them"
            )
        pieces = list(mark.evidence)
        index = mark.in_order[self.number - 1]
        if self.action == "remove":
            del pieces[index]
        else:
            pieces[index] = self.edited(pieces[index], pieces)
        since = mark.since
        if mark.state == DONE:  # the date follows the evidence (first_covered) ...
            # ... and leaves a date that only the changed piece gave (a mistyped year)
            gave_it = bool(pieces) and mark.evidence[index].day == since
            since = first_covered(min(p.day for p in pieces) if gave_it else since, pieces)
        updated = replace(mark, evidence=tuple(pieces), since=since)
        if updated.state == TODO and not pieces:  # back to do, with nothing left to keep
            return without_mark(progress, self.item)
        return Progress({**progress.marks, self.item: updated})

    def edited(self, piece: Evidence, pieces: Sequence[Evidence]) -> Evidence:
        new = Evidence(
            piece.note if self.note is None else self.note,
            piece.day if self.day is None else self.day,
            piece.link if self.link is None else self.link,
        )
        if new != piece and new in pieces:
            raise UsageError(
                f"item {self.item} already has a piece with that note, link and date; "
                "nothing was changed"
            )
        return new

    def piece_of(self, before: Progress, after: Progress) -> tuple[Evidence, int]:
        """The piece as it was removed, or as it is after the edit, and its number."""
        mark = before.marks[self.item]
        old = mark.evidence
        index = mark.in_order[self.number - 1]
        if self.action == "remove":
            return old[index], self.number
        new = self.edited(old[index], old)
        now = after.marks[self.item]
        return new, now.in_order.index(now.evidence.index(new)) + 1

    def record(self, time: str, mark: Mark, piece: Evidence, number: int) -> Change:
        return Change(
            time,
            self.action,
            mark.item,
            mark.skill,
            mark.role,
            mark.level,
            note=piece.note,
            link=piece.link,
            day=piece.day,
            piece=number,
        )


def piece_change(
    action: str,
    item: str,
    number: int,
    note: str | None,
    link: str | None,
    day: str | None,
    today: date,
) -> PieceChange:
    """The change `evidence --edit N --note --link --date` or `--remove N` asks for, its
    words checked by the rules `done` checks them by."""
    if action == "remove":
        if note is not None or link is not None or day is not None:
            raise UsageError("--remove takes no --note, --link or --date; give --edit N for those")
        return PieceChange(action, item, number)
    if note is None and link is None and day is None:
        raise UsageError("--edit N changes the piece's --note, --link or --date; give one")
    return PieceChange(
        action,
        item,
        number,
        words("--note", note) if note is not None else None,
        link_words(link) if link is not None else None,
        the_day(day, today) if day is not None else None,
    )


def change_piece(
    catalog: SkillSource,
    reference: str,
    asking: Callable[[], Who],
    change: Callable[[str], PieceChange],
    now: str,
    load_progress: ProgressLoader,
    update_progress: ProgressUpdater,
) -> Marked:
    """`evidence REFERENCE --edit N` or `--remove N`: ``change`` of the item's id made
    under the lock, with a history line naming the piece."""
    listed = evidence_list(catalog, reference, asking, load_progress)
    piece = change(listed.item)
    number = [piece.number]

    def happened(before: Progress, after: Progress) -> list[Change]:
        if before.marks == after.marks:
            return []
        evidence, number[0] = piece.piece_of(before, after)
        return [piece.record(now, before.marks[piece.item], evidence, number[0])]

    before, after = update_progress(piece.applied, happened)
    return Marked(
        piece.action,
        listed.item,
        listed.text,
        listed.skill,
        before.marks.get(listed.item),
        after.marks.get(listed.item),
        piece=number[0],
    )
