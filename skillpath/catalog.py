"""Finds the framework data, reads its YAML safely, checks it and builds the model.

Every problem with the data becomes a :class:`~skillpath.errors.DataError` that names the
file, the line and the key path; nothing here prints. PyYAML is imported only when a file
is actually read, so commands that need no data start faster.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from .errors import DataError, Problem
from .model import Expectation, Framework, Level, Role, Skill

FRAMEWORK_FILE = "framework.yaml"
SKILLS_FOLDER = "skills"
SKILL_SUFFIXES = (".yaml", ".yml")
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Guards against files that would take the loader down with them rather than inform it.
MAX_FILE_BYTES = 1024 * 1024
MAX_NODES = 5_000

KeyPath = tuple[str | int, ...]


def bundled_root() -> Path:
    """The data that ships with skillpath.

    A wheel carries it as ``skillpath/data``; an editable install or a source checkout has
    no such folder, so the repository's top-level ``data/`` is used instead.
    """
    # This is where importlib.resources.files("skillpath") / "data" points for an installed
    # wheel; asking importlib.resources itself would import a dozen modules at every start.
    package = Path(__file__).resolve().parent
    packaged = package / "data"
    return packaged if packaged.is_dir() else package.parent / "data"


def format_key_path(keys: KeyPath) -> str:
    text = ""
    for key in keys:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text


@dataclass
class Document:
    """A parsed YAML file together with the line where each key path starts."""

    path: Path
    data: Any
    lines: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)  # (line, column)
    loose_flags: dict[KeyPath, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # found while parsing, not fatal

    def place_of(self, keys: KeyPath) -> tuple[int | None, int | None]:
        # A missing key has no place of its own; its nearest parent's is the best lead.
        for end in range(len(keys), -1, -1):
            if keys[:end] in self.lines:
                return self.lines[keys[:end]]
        return None, None

    def problem(self, keys: KeyPath, message: str) -> Problem:
        line, column = self.place_of(keys)
        return Problem(self.path, message, format_key_path(keys), line, column)


def read_document(path: Path, *, json_first: bool = False) -> Document:
    """Read one YAML file with the safe loader, keeping the line of every key.

    With ``json_first``, a file that is plain JSON (which is YAML too) is read with the json
    module, far faster and without importing PyYAML, but with no lines: a caller that finds
    a problem in it reads it again without ``json_first`` to place the problem.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError.single(path, "file not found") from None
    except IsADirectoryError:
        raise DataError.single(path, "is a folder, not a YAML file") from None
    except OSError as error:
        raise DataError.single(path, f"cannot be read: {error.strerror}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise DataError.single(path, f"is {len(raw)} bytes; data files are limited to 1 MiB")
    kept = _snapshot_entry(path, raw)
    if kept is not None:
        return Document(path, kept)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError.single(path, f"is not UTF-8 text (byte {error.start})") from None
    if json_first and text.lstrip().startswith("{"):
        import json

        try:
            return Document(path, json.loads(text))
        except ValueError:
            pass  # hand-edited into YAML, or broken: the YAML reader says where
    return _parse(path, text)


SNAPSHOT_FILE = ".snapshot.json"


def _snapshot_entry(path: Path, raw: bytes) -> Any:
    """The data of a bundled file as the wheel's build read it, while its bytes are unchanged.

    A wheel carries a JSON snapshot of its data (hatch_build.py), made from the same files
    the tests check; reading it skips PyYAML. Anything else is read as YAML.
    """
    root = bundled_root()
    try:
        name = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:  # not a bundled file
        return None
    entry = _snapshot(root).get(name)
    if not isinstance(entry, dict):
        return None
    import hashlib

    if entry.get("sha256") != hashlib.sha256(raw).hexdigest():
        return None
    return entry.get("data")


_snapshots: dict[Path, dict[str, Any]] = {}


def _snapshot(root: Path) -> dict[str, Any]:
    """The bundled folder's snapshot, read once; empty where there is none (a checkout)."""
    if root not in _snapshots:
        import json

        try:
            loaded = json.loads((root / SNAPSHOT_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = {}
        _snapshots[root] = loaded if isinstance(loaded, dict) else {}
    return _snapshots[root]


def _parse(path: Path, text: str) -> Document:
    import yaml  # deferred: only commands that read data pay for it

    # libyaml's parser, where PyYAML was built with it, is several times faster and keeps
    # the same marks; both are the safe loader.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(path, None, {(): (1, 1)})
        index = _LineIndex(path)
        index.visit(node, ())
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = error.problem or error.context or "is not valid YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise DataError([Problem(path, f"is not valid YAML: {reason}", "", line, column)]) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, by offset
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        reason = f"is not valid YAML: character U+{error.character:04X} is not allowed"
        raise DataError([Problem(path, reason, "", line, column)]) from None
    except yaml.YAMLError as error:
        raise DataError.single(path, f"is not valid YAML: {error}") from None
    finally:
        loader.dispose()
    return Document(path, data, index.lines, index.loose_flags, index.problems)


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STRING = "tag:yaml.org,2002:str"


def _real_date(node: Any) -> bool:
    import yaml

    try:
        yaml.SafeLoader("").construct_yaml_timestamp(node)
    except ValueError:
        return False
    return True


def _place(node: Any) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


# YAML 1.1 reads these as true/false; a reader of the file sees a word, so they are refused.
_LOOSE_FLAGS = {"yes", "no", "on", "off", "y", "n"}


class _LineIndex:
    """Walks the node tree once: the line of every key path, and the guards on its shape."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: dict[KeyPath, tuple[int, int]] = {}
        self.loose_flags: dict[KeyPath, str] = {}
        self.count = 0
        self.ancestors: set[int] = set()
        self.problems: list[Problem] = []  # what the file can still be read despite

    def fail(self, node: Any, keys: KeyPath, message: str) -> DataError:
        mark = node.start_mark
        return DataError(
            [Problem(self.path, message, format_key_path(keys), mark.line + 1, mark.column + 1)]
        )

    def visit(self, node: Any, keys: KeyPath) -> None:
        import yaml

        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, keys, f"has more than {MAX_NODES} YAML nodes (aliases included)")
        if id(node) in self.ancestors:
            raise self.fail(node, keys, "an alias refers to a node that contains it")
        self.lines.setdefault(keys, _place(node))
        if isinstance(node, yaml.ScalarNode):
            if not node.style and node.value.lower() in _LOOSE_FLAGS:  # plain, not quoted
                self.loose_flags[keys] = node.value
            if node.tag == _TIMESTAMP and not _real_date(node):
                node.tag = _STRING  # "2026-02-30" stays text, which the checks then refuse
            return
        self.ancestors.add(id(node))
        if isinstance(node, yaml.MappingNode):
            self.visit_mapping(node, keys)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.visit(item, (*keys, index))
        self.ancestors.discard(id(node))

    def visit_mapping(self, node: Any, keys: KeyPath) -> None:
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                self.problems += self.fail(
                    key_node, (*keys, key), f"key {key!r} appears twice"
                ).problems
            seen.add(key)
            self.lines[(*keys, key)] = _place(key_node)
            self.visit(value_node, (*keys, key))


class Checker:
    """Collects every problem of one document, so a user sees them all at once."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.problems: list[Problem] = list(document.problems)

    def fail(self, keys: KeyPath, message: str) -> None:
        self.problems.append(self.document.problem(keys, message))

    def any_mapping(self, value: Any, keys: KeyPath) -> Mapping[Any, Any] | None:
        if not isinstance(value, dict):
            self.fail(keys, f"must be a mapping of keys to values, not {_kind(value)}")
            return None
        return value

    def mapping(
        self, value: Any, keys: KeyPath, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> Mapping[str, Any] | None:
        """A mapping with exactly these keys; unknown keys are named with the close match."""
        if self.any_mapping(value, keys) is None:
            return None
        assert isinstance(value, dict)
        allowed = required + optional
        for key in value:
            if key not in allowed:
                self.fail((*keys, str(key)), _unknown("key", str(key), allowed))
        for key in required:
            if key not in value:
                self.fail(keys, f"missing key {key!r}")
        return {str(key): item for key, item in value.items()}

    def text(self, value: Any, keys: KeyPath) -> str | None:
        if not isinstance(value, str):
            self.fail(keys, f"must be text, not {_kind(value)}")
            return None
        if not value.strip():
            self.fail(keys, "must not be empty")
            return None
        control = next(
            (c for c in value if (ord(c) < 32 and c not in "\t\n\r") or ord(c) == 127), None
        )
        if control is not None:
            self.fail(keys, f"contains a control character (U+{ord(control):04X})")
            return None
        return value.strip()

    def ident(self, value: Any, keys: KeyPath) -> str | None:
        text = self.text(value, keys)
        if text is not None and not ID_PATTERN.fullmatch(text):
            self.fail(
                keys, f"{text!r} is not an id: use lowercase letters, digits and single dashes"
            )
            return None
        return text

    def texts(self, value: Any, keys: KeyPath, *, at_least: int = 0) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.fail(keys, f"must be a list, not {_kind(value)}")
            return ()
        if len(value) < at_least:
            self.fail(keys, "must not be empty; leave it out to make one item of each sentence")
            return ()
        found = (self.text(item, (*keys, index)) for index, item in enumerate(value))
        return tuple(text for text in found if text is not None)

    def flag(self, value: Any, keys: KeyPath) -> bool:
        if keys in self.document.loose_flags:
            word = self.document.loose_flags[keys]
            self.fail(keys, f"write true or false, not {word!r} (YAML reads {word!r} as {value})")
            return bool(value)
        if not isinstance(value, bool):
            self.fail(keys, f"must be true or false, not {_kind(value)}")
            return False
        return value

    def day(self, value: Any, keys: KeyPath) -> date | None:
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(keys, "must be a date written YYYY-MM-DD")
        return None

    def raise_any(self) -> None:
        if self.problems:
            raise DataError(self.problems)


def _kind(value: Any) -> str:
    names = {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "nothing",
    }
    return names.get(type(value), type(value).__name__)


def _unknown(kind: str, name: str, known: tuple[str, ...] | list[str]) -> str:
    import difflib  # deferred: only a bad file needs it

    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else f"; expected one of: {', '.join(known)}"
    return f"unknown {kind} {name!r}{hint}"


# -- framework.yaml ----------------------------------------------------------------------

_FRAMEWORK_KEYS = ("name", "levels", "roles", "bundled")
_ENTRY_KEYS = ("id", "name", "aliases", "summary")


def replaces_bundled(document: Document) -> bool:
    """Whether a user's framework.yaml brings its own ladder and roles (``bundled: false``)."""
    return isinstance(document.data, dict) and document.data.get("bundled") is False


def build_framework(document: Document, base: Framework | None = None) -> Framework:
    """The framework a framework.yaml describes, alone or on top of ``base``.

    On top of a base, a file may add roles and add aliases (or a new name or summary) to
    the base's levels and roles; with ``bundled: false`` it stands alone instead.
    """
    check = Checker(document)
    alone = base is None or replaces_bundled(document)
    top = check.mapping(document.data, (), ("levels", "roles") if alone else (), _FRAMEWORK_KEYS)
    if top is None:
        check.raise_any()
        raise AssertionError("unreachable")  # pragma: no cover
    if "bundled" in top:
        check.flag(top["bundled"], ("bundled",))
    name = check.text(top["name"], ("name",)) if "name" in top else None
    start_levels = () if alone or base is None else tuple(_entry_of(lv) for lv in base.levels)
    start_roles = () if alone or base is None else tuple(_entry_of(r) for r in base.roles)
    levels = _merge_entries(check, start_levels, top.get("levels"), "levels", may_add=alone)
    roles = _merge_entries(check, start_roles, top.get("roles"), "roles", may_add=True)
    if alone and "levels" in top and not levels and not check.problems:
        check.fail(("levels",), "must list at least one level")
    check.raise_any()
    return Framework(
        name or (base.name if base and not alone else ""),
        tuple(
            Level(e["id"], e["name"], rank, e["aliases"], e["summary"])
            for rank, e in enumerate(levels)
        ),
        tuple(Role(e["id"], e["name"], e["aliases"], e["summary"]) for e in roles),
    )


def _entry_of(entry: Level | Role) -> dict[str, Any]:
    return {"id": entry.id, "name": entry.name, "aliases": entry.aliases, "summary": entry.summary}


def _merge_entries(
    check: Checker, existing: tuple[dict[str, Any], ...], value: Any, section: str, *, may_add: bool
) -> list[dict[str, Any]]:
    """``existing`` levels or roles with a file's entries merged in, every name unique."""
    merged = {entry["id"]: dict(entry) for entry in existing}
    taken = {normal_name(label): entry["id"] for entry in existing for label in _labels(entry)}
    if value is None:
        return list(merged.values())
    if not isinstance(value, list):
        check.fail((section,), f"must be a list, not {_kind(value)}")
        return list(merged.values())
    kind = section[:-1]
    for index, raw in enumerate(value):
        keys: KeyPath = (section, index)
        entry = check.mapping(raw, keys, ("id",), _ENTRY_KEYS)
        if entry is None or "id" not in entry:
            continue
        entry_id = check.ident(entry["id"], (*keys, "id"))
        name = check.text(entry["name"], (*keys, "name")) if "name" in entry else None
        aliases = check.texts(entry["aliases"], (*keys, "aliases")) if "aliases" in entry else ()
        summary = check.text(entry["summary"], (*keys, "summary")) if "summary" in entry else None
        if entry_id is None:
            continue
        if entry_id not in merged and not may_add:
            check.fail(
                (*keys, "id"),
                f"adds the {kind} {entry_id!r}: a folder on top of the bundled "
                "framework may add roles and aliases, not levels; say 'bundled: false' to bring "
                "your own ladder",
            )
            continue
        if entry_id not in merged and name is None:
            check.fail(keys, "missing key 'name'")
            continue
        labels = [((*keys, "id"), entry_id), ((*keys, "name"), name or "")]
        labels += [((*keys, "aliases", n), alias) for n, alias in enumerate(aliases)]
        clashes = False
        for where, label in labels:
            owner = taken.setdefault(normal_name(label), entry_id) if label else entry_id
            if owner != entry_id:
                check.fail(where, f"{label!r} already names the {kind} {owner!r}")
                clashes = True
        if clashes:
            continue
        old = merged.get(entry_id, {"id": entry_id, "name": name, "aliases": (), "summary": ""})
        merged[entry_id] = {
            "id": entry_id,
            "name": name or old["name"],
            "aliases": tuple(dict.fromkeys((*old["aliases"], *aliases))),
            "summary": summary if summary is not None else old["summary"],
        }
    return list(merged.values())


def _labels(entry: dict[str, Any]) -> tuple[str, ...]:
    return (entry["id"], entry["name"], *entry["aliases"])


def normal_name(name: str) -> str:
    """How names are compared: case, spaces, dashes and underscores do not matter."""
    return re.sub(r"[\s_\-]+", "-", name.strip().casefold())


# -- skills/<id>.yaml ----------------------------------------------------------------------

_SKILL_KEYS = ("id", "name", "domain", "expectations")
_SKILL_OPTIONAL = ("updated", "source")
_CELL_KEYS = ("description",)
_CELL_OPTIONAL = ("required", "items")


def build_skill(document: Document, framework: Framework) -> Skill:
    check = Checker(document)
    top = check.mapping(document.data, (), _SKILL_KEYS, _SKILL_OPTIONAL)
    if top is None:
        check.raise_any()
        raise AssertionError("unreachable")  # pragma: no cover
    skill_id = check.ident(top["id"], ("id",)) if "id" in top else None
    expected_id = document.path.stem
    if skill_id is not None and skill_id != expected_id:
        check.fail(
            ("id",),
            f"is {skill_id!r} but the file is named {document.path.name!r}; they must match",
        )
    name = check.text(top["name"], ("name",)) if "name" in top else None
    domain = check.text(top["domain"], ("domain",)) if "domain" in top else None
    updated = check.day(top["updated"], ("updated",)) if "updated" in top else None
    source = check.text(top["source"], ("source",)) if "source" in top else None
    cells = _expectations(check, top.get("expectations"), skill_id or expected_id, framework)
    check.raise_any()
    assert skill_id is not None and name is not None and domain is not None
    return Skill(skill_id, name, domain, updated, source or "", cells)


def _expectations(
    check: Checker, value: Any, skill_id: str, framework: Framework
) -> tuple[Expectation, ...]:
    if value is None:
        return ()
    roles = check.any_mapping(value, ("expectations",))
    if roles is None:
        return ()
    role_ids = tuple(role.id for role in framework.roles)
    level_ids = tuple(level.id for level in framework.levels)
    cells: list[Expectation] = []
    for role_id, by_level in roles.items():
        keys: KeyPath = ("expectations", str(role_id))
        if role_id not in role_ids:
            check.fail(keys, _unknown("role", str(role_id), role_ids))
            continue
        levels = check.any_mapping(by_level, keys)
        for level_id in levels or {}:
            if level_id not in level_ids:
                check.fail((*keys, str(level_id)), _unknown("level", str(level_id), level_ids))
        for level_id in level_ids:
            if levels and level_id in levels:
                cell = _expectation(check, levels[level_id], (*keys, level_id), skill_id)
                if cell is not None:
                    cells.append(cell)
    return tuple(cells)


def _expectation(check: Checker, value: Any, keys: KeyPath, skill_id: str) -> Expectation | None:
    cell = check.mapping(value, keys, _CELL_KEYS, _CELL_OPTIONAL)
    if cell is None:
        return None
    description = (
        check.text(cell["description"], (*keys, "description")) if "description" in cell else None
    )
    required = check.flag(cell["required"], (*keys, "required")) if "required" in cell else False
    given = check.texts(cell["items"], (*keys, "items"), at_least=1) if "items" in cell else ()
    if description is None:
        return None
    role_id, level_id = str(keys[1]), str(keys[2])
    return Expectation(skill_id, role_id, level_id, required, " ".join(description.split()), given)


# -- the catalogue -------------------------------------------------------------------------


class Catalog:
    """Folders of framework data, lowest first, read lazily: a skill file only when asked.

    The first folder is the base (normally the bundled data). Each later folder may add
    roles and aliases in its framework.yaml and adds skills; a skill with the same id as an
    earlier one replaces it whole. A folder whose framework.yaml says ``bundled: false``
    starts afresh: its ladder and roles replace everything before it, skills included.
    """

    def __init__(self, *roots: Path) -> None:
        self.roots = roots
        self._skills: dict[str, Skill] = {}

    @cached_property
    def _stack(self) -> tuple[Framework, tuple[Path, ...]]:
        """The merged framework, and the folders whose skills count (after the last restart)."""
        framework: Framework | None = None
        active: list[Path] = []
        for position, root in enumerate(self.roots):
            path = self._require_folder(root) / FRAMEWORK_FILE
            if path.exists() or position == 0:
                document = read_document(path)
                restart = framework is None or replaces_bundled(document)
                framework = build_framework(document, None if restart else framework)
                active = [] if restart else active
            active.append(root)
        assert framework is not None, "a catalogue needs at least one folder"
        return framework, tuple(active)

    @property
    def framework(self) -> Framework:
        return self._stack[0]

    @property
    def folders(self) -> tuple[Path, ...]:
        """The folders whose skills are on offer, lowest first."""
        return self._stack[1]

    @cached_property
    def skill_files(self) -> dict[str, Path]:
        """The skills on offer, id to file, from the file names alone; later folders win."""
        files: dict[str, Path] = {}
        for position, root in enumerate(self.folders):
            found = folder_skill_files(root)
            if not found and (position > 0 or root != self.roots[0]):
                raise DataError.single(
                    root, "holds no skills: expected YAML files in its skills/ folder"
                )
            files.update(found)
        return dict(sorted(files.items()))

    @property
    def skill_ids(self) -> tuple[str, ...]:
        return tuple(self.skill_files)

    def origin(self, skill_id: str) -> Path:
        """The data folder a skill comes from."""
        return self.skill_files[skill_id].parent.parent

    def origin_label(self, skill_id: str) -> str:
        """``bundled``, or the folder a team's skill comes from, as it was named."""
        folder = self.origin(skill_id)
        return "bundled" if folder == bundled_root() else str(folder)

    def skill(self, skill_id: str) -> Skill:
        if skill_id not in self._skills:
            path = self.skill_files.get(
                skill_id, self.folders[-1] / SKILLS_FOLDER / f"{skill_id}.yaml"
            )
            self._skills[skill_id] = build_skill(read_document(path), self.framework)
        return self._skills[skill_id]

    def skills(self) -> tuple[Skill, ...]:
        return tuple(self.skill(skill_id) for skill_id in self.skill_ids)

    @staticmethod
    def _require_folder(root: Path) -> Path:
        if not root.exists():
            raise DataError.single(root, "data folder not found")
        if not root.is_dir():
            raise DataError.single(
                root, "is a file; a data folder holds framework.yaml and skills/"
            )
        return root


def folder_skill_files(root: Path) -> dict[str, Path]:
    """One folder's skill files by id (the file name), checked for the same id twice."""
    folder = root / SKILLS_FOLDER
    try:
        paths = sorted(entry for entry in folder.iterdir() if entry.suffix in SKILL_SUFFIXES)
    except FileNotFoundError:
        raise DataError.single(folder, "folder not found: the data has no skills") from None
    except NotADirectoryError:
        raise DataError.single(folder, "is a file; skills go in a folder of YAML files") from None
    except OSError as error:
        raise DataError.single(folder, f"cannot be read: {error.strerror}") from None
    files: dict[str, Path] = {}
    for path in paths:
        if path.stem in files:
            raise DataError.single(
                path, f"and {files[path.stem].name} are the same skill; keep one"
            )
        files[path.stem] = path
    return files


# Folders named in this variable are read after the bundled data, like PATH: the later wins.
PATH_VARIABLE = "SKILLPATH_PATH"


def data_path(
    data_dirs: Sequence[Path] = (), environ: Mapping[str, str] | None = None
) -> tuple[Path, ...]:
    """Where the data is read from, lowest first: bundled, $SKILLPATH_PATH, then --data-dir."""
    import os

    variable = (os.environ if environ is None else environ).get(PATH_VARIABLE, "")
    from_variable = [Path(entry) for entry in variable.split(os.pathsep) if entry]
    return (bundled_root(), *from_variable, *data_dirs)


def open_catalog(data_dirs: Sequence[Path] = ()) -> Catalog:
    return Catalog(*data_path(data_dirs))
