"""Finds the framework data, reads its YAML safely, checks it and builds the model.

Every problem with the data becomes a :class:`~skillpath.errors.DataError` that names the
file, the line and the key path; nothing here prints. PyYAML is imported only when a file
is actually read, so commands that need no data start faster.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
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
MAX_NODES = 20_000

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
    lines: dict[KeyPath, int] = field(default_factory=dict)
    loose_flags: dict[KeyPath, str] = field(default_factory=dict)

    def line_of(self, keys: KeyPath) -> int | None:
        # A missing key has no line of its own; its nearest parent's is the best lead.
        for end in range(len(keys), -1, -1):
            if keys[:end] in self.lines:
                return self.lines[keys[:end]]
        return None

    def problem(self, keys: KeyPath, message: str) -> Problem:
        return Problem(self.path, message, format_key_path(keys), self.line_of(keys))


def read_document(path: Path) -> Document:
    """Read one YAML file with the safe loader, keeping the line of every key."""
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
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError.single(path, f"is not UTF-8 text (byte {error.start})") from None
    return _parse(path, text)


def _parse(path: Path, text: str) -> Document:
    import yaml  # deferred: only commands that read data pay for it

    # libyaml's parser, where PyYAML was built with it, is several times faster and keeps
    # the same marks; both are the safe loader.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(path, None, {(): 1})
        index = _LineIndex(path)
        index.visit(node, ())
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        reason = error.problem or error.context or "is not valid YAML"
        raise DataError.single(path, f"is not valid YAML: {reason}", line=line) from None
    except yaml.YAMLError as error:
        raise DataError.single(path, f"is not valid YAML: {error}") from None
    finally:
        loader.dispose()
    return Document(path, data, index.lines, index.loose_flags)


# YAML 1.1 reads these as true/false; a reader of the file sees a word, so they are refused.
_LOOSE_FLAGS = {"yes", "no", "on", "off", "y", "n"}


class _LineIndex:
    """Walks the node tree once: the line of every key path, and the guards on its shape."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: dict[KeyPath, int] = {}
        self.loose_flags: dict[KeyPath, str] = {}
        self.count = 0
        self.ancestors: set[int] = set()

    def fail(self, node: Any, keys: KeyPath, message: str) -> DataError:
        return DataError.single(self.path, message, format_key_path(keys), node.start_mark.line + 1)

    def visit(self, node: Any, keys: KeyPath) -> None:
        import yaml

        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, keys, f"has more than {MAX_NODES} YAML nodes (aliases included)")
        if id(node) in self.ancestors:
            raise self.fail(node, keys, "an alias refers to a node that contains it")
        self.lines.setdefault(keys, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            if not node.style and node.value.lower() in _LOOSE_FLAGS:  # plain, not quoted
                self.loose_flags[keys] = node.value
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
                raise self.fail(key_node, (*keys, key), f"key {key!r} appears twice")
            seen.add(key)
            self.lines[(*keys, key)] = key_node.start_mark.line + 1
            self.visit(value_node, (*keys, key))


class Checker:
    """Collects every problem of one document, so a user sees them all at once."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.problems: list[Problem] = []

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

_ENTRY_KEYS = ("id", "name")
_ENTRY_OPTIONAL = ("aliases", "summary")


def build_framework(document: Document) -> Framework:
    check = Checker(document)
    top = check.mapping(document.data, (), ("levels", "roles"), ("name",))
    if top is None:
        check.raise_any()
        raise AssertionError("unreachable")  # pragma: no cover
    name = check.text(top["name"], ("name",)) if "name" in top else None
    levels = [
        Level(entry["id"], entry["name"], rank, entry["aliases"], entry["summary"])
        for rank, entry in enumerate(_entries(check, top.get("levels"), "levels"))
    ]
    roles = [
        Role(entry["id"], entry["name"], entry["aliases"], entry["summary"])
        for entry in _entries(check, top.get("roles"), "roles")
    ]
    if "levels" in top and not levels and not check.problems:
        check.fail(("levels",), "must list at least one level")
    check.raise_any()
    return Framework(name or "", tuple(levels), tuple(roles))


def _entries(check: Checker, value: Any, section: str) -> Iterator[dict[str, Any]]:
    """The checked entries of ``levels`` or ``roles``, with names unique across the section."""
    if value is None:
        return
    if not isinstance(value, list):
        check.fail((section,), f"must be a list, not {_kind(value)}")
        return
    taken: dict[str, str] = {}
    for index, raw in enumerate(value):
        keys: KeyPath = (section, index)
        entry = check.mapping(raw, keys, _ENTRY_KEYS, _ENTRY_OPTIONAL)
        if entry is None:
            continue
        entry_id = check.ident(entry.get("id"), (*keys, "id")) if "id" in entry else None
        name = check.text(entry.get("name"), (*keys, "name")) if "name" in entry else None
        aliases = check.texts(entry["aliases"], (*keys, "aliases")) if "aliases" in entry else ()
        summary = check.text(entry["summary"], (*keys, "summary")) if "summary" in entry else ""
        if entry_id is None or name is None:
            continue
        labels = [((*keys, "id"), entry_id), ((*keys, "name"), name)]
        labels += [((*keys, "aliases", n), alias) for n, alias in enumerate(aliases)]
        clashes = False
        for where, label in labels:
            owner = taken.setdefault(normal_name(label), entry_id)
            if owner != entry_id:
                check.fail(where, f"{label!r} already names the {section[:-1]} {owner!r}")
                clashes = True
        if not clashes:
            yield {"id": entry_id, "name": name, "aliases": aliases, "summary": summary or ""}


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
    """One folder of framework data, read lazily: a skill file only when it is asked for."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._skills: dict[str, Skill] = {}

    @cached_property
    def framework(self) -> Framework:
        self._require_root()
        return build_framework(read_document(self.root / FRAMEWORK_FILE))

    @cached_property
    def skill_files(self) -> dict[str, Path]:
        """The skills on offer, id to file, from the file names alone."""
        folder = self._require_root() / SKILLS_FOLDER
        try:
            paths = sorted(entry for entry in folder.iterdir() if entry.suffix in SKILL_SUFFIXES)
        except FileNotFoundError:
            raise DataError.single(folder, "folder not found: the data has no skills") from None
        except NotADirectoryError:
            raise DataError.single(
                folder, "is a file; skills go in a folder of YAML files"
            ) from None
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

    @property
    def skill_ids(self) -> tuple[str, ...]:
        return tuple(self.skill_files)

    def skill(self, skill_id: str) -> Skill:
        if skill_id not in self._skills:
            path = self.skill_files.get(skill_id, self.root / SKILLS_FOLDER / f"{skill_id}.yaml")
            self._skills[skill_id] = build_skill(read_document(path), self.framework)
        return self._skills[skill_id]

    def skills(self) -> tuple[Skill, ...]:
        return tuple(self.skill(skill_id) for skill_id in self.skill_ids)

    def _require_root(self) -> Path:
        if not self.root.is_dir():
            raise DataError.single(
                self.root, "data folder not found (is skillpath installed whole?)"
            )
        return self.root


def open_bundled() -> Catalog:
    return Catalog(bundled_root())
