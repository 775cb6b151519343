"""Job descriptions and interview kits, from the bundled framework and from small data."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillpath.errors import UnknownNameError, UsageError
from skillpath.framework import hiring
from skillpath.loading import Catalog, open_catalog
from tests.conftest import BUNDLED

CATALOG = Catalog(BUNDLED)


def test_a_job_description_has_every_cell_of_the_role_at_the_level_required_first() -> None:
    job = hiring.job_description(CATALOG, "LLM Engineer", "sr")
    assert (job.role.id, job.level.id, job.next_level and job.next_level.id) == (
        "llm-engineer",
        "senior",
        "lead",
    )
    assert job.required and all(duty.cell.required for duty in job.required)
    assert job.optional and not any(duty.cell.required for duty in job.optional)
    expected = {
        skill.id
        for skill in CATALOG.skills()
        if skill.expectation("llm-engineer", "senior") is not None
    }
    shown = [duty.skill.id for duty in (*job.required, *job.optional)]
    assert sorted(shown) == sorted(expected)
    names = [duty.skill.name.casefold() for duty in job.required]
    assert names == sorted(names)


def test_at_the_top_a_job_description_has_no_next_level() -> None:
    assert hiring.job_description(CATALOG, "ds", "principal").next_level is None


def test_an_unknown_role_or_level_is_an_unknown_name() -> None:
    with pytest.raises(UnknownNameError):
        hiring.job_description(CATALOG, "llm", "seniour")
    with pytest.raises(UnknownNameError):
        hiring.interview_kit(CATALOG, "lm engineer", "senior")


def test_an_interview_kit_uses_the_cells_questions_and_evidence() -> None:
    kit = hiring.interview_kit(CATALOG, "llm", "senior", ["rag", "deep-learning"])
    assert [section.skill.id for section in kit.sections] == ["rag", "deep-learning"]
    rag = CATALOG.skill("rag").expectation("llm-engineer", "senior")
    assert rag is not None
    first = kit.sections[0]
    assert [(q.text, q.kind, q.strong_answer) for q in first.questions] == [
        (asked.text, asked.kind, asked.strong_answer) for asked in rag.questions
    ]
    assert not any(q.prompt for q in first.questions)
    assert first.evidence == rag.evidence
    assert kit.prompts == 0 and kit.questions == sum(len(s.questions) for s in kit.sections)


def test_a_named_skill_without_the_role_is_a_usage_error() -> None:
    without = next(s for s in CATALOG.skills() if "llm-engineer" not in s.role_ids)
    with pytest.raises(UsageError, match="has no expectations for LLM Engineer"):
        hiring.interview_kit(CATALOG, "llm", "senior", [without.id])


def test_a_cell_without_questions_gives_one_prompt_per_sentence(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    (folder / "skills").mkdir(parents=True)
    cells = "".join(
        f"    {level}:\n      required: {str(level == 'senior').lower()}\n"
        f"      description: Writes the {level} tests. Reviews the {level} pipelines.\n"
        for level in ("junior", "middle", "senior", "lead", "principal")
    )
    (folder / "skills" / "testing.yaml").write_text(
        f"id: testing\nname: Testing\ndomain: Engineering\nexpectations:\n  data-scientist:\n{cells}",
        encoding="utf-8",
    )
    catalog = open_catalog([folder])
    kit = hiring.interview_kit(catalog, "ds", "senior", ["testing"])
    (section,) = kit.sections
    assert [q.prompt for q in section.questions] == [True, True]
    assert section.questions[0].text.endswith("Writes the senior tests.")
    assert section.evidence == ()
    assert kit.prompts == 2
