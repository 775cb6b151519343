"""The options the commands share, declared once, and tab completion from the data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from skillpath.cli.output import warn
from skillpath.errors import SkillpathError
from skillpath.framework.model import Skill
from skillpath.loading import Catalog, open_catalog
from skillpath.loading.paths import PATH_VARIABLE, kind_of_path
from skillpath.plan import model as plan
from skillpath.plan import store
from skillpath.render.base import Color, Format, ListFormat, ProgressFormat
from skillpath.text import printable


def catalog(data_dirs: list[Path] | None = None, *, kept: bool = True) -> Catalog:
    """The framework in effect: the bundled data, $SKILLPATH_PATH, and the folders given,
    else the folders kept in the profile (`profile set --data-dir`) unless ``kept`` is off."""
    from skillpath.cli.output import progress_meter

    folders = data_dirs or (kept_folders() if kept else ())
    return open_catalog(folders, on_drafts=warn_of_drafts, meter=progress_meter())


def kept_folders() -> tuple[Path, ...]:
    """The profile's data folders that are there; a folder gone (a moved checkout) is
    left out with a warning rather than stopping every command, `profile set` included."""
    try:
        folders = store.load_profile().data_dirs
    except SkillpathError as error:
        # Reading the framework goes on without it (the commands that need the role and
        # level report it in full), but not in silence: answers without the folders it
        # keeps would be wrong with nothing to say why.
        warn(f"your profile cannot be read, so no data folder kept in it is used: {error}")
        return ()
    present = []
    for folder in map(Path, folders):
        try:
            there = kind_of_path(folder) == "folder"
        except SkillpathError:
            there = False
        if there:
            present.append(folder)
        else:
            warn(
                f"{printable(str(folder))}, a data folder kept in your profile, is not there; "
                "left out (`skillpath profile set --clear-data-dirs` forgets it)"
            )
    return tuple(present)


def warn_of_drafts(path: Path, skill: Skill) -> None:
    """One line for a skill file whose draft cells a reading command leaves out."""
    count = len(skill.drafts)
    warn(
        f"{printable(str(path))}: {count} draft cell{'s' * (count != 1)} left out until "
        "written (remove 'draft: true' from each); skillpath validate lists them"
    )


def examples(*lines: str) -> str:
    # "\b" keeps Click from re-flowing the lines into one paragraph.
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


def progress_or_none() -> plan.Progress:
    """The progress, for marking what is covered; a broken file costs the marks, not the
    answer (`skillpath progress` reports its problems in full)."""
    try:
        return store.load_progress()
    except SkillpathError as error:
        warn(f"your progress is not shown: {error.message}")
        return plan.Progress()


# -- completion: the values come from the data; a broken data folder completes nothing ----


def _completions(
    values: Callable[[Catalog], list[tuple[str, str]]], ctx: typer.Context, incomplete: str
) -> list[tuple[str, str]]:
    from skillpath.cli.output import silenced

    # While the line is parsed for completion, Typer has not yet made paths of the folders
    # given with -d: they are the words as typed.
    folders = [Path(folder) for folder in ctx.params.get("data_dirs") or ()]
    try:
        with silenced():
            found = values(catalog(folders))
    except Exception:  # the user is typing: a failure completes nothing, and says nothing
        return []
    wanted = incomplete.casefold()
    return [(value, help_text) for value, help_text in found if value.casefold().startswith(wanted)]


def complete_skill(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _completions(lambda data: [(s.id, s.name) for s in data.skills()], ctx, incomplete)


def complete_role(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _completions(
        lambda data: [
            (label, r.name) for r in data.framework.roles for label in (r.id, *r.aliases)
        ],
        ctx,
        incomplete,
    )


def complete_level(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _completions(
        lambda data: [
            (label, lv.name) for lv in data.framework.levels for label in (lv.id, *lv.aliases)
        ],
        ctx,
        incomplete,
    )


def complete_item(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """SKILL:N and the item ids of the checklist for the role and level in effect."""
    from skillpath.plan import asking

    def items(data: Catalog) -> list[tuple[str, str]]:
        roles, levels = ctx.params.get("role"), ctx.params.get("level")
        step = asking.next_for(data, roles, levels, (), store.load_profile, store.load_progress)
        # bash splits a word at ":" before completing it; SKILL#N means the same and does not
        # split, so it is offered when it is what is being typed.
        mark = "#" if "#" in incomplete else ":"
        numbered = [(f"{e.skill.id}{mark}{e.number}", e.item.text) for e in step.checklist]
        return numbered + [(e.item.id, e.item.text) for e in step.checklist]

    return _completions(items, ctx, incomplete)


# -- options every command shares ----------------------------------------------------------


def format_option(help_text: str) -> Any:
    return typer.Option("--format", "-f", help=help_text, show_default=False, case_sensitive=False)


# Optional[...]: Typer reads the annotation at run time, on Python 3.10 too.
FormatOption = Annotated[
    Optional[Format],  # noqa: UP045
    format_option("Output format. [default: table]"),
]
DocumentFormatOption = Annotated[
    Optional[Format],  # noqa: UP045
    format_option("Output format. [default: markdown, the document to paste]"),
]
ProgressFormatOption = Annotated[
    Optional[ProgressFormat],  # noqa: UP045
    format_option("Output format; svg is a radar chart of the plan. [default: table]"),
]
ListFormatOption = Annotated[
    Optional[ListFormat],  # noqa: UP045
    format_option(
        "Output format; xlsx is a workbook that import reads back (pip install "
        "'skillpath[xlsx]'). [default: table]"
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
WrittenJsonOption = Annotated[
    bool, typer.Option("--json", help="What was written (the files, the skills), as JSON.")
]
ColorOption = Annotated[
    Color,
    typer.Option(
        "--color",
        help="Colour in tables: auto follows the terminal; NO_COLOR in the environment "
        "turns it off.",
        case_sensitive=False,
    ),
]


DataDirOption = Annotated[
    Optional[list[Path]],  # noqa: UP045 - read at run time
    typer.Option(
        "--data-dir",
        "-d",
        help=f"A folder of framework data read after the bundled data and ${PATH_VARIABLE} "
        "(repeat for more; the later wins).",
        show_default=False,
        metavar="DIR",
    ),
]


def names_option(
    option: str, short: str, metavar: str, help_text: str, complete: Callable[..., Any]
) -> Any:
    return typer.Option(
        option, short, help=help_text, show_default=False, metavar=metavar, autocompletion=complete
    )


Names = Optional[list[str]]  # noqa: UP045 - Typer reads the annotation at run time
Text = Optional[str]  # noqa: UP045 - Typer reads the annotation at run time
# --role and --level that narrow an answer (show, search) ...
RoleFilter = Annotated[
    Names, names_option("--role", "-r", "ROLE", "Only this role (repeat for more).", complete_role)
]
LevelFilter = Annotated[
    Names,
    names_option("--level", "-l", "LEVEL", "Only this level (repeat for more).", complete_level),
]
# ... and --role and --level that say who is asking (next, progress, path, compare).
RoleOption = Annotated[
    Names,
    names_option(
        "--role",
        "-r",
        "ROLE",
        "The role: id, name or alias. [default: your profile's]",
        complete_role,
    ),
]
LevelOption = Annotated[
    Names,
    names_option(
        "--level",
        "-l",
        "LEVEL",
        "The level: id, name or alias. [default: your profile's]",
        complete_level,
    ),
]
SkillsArgument = Annotated[
    Names,
    typer.Argument(
        help="Only these skills. [default: every skill that has the role]",
        show_default=False,
        metavar="[SKILL]...",
        autocompletion=complete_skill,
    ),
]
# --role and --level that name what is asked about, once each and always (job, interview).
OneRole = Annotated[
    str,
    typer.Option(
        "--role",
        "-r",
        help="The role: id, name or alias.",
        show_default=False,
        metavar="ROLE",
        autocompletion=complete_role,
    ),
]
OneLevel = Annotated[
    str,
    typer.Option(
        "--level",
        "-l",
        help="The level: id, name or alias.",
        show_default=False,
        metavar="LEVEL",
        autocompletion=complete_level,
    ),
]
