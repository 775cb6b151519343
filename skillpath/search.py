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

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple, Protocol

from .errors import UsageError
from .model import Framework, Item, Level, Role, Skill, item_id
from .names import resolve_levels, resolve_roles

if TYPE_CHECKING:
    from .loading import Catalog


# Every word is matched against every item: a pasted paragraph would take seconds and can
# only match nothing, since every word must match.
MAX_QUERY_WORDS = 32

# How much a match counts by where it is: a name most, a summary more than a cell's text.
# What search reads of a skill is listed once, in ``index_rows``.
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
    the role's ladder; None at its lowest level, where only the id names the item)."""

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
    """The words and "quoted phrases" asked for, accents and case aside, each once."""
    return tuple(" ".join(term) for term in query_terms(query))


# A word is a run of letters and digits: "fine-tuning" is two, as SQLite's tokenizer reads it.
_WORD = re.compile(r"[^\W_]+")
_PART = re.compile(r'"([^"]*)"?|([^\s"]+)')


def query_terms(query: str) -> tuple[tuple[str, ...], ...]:
    """What must match: each word alone, each quoted phrase as its words in order."""
    terms: list[tuple[str, ...]] = []
    for phrase, word in _PART.findall(fold(query)):
        found = tuple(_WORD.findall(phrase or word))
        terms += [found] if phrase and found else [(each,) for each in found]
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
    """A text search reads, as an index keeps it (``index_rows``), with what its hit shows."""

    role: str  # empty for the skill's own texts
    level: str
    column: str  # name, summary or body: what a match in it weighs
    text: str  # a name with its id, which is searched too
    field: str  # name, summary, item, description or example
    number: int | None  # an item's number in its cell (of the first item with its text)


def index_rows(skill: Skill) -> list[Row]:
    """Every text search reads in a skill, in a fixed order (the index refers to a text by
    its place here): its name and summary, and each cell's items, a description the items
    replace, and examples. A new field is one line here, for the index and the scan. A hit
    is made of its row alone, without reading the skill again (``indexed_search``)."""
    rows = [Row("", "", "name", f"{skill.name} {skill.id}", "name", None)]
    if skill.summary:
        rows.append(Row("", "", "summary", skill.summary, "summary", None))
    for cell in skill.expectations:
        at = cell.role, cell.level
        texts = cell.item_texts  # the items' ids are made for the hits alone (_hit)
        first: dict[str, int] = {}
        for number, text in enumerate(texts, start=1):
            first.setdefault(text, number)
        rows += [Row(*at, "body", text, "item", first[text]) for text in texts]
        if cell.given_items and cell.description:
            rows.append(Row(*at, "body", cell.description, "description", None))
        rows += [Row(*at, "body", text, "example", None) for text in cell.examples]
    return rows


class TextIndex(Protocol):
    """What search asks of an index of the catalogue's ``index_rows`` (FTS5)."""

    def drafted(self) -> list[str]:
        """The ids of the skills that have draft cells, in the catalogue's order."""
        ...

    def match(self, expression: str, roles: Sequence[str], levels: Sequence[str]) -> list[Match]:
        """Every row that matches, in no order."""
        ...


class Match(NamedTuple):
    """A row of the index that matches: what ``index_rows`` put there, scored."""

    skill: str
    place: int  # its place in ``index_rows``
    score: float
    marked: str  # the text with \x01 and \x02 around each match
    role: str
    level: str
    field: str
    number: int | None
    name: str  # the skill's


def search(
    framework: Framework,
    skills: Sequence[Skill],
    query: str,
    roles: Sequence[str] = (),
    levels: Sequence[str] = (),
) -> SearchResult:
    """The scan: every row of every skill, matched and weighed here."""
    terms = _checked_terms(query)
    # A word matches at the start of a word of the text: "rag" finds RAG, not "coverage";
    # a phrase's words follow each other with only spaces or punctuation between them.
    # The whole word is marked, as the index marks it.
    patterns = {
        term: re.compile(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, term)) + r"[^\W_]*")
        for term in terms
    }
    candidates = [
        (Named(skill.id, skill.name), place, row)
        for skill in skills
        for place, row in enumerate(index_rows(skill))
        if _wanted(row, roles, levels)
    ]
    folded = [fold(row.text) for *_, row in candidates]
    weight = {
        term: math.log(1 + len(folded) / (1 + sum(bool(p.search(f)) for f in folded)))
        for term, p in patterns.items()
    }
    where = _CellPlaces(framework)
    hits = []
    for (skill, place, row), haystack in zip(candidates, folded, strict=True):
        matches = {term: [m.span() for m in p.finditer(haystack)] for term, p in patterns.items()}
        if all(matches.values()):
            text = skill.name if row.field == "name" else row.text
            spans = tuple(sorted(s for each in matches.values() for s in each if s[1] <= len(text)))
            score = sum(weight[term] * len(spans_of) for term, spans_of in matches.items())
            score = round(score * FIELD_WEIGHTS[row.column], 3)
            hits.append((place, _hit(skill, row, text, spans, score, where)))
    return SearchResult(query, query_words(query), _ranked(hits))


def _wanted(row: Row, roles: Sequence[str], levels: Sequence[str]) -> bool:
    """Whether a row is searched: a skill's name and summary only when nothing narrows."""
    if not row.role:
        return not roles and not levels
    return (not roles or row.role in roles) and (not levels or row.level in levels)


def _hit(
    skill: Named, row: Row | Match, text: str, spans: Spans, score: float, where: _CellPlaces
) -> Hit:
    """A hit in a row of the index or of the scan, placed in its cell."""
    if not row.role:  # the skill's name or summary
        return Hit(skill, text, spans, score, row.field, None)
    role, level, below = where(row.role, row.level)
    item = Item(item_id(skill.id, row.role, row.level, text), text) if row.field == "item" else None
    return Hit(skill, text, spans, score, row.field, Place(role, level, item, row.number, below))


def _ranked(hits: list[tuple[int, Hit]]) -> tuple[Hit, ...]:
    """Best first; ties by skill name, role and text, then the data's order."""
    hits.sort(
        key=lambda found: (
            -found[1].score,
            found[1].skill.name,
            found[1].place.role.id if found[1].place else "",
            found[1].text,
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
    catalog: Catalog, index: TextIndex, query: str, roles: Sequence[str], levels: Sequence[str]
) -> SearchResult:
    """The index's matches as placed hits, made of the rows alone: no skill is read but
    those with drafts, to tell of them as a scan that reads every skill tells."""
    terms = _checked_terms(query)
    drafted = index.drafted()
    catalog.preload(drafted)  # in one batch
    for skill_id in drafted:
        catalog.skill(skill_id)
    where = _CellPlaces(catalog.framework)
    hits = []
    for match in index.match(fts_expression(terms), roles, levels):
        plain = match.marked.replace("\x01", "").replace("\x02", "")
        text = match.name if match.field == "name" else plain  # the name without its id
        spans = tuple(span for span in marked_spans(match.marked) if span[1] <= len(text))
        skill = Named(match.skill, match.name)
        hits.append((match.place, _hit(skill, match, text, spans, round(match.score, 3), where)))
    return SearchResult(query, query_words(query), _ranked(hits))


# What the index marks: \x01, the matching words, \x02 (highlight() never nests them).
_MARKED = re.compile("\x01([^\x02]*)\x02")


def marked_spans(marked: str) -> list[tuple[int, int]]:
    """Where the \x01...\x02 marks were, as spans of the text without them. The data
    cannot hold control characters, so every mark is the index's."""
    spans = []
    for before, found in enumerate(_MARKED.finditer(marked)):
        start = found.start() - 2 * before  # the marks of the spans before it, removed
        spans.append((start, start + len(found[1])))
    return spans


def search_for(
    catalog: Catalog, words: Sequence[str], roles: Sequence[str] = (), levels: Sequence[str] = ()
) -> SearchResult:
    """``skillpath search``: the words as one query, narrowed to the named roles and levels."""
    framework = catalog.framework
    role_ids = [role.id for role in resolve_roles(framework, roles)]
    level_ids = [level.id for level in resolve_levels(framework, levels)]
    query = " ".join(words)
    _checked_terms(query)  # a bad query is told before any index is built
    index = catalog.text_index(index_rows)
    if index is None:
        return search(framework, catalog.skills(), query, role_ids, level_ids)
    return indexed_search(catalog, index, query, role_ids, level_ids)


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
