"""The ``skillpath`` command: parse the line, ask ``ladder``, hand the answer to ``render``.

Errors meant for the user are raised as ``SkillpathError`` anywhere below and turned into
a message on stderr and an exit code here, in ``reporting``; under ``--format json`` the
message is a JSON object too.
"""

from __future__ import annotations

import copy
import functools
import itertools
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional, TypeVar

import typer
from typer.core import TyperGroup

from . import ladder
from .catalog import PATH_VARIABLE, SKILLS_FOLDER, Catalog, data_path, open_catalog
from .errors import EXIT_DATA, DataError, SkillpathError, UnknownNameError, UsageError
from .model import Framework, Level, Role

if TYPE_CHECKING:
    from .growth import ProfileView
    from .render import Result
    from .store import Profile
from .render import Color, Format, emit


class Group(TyperGroup):
    """Typer's group, but a script that asked for JSON gets its usage errors as JSON too."""

    def main(self, args: Sequence[str] | None = None, *extra_args: Any, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        if not extra.get("standalone_mode", True) or not asks_for_json(argv):
            return super().main(argv, *extra_args, **extra)
        # Typer's vendored Click; its errors carry the message and the exit code.
        from typer._click.exceptions import ClickException

        try:
            code = super().main(argv, *extra_args, **{**extra, "standalone_mode": False})
        except ClickException as error:
            write_json_error("usage", error.format_message(), error.exit_code)
            sys.exit(error.exit_code)
        sys.exit(code if isinstance(code, int) else 0)


def asks_for_json(argv: Sequence[str]) -> bool:
    words = [word.casefold() for word in argv]
    following = dict(itertools.pairwise(words))
    return (
        "--json" in words
        or "--format=json" in words
        or "json" in (following.get("--format"), following.get("-f"))
    )


app = typer.Typer(
    name="skillpath",
    cls=Group,
    help=(
        "What is expected of you at your level, and what to cover to reach the next one.\n\n"
        "Shows the skills of a career framework as Junior-to-Principal matrices, by role and "
        "level, as tables for people or JSON, CSV, YAML and Markdown for everything else."
    ),
    no_args_is_help=True,
    # Plain help and plain one-line errors: nothing to parse around, and no Rich at start-up.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,  # a user never sees a traceback, nor its local values
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)

F = TypeVar("F", bound=Callable[..., None])


# -- completion: the values come from the data; a broken data folder completes nothing ----


def _completions(
    values: Callable[[Catalog], list[tuple[str, str]]], ctx: typer.Context, incomplete: str
) -> list[tuple[str, str]]:
    try:
        found = values(catalog(ctx.params.get("data_dirs")))
    except SkillpathError:
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


# -- options every command shares ----------------------------------------------------------

FormatOption = Annotated[
    Optional[Format],  # noqa: UP045 - Typer reads the annotation at run time on Python 3.10 too
    typer.Option(
        "--format",
        "-f",
        help="Output format. [default: table]",
        show_default=False,
        case_sensitive=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
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


def reporting(command: F) -> F:
    """Turn the errors meant for the user into a message on stderr and the exit code."""

    @functools.wraps(command)
    def wrapper(*args: object, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except SkillpathError as error:
            as_json = kwargs.get("as_json") or kwargs.get("fmt") is Format.JSON
            report(error, as_json=bool(as_json))
            raise typer.Exit(error.exit_code) from None

    return wrapper  # type: ignore[return-value]


def report(error: SkillpathError, *, as_json: bool) -> None:
    from .render import jsonfmt

    problems = error.problems if isinstance(error, DataError) else ()
    if not as_json:
        for line in [str(problem) for problem in problems] or [error.message]:
            typer.echo(f"error: {line}", err=True)
        return
    suggestions = list(error.suggestions) if isinstance(error, UnknownNameError) else []
    write_json_error(
        error.code,
        error.message,
        error.exit_code,
        suggestions=suggestions,
        problems=[jsonfmt.problem_entry(problem) for problem in problems],
    )


def write_json_error(
    code: str,
    message: str,
    exit_code: int,
    suggestions: list[str] | None = None,
    problems: list[dict[str, Any]] | None = None,
) -> None:
    """The error object of the JSON contract; every key always present."""
    payload = {
        "error": {
            "code": code,
            "message": message,
            "exit_code": exit_code,
            "suggestions": suggestions or [],
            "problems": problems or [],
        }
    }
    sys.stderr.write(json.dumps(payload, ensure_ascii=False) + "\n")


def output_format(fmt: Format | None, as_json: bool) -> Format:
    if as_json and fmt not in (None, Format.JSON):
        raise UsageError(
            f"--json and --format {fmt.value} ask for different formats; give one of them"
        )
    return Format.JSON if as_json else (fmt or Format.TABLE)


def answer(result: Result, fmt: Format | None, as_json: bool, color: Color) -> None:
    emit(result, output_format(fmt, as_json), color)


def at_most_one(option: str, values: list[str] | None) -> str | None:
    if values and len(set(values)) > 1:
        given = ", ".join(repr(value) for value in values)
        raise UsageError(f"{option} was given more than once ({given}); give it once")
    return values[0] if values else None


NO_PROFILE = "set them once with `skillpath profile set --role ROLE --level LEVEL`"


def who(
    framework: Framework,
    roles: list[str] | None,
    levels: list[str] | None,
    level_option: str = "--level",
) -> tuple[Role, Level, dict[str, Level]]:
    """The role and level asked for, or the profile's; and the profile's per-skill levels
    when the level comes from the profile."""
    from .store import load_profile

    role_name, level_name = at_most_one("--role", roles), at_most_one(level_option, levels)
    saved = load_profile() if role_name is None or level_name is None else None
    if role_name is None and (saved is None or saved.role is None):
        raise UsageError(
            f"no --role given and no role in your profile; give --role, or {NO_PROFILE}"
        )
    if level_name is None and (saved is None or saved.level is None):
        raise UsageError(
            f"no {level_option} given and no level in your profile; "
            f"give {level_option}, or {NO_PROFILE}"
        )
    if role_name is not None:
        role = ladder.resolve_role(framework, role_name)
    else:
        assert saved is not None and saved.role is not None
        role = from_profile("role", lambda: ladder.resolve_role(framework, saved.role or ""))
    if level_name is not None:
        return role, ladder.resolve_level(framework, level_name), {}
    assert saved is not None and saved.level is not None
    level = from_profile("level", lambda: ladder.resolve_level(framework, saved.level or ""))
    overrides = {}
    for skill, name in saved.skills.items():
        overrides[skill] = from_profile(
            "level in " + skill, functools.partial(ladder.resolve_level, framework, name)
        )
    return role, level, overrides


T = TypeVar("T")


def from_profile(what: str, resolve: Callable[[], T]) -> T:
    """A name kept in the profile, which the data in use may not have."""
    try:
        return resolve()
    except UsageError as error:
        raise UsageError(
            f"your profile's {what} is not in the data in use ({error.message}); give it as an "
            "option, or change it with `skillpath profile set`"
        ) from None


def examples(*lines: str) -> str:
    # "\b" keeps Click from re-flowing the lines into one paragraph.
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


def catalog(data_dirs: list[Path] | None = None) -> Catalog:
    return open_catalog(data_dirs or ())


def version_callback(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"skillpath {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """What is expected of you at your level, and what to cover to reach the next one."""


@app.command(
    "list", epilog=examples("skillpath list", "skillpath list --json | jq -r '.skills[].id'")
)
@reporting
def list_command(
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """List the skills with their domain, roles, counts of cells and where each comes from."""
    answer(ladder.list_skills(catalog(data_dirs)), fmt, as_json, color)


@app.command(
    "show",
    epilog=examples(
        "skillpath show deep-learning",
        "skillpath show deep-learning --role 'Data Scientist' --level senior --level lead",
        "skillpath show rag --format markdown > rag.md",
    ),
)
@reporting
def show_command(
    skill: Annotated[
        str,
        typer.Argument(
            help="The skill: id, name or alias.",
            show_default=False,
            metavar="SKILL",
            autocompletion=complete_skill,
        ),
    ],
    roles: RoleFilter = None,
    levels: LevelFilter = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """Show a skill's Junior-to-Principal matrix: what each role does at each level."""
    data = catalog(data_dirs)
    framework = data.framework
    chosen_roles = [ladder.resolve_role(framework, name) for name in roles or ()]
    chosen_levels = [ladder.resolve_level(framework, name) for name in levels or ()]
    found = ladder.resolve_skill(data, skill)
    answer(ladder.matrix(framework, found, chosen_roles, chosen_levels), fmt, as_json, color)


@app.command(
    "next",
    epilog=examples(
        "skillpath next --role 'LLM Engineer' --level middle",
        "skillpath next -r ds -l junior deep-learning --json | jq -r '.checklist[].text'",
    ),
)
@reporting
def next_command(
    role: RoleOption = None,
    level: LevelOption = None,
    skills: SkillsArgument = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """What to cover to reach the next level, as a checklist.

    For every skill that has the role (or only the skills named): your level's expectation
    and the next level's, one checklist item per sentence, required skills first.
    """
    from .store import load_progress

    data = catalog(data_dirs)
    found_role, found_level, levels = who(data.framework, role, level)
    named = ladder.resolve_skills(data, skills or ())
    progress = load_progress()
    result = ladder.next_steps(
        data, found_role, found_level, named, levels, frozenset(progress.marks)
    )
    remember_numbers(result, progress.listings)
    answer(result, fmt, as_json, color)


def remember_numbers(result: ladder.NextStep, known: dict[str, list[str]]) -> None:
    """Keep each skill's checklist order, so that `skillpath done SKILL:N` means what was shown."""
    from .store import Progress, update_progress

    shown = {
        step.skill.id: [item.id for item in step.next.items] for step in result.steps if step.next
    }

    def keep(progress: Progress) -> Progress:
        return Progress(progress.marks, {**progress.listings, **shown})

    if any(known.get(skill) != ids for skill, ids in shown.items()):  # write only what changed
        try:
            update_progress(keep)
        except SkillpathError as error:  # the answer matters more than its numbering
            typer.echo(f"warning: the items' numbers were not saved: {error.message}", err=True)


@app.command(
    "roles", epilog=examples("skillpath roles", "skillpath roles --json | jq -r '.roles[].name'")
)
@reporting
def roles_command(
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """List the roles, with the aliases they can be named by."""
    answer(ladder.RoleList(catalog(data_dirs).framework.roles), fmt, as_json, color)


@app.command("levels", epilog=examples("skillpath levels", "skillpath levels --format csv"))
@reporting
def levels_command(
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """List the ladder's levels, lowest first, with their aliases."""
    answer(ladder.LevelList(catalog(data_dirs).framework.levels), fmt, as_json, color)


@app.command(
    "validate",
    epilog=examples(
        "skillpath validate --data-dir ./career",
        "skillpath validate ./career ./career/skills/data-engineering.yaml",
        "skillpath validate ./career --json | jq '.summary'",
    ),
)
@reporting
def validate_command(
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045 - read at run time
        typer.Argument(
            help="Data folders, framework.yaml files or skill files, checked on top of the data "
            "path. [default: every folder on the data path]",
            show_default=False,
            metavar="[PATH]...",
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """Check framework data and list every problem as FILE:LINE:COLUMN: key: message.

    Exits 1 when there is any problem, so that CI and pre-commit can run it.
    """
    from .validation import validate

    result = validate(data_path(data_dirs or ()), paths or ())
    answer(result, fmt, as_json, color)
    if not result.ok:
        raise typer.Exit(EXIT_DATA)


@app.command(
    "new",
    epilog=examples(
        "skillpath new data-engineering",
        "skillpath new data-engineering --role ds --role mle -o career/skills/data-eng.yaml",
    ),
)
@reporting
def new_command(
    skill_id: Annotated[
        str, typer.Argument(help="The new skill's id, e.g. data-engineering.", metavar="SKILL-ID")
    ],
    roles: Annotated[
        Optional[list[str]],  # noqa: UP045 - read at run time
        typer.Option(
            "--role",
            "-r",
            help="A role to write cells for (repeat for more). [default: every role]",
            show_default=False,
            metavar="ROLE",
            autocompletion=complete_role,
        ),
    ] = None,
    name: Annotated[
        Optional[str],  # noqa: UP045 - read at run time
        typer.Option(help="The skill's display name. [default: from the id]", show_default=False),
    ] = None,
    domain: Annotated[
        Optional[str],  # noqa: UP045 - read at run time
        typer.Option(help="Its domain. [default: the framework's name]", show_default=False),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045 - read at run time
        typer.Option(
            "--output",
            "-o",
            help="Where to write it. [default: skills/SKILL-ID.yaml]",
            show_default=False,
        ),
    ] = None,
    data_dirs: DataDirOption = None,
) -> None:
    """Write a new skill file with every role and level to fill in; never overwrites."""
    from datetime import date

    from .files import write_new
    from .scaffold import new_skill_text

    data = catalog(data_dirs)
    framework = data.framework
    chosen = [ladder.resolve_role(framework, role) for role in roles or ()]
    text = new_skill_text(skill_id, framework, chosen, name, domain, date.today())
    target = output or Path(SKILLS_FOLDER) / f"{skill_id}.yaml"
    write_new(target, text)
    if skill_id in data.skill_ids:
        typer.echo(
            f"note: {skill_id!r} is already a skill ({data.origin_label(skill_id)}); this file "
            "replaces it wherever its folder is read after that one",
            err=True,
        )
    cells = len(chosen or framework.roles) * len(framework.levels)
    typer.echo(f"Wrote {target}: {cells} descriptions to write. Then: skillpath validate {target}")


@app.command(
    "import",
    epilog=examples(
        "skillpath import saved-profile-page.txt",
        "skillpath import saved-profile-page.txt --output career/skills/deep-learning.yaml",
        "skillpath show rag -f csv > rag.csv  # edit it in a spreadsheet, then:",
        "skillpath import rag.csv --output career/skills/rag.yaml",
    ),
)
@reporting
def import_command(
    page: Annotated[
        Path,
        typer.Argument(
            help="A saved skill-profile page, or a CSV written by --format csv ('-' reads stdin).",
            show_default=False,
            metavar="PAGE",
        ),
    ],
    output: Annotated[
        Optional[Path],  # noqa: UP045 - read at run time
        typer.Option(
            "--output",
            "-o",
            help="Write the skill file here instead of to stdout.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --output if it exists.")] = False,
    name: Annotated[
        Optional[str],  # noqa: UP045 - read at run time
        typer.Option(
            help="The skill's name, for a CSV of a skill the data does not have.",
            show_default=False,
        ),
    ] = None,
    domain: Annotated[
        Optional[str],  # noqa: UP045 - read at run time
        typer.Option(help="Its domain, likewise.", show_default=False),
    ] = None,
    data_dirs: DataDirOption = None,
) -> None:
    """Turn a saved skill-profile page, or an edited CSV export, into a skill YAML file."""
    from . import importer
    from .files import write_new, write_replacing

    text = read_input(page)
    data = catalog(data_dirs)
    origin = "<stdin>" if str(page) == "-" else str(page)
    if importer.looks_like_csv(origin, text):
        skill_id = importer.csv_skill_id(text)
        known = data.skill(skill_id) if skill_id in data.skill_ids else None
        imported = importer.import_cells_csv(text, data.framework, origin, known, name, domain)
    else:
        imported = importer.import_profile_page(text, data.framework, origin)
    result = importer.skill_yaml(imported)
    if output is None:
        sys.stdout.write(result)
    elif force:
        write_replacing(output, result)
    else:
        write_new(output, result)


def read_input(page: Path) -> str:
    if str(page) == "-":
        return sys.stdin.read()
    try:
        return page.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{page}: no such file") from None
    except UnicodeDecodeError:
        raise DataError.single(page, "is not UTF-8 text") from None
    except OSError as error:
        raise DataError.single(page, f"cannot be read: {error.strerror}") from None


# -- growth plans: profile, done, undo, progress, path, compare, search --------------------

profile_app = typer.Typer(
    help="Your role and level, kept so that next, path and progress need no options.",
    epilog=examples(
        "skillpath profile set --role 'LLM Engineer' --level middle",
        "skillpath profile show",
        "skillpath profile reset --yes",
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(profile_app, name="profile")


def profile_view(data: Catalog, saved: Profile | None = None) -> ProfileView:
    from .growth import ProfileView
    from .store import PROFILE_FILE, home, load_profile

    saved = saved or load_profile()
    framework = data.framework

    def level(name: str, what: str) -> Level:
        return from_profile(what, functools.partial(ladder.resolve_level, framework, name))

    return ProfileView(
        from_profile("role", functools.partial(ladder.resolve_role, framework, saved.role))
        if saved.role
        else None,
        level(saved.level, "level") if saved.level else None,
        tuple(
            (skill, level(name, f"level in {skill}"))
            for skill, name in sorted(saved.skills.items())
        ),
        str(home() / PROFILE_FILE),
    )


@profile_app.command(
    "set",
    epilog=examples(
        "skillpath profile set --role 'LLM Engineer' --level middle",
        "skillpath profile set --skill deep-learning=senior",
    ),
)
@reporting
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
    from .store import Profile, update_profile

    if role is None and level is None and skill_levels is None:
        raise UsageError("give --role, --level or --skill SKILL=LEVEL")
    data = catalog(data_dirs)
    framework = data.framework
    # Every name is resolved before the lock is taken; the change is applied under it.
    new_role = ladder.resolve_role(framework, role).id if role is not None else None
    new_level = ladder.resolve_level(framework, level).id if level is not None else None
    per_skill: dict[str, str | None] = {}
    for entry in skill_levels or ():
        name, _, level_name = entry.partition("=")
        if not name or "=" not in entry:
            raise UsageError(f"--skill takes SKILL=LEVEL, not {entry!r}")
        per_skill[ladder.resolve_skill(data, name).id] = (
            ladder.resolve_level(framework, level_name).id if level_name else None
        )

    def change(saved: Profile) -> Profile:
        skills = dict(saved.skills)
        for skill_id, level_id in per_skill.items():
            if level_id is None:  # SKILL= clears it
                skills.pop(skill_id, None)
            else:
                skills[skill_id] = level_id
        updated = Profile(new_role or saved.role, new_level or saved.level, skills)
        profile_view(data, updated)  # a name the data lacks stops the write
        return updated

    answer(profile_view(data, update_profile(change)), fmt, as_json, color)


@profile_app.command(
    "show", epilog=examples("skillpath profile show", "skillpath profile show --json")
)
@reporting
def profile_show_command(
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """Show your profile and the file it is kept in."""
    answer(profile_view(catalog(data_dirs)), fmt, as_json, color)


@profile_app.command(
    "reset", epilog=examples("skillpath profile reset", "skillpath profile reset --yes")
)
@reporting
def profile_reset_command(
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask first (for scripts).")
    ] = False,
) -> None:
    """Forget your profile (your progress is kept). Asks first, unless --yes."""
    from .store import reset_profile

    if not yes:
        if not sys.stdin.isatty():
            raise UsageError("not resetting without asking; give --yes to reset from a script")
        if not typer.confirm("Forget your role and level?", default=False):
            typer.echo("Kept your profile.")
            return
    typer.echo("Profile reset." if reset_profile() else "There was no profile to reset.")


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
@reporting
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
    from datetime import date

    from .growth import Found, find_item
    from .store import Mark, Progress, load_progress, update_progress

    data = catalog(data_dirs)
    found = find_item(data.skills(), load_progress(), item)
    if not isinstance(found, Found):
        raise UsageError(
            f"item {found.item} is no longer in the data; `skillpath undo {found.item}` forgets it"
        )
    cell = found.cell
    mark = Mark(
        found.item.id,
        found.skill.id,
        cell.role,
        cell.level,
        found.item.text,
        date.today(),
        note or "",
    )

    def add(progress: Progress) -> Progress:
        earlier = progress.marks.get(mark.item)
        kept = earlier if earlier and note is None else mark
        return Progress({**progress.marks, mark.item: kept}, progress.listings)

    update_progress(add)
    typer.echo(f"Covered {mark.item}: {mark.text} ({found.skill.name}, {cell.role}, {cell.level})")


@app.command("undo", epilog=examples("skillpath undo 6675ac29", "skillpath undo deep-learning:2"))
@reporting
def undo_command(item: ItemArgument, data_dirs: DataDirOption = None) -> None:
    """Unmark an item (also one the data no longer has)."""
    from .growth import Found, find_item
    from .store import Progress, load_progress, update_progress

    found = find_item(catalog(data_dirs).skills(), load_progress(), item)
    item_id = found.item.id if isinstance(found, Found) else found.item
    removed: list[str] = []

    def drop(progress: Progress) -> Progress:
        if item_id in progress.marks:
            removed.append(item_id)
        marks = {key: mark for key, mark in progress.marks.items() if key != item_id}
        return Progress(marks, progress.listings)

    update_progress(drop)
    typer.echo(f"Unmarked {item_id}." if removed else f"{item_id} was not marked.")


@app.command(
    "progress",
    epilog=examples(
        "skillpath progress",
        "skillpath progress --format markdown > promotion-packet.md",
    ),
)
@reporting
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
    from .growth import progress_report
    from .store import load_progress

    data = catalog(data_dirs)
    found_role, found_level, levels = who(data.framework, role, level)
    named = ladder.resolve_skills(data, skills or (), found_role)
    every = data.skills()
    report = progress_report(
        data.framework, named or every, found_role, found_level, load_progress(), levels, every
    )
    answer(report, fmt, as_json, color)


@app.command(
    "path",
    epilog=examples(
        "skillpath path --role 'LLM Engineer' --from junior --to senior",
        "skillpath path --from middle rag --format markdown",
    ),
)
@reporting
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
    from .growth import roadmap

    data = catalog(data_dirs)
    framework = data.framework
    found_role, found_level, _ = who(
        framework, role, [start] if start is not None else None, level_option="--from"
    )
    top = ladder.resolve_level(framework, end) if end is not None else framework.levels[-1]
    named = ladder.resolve_skills(data, skills or (), found_role)
    from .store import load_progress

    done = frozenset(load_progress().marks)
    road = roadmap(framework, named or data.skills(), found_role, found_level, top, done)
    answer(road, fmt, as_json, color)


@app.command(
    "compare",
    epilog=examples(
        "skillpath compare --role 'Data Scientist' --role 'LLM Engineer' --level senior",
        "skillpath compare --role llm --level middle --level senior",
    ),
)
@reporting
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
    from .growth import compare

    data = catalog(data_dirs)
    framework = data.framework
    roles, levels = list(dict.fromkeys(role or ())), list(dict.fromkeys(level or ()))
    if len(roles) > 2 or len(levels) > 2 or (len(roles) == 2 and len(levels) == 2):
        raise UsageError(
            "compare two roles (--role A --role B) or two levels (--level A --level B)"
        )
    if len(roles) == 2:
        _, at, _ = who(framework, roles[:1], levels or None)
        a = (ladder.resolve_role(framework, roles[0]), at)
        b = (ladder.resolve_role(framework, roles[1]), at)
    elif len(levels) == 2:
        found_role, _, _ = who(framework, roles or None, levels[:1])
        a = (found_role, ladder.resolve_level(framework, levels[0]))
        b = (found_role, ladder.resolve_level(framework, levels[1]))
        if b[1].rank < a[1].rank:
            a, b = b, a
    else:
        raise UsageError(
            "compare two roles (--role A --role B) or two levels (--level A --level B)"
        )
    named = ladder.resolve_skills(data, skills or ())
    answer(compare(framework, named or data.skills(), a, b), fmt, as_json, color)


@app.command(
    "search",
    epilog=examples(
        "skillpath search attention", "skillpath search 'vector database' --role llm --json"
    ),
)
@reporting
def search_command(
    words: Annotated[
        list[str],
        typer.Argument(help="The words to find; every one must match.", metavar="TEXT..."),
    ],
    role: RoleFilter = None,
    level: LevelFilter = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """Find skills and expectations by their words, ignoring case and accents, best first."""
    from .search import search

    data = catalog(data_dirs)
    framework = data.framework
    role_ids = [ladder.resolve_role(framework, name).id for name in role or ()]
    level_ids = [ladder.resolve_level(framework, name).id for name in level or ()]
    answer(search(data.skills(), " ".join(words), role_ids, level_ids), fmt, as_json, color)


@app.command(
    "schema",
    epilog=examples("skillpath schema", "skillpath schema next > next.schema.json"),
)
@reporting
def schema_command(
    name: Annotated[
        Optional[str],  # noqa: UP045 - read at run time
        typer.Argument(
            help="The schema to print: an answer (list, show, next, roles, levels, validate, "
            "error) or a data file (skill, framework).",
            show_default=False,
            metavar="[NAME]",
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of a command's JSON answer; with no NAME, list the names."""
    from . import schemas

    typer.echo(
        schemas.text(name) if name is not None else "\n".join(schemas.names()), nl=name is None
    )


def run() -> None:
    """The console script's entry point."""
    app_for(sys.argv[1:], os.environ)(prog_name="skillpath")


def app_for(args: Sequence[str], environ: Mapping[str, str]) -> typer.Typer:
    """The app, with only the command that is asked for when one plainly is.

    Typer turns every command's parameters into Click objects at each start, which costs
    more than any one command's work; a run of `skillpath next ...` needs only `next`. Help,
    completion, a typo or an option before the command get the whole app.
    """
    first = args[0] if args else ""
    wanted = [command for command in app.registered_commands if command.name == first]
    if not wanted or "_SKILLPATH_COMPLETE" in environ:
        return app
    single = copy.copy(app)
    single.registered_commands = wanted
    single.registered_groups = []
    return single


if __name__ == "__main__":  # pragma: no cover
    run()
