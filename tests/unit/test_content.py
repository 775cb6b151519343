"""The bundled Machine Learning & AI framework as content: broad, distinct and consistent."""

from __future__ import annotations

import difflib
import itertools
from collections import Counter

import pytest

from skillpath.framework.model import Skill
from skillpath.loading import Catalog
from tests.conftest import BUNDLED, REPO

CATALOG = Catalog(BUNDLED)
SKILLS = CATALOG.skills()
WRITTEN_HERE = [
    skill for skill in SKILLS if skill.id != "deep-learning"
]  # Deep Learning is the seed's
# docs/required-cells.md: a core skill is required from its first level to its last, both
# included; below and above it, optional. The legal baseline is in the table for every role.
CORE = {
    "data-scientist": {
        "statistics-experimentation": ("Junior", "Principal"),
        "communication-stakeholders": ("Junior", "Principal"),
        "ml-fundamentals": ("Junior", "Lead"),
        "data-preparation": ("Junior", "Lead"),
        "model-evaluation": ("Junior", "Lead"),
        "responsible-ai": ("Junior", "Principal"),
    },
    "llm-engineer": {
        "llm-evaluation-safety": ("Junior", "Principal"),
        "communication-stakeholders": ("Junior", "Principal"),
        "software-engineering-ml": ("Junior", "Lead"),
        "prompt-engineering": ("Junior", "Lead"),
        "rag": ("Junior", "Lead"),
        "agents-tool-use": ("Middle", "Lead"),
        "mlops": ("Senior", "Lead"),
        "fine-tuning": ("Senior", "Lead"),
        "responsible-ai": ("Junior", "Principal"),
    },
    "ml-engineer": {
        "mlops": ("Junior", "Principal"),
        "software-engineering-ml": ("Junior", "Principal"),
        "ml-fundamentals": ("Junior", "Lead"),
        "data-preparation": ("Junior", "Lead"),
        "model-evaluation": ("Junior", "Lead"),
        "inference-optimization": ("Middle", "Lead"),
        "responsible-ai": ("Junior", "Principal"),
    },
}
LEGAL_BASELINE = "responsible-ai"  # required at every level of every role


def skills_with(role: str) -> list[Skill]:
    return [skill for skill in SKILLS if role in skill.role_ids]


def test_the_framework_is_broad() -> None:
    assert len(WRITTEN_HERE) >= 12
    assert {skill.domain for skill in SKILLS} == {"Machine Learning & AI"}
    assert len(skills_with("data-scientist")) >= 10
    assert len(skills_with("llm-engineer")) >= 10
    assert skills_with("ml-engineer")
    assert any(len(skill.role_ids) == 1 for skill in SKILLS)


@pytest.mark.parametrize("skill", WRITTEN_HERE, ids=lambda skill: skill.id)
def test_each_cell_is_two_to_four_sentences_of_sensible_length(skill: Skill) -> None:
    for cell in skill.expectations:
        where = f"{skill.id} {cell.role}/{cell.level}"
        assert 2 <= len(cell.items) <= 4, where
        assert 120 <= len(cell.description) <= 480, where
        assert cell.description.isascii(), where


def test_no_sentence_is_repeated_anywhere() -> None:
    sentences = Counter(
        item.text.casefold()
        for skill in SKILLS
        for cell in skill.expectations
        for item in cell.items
    )
    assert [text for text, count in sentences.items() if count > 1] == []


@pytest.mark.parametrize("skill", SKILLS, ids=lambda skill: skill.id)
def test_each_level_says_something_new(skill: Skill) -> None:
    framework = CATALOG.framework
    for role in skill.role_ids:
        texts = [
            cell.description
            for level in framework.levels
            if (cell := skill.expectation(role, level.id))
        ]
        for lower, upper in itertools.pairwise(texts):
            assert difflib.SequenceMatcher(None, lower, upper).ratio() < 0.6, f"{skill.id} {role}"


def _required_levels(skill_id: str, role: str) -> set[str]:
    span = CORE.get(role, {}).get(skill_id)
    if span is None:
        return set()
    names = [level.name for level in CATALOG.framework.levels]
    first, last = (names.index(name) for name in span)
    return {level.id for level in CATALOG.framework.levels[first : last + 1]}


@pytest.mark.parametrize("skill", WRITTEN_HERE, ids=lambda skill: skill.id)
def test_required_cells_follow_the_documented_rule(skill: Skill) -> None:
    for cell in skill.expectations:
        expected = cell.level in _required_levels(skill.id, cell.role)
        assert cell.required == expected, f"{skill.id} {cell.role}/{cell.level}"


def test_the_legal_baseline_is_in_every_role_at_every_level() -> None:
    for role in CORE:
        assert CORE[role][LEGAL_BASELINE] == ("Junior", "Principal"), role


def test_the_required_rule_is_documented() -> None:
    text = (REPO / "docs" / "required-cells.md").read_text(encoding="utf-8")
    for role, skills in CORE.items():
        name = CATALOG.framework.role(role).name
        rows = {
            parts[1]: parts[2]
            for line in text.splitlines()
            if line.startswith(f"| {name} |")
            and (parts := [part.strip() for part in line.strip().strip("|").split("|")])
        }
        assert rows == {
            skill_id: f"{first} to {last}" for skill_id, (first, last) in skills.items()
        }


def test_every_skill_says_where_it_comes_from() -> None:
    assert CATALOG.skill("deep-learning").source.startswith('skill-profile page "Deep Learning"')
    assert all(skill.source.startswith("skillpath project") for skill in WRITTEN_HERE)
