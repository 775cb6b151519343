"""The one YAML scalar writer: text as a plain scalar where YAML reads it back the same,
else as a double-quoted string with escapes, so that what is written reads back exactly."""

from __future__ import annotations

import re

# What PyYAML's reader accepts as text; a line break inside a scalar would fold.
_YAML_PRINTABLE = re.compile("[\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]")


def printable(text: str) -> bool:
    return _YAML_PRINTABLE.fullmatch(text) is not None and not any(
        char in text for char in "\ufeff\u2028\u2029"
    )


def scalar(text: str) -> str:
    """Plain when YAML reads it back as the same text, else a double-quoted string."""
    import yaml

    plain = (
        text == text.strip()
        and _PLAIN_START.match(text) is not None
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and printable(text)
    )
    if plain:
        try:
            plain = yaml.safe_load(text) == text
        except yaml.YAMLError:
            plain = False
    return text if plain else quoted(text)


def quoted(text: str) -> str:
    """A YAML double-quoted scalar: escapes for quotes, backslashes and unprintable chars."""
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char != "\t" and char != "\ufeff" and printable(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)
