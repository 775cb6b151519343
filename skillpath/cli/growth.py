"""A person's growth plan: next, path, progress, compare, done, undo and profile."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated, Optional

import typer

from skillpath import growth, plan, store
from skillpath.cli.options import (
    ColorOption,
    DataDirOption,
    FormatOption,
    JsonOption,
    LevelOption,
    RoleOption,
    SkillsArgument,
    catalog,
    complete_level,
    complete_role,
    examples,
)
from skillpath.cli.output import answer, say
from skillpath.errors import UsageError
from skillpath.render import Color

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
    ),
)
def progress_command(
    role: RoleOption = None,
    level: LevelOption = None,
    skills: SkillsArgument = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """How much of the next level you have covered, skill by skill, with your evidence."""
    report = growth.progress_for(
        catalog(data_dirs), role, level, skills or (), store.load_profile, store.load_progress
    )
    answer(report, fmt, as_json, color)


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
        store.load_progress,
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
        help="An item id as `skillpath next` shows it, or SKILL:N for the Nth item of that "
        "skill's last listing.",
        show_default=False,
        metavar="ITEM",
    ),
]


@app.command(
    "done",
    epilog=examples(
        "skillpath done 6675ac29 --note 'PR #123: sparse attention in the ranking model'",
        "skillpath done deep-learning:2",
    ),
)
def done_command(
    item: ItemArgument,
    note: Annotated[
        Optional[str],  # noqa: UP045 - read at run time
        typer.Option(
            "--note", "-n", help="Evidence: a link, a PR, a document.", show_default=False
        ),
    ] = None,
    data_dirs: DataDirOption = None,
) -> None:
    """Mark a checklist item covered, with today's date and your evidence."""
    data = catalog(data_dirs)
    mark = growth.mark_for(data, store.load_progress(), item, note, date.today())
    store.update_progress(
        lambda progress: plan.with_mark(progress, mark, has_note=note is not None)
    )
    where = f"{data.skill(mark.skill).name}, {mark.role}, {mark.level}"
    say(f"Covered {mark.item}: {mark.text} ({where})")


@app.command("undo", epilog=examples("skillpath undo 6675ac29", "skillpath undo deep-learning:2"))
def undo_command(item: ItemArgument, data_dirs: DataDirOption = None) -> None:
    """Unmark an item (also one the data no longer has)."""
    item_id = growth.item_id_for(catalog(data_dirs), store.load_progress(), item)
    before, _ = store.update_progress(lambda progress: plan.without_mark(progress, item_id))
    say(f"Unmarked {item_id}." if item_id in before.marks else f"{item_id} was not marked.")


@profile_app.command(
    "set",
    epilog=examples(
        "skillpath profile set --role 'LLM Engineer' --level middle",
        "skillpath profile set --skill deep-learning=senior",
    ),
)
def profile_set_command(
    role: Annotated[
        Optional[str],  # noqa: UP045 - read at run time
        typer.Option(
            "--role", "-r", help="Your role.", show_default=False, autocompletion=complete_role
        ),
    ] = None,
    level: Annotated[
        Optional[str],  # noqa: UP045 - read at run time
        typer.Option(
            "--level", "-l", help="Your level.", show_default=False, autocompletion=complete_level
        ),
    ] = None,
    skill_levels: Annotated[
        Optional[list[str]],  # noqa: UP045 - read at run time
        typer.Option(
            "--skill",
            help="Your level in one skill, where it differs: SKILL=LEVEL (repeat for more; "
            "SKILL= clears it).",
            show_default=False,
            metavar="SKILL=LEVEL",
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """Set your role and level, and your level in single skills where it differs."""
    data = catalog(data_dirs)
    change = growth.profile_change(data, role, level, skill_levels or ())
    file = store.profile_file()

    def apply(saved: plan.Profile) -> plan.Profile:
        updated = plan.profile_with(saved, change.role, change.level, change.skills)
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
        if not sys.stdin.isatty():
            raise UsageError("not resetting without asking; give --yes to reset from a script")
        if not typer.confirm("Forget your role and level?", default=False):
            say("Kept your profile.")
            return
    say("Profile reset." if store.reset_profile() else "There was no profile to reset.")
