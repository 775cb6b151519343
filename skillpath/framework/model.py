"""The framework as plain, frozen values: levels, roles, skills and their expectations.

No I/O and no presentation here; ``loading`` builds these values and ``ladder`` queries them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from typing import overload

from skillpath.values import frozen, once

# The states an item of a checklist can be in, in a person's plan; an item with no mark is to do.
STARTED = "started"  # in progress
DONE = "done"  # covered, usually with evidence
SKIPPED = "skipped"  # not applicable to the person's team: counted apart, not against them
TODO = "todo"  # put back to do by `undo`: no state, but its evidence is kept on the mark
STATES = (STARTED, DONE, SKIPPED, TODO)


@frozen
class Level:
    """One rung of the ladder; ``rank`` is its place, 0 for the lowest."""

    id: str
    name: str
    rank: int
    aliases: tuple[str, ...] = ()
    summary: str = ""

    @property
    def number(self) -> int:
        """Its place as every output shows it: 1 for the lowest, as people count rungs."""
        return self.rank + 1


@frozen
class Role:
    """A role; ``levels`` is its own part of the ladder (level ids), empty for all of it."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    summary: str = ""
    levels: tuple[str, ...] = ()


@frozen
class Item:
    """One thing to cover: a sentence of a description, or an item given explicitly."""

    id: str
    text: str


# The kinds of interview question a cell asks, in the order a kit gives them
# (docs/data-format.md): past experience, a situation at the level's scope, knowledge probed.
QUESTION_KINDS = ("behavioral", "scenario", "depth")
# A kind as a file may write it, casefolded: the British spelling is the same kind.
QUESTION_KIND_NAMES = {**{kind: kind for kind in QUESTION_KINDS}, "behavioural": "behavioral"}


@frozen
class Question:
    """An interview question of a cell: its words, its kind (one of QUESTION_KINDS) and what
    a strong answer mentions, where the data gives them (empty where it does not)."""

    text: str
    kind: str = ""
    strong_answer: str = ""


@frozen
class Expectation:
    """What one role does at one level in one skill.

    ``given_items`` is the checklist a file spells out; without one, the checklist is the
    description's sentences. Items are made when first asked for: most answers show only
    a few cells' checklists, and hashing every cell's would slow every command.
    """

    skill: str
    role: str
    level: str
    required: bool
    description: str  # may be empty where the file gives only items
    given_items: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()  # what a reviewer would accept as having met it
    questions: tuple[Question, ...] = ()  # interview questions for that level
    examples: tuple[str, ...] = ()  # examples of the work that meets it

    @property
    def wording(self) -> str:
        """The cell on one line: its description, or its items where it gives only those."""
        return self.description or " · ".join(self.given_items)

    @once
    def items(self) -> tuple[Item, ...]:
        return make_items(
            self.skill, self.role, self.level, checklist(self.description, self.given_items)
        )


# (role id, level id, required) of each of a skill's cells, in order: what `list` counts
# and `next` looks up without the cells' texts.
Outline = tuple[tuple[str, str, bool], ...]


class Cells(Sequence[Expectation]):
    """A skill's cells, each made only when first asked for: a skill read from the cache
    holds its cells' texts unread, because over thousands of skills `list` needs none of
    them and `next` two cells of each. Compares, hashes and iterates as the tuple of its
    cells, so a skill from the cache equals the same skill read from its file."""

    __slots__ = ("_made", "_make", "outline")

    def __init__(self, outline: Outline, make: Callable[[int], Expectation]) -> None:
        self.outline = outline
        self._make = make
        self._made: dict[int, Expectation] = {}

    def __len__(self) -> int:
        return len(self.outline)

    @overload
    def __getitem__(self, index: int) -> Expectation: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Expectation, ...]: ...
    def __getitem__(self, index: int | slice) -> Expectation | tuple[Expectation, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        position = range(len(self.outline))[index]  # negative and out-of-range as a tuple's
        cell = self._made.get(position)
        if cell is None:
            cell = self._made[position] = self._make(position)
        return cell

    def __iter__(self) -> Iterator[Expectation]:
        return (self[position] for position in range(len(self.outline)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (tuple, Cells)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


@frozen
class Skill:
    """One skill file: what each role does at each level, with where the text comes from."""

    id: str
    name: str
    domain: str
    updated: date | None
    source: str
    expectations: tuple[Expectation, ...] | Cells
    notes: str = ""  # context on the text, such as where a carried source is dated
    summary: str = ""  # a one-line definition of the skill
    # (role id, level id) of the cells marked ``draft: true``: written by ``new`` and not
    # filled in yet, so left out of ``expectations``; reading commands warn of them.
    drafts: tuple[tuple[str, str], ...] = ()

    @once
    def outline(self) -> Outline:
        """(role id, level id, required) of each cell, without making the cells."""
        cells = self.expectations
        if isinstance(cells, Cells):
            return cells.outline
        return tuple((cell.role, cell.level, cell.required) for cell in cells)

    @once
    def role_ids(self) -> tuple[str, ...]:
        """The roles this skill has expectations for, in the order the file gives them."""
        return _role_ids_of(self.outline)

    @once
    def _places(self) -> Mapping[tuple[str, str], int]:
        """Where each (role id, level id) cell is among the cells: the first, if twice."""
        return _places_of(self.outline)

    def has_cell(self, role: str, level: str) -> bool:
        """Whether the data describes the role at the level, without making the cell."""
        return (role, level) in self._places

    def expectation(self, role: str, level: str) -> Expectation | None:
        """The cell for a role at a level, or None where the data leaves it out."""
        position = self._places.get((role, level))
        return None if position is None else self.expectations[position]


# Skills of a framework share a few outlines (the same roles at the same levels), so their
# lookups are made once per outline and shared, never changed: at 10,000 skills a lookup
# of each skill's own was 7 MiB of `next`'s memory. The bound keeps a long-lived server's
# memory to it whatever the folders it is asked about.
@functools.lru_cache(maxsize=1024)
def _role_ids_of(outline: Outline) -> tuple[str, ...]:
    return tuple(dict.fromkeys(role for role, _, _ in outline))


@functools.lru_cache(maxsize=1024)
def _places_of(outline: Outline) -> Mapping[tuple[str, str], int]:
    places: dict[tuple[str, str], int] = {}
    for position, (role, level, _) in enumerate(outline):
        places.setdefault((role, level), position)
    return places


@frozen
class Framework:
    """The ladder and the roles that every skill is read against."""

    name: str
    levels: tuple[Level, ...]
    roles: tuple[Role, ...]

    def level(self, level_id: str) -> Level:
        return next(level for level in self.levels if level.id == level_id)

    def role(self, role_id: str) -> Role:
        return next(role for role in self.roles if role.id == role_id)

    def ladder(self, role: Role | None = None) -> tuple[Level, ...]:
        """The levels a role has (its own part of the ladder), or the whole ladder."""
        if role is None or not role.levels:
            return self.levels
        return tuple(level for level in self.levels if level.id in role.levels)

    def level_above(self, level: Level, role: Role | None = None) -> Level | None:
        """The next level up, on the role's own ladder when a role is given."""
        return next((above for above in self.ladder(role) if above.rank > level.rank), None)


# The key of a skill file whose cells every role of the skill has (a role may override one).
EVERY_ROLE = "every-role"

# Ids in the data: lowercase words of letters and digits joined by single dashes.
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def normal_name(name: str) -> str:
    """How names are compared: case, spaces, dashes and underscores do not matter at all,
    so "deeplearning", "Deep Learning" and "deep_learning" are one name."""
    # str.split() drops the white space that \s matches (both follow str.isspace), and
    # without a regular expression: a catalogue checks thousands of names at every start.
    return "".join(name.casefold().split()).replace("_", "").replace("-", "")


# A sentence ends at . ! or ? followed by space and a capital, digit or opening mark, except
# after the abbreviations that descriptions use mid-sentence. The pattern starts with the
# mark itself, so the regular expression engine skips to each mark rather than trying
# every position (a third faster than a lookbehind first, on the data).
_SENTENCE_END = re.compile(
    r"[.!?](?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\betc\.)\s+(?=[A-Z0-9(\"'])"
)


def checklist(description: str, given_items: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a cell's checklist: the items it gives, else its description's sentences."""
    return given_items or split_sentences(description)


def split_sentences(text: str) -> tuple[str, ...]:
    """The sentences of a description, each one checklist item."""
    text = " ".join(text.split())
    parts, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        parts.append(text[start : end.start() + 1].strip())  # with its mark
        start = end.end()
    parts.append(text[start:].strip())
    return tuple(part for part in parts if part)


# A line that starts with one of these marks is a bullet: "- ", "* ", "• ".
_BULLET = re.compile(r"^\s*[-*\u2022]\s+(?=\S)")


def bullet_lines(text: str) -> tuple[str, ...]:
    """The bullets of a text written as bullet lines, each kept as written; () otherwise.

    Only when every non-blank line starts with a bullet mark: a dash inside a sentence, or
    a description that merely begins with one, never splits it.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or not all(_BULLET.match(line) for line in lines):
        return ()
    return tuple(" ".join(_BULLET.sub("", line).split()) for line in lines)


def item_id(skill: str, role: str, level: str, text: str) -> str:
    """A short id that stays the same as long as the item's place and words do.

    White space and case do not count, so re-wrapping a description keeps its ids; the
    order of items does not count either, so reordering the data keeps them too.
    """
    return make_items(skill, role, level, (text,))[0].id


def make_items(skill: str, role: str, level: str, texts: Sequence[str]) -> tuple[Item, ...]:
    """An item of each text, its id as ``item_id`` makes it: `next` over thousands of
    skills hashes a few items of each, so the place is written once for them all."""
    from hashlib import sha256  # deferred: only answers with checklists need it

    place = f"{skill}/{role}/{level}/"
    return tuple(
        Item(sha256(f"{place}{' '.join(text.split()).casefold()}".encode()).hexdigest()[:8], text)
        for text in texts
    )
