"""job and interview as a user runs them: Markdown by default, every format, clear errors."""

from __future__ import annotations

import csv
import io
import json

from tests.conftest import Invoke


def test_job_writes_a_markdown_job_description_by_default(invoke: Invoke) -> None:
    result = invoke("job", "--role", "LLM Engineer", "--level", "senior")
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "# Senior LLM Engineer"
    required = lines.index("## What the role requires")
    optional = lines.index("## Also valued")
    assert required < lines.index("### Retrieval-Augmented Generation") < optional
    assert lines.index("### Deep Learning") > optional
    assert lines[-1] == "The next level is Lead."


def test_job_json_lists_required_skills_first(invoke_json) -> None:
    answer = invoke_json("job", "-r", "ds", "-l", "mid")
    flags = [entry["cell"]["required"] for entry in answer["skills"]]
    assert flags == sorted(flags, reverse=True)
    assert answer["summary"] == {
        "skills": len(flags),
        "required": flags.count(True),
        "optional": flags.count(False),
    }
    assert answer["level"]["id"] == "middle" and answer["next_level"]["id"] == "senior"


def test_job_needs_a_role_and_a_level(invoke: Invoke) -> None:
    missing = invoke("job", "--role", "llm")
    assert missing.exit_code == 2 and "--level" in missing.stderr and missing.stdout == ""
    unknown = invoke("job", "--role", "llm", "--level", "seniour")
    assert unknown.exit_code == 2
    assert unknown.stderr == "error: no level 'seniour'; did you mean 'senior' or 'junior'?\n"


def test_interview_kit_numbers_questions_and_lists_evidence(invoke: Invoke) -> None:
    result = invoke("interview", "-r", "llm", "-l", "senior", "rag")
    assert result.exit_code == 0 and result.stderr == ""
    text = result.stdout
    assert text.startswith("# Interview kit: LLM Engineer, Senior\n")
    assert "## Retrieval-Augmented Generation (required)" in text
    assert "\n1. *Behavioral:* Tell me about a RAG design you chose over an alternative" in text
    assert "\n2. *Scenario:* How would you enforce document permissions" in text
    assert "\n   - A strong answer mentions filtering by tenant" in text
    assert "Listen for evidence such as:" in text


def test_interview_as_a_table_and_as_csv(invoke: Invoke) -> None:
    table = invoke("interview", "-r", "llm", "-l", "senior", "rag", "--format", "table")
    assert table.exit_code == 0
    assert table.stdout.startswith("Interview kit · LLM Engineer · Senior\n")
    assert "  2. Scenario: How would you enforce" in table.stdout
    assert "     A strong answer mentions filtering by tenant" in table.stdout
    rows = list(
        csv.DictReader(
            io.StringIO(invoke("interview", "-r", "llm", "-l", "senior", "rag", "-f", "csv").stdout)
        )
    )
    assert {row["kind"] for row in rows} == {"question", "evidence"}
    assert {row["skill"] for row in rows} == {"rag"}


def test_interview_json_and_its_errors(invoke: Invoke, invoke_json) -> None:
    answer = invoke_json("interview", "-r", "llm", "-l", "senior", "rag", "deep-learning")
    assert [s["id"] for s in answer["skills"]] == ["rag", "deep-learning"]
    assert answer["summary"]["prompts"] == 0
    wrong = invoke("interview", "-r", "llm", "-l", "senior", "deep-lerning")
    assert wrong.exit_code == 2
    assert wrong.stderr == "error: no skill 'deep-lerning'; did you mean 'deep-learning'?\n"


def test_a_cell_of_items_only_is_described_by_its_items(invoke: Invoke, tmp_path) -> None:
    folder = tmp_path / "own"
    (folder / "skills").mkdir(parents=True)
    (folder / "framework.yaml").write_text(
        "name: Ops\nbundled: false\nlevels:\n  - {id: l1, name: L1}\n  - {id: l2, name: L2}\n"
        "roles:\n  - {id: sre, name: SRE}\n",
        encoding="utf-8",
    )
    (folder / "skills" / "oncall.yaml").write_text(
        "id: oncall\nname: Oncall\ndomain: Ops\nexpectations:\n  sre:\n"
        "    l1: {required: true, items: [Runs the rota, Writes runbooks]}\n"
        "    l2: {required: true, description: Sets paging policy.}\n",
        encoding="utf-8",
    )
    job = invoke("job", "-d", str(folder), "-r", "sre", "-l", "l1")
    assert job.exit_code == 0 and "\nRuns the rota · Writes runbooks\n" in job.stdout
    kit = invoke("interview", "-d", str(folder), "-r", "sre", "-l", "l1", "--json")
    (section,) = json.loads(kit.stdout)["skills"]
    assert section["description"] == ""
    assert [q["prompt"] for q in section["questions"]] == [True, True]
