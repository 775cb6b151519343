"""The commands that mark an item: `done`, `start`, `skip` and `undo`."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from skillpath.cli.asked import Asked, asked, json_option
from skillpath.cli.options import (
    ColorOption,
    DataDirOption,
    FormatOption,
    JsonOption,
    Names,
    Text,
    catalog,
    complete_item,
    complete_level,
    complete_role,
    examples,
    names_option,
)
from skillpath.cli.output import answer, note, say, tell_written
from skillpath.errors import UsageError
from skillpath.framework.model import DONE
from skillpath.plan import asking, store
from skillpath.plan import model as plan
from skillpath.plan.changes import evidence_for, words
from skillpath.plan.evidence import change_piece, evidence_list, piece_change
from skillpath.plan.marking import Marked, mark_for
from skillpath.plan.progress import Counting, Uncounted
from skillpath.render.base import Color, Format

if TYPE_CHECKING:
    from skillpath.framework.model import Framework

app = typer.Typer(rich_markup_mode=None)
groups: list[typer.Typer] = []

WriteJsonOption = Annotated[bool, json_option("The item's mark after the change, as JSON.")]

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


def mark_and_say(
    options: Asked,
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
) -> tuple[Marked, str]:
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
    change = change_item(options, item, action, roles, levels, **details)
    return change, said(action, change, item)


def said(action: str, change: Marked, reference: str) -> str:
    """The line a change is told by."""
    if action == "undo":
        return undo_words(change, reference)
    if action == "done":
        moved = f" (evidence moved from {change.moved_from})" if change.moved_from else ""
        return f"Covered {marked_words(change)}{moved}"
    verb = "Started" if action == "start" else "Skipped"
    return f"{verb} {marked_words(change)}{was_covered(change)}"


def change_item(
    options: Asked,
    reference: str,
    action: str,
    roles: Names,
    levels: Names,
    **details: Any,
) -> Marked:
    """Make the change (the core works it out, and makes it under the store's lock), then
    say when `skillpath progress` will not count the mark."""
    data = catalog(options)
    marked, uncounted = mark_for(
        data,
        reference,
        action,
        roles,
        levels,
        date.today(),
        utc_now(),
        store.load_profile,
        store.load_progress,
        store.update_progress,
        **details,
    )
    if uncounted is not None and marked.after is not None:
        note(uncounted_words(data.framework, marked.after, uncounted, bool(roles), levels))
    return marked


def utc_now() -> str:
    """The history's time: now, in UTC, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def uncounted_words(
    framework: Framework, mark: plan.Mark, told: Counting, role_given: bool, levels: Names
) -> str:
    """The note for a mark that plain `skillpath progress` (the profile's level in effect)
    will not count."""
    cell = f"{framework.role(mark.role).name} at {framework.level(mark.level).name}"
    also = ""
    if told.counted_as_asked:
        options = [
            *(["--role", mark.role] if role_given else []),
            *(["--level", levels[0]] if levels else []),
        ]
        also = f"; `skillpath progress {' '.join(options)}` counts it"
    missed = _counted_instead(told.missed)
    return f"`skillpath progress` will not count this item of {cell}: {missed}{also}"


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


def was_covered(change: Marked) -> str:
    """What a `start` or `skip` of a covered item says besides: it is no longer counted as
    covered, though nothing of its evidence is lost."""
    earlier = change.before
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
        help="A marked item the data reworded, or one marked by mistake (done, or put back "
        "to do with `undo`): its evidence moves to ITEM.",
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
    ctx: typer.Context,
    item: ItemArgument,
    note: NoteOption = None,
    link: LinkOption = None,
    day: DateOption = None,
    moved_from: FromOption = None,
    role: MarkRoleOption = None,
    level: MarkLevelOption = None,
    as_json: WriteJsonOption = False,
    data_dirs: DataDirOption = None,
) -> None:
    """Mark an item covered, adding a piece of evidence each time (every piece is kept; the
    same note, link and date again is refused as already there)."""
    details = {"note": note, "link": link, "day": day, "moved_from": moved_from}
    options = asked(ctx)
    tell_written(*mark_and_say(options, "done", item, role, level, **details), options)


@app.command("start", epilog=examples("skillpath start 6675ac29", "skillpath start rag:1"))
def start_command(
    ctx: typer.Context,
    item: ItemArgument,
    role: MarkRoleOption = None,
    level: MarkLevelOption = None,
    as_json: WriteJsonOption = False,
    data_dirs: DataDirOption = None,
) -> None:
    """Mark an item in progress."""
    options = asked(ctx)
    tell_written(*mark_and_say(options, "start", item, role, level), options)


@app.command(
    "skip",
    epilog=examples("skillpath skip rag:3 --reason 'We do not run our own vector store'"),
)
def skip_command(
    ctx: typer.Context,
    item: ItemArgument,
    reason: Annotated[
        str,
        typer.Option("--reason", help="Why it does not apply to your team.", show_default=False),
    ],
    role: MarkRoleOption = None,
    level: MarkLevelOption = None,
    as_json: WriteJsonOption = False,
    data_dirs: DataDirOption = None,
) -> None:
    """Mark an item not applicable: counted apart, not against you."""
    options = asked(ctx)
    tell_written(*mark_and_say(options, "skip", item, role, level, reason=reason), options)


@app.command("undo", epilog=examples("skillpath undo 6675ac29", "skillpath undo rag:2"))
def undo_command(
    ctx: typer.Context,
    item: ItemArgument,
    role: MarkRoleOption = None,
    level: MarkLevelOption = None,
    as_json: WriteJsonOption = False,
    data_dirs: DataDirOption = None,
) -> None:
    """Put an item back to do (also one the data no longer has); its evidence is kept on
    the item (`skillpath evidence ITEM` lists it), and every change is in the history."""
    options = asked(ctx)
    tell_written(*mark_and_say(options, "undo", item, role, level), options)


def undo_words(change: Marked, reference: str) -> str:
    kept = change.kept
    pieces = f"{kept} piece{'s' * (kept != 1)} of evidence"
    if not change.changed:
        if change.before is None:
            return f"{reference} was not marked; nothing changed."
        return f"{change.item} is to do already, with {pieces} kept; nothing changed."
    back = f"Back to do: {change.item}: {change.text}"
    if not kept:
        return back
    return f"{back}\nIts {pieces} {'is' if kept == 1 else 'are'} kept on the item " + (
        f"(`skillpath evidence {change.item}` lists {'it' if kept == 1 else 'them'})."
    )


def marked_words(change: Marked) -> str:
    mark = change.after
    assert mark is not None  # start, done and skip leave a mark
    return f"{mark.item}: {mark.text} ({mark.skill}, {mark.role}, {mark.level})"


EditOption = Annotated[
    Optional[int],  # noqa: UP045 - read at run time
    typer.Option(
        "--edit",
        help="Change piece N: the --note, --link or --date given replace its own.",
        show_default=False,
        metavar="N",
        min=1,
    ),
]
RemoveOption = Annotated[
    Optional[int],  # noqa: UP045 - read at run time
    typer.Option("--remove", help="Remove piece N.", show_default=False, metavar="N", min=1),
]
NewNoteOption = Annotated[
    Text,
    typer.Option("--note", "-n", help="With --edit: the piece's new note.", show_default=False),
]
NewLinkOption = Annotated[
    Text, typer.Option("--link", help="With --edit: the piece's new link.", show_default=False)
]


@app.command(
    "evidence",
    epilog=examples(
        "skillpath evidence rag:1",
        "skillpath evidence b5677e35 --edit 2 --note 'PR #412: query rewriting'",
        "skillpath evidence b5677e35 --remove 3",
    ),
)
def evidence_command(
    ctx: typer.Context,
    item: ItemArgument,
    edit: EditOption = None,
    remove: RemoveOption = None,
    note: NewNoteOption = None,
    link: NewLinkOption = None,
    day: DateOption = None,
    role: MarkRoleOption = None,
    level: MarkLevelOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """List an item's evidence, numbered, oldest first; --edit N or --remove N changes that
    one piece and nothing else (each change is in the history)."""
    options = asked(ctx)
    data = catalog(options)
    who = lambda: asking.who(data.framework, role, level, store.load_profile)  # noqa: E731
    if edit is None and remove is None:
        if note is not None or link is not None or day is not None:
            raise UsageError("--note, --link and --date change a piece: give --edit N too")
        answer(evidence_list(data, item, who, store.load_progress), options)
        return
    action, number = piece_action(edit, remove)
    today = date.today()
    change = change_piece(
        data,
        item,
        who,
        lambda found: piece_change(action, found, number, note, link, day, today),
        utc_now(),
        store.load_progress,
        store.update_progress,
    )
    if options.format() is Format.TABLE:
        return say(piece_words(change, number))
    answer(change, options)


def piece_action(edit: int | None, remove: int | None) -> tuple[str, int]:
    """What `evidence --edit N` or `--remove N` does, and to which piece."""
    if edit is not None and remove is not None:
        raise UsageError("give --edit N or --remove N, not both")
    return ("edit", edit) if edit is not None else ("remove", remove or 0)


def piece_words(change: Marked, number: int) -> str:
    kept = change.kept
    left = f"{kept} piece{'s' * (kept != 1)} of evidence"
    if not change.changed:
        return f"Piece {number} of {change.item} already reads so; nothing changed."
    if change.action == "remove":
        return f"Removed piece {number} of {change.item}; it has {left} left."
    assert change.after is not None
    piece = dict(change.after.numbered)[change.piece]
    link = f" <{piece.link}>" if piece.link else ""
    return f"Edited {change.item}, now piece {change.piece}: {piece.day}: {piece.note}{link}"
