"""The assistant's tools: each one the core call its command makes, with the options of the
command as arguments. A write tool marks an item through the host, which is the commands'
own way (the same checks, lock and history), and gives the line the command says."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from skillpath.assistant.calls import Arguments, Host, Tool
from skillpath.framework import hiring, ladder
from skillpath.plan import store

if TYPE_CHECKING:
    from skillpath.render.base import Result


# -- the arguments ---------------------------------------------------------------------------


def text(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


def texts(description: str) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string"}, "description": description}


def flag(description: str) -> dict[str, Any]:
    return {"type": "boolean", "description": description, "default": False}


def one(arguments: Arguments, name: str) -> list[str] | None:
    """A single name given as the command's repeatable option takes it."""
    return [arguments[name]] if name in arguments else None


ROLE = text("The role: id, name or alias. Default: the person's profile.")
LEVEL = text("The level: id, name or alias. Default: the person's profile.")
SKILLS = texts("Only these skills (ids or names). Default: every skill that has the role.")
WHO = {"--role": "role", "--level": "level"}
ITEM = text(
    "An item id as next_steps or progress gives it, or SKILL:N for item N of that skill's "
    "checklist for the role and level (given, else the profile's)."
)
MARK_ROLE = text("The role SKILL:N counts in. Default: the person's profile.")
MARK_LEVEL = text("The level SKILL:N counts from. Default: the person's profile.")


# -- the tools -------------------------------------------------------------------------------


def _list_skills(host: Host, given: Arguments) -> Result:
    return ladder.list_skills(host.catalog())


def _show_skill(host: Host, given: Arguments) -> Result:
    data = host.catalog()
    return ladder.show_matrix(data, given["skill"], given.get("roles", ()), given.get("levels", ()))


def _next_steps(host: Host, given: Arguments) -> Result:
    from skillpath.plan.asking import next_for

    return next_for(
        host.catalog(),
        one(given, "role"),
        one(given, "level"),
        given.get("skills", ()),
        store.load_profile,
        host.progress,
        todo=given.get("todo", False),
        required_only=given.get("required_only", False),
    )


def _search(host: Host, given: Arguments) -> Result:
    from skillpath.framework.search import search_for

    words = [given["text"]]
    return search_for(host.catalog(), words, one(given, "role") or (), one(given, "level") or ())


def _path(host: Host, given: Arguments) -> Result:
    from skillpath.plan.roadmap import path_for

    data, skills = host.catalog(), given.get("skills", ())
    role, start, end = one(given, "role"), given.get("from"), given.get("to")
    return path_for(data, role, start, end, skills, store.load_profile, host.progress)


def _compare(host: Host, given: Arguments) -> Result:
    from skillpath.plan.roadmap import compare_for

    data, skills = host.catalog(), given.get("skills", ())
    return compare_for(data, given.get("roles"), given.get("levels"), skills, store.load_profile)


def _job(host: Host, given: Arguments) -> Result:
    return hiring.job_description(host.catalog(), given["role"], given["level"])


def _interview(host: Host, given: Arguments) -> Result:
    data = host.catalog()
    return hiring.interview_kit(data, given["role"], given["level"], given.get("skills", ()))


def _progress(host: Host, given: Arguments) -> Result:
    from skillpath.plan.progress import progress_for

    role, level, skills = one(given, "role"), one(given, "level"), given.get("skills", ())
    return progress_for(
        host.catalog(), role, level, skills, store.load_profile, store.load_progress
    )


def _log(host: Host, given: Arguments) -> Result:
    from skillpath.plan.history import log_for

    skills, since, last = one(given, "skill") or (), given.get("since"), given.get("last")
    history = log_for(host.catalog(), since, skills, store.load_history, last)
    unreadable = history.unreadable_note(store.HISTORY_FILE)
    if unreadable:
        host.warn(unreadable)
    return history


def _marker(action: str) -> Callable[[Host, Arguments], str]:
    """A write tool: the command's marking of an item, and the line it says."""

    def mark(host: Host, given: Arguments) -> str:
        details = {"note": given.get("note"), "link": given.get("link"), "day": given.get("date")}
        if action == "skip":
            details = {"reason": given["reason"]}
        return host.mark(action, given["item"], one(given, "role"), one(given, "level"), **details)

    return mark


READ_TOOLS = (
    Tool(
        "list_skills",
        "List the skills",
        "The framework's skills: id, name, domain, roles, counts of required and optional "
        "cells, where each comes from. As `skillpath list --json`.",
        {},
        (),
        _list_skills,
        "list",
    ),
    Tool(
        "show_skill",
        "Show a skill's matrix",
        "One skill's Junior-to-Principal matrix: what each role does at each level, with the "
        "checklist items, evidence and interview questions of every cell. As `skillpath show "
        "SKILL --json`.",
        {
            "skill": text("The skill: id, name or alias."),
            "roles": texts("Only these roles. Default: all of the skill's."),
            "levels": texts("Only these levels. Default: the whole ladder."),
        },
        ("skill",),
        _show_skill,
        "show",
        {"--role": "roles", "--level": "levels"},
    ),
    Tool(
        "next_steps",
        "What to cover for the next level",
        "For a role at a level: per skill, the current expectation and the next level's as "
        "a checklist (item ids and SKILL:N numbers), required skills first, with what the "
        "person has covered. As `skillpath next --json`.",
        {
            "role": ROLE,
            "level": LEVEL,
            "skills": SKILLS,
            "todo": flag("Hide the items covered or skipped."),
            "required_only": flag("Only the skills required of the role."),
        },
        (),
        _next_steps,
        "next",
        {**WHO, "--todo": "todo", "--required-only": "required_only"},
    ),
    Tool(
        "search",
        "Search the framework",
        "Skills and expectations whose text has every word, ignoring case and accents, best "
        "first. As `skillpath search TEXT --json`.",
        {
            "text": text("The words to find; every one must match."),
            "role": text("Only this role."),
            "level": text("Only this level."),
        },
        ("text",),
        _search,
        "search",
        WHO,
    ),
    Tool(
        "path",
        "Roadmap between two levels",
        "Every step between two levels of a role, skill by skill. As `skillpath path --json`.",
        {
            "role": ROLE,
            "from": text("The level to start from. Default: the person's profile."),
            "to": text("The level to reach. Default: the top of the role's ladder."),
            "skills": SKILLS,
        },
        (),
        _path,
        "path",
        {"--role": "role", "--from": "from", "--to": "to"},
    ),
    Tool(
        "compare",
        "Compare two roles or two levels",
        "Two roles at a level, or two levels of a role, side by side, skill by skill. Give "
        "two roles (and a level, else the profile's) or two levels (and a role, else the "
        "profile's). As `skillpath compare --json`.",
        {
            "roles": texts("Two roles to compare, or one role for two levels."),
            "levels": texts("Two levels to compare, or the one level of two roles."),
            "skills": texts("Only these skills. Default: every skill."),
        },
        (),
        _compare,
        "compare",
        {"--role": "roles", "--level": "levels"},
    ),
    Tool(
        "job",
        "Job description",
        "A job description for a role at a level, written from the matrix: every skill's "
        "expectation at that level, required first. As `skillpath job --json`.",
        {"role": text("The role: id, name or alias."), "level": text("The level.")},
        ("role", "level"),
        _job,
        "job",
        WHO,
    ),
    Tool(
        "interview",
        "Interview kit",
        "Interview questions for a role at a level, per skill, and the evidence a good "
        "answer points to. As `skillpath interview --json`.",
        {
            "role": text("The role: id, name or alias."),
            "level": text("The level."),
            "skills": SKILLS,
        },
        ("role", "level"),
        _interview,
        "interview",
        WHO,
    ),
    Tool(
        "progress",
        "The person's progress",
        "How much of the next level the person has covered, skill by skill, every item's "
        "state and evidence, and marks the data no longer has. As `skillpath progress --json`.",
        {"role": ROLE, "level": LEVEL, "skills": SKILLS},
        (),
        _progress,
        "progress",
        WHO,
    ),
    Tool(
        "log",
        "History of the plan",
        "Every start, done, skip and undo, oldest first, with its evidence. As `skillpath "
        "log --json`.",
        {
            "since": text("Only changes on or after this date, YYYY-MM-DD."),
            "skill": text("Only changes of this skill."),
            "last": {
                "type": "integer",
                "minimum": 1,
                "description": "Only the N newest changes (of those since and skill keep).",
            },
        },
        (),
        _log,
        "log",
        {"--since": "since", "--skill": "skill", "--last": "last"},
    ),
)
MARKS = {**WHO, "--note": "note", "--link": "link", "--date": "date", "--reason": "reason"}
WHICH = {"item": ITEM, "role": MARK_ROLE, "level": MARK_LEVEL}
WRITE_TOOLS = (
    Tool(
        "start_item",
        "Mark an item in progress",
        "Changes the person's plan: marks a checklist item started, and adds it to the "
        "history. As `skillpath start ITEM`.",
        WHICH,
        ("item",),
        _marker("start"),
        options=MARKS,
    ),
    Tool(
        "mark_done",
        "Mark an item covered",
        "Changes the person's plan: marks a checklist item covered, adding a piece of "
        "evidence (a note, a link, a date) to what it has, and adds it to the history. As "
        "`skillpath done ITEM --note ...`.",
        {
            **WHICH,
            "note": text("Evidence: what the person did."),
            "link": text("Where the evidence is: a PR, a document (one address)."),
            "date": text("When, YYYY-MM-DD, not in the future. Default: today."),
        },
        ("item",),
        _marker("done"),
        options=MARKS,
    ),
    Tool(
        "skip_item",
        "Mark an item not applicable",
        "Changes the person's plan: marks a checklist item skipped (counted apart, not "
        "against them), with the reason, and adds it to the history. As `skillpath skip "
        "ITEM --reason ...`.",
        {**WHICH, "reason": text("Why the item does not apply to the person's team.")},
        ("item", "reason"),
        _marker("skip"),
        options=MARKS,
    ),
    Tool(
        "undo_item",
        "Put an item back to do",
        "Changes the person's plan: forgets an item's mark (its evidence stays in the "
        "history). As `skillpath undo ITEM`.",
        WHICH,
        ("item",),
        _marker("undo"),
        options=MARKS,
    ),
)


def tools(*, read_only: bool) -> tuple[Tool, ...]:
    """The tools served: the read tools, and the write tools unless ``read_only``."""
    return READ_TOOLS if read_only else READ_TOOLS + WRITE_TOOLS
