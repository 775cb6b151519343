"""Every format on every command: the same answer, in a shape each tool can take whole."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

from tests.conftest import Invoke

COMMANDS = [
    ["list"],
    ["show", "deep-learning"],
    ["next", "--role", "llm", "--level", "mid"],
    ["roles"],
    ["levels"],
]
PLAIN_FORMATS = ["json", "jsonl", "yaml", "csv", "tsv", "markdown"]
CELL_COLUMNS = [
    "skill", "name", "domain", "summary", "updated", "source", "notes",
    "role", "level", "required", "description", "item", "example", "evidence", "question",
    "question_kind", "strong_answer",
]  # fmt: skip


def cells_of(records: list[dict[str, str]]) -> list[dict[str, object]]:
    """The rows of an export grouped back into cells, in order."""
    cells: dict[tuple[str, str, str], dict[str, object]] = {}
    for r in records:
        cell = cells.setdefault(
            (r["skill"], r["role"], r["level"]),
            {"role": r["role"], "level": r["level"], "description": r["description"],
             "evidence": [], "questions": []},
        )  # fmt: skip
        if r["evidence"]:
            cell["evidence"].append(r["evidence"])  # type: ignore[attr-defined]
        if r["question"]:
            cell["questions"].append(  # type: ignore[attr-defined]
                {
                    "text": r["question"],
                    "kind": r["question_kind"] or None,
                    "strong_answer": r["strong_answer"] or None,
                }
            )
    return list(cells.values())


@pytest.mark.parametrize("fmt", PLAIN_FORMATS)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_plain_formats_carry_no_styling_and_ignore_the_terminal(
    invoke: Invoke, command: list[str], fmt: str
) -> None:
    narrow = invoke(*command, "--format", fmt, "--color", "always", columns=40)
    wide = invoke(*command, "--format", fmt, columns=300)
    assert narrow.exit_code == wide.exit_code == 0
    assert "\x1b" not in narrow.stdout
    assert narrow.stdout == wide.stdout
    assert "…" not in narrow.stdout


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_csv_and_tsv_are_a_row_per_line_of_each_cell_with_a_header(
    invoke: Invoke, invoke_json, fmt: str
) -> None:
    out = invoke("show", "deep-learning", "--format", fmt).stdout
    rows = list(csv.reader(io.StringIO(out), delimiter="\t" if fmt == "tsv" else ","))
    assert rows[0] == CELL_COLUMNS
    records = [dict(zip(CELL_COLUMNS, row, strict=True)) for row in rows[1:]]
    assert {(r["skill"], r["name"], r["required"]) for r in records} == {
        ("deep-learning", "Deep Learning", "false")
    }
    assert records[0]["updated"] == "2026-02-22" and records[1]["updated"] == ""
    shown = invoke_json("show", "deep-learning")["cells"]
    assert cells_of(records) == [
        {key: c[key] for key in ("role", "level", "description", "evidence", "questions")}
        for c in shown
    ]


def test_jsonl_is_one_object_per_row(invoke: Invoke, invoke_json) -> None:
    lines = invoke(
        "next", "--role", "llm", "--level", "mid", "--format", "jsonl"
    ).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    answer = invoke_json("next", "--role", "llm", "--level", "mid")
    # next's rows are its checklist, one object per item
    assert [(r["skill"], r["number"], r["id"]) for r in records] == [
        (e["skill"], e["number"], e["id"]) for e in answer["checklist"]
    ]
    assert all(
        list(record) == ["skill", "number", "id", "state", "required", "text"] for record in records
    )


def test_yaml_is_the_json_answer(invoke: Invoke, invoke_json) -> None:
    for command in COMMANDS:
        assert yaml.safe_load(invoke(*command, "--format", "yaml").stdout) == invoke_json(*command)


def test_list_rows_are_every_cell_of_every_skill(invoke: Invoke, invoke_json) -> None:
    rows = list(csv.DictReader(io.StringIO(invoke("list", "--format", "csv").stdout)))
    listed = invoke_json("list")["skills"]
    assert list(dict.fromkeys(row["skill"] for row in rows)) == [s["id"] for s in listed]
    deep = cells_of([row for row in rows if row["skill"] == "deep-learning"])
    assert len(deep) == 10 and {c["role"] for c in deep} == {"data-scientist", "llm-engineer"}


def test_search_rows_tell_a_name_from_an_item_and_an_example(invoke: Invoke, invoke_json) -> None:
    """Every hit's field, as JSON gives it: a name, a summary, an item, a description or
    an example, which the other columns cannot tell apart."""
    rows = list(csv.DictReader(io.StringIO(invoke("search", "rag", "--format", "csv").stdout)))
    hits = invoke_json("search", "rag")["hits"]
    assert [row["field"] for row in rows] == [hit["field"] for hit in hits]
    levels = [(hit["from_level"] or {}).get("id", "") for hit in hits]
    assert [row["from_level"] for row in rows] == levels and "senior" in levels
    assert {"name", "item"} <= {row["field"] for row in rows}


def test_markdown_of_show_has_a_heading_and_a_table_per_role(invoke: Invoke) -> None:
    out = invoke("show", "deep-learning", "--format", "markdown").stdout
    lines = out.splitlines()
    assert lines[0] == "# Deep Learning"
    assert "## Data Scientist" in lines and "## LLM Engineer" in lines
    assert lines.count("| Level | Required | Expectation |") == 2
    assert "| Junior | optional | Understands basic neural network architectures:" in out


def test_markdown_of_next_is_a_checklist(invoke: Invoke, invoke_json) -> None:
    out = invoke("next", "--role", "llm", "--level", "mid", "--format", "markdown").stdout
    answer = invoke_json("next", "--role", "llm", "--level", "mid")
    boxes = [line for line in out.splitlines() if line.startswith("- [ ] ")]
    assert len(boxes) == answer["summary"]["items"]
    assert out.startswith("# LLM Engineer: Middle to Senior\n")


def test_markdown_escapes_pipes_in_cells(invoke: Invoke, data_dir) -> None:
    path = data_dir / "skills" / "rag.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Knows the RAG flow", "Knows the RAG | flow", 1),
        encoding="utf-8",
    )
    out = invoke("show", "rag", "--format", "markdown").stdout
    assert "Knows the RAG \\| flow" in out


@pytest.mark.parametrize("fmt", ["JSON", "Csv", "markdown"])
def test_format_names_ignore_case(invoke: Invoke, fmt: str) -> None:
    assert invoke("levels", "--format", fmt).exit_code == 0


def test_color_always_styles_a_piped_table_and_never_does_not() -> None:
    assert "\x1b[" in invoke_with_env({"NO_COLOR": None}, "levels", "--color", "always")
    assert "\x1b[" not in invoke_with_env({"NO_COLOR": None}, "levels", "--color", "never")
    assert "\x1b[" not in invoke_with_env({"NO_COLOR": None}, "levels")  # piped: auto is off


def test_no_color_takes_the_colour_out_even_when_forced() -> None:
    out = invoke_with_env({"NO_COLOR": "1"}, "show", "rag", "--color", "always")
    assert "\x1b[33m" not in out and "\x1b[1;33m" not in out  # the yellow of "required"


def invoke_with_env(env: dict[str, str | None], *args: str) -> str:
    from typer.testing import CliRunner

    from skillpath.cli.app import app
    from tests.conftest import TERMINAL

    result = CliRunner(env={**TERMINAL, "TERM": "xterm-256color", **env}).invoke(
        app, list(args), catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("columns", ["0", "-5", "abc", "10"])
def test_a_bogus_or_tiny_terminal_width_still_shows_everything(columns: str) -> None:
    from typer.testing import CliRunner

    from skillpath.cli.app import app

    result = CliRunner(env={"COLUMNS": columns, "NO_COLOR": "1"}).invoke(
        app, ["show", "rag", "-l", "jr"]
    )
    assert result.exit_code == 0
    assert "by hand." in result.stdout
