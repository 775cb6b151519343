"""An imported skill as the text of a skill file, laid out like the bundled ones.

The layout is the bundled files' own (folded text wrapped at 96 columns, lists one entry a
line), so that exporting a skill and importing it again gives the same bytes. Where every
role of the skill has the same cell at a level, it is written once under ``every-role``.
"""

from __future__ import annotations

from collections.abc import Sequence

from skillpath.authoring.importer.parts import Cell, ImportedSkill, collapse
from skillpath.authoring.yamlwrite import printable, quoted, scalar
from skillpath.framework.model import EVERY_ROLE, Framework, Question

WIDTH = 96  # the bundled files' line width


def skill_yaml(skill: ImportedSkill, framework: Framework | None = None) -> str:
    """The skill file's text, laid out like ``data/skills/rag.yaml``."""
    lines = [
        f"id: {scalar(skill.id)}",
        f"name: {scalar(skill.name)}",
        f"domain: {scalar(skill.domain)}",
    ]
    if skill.summary:
        lines.append(f"summary: {scalar(skill.summary)}")
    if skill.updated is not None:
        lines.append(f"updated: {skill.updated.isoformat()}")
    if skill.source:
        lines.append(f"source: {scalar(skill.source)}")
    if skill.notes:
        lines += folded("notes", skill.notes, 0)
    roles = list(dict.fromkeys(cell.role for cell in skill.cells))
    shared = shared_levels(skill.cells, roles, framework) if framework else {}
    if shared and framework and roles != [role.id for role in framework.roles]:
        lines.append(f"roles: [{', '.join(scalar(role) for role in roles)}]")
    if shared:
        lines.append(f"{EVERY_ROLE}:")
        for level_id, cell in shared.items():
            lines += [f"  {scalar(level_id)}:", *cell_lines(cell, 4)]
    own = [cell for cell in skill.cells if cell.level not in shared]
    if own or not shared:
        lines.append("expectations:")
    for role in roles:
        cells = [cell for cell in own if cell.role == role]
        if cells:
            lines.append(f"  {scalar(role)}:")
        for cell in cells:
            lines += [f"    {scalar(cell.level)}:", *cell_lines(cell, 6)]
    return "\n".join(lines) + "\n"


def shared_levels(cells: Sequence[Cell], roles: list[str], framework: Framework) -> dict[str, Cell]:
    """Level id -> the cell that every role of the skill with that level has, word for word.

    Only where two roles or more share it: one role's cell is its own.
    """
    if len(roles) < 2:
        return {}
    by_key = {(cell.role, cell.level): cell for cell in cells}
    ladders = {role.id: {level.id for level in framework.ladder(role)} for role in framework.roles}
    shared: dict[str, Cell] = {}
    for level in framework.levels:
        holders = [role for role in roles if level.id in ladders.get(role, set())]
        found = [by_key.get((role, level.id)) for role in holders]
        if len(found) < 2 or any(cell is None for cell in found):
            continue
        faces = {cell._replace(role="") for cell in found if cell is not None}
        if len(faces) == 1:
            shared[level.id] = faces.pop()
    return shared


def cell_lines(cell: Cell, indent: int) -> list[str]:
    pad = " " * indent
    lines = [f"{pad}required: {'true' if cell.required else 'false'}"]
    if cell.description:
        lines += folded("description", cell.description, indent)
    for key, entries in (
        ("items", cell.items),
        ("examples", cell.examples),
        ("evidence", cell.evidence),
    ):
        if entries:
            lines.append(f"{pad}{key}:")
            lines += [line for entry in entries for line in list_entry(entry, indent + 2)]
    if cell.questions:
        lines.append(f"{pad}questions:")
        lines += [line for asked in cell.questions for line in question_entry(asked, indent + 2)]
    return lines


def question_entry(question: Question, indent: int) -> list[str]:
    """A question as a line of text where the data gives only its words, else as the
    mapping of ask, kind and strong-answer (docs/data-format.md)."""
    if not (question.kind or question.strong_answer):
        return list_entry(question.text, indent)
    fields = [
        ("ask", question.text),
        ("kind", question.kind),
        ("strong-answer", question.strong_answer),
    ]
    lines = [line for key, text in fields if text for line in keyed(key, text, indent + 2)]
    return [f"{' ' * indent}- {lines[0].lstrip()}", *lines[1:]]


def keyed(key: str, text: str, indent: int) -> list[str]:
    """``key: text`` on one line where it fits and reads back the same, else folded."""
    line = f"{' ' * indent}{key}: {scalar(text)}"
    if scalar(text) == text and " #" not in text and len(line) <= WIDTH:
        return [line]
    return folded(key, text, indent)


def folded(key: str, text: str, indent: int) -> list[str]:
    """``key: >-`` and the text wrapped under it, or one quoted line where it must be."""
    import textwrap

    pad = " " * indent
    text = collapse(text)
    if not (text and printable(text)):
        return [f"{pad}{key}: {quoted(text)}"]
    wrapped = textwrap.wrap(
        text, width=WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False
    )
    return [f"{pad}{key}: >-", *(f"{pad}  {part}" for part in wrapped)]


def list_entry(text: str, indent: int) -> list[str]:
    """``- text``, a plain scalar wrapped under itself where it reads back the same."""
    import textwrap

    pad = " " * indent
    written = scalar(text)
    if written != text or " #" in text:
        return [f"{pad}- {written}"]
    wrapped = textwrap.wrap(
        text, width=WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False
    )
    if any(part[0] in "#-?:,[]{}&*!|>'\"%@`" for part in wrapped[1:]):
        return [f"{pad}- {written}"]  # a line would start like YAML syntax: keep it on one
    return [f"{pad}- {wrapped[0]}", *(f"{pad}  {part}" for part in wrapped[1:])]
