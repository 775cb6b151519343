"""`list --role R`: the skills a role has, with that role's required and optional cells."""

from __future__ import annotations

import csv
import io
import json

import jsonschema

from skillpath import schemas
from tests.conftest import Invoke


def test_json_counts_only_the_roles_cells(invoke_json) -> None:
    every = {s["id"]: s for s in invoke_json("list")["skills"]}
    answer = invoke_json("list", "--role", "LLM Engineer")
    assert answer["roles"] == [{"id": "llm-engineer", "name": "LLM Engineer"}]
    listed = answer["skills"]
    assert listed and all(s["roles"] == answer["roles"] for s in listed)
    assert {s["id"] for s in listed} == {
        skill_id for skill_id, s in every.items() if "llm-engineer" in {r["id"] for r in s["roles"]}
    }
    rag = next(s for s in listed if s["id"] == "rag")
    assert rag["summary"] == {"roles": 1, "levels": 5, "required": 4, "optional": 1}  # to Lead
    deep = next(s for s in listed if s["id"] == "deep-learning")
    assert deep["summary"] == {"roles": 1, "levels": 5, "required": 0, "optional": 5}
    assert every["deep-learning"]["summary"]["optional"] == 10


def test_without_role_every_role_is_counted(invoke_json) -> None:
    answer = invoke_json("list")
    assert [r["id"] for r in answer["roles"]] == [r["id"] for r in invoke_json("roles")["roles"]]


def test_json_follows_its_schema(invoke_json) -> None:
    jsonschema.validate(invoke_json("list", "--role", "ds"), json.loads(schemas.text("list")))


def test_table_names_the_role_and_its_counts(invoke: Invoke) -> None:
    result = invoke("list", "--role", "llm")
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Machine Learning & AI · 22 skills for LLM Engineer")
    rag = next(line for line in lines if line.startswith(" Retrieval-Augmented Generation"))
    assert rag.split()[-2:] == ["4", "1"]  # required Junior to Lead
    assert "Data Scientist" not in result.stdout


def test_csv_gives_only_the_roles_cells(invoke: Invoke) -> None:
    rows = list(csv.DictReader(io.StringIO(invoke("list", "-r", "ds", "--format", "csv").stdout)))
    assert rows and {row["role"] for row in rows} == {"data-scientist"}


def test_an_unknown_role_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("list", "--role", "llm-enginer")
    assert result.exit_code == 2
    assert "llm-engineer" in result.stderr and result.stdout == ""
