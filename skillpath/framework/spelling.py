"""Close words for a search that found nothing: "atention" -> "attention", from the words
the framework itself uses. Pure: it is handed the texts, folded as search folds them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# A word is a run of letters and digits, as search reads it.
_WORD = re.compile(r"[^\W_]+")
# Fewer letters than this are too short to tell a typo from another word.
MIN_LETTERS = 3


def vocabulary(folded_texts: Iterable[str]) -> set[str]:
    """Every word of the texts."""
    words: set[str] = set()
    for text in folded_texts:
        words.update(_WORD.findall(text))
    return words


def close_words(words: Sequence[str], known: set[str], most: int = 3) -> tuple[str, ...]:
    """For each of ``words`` that no known word starts with, the known words spelt close to
    it, closest first; at most ``most`` in all."""
    import difflib  # deferred: only a search that finds nothing needs it

    found: list[str] = []
    for word in words:
        if len(word) < MIN_LETTERS or any(other.startswith(word) for other in known):
            continue
        # words of about its length only: the fuzzy match costs the product of the lengths
        near = [other for other in known if abs(len(other) - len(word)) <= 2]
        found += difflib.get_close_matches(word, near, n=most, cutoff=0.75)
    return tuple(dict.fromkeys(found))[:most]
