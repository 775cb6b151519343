"""``skillpath new``: a skill file with every cell to fill in, which validation flags until
each description is written. Nothing is invented: the descriptions start empty."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from .catalog import ID_PATTERN
from .errors import UsageError
from .model import Framework, Role


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
        f"id: {skill_id}",
        f"name: {scalar(title)}",
        f"domain: {scalar(domain or framework.name or 'Unspecified')}",
        f"updated: {today.isoformat()}",
        "expectations:",
    ]
    for role in roles or framework.roles:
        lines.append(f"  {role.id}:")
        for level in framework.levels:
            lines += [
                f"    {level.id}:",
                "      required: false",
                f"      # What does a {level.name} {role.name} do in {title}?",
                '      description: ""',
            ]
    return "\n".join(lines) + "\n"


def scalar(text: str) -> str:
    """Plain when YAML reads it back as the same text, else a JSON (double-quoted) string."""
    import yaml

    try:
        plain = yaml.safe_load(text) == text and "#" not in text and ": " not in text
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)
