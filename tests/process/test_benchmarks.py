"""The benchmarks run (their numbers are read by people, not asserted: see benchmarks/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent.parent / "benchmarks"
pytestmark = pytest.mark.slow  # each runs a benchmark's processes


def test_the_scale_benchmark_runs_on_a_tiny_folder() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "scale.py"),
            "--sizes",
            "3",
            "--runs",
            "1",
            "--site",
            "4",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert "3 skills" in lines
    for command in ("list --json", "show ONE --json", "next (all skills)", "search attention"):
        assert any(line.startswith(command) for line in lines), command
    aims = [line.split(": ")[-1] for line in lines if line.startswith(("  next", "  search"))]
    assert len(aims) == 2 and set(aims) <= {"met", "not met"}  # issue 27's aim, judged
    [site] = [line.split() for line in lines if line.lstrip().startswith("4 ")]
    assert len(site) == 5 and float(site[1]) > 0  # skills, s, s per 1,000, peak, written


def test_the_startup_benchmark_compares_with_another_install() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "startup.py"),
            "--runs",
            "1",
            "--against",
            sys.executable,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    header, *rows = done.stdout.splitlines()
    assert header.split()[-2:] == ["to", "against"]
    against = [row for row in rows if "(against)" in row]
    compared = [row for row in rows if row.startswith(("next --json", "show (table)"))]
    compared = [row for row in compared if row not in against]
    assert len(against) == 2 and len(compared) == 2
    # A command's own row ends with its ratio to the other install's: six columns in all.
    assert all(len(row.rsplit(maxsplit=5)) == 6 and row.endswith("x") for row in compared)


def test_the_team_benchmark_runs_on_a_tiny_team() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "team.py"), "--people", "4", "--runs", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert lines[0].startswith("4 people")
    for command in ("list --json", "team TEAM_DIR --json", "team TEAM_DIR --json, worked out"):
        assert any(line.startswith(command) for line in lines), command
