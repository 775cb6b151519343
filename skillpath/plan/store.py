"""The state folder: the user's profile, progress and history, loaded and saved under a lock.

The folder is ``$SKILLPATH_HOME`` when set, else the user's config folder (platformdirs'
choice, named without importing it on Linux).
Files are plain text a person can read. Reading never writes: no folder, file or lock is
made by a query. Every write takes the folder's lock, re-reads the file, applies the change
(a pure function of ``plan``), checks that the result reads back, and replaces the file
atomically, so two runs at once lose nothing and nothing is written that would be refused
later; a file that does not parse is reported with its line and never overwritten.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from skillpath.errors import DataError
from skillpath.loading.document import MAX_FILE_BYTES, Document, read_document
from skillpath.loading.files import read_bounded, write_replacing
from skillpath.loading.paths import kind_of_path

from .model import Change, Profile, Progress
from .statefiles import build_history, build_profile, build_progress, history_line

HOME_VARIABLE = "SKILLPATH_HOME"
APP_NAME = "skillpath"  # the folder's name in the user's config folder
PROFILE_FILE = "profile.yaml"
PROGRESS_FILE = "progress.yaml"
HISTORY_FILE = "history.jsonl"
LOCK_FILE = ".skillpath.lock"
FIRST_RELEASE_BACKUP = "progress.v1.yaml"  # a first-release file, kept when it is migrated


def home() -> Path:
    configured = os.environ.get(HOME_VARIABLE)
    if configured:
        return Path(configured)
    return linux_config_folder() or _platform_config_folder()


def linux_config_folder() -> Path | None:
    """The folder platformdirs names on Linux, where every platformdirs release names the
    same one: ``$XDG_CONFIG_HOME/skillpath`` for an absolute XDG_CONFIG_HOME, else
    ``$HOME/.config/skillpath`` for an absolute HOME. None elsewhere (a relative or empty
    variable, another system), where platformdirs decides.

    Importing platformdirs is a few milliseconds of every start (benchmarks/startup.py), and
    every command reads the profile; tests/unit/test_state_folder.py keeps the two in step.
    """
    if sys.platform != "linux" or "ANDROID_DATA" in os.environ:
        return None
    xdg = os.environ.get("XDG_CONFIG_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg, APP_NAME)
    user_home = os.environ.get("HOME", "")
    if not xdg and os.path.isabs(user_home):
        return Path(user_home, ".config", APP_NAME)
    return None


def _platform_config_folder() -> Path:
    import platformdirs  # deferred: see linux_config_folder

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def load_profile(folder: Path | None = None) -> Profile:
    return build_profile(_read(folder, PROFILE_FILE))


def profile_file(folder: Path | None = None) -> str:
    """Where the profile is kept, as a person would type it."""
    return str((folder or home()) / PROFILE_FILE)


def update_profile(
    change: Callable[[Profile], Profile], folder: Path | None = None
) -> tuple[Profile, Profile]:
    """Apply ``change`` to the profile on disk, under the lock; the profile before and after."""
    return _update(PROFILE_FILE, load_profile, _profile_yaml, build_profile, change, folder)


def _profile_yaml(profile: Profile) -> str:
    from skillpath.authoring.yamlwrite import scalar

    lines = ["# skillpath profile: your role and level (edit with `skillpath profile set`)"]
    if profile.role:
        lines.append(f"role: {profile.role}")
    if profile.level:
        lines.append(f"level: {profile.level}")
    if profile.skills:
        lines.append("skills:  # where your level in a skill differs")
        lines += [f"  {skill}: {level}" for skill, level in sorted(profile.skills.items())]
    if profile.data_dirs:
        lines.append("data_dirs:  # folders of framework data read on every run")
        lines += [f"  - {scalar(folder)}" for folder in profile.data_dirs]
    return "\n".join(lines) + "\n"


def reset_profile(folder: Path | None = None) -> bool:
    path = (folder or home()) / PROFILE_FILE
    if kind_of_path(path.parent) is None:  # nothing to reset; make no folder to say so
        return False
    with _locked(path.parent):
        try:
            info = path.lstat()
        except FileNotFoundError:
            return False
        except OSError as error:
            raise DataError.single(path, f"cannot be looked at: {error.strerror}") from None
        refusal = _not_removable(info)
        if refusal is not None:
            raise DataError.single(path, f"{refusal}; nothing was removed")
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        except OSError as error:
            raise DataError.single(path, f"cannot be removed: {error.strerror}") from None
    return True


def _not_removable(info: os.stat_result) -> str | None:
    """Why a profile is left where it is, or None: only a regular file of the user's is
    removed. A link (a dotfiles checkout) would lose the link, and not reset the file."""
    from skillpath.loading.files import owned

    if stat.S_ISLNK(info.st_mode):
        return (
            "is a symbolic link: remove the link yourself, or empty the file it points to, "
            "to reset the profile"
        )
    if stat.S_ISDIR(info.st_mode):
        return "is a folder, not a profile"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a pipe, device or socket)"
    if not owned(info):
        return "belongs to another user"
    return None


def state_files(folder: Path | None = None) -> tuple[Path, Path]:
    """The files an answer for the person asking is made from: the profile and progress."""
    where = folder or home()
    return where / PROFILE_FILE, where / PROGRESS_FILE


def load_progress(folder: Path | None = None) -> Progress:
    return build_progress(_read(folder, PROGRESS_FILE, json_first=True))


def update_progress(
    change: Callable[[Progress], Progress],
    changes: Callable[[Progress, Progress], list[Change]] = lambda before, after: [],
    folder: Path | None = None,
) -> tuple[Progress, Progress]:
    """Apply ``change`` to the progress on disk under the lock, then append to the history
    what ``changes`` says happened; the progress before and after."""
    where = folder or home()
    with _locked(where), _history_appender(where / HISTORY_FILE) as append:
        # The history is opened first: a history that cannot be written stops the change
        # before progress.yaml is touched, so a retry does not add the evidence twice.
        if (where / PROGRESS_FILE).exists() and load_progress(folder).version == 1:
            _keep_first_release_file(where)
        before, after = _update(
            PROGRESS_FILE, load_progress, progress_text, build_progress, change, folder, lock=False
        )
        append(changes(before, after))
    return before, after


def progress_text(progress: Progress) -> str:
    """The progress as JSON, which is YAML too: as readable, and read without PyYAML."""
    import json

    items = {
        mark.item: {
            "skill": mark.skill,
            "role": mark.role,
            "level": mark.level,
            "text": mark.text,
            "state": mark.state,
            "since": mark.since.isoformat(),
            **({"reason": mark.reason} if mark.reason else {}),
            **({"number": mark.number} if mark.number else {}),
            "evidence": [
                {"note": e.note, "date": e.day.isoformat(), **({"link": e.link} if e.link else {})}
                for e in mark.evidence
            ],
        }
        for mark in sorted(progress.marks.values(), key=lambda m: (m.skill, m.since, m.item))
    }
    return json.dumps({"version": 2, "items": items}, indent=2, ensure_ascii=False) + "\n"


def _keep_first_release_file(where: Path) -> None:
    """Before a first-release progress file is rewritten in the new form, keep a copy."""
    from skillpath.loading.files import write_file

    backup, number = where / FIRST_RELEASE_BACKUP, 1
    while os.path.lexists(backup):  # an earlier migration's copy (or a link) is kept too
        number += 1
        backup = where / f"progress.v1-{number}.yaml"
    # Made new, never through a link: the copy is the bytes just read, within their limit.
    write_file(backup, read_bounded(where / PROGRESS_FILE, MAX_FILE_BYTES))


# -- history -------------------------------------------------------------------------------

MAX_HISTORY_BYTES = 64 * 1024 * 1024


def load_history(folder: Path | None = None) -> tuple[tuple[Change, ...], tuple[int, ...]]:
    """Every change in the history, and the numbers of the lines that could not be read."""
    path = (folder or home()) / HISTORY_FILE
    if _absent(path):
        return (), ()
    return build_history(read_bounded(path, MAX_HISTORY_BYTES, "history files"))


@contextlib.contextmanager
def _history_appender(path: Path) -> Iterator[Callable[[list[Change]], None]]:
    """The history, open for appending whole lines (one JSON object per change). A history
    that is there is opened now, so that one that cannot be written stops the change before
    anything is written; a missing one is made by the first append, in the folder that was
    just written to."""
    handle = _open_history(path, create=False) if kind_of_path(path) else None

    def append(changes: list[Change]) -> None:
        nonlocal handle
        if not changes:
            return
        if handle is None:
            handle = _open_history(path, create=True)
        text = "".join(history_line(change) + "\n" for change in changes)
        if os.fstat(handle).st_size and _last_byte(path) != b"\n":
            text = "\n" + text  # a line cut short by a crash stays alone on its line
        try:
            os.write(handle, text.encode("utf-8"))
            os.fsync(handle)
        except OSError as error:
            raise DataError.single(path, f"cannot be written: {error.strerror}") from None

    try:
        yield append
    finally:
        if handle is not None:
            os.close(handle)


def _open_history(path: Path, *, create: bool) -> int:
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(path, flags | (os.O_CREAT if create else 0), 0o666)
    except OSError as error:
        raise DataError.single(path, f"cannot be written: {error.strerror}") from None
    if not stat.S_ISREG(os.fstat(handle).st_mode):  # a FIFO, a device
        os.close(handle)
        raise DataError.single(path, "is not a regular file; nothing was changed")
    return handle


def _last_byte(path: Path) -> bytes:
    with path.open("rb") as file:
        file.seek(-1, os.SEEK_END)
        return file.read(1)


# -- files ---------------------------------------------------------------------------------


def _read(folder: Path | None, name: str, *, json_first: bool = False) -> Document | None:
    path = (folder or home()) / name
    if _absent(path):
        return None
    return read_document(path, json_first=json_first)


# Said of a state folder that is a file: it would read as an empty profile and progress,
# and refuse every change with "File exists".
NOT_A_FOLDER = (
    "is a file, not a folder: skillpath keeps your profile and progress in a folder here "
    f"({HOME_VARIABLE} names another)"
)


def _absent(path: Path) -> bool:
    """Whether a state file is not there yet: no file, or a dangling symlink (dotfiles not
    checked out yet). A name too long, a folder shut, or a state folder that is a file is
    an error."""
    if kind_of_path(path) is not None:
        return False
    # Only the state folder itself: a home under a file (HOME=/dev/null, as services and
    # some CI runners have) is no state folder, and a query answers quietly without one.
    if kind_of_path(path.parent) == "file":
        raise DataError.single(path.parent, NOT_A_FOLDER)
    return True


def _file_in_the_way(folder: Path) -> Path | None:
    """The file that stands where ``folder`` or a folder above it should be, if any: the
    nearest of them that is there decides."""
    for each in (folder, *folder.parents):
        kind = kind_of_path(each)
        if kind is not None:
            return each if kind == "file" else None
    return None


T = TypeVar("T")


def _update(
    name: str,
    load: Callable[[Path | None], T],
    text: Callable[[T], str],
    build: Callable[[Document], T],
    change: Callable[[T], T],
    folder: Path | None,
    *,
    lock: bool = True,
) -> tuple[T, T]:
    """Read, change and replace one state file while holding the lock: two runs at once
    each see the other's change, a file that does not parse stops before any write, and
    what is written is read back first by the same rules."""
    where = folder or home()
    path = where / name
    with _locked(where) if lock else contextlib.nullcontext():
        before = load(folder)
        updated = change(before)
        written = text(updated)
        _reads_back(path, written, build)
        write_replacing(path, written)
    return before, updated


def _reads_back(path: Path, text: str, build: Callable[[Document], object]) -> None:
    """Refuse to write what a later run would refuse to read."""
    from skillpath.loading.document import parse_text

    try:
        build(parse_text(path, text))
    except DataError as error:
        problem = error.problems[0]
        raise DataError.single(
            path, f"was not changed: the change would make it unreadable ({problem.message})"
        ) from None


def _lock_file_usable(path: Path) -> None:
    """Refuse a lock file that is a link, a folder, a FIFO or a device: a lock opens its
    file for writing, and some releases of filelock truncate what a link points to."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except OSError as error:
        raise DataError.single(path, f"cannot be looked at: {error.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        what = "is a symbolic link"
    elif not stat.S_ISREG(info.st_mode):
        what = "is not a regular file"
    else:
        return
    raise DataError.single(
        path, f"{what}; skillpath locks only a file of its own there, so nothing was changed "
        "(the lock file holds nothing: remove it)",
    )  # fmt: skip


@contextlib.contextmanager
def _locked(where: Path) -> Iterator[None]:
    """Hold the state folder's lock while a change is read, made and written (filelock:
    the same lock on every platform, Windows included)."""
    from filelock import FileLock, Timeout

    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        blocked = _file_in_the_way(where)
        if blocked is not None:
            raise DataError.single(blocked, NOT_A_FOLDER) from None
        if where.is_symlink():
            raise DataError.single(where, "is a link to a folder that is not there") from None
        raise DataError.single(where, f"cannot be written: {error.strerror}") from None
    _lock_file_usable(where / LOCK_FILE)
    lock = FileLock(where / LOCK_FILE, timeout=30)
    try:
        lock.acquire()
    except Timeout:
        raise DataError.single(
            where / LOCK_FILE, "is held by another skillpath run for over 30 s; try again"
        ) from None
    except OSError as error:
        raise DataError.single(where, f"cannot be locked: {error.strerror}") from None
    try:
        yield
    finally:
        lock.release()
