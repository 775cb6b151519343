"""Tab completion: skill ids, role and level names from the data, through the shell protocol."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from skillpath.cli import app as cli
from skillpath.cli import options


def complete(line: str) -> list[str]:
    """What bash would offer for the last word of ``line``."""
    words = line.split(" ")
    env = {
        "_SKILLPATH_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
    }
    result = CliRunner().invoke(cli.app, [], env=env, prog_name="skillpath")
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("skillpath show de", ["deep-learning"]),
        ("skillpath show r", ["rag", "responsible-ai", "rl-post-training"]),
        ("skillpath show rag --role llm", ["llm-engineer", "llm", "llme"]),
        ("skillpath next --role ds --level s", ["senior", "sr"]),
        ("skillpath next --role ds --level mid inf", ["inference-optimization"]),
    ],
)
def test_completion_offers_names_from_the_data(line: str, offered: list[str]) -> None:
    assert complete(line) == offered


def test_completion_is_silent_when_the_data_is_broken(data_dir) -> None:
    (data_dir / "framework.yaml").write_text("levels: [\n", encoding="utf-8")
    no_options = SimpleNamespace(params={})
    assert options.complete_level(no_options, "s") == []  # type: ignore[arg-type]
    assert options.complete_role(no_options, "") == []  # type: ignore[arg-type]


def test_completion_can_be_installed_for_each_shell() -> None:
    for shell in ("bash", "zsh", "fish"):
        result = CliRunner().invoke(cli.app, ["--show-completion", shell], prog_name="skillpath")
        assert result.exit_code == 0
        assert "_SKILLPATH_COMPLETE" in result.stdout


def test_done_completes_the_numbers_and_ids_of_the_checklist_in_effect(invoke) -> None:
    invoke("profile", "set", "--role", "llm", "--level", "mid")
    assert complete("skillpath done rag:") == ["rag:1", "rag:2", "rag:3"]
    assert complete("skillpath skip --level senior rag:") == ["rag:1", "rag:2", "rag:3", "rag:4"]
    assert "b5677e35" in complete("skillpath start b5")
    assert complete("skillpath undo rag#") == ["rag#1", "rag#2", "rag#3"]  # bash splits at ":"
