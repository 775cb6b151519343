"""Name resolution and the queries, as properties over the bundled framework and as examples."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skillpath.errors import UnknownNameError, UsageError
from skillpath.framework import ladder, names
from skillpath.framework.model import item_id, split_sentences
from skillpath.loading import Catalog
from tests.conftest import BUNDLED

CATALOG = Catalog(BUNDLED)
FRAMEWORK = CATALOG.framework
LEVEL_LABELS = [
    (level, label) for level in FRAMEWORK.levels for label in (level.id, level.name, *level.aliases)
]
ROLE_LABELS = [
    (role, label) for role in FRAMEWORK.roles for label in (role.id, role.name, *role.aliases)
]


def respell(label: str, data: st.DataObject) -> str:
    """The same name as a person might type it: any case, spaces for dashes and back."""
    cased = "".join(data.draw(st.sampled_from([ch.lower(), ch.upper()])) for ch in label)
    separator = data.draw(st.sampled_from([" ", "-", "_", "  "]))
    return " " * data.draw(st.integers(0, 2)) + cased.replace("-", separator).replace(
        " ", separator
    )


@given(st.sampled_from(LEVEL_LABELS), st.data())
def test_every_level_label_resolves_however_it_is_typed(entry, data) -> None:
    level, label = entry
    assert names.resolve_level(FRAMEWORK, respell(label, data)) == level


@given(st.sampled_from(ROLE_LABELS), st.data())
def test_every_role_label_resolves_however_it_is_typed(entry, data) -> None:
    role, label = entry
    assert names.resolve_role(FRAMEWORK, respell(label, data)) == role


@given(st.text(max_size=30))
def test_any_text_resolves_or_raises_an_unknown_name_error(text: str) -> None:
    try:
        names.resolve_role(FRAMEWORK, text)
    except UnknownNameError as error:
        assert error.kind == "role"
        assert set(error.suggestions) <= {role.id for role in FRAMEWORK.roles}
        assert error.message.startswith(f"no role {text!r}")


@pytest.mark.parametrize(
    "name", ["deep-learning", "Deep Learning", "DEEP LEARNING", "deep_learning"]
)
def test_skills_resolve_by_id_or_name(name: str) -> None:
    assert names.resolve_skill(CATALOG, name).id == "deep-learning"


def test_an_unknown_name_far_from_everything_lists_what_is_known() -> None:
    with pytest.raises(UnknownNameError) as caught:
        names.resolve_level(FRAMEWORK, "astronaut")
    assert caught.value.suggestions == ()
    assert (
        caught.value.message
        == "no level 'astronaut'; known levels: junior, middle, senior, lead, principal"
    )


def test_the_next_level_is_the_one_above() -> None:
    role = names.resolve_role(FRAMEWORK, "ds")
    for lower, upper in zip(FRAMEWORK.levels, FRAMEWORK.levels[1:], strict=False):
        answer = ladder.next_steps(CATALOG, role, lower)
        assert answer.target == upper
        assert all(step.next is None or step.next.level == upper.id for step in answer.steps)
    assert ladder.next_steps(CATALOG, role, FRAMEWORK.levels[-1]).at_top


def test_matrix_refuses_a_role_the_skill_does_not_have() -> None:
    skill = CATALOG.skill("deep-learning")
    stranger = type(FRAMEWORK.roles[0])("astronaut", "Astronaut")
    with pytest.raises(UsageError, match="Deep Learning has no expectations for Astronaut"):
        ladder.matrix(FRAMEWORK, skill, [stranger])


# -- items ---------------------------------------------------------------------------------


def test_sentences_split_at_full_stops_but_not_at_abbreviations() -> None:
    text = "Uses tools, e.g. PyTorch and JAX. Knows U-Net vs. ResNet trade-offs.  Ships it!"
    assert split_sentences(text) == (
        "Uses tools, e.g. PyTorch and JAX.",
        "Knows U-Net vs. ResNet trade-offs.",
        "Ships it!",
    )


@given(
    st.lists(
        st.from_regex(r"[A-Z][a-z]{1,8}( [a-z]{1,8}){0,5}\.", fullmatch=True),
        min_size=1,
        max_size=5,
    )
)
def test_joined_sentences_split_back_into_the_same_sentences(sentences: list[str]) -> None:
    assert split_sentences(" ".join(sentences)) == tuple(sentences)


# The rule as first written: split at the white space after a mark, wherever it is.
# Item ids are made of the sentences, so the faster form must split exactly as this one.
PLAIN_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\betc\.)\s+(?=[A-Z0-9(\"'])"
)


def plainly_split(text: str) -> tuple[str, ...]:
    parts = (part.strip() for part in PLAIN_SENTENCE_END.split(" ".join(text.split())))
    return tuple(part for part in parts if part)


def test_sentences_split_as_the_plain_rule_splits_them() -> None:
    """Every word before a mark (the abbreviations, near misses), every mark, every white
    space and every opening of the next sentence, one after another."""
    words = ("", "a", "A", "e.g", "i.e", "vs", "etc", "xvs", "Etc", "ie", "e.g.", "vs.")
    marks = ("", ".", "!", "?", "..", ". .")
    spaces = ("", " ", "  ", "\n", "\t", "\u00a0")
    openings = ("", "B", "b", "0", "(", '"', "'", ".", "É")
    for parts in itertools.product(words, marks, spaces, openings):
        text = f"Start {''.join(parts)} end. Then {''.join(parts)}"
        assert split_sentences(text) == plainly_split(text), text


def test_item_ids_ignore_wrapping_and_case_but_not_words_or_place() -> None:
    base = item_id("deep-learning", "llm-engineer", "senior", "Conducts ablation studies.")
    assert (
        item_id("deep-learning", "llm-engineer", "senior", "  Conducts\n ablation   STUDIES. ")
        == base
    )
    assert item_id("deep-learning", "llm-engineer", "senior", "Conducts user studies.") != base
    assert item_id("deep-learning", "llm-engineer", "lead", "Conducts ablation studies.") != base
    assert (
        item_id("deep-learning", "data-scientist", "senior", "Conducts ablation studies.") != base
    )
    assert len(base) == 8


def test_item_ids_survive_reordering_of_the_data(tmp_path) -> None:
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(BUNDLED, copy)
    path = copy / "skills" / "deep-learning.yaml"
    text = path.read_text(encoding="utf-8")
    head, roles = text.split("expectations:\n")
    ds, llm = roles.split("  llm-engineer:\n")
    path.write_text(f"{head}expectations:\n  llm-engineer:\n{llm}{ds}", encoding="utf-8")

    def ids(catalog: Catalog) -> dict[tuple[str, str], list[str]]:
        return {
            (c.role, c.level): [i.id for i in c.items]
            for c in catalog.skill("deep-learning").expectations
        }

    assert ids(Catalog(copy)) == ids(CATALOG)
