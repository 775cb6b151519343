"""A person's growth plan: next, path, progress, compare, done, undo and profile."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from skillpath.cli.asked import OptionsFirstGroup, asked, json_option
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
    Text,
    catalog,
    complete_level,
    complete_role,
    complete_skill,
    data_dir_option,
    examples,
    progress_or_none,
)
from skillpath.cli.output import answer, interactive, say, warn
from skillpath.errors import UsageError
from skillpath.plan import model as plan
from skillpath.plan import store
from skillpath.plan.history import TABLE_CHANGES, log_for
from skillpath.plan.profile import kept_folders, profile_change, profile_view
from skillpath.plan.progress import progress_for
from skillpath.plan.roadmap import compare_for, path_for
from skillpath.render.base import Color, Format
from skillpath.render.encode import write_text

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
    cls=OptionsFirstGroup,
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
    ctx: typer.Context,
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
    options = asked(ctx)
    report = progress_for(
        catalog(options), role, level, skills or (), store.load_profile, store.load_progress
    )
    if options.format() is Format.SVG:  # --json with --format svg is refused there
        from skillpath.render import svg  # Jinja2 only when a chart is drawn

        write_text(sys.stdout, svg.chart(report))
        return
    answer(report, options)


@app.command(
    "path",
    epilog=examples(
        "skillpath path --role 'LLM Engineer' --from junior --to senior",
        "skillpath path --from middle rag --format markdown",
    ),
)
def path_command(
    ctx: typer.Context,
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
    options = asked(ctx)
    road = path_for(
        catalog(options),
        role,
        start,
        end,
        skills or (),
        store.load_profile,
        progress_or_none,
    )
    answer(road, options)


@app.command(
    "compare",
    epilog=examples(
        "skillpath compare --role 'Data Scientist' --role 'LLM Engineer' --level senior",
        "skillpath compare --role llm --level middle --level senior",
    ),
)
def compare_command(
    ctx: typer.Context,
    role: RoleOption = None,
    level: LevelOption = None,
    skills: SkillsArgument = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """Two roles at a level, or two levels of a role, side by side, skill by skill."""
    options = asked(ctx)
    result = compare_for(catalog(options), role, level, skills or (), store.load_profile)
    answer(result, options)


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
AllOption = Annotated[
    bool,
    typer.Option(
        "--all",
        help=f"In the table, every change; without it or --last, the {TABLE_CHANGES} newest "
        "(the other formats always give every change).",
    ),
]


@app.command(
    "log",
    epilog=examples(
        "skillpath log",
        "skillpath log --last 5",
        "skillpath log --all",
        "skillpath log --since 2026-10-01 --skill rag --format markdown",
    ),
)
def log_command(
    ctx: typer.Context,
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
    every: AllOption = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """What changed in your plan and when: every start, done, skip and undo, with evidence."""
    options = asked(ctx)
    whole = every or last is not None
    history = log_for(catalog(options), since, skills or (), store.load_history, last, whole)
    unreadable = history.unreadable_note(store.HISTORY_FILE)
    if unreadable:
        warn(unreadable)
    answer(history, options)


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
    data_dir_option(
        "A folder of framework data to read on every run, kept in the profile "
        "(repeat for more; replaces the folders kept)."
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
    ctx: typer.Context,
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
    options = asked(ctx)
    folders = kept_folders(options.data_dirs, clear=clear_data_dirs)
    data = catalog(options, kept=not clear_data_dirs)
    if options.data_dirs:
        data.skills()  # folders to keep are read in full now, not found broken on every run
    change = profile_change(data, role, level, skill_levels or (), folders)
    file = store.profile_file()

    def apply(saved: plan.Profile) -> plan.Profile:
        updated = plan.profile_with(saved, change.role, change.level, change.skills, folders)
        profile_view(data.framework, updated, file)  # a name the data lacks stops the write
        return updated

    _, saved = store.update_profile(apply)
    answer(profile_view(data.framework, saved, file), options)


@profile_app.command(
    "show", epilog=examples("skillpath profile show", "skillpath profile show --json")
)
def profile_show_command(
    ctx: typer.Context,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """Show your profile and the file it is kept in."""
    options = asked(ctx)
    view = profile_view(catalog(options).framework, store.load_profile(), store.profile_file())
    answer(view, options)


@profile_app.command(
    "reset", epilog=examples("skillpath profile reset", "skillpath profile reset --yes")
)
def profile_reset_command(
    ctx: typer.Context,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask first (for scripts).")
    ] = False,
    as_json: Annotated[bool, json_option("The profile after the reset (empty), as JSON.")] = False,
) -> None:
    """Forget your profile (your progress is kept). Asks first, unless --yes."""
    if not yes:
        if not interactive():
            raise UsageError("not resetting without asking; give --yes to reset from a script")
        if not typer.confirm("Forget your role and level?", default=False):
            say("Kept your profile.")
            return
    reset = store.reset_profile()
    options = asked(ctx)
    if options.as_json:
        framework = catalog(options, kept=False).framework
        answer(profile_view(framework, plan.Profile(), store.profile_file()), options)
        return
    say("Profile reset." if reset else "There was no profile to reset.")
