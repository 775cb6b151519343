"""Name resolution and the queries, as properties over the bundled framework and as examples."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skillpath import ladder, names
from skillpath.errors import UnknownNameError, UsageError
from skillpath.loading import Catalog
from skillpath.model import item_id, split_sentences
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
