"""The commands that mark an item: `done`, `start`, `skip` and `undo`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from skillpath.cli.options import (
    DataDirOption,
    Names,
    Text,
    catalog,
    complete_item,
    complete_level,
    complete_role,
    examples,
    names_option,
)
from skillpath.cli.output import note, say
from skillpath.errors import DataError, UsageError
from skillpath.framework.model import DONE
from skillpath.plan import asking, store
from skillpath.plan import model as plan
from skillpath.plan.changes import evidence_for, item_change_for, words
from skillpath.plan.progress import Uncounted, uncounted

if TYPE_CHECKING:
    from skillpath.loading import Catalog

app = typer.Typer(rich_markup_mode=None)
groups: list[typer.Typer] = []

ItemArgument = Annotated[
    str,
    typer.Argument(
        help="An item id as `skillpath next` shows it, or SKILL:N for item N of that skill's "
        "checklist for your role and level (or --role and --level).",
        show_default=False,
        metavar="ITEM",
        autocompletion=complete_item,
    ),
]
MarkRoleOption = Annotated[
    Names,
    names_option(
        "--role",
        "-r",
        "ROLE",
        "The role SKILL:N counts in. [default: your profile's]",
        complete_role,
    ),
]
MarkLevelOption = Annotated[
    Names,
    names_option(
        "--level",
        "-l",
        "LEVEL",
        "The level SKILL:N counts from. [default: your profile's]",
        complete_level,
    ),
]


def mark_item(
    data_dirs: list[Path] | None,
    action: str,
    item: str,
    roles: Names,
    levels: Names,
    *,
    note: str | None = None,
    link: str | None = None,
    day: str | None = None,
    moved_from: str | None = None,
    reason: str | None = None,
) -> str:
    """What `done`, `start`, `skip` or `undo` ITEM does, and the line it says after: the
    one way an item is marked, for the commands and for the assistant's tools alike. The
    evidence and the reason are checked before anything is written."""
    details: dict[str, Any] = {}
    if action == "done":
        given = note is not None or link is not None or day is not None
        details["evidence"] = evidence_for(note, link, day, date.today()) if given else None
        details["moved_from"] = moved_from
    elif action == "skip":
        details["reason"] = words("--reason", reason or "")
    change = change_item(data_dirs, item, action, roles, levels, **details)
    if change is None:
        return f"{item} was not marked; nothing changed."
    return said(action, change)


def said(action: str, change: plan.ItemChange) -> str:
    """The line a change is told by."""
    mark = change.mark
    if action == "undo":
        return f"Back to do: {mark.item}: {mark.text}"
    where = f"({mark.skill}, {mark.role}, {mark.level})"
    if action == "done":
        moved = f" (evidence moved from {change.moved_from})" if change.moved_from else ""
        return f"Covered {mark.item}: {mark.text} {where}{moved}"
    verb = "Started" if action == "start" else "Skipped"
    return f"{verb} {mark.item}: {mark.text} {where}" + was_covered(change)


def change_item(
    data_dirs: list[Path] | None,
    reference: str,
    action: str,
    roles: Names,
    levels: Names,
    **details: Any,
) -> plan.ItemChange | None:
    """Work out the change, then make it under the lock and append it to the history; None
    when `undo` finds the item not marked."""
    data = catalog(data_dirs)
    progress = store.load_progress()
    change = item_change_for(
        data,
        progress,
        reference,
        action,
        lambda: asking.who(data.framework, roles, levels, store.load_profile),
        date.today(),
        **details,
    )
    if action == "undo" and change.mark.item not in progress.marks:
        return None
    now = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    found: list[plan.Mark | None] = [progress.marks.get(change.mark.item)]

    def happened(before: plan.Progress, after: plan.Progress) -> list[plan.Change]:
        found[0] = before.marks.get(change.mark.item)  # as it was under the lock
        return [change.record(now)] if before.marks != after.marks else []

    store.update_progress(change.applied, happened)
    if action != "undo":
        _tell_if_uncounted(data, change.mark, roles, levels)
    return replace(change, earlier=found[0])


def _tell_if_uncounted(data: Catalog, mark: plan.Mark, roles: Names, levels: Names) -> None:
    """A note when `skillpath progress` will not count the mark just made for the one
    asking (the options, else the profile); nothing when neither names a role and level."""
    try:
        who = asking.who(data.framework, roles, levels, store.load_profile)
    except (UsageError, DataError):  # the mark stands; there is just no one to count it for
        return
    framework = data.framework
    missed = uncounted(framework, data.skill(mark.skill), mark, who)
    if missed is None:
        return
    cell = f"{framework.role(mark.role).name} at {framework.level(mark.level).name}"
    note(f"`skillpath progress` will not count this item of {cell}: {_counted_instead(missed)}")


def _counted_instead(missed: Uncounted) -> str:
    skill, role, at, above = missed.skill.name, missed.role.name, missed.at.name, missed.above
    if missed.counts == "role":
        return f"{skill} has no items for {role}"
    if missed.counts == "top" or above is None:
        return f"{role} at {at} is the top of the ladder"
    if missed.counts == "none":
        return (
            f"{skill} has no items for {role} at {above.name}, the level above {at}, "
            "so it counts none"
        )
    return f"it counts {skill}'s items for {role} at {above.name}, the level above {at}"


def was_covered(change: plan.ItemChange) -> str:
    """What a `start` or `skip` of a covered item says besides: it is no longer counted as
    covered, though nothing of its evidence is lost."""
    earlier = change.earlier
    if earlier is None or earlier.state != DONE:
        return ""
    return f"; it was covered on {earlier.since}, and its evidence is kept"


NoteOption = Annotated[
    Text,
    typer.Option(
        "--note",
        "-n",
        help="Evidence: what you did (added to earlier evidence).",
        show_default=False,
    ),
]
LinkOption = Annotated[
    Text,
    typer.Option("--link", help="Where the evidence is: a PR, a document.", show_default=False),
]
DateOption = Annotated[
    Text,
    typer.Option(
        "--date", help="When, YYYY-MM-DD. [default: today]", show_default=False, metavar="DATE"
    ),
]
FromOption = Annotated[
    Text,
    typer.Option(
        "--from",
        help="A marked item the data reworded: its evidence moves to ITEM.",
        show_default=False,
        metavar="OLD",
    ),
]


@app.command(
    "done",
    epilog=examples(
        "skillpath done 6675ac29 --note 'PR #123: sparse attention' --link https://git.example/pr/123",
        "skillpath done rag:2 --note 'Design review of the retrieval service' --date 2026-11-02",
        "skillpath done 1a2b3c4d --from 6675ac29",
    ),
)
def done_command(
    item: ItemArgument,
    note: NoteOption = None,
    link: LinkOption = None,
    day: DateOption = None,
    moved_from: FromOption = None,
    role: MarkRoleOption = None,
    level: MarkLevelOption = None,
    data_dirs: DataDirOption = None,
) -> None:
    """Mark an item covered, adding a piece of evidence each time (every piece is kept; the
    same note, link and date again is refused as already there)."""
    details = {"note": note, "link": link, "day": day, "moved_from": moved_from}
    say(mark_item(data_dirs, "done", item, role, level, **details))


@app.command("start", epilog=examples("skillpath start 6675ac29", "skillpath start rag:1"))
def start_command(
    item: ItemArgument,
    role: MarkRoleOption = None,
    level: MarkLevelOption = None,
    data_dirs: DataDirOption = None,
) -> None:
    """Mark an item in progress."""
    say(mark_item(data_dirs, "start", item, role, level))


@app.command(
    "skip",
    epilog=examples("skillpath skip rag:3 --reason 'We do not run our own vector store'"),
)
def skip_command(
    item: ItemArgument,
    reason: Annotated[
        str,
        typer.Option("--reason", help="Why it does not apply to your team.", show_default=False),
    ],
    role: MarkRoleOption = None,
    level: MarkLevelOption = None,
    data_dirs: DataDirOption = None,
) -> None:
    """Mark an item not applicable: counted apart, not against you."""
    say(mark_item(data_dirs, "skip", item, role, level, reason=reason))


@app.command("undo", epilog=examples("skillpath undo 6675ac29", "skillpath undo rag:2"))
def undo_command(
    item: ItemArgument,
    role: MarkRoleOption = None,
    level: MarkLevelOption = None,
    data_dirs: DataDirOption = None,
) -> None:
    """Put an item back to do (also one the data no longer has); its evidence stays in the
    history (`skillpath log`)."""
    say(mark_item(data_dirs, "undo", item, role, level))
