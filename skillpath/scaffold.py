"""``skillpath new``: a skill file with every cell to fill in, which validation flags until
each description is written. Nothing is invented: the descriptions start empty."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UsageError
from .loading.paths import SKILLS_FOLDER
from .model import ID_PATTERN, Framework, Role
from .names import resolve_roles
from .yamlwrite import scalar

if TYPE_CHECKING:
    from .loading import Catalog


@dataclass(frozen=True)
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
    text = new_skill_text(skill_id, framework, chosen, name, domain, today)
    target = output or Path(SKILLS_FOLDER) / f"{skill_id}.yaml"
    replaces = catalog.origin_label(skill_id) if skill_id in catalog.skill_ids else None
    cells = sum(len(framework.ladder(role)) for role in chosen or framework.roles)
    return NewSkill(target, text, cells, replaces)


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
                "      required: false",
                f"      # What does a {level.name} {role.name} do in {title}?",
                '      description: ""',
            ]
    return "\n".join(lines) + "\n"
