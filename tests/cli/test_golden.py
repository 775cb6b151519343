"""Whole renderings where the output is the contract: a fixed 80-column terminal, no colour.

To accept a deliberate change of layout, run ``python -m tests.cli.test_golden`` and review
the diff of ``tests/golden/``; the test itself only ever compares.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Invoke

GOLDEN = Path(__file__).parent.parent / "golden"

CASES = {
    "show-deep-learning.txt": ["show", "deep-learning"],
    "show-deep-learning-120.txt": [
        "show",
        "deep-learning",
        "--level",
        "junior",
        "--level",
        "middle",
    ],
    "next-llm-engineer-middle.txt": [
        "next",
        "--role",
        "LLM Engineer",
        "--level",
        "middle",
        "deep-learning",
    ],
    "show-deep-learning.json": ["show", "deep-learning", "--json"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_the_golden_file(invoke: Invoke, name: str) -> None:
    columns = 120 if "-120" in name else 80
    result = invoke(*CASES[name], columns=columns)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == (GOLDEN / name).read_text(encoding="utf-8")


def rewrite_goldens() -> None:
    """Write every golden file afresh from the current code, with the test's terminal."""
    from typer.testing import CliRunner

    from skillpath.cli.app import app
    from tests.conftest import TERMINAL

    for name, args in CASES.items():
        columns = 120 if "-120" in name else 80
        result = CliRunner(env={**TERMINAL, "COLUMNS": str(columns)}).invoke(app, args)
        assert result.exit_code == 0, result.stderr
        (GOLDEN / name).write_text(result.stdout, encoding="utf-8")


if __name__ == "__main__":
    rewrite_goldens()
