"""A person's growth plan: next, path, progress, compare, done, undo and profile."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from skillpath import asking, growth, plan, store
from skillpath.cli.options import (
    ColorOption,
    DataDirOption,
    FormatOption,
    JsonOption,
    LevelOption,
    Names,
    ProgressFormatOption,
    RoleOption,
    SkillsArgument,
    catalog,
    complete_item,
    complete_level,
    complete_role,
    complete_skill,
    examples,
    names_option,
    progress_or_none,
)
from skillpath.cli.output import answer, interactive, note, say, warn
from skillpath.errors import DataError, UsageError
from skillpath.render import Color, Format, ProgressFormat, write_text

if TYPE_CHECKING:
    from skillpath.loading import Catalog

app = typer.Typer(rich_markup_mode=None)
profile_app = typer.Typer(
    name="profile",
    help="Your role and level, kept so that next, path and progress need no options.",
    epilog=examples(
        "skillpath profile set --role 'LLM Engineer' --level middle",
        "skillpath profile show",
        "skillpath profile reset --yes",
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
groups = [profile_app]


@app.command(
    "progress",
    epilog=examples(
        "skillpath progress",
        "skillpath progress --format markdown > promotion-packet.md",
        "skillpath progress --format svg > progress.svg",
    ),
)
def progress_command(
    role: RoleOption = None,
    level: LevelOption = None,
    skills: SkillsArgument = None,
    fmt: ProgressFormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """How much of the next level you have covered, skill by skill, with your evidence.

    --format svg draws it as a radar chart, one axis per skill, required skills marked.
    """
    report = growth.progress_for(
        catalog(data_dirs), role, level, skills or (), store.load_profile, store.load_progress
    )
    if fmt is ProgressFormat.SVG:
        if as_json:
            raise UsageError("--json and --format svg ask for different formats; give one of them")
        from skillpath.render import svg  # Jinja2 only when a chart is drawn

        write_text(sys.stdout, svg.chart(report))
        return
    answer(report, Format(fmt.value) if fmt else None, as_json, color)


@app.command(
    "path",
    epilog=examples(
        "skillpath path --role 'LLM Engineer' --from junior --to senior",
        "skillpath path --from middle rag --format markdown",
    ),
)
def path_command(
    role: RoleOption = None,
    start: Annotated[
        Optional[str],  # noqa: UP045 - read at run time
        typer.Option(
            "--from",
            help="The level to start from. [default: your profile's]",
            show_default=False,
            autocompletion=complete_level,
        ),
    ] = None,
    end: Annotated[
        Optional[str],  # noqa: UP045 - read at run time
        typer.Option(
            "--to",
            help="The level to reach. [default: the top]",
            show_default=False,
            autocompletion=complete_level,
        ),
    ] = None,
    skills: SkillsArgument = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """Every step between two levels, skill by skill: a roadmap of what to cover."""
    road = growth.path_for(
        catalog(data_dirs),
        role,
        start,
        end,
        skills or (),
        store.load_profile,
        progress_or_none,
    )
    answer(road, fmt, as_json, color)


@app.command(
    "compare",
    epilog=examples(
        "skillpath compare --role 'Data Scientist' --role 'LLM Engineer' --level senior",
        "skillpath compare --role llm --level middle --level senior",
    ),
)
def compare_command(
    role: RoleOption = None,
    level: LevelOption = None,
    skills: SkillsArgument = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """Two roles at a level, or two levels of a role, side by side, skill by skill."""
    result = growth.compare_for(catalog(data_dirs), role, level, skills or (), store.load_profile)
    answer(result, fmt, as_json, color)


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
    change = growth.item_change_for(
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
    missed = growth.uncounted(framework, data.skill(mark.skill), mark, who)
    if missed is None:
        return
    cell = f"{framework.role(mark.role).name} at {framework.level(mark.level).name}"
    note(f"`skillpath progress` will not count this item of {cell}: {_counted_instead(missed)}")


def _counted_instead(missed: growth.Uncounted) -> str:
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
    if earlier is None or earlier.state != plan.DONE:
        return ""
    return f"; it was covered on {earlier.since}, and its evidence is kept"


Text = Optional[str]  # noqa: UP045 - Typer reads the annotation at run time
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
    """Mark an item covered, adding a piece of evidence each time (every piece is kept)."""
    given = note is not None or link is not None or day is not None
    evidence = growth.evidence_for(note, link, day, date.today()) if given else None
    change = change_item(
        data_dirs, item, "done", role, level, evidence=evidence, moved_from=moved_from
    )
    assert change is not None
    mark = change.mark
    moved = f" (evidence moved from {change.moved_from})" if change.moved_from else ""
    say(f"Covered {mark.item}: {mark.text} ({mark.skill}, {mark.role}, {mark.level}){moved}")


@app.command("start", epilog=examples("skillpath start 6675ac29", "skillpath start rag:1"))
def start_command(
    item: ItemArgument,
    role: MarkRoleOption = None,
    level: MarkLevelOption = None,
    data_dirs: DataDirOption = None,
) -> None:
    """Mark an item in progress."""
    change = change_item(data_dirs, item, "start", role, level)
    assert change is not None
    mark = change.mark
    say(
        f"Started {mark.item}: {mark.text} ({mark.skill}, {mark.role}, {mark.level})"
        + was_covered(change)
    )


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
    kept = growth.words("--reason", reason)
    change = change_item(data_dirs, item, "skip", role, level, reason=kept)
    assert change is not None
    mark = change.mark
    say(
        f"Skipped {mark.item}: {mark.text} ({mark.skill}, {mark.role}, {mark.level})"
        + was_covered(change)
    )


@app.command("undo", epilog=examples("skillpath undo 6675ac29", "skillpath undo rag:2"))
def undo_command(
    item: ItemArgument,
    role: MarkRoleOption = None,
    level: MarkLevelOption = None,
    data_dirs: DataDirOption = None,
) -> None:
    """Put an item back to do (also one the data no longer has); its evidence stays in the
    history (`skillpath log`)."""
    change = change_item(data_dirs, item, "undo", role, level)
    if change is None:
        say(f"{item} was not marked; nothing changed.")
    else:
        say(f"Back to do: {change.mark.item}: {change.mark.text}")


LastOption = Annotated[
    Optional[int],  # noqa: UP045 - read at run time
    typer.Option(
        "--last",
        help="Only the N newest changes (of those --since and --skill keep).",
        show_default=False,
        metavar="N",
        min=1,
    ),
]


@app.command(
    "log",
    epilog=examples(
        "skillpath log",
        "skillpath log --last 5",
        "skillpath log --since 2026-10-01 --skill rag --format markdown",
    ),
)
def log_command(
    since: Annotated[
        Optional[str],  # noqa: UP045 - read at run time
        typer.Option(
            "--since",
            help="Only changes on or after this date, YYYY-MM-DD.",
            show_default=False,
            metavar="DATE",
        ),
    ] = None,
    skills: Annotated[
        Optional[list[str]],  # noqa: UP045 - read at run time
        typer.Option(
            "--skill",
            "-s",
            help="Only this skill (repeat for more).",
            show_default=False,
            metavar="SKILL",
            autocompletion=complete_skill,
        ),
    ] = None,
    last: LastOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """What changed in your plan and when: every start, done, skip and undo, with evidence."""
    history = growth.log_for(catalog(data_dirs), since, skills or (), store.load_history, last)
    if history.unreadable:
        lines = ", ".join(str(number) for number in history.unreadable[:5])
        more = len(history.unreadable) - 5
        lines += f" and {more} more" if more > 0 else ""
        warn(f"{store.HISTORY_FILE}: skipped lines that could not be read: {lines}")
    answer(history, fmt, as_json, color)


ProfileRoleOption = Annotated[
    Text,
    typer.Option(
        "--role", "-r", help="Your role.", show_default=False, autocompletion=complete_role
    ),
]
ProfileLevelOption = Annotated[
    Text,
    typer.Option(
        "--level", "-l", help="Your level.", show_default=False, autocompletion=complete_level
    ),
]
SkillLevelsOption = Annotated[
    Names,
    typer.Option(
        "--skill",
        help="Your level in one skill, where it differs: SKILL=LEVEL (repeat for more; "
        "SKILL= clears it).",
        show_default=False,
        metavar="SKILL=LEVEL",
    ),
]
KeptDataDirsOption = Annotated[
    Optional[list[Path]],  # noqa: UP045 - read at run time
    typer.Option(
        "--data-dir",
        "-d",
        help="A folder of framework data to read on every run, kept in the profile "
        "(repeat for more; replaces the folders kept).",
        show_default=False,
        metavar="DIR",
    ),
]


@profile_app.command(
    "set",
    epilog=examples(
        "skillpath profile set --role 'LLM Engineer' --level middle",
        "skillpath profile set --skill deep-learning=senior",
    ),
)
def profile_set_command(
    role: ProfileRoleOption = None,
    level: ProfileLevelOption = None,
    skill_levels: SkillLevelsOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: KeptDataDirsOption = None,
    clear_data_dirs: Annotated[
        bool, typer.Option("--clear-data-dirs", help="Forget the data folders kept.")
    ] = False,
) -> None:
    """Set your role and level, your level in single skills, and your data folders."""
    folders = growth.kept_folders(data_dirs, clear=clear_data_dirs)
    data = catalog(data_dirs, kept=not clear_data_dirs)
    if data_dirs:
        data.skills()  # folders to keep are read in full now, not found broken on every run
    change = growth.profile_change(data, role, level, skill_levels or (), folders)
    file = store.profile_file()

    def apply(saved: plan.Profile) -> plan.Profile:
        updated = plan.profile_with(saved, change.role, change.level, change.skills, folders)
        growth.profile_view(data.framework, updated, file)  # a name the data lacks stops the write
        return updated

    _, saved = store.update_profile(apply)
    answer(growth.profile_view(data.framework, saved, file), fmt, as_json, color)


@profile_app.command(
    "show", epilog=examples("skillpath profile show", "skillpath profile show --json")
)
def profile_show_command(
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """Show your profile and the file it is kept in."""
    view = growth.profile_view(
        catalog(data_dirs).framework, store.load_profile(), store.profile_file()
    )
    answer(view, fmt, as_json, color)


@profile_app.command(
    "reset", epilog=examples("skillpath profile reset", "skillpath profile reset --yes")
)
def profile_reset_command(
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask first (for scripts).")
    ] = False,
) -> None:
    """Forget your profile (your progress is kept). Asks first, unless --yes."""
    if not yes:
        if not interactive():
            raise UsageError("not resetting without asking; give --yes to reset from a script")
        if not typer.confirm("Forget your role and level?", default=False):
            say("Kept your profile.")
            return
    say("Profile reset." if store.reset_profile() else "There was no profile to reset.")
