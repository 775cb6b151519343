"""A team folder's files: shared plans (``people/ID.yaml``) and verdicts
(``reviews/ID.yaml``), written by `share` and `review`, read by `team`, `review` and
`calibrate`.

Other people wrote these files, so they are read as the framework data is: bounded (1 MiB
a file, only regular files, never through a link), YAML with line marks and node limits,
every field checked and bounded by the rules of progress.yaml, and every problem placed by
file, line and key path. A shared plan is written as indented JSON, which is YAML too:
readable, diffable, and read without PyYAML (a team of hundreds is read at every `team`).
"""

from __future__ import annotations

import contextlib
import json
import stat
from collections.abc import Iterator
from pathlib import Path

from skillpath.errors import DataError, Problem
from skillpath.loading.checks import Checker
from skillpath.loading.document import Document, parse_text, read_document
from skillpath.loading.files import write_inside
from skillpath.plan.model import Profile, Progress
from skillpath.plan.statefiles import bounded_text, marks_at, short_keys
from skillpath.team.model import PEOPLE, REVIEWS, SUFFIX, Reviews, SharedPlan, Verdict, is_slug

FORMAT = 1  # the version of a shared plan's file this release writes
MAX_PEOPLE = 10_000  # person files read from one folder: far beyond any team
LOCK = ".skillpath-reviews.lock"
_PLAN_KEYS = ("version", "id", "name", "shared", "framework", "profile", "items")


# -- shared plans ---------------------------------------------------------------------------


def plan_text(plan: SharedPlan) -> str:
    """The file `share` writes: the profile, every mark with its evidence and reasons."""
    from skillpath.plan.store import progress_text

    profile = plan.profile
    marks = json.loads(progress_text(plan.progress))["items"]
    document = {
        "version": FORMAT,
        "id": plan.id,
        "name": plan.name,
        "shared": plan.shared,
        "framework": {"name": plan.framework, "items": list(plan.items)},
        "profile": {
            "role": profile.role,
            "level": profile.level,
            "skills": dict(sorted(profile.skills.items())),
        },
        "items": marks,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_plan(team: Path, plan: SharedPlan) -> Path:
    """Write ``people/ID.yaml`` whole, replacing only that file; what is written is read
    back first by the rules `team` reads it by."""
    relative = f"{PEOPLE}/{plan.id}{SUFFIX}"
    text = plan_text(plan)
    build_plan(parse_text(team / relative, text), plan.id)
    return write_inside(team, relative, text)


def read_people(team: Path) -> tuple[list[SharedPlan], list[Problem]]:
    """Every shared plan in ``team/people``, and the problems of those that cannot be read:
    one broken file costs that person, not the team."""
    plans: list[SharedPlan] = []
    problems: list[Problem] = []
    for path in person_files(team):
        try:
            plans.append(read_plan(path))
        except DataError as error:
            problems += error.problems
    return plans, problems


def person_files(team: Path) -> list[Path]:
    """The ``*.yaml`` files of ``team/people``, by name; a missing folder has none."""
    folder = team / PEOPLE
    if not team.is_dir():  # a mistyped path is not an empty team
        raise DataError.single(team, "is not a folder" if team.exists() else "no such folder")
    _refuse_link(folder)
    if not folder.is_dir():
        if folder.exists():
            raise DataError.single(folder, "is not a folder")
        return []
    try:
        names = sorted(entry.name for entry in _entries(folder) if entry.name.endswith(SUFFIX))
    except OSError as error:
        raise DataError.single(folder, f"cannot be read: {error.strerror}") from None
    if len(names) > MAX_PEOPLE:
        raise DataError.single(folder, f"holds {len(names):,} files; the limit is {MAX_PEOPLE:,}")
    return [folder / name for name in names if not name.startswith(".")]


def _entries(folder: Path) -> Iterator[Path]:
    for count, entry in enumerate(folder.iterdir()):
        if count > MAX_PEOPLE * 2:
            raise DataError.single(folder, f"holds more than {MAX_PEOPLE * 2:,} entries")
        yield entry


def _refuse_link(path: Path) -> None:
    with contextlib.suppress(OSError):
        if stat.S_ISLNK(path.lstat().st_mode):
            raise DataError.single(path, "is a symbolic link; a team folder is read without links")


def read_person(team: Path, person: str) -> SharedPlan:
    """``person``'s shared plan, for a command about that one person (`review`)."""
    _refuse_link(team / PEOPLE)
    return read_plan(team / PEOPLE / f"{person}{SUFFIX}")


def read_plan(path: Path) -> SharedPlan:
    """One person's file, its id the file's name; a link is refused, not followed."""
    person = path.name.removesuffix(SUFFIX)
    if not is_slug(person):
        raise DataError.single(
            path, f"{person!r} is not an id: name it with lowercase letters, digits and dashes"
        )
    _refuse_link(path)
    document = read_document(path, json_first=True)
    try:
        return build_plan(document, person)
    except DataError:
        if document.lines:
            raise
        return build_plan(read_document(path), person)  # again, to place the problems


def build_plan(document: Document, person: str) -> SharedPlan:
    check = Checker(document)
    top = check.mapping(short_keys(check, document.data, ()), (), _PLAN_KEYS)
    if top is None or any(key not in top for key in _PLAN_KEYS):
        check.raise_any()  # a key missing is said, and nothing is read without it
        raise AssertionError("unreachable")  # pragma: no cover
    if top["version"] != FORMAT:
        check.fail(("version",), f"must be {FORMAT}, the version this release writes")
    found = check.ident(top["id"], ("id",))
    if found is not None and found != person:
        check.fail(("id",), f"is {found!r}, but the file is named for {person!r}")
    name = bounded_text(check, top["name"], ("name",))
    shared = bounded_text(check, top["shared"], ("shared",))
    framework, items = _framework(check, top["framework"])
    profile = _profile(check, top["profile"])
    marks = marks_at(check, top["items"], ("items",))
    check.raise_any()
    assert name and shared and framework is not None
    return SharedPlan(
        person, name, shared, framework, items, profile, Progress(marks), document.path
    )


def _framework(check: Checker, value: object) -> tuple[str | None, tuple[str, ...]]:
    entry = check.mapping(
        short_keys(check, value, ("framework",)), ("framework",), ("name",), ("items",)
    )
    if entry is None or "name" not in entry:
        return None, ()
    name = bounded_text(check, entry["name"], ("framework", "name"))
    items = check.texts(entry.get("items", []), ("framework", "items"))
    for index, item in enumerate(items):
        if len(item) > 64 or not is_slug(item):
            check.fail(("framework", "items", index), f"{item[:64]!r} is not an item id")
    return name, items


def _profile(check: Checker, value: object) -> Profile:
    keys = ("profile",)
    entry = check.mapping(short_keys(check, value, keys), keys, ("role", "level"), ("skills",))
    if entry is None or "role" not in entry or "level" not in entry:
        return Profile()
    role = check.ident(entry["role"], (*keys, "role"))
    level = check.ident(entry["level"], (*keys, "level"))
    skills: dict[str, str] = {}
    by_skill = check.any_mapping(
        short_keys(check, entry.get("skills", {}), (*keys, "skills")), (*keys, "skills")
    )
    for skill_id, level_id in (by_skill or {}).items():
        at = (*keys, "skills", str(skill_id))
        if check.ident(skill_id, at) is not None and check.ident(level_id, at) is not None:
            skills[str(skill_id)] = level_id
    return Profile(role, level, skills)


# -- reviews --------------------------------------------------------------------------------

_VERDICT_KEYS = ("by", "item", "verdict", "time")


def review_file(team: Path, person: str) -> Path:
    return team / REVIEWS / f"{person}{SUFFIX}"


def read_reviews(team: Path, person: str) -> Reviews:
    """Every verdict on ``person``'s items; none when no one has reviewed them yet."""
    path = review_file(team, person)
    _refuse_link(team / REVIEWS)
    _refuse_link(path)
    try:
        path.lstat()
    except FileNotFoundError:
        return Reviews(person, (), path)
    except OSError as error:
        raise DataError.single(path, f"cannot be read: {error.strerror}") from None
    return build_reviews(read_document(path), person)


def build_reviews(document: Document, person: str) -> Reviews:
    from skillpath.team.model import VERDICTS

    check = Checker(document)
    data = document.data if document.data is not None else []
    if not isinstance(data, list):
        check.fail((), "must be a list of verdicts, one `- {...}` line each")
        check.raise_any()
    verdicts = []
    for index, raw in enumerate(data):
        keys = (index,)
        entry = check.mapping(short_keys(check, raw, keys), keys, _VERDICT_KEYS, ("note",))
        if entry is None:
            continue
        by, item, verdict, time = (
            bounded_text(check, entry.get(key), (*keys, key)) for key in _VERDICT_KEYS
        )
        if by is not None and not is_slug(by):
            check.fail((*keys, "by"), f"{by!r} is not an id")
        if verdict is not None and verdict not in VERDICTS:
            check.fail((*keys, "verdict"), f"must be one of {', '.join(VERDICTS)}, not {verdict!r}")
        note = bounded_text(check, entry["note"], (*keys, "note")) if "note" in entry else ""
        if by and item and verdict in VERDICTS and time and note is not None:
            verdicts.append(Verdict(by, item, verdict, time, note))
    check.raise_any()
    return Reviews(person, tuple(verdicts), document.path)


def verdict_line(verdict: Verdict) -> str:
    """One verdict as one line of YAML (a JSON object in a list), so that two reviewers'
    appends merge in git line by line (`merge=union` in .gitattributes)."""
    entry = {"by": verdict.by, "item": verdict.item, "verdict": verdict.verdict}
    entry["time"] = verdict.time
    if verdict.note:
        entry["note"] = verdict.note
    return "- " + json.dumps(entry, ensure_ascii=False) + "\n"


REVIEWS_HEADER = (
    "# skillpath reviews: appended by `skillpath review`, one verdict a line, oldest first\n"
)


def append_verdict(team: Path, person: str, verdict: Verdict) -> Path:
    """Add ``verdict`` to ``reviews/PERSON.yaml`` under the team folder's lock: the file is
    read and checked, the line added, the result read back by the same rules, and the file
    replaced whole. A broken file stops the append and is left as it is."""
    path = review_file(team, person)
    with _locked(team):
        earlier = read_reviews(team, person)
        text = _text_of(path) or REVIEWS_HEADER
        if not text.endswith("\n"):
            text += "\n"
        text += verdict_line(verdict)
        after = build_reviews(parse_text(path, text), person)
        if after.verdicts[: len(earlier.verdicts)] != earlier.verdicts:
            raise AssertionError("an append changed earlier verdicts")  # pragma: no cover
        return write_inside(team, f"{REVIEWS}/{person}{SUFFIX}", text)


def _text_of(path: Path) -> str:
    """The reviews file as it is, read within the same bound; "" when there is none."""
    from skillpath.loading.document import MAX_FILE_BYTES
    from skillpath.loading.files import read_bounded

    if not path.exists():
        return ""
    return read_bounded(path, MAX_FILE_BYTES).decode("utf-8")  # read_reviews decoded it


@contextlib.contextmanager
def _locked(team: Path) -> Iterator[None]:
    from filelock import FileLock, Timeout

    from skillpath.loading.files import make_folder

    _refuse_link(team / REVIEWS)  # no lock file made through a link either
    make_folder(team / REVIEWS)
    lock = FileLock(team / REVIEWS / LOCK, timeout=30)
    try:
        lock.acquire()
    except Timeout:
        raise DataError.single(
            team / REVIEWS / LOCK, "is held by another skillpath run for over 30 s; try again"
        ) from None
    except OSError as error:
        raise DataError.single(team / REVIEWS, f"cannot be locked: {error.strerror}") from None
    try:
        yield
    finally:
        lock.release()


def read_all_reviews(team: Path, people: list[str]) -> tuple[dict[str, Reviews], list[Problem]]:
    """The reviews of each of ``people``; one broken file costs that person's reviews."""
    found: dict[str, Reviews] = {}
    problems: list[Problem] = []
    for person in people:
        try:
            found[person] = read_reviews(team, person)
        except DataError as error:
            problems += error.problems
    return found, problems
