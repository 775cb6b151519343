"""Hostile and unlucky input: every file of the corpus in tests/hostile/, and the special
files no repository can hold (a FIFO, a link to /dev/zero, a 2 GiB sparse file), run
through the commands that read data. Each ends with a message and exit 1 or 2: no hang, no
traceback, no escape code from the data on the terminal."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from skillpath.cli.app import app
from tests.cli.test_data_folders import LADDER, skill_yaml
from tests.conftest import TERMINAL

CORPUS = Path(__file__).resolve().parent.parent / "hostile"
SKILL_FILES = sorted((CORPUS / "skills").glob("*.yaml"))
FRAMEWORK_FILES = sorted((CORPUS / "frameworks").glob("*.yaml"))


def run(*args: str) -> Result:
    return CliRunner(env={**TERMINAL, "SKILLPATH_PATH": ""}).invoke(app, list(args))


def assert_handled(result: Result, *codes: int) -> None:
    """The invariants: an expected exit code, a message, no traceback, no escape code."""
    assert isinstance(result.exception, SystemExit | None), result.exception
    assert result.exit_code in codes, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream and "\x9b" not in stream and "\u202e" not in stream
    if result.exit_code:
        assert result.stdout.strip() or result.stderr.strip()


def folder_with(tmp_path: Path, name: str, text: bytes) -> Path:
    folder = tmp_path / "team"
    (folder / "skills").mkdir(parents=True)
    (folder / "skills" / name).write_bytes(text)
    return folder


@pytest.mark.parametrize("path", SKILL_FILES, ids=lambda path: path.stem)
def test_each_hostile_skill_file_is_refused_with_a_message(tmp_path: Path, path: Path) -> None:
    folder = folder_with(tmp_path, "x.yaml", path.read_bytes())
    assert_handled(run("validate", str(folder)), 1)
    assert_handled(run("list", "-d", str(folder)), 1)
    assert_handled(run("show", "x", "-d", str(folder)), 1)
    assert_handled(run("next", "-r", "ds", "-l", "junior", "x", "-d", str(folder)), 1)
    assert_handled(run("search", "x", "-d", str(folder)), 1)


@pytest.mark.parametrize("path", FRAMEWORK_FILES, ids=lambda path: path.stem)
def test_each_hostile_framework_file_is_handled(tmp_path: Path, path: Path) -> None:
    folder = tmp_path / "team"
    (folder / "skills").mkdir(parents=True)
    (folder / "framework.yaml").write_bytes(path.read_bytes())
    (folder / "skills" / "x.yaml").write_text(skill_yaml("x", {"r": ["l1"]}), encoding="utf-8")
    for args in (("validate", str(folder)), ("roles",), ("levels",), ("list",), ("show", "x")):
        extra = () if args[0] == "validate" else ("-d", str(folder))
        assert_handled(run(*args, *extra), 0, 1)


def test_a_newline_in_a_key_cannot_forge_a_problem_line(tmp_path: Path) -> None:
    text = (CORPUS / "skills" / "newline-in-a-key.yaml").read_bytes()
    folder = folder_with(tmp_path, "x.yaml", text)
    lines = run("validate", str(folder)).stdout.splitlines()
    assert not any(line.startswith("forged.yaml") for line in lines)
    assert any("x\\x0aforged.yaml:1:1: all is well" in line for line in lines)


def test_an_alias_bomb_in_a_key_is_refused_at_the_key(tmp_path: Path) -> None:
    text = (CORPUS / "skills" / "alias-bomb-in-a-key.yaml").read_bytes()
    result = run("validate", str(folder_with(tmp_path, "x.yaml", text)))
    assert ":1:3: a key must be a name, not a list or mapping" in result.stdout


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("deep-flow-mappings", "nests deeper than 32 levels"),
        ("long-integer", "name: is a number of more than 4300 digits"),
        ("impossible-date-key", "unknown key '2026-02-30'"),
        ("impossible-date-value", "updated: must be a date written YYYY-MM-DD"),
        ("bad-explicit-tags", "id: 'abc' cannot be read as int"),
        ("c1-controls", "name: contains a control character (U+009B)"),
        ("bidi-override", "name: contains an invisible character that reorders text (U+202E)"),
        ("bidi-override", "notes: contains a control character (U+000D)"),
    ],
)
def test_values_python_cannot_make_or_show_are_data_problems(
    tmp_path: Path, name: str, message: str
) -> None:
    text = (CORPUS / "skills" / f"{name}.yaml").read_bytes()
    assert message in run("validate", str(folder_with(tmp_path, "x.yaml", text))).stdout


def test_many_unknown_keys_suggest_for_the_first_few_only(tmp_path: Path) -> None:
    text = (CORPUS / "skills" / "many-unknown-keys.yaml").read_bytes()
    out = run("validate", str(folder_with(tmp_path, "x.yaml", text))).stdout
    # the first 50 of a file's problems are listed, then how many more there are
    assert out.count("did you mean") + out.count("expected one of") == 50
    assert "unknown-key-49'; expected one of: id, name" in out
    assert "351 more problems: fix these and run it again" in out
    assert out.splitlines()[-1] == "401 problems in 1 file."


def test_a_duplicate_level_id_is_a_problem(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    (folder / "skills").mkdir(parents=True)
    shutil.copy(CORPUS / "frameworks" / "duplicate-level-id.yaml", folder / "framework.yaml")
    (folder / "skills" / "x.yaml").write_text(skill_yaml("x", {"r": ["l1"]}), encoding="utf-8")
    result = run("validate", str(folder))
    assert "levels[1].id: the level 'l1' is listed twice; keep one" in result.stdout
    assert result.exit_code == 1


# -- files that are not files ---------------------------------------------------------------


def special_folder(tmp_path: Path, make: str) -> Path:
    folder = tmp_path / "team"
    (folder / "skills").mkdir(parents=True)
    target = folder / "skills" / "x.yaml"
    if make == "fifo":
        os.mkfifo(target)
    elif make == "dev-zero":
        target.symlink_to("/dev/zero")
    elif make == "folder":
        target.mkdir()
    elif make == "sparse":
        with target.open("wb") as file:
            file.truncate(2 * 1024**3)  # 2 GiB of nothing, on no disk space
    return folder


SPECIAL = {
    "fifo": "is not a regular file (a pipe, device or socket)",
    "dev-zero": "is not a regular file (a pipe, device or socket)",
    "folder": "is a folder, not a file",
    "sparse": f"is {2 * 1024**3} bytes; data files are limited to 1 MiB",
}


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")
@pytest.mark.parametrize("make", SPECIAL)
def test_a_skill_file_that_is_no_regular_file_is_refused_without_reading(
    tmp_path: Path, make: str
) -> None:
    folder = special_folder(tmp_path, make)
    result = run("list", "-d", str(folder))
    assert_handled(result, 1)
    assert result.stderr == f"error: {folder / 'skills' / 'x.yaml'}: {SPECIAL[make]}\n"
    assert_handled(run("validate", str(folder)), 1)


@pytest.mark.parametrize("name", [".#x.yaml", "._x.yaml", ".hidden.yaml"])
def test_editor_and_system_files_beside_the_skills_are_ignored(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "team"
    (folder / "skills").mkdir(parents=True)
    (folder / "skills" / "x.yaml").write_text(
        skill_yaml("x", {"data-scientist": LADDER}), encoding="utf-8"
    )
    junk = folder / "skills" / name
    if name.startswith(".#"):
        junk.symlink_to("user@host.1234:1700000000")  # what Emacs leaves: a dangling link
    else:
        junk.write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
    result = run("list", "-d", str(folder), "--json")
    assert_handled(result, 0)
    assert "x" in result.stdout
    assert run("validate", str(folder)).stdout.splitlines()[-1] == "0 problems in 1 file."


# -- paths that cannot even be looked at -----------------------------------------------------


def test_a_data_folder_whose_name_is_too_long_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / ("n" * 300)
    for args in (("list", "-d", str(folder)), ("validate", str(folder))):
        result = run(*args)
        assert_handled(result, 1)
        assert "File name too long" in result.stdout + result.stderr


def test_a_home_whose_name_is_too_long_is_a_clear_error(tmp_path: Path) -> None:
    runner = CliRunner(env={**TERMINAL, "SKILLPATH_HOME": str(tmp_path / ("h" * 300))})
    for args in (["next"], ["progress"], ["done", "rag:1"], ["profile", "show"]):
        result = runner.invoke(app, args)
        assert_handled(result, 1, 2)
        assert "Traceback" not in result.stderr


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root enters every folder"
)
def test_a_data_folder_inside_a_folder_the_user_cannot_enter_is_a_clear_error(
    tmp_path: Path,
) -> None:
    shut = tmp_path / "shut"
    (shut / "team" / "skills").mkdir(parents=True)
    shut.chmod(0o600)
    try:
        for args in (("list", "-d", str(shut / "team")), ("validate", str(shut / "team"))):
            result = run(*args)
            assert_handled(result, 1)
            assert "Permission denied" in result.stdout + result.stderr
    finally:
        shut.chmod(0o700)


def test_a_search_of_too_many_words_is_a_usage_error() -> None:
    result = run("search", *(f"word{n}" for n in range(2000)))
    assert_handled(result, 2)
    assert result.stderr == (
        "error: a search takes at most 32 words, not 2000; every word must match, "
        "so a few rare ones find the most\n"
    )


@pytest.mark.parametrize("how", ["as a target", "on the data path"])
def test_a_file_that_stops_the_framework_loading_is_counted(tmp_path: Path, how: str) -> None:
    folder = tmp_path / "team"
    (folder / "skills").mkdir(parents=True)
    (folder / "framework.yaml").write_text("levels: [\n", encoding="utf-8")
    result = (
        run("validate", str(folder)) if how == "as a target" else run("validate", "-d", str(folder))
    )
    assert result.stdout.splitlines()[-1] == "1 problem in 1 file."


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
@pytest.mark.parametrize("make", ["fifo", "sparse", "folder"])
def test_import_reads_no_page_that_is_no_small_regular_file(tmp_path: Path, make: str) -> None:
    page = special_folder(tmp_path, make) / "skills" / "x.yaml"
    result = run("import", str(page))
    assert_handled(result, 1)
    assert result.stderr == f"error: {page}: {SPECIAL[make]}\n"


def test_import_reads_at_most_the_limit_from_stdin() -> None:
    result = CliRunner(env=TERMINAL).invoke(app, ["import", "-"], input=b"x" * (1024**2 + 10))
    assert_handled(result, 1)
    assert (
        result.stderr
        == f"error: <stdin>: is {1024**2 + 1} bytes; data files are limited to 1 MiB\n"
    )


@pytest.mark.parametrize(
    "path",
    [path for path in SKILL_FILES if "key" in path.stem],
    ids=lambda path: path.stem,
)
def test_json_errors_carry_no_escape_code_from_a_key(tmp_path: Path, path: Path) -> None:
    folder = folder_with(tmp_path, "x.yaml", path.read_bytes())
    assert_handled(run("validate", str(folder), "--json"), 1)
    assert_handled(run("list", "-d", str(folder), "--json"), 1)


def test_a_folder_the_user_may_not_look_into_is_a_clear_error_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the kernel says for a folder inside one without search permission, made to
    happen for any user (root enters every folder)."""
    shut = tmp_path / "shut" / "team"
    real_stat = Path.stat

    def stat(path: Path, *args: object, **kwargs: object) -> os.stat_result:
        if path == shut or shut in path.parents:
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", stat)
    result = run("list", "-d", str(shut))
    assert_handled(result, 1)
    assert result.stderr == f"error: {shut}: cannot be read: Permission denied\n"
    assert run("validate", str(shut)).stdout.startswith(f"{shut}: cannot be read: Permission")
