"""What the assistant can read besides its tools: each skill, the levels and the roles as the
commands' JSON, and the prompt that drafts a plan for the next level."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from skillpath.assistant.calls import Answer, Host, call
from skillpath.assistant.tools import READ_TOOLS
from skillpath.errors import UsageError
from skillpath.framework import ladder
from skillpath.render import json_answer
from skillpath.values import frozen

if TYPE_CHECKING:
    from skillpath.render.base import Result

SKILLS = "skillpath://skills/"
SKILL_TEMPLATE = SKILLS + "{id}"
LEVELS = "skillpath://levels"
ROLES = "skillpath://roles"
PROMPT = "plan_next_level"


@frozen
class Entry:
    uri: str
    name: str
    title: str
    description: str


def entries(host: Host) -> list[Entry]:
    """Every resource: the levels, the roles, and a skill each."""
    data = host.catalog()
    found = [
        Entry(LEVELS, "levels", "Levels", "The ladder, lowest first (`skillpath levels --json`)."),
        Entry(ROLES, "roles", "Roles", "The roles and their aliases (`skillpath roles --json`)."),
    ]
    for skill in data.skills():
        found.append(
            Entry(
                SKILLS + quote(skill.id),
                skill.id,
                skill.name,
                f"{skill.domain}: the matrix of {skill.name} (`skillpath show {skill.id} --json`).",
            )
        )
    return found


def read(host: Host, uri: str) -> str:
    """The JSON of the resource at ``uri``, as its command writes it."""
    data = host.catalog()
    result: Result
    if uri == LEVELS:
        result = ladder.level_list(data)
    elif uri == ROLES:
        result = ladder.role_list(data)
    elif uri.startswith(SKILLS) and len(uri) > len(SKILLS):
        result = ladder.show_matrix(data, unquote(uri[len(SKILLS) :]))
    else:
        raise UsageError(
            f"no resource {uri!r}; there are {LEVELS}, {ROLES} and {SKILL_TEMPLATE} "
            "(list_skills gives the ids)"
        )
    return b"".join(json_answer(result)).decode("utf-8")


def plan_prompt(host: Host, role: str | None, level: str | None) -> Answer:
    """The prompt's text: what to draft, and next_steps' answer (the items still to do)."""
    [next_steps] = [tool for tool in READ_TOOLS if tool.name == "next_steps"]
    asked = {"role": role, "level": level, "todo": True}
    found = call(next_steps, host, asked)
    if found.error or found.structured is None:
        return found
    step = found.structured
    if step["top"]:
        goal = f"I am {step['role']['name']} at {step['from']['name']}, the top of the ladder."
        ask = "Suggest how I could keep growing and show it, from the expectations below."
    else:
        goal = (
            f"I am {step['role']['name']} at {step['from']['name']} and want to reach "
            f"{step['to']['name']}."
        )
        ask = DRAFT
    text = f"{goal} {ask}\n\nWhat next_steps gives (items still to do):\n\n```json\n{found.text}```"
    return Answer(text, None, found.notes)


DRAFT = (
    "Draft a plan for it from next_steps below. Group the checklist items still to do by "
    "skill, required skills first; for each item, suggest a piece of my work that would "
    "show it and the evidence a reviewer would accept (the cells' `evidence` lists "
    "examples); then propose an order over the coming weeks. Do not mark anything: when I "
    "agree to start an item, start_item marks it by its id."
)
