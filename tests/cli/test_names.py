"""Names as a user types them: case, spaces, dashes and underscores do not count at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillpath.errors import MAX_KNOWN_LISTED, DataError
from skillpath.loading import Catalog
from tests.conftest import BUNDLED, Invoke


@pytest.mark.parametrize(
    "args",
    [
        ["show", "deeplearning"],
        ["show", "Deep_Learning"],
        ["show", "DEEP LEARNING"],
        ["show", "deep-learning", "--level", "teamlead"],
        ["show", "deep-learning", "--level", "Team Lead"],
        ["show", "deep-learning", "--role", "llm_engineer"],
        ["show", "deep-learning", "--role", "llmengineer"],
        ["next", "--role", "DataScientist", "--level", "mid", "deeplearning"],
    ],
)
def test_names_ignore_case_spaces_dashes_and_underscores(invoke_json, args: list[str]) -> None:
    shown = invoke_json(*args)
    assert shown["skill" if args[0] == "show" else "role"]


def test_a_folded_level_and_role_name_picks_the_same_cells(invoke_json) -> None:
    folded = invoke_json("show", "deeplearning", "--level", "teamlead", "--role", "llm_engineer")
    spelled = invoke_json("show", "deep-learning", "--level", "lead", "--role", "llm-engineer")
    assert folded == spelled


def test_two_skill_ids_that_read_alike_are_a_data_problem(data_dir: Path, invoke: Invoke) -> None:
    rag = (data_dir / "skills" / "rag.yaml").read_text(encoding="utf-8")
    clash = data_dir / "skills" / "r-a-g.yaml"
    clash.write_text(rag.replace("id: rag", "id: r-a-g", 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        Catalog(data_dir).skill_ids  # noqa: B018 - reading the ids is what is checked
    assert "read as one name" in caught.value.message
    result = invoke("show", "rag")
    assert result.exit_code == 1
    assert "r-a-g" in result.stderr and "rag" in result.stderr
    assert "Traceback" not in result.stderr
    report = invoke("validate")
    assert report.exit_code == 1
    assert "read as one name" in report.stdout


def test_a_name_that_several_skills_share_asks_for_an_id(data_dir: Path, invoke: Invoke) -> None:
    rag = (data_dir / "skills" / "rag.yaml").read_text(encoding="utf-8")
    copy = data_dir / "skills" / "rag-copy.yaml"
    copy.write_text(rag.replace("id: rag", "id: rag-copy", 1), encoding="utf-8")
    result = invoke("show", "retrieval augmented generation")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: 2 skills are named 'retrieval augmented generation': rag, rag-copy; give an id\n"
    )
    assert invoke("show", "rag-copy").exit_code == 0  # an id is one skill


def test_a_role_alias_that_reads_like_another_role_is_a_data_problem(
    data_dir: Path, invoke: Invoke
) -> None:
    framework = data_dir / "framework.yaml"
    text = framework.read_text(encoding="utf-8")
    framework.write_text(text.replace("aliases: [ds]", "aliases: [ds, llm_engineer]", 1), "utf-8")
    result = invoke("roles")
    assert result.exit_code == 1
    assert "'LLM Engineer' already names the role 'data-scientist'" in result.stderr


def test_an_unknown_skill_among_many_names_a_few_of_them(team: Path, invoke: Invoke) -> None:
    """With nothing close, the message names the first known skills and counts the rest,
    rather than every skill of a team's framework on one line."""
    result = invoke("show", "zzzz", "-d", str(team))
    assert result.exit_code == 2 and result.stdout == ""
    known = Catalog(BUNDLED, team).skill_ids
    assert len(known) > MAX_KNOWN_LISTED
    listed = ", ".join(known[:MAX_KNOWN_LISTED])
    rest = len(known) - MAX_KNOWN_LISTED
    assert result.stderr == f"error: no skill 'zzzz'; known skills: {listed} and {rest} more\n"
