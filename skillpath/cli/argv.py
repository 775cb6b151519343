"""What the command line asks for before it is parsed: whether the answer, and so
any error, is wanted as JSON.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence


def asks_for_json(argv: Sequence[str]) -> bool:
    words = [word.casefold() for word in argv]
    following = dict(itertools.pairwise(words))
    return (
        "--json" in words
        or "--format=json" in words
        or "-fjson" in words  # a short option's value may follow it in the same word
        or "json" in (following.get("--format"), following.get("-f"))
    )
