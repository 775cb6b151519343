"""``skillpath search``: the skills and expectations whose words contain every word asked.

Matching ignores case and accents ("modele" finds "modèle"); a hit in a skill's name ranks
above one in its items, and rarer words weigh more. Pure: it reads only the model.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import UsageError
from .model import Expectation, Skill


@dataclass(frozen=True)
class Hit:
    skill: Skill
    cell: Expectation | None  # None: the skill's name matched
    text: str  # the matching text: an item, or the skill's name
    spans: tuple[tuple[int, int], ...]  # where the words are in ``text``, for highlighting
    score: float


@dataclass(frozen=True)
class SearchResult:
    query: str
    words: tuple[str, ...]
    hits: tuple[Hit, ...]


def fold(text: str) -> str:
    """Lowercase without accents, keeping one character per character of ``text``."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFKD", char)
        kept = "".join(c for c in base if not unicodedata.combining(c))
        out.append((kept[:1] or char).casefold()[:1] or char)
    return "".join(out)


def search(
    skills: Sequence[Skill], query: str, roles: Sequence[str] = (), levels: Sequence[str] = ()
) -> SearchResult:
    words = tuple(dict.fromkeys(fold(word) for word in query.split()))
    if not words:
        raise UsageError("give at least one word to search for")
    candidates: list[tuple[Skill, Expectation | None, str]] = []
    for skill in skills:
        if not roles and not levels:
            candidates.append((skill, None, skill.name))
        for cell in skill.expectations:
            if (roles and cell.role not in roles) or (levels and cell.level not in levels):
                continue
            candidates += [(skill, cell, item.text) for item in cell.items]
    folded = [fold(text) for _, _, text in candidates]
    weight = {w: math.log(1 + len(folded) / (1 + sum(w in f for f in folded))) for w in words}
    hits = []
    for (skill, found, text), haystack in zip(candidates, folded, strict=True):
        if all(word in haystack for word in words):
            spans = tuple(sorted(span for word in words for span in _spans(haystack, word)))
            score = sum(weight[word] * haystack.count(word) for word in words) * (
                3 if found is None else 1
            )
            hits.append(Hit(skill, found, text, spans, round(score, 3)))
    hits.sort(
        key=lambda hit: (-hit.score, hit.skill.name, hit.cell.role if hit.cell else "", hit.text)
    )
    return SearchResult(query, words, tuple(hits))


def _spans(haystack: str, word: str) -> list[tuple[int, int]]:
    spans, start = [], haystack.find(word)
    while start >= 0:
        spans.append((start, start + len(word)))
        start = haystack.find(word, start + len(word))
    return spans
