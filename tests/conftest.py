"""Shared fixtures: a CLI runner that sees a fixed, colourless 80-column terminal, and data
folders that a test may break without touching the bundled data."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from skillpath.cli.app import app
from skillpath.loading import paths

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "data"
TERMINAL = {"COLUMNS": "80", "LINES": "40", "NO_COLOR": "1", "TERM": "dumb"}

Invoke = Callable[..., Result]


@pytest.fixture(autouse=True)
def fresh_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty profile and progress, never the real user's ..."""
    home = tmp_path / "skillpath-home"
    monkeypatch.setenv("SKILLPATH_HOME", str(home))
    # ... and its own cache: a test never reads or writes the user's.
    monkeypatch.setenv("SKILLPATH_CACHE_DIR", str(tmp_path / "skillpath-cache"))
    monkeypatch.delenv("SKILLPATH_NO_CACHE", raising=False)
    monkeypatch.delenv("SKILLPATH_PATH", raising=False)
    return home


@pytest.fixture
def invoke() -> Invoke:
    """Run ``skillpath ARGS...`` in-process, as a user at an 80-column terminal would."""
    runner = CliRunner(env=TERMINAL)

    def run(*args: str, columns: int = 80) -> Result:
        return runner.invoke(app, list(args), env={"COLUMNS": str(columns)}, catch_exceptions=False)

    return run


@pytest.fixture
def invoke_json(invoke: Invoke) -> Callable[..., Any]:
    """Run a command with ``--json``, check it succeeded quietly, return the parsed object."""

    def run(*args: str) -> Any:
        result = invoke(*args, "--json")
        assert result.exit_code == 0, result.stderr
        assert result.stderr == ""
        return json.loads(result.stdout)

    return run


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled data that the CLI reads instead, for tests that break it."""
    copy = tmp_path / "data"
    shutil.copytree(BUNDLED, copy)
    monkeypatch.setattr(paths, "bundled_root", lambda: copy)
    return copy
