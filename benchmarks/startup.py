"""How long skillpath takes to answer, as a ratio to the time Python takes to import Typer.

Run it with the interpreter skillpath is installed in:

    python benchmarks/startup.py [--runs 30]

Each round runs every command once, in turn, so that a busy machine slows them alike; the
ratios of the medians are what to read, not the absolute times.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "baseline: python -c 'import typer'": [sys.executable, "-c", "import typer"],
    "next --json": [
        sys.executable,
        "-m",
        "skillpath",
        "next",
        "--role",
        "LLM Engineer",
        "--level",
        "middle",
        "--json",
    ],
    "show (table)": [sys.executable, "-m", "skillpath", "show", "deep-learning"],
}
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
    args = parser.parse_args()
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    for command in COMMANDS.values():  # warm the file cache and the bytecode
        timed(command, env)
    samples: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.runs):
        for name, command in COMMANDS.items():
            samples[name].append(timed(command, env))
    baseline_name = next(iter(COMMANDS))
    baseline = statistics.median(samples[baseline_name])
    print(f"{'command':36} {'median ms':>10} {'ratio':>7} {'aim':>6}")
    for name, times in samples.items():
        median = statistics.median(times)
        aim = f"{AIMS[name]:.1f}x" if name in AIMS else ""
        print(f"{name:36} {median * 1000:10.1f} {median / baseline:6.2f}x {aim:>6}")


if __name__ == "__main__":
    main()
