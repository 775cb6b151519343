"""The package users get: the wheel and sdist carry the data, and an installed skillpath finds
it from any folder. Builds and installs for real, so it is marked slow (it runs by default)."""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, REPO

NEXT_JSON = ["next", "--role", "LLM Engineer", "--level", "middle", "--json"]
DATA_FILES = sorted(path.relative_to(BUNDLED).as_posix() for path in BUNDLED.rglob("*.yaml"))


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    return out


@pytest.mark.slow
def test_the_wheel_carries_every_data_file(dist: Path) -> None:
    [wheel] = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for name in DATA_FILES:
        assert f"skillpath/data/{name}" in names
    for schema in ("list", "show", "next", "roles", "levels", "error"):
        assert f"skillpath/schemas/{schema}.json" in names
    assert "skillpath/data/.snapshot.json" in names
    assert not any(name.startswith("data/") for name in names)


@pytest.mark.slow
def test_the_sdist_carries_the_data_and_the_tests(dist: Path) -> None:
    [sdist] = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {f"data/{name}" for name in DATA_FILES} <= names
    assert {"README.md", "pyproject.toml", "tests/cli/test_commands.py"} <= names


@pytest.mark.slow
def test_an_installed_skillpath_runs_from_any_folder(dist: Path, tmp_path: Path) -> None:
    [wheel] = dist.glob("*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run(
        [bin_dir / "python", "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    shown = subprocess.run(
        [bin_dir / "skillpath", "show", "deep-learning"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
        env={"COLUMNS": "80", "NO_COLOR": "1", "PATH": str(bin_dir)},
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stderr == ""
    assert "2 roles · 5 levels · 0 required · 10 optional" in shown.stdout

    listed = subprocess.run(
        [bin_dir / "python", "-m", "skillpath", "list", "--json"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "deep-learning" in [skill["id"] for skill in json.loads(listed.stdout)["skills"]]
    # the installed copy reads the data inside the package, not this checkout's data/
    where = subprocess.run(
        [
            bin_dir / "python",
            "-c",
            "from skillpath.loading import bundled_root; print(bundled_root())",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(env_dir)

    # The MCP SDK is an extra: the plain install has none, and `skillpath mcp` says how to
    # get it, while `--help` still lists the command.
    sdk = subprocess.run(
        [bin_dir / "python", "-c", "import importlib.util as u; print(u.find_spec('mcp'))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert sdk.stdout == "None\n"
    served = subprocess.run(
        [bin_dir / "skillpath", "mcp"], cwd=elsewhere, capture_output=True, text=True, check=False
    )
    assert (served.returncode, served.stdout) == (1, "")
    assert 'pip install "skillpath[mcp]"' in served.stderr
    assert "Traceback" not in served.stderr
    helped = subprocess.run(
        [bin_dir / "skillpath", "--help"], capture_output=True, text=True, check=True
    )
    assert "\n  mcp " in helped.stdout

    # The wheel's snapshot of its data spares an answer from PyYAML, state files included.
    home = {"SKILLPATH_HOME": str(tmp_path / "home"), "PATH": str(bin_dir)}
    runs = [["next", "-r", "llm", "-l", "mid", "--json"], ["show", "rag", "--json"]]
    for _ in range(2):  # the second run reads the progress file the first one wrote
        assert "yaml" not in modules_after_runs(bin_dir, elsewhere, runs, home)

    # What start-up costs (benchmarks/startup.py): `next --json` on the bundled data, as a
    # user with no SKILLPATH_HOME runs it, loads none of the libraries it does not need.
    user_home = tmp_path / "user"
    user_home.mkdir()
    user = {"HOME": str(user_home), "PATH": str(bin_dir)}
    modules = modules_after_runs(bin_dir, elsewhere, [NEXT_JSON], user)
    unneeded = {"yaml", "rich", "sqlite3", "skillpath.framework.search", "skillpath.plan.growth"}
    unneeded |= {"skillpath.assistant", "skillpath.cli.assistant"}
    if sys.platform == "linux":  # the state folder is named without it (store.py)
        unneeded.add("platformdirs")
    assert not unneeded & modules


def modules_after_runs(
    bin_dir: Path, cwd: Path, runs: list[list[str]], env: dict[str, str]
) -> set[str]:
    """The modules an installed skillpath imported to answer each of ``runs`` in turn."""
    code = (
        "import sys, json, io, contextlib\n"
        "from skillpath.cli.app import run\n"
        f"for args in {runs!r}:\n"
        "    sys.argv = ['skillpath', *args]\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        try:\n"
        "            run()\n"
        "        except SystemExit as end:\n"
        "            assert not end.code, end.code\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    loaded = subprocess.run(
        [bin_dir / "python", "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return set(json.loads(loaded.stdout))
