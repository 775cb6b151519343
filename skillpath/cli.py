"""The ``skillpath`` command: parse the line, ask ``ladder``, hand the answer to ``render``.

Errors meant for the user are raised as ``SkillpathError`` anywhere below and turned into
a message on stderr and an exit code here, in ``reporting``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated, Optional, TypeVar

import typer

from . import ladder
from .catalog import Catalog, open_bundled
from .errors import DataError, SkillpathError, UsageError
from .render import Format, Result, emit

app = typer.Typer(
    name="skillpath",
    help=(
        "What is expected of you at your level, and what to cover to reach the next one.\n\n"
        "Shows the skills of a career framework as Junior-to-Principal matrices, by role and "
        "level, as tables for people or JSON for scripts."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # a user never sees a traceback, nor its local values
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., None])

FormatOption = Annotated[
    Optional[Format],  # noqa: UP045 - Typer reads the annotation at run time on Python 3.10 too
    typer.Option("--format", "-f", help="Output format. [default: table]", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]


def reporting(command: F) -> F:
    """Turn the errors meant for the user into a message on stderr and the exit code."""

    @functools.wraps(command)
    def wrapper(*args: object, **kwargs: object) -> None:
        try:
            command(*args, **kwargs)
        except DataError as error:
            for problem in error.problems:
                typer.echo(f"error: {problem}", err=True)
            raise typer.Exit(error.exit_code) from None
        except SkillpathError as error:
            typer.echo(f"error: {error.message}", err=True)
            raise typer.Exit(error.exit_code) from None

    return wrapper  # type: ignore[return-value]


def output_format(fmt: Format | None, as_json: bool) -> Format:
    if as_json and fmt not in (None, Format.JSON):
        raise UsageError(
            f"--json and --format {fmt.value} ask for different formats; give one of them"
        )
    return Format.JSON if as_json else (fmt or Format.TABLE)


def answer(result: Result, fmt: Format | None, as_json: bool) -> None:
    emit(result, output_format(fmt, as_json))


def catalog() -> Catalog:
    return open_bundled()


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


@app.command("list", epilog="Example: skillpath list --json | jq -r '.skills[].id'")
@reporting
def list_command(fmt: FormatOption = None, as_json: JsonOption = False) -> None:
    """List the skills with their domain, roles and counts of required and optional cells."""
    answer(ladder.list_skills(catalog()), fmt, as_json)


@app.command(
    "show",
    epilog=(
        "Examples: skillpath show deep-learning · "
        "skillpath show deep-learning --role 'Data Scientist' --level senior --level lead"
    ),
)
@reporting
def show_command(
    skill: Annotated[str, typer.Argument(help="The skill: id, name or alias.", show_default=False)],
    roles: Annotated[
        Optional[list[str]],  # noqa: UP045 - read at run time
        typer.Option("--role", "-r", help="Only this role (repeat for more).", show_default=False),
    ] = None,
    levels: Annotated[
        Optional[list[str]],  # noqa: UP045 - read at run time
        typer.Option(
            "--level", "-l", help="Only this level (repeat for more).", show_default=False
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show a skill's Junior-to-Principal matrix: what each role does at each level."""
    data = catalog()
    framework = data.framework
    chosen_roles = [ladder.resolve_role(framework, name) for name in roles or ()]
    chosen_levels = [ladder.resolve_level(framework, name) for name in levels or ()]
    found = ladder.resolve_skill(data, skill)
    answer(ladder.matrix(framework, found, chosen_roles, chosen_levels), fmt, as_json)


@app.command(
    "next",
    epilog=(
        "Examples: skillpath next --role 'LLM Engineer' --level middle · "
        "skillpath next -r ds -l junior deep-learning --json | jq -r '.checklist[].text'"
    ),
)
@reporting
def next_command(
    role: Annotated[
        str, typer.Option("--role", "-r", help="Your role: id, name or alias.", show_default=False)
    ],
    level: Annotated[
        str,
        typer.Option(
            "--level", "-l", help="Your level now: id, name or alias.", show_default=False
        ),
    ],
    skills: Annotated[
        Optional[list[str]],  # noqa: UP045 - read at run time
        typer.Argument(
            help="Only these skills. [default: every skill that has the role]", show_default=False
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """What to cover to reach the next level: the next level's expectations as a checklist.

    For every skill that has the role (or the skills named), your level's expectation and
    the next one's, one item per sentence, required skills first.
    """
    data = catalog()
    framework = data.framework
    found_role = ladder.resolve_role(framework, role)
    found_level = ladder.resolve_level(framework, level)
    named = ladder.resolve_skills(data, skills or ())
    answer(ladder.next_steps(data, found_role, found_level, named), fmt, as_json)


@app.command("roles", epilog="Example: skillpath roles --json | jq -r '.roles[].name'")
@reporting
def roles_command(fmt: FormatOption = None, as_json: JsonOption = False) -> None:
    """List the roles, with the aliases they can be named by."""
    answer(ladder.RoleList(catalog().framework.roles), fmt, as_json)


@app.command("levels", epilog="Example: skillpath levels --json | jq -r '.levels[].id'")
@reporting
def levels_command(fmt: FormatOption = None, as_json: JsonOption = False) -> None:
    """List the ladder's levels, lowest first, with their aliases."""
    answer(ladder.LevelList(catalog().framework.levels), fmt, as_json)


def run() -> None:
    """The console script's entry point."""
    app(prog_name="skillpath")


if __name__ == "__main__":  # pragma: no cover
    run()
