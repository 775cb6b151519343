"""Where framework data lives: the bundled folder, $SKILLPATH_PATH and --data-dir, and the
skill files of one folder. Only names and folder listings here; no file is parsed."""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from skillpath.errors import DataError, Problem
from skillpath.framework.model import normal_name

FRAMEWORK_FILE = "framework.yaml"
SKILLS_FOLDER = "skills"
SKILL_SUFFIXES = (".yaml", ".yml")
# Folders named in this variable are read after the bundled data, like PATH: the later wins.
PATH_VARIABLE = "SKILLPATH_PATH"


@functools.cache  # the answer never changes in a run, and resolving it costs system calls
def bundled_root() -> Path:
    """The data that ships with skillpath.

    A wheel carries it as ``skillpath/data``; an editable install or a source checkout has
    no such folder, so the repository's top-level ``data/`` is used instead.
    """
    # This is where importlib.resources.files("skillpath") / "data" points for an installed
    # wheel; asking importlib.resources itself would import a dozen modules at every start.
    package = Path(__file__).resolve().parent.parent
    packaged = package / "data"
    return packaged if packaged.is_dir() else package.parent / "data"


def folder_skill_files(
    root: Path, listed: Callable[[Path], list[str]] | None = None
) -> dict[str, Path]:
    """One folder's skill files by id (the file name), checked for the same id twice;
    ``listed``: the names of the skills/ folder's skill files as another reader of the same
    command listed them (Catalog.listed), else skill_names()."""
    folder = root / SKILLS_FOLDER
    try:
        names = listed(root) if listed is not None else skill_names(folder)
    except FileNotFoundError:
        raise DataError.single(folder, "folder not found: the data has no skills") from None
    except NotADirectoryError:
        raise DataError.single(folder, "is a file; skills go in a folder of YAML files") from None
    except OSError as error:
        raise DataError.single(folder, f"cannot be read: {error.strerror}") from None
    files: dict[str, Path] = {}
    for name in names:
        stem = name.rpartition(".")[0]  # a skill's name ends in one of SKILL_SUFFIXES
        if stem in files:
            raise DataError.single(
                folder / name, f"and {files[stem].name} are the same skill; keep one"
            )
        files[stem] = folder / name
    return files


def skill_names(folder: str | Path) -> list[str]:
    """The names of the skill files in a skills/ folder, sorted as their paths sort (case
    aside on Windows), by name: comparing Path objects is several times slower, and a
    folder may hold thousands. Raises what os.scandir raises."""
    with os.scandir(folder) as entries:
        names = [entry.name for entry in entries if is_skill_name(entry.name)]
    names.sort(key=os.path.normcase)
    return names


def alike_ids(files: Mapping[str, Path]) -> list[Problem]:
    """Skill ids that a user could not tell apart: names match ignoring case, spaces, dashes
    and underscores, so ``deep-learning`` and ``deeplearning`` would answer to one name."""
    first: dict[str, str] = {}
    problems = []
    for skill_id, path in files.items():
        owner = first.setdefault(normal_name(skill_id), skill_id)
        if owner != skill_id:
            problems.append(
                Problem(
                    path,
                    f"the skill {skill_id!r} and the skill {owner!r} ({files[owner]}) read as "
                    "one name (case, spaces, dashes and underscores do not count); rename one",
                )
            )
    return problems


def is_skill_name(name: str) -> bool:
    """Whether a file name in skills/ names a skill. Hidden files are not skills: editors
    and systems leave them beside the user's (an Emacs lock ``.#rag.yaml``, macOS's
    ``._rag.yaml``), and none of them is the user's data."""
    return not name.startswith(".") and name.endswith(SKILL_SUFFIXES)


def kind_of_path(path: Path) -> str | None:
    """``folder``, ``file`` (anything else that is there) or None when nothing is.

    A path that cannot even be looked at (a name too long, a folder the user may not
    enter, a loop of links) is an error that names it, not a traceback.
    """
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise DataError.single(path, f"cannot be read: {error.strerror}") from None
    return "folder" if stat.S_ISDIR(mode) else "file"


def data_path(
    data_dirs: Sequence[Path] = (), environ: Mapping[str, str] | None = None
) -> tuple[Path, ...]:
    """Where the data is read from, lowest first: bundled, $SKILLPATH_PATH, then --data-dir."""
    variable = (os.environ if environ is None else environ).get(PATH_VARIABLE, "")
    from_variable = [Path(entry) for entry in variable.split(os.pathsep) if entry]
    return (bundled_root(), *from_variable, *data_dirs)
