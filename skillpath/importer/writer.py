"""An imported skill as the text of a skill file, laid out like the bundled ones."""

from __future__ import annotations

from skillpath.importer import ImportedSkill, collapse
from skillpath.yamlwrite import printable, quoted, scalar

_WRAP = 84


def skill_yaml(skill: ImportedSkill) -> str:
    """The skill file's text, laid out like ``data/skills/deep-learning.yaml``."""
    import textwrap

    lines = [
        f"id: {scalar(skill.id)}",
        f"name: {scalar(skill.name)}",
        f"domain: {scalar(skill.domain)}",
    ]
    if skill.updated is not None:
        lines.append(f"updated: {skill.updated.isoformat()}")
    if skill.source:
        lines.append(f"source: {scalar(skill.source)}")
    lines.append("expectations:")
    role_seen: set[str] = set()
    for role_id, level_id, required, description in skill.cells:
        if role_id not in role_seen:
            role_seen.add(role_id)
            lines.append(f"  {role_id}:")
        lines += [
            f"    {level_id}:",
            f"      required: {'true' if required else 'false'}",
        ]
        text = collapse(description)
        if text and printable(text):
            lines.append("      description: >-")
            wrapped = textwrap.wrap(
                text, width=_WRAP, break_long_words=False, break_on_hyphens=False
            )
            lines += [f"        {part}" for part in wrapped]
        else:
            lines.append(f"      description: {quoted(text)}")
    return "\n".join(lines) + "\n"
