"""How long skillpath takes to answer, as a ratio to the time Python takes to import Typer.

Run it with the interpreter skillpath is installed in:

    python benchmarks/startup.py [--runs 30] [--against OTHER_PYTHON]

Each round runs every command once, in turn, so that a busy machine slows them alike; the
ratios of the medians are what to read, not the absolute times. ``--against`` runs the same
commands in the same rounds with another interpreter that has another skillpath installed
(the last release, or main before a change) and adds each command's ratio to that one's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

BASELINE = "baseline: python -c 'import typer'"


def commands_of(python: str) -> dict[str, list[str]]:
    return {
        "next --json": [python, "-m", *NEXT],
        "show (table)": [python, "-m", "skillpath", "show", "deep-learning"],
    }


NEXT = [
    "skillpath",
    "next",
    "--role",
    "LLM Engineer",
    "--level",
    "middle",
    "--json",
]
AIMS = {"next --json": 1.3, "show (table)": 1.8}


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="rounds to run (default 30)")
    parser.add_argument(
        "--against", metavar="PYTHON", help="another interpreter with skillpath installed"
    )
    args = parser.parse_args()
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    commands = {BASELINE: [sys.executable, "-c", "import typer"], **commands_of(sys.executable)}
    if args.against:
        commands |= {f"{name} (against)": cmd for name, cmd in commands_of(args.against).items()}
    for command in commands.values():  # warm the file cache and the bytecode
        timed(command, env)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            samples[name].append(timed(command, env))
    medians = {name: statistics.median(times) for name, times in samples.items()}
    report(medians, against=bool(args.against))


def report(medians: dict[str, float], *, against: bool) -> None:
    baseline = medians[BASELINE]
    extra = f" {'to against':>11}" if against else ""
    print(f"{'command':36} {'median ms':>10} {'ratio':>7} {'aim':>6}{extra}")
    for name, median in medians.items():
        aim = f"{AIMS[name]:.1f}x" if name in AIMS else ""
        other = medians.get(f"{name} (against)")
        versus = f" {median / other:10.2f}x" if against and other else ""
        print(f"{name:36} {median * 1000:10.1f} {median / baseline:6.2f}x {aim:>6}{versus}")


if __name__ == "__main__":
    main()
