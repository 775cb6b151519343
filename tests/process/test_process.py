"""What only a real process shows: start-up imports, pipes closed early, Ctrl-C."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

NEXT_JSON = ["next", "--role", "LLM Engineer", "--level", "middle", "--json"]


def modules_after(args: list[str]) -> set[str]:
    """The modules a run of ``skillpath ARGS`` imported, in a fresh interpreter, its stdout
    UTF-8 bytes as a pipe's is, and the cache in the user's cache folder."""
    code = (
        "import sys, json, contextlib, io\n"
        "from skillpath.cli.app import app\n"
        "with contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO(), encoding='utf-8')):\n"
        "    try:\n"
        f"        app({args!r}, prog_name='skillpath')\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = {name: value for name, value in os.environ.items() if name != "SKILLPATH_CACHE_DIR"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    return set(json.loads(out))


def test_the_json_path_never_imports_rich() -> None:
    loaded = modules_after(NEXT_JSON)
    assert "skillpath.render.jsonfmt" in loaded
    assert not {name for name in loaded if name == "rich" or name.startswith("rich.")}


def test_the_bundled_data_alone_needs_no_cache_and_no_sqlite() -> None:
    for args in (NEXT_JSON, ["show", "deep-learning"], ["list", "--json"]):
        loaded = modules_after(args)
        unwanted = {
            "sqlite3",
            "platformdirs",
            "skillpath.loading.cache",
            "skillpath.loading.answers",
        }
        assert not unwanted & loaded, args


def test_only_a_workbook_imports_openpyxl() -> None:
    """The xlsx extra costs nothing where no workbook is read or written."""
    for args in (["list"], ["list", "--json"], ["list", "-f", "csv"], NEXT_JSON):
        assert not {name for name in modules_after(args) if name.startswith("openpyxl")}, args


@pytest.mark.parametrize("args", [NEXT_JSON, ["show", "deep-learning"], ["--help"]])
def test_no_other_command_loads_the_mcp_sdk_even_where_it_is_installed(args: list[str]) -> None:
    loaded = modules_after(args)
    assert not {name for name in loaded if name.split(".")[0] in {"mcp", "mcp_types", "anyio"}}
    assert "skillpath.assistant" not in loaded


def test_a_table_imports_rich_and_importing_skillpath_reads_nothing() -> None:
    assert "rich" in modules_after(["show", "deep-learning"])
    code = "import sys, skillpath.cli.app; print('yaml' in sys.modules, 'rich' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "False"]


@pytest.mark.parametrize("args", [["show", "deep-learning"], NEXT_JSON])
def test_a_reader_that_stops_early_gets_no_error_text(args: list[str]) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "skillpath", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # like `| head -1` that has already read its line
    with process.stderr:
        error = process.stderr.read()
    process.wait(timeout=30)
    assert error == b""
    assert process.returncode in (0, 1)


def test_interrupt_exits_130_without_a_traceback(invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from skillpath.framework import ladder

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ladder, "list_skills", interrupted)
    result = invoke("list")
    assert result.exit_code == 130
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_a_run_imports_only_the_family_of_the_command_it_asks_for() -> None:
    loaded = modules_after(NEXT_JSON)
    assert "skillpath.cli.framework" in loaded
    assert not {"skillpath.cli.growth", "skillpath.cli.authoring", "skillpath.plan.growth"} & loaded
    # nor what other commands of its family need: `search`'s index
    assert "skillpath.framework.search" not in loaded
    assert "skillpath.plan.asking" not in modules_after(["show", "deep-learning", "--json"])
    assert "skillpath.cli.authoring" in modules_after(["validate", "--json"])


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (["show", "deep-learning", "--json"], 0, '"deep-learning"'),
        (["nxt"], 2, "Did you mean 'next'?"),
        (["show", "--help"], 0, "Usage: skillpath show"),
    ],
)
def test_the_console_entry_point_runs_commands_whole(args: list[str], code: int, text: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "skillpath", *args], capture_output=True, text=True, check=False
    )
    assert result.returncode == code
    assert text in result.stdout + result.stderr


def test_the_program_leaves_its_objects_to_the_system_at_exit() -> None:
    """Python's walk over every object at exit is a fifth of a short run; `run` freezes
    them first (cli/app.py), and the answer is still written whole."""
    code = (
        "import atexit, gc, sys\n"
        "from skillpath.cli.app import run\n"
        "atexit.register(lambda: print(gc.get_freeze_count() > 0, file=sys.stderr))\n"
        "sys.argv = ['skillpath', 'levels', '--json']\n"
        "run()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stderr.strip() == "True"
    assert json.loads(result.stdout)["levels"]
