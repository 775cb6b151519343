"""Text from data files, file names, ids and arguments, made safe to show on one line.

The one place that knows which characters may not reach a terminal raw: C0 and C1
controls, DEL, and the invisible marks that reorder or hide text (bidi overrides and
isolates, line separators). Validation refuses them in data (``FORBIDDEN``);
everything printed from keys, paths, ids and queries goes through :func:`printable`. And
a count in words (:func:`plural`), which the core's messages and the renderers share.
Pure, no I/O: the core and every renderer may use it.
"""

from __future__ import annotations

import re

# Characters a terminal acts on or that change how the text around them reads: C0
# controls and DEL, C1 controls (U+0080-U+009F; U+009B is a CSI that starts an escape
# sequence), the bidi marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F,
# U+202A-U+202E, U+2066-U+2069), and the line and paragraph separators (U+2028, U+2029).
# Lone surrogates (bytes that were not UTF-8, as Python decodes an argument) cannot even
# be written.
_BEYOND_C0 = r"\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff"
UNSAFE = re.compile("[\\x00-\\x1f" + _BEYOND_C0 + "]")

# What data may not hold, and what multi-line output keeps: the same, except tab and
# newline, which a folded or literal YAML block is made of. (YAML turns a file's CRLF line
# ends into newlines, so a carriage return in a value was written as an escape on purpose.)
FORBIDDEN = re.compile("[\\x00-\\x08\\x0b-\\x1f" + _BEYOND_C0 + "]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def printable(text: str, *, multiline: bool = False) -> str:
    """``text`` with every unsafe character written as a visible escape (``\\x1b``,
    ``\\u202e``), so it shows on one line and cannot move the cursor, set the title or
    reorder what follows. With ``multiline``, line breaks and tabs are kept as they are.

    Backslashes are left alone: the escapes are for a person to read, not to parse back.
    """
    pattern = FORBIDDEN if multiline else UNSAFE
    return pattern.sub(_escape, text)


def first_forbidden(text: str) -> str | None:
    """The first character data may not hold, or None: one regular expression search."""
    found = FORBIDDEN.search(text)
    return found.group() if found else None


def character_kind(char: str) -> str:
    """What a character data may not hold is, in words a reader of the message knows."""
    if 0xD800 <= ord(char) <= 0xDFFF:
        return "bytes that are not UTF-8"
    if char in "\t\n":
        return "a tab or line break"
    if ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F:
        return "a control character"
    if char in "\u2028\u2029":
        return "a line or paragraph separator"
    return "an invisible character that reorders text"


def text_problem(text: str, *, one_line: bool = False, limit: int = 0) -> str | None:
    """Why ``text`` cannot be kept as a value of a data or state file, or None: the rule
    the files are read by, for text that arrives as an argument. ``one_line`` refuses tabs
    and line breaks too (a note shown as one line cannot forge the lines below it)."""
    if not text.strip():
        return "must not be empty"
    if limit and len(text) > limit:
        return f"is {len(text):,} characters; the limit is {limit:,}"
    found = (UNSAFE if one_line else FORBIDDEN).search(text)
    if found is None:
        return None
    char = found.group()
    return f"contains {character_kind(char)} (U+{ord(char):04X})"


def plural(count: int, noun: str) -> str:
    """``count`` and ``noun``, with an s unless there is one: "1 item", "3 items"."""
    return f"{count} {noun}{'s' * (count != 1)}"
