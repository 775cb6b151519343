"""What hostile data costs, as ratios in one run: each case against reading one bundled
skill file, so the numbers mean the same on a fast and a slow machine.

    python benchmarks/hostile.py

Cases: a skill file with 4,800 unknown role ids against a framework of 1,600 roles (each
unknown name once cost a fuzzy match against every known one: 169 s), an alias bomb in a
key, 490 nested flow mappings, and a search of the most words a query may have.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path

from skillpath.errors import DataError, UsageError
from skillpath.framework.model import Framework, Level, Role
from skillpath.framework.search import MAX_QUERY_WORDS, search
from skillpath.loading import Catalog, bundled_root
from skillpath.loading.builders import build_skill
from skillpath.loading.document import parse_text, read_document


def seconds(work: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        with contextlib.suppress(DataError, UsageError):  # refusing is the point
            work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    catalog = Catalog(bundled_root())
    rag = bundled_root() / "skills" / "rag.yaml"
    baseline = seconds(lambda: build_skill(read_document(rag), catalog.framework))

    roles = tuple(Role(f"role-{n}", f"Role {n}") for n in range(1600))
    big = Framework("Big", (Level("l1", "L1", 0),), roles)
    unknown = "".join(f"  nobody-{n}:\n    l1: {{description: x}}\n" for n in range(4800))
    many = "id: x\nname: X\ndomain: D\nexpectations:\n" + unknown
    bomb = ["? &k0 [x, x, x, x, x, x, x, x, x, x]\n: 0"]
    bomb += [f"? &k{i} [" + ", ".join([f"*k{i - 1}"] * 10) + f"]\n: {i}" for i in range(1, 9)]
    deep = "id: x\nnotes: " + "{a: " * 490 + "1" + "}" * 490 + "\n"
    skills = catalog.skills()
    words = " ".join(f"word{n}" for n in range(MAX_QUERY_WORDS))

    cases = {
        "4,800 unknown roles of 1,600": lambda: build_skill(parse_text(Path("x.yaml"), many), big),
        "alias bomb in a key": lambda: parse_text(Path("x.yaml"), "\n".join(bomb)),
        "490 nested flow mappings": lambda: parse_text(Path("x.yaml"), deep),
        f"search of {MAX_QUERY_WORDS} words": lambda: search(catalog.framework, skills, words),
    }
    print(f"reading one bundled skill: {baseline * 1000:.1f} ms (1x)")
    for name, work in cases.items():
        print(f"{name}: {seconds(work) / baseline:.1f}x")


if __name__ == "__main__":
    main()
