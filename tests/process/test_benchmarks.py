"""The benchmarks run (their numbers are read by people, not asserted: see benchmarks/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent.parent / "benchmarks"


def test_the_scale_benchmark_runs_on_a_tiny_folder() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "scale.py"), "--sizes", "3", "--runs", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert "3 skills" in lines
    for command in ("list --json", "show ONE --json", "next (all skills)", "search attention"):
        assert any(line.startswith(command) for line in lines), command
