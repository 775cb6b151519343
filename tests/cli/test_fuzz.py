"""Fuzzing the data files: Hypothesis mutates a bundled skill file and framework.yaml, by
bytes and by structure, and runs the loader and the commands that read them, in-process.

The invariants: the loader raises nothing but ``DataError``; every command ends with exit
0, 1 or 2, says something when it fails, shows no traceback, and no escape code or
reordering mark from the data reaches stdout or stderr.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from skillpath.cli.app import app
from skillpath.errors import DataError
from skillpath.loading import Catalog
from tests.conftest import BUNDLED, TERMINAL

SKILL = "rag"
SKILL_TEXT = (BUNDLED / "skills" / f"{SKILL}.yaml").read_bytes()
FRAMEWORK_TEXT = (BUNDLED / "framework.yaml").read_bytes()

# What hostile files are made of: YAML's own syntax, aliases, tags, escape codes (raw and
# as YAML escapes), C1 and bidi characters in UTF-8, bytes that are not UTF-8.
PIECES = [
    b"\n",
    b"  ",
    b": ",
    b"- ",
    b"? ",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b"&a ",
    b"*a",
    b"<<: *a\n",
    b"!!int ",
    b"!!binary ",
    b"!!python/object:os.system ",
    b'"',
    b"'",
    b"#",
    b"\t",
    b"\x1b[31m",
    b'"\\e]2;PWNED\\a"',
    b'"\\x9b2J"',
    b"\xc2\x9b",
    b"\xe2\x80\xae",
    b"\xff",
    b"\x00",
    b"2026-02-30",
    b"9" * 4301,
    b"yes",
    b"~",
    b"draft: true\n",
]

chunk = st.one_of(st.sampled_from(PIECES), st.binary(max_size=4))


@st.composite
def byte_mutations(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with a few cuts, insertions and repeats at random places."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "repeat"]))
        length = draw(st.integers(1, 40))
        if action == "insert":
            data[at:at] = draw(chunk)
        elif action == "delete":
            del data[at : at + length]
        elif action == "replace":
            data[at : at + length] = draw(chunk)
        else:
            data[at:at] = data[at : at + length] * draw(st.integers(2, 50))
    return bytes(data)


HOSTILE_VALUES = st.one_of(
    st.sampled_from(
        [
            "\x1b]2;PWNED\x07",
            "\x9b31m",
            "\u202eevil",
            "a\nforged.yaml:1:1: ok",
            "",
            " ",
            "[/]",
            "[link=https://example.com]x[/link]",
            "=HYPERLINK(1)",
            "<script>",
        ]
    ),
    st.integers(),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=2),
    st.text(max_size=20),
)


def paths_in(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths_in(value, (*here, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths_in(value, (*here, index))
    return found


@st.composite
def structure_mutations(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` parsed, with a node replaced, a key renamed or a node nested deep, and
    written back as YAML."""
    tree = yaml.safe_load(original)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(paths_in(tree)))
        if not where:
            continue
        parent = tree
        for step in where[:-1]:
            parent = parent[step]
        last = where[-1]
        action = draw(st.sampled_from(["value", "rename", "nest", "drop"]))
        if action == "value":
            parent[last] = draw(HOSTILE_VALUES)
        elif action == "rename" and isinstance(parent, dict):
            key = draw(st.one_of(HOSTILE_VALUES.filter(lambda v: not isinstance(v, list))))
            parent[key] = parent.pop(last)
        elif action == "nest":
            value = parent[last]
            for _ in range(draw(st.integers(1, 60))):
                value = {"a": value}
            parent[last] = value
        elif isinstance(parent, dict):
            del parent[last]
    return yaml.safe_dump(tree, allow_unicode=draw(st.booleans()), sort_keys=False).encode()


def run(*args: str) -> Result:
    return CliRunner(env={**TERMINAL, "SKILLPATH_PATH": ""}).invoke(app, list(args))


def assert_handled(result: Result) -> None:
    assert isinstance(result.exception, SystemExit | None), repr(result.exception)
    assert result.exit_code in (0, 1, 2), result.exit_code
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code:
        assert (result.stdout + result.stderr).strip()
    for stream in (result.stdout, result.stderr):
        for char in ("\x1b", "\x9b", "\x9d", "\u202e"):
            assert char not in stream, (char, stream[:400])


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder of framework.yaml and one skill, which each example overwrites."""
    copy = tmp_path_factory.mktemp("fuzz") / "data"
    (copy / "skills").mkdir(parents=True)
    # Only the file under test: every command then reads two files, not two dozen.
    shutil.copy(BUNDLED / "skills" / f"{SKILL}.yaml", copy / "skills")
    return copy


def check_folder(folder: Path, skill_text: bytes, framework_text: bytes) -> None:
    (folder / "skills" / f"{SKILL}.yaml").write_bytes(skill_text)
    (folder / "framework.yaml").write_bytes(framework_text)
    with contextlib.suppress(DataError):  # the one failure the loader may have
        Catalog(folder).skill(SKILL)
    options = ("--data-dir", str(folder))
    assert_handled(run("validate", str(folder)))
    assert_handled(run("show", SKILL, *options))
    assert_handled(run("next", "-r", "llm", "-l", "middle", *options, "--json"))


FUZZ = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


@FUZZ
@given(byte_mutations(SKILL_TEXT))
def test_a_skill_file_mutated_byte_by_byte(folder: Path, text: bytes) -> None:
    check_folder(folder, text, FRAMEWORK_TEXT)


@FUZZ
@given(structure_mutations(SKILL_TEXT))
def test_a_skill_file_mutated_in_structure(folder: Path, text: bytes) -> None:
    check_folder(folder, text, FRAMEWORK_TEXT)


@FUZZ
@given(st.one_of(byte_mutations(FRAMEWORK_TEXT), structure_mutations(FRAMEWORK_TEXT)))
def test_a_framework_file_mutated(folder: Path, text: bytes) -> None:
    check_folder(folder, SKILL_TEXT, text)
