"""The bundled data itself: the seed page carried word for word, and every file sound."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from skillpath.framework.model import ID_PATTERN
from skillpath.loading import Catalog
from tests.conftest import BUNDLED, REPO

# The skill-profile page the Deep Learning skill comes from, kept as it was saved.
SEED = Path(__file__).parent.parent / "seed" / "deep-learning-profile.txt"
SHARED_SEED = REPO.parent / "shared" / "seeds" / "000_10026cd3a0d6e29a.txt"
LEVELS = ["junior", "middle", "senior", "lead", "principal"]
ROLE_IDS = {"Data Scientist": "data-scientist", "LLM Engineer": "llm-engineer"}
SKILL_FILES = sorted((BUNDLED / "skills").glob("*.yaml"))


def seed_cells(text: str) -> dict[tuple[str, str], str]:
    """The seed page's descriptions by (role, level): its five tables are the five levels.

    The page puts a Data Scientist's description in the Required column and leaves the
    LLM Engineer rows one column short, so the description is the one non-empty cell.
    """
    cells: dict[tuple[str, str], str] = {}
    tables = re.split(r"^\| Role \| Required \| Description \|$", text, flags=re.M)[1:]
    assert len(tables) == len(LEVELS)
    for level, table in zip(LEVELS, tables, strict=True):
        for line in table.splitlines():
            parts = [part.strip() for part in line.strip().strip("|").split("|")]
            if parts[0] in ROLE_IDS:
                [description] = [part for part in parts[1:] if part]
                cells[(ROLE_IDS[parts[0]], level)] = description
    return cells


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return Catalog(BUNDLED)


@pytest.mark.skipif(
    not SEED.exists(), reason="the seed page is kept beside the repository, in shared/"
)
def test_deep_learning_carries_the_seed_page_word_for_word(bundled: Catalog) -> None:
    text = SEED.read_text(encoding="utf-8")
    expected = seed_cells(text)
    skill = bundled.skill("deep-learning")
    assert len(expected) == 10
    assert {(cell.role, cell.level): cell.description for cell in skill.expectations} == expected
    # "Mandatory requirements 0, the other 10 optional"
    assert "Mandatory requirements\n0\nthe other 10 optional" in text
    assert not any(cell.required for cell in skill.expectations)
    assert (skill.name, skill.domain, skill.updated.isoformat() if skill.updated else None) == (
        "Deep Learning",
        "Machine Learning & AI",
        "2026-02-22",
    )
    assert "Deep Learning\n2/22/2026" in text


def test_deep_learning_items_are_the_seed_sentences(bundled: Catalog) -> None:
    cell = bundled.skill("deep-learning").expectation("data-scientist", "junior")
    assert cell is not None
    assert [item.text for item in cell.items] == [
        "Understands basic neural network architectures: MLP, CNN, RNN/LSTM and their applications.",
        "Knows components: layers, activations, optimizers, loss functions.",
        "Creates simple architectures in PyTorch/Keras for typical classification and regression tasks.",
    ]


def test_framework_has_the_ladder_and_roles(bundled: Catalog) -> None:
    framework = bundled.framework
    assert [level.id for level in framework.levels] == LEVELS
    assert {"data-scientist", "llm-engineer"} <= {role.id for role in framework.roles}
    for entry in (*framework.levels, *framework.roles):
        assert entry.summary, f"{entry.id} has no summary"


def test_there_are_bundled_skills() -> None:
    assert SKILL_FILES


@pytest.mark.parametrize("path", SKILL_FILES, ids=lambda path: path.stem)
def test_every_bundled_skill_is_whole_and_sound(bundled: Catalog, path: Path) -> None:
    skill = bundled.skill(path.stem)  # loading checks types, keys and ids
    assert skill.id == path.stem
    assert ID_PATTERN.fullmatch(skill.id)
    assert skill.updated is not None
    assert skill.source
    assert skill.role_ids
    for role in skill.role_ids:
        levels = [cell.level for cell in skill.expectations if cell.role == role]
        assert levels == LEVELS, f"{skill.id}: {role} does not cover every level"
    for cell in skill.expectations:
        assert cell.items, f"{skill.id}: {cell.role}/{cell.level} has no items"
        ids = [item.id for item in cell.items]
        assert len(ids) == len(set(ids))


def test_item_ids_are_unique_across_the_bundled_data(bundled: Catalog) -> None:
    ids = [
        item.id for skill in bundled.skills() for cell in skill.expectations for item in cell.items
    ]
    assert len(ids) == len(set(ids))


def test_skill_ids_and_names_are_unique(bundled: Catalog) -> None:
    skills = bundled.skills()
    assert len({skill.id for skill in skills}) == len(skills)
    assert len({skill.name.casefold() for skill in skills}) == len(skills)


@pytest.mark.parametrize(
    "path", [BUNDLED / "framework.yaml", *SKILL_FILES], ids=lambda path: path.name
)
def test_bundled_files_are_plain_safe_yaml(path: Path) -> None:
    # No tags, anchors or aliases: the files stay readable by any YAML tool a team uses.
    text = path.read_text(encoding="utf-8")
    assert isinstance(yaml.safe_load(text), dict)
    kinds = {type(token) for token in yaml.scan(text, Loader=yaml.SafeLoader)}
    assert not kinds & {yaml.AnchorToken, yaml.AliasToken, yaml.TagToken}
