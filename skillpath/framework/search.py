"""``skillpath search``: the skills and expectations whose words contain every word asked.

Matching ignores case and accents ("modele" finds "modèle"); a word matches the start of a
word ("evaluat" finds "evaluation"), and "quoted words" match as a phrase, in order. Where
Python's SQLite has FTS5, an index answers (``loading/textindex.py``): ranked by bm25,
with a hit in a skill's name or summary weighted above one in its cells. Elsewhere a scan
of every text answers the same queries, ranking by the same ideas (names first, rarer
words more).
Pure: it reads only the model, and an index the catalogue hands it.
"""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple, Protocol

from skillpath.errors import UsageError

from .model import Framework, Item, Level, Role, Skill, checklist, item_id
from .names import resolve_levels, resolve_roles
from .spelling import close_words, vocabulary

if TYPE_CHECKING:
    from skillpath.framework.source import SkillSource


# Every word is matched against every item: a pasted paragraph would take seconds and can
# only match nothing, since every word must match.
MAX_QUERY_WORDS = 32

# How much a match counts by where it is: a name most, a summary more than a cell's text.
# What search reads of a skill is listed once, in ``index_groups`` and ``group_rows``.
FIELD_WEIGHTS = {"name": 3.0, "summary": 2.0, "body": 1.0}


Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Named:
    """A skill as a hit shows it: a search reads no more of the skills it finds."""

    id: str
    name: str


@dataclass(frozen=True)
class Hit:
    skill: Named
    text: str  # the matching text: an item, a description, an example, a name or summary
    spans: Spans  # where the words are in ``text``, for highlighting
    score: float
    field: str  # where the text is: name, summary, item, description or example
    # The cell's role and level, and the item's id and number, to act on it; None where
    # the skill's name or summary matched.
    place: Place | None


@dataclass(frozen=True)
class Place:
    """Where an item sits: its cell's role and level, its id, and its number in the cell,
    which is ``SKILL:N`` to `skillpath done --level BELOW` (the level below the cell's, on
    the role's ladder; None at its lowest level, where only the id names the item, and
    for a description or an example, which is no item)."""

    role: Role
    level: Level
    item: Item | None  # None where the text is a description or an example, not an item
    number: int | None
    below: Level | None = None

    def numbered(self, skill: Named) -> str | None:
        """``SKILL:N`` with the role and level it counts in, where one can name the item."""
        if self.number is None or self.below is None:
            return None
        return f"{skill.id}:{self.number} -r {self.role.id} -l {self.below.id}"


@dataclass(frozen=True)
class SearchResult:
    query: str
    words: tuple[str, ...]
    hits: tuple[Hit, ...]
    suggestions: tuple[str, ...] = ()  # where nothing matches: close words of the framework


def fold(text: str) -> str:
    """Lowercase without accents, one character for each character of ``text``, so that
    positions found in the folded text mark the same words in the original."""
    if text.isascii():  # no accents to take off, and each letter lowers to one letter
        return text.lower()
    out = []
    for char in text:
        base = unicodedata.normalize("NFKD", char)
        kept = "".join(c for c in base if not unicodedata.combining(c)) or char
        out.append(kept[0].casefold()[0])
    return "".join(out)


def query_words(query: str) -> tuple[str, ...]:
    """The words and "quoted phrases" asked for, accents and case aside, each once."""
    return tuple(" ".join(term) for term in query_terms(query))


# A word is a run of letters and digits: "fine-tuning" is two, as SQLite's tokenizer reads it.
_WORD = re.compile(r"[^\W_]+")
_PART = re.compile(r'"([^"]*)"?|([^\s"]+)')


def query_terms(query: str) -> tuple[tuple[str, ...], ...]:
    """What must match: each quoted phrase as its words in order, and so each word typed
    with punctuation inside (fine-tuning), which is words to the tokenizer but one thing
    to the person typing it. Such a word's last part of one letter is left out: the "s"
    of "team's", as the start of a word, would match any word after "team"."""
    terms = []
    for phrase, word in _PART.findall(fold(query)):
        found = tuple(_WORD.findall(phrase or word))
        if word and len(found) > 1 and len(found[-1]) == 1:
            found = found[:-1]
        if found:
            terms.append(found)
    return tuple(dict.fromkeys(terms))


def _checked_terms(query: str) -> tuple[tuple[str, ...], ...]:
    terms = query_terms(query)
    if not terms:
        raise UsageError(f"give at least one word to search for, not {query!r}")
    words = sum(len(term) for term in terms)
    if words > MAX_QUERY_WORDS:
        raise UsageError(
            f"a search takes at most {MAX_QUERY_WORDS} words, not {words}; "
            "every word must match, so a few rare ones find the most"
        )
    return terms


class Row(NamedTuple):
    """A text search reads (``group_rows``), with what its hit shows."""

    role: str  # empty for the skill's own texts
    level: str
    column: str  # name, summary or body: what a match in it weighs
    text: str  # a name with its id, which is searched too
    field: str  # name, summary, item, description or example
    number: int | None  # an item's number in its cell (of the first item with its text)


class Group(NamedTuple):
    """Texts the index keeps, and ranks, as one: a skill's name, its summary, or a cell.
    A cell is kept as written, its description not yet split into items: splitting every
    cell of thousands of skills was much of the cost of a first search, and only the cells
    that match are split (``group_rows``)."""

    role: str  # empty for the skill's own texts
    level: str
    column: str  # name, summary or body
    description: str  # the text itself for a name (with the skill's id) or a summary
    given: tuple[str, ...] = ()  # the items a cell spells out
    examples: tuple[str, ...] = ()


def index_groups(skill: Skill) -> list[Group]:
    """Every text search reads in a skill, in a fixed order: its name and summary, and
    each cell's description, items and examples. A new field is a line here and one in
    ``group_rows``, for the index and the scan alike."""
    groups = [Group("", "", "name", f"{skill.name} {skill.id}")]
    if skill.summary:
        groups.append(Group("", "", "summary", skill.summary))
    groups += [
        Group(cell.role, cell.level, "body", cell.description, cell.given_items, cell.examples)
        for cell in skill.expectations
    ]
    return groups


def group_rows(group: Group) -> list[Row]:
    """The texts a hit can be: a cell's items, a description the items replace, and its
    examples; a name or a summary as it is. A hit is made of its row alone, without
    reading the skill again (``indexed_search``)."""
    if not group.role:
        return [Row("", "", group.column, group.description, group.column, None)]
    at = group.role, group.level
    texts = checklist(group.description, group.given)  # ids are made for the hits alone
    first: dict[str, int] = {}
    for number, text in enumerate(texts, start=1):
        first.setdefault(text, number)
    rows = [Row(*at, "body", text, "item", first[text]) for text in texts]
    if group.given and group.description:
        rows.append(Row(*at, "body", group.description, "description", None))
    rows += [Row(*at, "body", text, "example", None) for text in group.examples]
    return rows


class TextIndex(Protocol):
    """What search asks of an index of the catalogue's ``index_groups`` (FTS5)."""

    def drafted(self) -> list[str]:
        """The ids of the skills that have draft cells, in the catalogue's order."""
        ...

    def match(self, expression: str, roles: Sequence[str], levels: Sequence[str]) -> list[Match]:
        """Every group that matches, in no order."""
        ...


class Match(NamedTuple):
    """A group of the index that matches, as ``index_groups`` made it, and its score. Its
    texts are matched one by one here: a cell matches when its words are anywhere in it,
    a hit only when they are all in one text."""

    skill: str
    place: int  # its place in ``index_groups``
    score: float
    group: Group
    name: str  # the skill's


Patterns = dict[tuple[str, ...], "re.Pattern[str]"]
Found = dict[tuple[str, ...], list[tuple[int, int]]]  # each term's spans in a text


def _patterns(terms: Sequence[tuple[str, ...]]) -> Patterns:
    """Each term as a pattern to find in a folded text. A word matches at the start of a
    word of the text: "rag" finds RAG, not "coverage"; a phrase's words follow each other
    with only spaces or punctuation between them, as SQLite's tokenizer reads them. The
    whole word is marked, as a prefix query of the index matches it."""
    return {
        term: re.compile(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, term)) + r"[^\W_]*")
        for term in terms
    }


def _found(patterns: Patterns, folded: str) -> Found:
    """Where each term is in a folded text; empty unless every term is there."""
    found: Found = {}
    for term, pattern in patterns.items():
        spans = [match.span() for match in pattern.finditer(folded)]
        if not spans:
            return {}
        found[term] = spans
    return found


def _shown(skill: Named, row: Row, found: Found) -> tuple[str, Spans]:
    """The text a hit shows (a name without the id searched with it), and its marks."""
    text = skill.name if row.field == "name" else row.text
    return text, tuple(sorted(s for spans in found.values() for s in spans if s[1] <= len(text)))


def search(
    framework: Framework,
    skills: Sequence[Skill],
    query: str,
    roles: Sequence[str] = (),
    levels: Sequence[str] = (),
) -> SearchResult:
    """The scan: every row of every skill, matched and weighed here."""
    patterns = _patterns(_checked_terms(query))
    candidates = [
        (Named(skill.id, skill.name), (place, offset), row)
        for skill in skills
        for place, group in enumerate(index_groups(skill))
        if _wanted(group, roles, levels)
        for offset, row in enumerate(group_rows(group))
    ]
    folded = [fold(row.text) for *_, row in candidates]
    weight = {
        term: math.log(1 + len(folded) / (1 + sum(bool(p.search(f)) for f in folded)))
        for term, p in patterns.items()
    }
    where = _CellPlaces(framework)
    hits = []
    for (skill, place, row), haystack in zip(candidates, folded, strict=True):
        found = _found(patterns, haystack)
        if found:
            text, spans = _shown(skill, row, found)
            score = sum(weight[term] * len(spans_of) for term, spans_of in found.items())
            score = round(score * FIELD_WEIGHTS[row.column], 3)
            hits.append((place, _hit(skill, row, text, spans, score, where)))
    return SearchResult(query, query_words(query), _ranked(hits))


def _wanted(group: Group, roles: Sequence[str], levels: Sequence[str]) -> bool:
    """Whether a group is searched: a skill's name and summary only when nothing narrows."""
    if not group.role:
        return not roles and not levels
    return (not roles or group.role in roles) and (not levels or group.level in levels)


def _hit(skill: Named, row: Row, text: str, spans: Spans, score: float, where: _CellPlaces) -> Hit:
    """A hit in a row, placed in its cell."""
    if not row.role:  # the skill's name or summary
        return Hit(skill, text, spans, score, row.field, None)
    role, level, below = where(row.role, row.level)
    item = Item(item_id(skill.id, row.role, row.level, text), text) if row.field == "item" else None
    below = below if item else None  # what numbers an item; a description has no number
    return Hit(skill, text, spans, score, row.field, Place(role, level, item, row.number, below))


def _ranked(hits: list[tuple[tuple[int, int], Hit]]) -> tuple[Hit, ...]:
    """Best first; ties by where the text is (a name, a summary, a cell), then by skill
    (its name, case aside), then in the data's order: the items of one cell, which
    share its score, in checklist order. Ties are many where a word is in more than half
    the index's rows: bm25 then gives it no weight, and every hit of it scores 0."""
    hits.sort(
        key=lambda found: (
            -found[1].score,
            -FIELD_WEIGHTS.get(found[1].field, FIELD_WEIGHTS["body"]),
            found[1].skill.name.casefold(),
            found[1].skill.id,
            found[0],
        )
    )
    return tuple(hit for _, hit in hits)


def fts_expression(terms: Sequence[tuple[str, ...]]) -> str:
    """The terms as an FTS5 query: every one must match, its last word as a prefix. The
    words are letters and digits only, so quoting them leaves nothing to escape."""
    return " AND ".join(f'"{" ".join(term)}" *' for term in terms)


def indexed_search(
    catalog: SkillSource, index: TextIndex, query: str, roles: Sequence[str], levels: Sequence[str]
) -> SearchResult:
    """The index's matches as placed hits, made of the groups alone: no skill is read but
    those with drafts, to tell of them as a scan that reads every skill tells. Every text
    of a group that matches shares its score."""
    terms = _checked_terms(query)
    drafted = index.drafted()
    catalog.preload(drafted)  # in one batch
    for skill_id in drafted:
        catalog.skill(skill_id)
    patterns = _patterns(terms)
    where = _CellPlaces(catalog.framework)
    hits = []
    for match in index.match(fts_expression(terms), roles, levels):
        skill, score = Named(match.skill, match.name), round(match.score, 3)
        for offset, row in enumerate(group_rows(match.group)):
            found = _found(patterns, fold(row.text))
            if found:
                text, spans = _shown(skill, row, found)
                hits.append(((match.place, offset), _hit(skill, row, text, spans, score, where)))
    return SearchResult(query, query_words(query), _ranked(hits))


def search_for(
    catalog: SkillSource,
    words: Sequence[str],
    roles: Sequence[str] = (),
    levels: Sequence[str] = (),
) -> SearchResult:
    """``skillpath search``: the words as one query, narrowed to the named roles and levels."""
    framework = catalog.framework
    role_ids = [role.id for role in resolve_roles(framework, roles)]
    level_ids = [level.id for level in resolve_levels(framework, levels)]
    query = " ".join(words)
    _checked_terms(query)  # a bad query is told before any index is built
    index = catalog.text_index(index_groups)
    if index is None:
        found = search(framework, catalog.skills(), query, role_ids, level_ids)
    else:
        found = indexed_search(catalog, index, query, role_ids, level_ids)
    if found.hits:
        return found
    return dataclasses.replace(found, suggestions=suggested(catalog.skills(), query))


def suggested(skills: Sequence[Skill], query: str) -> tuple[str, ...]:
    """The framework's words spelt close to those of ``query`` that none of its words has."""
    texts = (
        fold(text)
        for skill in skills
        for group in index_groups(skill)
        for text in (group.description, *group.given, *group.examples)
    )
    words = [word for term in query_terms(query) for word in term]
    return close_words(words, vocabulary(texts))


def _cell_place(
    framework: Framework, role_id: str, level_id: str
) -> tuple[Role, Level, Level | None]:
    """A cell's role and level, and the level below it on the role's ladder."""
    role, level = framework.role(role_id), framework.level(level_id)
    below = next(
        (lower for lower in reversed(framework.ladder(role)) if lower.rank < level.rank), None
    )
    return role, level, below


class _CellPlaces:
    """``_cell_place`` of one framework, worked out once per cell: a thousand hits fall in
    far fewer cells."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.known: dict[tuple[str, str], tuple[Role, Level, Level | None]] = {}

    def __call__(self, role_id: str, level_id: str) -> tuple[Role, Level, Level | None]:
        key = (role_id, level_id)
        if key not in self.known:
            self.known[key] = _cell_place(self.framework, role_id, level_id)
        return self.known[key]
