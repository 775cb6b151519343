"""What hostile data costs, as ratios in one run: each case against reading one bundled
skill file, so the numbers mean the same on a fast and a slow machine.

    python benchmarks/hostile.py

Cases: a skill file with 4,800 unknown role ids against a framework of 1,600 roles (each
unknown name once cost a fuzzy match against every known one: 169 s), an alias bomb in a
key, 490 nested flow mappings, a search of the most words a query may have, and `log` of a
history line with a note of 1 and 4 MB (once quadratic: 2.2 s and 16 s, as Rich folded the
note; now such a line is skipped as unreadable, by its length alone).
"""

from __future__ import annotations

import contextlib
import io
import json
import time
from collections.abc import Callable
from pathlib import Path

from skillpath.errors import DataError, UsageError
from skillpath.framework.model import Framework, Level, Role
from skillpath.framework.search import MAX_QUERY_WORDS, search
from skillpath.loading import Catalog, bundled_root
from skillpath.loading.builders import build_skill
from skillpath.loading.document import parse_text, read_document
from skillpath.plan.history import HistoryLog
from skillpath.plan.statefiles import build_history
from skillpath.render.base import Color
from skillpath.render.table.draw import draw


def seconds(work: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        with contextlib.suppress(DataError, UsageError):  # refusing is the point
            work()
        best = min(best, time.perf_counter() - start)
    return best


def shown_log(raw: bytes) -> None:
    """The history read and drawn as `skillpath log` draws it at 80 columns."""
    changes, unreadable = build_history(raw)
    draw(HistoryLog(changes, {}, unreadable), io.StringIO(), Color.NEVER)


def history_line(note_bytes: int) -> bytes:
    change = {"time": "2026-11-01T10:00:00+00:00", "action": "done", "item": "6675ac29"}
    change |= {"skill": "rag", "role": "llm-engineer", "level": "mid"}
    return json.dumps({**change, "note": "word " * (note_bytes // 5)}).encode() + b"\n"


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
    one_mb, four_mb = history_line(1_000_000), history_line(4_000_000)

    cases = {
        "4,800 unknown roles of 1,600": lambda: build_skill(parse_text(Path("x.yaml"), many), big),
        "alias bomb in a key": lambda: parse_text(Path("x.yaml"), "\n".join(bomb)),
        "490 nested flow mappings": lambda: parse_text(Path("x.yaml"), deep),
        f"search of {MAX_QUERY_WORDS} words": lambda: search(catalog.framework, skills, words),
        "log of a history line with a 1 MB note": lambda: shown_log(one_mb),
        "log of a history line with a 4 MB note": lambda: shown_log(four_mb),
    }
    print(f"reading one bundled skill: {baseline * 1000:.1f} ms (1x)")
    for name, work in cases.items():
        print(f"{name}: {seconds(work) / baseline:.1f}x")


if __name__ == "__main__":
    main()
