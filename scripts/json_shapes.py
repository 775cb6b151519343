"""The outline of a JSON answer, written from its schema in skillpath/schemas/: every key in
the order the schema gives it, with its type, so that docs/json.md cannot drift from the
contract the tests validate. ``python -m scripts.doc_examples`` writes the outlines into the
``<!-- shape: NAME -->`` blocks of docs/json.md.

A part of the schema defined once (``$defs``) and longer than a short object is named in
capitals (``CELL``) and spelled out below the outline; ``A | B`` is either, ``[A]`` a list.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from skillpath import schemas

WIDTH = 96
SHORT = 40  # a $defs part this long or shorter is written in place, not named


def load(name: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads((schemas.FOLDER / f"{name}.json").read_text("utf-8"))
    return found


class Outliner:
    def __init__(self, schema: dict[str, Any]) -> None:
        self.defs: dict[str, Any] = schema.get("$defs", {})
        self.named: dict[str, str] = {}

    def of(self, node: dict[str, Any]) -> str:
        if "$ref" in node:
            return self.ref(node["$ref"].rsplit("/", 1)[-1])
        for key in ("oneOf", "anyOf"):
            if key in node:
                return " | ".join(dict.fromkeys(self.of(part) for part in node[key]))
        if "enum" in node:
            text = " | ".join(json.dumps(value) for value in node["enum"])
            if len(text) <= SHORT:
                return text
        kind = node.get("type", "any")
        if isinstance(kind, list):
            return " | ".join(self.of({**node, "type": one}) for one in kind)
        if kind == "array":
            return "[" + self.of(node.get("items", {})) + "]"
        if kind == "object":
            return self.object(node)
        return str(kind)

    def object(self, node: dict[str, Any]) -> str:
        properties = node.get("properties")
        if properties:
            return "{" + ", ".join(f'"{k}": {self.of(v)}' for k, v in properties.items()) + "}"
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            return "{string: " + self.of(extra) + "}"
        return "{}"

    def ref(self, name: str) -> str:
        if name not in self.named:
            self.named[name] = ""  # a part that contains itself is named, not expanded
            self.named[name] = self.of(self.defs[name])
        text = self.named[name]
        return text if text and len(text) <= SHORT else name.upper()


def wrapped(lead: str, text: str, indent: int) -> list[str]:
    """The text in lines of at most WIDTH, never breaking between a key and its value."""
    kept = textwrap.wrap(
        (lead + text).replace('": ', '":\xa0'),
        WIDTH,
        subsequent_indent=" " * indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace('":\xa0', '": ') for line in kept]


def outline(name: str) -> str:
    """The answer's keys, one top-level key a line, then each named part below."""
    schema = load(name)
    outliner = Outliner(schema)
    properties = schema.get("properties", {})
    width = max((len(key) for key in properties), default=0) + 4
    lines: list[str] = []
    for number, (key, node) in enumerate(properties.items()):
        lead = ("{" if number == 0 else " ") + f'"{key}": '.ljust(width)
        end = "}" if number == len(properties) - 1 else ","
        lines += wrapped(lead, outliner.of(node) + end, len(lead))
    shown = {part for line in lines for part in outliner.named if part.upper() in line}
    done: set[str] = set()
    while shown - done:
        part = sorted(shown - done)[0]
        done.add(part)
        text = outliner.named[part]
        if len(text) <= SHORT:
            continue
        lead = f"{part.upper()} = "
        lines += ["", *wrapped(lead, text, len(lead))]
        shown |= {other for other in outliner.named if other.upper() in text}
    return "\n".join(lines) + "\n"
