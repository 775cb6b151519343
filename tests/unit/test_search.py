"""Search: FTS5 where SQLite has it, a scan where not, answering the same queries."""

from __future__ import annotations

import dataclasses

import pytest

from skillpath.errors import UsageError
from skillpath.framework import search as searching
from skillpath.framework.model import Expectation, Skill
from skillpath.loading import Catalog, textindex
from tests.conftest import BUNDLED

CATALOG = Catalog(BUNDLED)
QUERIES = [
    "attention",
    '"mixture of experts"',
    "evaluat",
    "fine-tuning",
    "Rétrieval",
    "vector database",
    "rag",
    '"of the"',
    "kv cache",
    "llm",
    "naïve",
    '"cache kv"',
]
needs_fts5 = pytest.mark.skipif(not textindex.fts5_available(), reason="SQLite without FTS5")


def found(result: searching.SearchResult) -> list[tuple[str, str, str, str, tuple]]:
    return sorted(
        (
            hit.skill.id,
            hit.place.role.id if hit.place else "",
            hit.place.level.id if hit.place else "",
            hit.text,
            hit.spans,
        )
        for hit in result.hits
    )


def scan(query: str, roles: list[str] = [], levels: list[str] = []) -> searching.SearchResult:  # noqa: B006
    return searching.search(CATALOG.framework, CATALOG.skills(), query, roles, levels)


def indexed(query: str, roles: list[str] = [], levels: list[str] = []) -> searching.SearchResult:  # noqa: B006
    index = CATALOG.text_index(searching.index_groups)
    assert index is not None
    return searching.indexed_search(CATALOG, index, query, roles, levels)


@needs_fts5
@pytest.mark.parametrize("query", QUERIES)
def test_the_index_and_the_scan_find_the_same_texts_and_mark_the_same_words(query: str) -> None:
    assert found(indexed(query)) == found(scan(query))


@needs_fts5
@pytest.mark.parametrize("query", QUERIES)
def test_an_indexed_hit_is_the_scan_s_hit_but_for_the_score(query: str) -> None:
    """The index's rows carry what a hit shows (the skill's name, the field, an item's
    number and id), so that no skill is read: the same as the scan finds in the skills."""
    scanned = scan(query).hits
    assert all(hit.place for hit in scanned if hit.field not in ("name", "summary"))
    assert unscored(indexed(query).hits) == unscored(scanned)


def unscored(hits) -> list[searching.Hit]:
    return sorted(
        (dataclasses.replace(hit, score=0.0) for hit in hits),
        key=lambda hit: (hit.skill.id, repr(hit.place), hit.text, hit.field),
    )


def test_an_item_s_number_is_that_of_the_first_item_with_its_text() -> None:
    cell = Expectation("s", "llm-engineer", "senior", True, "", given_items=("A.", "B.", "A."))
    skill = Skill("s", "S", "d", None, "", (cell,))
    rows = [row for group in searching.index_groups(skill) for row in searching.group_rows(group)]
    assert [(row.field, row.number) for row in rows] == [
        ("name", None),
        ("item", 1),
        ("item", 2),
        ("item", 1),
    ]
    # Both hits name the first item: the same words, the same id.
    hits = searching.search(CATALOG.framework, [skill], "a").hits
    assert [(hit.place.number, hit.place.item) for hit in hits if hit.place] == [
        (1, cell.items[0]),
        (1, cell.items[0]),
    ]


@needs_fts5
def test_the_index_and_the_scan_narrow_alike() -> None:
    query, roles, levels = "model", ["llm-engineer"], ["senior", "lead"]
    narrowed = indexed(query, roles, levels)
    assert found(narrowed) == found(scan(query, roles, levels))
    assert {(h.place.role.id, h.place.level.id) for h in narrowed.hits if h.place} == {
        ("llm-engineer", "senior"),
        ("llm-engineer", "lead"),
    }
    assert all(hit.place for hit in narrowed.hits)  # names are not narrowed by role


def test_a_quoted_phrase_matches_its_words_in_order() -> None:
    result = scan('"mixture of experts"')
    texts = [hit.text.lower().replace("-", " ") for hit in result.hits]
    assert texts and all("mixture of experts" in text for text in texts)
    assert any("mixture-of-experts" in hit.text for hit in result.hits)  # punctuation between
    assert scan('"experts of mixture"').hits == ()
    assert searching.query_words('"Mixture of  Experts" routing') == (
        "mixture of experts",
        "routing",
    )


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("fine-tuning", (("fine", "tuning"),)),
        ("team's plan", (("team",), ("plan",))),
        ("team\u2019s lead's-s", (("team",), ("lead", "s"))),
        ('"team\'s"', (("team", "s"),)),
        ('"Mixture of" experts', (("mixture", "of"), ("experts",))),
        ("-- ''", ()),
    ],
)
def test_a_word_typed_with_punctuation_inside_is_a_phrase(query: str, terms) -> None:
    assert searching.query_terms(query) == terms


@pytest.mark.parametrize(
    "search", [pytest.param(indexed, marks=needs_fts5), scan], ids=["index", "scan"]
)
def test_a_hyphenated_word_finds_its_parts_in_order_only(search) -> None:
    assert search("fine-tuning").hits
    assert search("tuning-fine").hits == ()


def test_a_word_matches_the_start_of_words_and_marks_the_whole_word() -> None:
    result = scan("evaluat")
    marked = {hit.text[start:end].lower() for hit in result.hits for start, end in hit.spans}
    assert {"evaluation", "evaluates"} <= marked
    assert all(word.startswith("evaluat") for word in marked)


@needs_fts5
def test_names_rank_above_items_in_the_index() -> None:
    hits = indexed("fine-tuning").hits
    assert hits[0].place is None and hits[0].skill.id == "fine-tuning"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@needs_fts5
@pytest.mark.parametrize("query", ["co", "re", "model"])
def test_a_word_in_most_rows_still_ranks_names_first(query: str) -> None:
    """bm25 gives a word in more than half the index's rows no weight, so every hit of
    "co" scores 0: the names come first all the same, then summaries, then cells."""
    hits = indexed(query).hits
    assert hits[0].field == "name"
    order = {"name": 0, "summary": 1}
    ranks = [(-hit.score, order.get(hit.field, 2)) for hit in hits]
    assert ranks == sorted(ranks)


def test_without_fts5_the_scan_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textindex, "fts5_available", lambda: False)
    assert CATALOG.text_index(searching.index_groups) is None
    answer = searching.search_for(CATALOG, ["vector", "database"])
    scanned = scan("vector database")
    assert answer == scanned
    assert all(hit.place for hit in answer.hits if hit.field not in ("name", "summary"))


@pytest.mark.parametrize("query", ["", "  ", '""', "!!", '"'])
def test_a_query_without_words_is_a_usage_error(query: str) -> None:
    with pytest.raises(UsageError, match="at least one word"):
        searching.search_for(CATALOG, [query])


def index_of(*skills: Skill) -> textindex.FtsIndex:
    """An index of the given skills alone, in memory, as a search builds it."""
    import sqlite3

    db = sqlite3.connect(":memory:", isolation_level=None)
    textindex._create(db, "test")
    start = 1
    for skill in skills:
        stored = textindex._stored(searching.index_groups, skill)
        start = textindex._insert(db, skill, stored, "key", start)
    return textindex.FtsIndex(db)


TWO_ITEMS = Skill(
    "s",
    "S",
    "d",
    None,
    "",
    (
        Expectation(
            "s", "llm-engineer", "senior", True, "", given_items=("Alpha beta.", "Gamma delta.")
        ),
    ),
)


@needs_fts5
@pytest.mark.parametrize("query", ["alpha gamma", '"beta gamma"', "delta alpha"])
def test_words_in_two_texts_of_one_cell_are_no_hit(query: str) -> None:
    """The index keeps a cell as one row, so the row matches words spread over its items;
    a hit is a text that holds them all, as the scan finds."""
    index = index_of(TWO_ITEMS)
    assert index.match(searching.fts_expression(searching.query_terms(query)), [], [])
    assert searching.indexed_search(CATALOG, index, query, [], []).hits == ()
    assert searching.search(CATALOG.framework, [TWO_ITEMS], query).hits == ()


@needs_fts5
def test_the_texts_of_one_cell_share_its_score_in_checklist_order() -> None:
    cell = Expectation(
        "s",
        "llm-engineer",
        "senior",
        True,
        "Beta alpha. Alpha gamma. Delta.",
        examples=("An alpha.",),
    )
    skill = dataclasses.replace(TWO_ITEMS, expectations=(cell,))
    hits = searching.indexed_search(CATALOG, index_of(skill), "alpha", [], []).hits
    assert [(hit.text, hit.field, hit.place and hit.place.number) for hit in hits] == [
        ("Beta alpha.", "item", 1),
        ("Alpha gamma.", "item", 2),
        ("An alpha.", "example", None),
    ]
    assert len({hit.score for hit in hits}) == 1


@needs_fts5
def test_ties_order_skills_by_name_whatever_their_case() -> None:
    """Every hit of "a" scores 0 (the word is in most rows): skills by name, case aside."""
    names = [hit.skill.name for hit in indexed("a").hits if hit.field == "name"]
    assert names == sorted(names, key=str.casefold) and len(names) > 2


@needs_fts5
def test_every_group_reads_back_from_the_index_as_it_was_stored() -> None:
    """A cell's description, items and examples share one column, apart by a character
    data cannot hold; each comes back whole, an empty description and no examples too."""
    skills = [*CATALOG.skills(), TWO_ITEMS]
    for skill in skills:
        groups = searching.index_groups(skill)
        for stored, group in zip(
            textindex._stored(searching.index_groups, skill), groups, strict=True
        ):
            name, summary, body, _, _, role, level, given = stored
            assert textindex._group(name, summary, body, role, level, given) == group


@pytest.mark.parametrize("field", ["description", "example"])
def test_a_hit_that_is_no_item_has_no_number_and_no_level_to_count_from(field: str) -> None:
    cell = Expectation(
        "s", "llm-engineer", "senior", True, "Zebra herds.", ("Counts.",), examples=("Zebra.",)
    )
    skill = dataclasses.replace(TWO_ITEMS, expectations=(cell,))
    [hit] = [
        h for h in searching.search(CATALOG.framework, [skill], "zebra").hits if h.field == field
    ]
    assert hit.place is not None and hit.place.level.id == "senior"
    assert (hit.place.item, hit.place.number, hit.place.below) == (None, None, None)


def test_plain_text_folds_as_each_of_its_characters_would() -> None:
    """ASCII text is lowered at once; with one accent, every character is folded alone."""
    ascii_text = "".join(map(chr, range(128)))
    assert searching.fold(ascii_text) == searching.fold(ascii_text + "é")[:-1]
    assert searching.fold("Naïve ÉCOLE") == "naive ecole"
