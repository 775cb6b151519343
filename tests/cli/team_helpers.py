"""People of a team for the tests: each with their own state folder, sharing into one
team folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Invoke

# The first items of the bundled checklists the people below work on.
RAG_1 = "b5677e35"  # rag, LLM Engineer, Senior: "Designs production RAG architectures ..."
RAG_3 = "7c8a7d1b"  # rag, LLM Engineer, Senior: "Evaluates faithfulness ..."


def as_person(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, person: str) -> None:
    monkeypatch.setenv("SKILLPATH_HOME", str(tmp_path / f"home-{person}"))


def ok(result: object) -> None:
    assert result.exit_code == 0, (result.stdout, result.stderr)  # type: ignore[attr-defined]


def make_team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Invoke) -> Path:
    """ada (LLM Engineer, Middle: rag:1 covered with two pieces of evidence, rag:3 skipped)
    and bob (Data Scientist, Junior, nothing marked), shared into ``tmp_path/team``."""
    team = tmp_path / "team"
    as_person(tmp_path, monkeypatch, "ada")
    ok(invoke("profile", "set", "--role", "llm", "--level", "middle"))
    ok(invoke("done", "rag:1", "--note", "Query rewriting", "--link", "https://git.example/pr/1",
              "--date", "2026-11-02"))  # fmt: skip
    ok(invoke("done", "rag:1", "--note", "Team demo", "--date", "2026-11-20"))
    ok(invoke("skip", "rag:3", "--reason", "We use a hosted search service"))
    ok(invoke("share", str(team), "--as", "ada", "--name", "Ada Lovelace"))
    as_person(tmp_path, monkeypatch, "bob")
    ok(invoke("profile", "set", "--role", "ds", "--level", "junior"))
    ok(invoke("share", str(team), "--as", "bob"))
    return team
