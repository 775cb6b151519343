"""Whole renderings where the output is the contract: a fixed 80-column terminal, no colour.

To accept a deliberate change of layout, run ``SKILLPATH_UPDATE_GOLDEN=1 pytest
tests/test_golden.py`` and review the diff of ``tests/golden/``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import Invoke

GOLDEN = Path(__file__).parent / "golden"

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
    golden = GOLDEN / name
    if os.environ.get("SKILLPATH_UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")
