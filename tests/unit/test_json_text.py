"""JSON answers are written by orjson where it can and by the standard library where it
cannot; either way the bytes are ``json.dumps(indent=2, ensure_ascii=False)``'s."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillpath.render.encode import (
    Streamed,
    _indented_fast,
    json_chunks,
    json_streamed,
    json_text,
    whole,
    write_all,
    write_text,
)
from skillpath.text import FORBIDDEN


def standard(value: object) -> str:
    dumped = json.dumps(value, indent=2, ensure_ascii=False)
    return FORBIDDEN.sub(lambda found: f"\\u{ord(found.group()):04x}", dumped)


scalars = (
    st.none()
    | st.booleans()
    | st.integers()  # past 64 bits too: orjson refuses, json writes
    | st.floats(allow_nan=False, allow_infinity=False).map(lambda x: round(x, 3))  # scores
    | st.text()  # every code point, lone surrogates, controls and bidi marks among them
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(values)
def test_the_bytes_are_the_standard_librarys(value: object) -> None:
    assert json_text(value, indent=2) == standard(value)
    written = b"".join(json_chunks(value))  # as an answer is written to a UTF-8 stdout
    assert written == (standard(value) + "\n").encode("utf-8", "surrogatepass")


def test_an_answer_is_written_by_orjson() -> None:
    answer = {"skills": [{"id": "rag", "name": "RAG \u00e9", "levels": [], "score": -1.25}]}
    fast = _indented_fast(answer)
    assert fast is not None
    assert fast.decode("utf-8") == json.dumps(answer, indent=2, ensure_ascii=False)


@pytest.mark.parametrize(
    "value",
    [{"n": 2**70}, {"query": "caf\udcc3"}, {"deep": json.loads("[" * 300 + "]" * 300)}],
)
def test_what_orjson_refuses_the_standard_library_writes(value: object) -> None:
    assert _indented_fast(value) is None
    assert json_text(value, indent=2) == standard(value)


@dataclass
class NotAnswer:
    name: str


@pytest.mark.parametrize("value", [NotAnswer("x"), date(2026, 1, 1)])
def test_what_json_refuses_stays_refused(value: object) -> None:
    with pytest.raises(TypeError):
        json_text({"value": value}, indent=2)


def test_without_orjson_the_standard_library_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "orjson", None)  # as where its wheel is missing
    assert _indented_fast({"a": 1}) is None
    assert json_text({"a": [1, "b"]}, indent=2) == standard({"a": [1, "b"]})


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("del\x7f", "del\\u007f"),
        ("esc\x1b", "esc\\u001b"),
        ("csi\x9b", "csi\\u009b"),
        ("plain", "plain"),
    ],
)
def test_controls_are_escaped_in_ascii_and_beyond(text: str, written: str) -> None:
    assert json_text({"a": text}, indent=2) == '{\n  "a": "' + written + '"\n}'
    assert json_text([text]) == '["' + written + '"]'


class TakesAFew:
    """A stream the system lets take a few bytes a write, then fails (a reader left)."""

    def __init__(self, few: int, fails_after: int | None = None) -> None:
        self.few, self.fails_after, self.taken = few, fails_after, b""

    def write(self, data: memoryview) -> int:
        if self.fails_after is not None and len(self.taken) >= self.fails_after:
            raise BrokenPipeError(32, "Broken pipe")
        self.taken += bytes(data[: self.few])
        return min(self.few, len(data))


def test_a_write_the_system_takes_in_part_is_finished() -> None:
    stream = TakesAFew(3)
    write_all(stream, b"an answer of some length")  # type: ignore[arg-type]
    assert stream.taken == b"an answer of some length"


def test_a_stream_that_fails_after_taking_part_is_an_error_not_a_short_answer() -> None:
    with pytest.raises(BrokenPipeError):
        write_all(TakesAFew(5, fails_after=5), b"an answer of some length")  # type: ignore[arg-type]


class TextOver:
    """A text stream over a byte stream, as sys.stdout is."""

    encoding, errors = "utf-8", "strict"

    def __init__(self, buffer: TakesAFew) -> None:
        self.buffer = buffer

    def flush(self) -> None:
        pass


def test_text_is_written_whole_or_not_at_all() -> None:
    whole = TextOver(TakesAFew(4))
    write_text(whole, "é, then the rest")  # type: ignore[arg-type]
    assert whole.buffer.taken.decode("utf-8") == "é, then the rest"
    with pytest.raises(BrokenPipeError):
        write_text(TextOver(TakesAFew(4, fails_after=4)), "é, then the rest")  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.text(max_size=5),
        values | st.lists(values, max_size=5).map(lambda items: Streamed(iter(items))),
        max_size=5,
    )
)
def test_an_answer_streamed_is_the_same_bytes_as_one_written_whole(answer: dict) -> None:
    lists = {k: list(v.items) for k, v in answer.items() if isinstance(v, Streamed)}
    streamed = {k: Streamed(iter(lists[k])) if k in lists else v for k, v in answer.items()}
    written = b"".join(json_streamed(streamed))
    assert written == b"".join(json_chunks({**answer, **lists}))
    assert whole({k: Streamed(iter(lists[k])) for k in lists}) == lists


def test_a_long_streamed_list_goes_out_in_pieces() -> None:
    items = [{"id": str(n), "text": "x" * 1000} for n in range(3000)]
    pieces = list(json_streamed({"skills": Streamed(iter(items)), "n": 1}))
    assert len(pieces) > 1
    assert b"".join(pieces) == b"".join(json_chunks({"skills": items, "n": 1}))
