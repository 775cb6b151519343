"""Streams that are full, closed or narrow, and a Ctrl-C before the command line is built:
each ends with at most one line on stderr and a known exit code, never a traceback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SKILLPATH = [sys.executable, "-m", "skillpath"]


def shell(script: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``script`` run by sh, with ``$SKILLPATH`` standing for the command."""
    command = " ".join(SKILLPATH)
    return subprocess.run(
        ["sh", "-c", script.replace("$SKILLPATH", command)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1", **env},
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("extra", [[], ["--json"], ["--format", "csv"]])
def test_a_full_disk_is_one_line_and_exit_1(extra: list[str]) -> None:
    result = shell(f"$SKILLPATH show rag {' '.join(extra)} > /dev/full")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    if extra == ["--json"]:
        assert json.loads(lines[0])["error"]["code"] == "output"
    else:
        assert lines[0] == "error: cannot write the output: No space left on device"


def test_a_closed_stdout_is_one_line_and_exit_1_before_anything_changes(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = shell("$SKILLPATH profile set --role ds --level jr >&-", SKILLPATH_HOME=str(home))
    assert result.returncode == 1
    assert result.stderr == (
        "error: standard output is closed, so the answer cannot be shown; "
        "send it somewhere, e.g. > FILE\n"
    )
    assert not home.exists()  # refused before the profile was written


@pytest.mark.parametrize("asked", ["--json", "-f json", "--format=JSON"])
def test_a_closed_stdout_under_json_is_a_json_error(asked: str) -> None:
    """Refused before the line is parsed, and still told as its options ask."""
    result = shell(f"$SKILLPATH show rag {asked} >&-")
    assert result.returncode == 1
    assert json.loads(result.stderr)["error"]["code"] == "output"


def test_a_closed_stderr_still_gives_the_exit_code() -> None:
    result = shell("$SKILLPATH show no-such-skill 2>&-")
    assert result.returncode == 2
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ("profile reset", "error: not resetting without asking; give --yes to reset from a script"),
        ("import -", "error: standard input is closed; give a file instead of '-'"),
    ],
)
def test_a_closed_stdin_is_one_line(args: str, message: str) -> None:
    result = shell(f"$SKILLPATH {args} <&-")
    assert result.returncode == 2
    assert result.stderr == message + "\n"


def test_an_ascii_terminal_gets_question_marks_in_tables_and_escapes_in_json() -> None:
    table = shell("$SKILLPATH show rag", PYTHONIOENCODING="ascii")
    assert table.returncode == 0, table.stderr
    assert table.stderr == ""
    assert "Retrieval-Augmented Generation  rag" in table.stdout
    assert "?" in table.stdout  # for the middle dot between domain and date
    ascii_json = shell("$SKILLPATH show rag --json", PYTHONIOENCODING="ascii")
    utf8_json = shell("$SKILLPATH show rag --json", PYTHONIOENCODING="utf-8")
    assert ascii_json.returncode == 0, ascii_json.stderr
    assert ascii_json.stdout.isascii()
    assert json.loads(ascii_json.stdout) == json.loads(utf8_json.stdout)
    assert shell("$SKILLPATH show rag --format yaml", PYTHONIOENCODING="ascii").returncode == 0


def test_ctrl_c_while_the_command_line_is_imported_ends_quietly() -> None:
    """Before `run` takes over, SIGINT ends the process as the shell expects: killed by
    the signal (status 130 in a shell), with nothing on stderr."""
    code = (
        "import os, signal, skillpath.__main__\n"
        "os.kill(os.getpid(), signal.SIGINT)\n"
        "import skillpath.cli.app\n"
        "print('not interrupted')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == -signal.SIGINT
    assert result.stdout == "" and result.stderr == ""


def test_ctrl_c_once_the_command_runs_exits_130_without_a_traceback() -> None:
    code = (
        "import os, signal, sys, skillpath.__main__\n"
        "from skillpath.framework import ladder\n"
        "def interrupted(*args):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    signal.pause()\n"
        "ladder.list_skills = interrupted\n"
        "sys.argv = ['skillpath', 'list']\n"
        "skillpath.__main__.main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 130
    assert result.stderr == ""


@pytest.fixture(scope="module")
def big_team(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose answers are more than a pipe holds, old enough to be cached."""
    from skillpath.loading import paths

    skills = tmp_path_factory.mktemp("big") / "team" / "skills"
    skills.mkdir(parents=True)
    text = (paths.bundled_root() / "skills" / "rag.yaml").read_text(encoding="utf-8")
    for number in range(800):  # next's checklist CSV is 400 bytes a skill
        path = skills / f"team-{number}.yaml"
        path.write_text(text.replace("id: rag\n", f"id: team-{number}\n", 1), encoding="utf-8")
    time.sleep(2.1)  # files changed in the last two seconds are never kept (cache.RECENT_NS)
    return skills.parent


@pytest.mark.parametrize(
    ("shape", "cached"),
    [("--json", ""), ("--json", "1"), ("--format=csv", "1"), ("--format=table", "1")],
    ids=["JSON kept", "JSON", "CSV", "table"],
)
def test_a_reader_that_leaves_early_is_exit_1_whatever_the_format(
    big_team: Path, tmp_path: Path, shape: str, cached: str
) -> None:
    """A large answer is taken by the pipe in part: the rest must fail, not be dropped
    with exit 0 (`skillpath next --json | head -c 10`)."""
    env = {
        **os.environ,
        "SKILLPATH_CACHE_DIR": str(tmp_path / "cache"),
        "SKILLPATH_NO_CACHE": cached,
        "COLUMNS": "100",
    }
    command = [*SKILLPATH, "next", "-r", "llm", "-l", "mid", shape, "-d", str(big_team)]
    whole = subprocess.run(command, capture_output=True, env=env, check=True).stdout
    assert len(whole) > 256 * 1024  # more than a pipe holds
    assert cached or list((tmp_path / "cache" / "answers").iterdir())
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.read(10) == whole[:10]
    reader.stdout.close()
    assert reader.wait(timeout=60) == 1
    assert reader.stderr.read() == b""  # a reader that left is told nothing
    reader.stderr.close()
