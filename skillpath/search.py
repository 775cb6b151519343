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

from .errors import UsageError
from .model import Expectation, Framework, Item, Level, Role, Skill
from .names import resolve_levels, resolve_roles

if TYPE_CHECKING:
    from .loading import Catalog


# Every word is matched against every item: a pasted paragraph would take seconds and can
# only match nothing, since every word must match.
MAX_QUERY_WORDS = 32

# How much a match counts by where it is: a name most, a summary more than a cell's text.
# What search reads of a skill is listed once, in ``documents``.
FIELD_WEIGHTS = {"name": 3.0, "summary": 2.0, "body": 1.0}


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


Document = tuple[str, Expectation | None, str]  # field, cell (None for the skill), text


def documents(skill: Skill) -> list[Document]:
    """Every text search reads in a skill, in a fixed order (the index refers to a text by
    its place here): its name and summary, and each cell's items, a description the items
    replace, and examples. A new field is one line here, for the index and the scan."""
    found: list[Document] = [("name", None, skill.name)]
    if skill.summary:
        found.append(("summary", None, skill.summary))
    for cell in skill.expectations:
        found += [("item", cell, item.text) for item in cell.items]
        if cell.given_items and cell.description:
            found.append(("description", cell, cell.description))
        found += [("example", cell, text) for text in cell.examples]
    return found


def _column(field: str) -> str:
    return field if field in ("name", "summary") else "body"


IndexRow = tuple[str, str, str, str, str, int | None, str | None]


def index_rows(skill: Skill) -> list[IndexRow]:
    """The rows an index keeps of a skill, in the order of ``documents``: role and level
    (empty for the skill's own texts), the column, its text (a name with its id, which is
    searched too), the field, and for an item the number and id its hit shows. With these
    a hit is made without reading the skill's texts again (``indexed_search``)."""
    rows: list[IndexRow] = []
    for field, cell, text in documents(skill):
        number, item = _numbered_item(cell, text) if cell and field == "item" else (None, None)
        rows.append(
            (
                cell.role if cell else "",
                cell.level if cell else "",
                _column(field),
                f"{text} {skill.id}" if field == "name" else text,
                field,
                number,
                item.id if item else None,
            )
        )
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
    place: int  # its place in ``documents``
    score: float
    marked: str  # the text with \x01 and \x02 around each match
    role: str
    level: str
    field: str
    number: int | None
    item: str | None


def search(
    skills: Sequence[Skill], query: str, roles: Sequence[str] = (), levels: Sequence[str] = ()
) -> SearchResult:
    """The scan: every text of every skill, matched and weighed here."""
    terms = _checked_terms(query)
    # A word matches at the start of a word of the text: "rag" finds RAG, not "coverage";
    # a phrase's words follow each other with only spaces or punctuation between them.
    # The whole word is marked, as the index marks it.
    patterns = {
        term: re.compile(r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, term)) + r"[^\W_]*")
        for term in terms
    }
    candidates: list[tuple[Skill, int, str, Expectation | None, str, str]] = []
    for skill in skills:
        for place, (field, cell, text) in enumerate(documents(skill)):
            if cell is None and not roles and not levels:
                haystack = f"{text} {skill.id}" if field == "name" else text
                candidates.append((skill, place, field, None, text, haystack))
            elif cell is not None and _wanted(cell, roles, levels):
                candidates.append((skill, place, field, cell, text, text))
    folded = [fold(haystack) for *_, haystack in candidates]
    weight = {
        term: math.log(1 + len(folded) / (1 + sum(bool(p.search(f)) for f in folded)))
        for term, p in patterns.items()
    }
    hits = []
    for (skill, place, field, found, text, _), haystack in zip(candidates, folded, strict=True):
        matches = {term: [m.span() for m in p.finditer(haystack)] for term, p in patterns.items()}
        if all(matches.values()):
            spans = tuple(sorted(s for each in matches.values() for s in each if s[1] <= len(text)))
            score = sum(weight[term] * len(spans_of) for term, spans_of in matches.items())
            factor = FIELD_WEIGHTS[_column(field)]
            hits.append((place, Hit(skill, found, text, spans, round(score * factor, 3), field)))
    return SearchResult(query, query_words(query), _ranked(hits))


def _wanted(cell: Expectation, roles: Sequence[str], levels: Sequence[str]) -> bool:
    return (not roles or cell.role in roles) and (not levels or cell.level in levels)


def _ranked(hits: list[tuple[int, Hit]]) -> tuple[Hit, ...]:
    """Best first; ties by skill name, role and text, then the data's order."""
    hits.sort(
        key=lambda found: (
            -found[1].score,
            found[1].skill.name,
            found[1].cell.role if found[1].cell else "",
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
    """The index's matches as placed hits: the skills they name are read, in one batch, and
    their texts are not gone through again (the rows hold what a hit shows)."""
    terms = _checked_terms(query)
    drafted = index.drafted()
    catalog.preload(drafted)
    for skill_id in drafted:  # told of, as a scan that reads every skill tells
        catalog.skill(skill_id)
    matches = index.match(fts_expression(terms), roles, levels)
    named = list(dict.fromkeys(match.skill for match in matches))
    skills = dict(zip(named, catalog.preload(named), strict=True))
    where = _CellPlaces(catalog.framework)
    hits = [(match.place, _indexed_hit(skills[match.skill], match, where)) for match in matches]
    return SearchResult(query, query_words(query), _ranked(hits))


def _indexed_hit(skill: Skill, match: Match, where: _CellPlaces) -> Hit:
    marked = match.marked
    text = skill.name if match.field == "name" else marked.replace("\x01", "").replace("\x02", "")
    spans = tuple(span for span in marked_spans(marked) if span[1] <= len(text))
    score = round(match.score, 3)
    if not match.role:  # the skill's name or summary
        return Hit(skill, None, text, spans, score, match.field)
    cell = skill.expectation(match.role, match.level)
    item = Item(match.item, text) if match.item is not None else None
    role, level, below = where(match.role, match.level)
    place = Place(role, level, item, match.number, below)
    return Hit(skill, cell, text, spans, score, match.field, place)


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
    if index is not None:
        return indexed_search(catalog, index, query, role_ids, level_ids)
    found = search(catalog.skills(), query, role_ids, level_ids)
    return dataclasses.replace(found, hits=tuple(placed(framework, hit) for hit in found.hits))


def placed(framework: Framework, hit: Hit) -> Hit:
    """``hit`` with its item's place, so that a hit can be marked."""
    if hit.cell is None:
        return hit
    number, item = _numbered_item(hit.cell, hit.text) if hit.field == "item" else (None, None)
    role, level, below = _cell_place(framework, hit.cell.role, hit.cell.level)
    return dataclasses.replace(hit, place=Place(role, level, item, number, below))


def _numbered_item(cell: Expectation, text: str) -> tuple[int, Item] | tuple[None, None]:
    """The first of the cell's items with this text, and its number in the cell."""
    return next(
        ((n, item) for n, item in enumerate(cell.items, start=1) if item.text == text),
        (None, None),
    )


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
