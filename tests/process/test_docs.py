"""Docs that cannot drift: the CLI reference is current, and every command has help and an
example; the README or a page of docs/ names every command."""

from __future__ import annotations

import pytest

from scripts import cli_reference, doc_examples

# The README and the pages of docs/ written by hand (the reference names every command anyway).
GUIDE = "\n".join(path.read_text(encoding="utf-8") for path in doc_examples.documents())


def test_the_cli_reference_is_up_to_date() -> None:
    assert cli_reference.TARGET.read_text(encoding="utf-8") == cli_reference.render(), (
        "docs/cli.md is out of date: run `python -m scripts.cli_reference`"
    )


@pytest.mark.parametrize("name", cli_reference.command_names())
def test_every_command_has_help_and_an_example(name: str) -> None:
    text = cli_reference.help_text(name)
    summary = text.split("\n\n")[1].strip()
    assert len(summary) > 20, f"{name} has no help"
    assert "Examples:" in text
    assert f"  skillpath {name}" in text.split("Examples:")[1], f"{name} has no example of itself"


@pytest.mark.parametrize("name", cli_reference.command_names())
def test_the_guide_shows_every_command(name: str) -> None:
    assert f"skillpath {name}" in GUIDE
