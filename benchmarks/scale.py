"""How skillpath's cost grows with the size of a data folder, as ratios in one run.

Run it with the interpreter skillpath is installed in:

    python benchmarks/scale.py                 # 100, 1,000 and 2,000 skills
    python benchmarks/scale.py --full          # and 5,000 and 10,000 (several minutes)
    python benchmarks/scale.py --sizes 50 --runs 1
    python benchmarks/scale.py --sizes 100 --site 1000 2000   # and `site`, time and memory

For each size it writes a folder of copies of the bundled skills under new ids (read on top
of the bundled data), waits until the files are older than the cache's "too recent to
trust" window, and times `list`, `show ONE`, `next` over every skill and `search`:

- cold: the first run, with an empty cache folder (the YAML read, checked and cached);
- warm: the same command again, answered from the answer kept whole (loading/answers.py);
- new question: the cache of skills filled, but no answer kept (the kept answers removed),
  as a command asked for the first time over a folder read before;

each as a ratio to the same command on the bundled data alone, and the cold run also as a
ratio to PyYAML's C loader reading the same files in a fresh interpreter just before it
(the least any reader that parses every file can cost). "peak" is the largest resident
memory of the command's runs. Under each table, issue 27's aim for a new question of
`next` and `search`: within 3x the bundled command plus the cost of the bytes it writes
(orjson encoding and writing the same answer, timed here), under 150 MiB. Each run of a
command is compared with the one just before it (PyYAML's read before the cold run; a
bundled run before each of three warm runs and three new questions), and a ratio is the
median of those pairs' own ratios; times are medians. The ratios are what to read.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = {
    "list --json": ["list", "--json"],
    "show ONE --json": ["show", "{one}", "--json"],
    "next (all skills) --json": ["next", "--role", "llm", "--level", "middle", "--json"],
    "search attention --json": ["search", "attention", "--json"],
}
BUNDLED_ONE = "rag"
CLOADER = (
    "import sys, yaml\n"
    "from pathlib import Path\n"
    "for path in sorted(Path(sys.argv[1]).glob('skills/*.yaml')):\n"
    "    yaml.load(path.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n"
)
COST_OF_BYTES = (
    "import os, sys, time, orjson\n"
    "value = orjson.loads(open(sys.argv[1], 'rb').read())\n"
    "best = float('inf')\n"
    "with open(sys.argv[2], 'wb') as sink:\n"
    "    for _ in range(3):\n"
    "        sink.seek(0)\n"
    "        start = time.perf_counter()\n"
    "        sink.write(orjson.dumps(value, option=orjson.OPT_INDENT_2))\n"
    "        best = min(best, time.perf_counter() - start)\n"
    "print(best)\n"
)
RECENT_SECONDS = 2.1  # the cache trusts no file changed within 2 s (skillpath/loading/cache.py)
# Pairs of a bundled run and a warm one (then a new question) in each run of a command: a
# warm command takes a tenth of a second, and one pair of such can read 1.6 from noise.
WARM_PAIRS = 3


def bundled_skills() -> list[Path]:
    from skillpath.loading import paths

    return sorted((paths.bundled_root() / "skills").glob("*.yaml"))


def make_folder(root: Path, size: int) -> str:
    """``size`` skills, each a bundled one under a new id and name; the id of one of them."""
    sources = [(path.stem, path.read_text(encoding="utf-8")) for path in bundled_skills()]
    (root / "skills").mkdir(parents=True)
    for number in range(size):
        stem, text = sources[number % len(sources)]
        new_id = f"{stem}-{number:05d}"
        text = re.sub(r"^id: .*$", f"id: {new_id}", text, count=1, flags=re.M)
        text = re.sub(r"^name: (.*)$", rf"name: \1 {number}", text, count=1, flags=re.M)
        (root / "skills" / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    return f"{sources[0][0]}-{0:05d}"


def run(command: list[str], env: dict[str, str], out: Path | None = None) -> tuple[float, int]:
    """Seconds and peak resident memory in KiB of one run; its stdout into ``out``, if given."""
    with open(out or os.devnull, "wb") as sink:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(command)}: {process.stderr.read().decode()}")
    process.stderr.close()
    return elapsed, usage.ru_maxrss  # KiB on Linux


def cost_of_bytes(answer: Path) -> float:
    """Seconds to encode and write a JSON answer as the fastest encoder does (orjson, as
    skillpath's own writer uses), the best of three: the part of an answer's time that
    grows with its size whatever the program, which issue 27's aim allows on top of 3x.
    Timed in a fresh interpreter: one that held the answer would pass its size on to the
    peak memory of every command started after it (a child's peak starts at its parent's)."""
    done = subprocess.run(
        [sys.executable, "-c", COST_OF_BYTES, str(answer), str(answer.with_suffix(".again"))],
        capture_output=True,
        check=True,
    )
    return float(done.stdout)


def skillpath(args: list[str], folder: Path | None, one: str) -> list[str]:
    named = [arg.format(one=one if folder else BUNDLED_ONE) for arg in args]
    return [sys.executable, "-m", "skillpath", *named, *(["-d", str(folder)] if folder else [])]


def measure(size: int, runs: int, scratch: Path) -> list[tuple[str, dict[str, float]]]:
    folder = scratch / f"skills-{size}"
    one = make_folder(folder, size)
    time.sleep(RECENT_SECONDS)  # as files checked out a moment ago are: old enough to cache
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "SKILLPATH_HOME": str(scratch)}
    rows = []
    for name, args in COMMANDS.items():
        samples: dict[str, list[float]] = {
            "bundled": [],
            "cold": [],
            "cloader": [],
            "by_cloader": [],
            "warm": [],
            "by_bundled_warm": [],
            "new": [],
            "by_bundled_new": [],
            "peak": [],
            "new_peak": [],
            "bytes": [],
            "bytes_s": [],
        }
        for attempt in range(runs):
            cache = scratch / f"cache-{size}-{attempt}"
            shutil.rmtree(cache, ignore_errors=True)
            fresh = {**env, "SKILLPATH_CACHE_DIR": str(cache)}
            bundled = skillpath(args, None, one)
            run(bundled, fresh)  # search's index of the bundled data
            # Each run right after the one it is compared with, and the ratio of the two:
            # on a shared machine the load drifts between runs far more than within a pair.
            cloader, _ = run([sys.executable, "-c", CLOADER, str(folder)], env)
            cold, peak = run(skillpath(args, folder, one), fresh)
            samples["cold"].append(cold)
            samples["cloader"].append(cloader)
            samples["by_cloader"].append(cold / cloader)
            answer = scratch / "answer.json"
            for kind in ("warm", "new") * WARM_PAIRS:
                if kind == "new":
                    shutil.rmtree(cache / "answers", ignore_errors=True)
                # Both answers into a file, as the cost of the bytes is timed: alike.
                bundled_time, _ = run(bundled, fresh, scratch / "bundled.json")
                took, kind_peak = run(skillpath(args, folder, one), fresh, answer)
                samples["bundled"].append(bundled_time)
                samples[kind].append(took)
                samples[f"by_bundled_{kind}"].append(took / bundled_time)
                peak = max(peak, kind_peak)
                if kind == "new":
                    samples["new_peak"].append(kind_peak / 1024)
            samples["peak"].append(peak / 1024)
            samples["bytes"].append(answer.stat().st_size)
            samples["bytes_s"].append(cost_of_bytes(answer))
        median = {key: statistics.median(values) for key, values in samples.items()}
        median["peak"] = max(samples["peak"])
        median["new_peak"] = max(samples["new_peak"])
        rows.append((name, median))
    shutil.rmtree(folder)
    return rows


def report(size: int, rows: list[tuple[str, dict[str, float]]]) -> None:
    print(f"\n{size:,} skills")
    print(
        f"{'command':26} {'cold s':>7} {'/bundled':>9} {'/CLoader':>9} "
        f"{'warm s':>7} {'/bundled':>9} {'new q s':>8} {'/bundled':>9} {'peak MiB':>9}"
    )
    for name, m in rows:
        print(
            f"{name:26} {m['cold']:7.2f} {m['cold'] / m['bundled']:8.1f}x "
            f"{m['by_cloader']:8.2f}x {m['warm']:7.2f} {m['by_bundled_warm']:8.2f}x "
            f"{m['new']:8.2f} {m['by_bundled_new']:8.2f}x {m['peak']:9.0f}"
        )
    cloader = statistics.median(m["cloader"] for _, m in rows)
    print(f"{'(PyYAML CLoader, same files)':26} {cloader:7.2f}")
    print(
        "aim at 10,000 skills of a new question (next, search): within 3x bundled plus the"
        " cost of the bytes, < 150 MiB"
    )
    for name, m in rows:
        if name.startswith(("next", "search")):
            allowed = 3 * m["bundled"] + m["bytes_s"]
            met = m["new"] <= allowed and m["new_peak"] < 150
            print(
                f"  {name:24} {m['new']:.2f} s, {m['new_peak']:.0f} MiB; allowed {allowed:.2f} s"
                f" (bundled {m['bundled']:.2f} s, {m['bytes'] / 1e6:.1f} MB in"
                f" {m['bytes_s'] * 1000:.0f} ms): {'met' if met else 'not met'}"
            )


def measure_site(size: int, scratch: Path) -> tuple[float, float, float]:
    """Seconds and peak MiB of `site` over ``size`` skills (the cache warm), and the MiB
    of what it wrote."""
    folder = scratch / f"site-skills-{size}"
    make_folder(folder, size)
    time.sleep(RECENT_SECONDS)
    cache = scratch / f"site-cache-{size}"
    env = {**os.environ, "NO_COLOR": "1", "SKILLPATH_HOME": str(scratch)}
    env["SKILLPATH_CACHE_DIR"] = str(cache)
    run(skillpath(["list", "--json"], folder, ""), env)  # the cache filled, as for a rebuild
    out = scratch / f"site-{size}"
    took, peak = run(skillpath(["site", str(out)], folder, ""), env)
    written = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
    shutil.rmtree(out)
    shutil.rmtree(folder)
    return took, peak / 1024, written / 1024 / 1024


def report_site(sizes: list[int], scratch: Path) -> None:
    """`site` at each size: its time should grow with the skills, its memory stay flat."""
    print("\nsite (cache warm): aims at 10,000 skills: peak < 250 MiB, time linear")
    print(f"{'skills':>7} {'s':>7} {'s per 1,000':>12} {'peak MiB':>9} {'MiB written':>12}")
    for size in sizes:
        took, peak, written = measure_site(size, scratch)
        print(f"{size:7,} {took:7.1f} {took / size * 1000:12.2f} {peak:9.0f} {written:12.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 2000])
    parser.add_argument("--full", action="store_true", help="100 to 10,000 skills")
    parser.add_argument("--runs", type=int, default=3, help="runs of each (default 3)")
    parser.add_argument(
        "--site", type=int, nargs="*", metavar="SIZE",
        help="also time `site` at these sizes (default with --full: 1,000 to 10,000)",
    )  # fmt: skip
    args = parser.parse_args()
    sizes = [100, 1000, 2000, 5000, 10000] if args.full else args.sizes
    site_sizes = args.site or ([1000, 2000, 5000, 10000] if args.full else [])
    print("aims at 2,000 skills: warm within 1.5x bundled, cold within 1.5x CLoader, < 80 MiB")
    with tempfile.TemporaryDirectory(prefix="skillpath-scale-") as scratch:
        for size in sizes:
            report(size, measure(size, args.runs, Path(scratch)))
        if site_sizes:
            report_site(site_sizes, Path(scratch))


if __name__ == "__main__":
    main()
