"""``skillpath new``: a skill file with every cell to fill in, each marked ``draft: true``:
reading commands leave a draft cell out (with a warning) and validation flags it until it
is written. Nothing is invented: the descriptions start empty."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from skillpath.errors import DataError, UsageError
from skillpath.framework.model import ID_PATTERN, Framework, Role
from skillpath.framework.names import resolve_roles
from skillpath.loading.builders import build_skill
from skillpath.loading.document import parse_text
from skillpath.loading.paths import SKILLS_FOLDER
from skillpath.text import UNSAFE, printable
from skillpath.values import frozen

from .yamlwrite import scalar

if TYPE_CHECKING:
    from skillpath.loading import Catalog


@frozen
class NewSkill:
    """A new skill file to write: its text, where, how many cells it asks for, and the
    origin of a skill it would replace (None when the id is new)."""

    target: Path
    text: str
    cells: int
    replaces: str | None


def new_skill(
    catalog: Catalog,
    skill_id: str,
    roles: Sequence[str],
    name: str | None,
    domain: str | None,
    today: date,
    output: Path | None,
) -> NewSkill:
    """``skillpath new``: the file for the named roles (every role when none is named)."""
    framework = catalog.framework
    chosen = resolve_roles(framework, roles)
    for option, value in (("--name", name), ("--domain", domain)):
        if value is not None:
            require_one_line(option, value)
    text = new_skill_text(skill_id, framework, chosen, name, domain, today)
    target = output or Path(SKILLS_FOLDER) / f"{skill_id}.yaml"
    # The tool never writes what it would refuse to read: the file is read back first.
    build_skill(parse_text(target.with_name(f"{skill_id}.yaml"), text), framework)
    cells = sum(len(framework.ladder(role)) for role in chosen or framework.roles)
    return NewSkill(target, text, cells, _replaces(catalog, skill_id))


def require_one_line(option: str, value: str) -> None:
    """A name or domain is one line of text a file can hold: no control characters, no
    bytes that are not UTF-8, not blank."""
    if not value.strip() or UNSAFE.search(value):
        raise UsageError(
            f"{option} '{printable(value)}' is not a name: "
            "give one line of text without control characters"
        )


def _replaces(catalog: Catalog, skill_id: str) -> str | None:
    """Where a skill of that id comes from already, if anywhere. A folder with no skills
    yet (the one the new file is for) has none."""
    try:
        known = catalog.skill_ids
    except DataError:
        return None
    return catalog.origin_label(skill_id) if skill_id in known else None


def new_skill_text(
    skill_id: str,
    framework: Framework,
    roles: Sequence[Role],
    name: str | None,
    domain: str | None,
    today: date,
) -> str:
    if not ID_PATTERN.fullmatch(skill_id):
        raise UsageError(
            f"{skill_id!r} is not a skill id: use lowercase letters, digits and single dashes"
        )
    title = name or skill_id.replace("-", " ").title()
    lines = [
        "# A new skill: write every description (two to four sentences: what the role does at",
        "# that level), set `required` where the cell is core to the role, then run",
        "# `skillpath validate` on this file until it reports no problems.",
        f"id: {scalar(skill_id)}",
        f"name: {scalar(title)}",
        f"domain: {scalar(domain or framework.name or 'Unspecified')}",
        f"updated: {today.isoformat()}",
        "expectations:",
    ]
    for role in roles or framework.roles:
        lines.append(f"  {scalar(role.id)}:")  # quoted where YAML would read a number
        for level in framework.ladder(role):
            lines += [
                f"    {scalar(level.id)}:",
                "      draft: true  # left out until written: remove this line when it is",
                "      required: false",
                f"      # What does a {level.name} {role.name} do in {title}?",
                '      description: ""',
            ]
    return "\n".join(lines) + "\n"
