"""``skillpath search``: the skills and expectations whose words contain every word asked.

Matching ignores case and accents ("modele" finds "modèle"); a hit in a skill's name ranks
above one in its items, and rarer words weigh more. Pure: it reads only the model.
"""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import UsageError
from .model import Expectation, Framework, Item, Level, Role, Skill
from .names import resolve_levels, resolve_roles

if TYPE_CHECKING:
    from .loading import Catalog


# Every word is matched against every item: a pasted paragraph would take seconds and can
# only match nothing, since every word must match.
MAX_QUERY_WORDS = 32


@dataclass(frozen=True)
class Hit:
    skill: Skill
    cell: Expectation | None  # None: the skill's name or summary matched
    text: str  # the matching text: an item, a description, an example, a name or summary
    spans: tuple[tuple[int, int], ...]  # where the words are in ``text``, for highlighting
    score: float
    field: str = "item"  # where the text is: name, summary, item, description or example
    place: Place | None = None  # the item's role, level, id and number, to act on it


@dataclass(frozen=True)
class Place:
    """Where an item sits: its cell's role and level, its id, and its number in the cell,
    which is ``SKILL:N`` to `skillpath done --level BELOW` (the level below the cell's, on
    the role's ladder; None at its lowest level, where only the id names the item)."""

    role: Role
    level: Level
    item: Item | None  # None where the text is a description or an example, not an item
    number: int | None
    below: Level | None = None

    def numbered(self, skill: Skill) -> str | None:
        """``SKILL:N`` with the role and level it counts in, where one can name the item."""
        if self.number is None or self.below is None:
            return None
        return f"{skill.id}:{self.number} -r {self.role.id} -l {self.below.id}"


@dataclass(frozen=True)
class SearchResult:
    query: str
    words: tuple[str, ...]
    hits: tuple[Hit, ...]


def fold(text: str) -> str:
    """Lowercase without accents, one character for each character of ``text``, so that
    positions found in the folded text mark the same words in the original."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFKD", char)
        kept = "".join(c for c in base if not unicodedata.combining(c)) or char
        out.append(kept[0].casefold()[0])
    return "".join(out)


def query_words(query: str) -> tuple[str, ...]:
    """The words asked for, accents and case aside; punctuation alone is no word."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", query) if not unicodedata.combining(c))
    return tuple(dict.fromkeys(re.findall(r"\w+", plain.casefold())))


def search(
    skills: Sequence[Skill], query: str, roles: Sequence[str] = (), levels: Sequence[str] = ()
) -> SearchResult:
    words = query_words(query)
    if not words:
        raise UsageError(f"give at least one word to search for, not {query!r}")
    if len(words) > MAX_QUERY_WORDS:
        raise UsageError(
            f"a search takes at most {MAX_QUERY_WORDS} words, not {len(words)}; "
            "every word must match, so a few rare ones find the most"
        )
    # A word matches at the start of a word of the text: "rag" finds RAG, not "coverage".
    patterns = {word: re.compile(rf"(?<!\w){re.escape(word)}") for word in words}
    candidates = [candidate for skill in skills for candidate in _texts_of(skill, roles, levels)]
    folded = [fold(haystack) for *_, haystack in candidates]
    weight = {
        word: math.log(1 + len(folded) / (1 + sum(bool(p.search(f)) for f in folded)))
        for word, p in patterns.items()
    }
    hits = []
    for (skill, found, field, text, _), haystack in zip(candidates, folded, strict=True):
        matches = {
            word: [m.span() for m in pattern.finditer(haystack)]
            for word, pattern in patterns.items()
        }
        if all(matches.values()):
            spans = tuple(
                sorted(
                    span
                    for found_spans in matches.values()
                    for span in found_spans
                    if span[1] <= len(text)
                )
            )
            score = sum(weight[word] * len(spans_of) for word, spans_of in matches.items())
            weight_of_field = {"name": 3, "summary": 2}.get(field, 1)
            hits.append(Hit(skill, found, text, spans, round(score * weight_of_field, 3), field))
    hits.sort(
        key=lambda hit: (-hit.score, hit.skill.name, hit.cell.role if hit.cell else "", hit.text)
    )
    return SearchResult(query, words, tuple(hits))


Candidate = tuple[Skill, Expectation | None, str, str, str]  # skill, cell, field, text, haystack


def _texts_of(skill: Skill, roles: Sequence[str], levels: Sequence[str]) -> list[Candidate]:
    """What a search looks at in a skill: its name and summary (when no role or level
    narrows it), and each cell's items, a description the items replace, and examples."""
    found: list[Candidate] = []
    if not roles and not levels:
        found.append((skill, None, "name", skill.name, f"{skill.name} {skill.id}"))
        if skill.summary:
            found.append((skill, None, "summary", skill.summary, skill.summary))
    for cell in skill.expectations:
        if (roles and cell.role not in roles) or (levels and cell.level not in levels):
            continue
        found += [(skill, cell, "item", item.text, item.text) for item in cell.items]
        if cell.given_items and cell.description:
            found.append((skill, cell, "description", cell.description, cell.description))
        found += [(skill, cell, "example", text, text) for text in cell.examples]
    return found


def search_for(
    catalog: Catalog, words: Sequence[str], roles: Sequence[str] = (), levels: Sequence[str] = ()
) -> SearchResult:
    """``skillpath search``: the words as one query, narrowed to the named roles and levels."""
    framework = catalog.framework
    role_ids = [role.id for role in resolve_roles(framework, roles)]
    level_ids = [level.id for level in resolve_levels(framework, levels)]
    found = search(catalog.skills(), " ".join(words), role_ids, level_ids)
    return dataclasses.replace(found, hits=tuple(placed(framework, hit) for hit in found.hits))


def placed(framework: Framework, hit: Hit) -> Hit:
    """``hit`` with its item's place, so that a hit can be marked."""
    if hit.cell is None:
        return hit
    number, item = (
        next(
            ((n, item) for n, item in enumerate(hit.cell.items, start=1) if item.text == hit.text),
            (None, None),
        )
        if hit.field == "item"
        else (None, None)
    )
    role, level = framework.role(hit.cell.role), framework.level(hit.cell.level)
    below = next(
        (lower for lower in reversed(framework.ladder(role)) if lower.rank < level.rank), None
    )
    place = Place(role, level, item, number, below)
    return dataclasses.replace(hit, place=place)
