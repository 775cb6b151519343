"""The ``skillpath`` command: parse the line, ask ``ladder``, hand the answer to ``render``.

Errors meant for the user are raised as ``SkillpathError`` anywhere below and turned into
a message on stderr and an exit code here, in ``reporting``; under ``--format json`` the
message is a JSON object too.
"""

from __future__ import annotations

import functools
import itertools
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, Optional, TypeVar

import typer
from typer.core import TyperGroup

from . import ladder
from .catalog import PATH_VARIABLE, SKILLS_FOLDER, Catalog, data_path, open_catalog
from .errors import EXIT_DATA, DataError, SkillpathError, UnknownNameError, UsageError
from .render import Color, Format, Result, emit


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


def the_one(option: str, values: list[str] | None, example: str) -> str:
    """The single value of an option that must be given once."""
    if not values:
        raise UsageError(f"{option} is required, e.g. {option} {example}")
    if len(set(values)) > 1:
        given = ", ".join(repr(value) for value in values)
        raise UsageError(f"{option} was given more than once ({given}); give it once")
    return values[0]


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
    roles: Annotated[
        Optional[list[str]],  # noqa: UP045 - read at run time
        typer.Option(
            "--role",
            "-r",
            help="Only this role (repeat for more).",
            show_default=False,
            metavar="ROLE",
            autocompletion=complete_role,
        ),
    ] = None,
    levels: Annotated[
        Optional[list[str]],  # noqa: UP045 - read at run time
        typer.Option(
            "--level",
            "-l",
            help="Only this level (repeat for more).",
            show_default=False,
            metavar="LEVEL",
            autocompletion=complete_level,
        ),
    ] = None,
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
    role: Annotated[
        Optional[list[str]],  # noqa: UP045 - read at run time
        typer.Option(
            "--role",
            "-r",
            help="Your role: id, name or alias. [required]",
            show_default=False,
            metavar="ROLE",
            autocompletion=complete_role,
        ),
    ] = None,
    level: Annotated[
        Optional[list[str]],  # noqa: UP045 - read at run time
        typer.Option(
            "--level",
            "-l",
            help="Your level now: id, name or alias. [required]",
            show_default=False,
            metavar="LEVEL",
            autocompletion=complete_level,
        ),
    ] = None,
    skills: Annotated[
        Optional[list[str]],  # noqa: UP045 - read at run time
        typer.Argument(
            help="Only these skills. [default: every skill that has the role]",
            show_default=False,
            metavar="[SKILL]...",
            autocompletion=complete_skill,
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """What to cover to reach the next level, as a checklist.

    For every skill that has the role (or only the skills named): your level's expectation
    and the next level's, one checklist item per sentence, required skills first.
    """
    data = catalog(data_dirs)
    framework = data.framework
    found_role = ladder.resolve_role(framework, the_one("--role", role, "'LLM Engineer'"))
    found_level = ladder.resolve_level(framework, the_one("--level", level, "middle"))
    named = ladder.resolve_skills(data, skills or ())
    answer(ladder.next_steps(data, found_role, found_level, named), fmt, as_json, color)


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

    framework = catalog(data_dirs).framework
    chosen = [ladder.resolve_role(framework, role) for role in roles or ()]
    text = new_skill_text(skill_id, framework, chosen, name, domain, date.today())
    target = output or Path(SKILLS_FOLDER) / f"{skill_id}.yaml"
    write_new(target, text)
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
    if looks_like_csv(page, text):
        skill_id = csv_skill_id(text)
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


def looks_like_csv(page: Path, text: str) -> bool:
    return page.suffix.lower() == ".csv" or text.lstrip("\ufeff").startswith("skill,")


def csv_skill_id(text: str) -> str:
    """The skill id of the first data row, to find the skill the CSV was exported from."""
    import csv
    import io

    rows = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    first = next(rows, None)
    return (first or {}).get("skill") or ""


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

    typer.echo(schemas.text(name) if name else "\n".join(schemas.names()), nl=not name)


def run() -> None:
    """The console script's entry point."""
    app(prog_name="skillpath")


if __name__ == "__main__":  # pragma: no cover
    run()
