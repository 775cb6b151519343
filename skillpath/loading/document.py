"""One YAML file read safely: bounded, with the line and column of every key path, and the
shape guards (node count, aliases that contain themselves) applied while it is walked.

PyYAML is imported only when a file is actually parsed, so commands that need no data, and
bundled data read from the wheel's snapshot, start faster.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skillpath.errors import DataError, Problem
from skillpath.loading.files import read_bounded
from skillpath.loading.snapshot import snapshot_entry

# Guards against files that would take the loader down with them rather than inform it.
MAX_FILE_BYTES = 1024 * 1024
MAX_NODES = 5_000
MAX_DEPTH = 32  # a skill file nests 6 deep; anything far deeper is a mistake or an attack

KeyPath = tuple[str | int, ...]


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
    raw = read_bounded(path, MAX_FILE_BYTES)
    kept = snapshot_entry(path, raw)
    if kept is not None:
        return Document(path, kept)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError.single(path, f"is not UTF-8 text (byte {error.start})") from None
    if json_first and text.lstrip().startswith("{"):
        import json

        try:
            return Document(path, json.loads(text, object_pairs_hook=_unique_keys))
        except (ValueError, RecursionError):
            pass  # hand-edited, broken, too deep, a key twice: the YAML reader says where
    return parse_text(path, text)


def parse_text(path: Path, text: str) -> Document:
    """YAML ``text`` as if read from ``path``: what is about to be written is checked by
    the same rules as what is read."""
    try:
        return _parse(path, text)
    except RecursionError:  # a parser without libyaml recurses once per level
        raise DataError.single(path, f"nests deeper than {MAX_DEPTH} levels") from None


def _context(error: Any) -> str:
    """Where what the parser was reading began, when the problem is found further on: an
    unclosed ``[`` or quote is reported where the file ends, and it began lines before."""
    start = error.context_mark
    if not (error.problem and error.context and start):
        return ""
    return f" ({error.context} that starts at line {start.line + 1}, column {start.column + 1})"


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object as a dict, refusing a key given twice (json keeps the last silently)."""
    found = dict(pairs)
    if len(found) != len(pairs):
        raise ValueError("a key is given twice")
    return found


def _parse(path: Path, text: str) -> Document:
    import yaml  # deferred: only commands that read data pay for it

    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(path, None, {(): (1, 1)})
        index = _LineIndex(path)
        data = index.visit(node, ())
        if index.exotic:  # merge keys, sets, unknown tags: the safe loader's own rules
            data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = error.problem or error.context or "is not valid YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise DataError(
            [Problem(path, f"is not valid YAML: {reason}{_context(error)}", "", line, column)]
        ) from None
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


@functools.cache
def _loader_class() -> Any:
    """The safe loader, with libyaml's parser where PyYAML was built with it (several
    times faster, the same marks), and a shortcut in choosing each scalar's type.

    The safe loader tries the patterns of the types (null, bool, int, float, date) that
    can start with a plain scalar's first character. Most scalars here are sentences that
    start with a letter no type starts with, or are quoted: text, which the shortcut says
    at once, from the loader's own table. The rest are left to the loader."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    starts = base.yaml_implicit_resolvers
    if None in starts or base.yaml_path_resolvers:  # a type for any first character
        return base
    scalar, text = yaml.ScalarNode, base.DEFAULT_SCALAR_TAG
    resolve_fully = base.resolve

    def resolve(self: Any, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is scalar and (not implicit[0] or (value and value[0] not in starts)):
            return text
        return resolve_fully(self, kind, value, implicit)

    return type("SkillpathLoader", (base,), {"resolve": resolve})


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STRING = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# The scalars the walk builds itself (through the safe loader's constructor, for all but
# text): any other tag, a merge key (<<) among them, leaves the document to the loader.
_PLAIN_SCALARS = frozenset((_STRING, _NULL, _INT, _TIMESTAMP, _BOOL, "tag:yaml.org,2002:float"))
# Python refuses to read an integer of more digits than this (CVE-2020-10735); longer is
# a data problem, not a traceback.
MAX_DIGITS = 4_300


def _scalar(node: Any, constructor: Any) -> tuple[Any, str | None]:
    """A scalar's value other than text (which the walk takes as it is), and why it cannot
    be made from its text (then the value is the text): an impossible date (2026-02-30), an
    integer too long for Python, ``!!int abc``, ``!!bool maybe``."""
    if node.tag == _BOOL:  # `required: true` in every cell: the constructor's own table, at once
        found = constructor.bool_values.get(node.value.lower())
        if found is not None:
            return found, None
    if node.tag == _INT and sum(c.isdigit() for c in node.value) > MAX_DIGITS:
        return node.value, f"is a number of more than {MAX_DIGITS} digits"
    import yaml

    try:
        return constructor.construct_object(node), None
    except yaml.YAMLError:
        return node.value, None  # an unknown tag: the document's construction says so
    except Exception:  # each constructor fails its own way (ValueError, KeyError, ...)
        return node.value, f"{node.value!r} cannot be read as {node.tag.rsplit(':', 1)[-1]}"


def _place(node: Any) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


# YAML 1.1 reads these as true/false; a reader of the file sees a word, so they are refused.
_LOOSE_FLAGS = {"yes", "no", "on", "off", "y", "n"}
_LOOSE_LONGEST = max(map(len, _LOOSE_FLAGS))


class _LineIndex:
    """Walks the node tree once: the data, the line of every key path, and the guards on
    its shape. A tree the walk does not build itself (``exotic``) is left to the loader."""

    def __init__(self, path: Path) -> None:
        import yaml

        self.path = path
        self.constructor = yaml.constructor.SafeConstructor()
        self.lines: dict[KeyPath, tuple[int, int]] = {}
        self.loose_flags: dict[KeyPath, str] = {}
        self.count = 0
        self.ancestors: set[int] = set()
        self.problems: list[Problem] = []  # what the file can still be read despite
        self.exotic = False

    def fail(self, node: Any, keys: KeyPath, message: str) -> DataError:
        mark = node.start_mark
        return DataError(
            [Problem(self.path, message, format_key_path(keys), mark.line + 1, mark.column + 1)]
        )

    def visit(self, node: Any, keys: KeyPath) -> Any:
        # Tens of thousands of nodes a file: each test here is ordered and spelled for speed
        # (a cold read of a large folder is mostly this walk and libyaml's).
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, keys, f"has more than {MAX_NODES} YAML nodes (aliases included)")
        if len(keys) > MAX_DEPTH:
            raise self.fail(node, keys[:MAX_DEPTH], f"nests deeper than {MAX_DEPTH} levels")
        lines = self.lines
        if keys not in lines:  # a mapping's value has its key's place already
            lines[keys] = _place(node)
        if node.id == "scalar":  # never an ancestor of anything: no cycle to look for
            value = node.value
            if not node.style and len(value) <= _LOOSE_LONGEST and value.lower() in _LOOSE_FLAGS:
                self.loose_flags[keys] = value  # plain, not quoted
            return value if node.tag == _STRING else self.readable(node, keys)
        if id(node) in self.ancestors:
            raise self.fail(node, keys, "an alias refers to a node that contains it")
        self.ancestors.add(id(node))
        if node.id == "mapping":
            self.exotic = self.exotic or node.tag != _MAP  # !!set, !!omap, a tag of its own
            built: Any = self.visit_mapping(node, keys)
        else:
            self.exotic = self.exotic or node.tag != _SEQ
            built = [self.visit(item, (*keys, index)) for index, item in enumerate(node.value)]
        self.ancestors.discard(id(node))
        return built

    def readable(self, node: Any, keys: KeyPath) -> Any:
        """A scalar's value. One that cannot be made is a problem, and stays text meanwhile,
        so that the rest of the file is still read and checked."""
        if node.tag not in _PLAIN_SCALARS:
            self.exotic = True
        value, reason = _scalar(node, self.constructor)
        if reason is not None and node.tag != _TIMESTAMP:
            self.problems += self.fail(node, keys, reason).problems
        if reason is not None:
            node.tag = _STRING  # "2026-02-30" stays text, which a date's check then refuses
        return value

    def visit_mapping(self, node: Any, keys: KeyPath) -> dict[Any, Any]:
        built: dict[Any, Any] = {}
        seen: set[str] = set()
        lines = self.lines
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                # A list or mapping as a key is never meant, and its text would be built from
                # the whole expanded node: an alias bomb in a key grows without bound.
                raise self.fail(key_node, keys, "a key must be a name, not a list or mapping")
            key = key_node.value
            key_value = key if key_node.tag == _STRING else self.readable(key_node, keys)
            child = (*keys, key)
            if key in seen:  # in this mapping: a path placed already may be a repeated parent's
                self.problems += self.fail(key_node, child, f"key {key!r} appears twice").problems
            seen.add(key)
            lines[child] = _place(key_node)
            value = self.visit(value_node, child)
            if not self.exotic:
                built[key_value] = value
        return built
