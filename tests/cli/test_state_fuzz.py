"""Property tests of the state files: whatever a crash, a sync conflict or a hand edit leaves
in progress.yaml, profile.yaml or history.jsonl, every command ends with exit 0, 1 or 2 and a
message, never a traceback, and a file a command refuses is left byte for byte."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from skillpath.cli.app import app
from tests.conftest import TERMINAL

VALID_PROGRESS = {
    "version": 2,
    "items": {
        "b5677e35": {
            "skill": "rag",
            "role": "llm-engineer",
            "level": "senior",
            "text": "Implements query rewriting.",
            "state": "done",
            "since": "2026-03-01",
            "evidence": [{"note": "PR #42", "date": "2026-03-01", "link": "https://x.example"}],
        }
    },
}
VALID_PROFILE = "role: llm-engineer\nlevel: middle\nskills:\n  rag: senior\n"
COMMANDS = [
    ["progress", "--json"],
    ["progress"],
    ["next", "rag"],
    ["log", "--json"],
    ["profile", "show"],
    ["done", "rag:1", "--note", "more"],
    ["skip", "rag:2", "--reason", "n/a"],
    ["undo", "b5677e35"],
    ["profile", "set", "--level", "senior"],
]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def replace_somewhere(document: object, value: object, path: list[int]) -> object:
    """``document`` with one of its values (chosen by ``path``) replaced by ``value``."""
    if not path or not isinstance(document, dict | list) or not document:
        return value
    keys = list(document) if isinstance(document, dict) else list(range(len(document)))
    key = keys[path[0] % len(keys)]
    copy = dict(document) if isinstance(document, dict) else list(document)
    copy[key] = replace_somewhere(copy[key], value, path[1:])  # type: ignore[index]
    return copy


@st.composite
def broken_bytes(draw: st.DrawFn, valid: bytes) -> bytes:
    """A valid file after what a crash or a bad edit does: cut, bytes changed, bytes added."""
    data = bytearray(valid)
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["cut", "flip", "insert"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "cut":
            del data[at:]
        elif kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=4))
    return bytes(data)


@st.composite
def progress_files(draw: st.DrawFn) -> bytes:
    valid = json.dumps(VALID_PROGRESS, indent=2).encode()
    if draw(st.booleans()):
        return draw(broken_bytes(valid))
    path = draw(st.lists(st.integers(0, 10), min_size=1, max_size=6))
    changed = replace_somewhere(VALID_PROGRESS, draw(json_values), path)
    return json.dumps(changed, indent=2).encode()


def user_files(home: Path) -> dict[str, bytes]:
    """The files a person keeps; the lock file is the tool's and may stay behind."""
    return {p.name: p.read_bytes() for p in home.iterdir() if p.is_file() and p.suffix != ".lock"}


def run_everything(home: Path) -> None:
    runner = CliRunner(env={**TERMINAL, "SKILLPATH_HOME": str(home)})
    for args in COMMANDS:
        before = user_files(home)
        result = runner.invoke(app, args)
        assert result.exit_code in (0, 1, 2), (args, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            args,
            repr(result.exception),
        )
        assert "Traceback" not in result.stderr
        if result.exit_code != 0:
            assert result.stderr.strip(), args
            assert user_files(home) == before, f"{args} failed but changed the files"


FUZZ = settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(content=progress_files())
def test_any_progress_file_gives_a_message_not_a_traceback(tmp_path: Path, content: bytes) -> None:
    home = Path(tempfile.mkdtemp(dir=tmp_path))
    (home / "profile.yaml").write_text(VALID_PROFILE, encoding="utf-8")
    (home / "progress.yaml").write_bytes(content)
    run_everything(home)


@FUZZ
@given(content=broken_bytes(VALID_PROFILE.encode()))
def test_any_profile_file_gives_a_message_not_a_traceback(tmp_path: Path, content: bytes) -> None:
    home = Path(tempfile.mkdtemp(dir=tmp_path))
    (home / "profile.yaml").write_bytes(content)
    run_everything(home)


@FUZZ
@given(lines=st.lists(st.binary(max_size=60) | json_values.map(lambda v: json.dumps(v).encode())))
def test_any_history_file_gives_a_message_not_a_traceback(
    tmp_path: Path, lines: list[bytes]
) -> None:
    home = Path(tempfile.mkdtemp(dir=tmp_path))
    (home / "profile.yaml").write_text(VALID_PROFILE, encoding="utf-8")
    (home / "history.jsonl").write_bytes(b"\n".join(lines))
    run_everything(home)
