"""``skillpath init``: a framework of one's own to start from, with no skills yet.

It writes a ``framework.yaml`` that says ``bundled: false`` (its ladder and roles replace
the bundled ones) and an empty ``skills/`` folder; ids come from the names given, so that
"Level 1" becomes ``level-1``. Nothing here writes: the CLI writes what this returns.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from skillpath.errors import UsageError
from skillpath.framework.model import normal_name
from skillpath.loading.paths import FRAMEWORK_FILE, SKILLS_FOLDER
from skillpath.values import frozen

from .yamlwrite import scalar


@frozen
class NewFramework:
    """The framework.yaml to write, where, and the folder its skills go in."""

    target: Path
    skills: Path
    text: str
    levels: tuple[str, ...]  # the ids written, lowest level first
    roles: tuple[str, ...]


def id_from_name(name: str) -> str:
    """The id a name gives: lowercase ASCII letters and digits, other runs become one dash."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.casefold()).strip("-")


def init_framework(
    folder: Path, name: str, levels: Sequence[str], roles: Sequence[str]
) -> NewFramework:
    """``skillpath init``: the framework.yaml for ``folder``, from the names given."""
    title = " ".join(name.split())
    if not title:
        raise UsageError("--name must not be empty")
    level_entries = _entries("level", levels)
    role_entries = _entries("role", roles)
    lines = [
        "# Your own framework: its ladder (lowest level first) and roles replace the bundled",
        "# ones. Add aliases and a one-line summary to any entry; a role may take only part",
        "# of the ladder with `levels: [id, ...]`. Skills go in skills/, one file each:",
        "# `skillpath new SKILL-ID -d DIR` or `skillpath import FILE.csv --into DIR`.",
        f"name: {scalar(title)}",
        "bundled: false",
        "levels:",
        *(f"  - {{id: {scalar(i)}, name: {scalar(n)}}}" for i, n in level_entries),
        "roles:",
        *(f"  - {{id: {scalar(i)}, name: {scalar(n)}}}" for i, n in role_entries),
    ]
    return NewFramework(
        folder / FRAMEWORK_FILE,
        folder / SKILLS_FOLDER,
        "\n".join(lines) + "\n",
        tuple(entry_id for entry_id, _ in level_entries),
        tuple(entry_id for entry_id, _ in role_entries),
    )


def _entries(kind: str, names: Sequence[str]) -> list[tuple[str, str]]:
    """(id, name) for each name, in order; each must give an id, and no two the same."""
    if not names:
        raise UsageError(f"give at least one --{kind}")
    entries: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for raw in names:
        label = " ".join(raw.split())
        entry_id = id_from_name(label)
        if not entry_id:
            raise UsageError(
                f"the {kind} name {raw!r} gives no id: use at least one letter or digit"
            )
        for key in {entry_id, normal_name(label)}:
            if key in seen:
                raise UsageError(f"the {kind}s {seen[key]!r} and {label!r} have the same id")
        seen.update(dict.fromkeys({entry_id, normal_name(label)}, label))
        entries.append((entry_id, label))
    return entries
