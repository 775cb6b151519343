"""Search: FTS5 where SQLite has it, a scan where not, answering the same queries."""

from __future__ import annotations

import dataclasses

import pytest

from skillpath import search as searching
from skillpath.errors import UsageError
from skillpath.loading import Catalog, textindex
from skillpath.model import Expectation, Skill
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
            hit.cell.role if hit.cell else "",
            hit.cell.level if hit.cell else "",
            hit.text,
            hit.spans,
        )
        for hit in result.hits
    )


def indexed(query: str, roles: list[str] = [], levels: list[str] = []) -> searching.SearchResult:  # noqa: B006
    index = CATALOG.text_index(searching.index_rows)
    assert index is not None
    return searching.indexed_search(CATALOG, index, query, roles, levels)


@needs_fts5
@pytest.mark.parametrize("query", QUERIES)
def test_the_index_and_the_scan_find_the_same_texts_and_mark_the_same_words(query: str) -> None:
    assert found(indexed(query)) == found(searching.search(CATALOG.skills(), query))


@needs_fts5
@pytest.mark.parametrize("query", QUERIES)
def test_an_indexed_hit_is_placed_as_a_scanned_one(query: str) -> None:
    """The index's rows carry a hit's field, item number and id: the same as the scan
    finds by going through the skill's texts again."""
    framework = CATALOG.framework
    scanned = searching.search(CATALOG.skills(), query)
    placed = [searching.placed(framework, hit) for hit in scanned.hits]
    assert all(hit.place for hit in placed if hit.cell)
    assert unscored(indexed(query).hits) == unscored(placed)


def unscored(hits) -> list[searching.Hit]:
    return sorted(
        (dataclasses.replace(hit, score=0.0) for hit in hits),
        key=lambda hit: (hit.skill.id, repr(hit.cell), hit.text, hit.field),
    )


def test_an_item_s_number_is_that_of_the_first_item_with_its_text() -> None:
    cell = Expectation("s", "llm-engineer", "senior", True, "", given_items=("A.", "B.", "A."))
    skill = Skill("s", "S", "d", None, "", (cell,))
    rows = searching.index_rows(skill)
    assert [(field, number) for *_, field, number, _ in rows] == [
        ("name", None),
        ("item", 1),
        ("item", 2),
        ("item", 1),
    ]
    assert rows[3][-1] == cell.items[0].id


@needs_fts5
def test_the_index_and_the_scan_narrow_alike() -> None:
    query, roles, levels = "model", ["llm-engineer"], ["senior", "lead"]
    narrowed = indexed(query, roles, levels)
    assert found(narrowed) == found(searching.search(CATALOG.skills(), query, roles, levels))
    assert {(h.cell.role, h.cell.level) for h in narrowed.hits if h.cell} == {
        ("llm-engineer", "senior"),
        ("llm-engineer", "lead"),
    }
    assert all(hit.cell for hit in narrowed.hits)  # names are not narrowed by role


def test_a_quoted_phrase_matches_its_words_in_order() -> None:
    result = searching.search(CATALOG.skills(), '"mixture of experts"')
    texts = [hit.text.lower().replace("-", " ") for hit in result.hits]
    assert texts and all("mixture of experts" in text for text in texts)
    assert any("mixture-of-experts" in hit.text for hit in result.hits)  # punctuation between
    assert searching.search(CATALOG.skills(), '"experts of mixture"').hits == ()
    assert searching.query_words('"Mixture of  Experts" routing') == (
        "mixture of experts",
        "routing",
    )


def test_a_word_matches_the_start_of_words_and_marks_the_whole_word() -> None:
    result = searching.search(CATALOG.skills(), "evaluat")
    marked = {hit.text[start:end].lower() for hit in result.hits for start, end in hit.spans}
    assert {"evaluation", "evaluates"} <= marked
    assert all(word.startswith("evaluat") for word in marked)


@needs_fts5
def test_names_rank_above_items_in_the_index() -> None:
    hits = indexed("fine-tuning").hits
    assert hits[0].cell is None and hits[0].skill.id == "fine-tuning"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_without_fts5_the_scan_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textindex, "fts5_available", lambda: False)
    assert CATALOG.text_index(searching.index_rows) is None
    answer = searching.search_for(CATALOG, ["vector", "database"])
    scanned = searching.search(CATALOG.skills(), "vector database")
    assert [(h.skill, h.cell, h.text, h.spans, h.score) for h in answer.hits] == [
        (h.skill, h.cell, h.text, h.spans, h.score) for h in scanned.hits
    ]
    assert all(hit.place for hit in answer.hits if hit.cell)


@pytest.mark.parametrize("query", ["", "  ", '""', "!!", '"'])
def test_a_query_without_words_is_a_usage_error(query: str) -> None:
    with pytest.raises(UsageError, match="at least one word"):
        searching.search_for(CATALOG, [query])


def test_the_marks_of_the_index_become_spans() -> None:
    assert searching.marked_spans("\x01Vector\x02 \x01databases\x02 grow") == [(0, 6), (7, 16)]
    assert searching.marked_spans("no marks") == []
    assert searching.marked_spans("a \x01b\x02\x01cd\x02 é \x01f\x02") == [(2, 3), (3, 5), (8, 9)]
