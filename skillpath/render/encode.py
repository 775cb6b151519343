"""Answers onto streams: JSON text and bytes, and text to a stream that may not
speak Unicode or may fail while written to.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO, TextIO


def write_all(raw: BinaryIO, data: bytes | memoryview) -> None:
    """Write every byte, or raise. A buffered stream hands a large write straight to the
    system, which may take only part of it (a pipe whose reader left, a full disk) and
    report that by the count alone: writing the rest raises the error the count hides."""
    view = memoryview(data)
    while view:
        view = view[raw.write(view) :]


def write_text(stream: TextIO, text: str) -> None:
    """``stream.write(text)``, every byte of it or an error. The text layer drops what a
    partial write left over (Python 3.11 writes an 8 MB CSV's first 160 KB to a full disk
    and says nothing), so the text is encoded here and written under it with write_all.
    Where there is no byte layer, or lines end in CRLF (Windows), the text layer writes."""
    raw = getattr(stream, "buffer", None)
    encoding = getattr(stream, "encoding", None)
    if raw is None or not isinstance(encoding, str) or os.linesep != "\n":
        stream.write(text)
        return
    data = text.encode(encoding, getattr(stream, "errors", None) or "strict")
    stream.flush()  # whatever the text layer holds goes first
    write_all(raw, data)


def utf8_bytes_of(stream: TextIO) -> BinaryIO | None:
    """The byte stream under a UTF-8 text stream (a JSON answer is written there as
    orjson made it), or None where the text layer must encode (another encoding)."""
    import codecs

    raw = getattr(stream, "buffer", None)
    encoding = getattr(stream, "encoding", None)
    if raw is None or not isinstance(encoding, str):
        return None
    try:
        return raw if codecs.lookup(encoding).name == "utf-8" else None
    except LookupError:
        return None


def speaks_unicode(stream: TextIO | None) -> bool:
    """Whether ``stream`` can take any character: its encoding is one of the UTFs."""
    import codecs

    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def json_text(value: Any, *, indent: int | None = None, ascii_only: bool = False) -> str:
    """JSON that is safe to show on a terminal and reads back the same.

    ``json`` escapes C0 controls but writes C1 controls (U+009B starts an escape sequence
    on some terminals), bidi marks, line separators and lone surrogates raw; they can only
    sit inside strings, where a ``\\u`` escape means the same character.
    """
    from skillpath.text import FORBIDDEN

    fast = _indented_fast(value) if indent == 2 and not ascii_only else None
    dumped = fast.decode("utf-8") if fast is not None else None
    if dumped is None:
        import json

        dumped = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    if dumped.isascii() and "\x7f" not in dumped:
        return dumped  # JSON escapes C0 controls itself: DEL is all that ASCII could hold
    return FORBIDDEN.sub(lambda found: f"\\u{ord(found.group()):04x}", dumped)


def json_chunks(value: Any) -> tuple[bytes, ...]:
    """``json_text(value, indent=2)`` and a line end as UTF-8, in pieces to write one after
    the other: an answer over thousands of skills runs to megabytes, and text would copy
    them three more times (decoded, joined to its line end, encoded again)."""
    fast = _indented_fast(value)
    if fast is not None and fast.isascii() and b"\x7f" not in fast:
        return fast, b"\n"  # as json_text() returns it: nothing in it to escape
    return ((json_text(value, indent=2) + "\n").encode("utf-8"),)


def _indented_fast(value: Any) -> bytes | None:
    """``json.dumps(value, indent=2, ensure_ascii=False)`` in UTF-8, written by orjson, or
    None where orjson cannot write it the same: the standard library's encoder indents in
    Python, ten times slower, and answers over thousands of skills run to megabytes.

    The two agree byte for byte on what answers hold (tests/unit/test_json_text.py); where
    they would not, orjson refuses and the standard library writes it: integers past 64
    bits, lone surrogates (from an argument that was not UTF-8), nesting past 254, and
    dataclasses and dates, which orjson would write and ``json`` refuses. Floats are search
    scores rounded to three places, which both write as ``repr`` does.
    """
    try:
        import orjson
    except ImportError:  # a platform without its wheel: slower, not different
        return None
    options = (
        orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
    )
    try:
        return orjson.dumps(value, option=options)
    except TypeError:  # orjson.JSONEncodeError is one
        return None


class Streamed:
    """A list in an answer that is written item by item (json_streamed), each made only
    when its turn comes: a list over 10,000 skills need never be held whole. whole()
    makes it the list it stands for."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def whole(value: dict[str, Any]) -> dict[str, Any]:
    """``value`` with each Streamed list made: the answer as one value."""
    return {
        key: list(part.items) if isinstance(part, Streamed) else part for key, part in value.items()
    }


# An answer streamed goes out in pieces of about this size: few writes, little held.
_PIECE = 1 << 20


def json_streamed(value: dict[str, Any]) -> Iterator[bytes]:
    """``json_chunks(whole(value))``, byte for byte, written a key (and a Streamed list's
    item) at a time. JSON text holds no line end but its own, so a value written alone is
    indented to its depth by putting the indent after each line end."""
    held: list[bytes] = [b"{"]
    size = 0
    for number, (key, part) in enumerate(value.items()):
        held.append(b",\n" if number else b"\n")
        if not isinstance(part, Streamed):
            held.append(_dumped({key: part})[2:-2])  # without its own braces' lines
            continue
        held.append(b"  " + _dumped(key) + b": [")
        items = 0
        for item in part.items:
            held.append((b",\n    " if items else b"\n    ") + _dumped(item, b"\n    "))
            items, size = items + 1, size + len(held[-1])
            if size >= _PIECE:
                yield b"".join(held)
                held, size = [], 0
        held.append(b"\n  ]" if items else b"]")
    held.append(b"\n}\n" if value else b"}\n")
    yield b"".join(held)


def _dumped(value: Any, indent: bytes = b"") -> bytes:
    """``value`` as json_chunks() writes it, without its line end, each line after the
    first indented by ``indent`` more."""
    dumped = b"".join(json_chunks(value))[:-1]
    return dumped.replace(b"\n", indent) if indent else dumped
