"""``skillpath validate``: every problem in every file of the data, not only the first.

Loading stops at the first bad file; validation reads them all, and adds the checks that
loading leaves to it, such as a role that skips a level in the middle of its run.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from contextlib import closing
from pathlib import Path

from skillpath.errors import DataError, Problem, bounded
from skillpath.framework.model import EVERY_ROLE, Framework, Skill
from skillpath.loading.builders import build_skill
from skillpath.loading.catalog import Catalog, starts_framework
from skillpath.loading.document import Document, read_document
from skillpath.loading.paths import (
    FRAMEWORK_FILE,
    SKILLS_FOLDER,
    alike_ids,
    folder_skill_files,
    kind_of_path,
)
from skillpath.meter import Meter, silent
from skillpath.values import frozen


@frozen
class Report:
    """The files checked (every file a problem is in among them) and what is wrong."""

    files: tuple[Path, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def count(self) -> int:
        """How many problems there are, those a note stands for (not listed) included."""
        return sum(problem.more or 1 for problem in self.problems)

    @property
    def files_with_problems(self) -> tuple[Path, ...]:
        return tuple(dict.fromkeys(problem.file for problem in self.problems))


def validate(base: Sequence[Path], targets: Sequence[Path] = (), meter: Meter = silent) -> Report:
    """Check the data folders ``base`` (lowest first), or only ``targets`` read on top of them.

    A target may be a data folder, its framework.yaml, or one skill file; a skill file is
    checked against the framework of the folder it sits in, when that folder has one.
    Every file is read: validation never answers from the cache. ``meter`` hears how far
    the checking of skill files has got.
    """
    if targets:
        reports = [_check_target(base, target, meter) for target in targets]
    else:
        reports = [_check_data_path(Catalog(*base, meter=meter))]
    problems = sorted(
        (problem for report in reports for problem in report.problems),
        key=lambda p: (str(p.file), p.line or 0, p.column or 0),
    )
    # A file that could not even be read is one of the files checked.
    files = [file for report in reports for file in (*report.files, *report.files_with_problems)]
    return Report(tuple(dict.fromkeys(files)), tuple(problems))


def _check_data_path(catalog: Catalog) -> Report:
    try:
        folders = catalog.folders  # after the last folder that says bundled: false
    except DataError as error:
        return Report((), error.problems)
    return _check_folders(catalog, folders)


def _check_target(base: Sequence[Path], target: Path, meter: Meter) -> Report:
    try:
        kind = kind_of_path(target)
    except DataError as error:
        return Report((), error.problems)
    if kind is None:
        return Report((), (Problem(target, "no such file or folder"),))
    if kind == "folder":
        return _check_folders(Catalog(*base, target, meter=meter), [target])
    if target.name == FRAMEWORK_FILE:
        return _check_folders(Catalog(*base, target.parent), [target.parent], skills=False)
    folder = target.parent.parent if target.parent.name == SKILLS_FOLDER else None
    own_framework = folder is not None and _exists(folder / FRAMEWORK_FILE)
    catalog = Catalog(*base, folder) if own_framework and folder else Catalog(*base)
    try:
        framework = catalog.framework
    except DataError as error:
        return Report((target,), error.problems)
    return Report((target,), tuple(check_skill_file(target, framework)))


def _check_folders(catalog: Catalog, folders: Sequence[Path], *, skills: bool = True) -> Report:
    try:
        files = [folder / FRAMEWORK_FILE for folder in folders if _exists(folder / FRAMEWORK_FILE)]
        framework = catalog.framework
    except DataError as error:
        return Report((), error.problems)
    problems: list[Problem] = []
    every: dict[str, Path] = {}  # id -> file, later folders winning, as the catalogue reads them
    listed: list[Path] = []
    for folder in folders if skills else ():
        if starts_framework(folder) and not (folder / SKILLS_FOLDER).exists():
            continue  # a framework with no skills yet
        try:
            found = folder_skill_files(folder)
        except DataError as error:
            problems += error.problems
            continue
        every.update(found)
        paths = list(found.values())
        if not paths and not starts_framework(folder):
            problems.append(Problem(folder / SKILLS_FOLDER, "holds no skills"))
        listed += paths
    with closing(_checked(listed, framework)) as checked:
        for done, (path, its_problems) in enumerate(zip(listed, checked, strict=True)):
            catalog.meter("checking skill files", done, len(listed))
            files.append(path)
            problems += its_problems
    catalog.meter("checking skill files", len(listed), len(listed))
    return Report(tuple(files), (*problems, *alike_ids(every)))


def _checked(paths: list[Path], framework: Framework) -> Generator[list[Problem], None, None]:
    """The problems of each file, in order: on every core when there are many (as loading
    reads them), as validation reads every file every time."""
    from skillpath.loading import parallel

    workers = parallel.workers_for(len(paths))
    if workers:
        yield from parallel.map_files(check_skill_file, paths, framework, workers)
    else:
        yield from (check_skill_file(path, framework) for path in paths)


def _exists(path: Path) -> bool:
    return kind_of_path(path) is not None


def check_skill_file(path: Path, framework: Framework) -> list[Problem]:
    """Every problem of one skill file: what loading refuses, and a level missing in the
    middle of a role's run, together (a gap is found from the file's keys, so an unknown
    role or level elsewhere in the file does not hide it)."""
    try:
        document = read_document(path)
    except DataError as error:
        return list(error.problems)
    try:
        skill = build_skill(document, framework)
    except DataError as error:
        return list(bounded([*error.problems, *gaps(document, framework)], path))
    return list(bounded(gaps(document, framework) + draft_cells(document, skill), path))


def draft_cells(document: Document, skill: Skill) -> list[Problem]:
    """Each cell still marked ``draft: true``: reading commands leave it out, so CI and
    pre-commit must not let it through."""
    return [
        document.problem(
            ("expectations", role, level, "draft"),
            "is a draft: write the description, then remove 'draft: true'",
        )
        for role, level in skill.drafts
    ]


def placed_levels(data: object, framework: Framework) -> dict[str, set[str]]:
    """Role id -> the level keys the file places a cell at (its own or the shared one), from
    the file's keys alone; roles the framework does not know are left out."""
    top = data if isinstance(data, dict) else {}
    own = top.get("expectations")
    own = own if isinstance(own, dict) else {}
    shared = top.get(EVERY_ROLE)
    shared_levels = set(shared) if isinstance(shared, dict) else set()
    known = {role.id for role in framework.roles}
    listed = top.get("roles")
    every = [role.id for role in framework.roles] if shared_levels else []
    roles = list(listed) if isinstance(listed, list) else every
    roles += [role for role in own if role not in roles]
    found = {}
    for role_id in roles:
        if isinstance(role_id, str) and role_id in known:
            cells = own.get(role_id)
            found[role_id] = shared_levels | (set(cells) if isinstance(cells, dict) else set())
    return found


def gaps(document: Document, framework: Framework) -> list[Problem]:
    """A role's levels in a skill must be one run of its ladder: it may start later or end
    earlier than the ladder does, but a level missing in the middle is a gap."""
    problems = []
    data = document.data if isinstance(document.data, dict) else {}
    for role_id, placed in placed_levels(data, framework).items():
        ladder = framework.ladder(framework.role(role_id))
        if placed - {level.id for level in framework.levels}:
            continue  # a level it does not know (reported) may be the one that seems missing
        has = [at for at, level in enumerate(ladder) if level.id in placed]
        if not has:
            continue
        missing = [ladder[at].id for at in range(has[0], has[-1] + 1) if at not in has]
        if missing:
            own = isinstance(data.get("expectations"), dict) and role_id in data["expectations"]
            keys = ("expectations", role_id) if own else (EVERY_ROLE,)
            problems.append(
                document.problem(
                    keys,
                    f"describes {ladder[has[0]].id} and {ladder[has[-1]].id} but not "
                    f"{', '.join(missing)} between them: a skill may start later or end "
                    "earlier than the ladder, not skip a level",
                )
            )
    return problems
