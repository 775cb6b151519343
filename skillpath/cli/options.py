"""The options the commands share, declared once, and tab completion from the data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from skillpath.cli.asked import (
    Asked,
    asked,
    format_choice,
    format_option,
    json_option,
    record_color,
    record_data_dirs,
)
from skillpath.cli.output import warn
from skillpath.errors import SkillpathError
from skillpath.framework.model import Skill
from skillpath.loading import Catalog, open_catalog
from skillpath.loading.paths import PATH_VARIABLE, kind_of_path
from skillpath.plan import model as plan
from skillpath.plan import store
from skillpath.render.base import Color, Format
from skillpath.text import printable


def catalog(options: Asked, *, kept: bool = True) -> Catalog:
    """The framework in effect: the bundled data, $SKILLPATH_PATH, and the folders given,
    else the folders kept in the profile (`profile set --data-dir`) unless ``kept`` is off."""
    from skillpath.cli.output import progress_meter

    folders = options.data_dirs or (kept_folders() if kept else ())
    meter = progress_meter(for_json=options.json)
    return open_catalog(folders, on_drafts=warn_of_drafts, meter=meter)


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

    try:
        with silenced():
            found = values(catalog(asked(ctx)))
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


# -- options every command shares: each records its value in the run's bundle (asked.py) --
# A command declares them in its signature, for Typer to build them and its --help to list
# them where they stand, and reads them from asked(ctx): none is passed to the function.


if TYPE_CHECKING:  # the values reach the bundle, never the command: any string will do
    from typing import TypeAlias

    TextFormats: TypeAlias = Optional[str]  # noqa: UP045
    ProgressFormats: TypeAlias = Optional[str]  # noqa: UP045
    ListFormats: TypeAlias = Optional[str]  # noqa: UP045
else:  # read by Typer at run time
    TextFormats = format_choice()
    ProgressFormats = format_choice(Format.SVG)
    ListFormats = format_choice(Format.XLSX)

FormatOption = Annotated[TextFormats, format_option("Output format. [default: table]")]
DocumentFormatOption = Annotated[
    TextFormats, format_option("Output format. [default: markdown, the document to paste]")
]
ProgressFormatOption = Annotated[
    ProgressFormats,
    format_option("Output format; svg is a radar chart of the plan. [default: table]"),
]
TeamFormatOption = Annotated[
    ProgressFormats,
    format_option("Output format; svg is a heat map of people by skills. [default: table]"),
]
ListFormatOption = Annotated[
    ListFormats,
    format_option(
        "Output format; xlsx is a workbook that import reads back (pip install "
        "'skillpath[xlsx]'). [default: table]"
    ),
]


JsonOption = Annotated[bool, json_option("Shorthand for --format json.")]
WrittenJsonOption = Annotated[
    bool, json_option("What was written (the files, the skills), as JSON.")
]
ColorOption = Annotated[
    Color,
    typer.Option(
        "--color",
        help="Colour in tables: auto follows the terminal; NO_COLOR in the environment "
        "turns it off.",
        case_sensitive=False,
        callback=record_color,
        expose_value=False,
    ),
]


def data_dir_option(help_text: str) -> Any:
    return typer.Option(
        "--data-dir",
        "-d",
        help=help_text,
        show_default=False,
        metavar="DIR",
        callback=record_data_dirs,
        expose_value=False,
    )


DataDirOption = Annotated[
    Optional[list[Path]],  # noqa: UP045 - read at run time
    data_dir_option(
        f"A folder of framework data read after the bundled data and ${PATH_VARIABLE} "
        "(repeat for more; the later wins)."
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
