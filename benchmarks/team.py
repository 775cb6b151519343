"""What `skillpath team` costs over a large team, as a ratio in one run.

Run it with the interpreter skillpath is installed in:

    python benchmarks/team.py                  # 500 people, 7 pairs of runs
    python benchmarks/team.py --people 50 --runs 1

It writes a team folder of ``--people`` shared plans (people/ID.yaml, as `skillpath share`
writes them) over the bundled framework: every role at every level but the top, a few
levels per skill, and about a third of each person's next level marked (covered with one
or two pieces of evidence, started or skipped with a reason). Then, warm (each command run
once first, so the system's file cache holds the files and Python's bytecode is built), it
times `team --json` over the folder right after `list --json` over the same framework, in
pairs, and reports the median of the pairs' own ratios: on a shared machine the load
drifts between runs far more than within a pair. The aim: within 1.5x. Warm, as in
benchmarks/scale.py, is the same question again: `team` keeps its JSON answer
(loading/answers.py) keyed by every person file's size, times and inode, so it reads none
of them while none changed. The last row is every file read and the answer worked out
(SKILLPATH_NO_CACHE=1), as after a `git pull` that changed a plan.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

AIM = 1.5
RECENT_SECONDS = 2.1  # no answer is kept over a file changed within 2 s (loading/cache.py)


def make_team(root: Path, people: int, seed: int = 25) -> None:
    from skillpath.framework.ladder import next_step
    from skillpath.loading import open_catalog
    from skillpath.plan.model import Evidence, Mark, Profile, Progress
    from skillpath.team.files import plan_text
    from skillpath.team.model import SharedPlan

    chance = random.Random(seed)
    catalog = open_catalog(())
    framework, skills = catalog.framework, catalog.skills()
    shapes = [(role, level) for role in framework.roles for level in framework.levels[:-1]]
    (root / "people").mkdir(parents=True)
    for number in range(people):
        role, level = shapes[number % len(shapes)]
        per_skill = {skill.id: chance.choice(framework.levels[:-1]) for skill in skills[:2]}
        step = next_step(framework, skills, role, level, per_skill)
        marks = {}
        for entry in step.checklist:
            if chance.random() > 0.35:
                continue
            state = chance.choice(("done", "done", "started", "skipped"))
            day = date(2026, 1, 1) + timedelta(days=chance.randrange(300))
            pieces = (
                tuple(Evidence(f"Evidence {n} of {entry.item.id}", day, "https://git.example/pr/1")
                      for n in range(chance.randrange(1, 3)))
                if state == "done" else ()
            )  # fmt: skip
            reason = "Not how our team works" if state == "skipped" else ""
            cell = entry.skill.expectation(role.id, step.target.id if step.target else level.id)
            marks[entry.item.id] = Mark(
                entry.item.id, entry.skill.id, role.id, cell.level if cell else level.id,
                entry.item.text, state, day, pieces, reason,
            )  # fmt: skip
        person = f"person-{number:04d}"
        profile = Profile(role.id, level.id, {k: v.id for k, v in per_skill.items()})
        plan = SharedPlan(
            person, f"Person {number}", "2026-12-01T10:00:00+00:00", framework.name,
            tuple(entry.item.id for entry in step.checklist), profile, Progress(marks),
            root / "people" / f"{person}.yaml",
        )  # fmt: skip
        plan.file.write_text(plan_text(plan), encoding="utf-8")


def run(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "skillpath", *args], env=env, capture_output=True, check=False
    )
    took = time.perf_counter() - start
    if done.returncode != 0 or done.stderr:
        raise SystemExit(f"failed: skillpath {' '.join(args)}: {done.stderr.decode()}")
    return took


def measure(team: Path, runs: int, env: dict[str, str]) -> tuple[float, float, float]:
    listing, looking = ["list", "--json"], ["team", str(team), "--json"]
    run(listing, env), run(looking, env)  # warm: files in the page cache, the answer kept
    pairs = []
    for _ in range(runs):
        first = run(listing, env)
        second = run(looking, env)
        pairs.append((first, second, second / first))
    return _medians(pairs)


def _medians(pairs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    return (
        statistics.median(p[0] for p in pairs),
        statistics.median(p[1] for p in pairs),
        statistics.median(p[2] for p in pairs),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--runs", type=int, default=7, help="pairs of runs (default 7)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="skillpath-team-") as scratch:
        team = Path(scratch) / "team"
        make_team(team, args.people)
        time.sleep(RECENT_SECONDS)  # as files pulled a moment ago are: old enough to trust
        size = sum(path.stat().st_size for path in (team / "people").iterdir())
        env = {**os.environ, "NO_COLOR": "1", "SKILLPATH_HOME": str(Path(scratch) / "home")}
        env["SKILLPATH_CACHE_DIR"] = str(Path(scratch) / "cache")
        env.pop("SKILLPATH_PATH", None)
        listed, teamed, ratio = measure(team, args.runs, env)
        _, worked, worked_ratio = measure(team, args.runs, {**env, "SKILLPATH_NO_CACHE": "1"})
    print(f"{args.people} people ({size / 1024 / 1024:.1f} MiB of shared plans), bundled framework")
    print(f"{'command':34} {'warm s':>7} {'/list':>7}")
    print(f"{'list --json':34} {listed:7.3f} {1:6.2f}x")
    print(f"{'team TEAM_DIR --json':34} {teamed:7.3f} {ratio:6.2f}x   (aim: within {AIM}x)")
    print(f"{'team TEAM_DIR --json, worked out':34} {worked:7.3f} {worked_ratio:6.2f}x   "
          "(no answer kept: SKILLPATH_NO_CACHE=1)")  # fmt: skip


if __name__ == "__main__":
    main()
