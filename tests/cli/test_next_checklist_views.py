"""`next` as a Monday morning wants it: `--brief` (one line per item, cut to the terminal)
and `--format csv` as the checklist, both honouring `--todo` and `--required-only`, and a
message that names only the filters given."""

from __future__ import annotations

import csv
import io

from rich.cells import cell_len

from tests.conftest import Invoke

MIDDLE = ("--role", "llm", "--level", "mid")
CHECKLIST_COLUMNS = ["skill", "number", "id", "state", "required", "text"]


def checklist_rows(invoke: Invoke, *args: str, fmt: str = "csv") -> list[dict[str, str]]:
    result = invoke("next", *MIDDLE, *args, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    reader = csv.reader(io.StringIO(result.stdout), delimiter="\t" if fmt == "tsv" else ",")
    header, *rows = list(reader)
    assert header == CHECKLIST_COLUMNS
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_csv_is_the_checklist_one_row_per_item(invoke: Invoke, invoke_json) -> None:
    rows = checklist_rows(invoke)
    checklist = invoke_json("next", *MIDDLE)["checklist"]
    assert [(r["skill"], int(r["number"]), r["id"], r["text"]) for r in rows] == [
        (e["skill"], e["number"], e["id"], e["text"]) for e in checklist
    ]
    assert all(r["id"] and r["text"] for r in rows)
    assert {r["state"] for r in rows} == {"todo"}
    assert {r["required"] for r in rows} == {"true", "false"}


def test_csv_honours_todo_and_required_only(invoke: Invoke) -> None:
    assert invoke("done", "rag:1", *MIDDLE).exit_code == 0
    assert invoke("start", "rag:2", *MIDDLE).exit_code == 0
    every = checklist_rows(invoke, "rag")
    assert [(r["number"], r["state"]) for r in every] == [
        ("1", "done"),
        ("2", "started"),
        ("3", "todo"),
        ("4", "todo"),
    ]
    assert [r["number"] for r in checklist_rows(invoke, "rag", "--todo")] == ["2", "3", "4"]
    required = checklist_rows(invoke, "--required-only", fmt="tsv")
    assert required and {r["required"] for r in required} == {"true"}
    assert "deep-learning" not in {r["skill"] for r in required}


def test_csv_at_the_top_of_the_ladder_is_only_the_header(invoke: Invoke) -> None:
    out = invoke("next", "--role", "llm", "--level", "principal", "--format", "csv").stdout
    assert out == ",".join(CHECKLIST_COLUMNS) + "\n"


def test_brief_is_one_line_per_item_cut_to_the_terminal(invoke: Invoke, invoke_json) -> None:
    result = invoke("next", *MIDDLE, "--brief", columns=50)
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert all(cell_len(line) <= 50 for line in lines)
    answer = invoke_json("next", *MIDDLE)
    items = [line for line in lines if line.startswith("  ")]
    assert len(items) == len(answer["checklist"])
    first = answer["checklist"][0]
    assert items[0].startswith(f"  1. [ ] {first['id']} {first['text'][:10]}")
    assert items[0].endswith("…")
    skills = [s for s in answer["skills"] if s["next"]]
    start = lines.index(f"{skills[0]['name']} ({skills[0]['id']}) required")
    headings = [line for line in lines[start:] if not line.startswith("  ")]
    assert len(headings) == len(skills)


def test_brief_keeps_a_short_line_whole_and_shows_states(invoke: Invoke) -> None:
    assert invoke("done", "rag:1", *MIDDLE).exit_code == 0
    lines = invoke("next", *MIDDLE, "rag", "--brief", columns=200).stdout.splitlines()
    assert lines[2] == "Retrieval-Augmented Generation (rag) required"
    assert lines[3].startswith("  1. [x] b5677e35 Designs production RAG architectures")
    assert lines[3].endswith("source citations.")
    todo = invoke("next", *MIDDLE, "rag", "--brief", "--todo", columns=200).stdout
    assert "  1. [x]" not in todo and "  2. [ ]" in todo


def test_brief_changes_only_the_table(invoke: Invoke) -> None:
    for fmt in ("json", "csv", "markdown"):
        plain = invoke("next", *MIDDLE, "--format", fmt).stdout
        assert invoke("next", *MIDDLE, "--brief", "--format", fmt).stdout == plain


def test_nothing_left_names_only_the_filter_given(invoke: Invoke) -> None:
    out = invoke("next", *MIDDLE, "--required-only", "deep-learning", columns=200).stdout
    assert "hidden by --required-only (not required of the role)" in out
    assert "--todo" not in out
    for number in (1, 2, 3, 4):
        invoke("done", f"rag:{number}", *MIDDLE)
    out = invoke("next", *MIDDLE, "rag", "--todo", columns=200).stdout
    assert "hidden by --todo (everything covered or skipped)." in out
    assert "--required-only" not in out
    markdown = invoke("next", *MIDDLE, "rag", "--todo", "--format", "markdown").stdout
    assert "1 skill hidden by --todo (everything covered or skipped)." in markdown
