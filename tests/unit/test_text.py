"""Text from data and users: what data may not hold, and how it is shown on one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillpath.errors import Problem
from skillpath.text import UNSAFE, first_forbidden, printable

# Each of these moves the cursor, starts an escape sequence, or reorders the text after it.
HOSTILE = [
    "\x1b",  # ESC
    "\x07",  # BEL, which ends an OSC title sequence
    "\r",
    "\x7f",
    "\x9b",  # C1 CSI
    "\x9d",  # C1 OSC
    "\u202e",  # right-to-left override
    "\u202a",
    "\u2066",  # left-to-right isolate
    "\u2069",
    "\u200f",
    "\u061c",
    "\u2028",
]


@pytest.mark.parametrize("char", HOSTILE)
def test_data_may_not_hold_controls_or_bidi_overrides(char: str) -> None:
    assert first_forbidden(f"fine {char} text") == char


@pytest.mark.parametrize("text", ["plain", "two\nlines\tand a tab", "accents: modèle, 日本語, 🙂"])
def test_ordinary_text_and_yaml_blocks_are_allowed(text: str) -> None:
    assert first_forbidden(text) is None


def test_printable_writes_each_unsafe_character_as_a_visible_escape() -> None:
    assert printable("a\x1b]2;PWNED\x07b") == "a\\x1b]2;PWNED\\x07b"
    assert printable("x\ny") == "x\\x0ay"
    assert printable("\u202eevil") == "\\u202eevil"
    assert printable("\udcff") == "\\udcff"  # a byte that was not UTF-8, from an argument


def test_printable_multiline_keeps_line_breaks_and_tabs_only() -> None:
    assert printable("a\n\tb\r\x1b", multiline=True) == "a\n\tb\\x0d\\x1b"


@settings(deadline=None)  # a busy machine is no fault of the code
@given(st.text())
def test_printable_text_holds_nothing_unsafe_and_keeps_safe_text(text: str) -> None:
    shown = printable(text)
    assert UNSAFE.search(shown) is None
    if UNSAFE.search(text) is None:
        assert shown == text


def test_a_newline_in_a_key_or_file_name_cannot_forge_another_problem_line() -> None:
    problem = Problem(Path("skills/a\nb.yaml"), "unknown key", "x\n/etc/passwd:1:1: y", 3, 1)
    assert str(problem).count("\n") == 0
    assert "\x1b" not in str(Problem(Path("a.yaml"), "bad \x1b[31m", "k\x1b]2;t\x07"))


@given(st.text(alphabet=st.sampled_from("aZß _-\t\n\u00a0\u2003\u3000\u200bİ0")))
@settings(max_examples=300)
def test_names_compare_without_case_spaces_dashes_or_underscores(name: str) -> None:
    """normal_name() drops what the pattern [\\s_-] would, Unicode spaces included."""
    import re

    from skillpath.framework.model import normal_name

    assert normal_name(name) == re.sub(r"[\s_\-]+", "", name.casefold())
    assert normal_name("Deep_Learning") == normal_name("deep-learning") == "deeplearning"
