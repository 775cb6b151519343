"""A skill as the cache stores it (marshal data) and back, each row checked
against its checksum before its value is read.
"""

from __future__ import annotations

import collections
import itertools
import marshal
import zlib
from collections.abc import Callable
from datetime import date
from typing import Any

from skillpath.framework.model import Cells, Expectation, Outline, Question, Skill

# -- a skill as marshal data and back -----------------------------------------------------
# marshal reads back several times faster than JSON. It is not meant for data made to harm,
# so a database is opened only when it is the user's own and no one else may write to it
# (_trusted), and every row's checksum is compared before its value is read.

# What is stored of a skill besides its cells, and of each cell besides its place in the
# outline (role, level, required). tests/unit/test_cache.py keeps them the model's fields.
HEAD = ("id", "name", "domain", "updated", "source", "notes", "summary", "drafts")
TEXTS = ("description", "given_items", "evidence", "questions", "examples")
_QUESTIONS = TEXTS.index("questions")  # stored as (text, kind, strong answer) each


# A skill's stored form: its head and its cells' texts, from encode_parts().
Parts = tuple[bytes, bytes]


def decode_parts(head: bytes, texts: bytes) -> Skill:
    return decode_head(head, lambda: texts)


def encode_parts(skill: Skill) -> Parts:
    """The skill's head (its own fields, the outline of its cells, where each cell's texts
    end) and its cells' texts, each cell's as marshal data of its own, one after another.
    They are stored apart because most runs over many skills ask for few cells (`list`
    none, `next` two a skill): the texts, most of the bytes, are read from the database
    only for a skill whose cell is asked for, and only that cell's are decoded."""
    fields = [getattr(skill, name) for name in HEAD]
    fields[HEAD.index("updated")] = skill.updated.isoformat() if skill.updated else None
    cells = [marshal.dumps(_cell_texts(cell)) for cell in skill.expectations]
    ends = tuple(itertools.accumulate(len(cell) for cell in cells))
    return marshal.dumps((tuple(fields), skill.outline, ends)), b"".join(cells)


def _cell_texts(cell: Expectation) -> tuple[Any, ...]:
    """A cell's texts. Not its items, whose ids are worked out from them when asked for:
    splitting and hashing every cell's was a quarter of a cold read of thousands of skills,
    for `list` that shows none and `next` that shows one cell a skill."""
    texts = [getattr(cell, name) for name in TEXTS]
    texts[_QUESTIONS] = tuple((q.text, q.kind, q.strong_answer) for q in cell.questions)
    return tuple(texts)


def decode_head(head: bytes, texts_of: Callable[[], bytes]) -> Skill:
    """The skill a head holds, its cells made when asked for from ``texts_of()``: the
    texts encode_parts() wrote, or a DataError when they can no longer be had. Called
    again for a skill whose texts were let go (_hold) before all its cells were made."""
    fields, written, ends = marshal.loads(head)
    outline = _shared(written)
    if len(ends) != len(outline):
        raise ValueError("a cell without its texts")  # never written so
    # In HEAD's order; spelled out rather than zipped into a dict, as thousands are made.
    skill_id, name, domain, updated, source, notes, summary, drafts = fields
    texts: list[memoryview] = []

    def make(position: int) -> Expectation:
        if not texts:
            found = texts_of()
            if len(found) != (ends[-1] if ends else 0):
                raise ValueError("texts of another length than written")  # never so
            _hold(texts, memoryview(found))
        start = ends[position - 1] if position else 0
        written = list(marshal.loads(texts[0][start : ends[position]]))
        written[_QUESTIONS] = tuple(Question(*fields) for fields in written[_QUESTIONS])
        role, level, required = outline[position]
        return Expectation(skill_id, role, level, required, *written)

    return Skill(
        id=skill_id,
        name=name,
        domain=domain,
        updated=None if updated is None else date.fromisoformat(updated),
        source=source,
        expectations=Cells(outline, make),
        notes=notes,
        summary=summary,
        drafts=drafts,
    )


# Outlines read back, and the (role, level, required) of their cells, each kept once: marshal
# makes new ones for every skill, though a framework's skills share a few outlines and a
# handful of roles and levels, so at 10,000 skills their copies were 22 MiB of the memory
# of a `next`. The bound keeps a long-lived server's memory to it.
_SHARED_MOST = 4096
_outlines: dict[Outline, Outline] = {}
_places: dict[tuple[str, str, bool], tuple[str, str, bool]] = {}


def _shared(outline: Outline) -> Outline:
    found = _outlines.get(outline)
    if found is not None:
        return found
    if len(_outlines) >= _SHARED_MOST or len(_places) >= _SHARED_MOST:
        _outlines.clear()
        _places.clear()
    made = tuple(_places.setdefault(place, place) for place in outline)
    _outlines[made] = made
    return made


# The skills whose cells' texts are held, read from the cache, most recently read last. A
# skill's cells are asked for together (`next` two of each, `search` and `site` all), so
# only the last few skills' texts are held: `next` over 10,000 skills held them all, 70 MB,
# for the two cells of each it had made already. A skill asked again reads them again.
_HELD_MOST = 64
_held: collections.deque[list[memoryview]] = collections.deque()


def _hold(texts: list[memoryview], found: memoryview) -> None:
    texts.append(found)
    _held.append(texts)
    if len(_held) > _HELD_MOST:
        _held.popleft().clear()


def row_checksum(blob: bytes) -> int:
    return zlib.crc32(blob)
