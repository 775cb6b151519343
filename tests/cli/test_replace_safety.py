"""Every place besides the site and the cache that replaces or removes a file (`import -o
--force`, `import --into --force`, `new -o`, `list -o`, `profile reset`, the state files
and their lock) is given a hostile path: a link to a file elsewhere, a link among the
folders on the way, a folder or a FIFO where a file should be. Each refuses in one line
that names the path, and the file elsewhere is never touched. `import --into` checks every
file before it writes one."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from skillpath.errors import DataError
from tests.cli.test_write_safety import CSV, LEVELS, ROW, assert_refused
from tests.conftest import Invoke

MIDDLE = ("--role", "llm", "--level", "mid")
pytestmark = pytest.mark.skipif(os.name == "nt", reason="FIFOs and links are POSIX here")


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file outside every folder the tool is given, which must never change."""
    path = tmp_path / "elsewhere" / "victim.txt"
    path.parent.mkdir()
    path.write_text("precious\n", encoding="utf-8")
    return path


def one_skill_csv(tmp_path: Path, skill: str = "team-x") -> Path:
    path = tmp_path / f"{skill}.csv"
    rows = CSV + "".join(ROW.format(level=level) for level in LEVELS)
    path.write_text(rows.replace("team-x", skill), encoding="utf-8")
    return path


def three_skills_csv(tmp_path: Path) -> Path:
    path = tmp_path / "three.csv"
    rows = "".join(
        ROW.format(level=level).replace("team-x", skill)
        for skill in ("team-a", "team-b", "team-c")
        for level in LEVELS
    )
    path.write_text(CSV + rows, encoding="utf-8")
    return path


def hostile(kind: str, path: Path, victim: Path) -> None:
    """Put ``kind`` at ``path``: a link to the victim, a folder, or a FIFO."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "link":
        path.symlink_to(victim)
    elif kind == "folder":
        path.mkdir()
    else:
        os.mkfifo(path)


WORDS = {"link": "is a symbolic link", "folder": "is a folder", "fifo": "is not a regular file"}


# -- --output: import, new, list ---------------------------------------------------------


@pytest.mark.parametrize("kind", ["link", "folder", "fifo"])
def test_import_output_force_replaces_only_a_regular_file(
    invoke: Invoke, tmp_path: Path, victim: Path, kind: str
) -> None:
    target = tmp_path / "out" / "team-x.yaml"
    hostile(kind, target, victim)
    result = invoke("import", str(one_skill_csv(tmp_path)), "-o", str(target), "--force")
    assert_refused(result, target, WORDS[kind])
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert target.is_symlink() == (kind == "link")


@pytest.mark.parametrize(
    "command",
    [
        ["import", "{csv}", "-o", "team/skills/team-x.yaml"],
        ["import", "{csv}", "-o", "team/skills/team-x.yaml", "--force"],
        ["new", "team-x", "-o", "team/skills/team-x.yaml"],
        ["list", "-f", "csv", "-o", "team/skills/all.csv"],
    ],
)
def test_output_through_a_linked_folder_is_refused(
    invoke: Invoke,
    tmp_path: Path,
    victim: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    """A checkout whose skills/ is a link to a folder of the user's elsewhere."""
    csv = one_skill_csv(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "skills").symlink_to(victim.parent, target_is_directory=True)
    result = invoke(*(part.format(csv=csv) for part in command))
    assert_refused(result, Path("team/skills"), "is a symbolic link")
    assert sorted(p.name for p in victim.parent.iterdir()) == ["victim.txt"]


def test_new_output_never_writes_through_a_link_at_its_file(
    invoke: Invoke, tmp_path: Path, victim: Path
) -> None:
    target = tmp_path / "team-x.yaml"
    target.symlink_to(victim)
    result = invoke("new", "team-x", "-o", str(target))
    assert_refused(result, target, "already exists; nothing was written")
    assert victim.read_text(encoding="utf-8") == "precious\n"
    dangling = tmp_path / "team-y.yaml"
    dangling.symlink_to(tmp_path / "elsewhere" / "made.yaml")
    result = invoke("new", "team-y", "-o", str(dangling))
    assert_refused(result, dangling, "already exists; nothing was written")
    assert not (tmp_path / "elsewhere" / "made.yaml").exists()


# -- import --into: every file checked first ----------------------------------------------


@pytest.mark.parametrize("kind", ["link", "folder", "fifo"])
def test_import_into_writes_nothing_when_a_later_file_is_not_one_to_replace(
    invoke: Invoke, tmp_path: Path, victim: Path, kind: str
) -> None:
    team = tmp_path / "team"
    hostile(kind, team / "skills" / "team-c.yaml", victim)
    result = invoke("import", str(three_skills_csv(tmp_path)), "--into", str(team), "--force")
    assert_refused(result, team / "skills" / "team-c.yaml", WORDS[kind])
    assert sorted(p.name for p in (team / "skills").iterdir()) == ["team-c.yaml"]
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_import_into_a_file_where_the_skills_folder_should_be(
    invoke: Invoke, tmp_path: Path
) -> None:
    team = tmp_path / "team"
    team.mkdir()
    (team / "skills").write_text("mine\n", encoding="utf-8")
    result = invoke("import", str(three_skills_csv(tmp_path)), "--into", str(team))
    assert_refused(result, team / "skills", "is in the way: a file where a folder should be")
    assert (team / "skills").read_text(encoding="utf-8") == "mine\n"


def test_a_write_that_fails_midway_says_which_files_were_written(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skillpath.cli import authoring

    real = authoring.write_inside
    calls: list[str] = []

    def fails_on_the_third(root: Path, relative: str, text: str, **options: bool) -> Path:
        calls.append(relative)
        if len(calls) == 3:
            raise DataError.single(root / relative, "cannot be written: No space left on device")
        return real(root, relative, text, **options)

    monkeypatch.setattr(authoring, "write_inside", fails_on_the_third)
    team = tmp_path / "team"
    result = invoke("import", str(three_skills_csv(tmp_path)), "--into", str(team))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"error: {team / 'skills' / 'team-c.yaml'}: cannot be written: No space left on device",
        f"error: {team / 'skills'}: 2 of 3 files were written before it: team-a.yaml, team-b.yaml",
    ]


# -- profile reset, the state files and their lock ----------------------------------------


@pytest.mark.parametrize("kind", ["link", "fifo"])
def test_profile_reset_removes_only_a_regular_file(
    invoke: Invoke, fresh_home: Path, victim: Path, kind: str
) -> None:
    profile = fresh_home / "profile.yaml"
    hostile(kind, profile, victim)
    result = invoke("profile", "reset", "--yes")
    assert_refused(result, profile, "nothing was removed")
    assert WORDS[kind] in result.stderr
    assert profile.is_symlink() == (kind == "link") and os.path.lexists(profile)
    assert victim.read_text(encoding="utf-8") == "precious\n"


@pytest.mark.parametrize("kind", ["link", "folder", "fifo"])
def test_a_lock_file_that_is_not_a_file_of_its_own_stops_the_change(
    invoke: Invoke, fresh_home: Path, victim: Path, kind: str
) -> None:
    lock = fresh_home / ".skillpath.lock"
    hostile(kind, lock, victim)
    result = invoke("done", "rag:1", *MIDDLE)
    assert_refused(result, lock, "skillpath locks only a file of its own there")
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not (fresh_home / "progress.yaml").exists()


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_state_file_linked_to_something_not_a_file_is_not_replaced(
    invoke: Invoke, tmp_path: Path, fresh_home: Path, kind: str
) -> None:
    """Written through a link (a dotfiles checkout) only to a regular file."""
    odd = tmp_path / "dotfiles" / "profile.yaml"
    hostile(kind, odd, odd)
    fresh_home.mkdir()
    (fresh_home / "profile.yaml").symlink_to(odd)
    result = invoke("profile", "set", *MIDDLE)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert str(odd) in result.stderr or str(fresh_home / "profile.yaml") in result.stderr
    assert (fresh_home / "profile.yaml").is_symlink()


def test_the_first_release_backup_is_never_written_through_a_link(
    invoke: Invoke, tmp_path: Path, fresh_home: Path
) -> None:
    from tests.cli.test_marks_history_and_state_files import FIRST_RELEASE

    fresh_home.mkdir()
    (fresh_home / "progress.yaml").write_text(FIRST_RELEASE, encoding="utf-8")
    planted = tmp_path / "elsewhere-made.yaml"
    (fresh_home / "progress.v1.yaml").symlink_to(planted)  # dangling: exists() says no
    assert invoke("done", "rag:2", *MIDDLE).exit_code == 0
    assert not planted.exists()
    assert (fresh_home / "progress.v1-2.yaml").read_text(encoding="utf-8") == FIRST_RELEASE
    assert json.loads((fresh_home / "progress.yaml").read_text(encoding="utf-8"))["version"] == 2
