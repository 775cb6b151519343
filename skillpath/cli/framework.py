"""Reading the framework: list, show, next, roles, levels, search, schema.

`next` lives here, not with the growth plan's commands, so that the most common command
loads none of the growth answers' classes (benchmarks/startup.py). For the same reason the
modules that only one command here needs (``asking`` for `next`, ``search``, ``schemas``)
are imported by that command."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Optional

import typer

from skillpath.cli.asked import Asked, asked
from skillpath.cli.options import (
    ColorOption,
    DataDirOption,
    FormatOption,
    JsonOption,
    LevelFilter,
    LevelOption,
    ListFormatOption,
    Names,
    RoleFilter,
    RoleOption,
    SkillsArgument,
    catalog,
    complete_role,
    complete_skill,
    examples,
    names_option,
    progress_or_none,
)
from skillpath.cli.output import answer, answer_over_skills, say, to_terminal
from skillpath.framework import ladder
from skillpath.plan import store
from skillpath.render.base import Color, Format

app = typer.Typer(rich_markup_mode=None)
groups: list[typer.Typer] = []


ListOutput = Annotated[
    Optional[Path],  # noqa: UP045 - read at run time
    typer.Option(
        "--output",
        "-o",
        help="Write the answer to this file (never replaced without --force); needed for "
        "xlsx unless stdout is redirected.",
        show_default=False,
    ),
]
ListForce = Annotated[bool, typer.Option("--force", help="Replace --output if it exists.")]


@app.command(
    "list",
    epilog=examples(
        "skillpath list",
        "skillpath list --role 'LLM Engineer'",
        "skillpath list --json | jq -r '.skills[].id'",
        "skillpath list -d career -f xlsx -o career.xlsx  # edit it, then: skillpath import",
    ),
)
def list_command(
    ctx: typer.Context,
    roles: Annotated[
        Names,
        names_option(
            "--role",
            "-r",
            "ROLE",
            "Only the skills this role has, with its required and optional cells "
            "(repeat for more).",
            complete_role,
        ),
    ] = None,
    fmt: ListFormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    output: ListOutput = None,
    force: ListForce = False,
    data_dirs: DataDirOption = None,
) -> None:
    """List the skills with their domain, roles, counts of cells and where each comes from."""
    options = asked(ctx)
    data = catalog(options)
    work_out = functools.partial(ladder.list_skills, data, roles or ())
    if options.fmt is Format.XLSX or output is not None:
        list_to_file(work_out(), options, output, force)
        return
    question = ["list", repr(roles or [])]
    answer_over_skills(question, data, work_out, options)


def list_to_file(
    result: ladder.SkillList, options: Asked, output: Path | None, force: bool
) -> None:
    """The list as a workbook, or in a text format, to ``output`` (or a redirected stdout)."""
    import sys

    from skillpath.errors import UsageError
    from skillpath.loading.files import write_file
    from skillpath.render.encode import write_all

    chosen = options.format(Format.CSV)  # --json with --format xlsx is refused here
    if chosen is Format.XLSX:
        from skillpath.render import rows, xlsx

        data = xlsx.workbook(rows.rows(result))
        if output is None and to_terminal():
            raise UsageError("a workbook is not text to show on a terminal: give --output "
                             "FILE.xlsx, or redirect stdout to a file")  # fmt: skip
    else:
        from skillpath.render import text

        if chosen is Format.TABLE:
            raise UsageError("--output writes a file: give --format xlsx, csv, json or another "
                             "format for files; the table is for the terminal")  # fmt: skip
        data = text(result, chosen).encode("utf-8")
    if output is None:
        sys.stdout.flush()
        write_all(sys.stdout.buffer, data)
    else:
        write_file(output, data, replace=force)


@app.command(
    "show",
    epilog=examples(
        "skillpath show deep-learning",
        "skillpath show deep-learning --role 'Data Scientist' --level senior --level lead",
        "skillpath show rag --format markdown > rag.md",
        "skillpath show rag --role llm --level senior --detail",
    ),
)
def show_command(
    ctx: typer.Context,
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
    detail: Annotated[
        bool,
        typer.Option(
            "--detail",
            help="In the table, each cell's evidence and interview questions too (the other "
            "formats always carry them).",
        ),
    ] = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """Show a skill's Junior-to-Principal matrix: what each role does at each level."""
    options = asked(ctx)
    result = ladder.show_matrix(catalog(options), skill, roles or (), levels or (), detail=detail)
    answer(result, options)


TodoOption = Annotated[bool, typer.Option("--todo", help="Hide the items you covered or skipped.")]
RequiredOnlyOption = Annotated[
    bool, typer.Option("--required-only", help="Only the skills required of the role.")
]
BriefOption = Annotated[
    bool,
    typer.Option(
        "--brief",
        help="In the table, one line per item (its number, state, id and text cut to the "
        "terminal's width); the other formats always carry everything.",
    ),
]


@app.command(
    "next",
    epilog=examples(
        "skillpath next --role 'LLM Engineer' --level middle",
        "skillpath next -r ds -l junior deep-learning --json | jq -r '.checklist[].text'",
        "skillpath next --todo --brief",
    ),
)
def next_command(
    ctx: typer.Context,
    role: RoleOption = None,
    level: LevelOption = None,
    skills: SkillsArgument = None,
    todo: TodoOption = False,
    required_only: RequiredOnlyOption = False,
    brief: BriefOption = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """What to cover to reach the next level, as a checklist.

    For every skill that has the role (or only the skills named): your level's expectation
    and the next level's, one checklist item per sentence, required skills first.
    """
    from skillpath.plan.asking import next_for

    options = asked(ctx)
    data = catalog(options)

    def work_out() -> ladder.NextStep:
        return next_for(
            data,
            role,
            level,
            skills or (),
            store.load_profile,
            progress_or_none,
            todo=todo,
            required_only=required_only,
            brief=brief,
        )

    # Over a few skills, reading them is quicker than looking at every file to keep it.
    question = None if skills else ["next", repr(role), repr(level), repr((todo, required_only))]
    answer_over_skills(question, data, work_out, options, store.state_files())


@app.command(
    "roles", epilog=examples("skillpath roles", "skillpath roles --json | jq -r '.roles[].name'")
)
def roles_command(
    ctx: typer.Context,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """List the roles, with the aliases they can be named by."""
    options = asked(ctx)
    answer(ladder.role_list(catalog(options)), options)


@app.command("levels", epilog=examples("skillpath levels", "skillpath levels --format csv"))
def levels_command(
    ctx: typer.Context,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """List the ladder's levels, lowest first, with their aliases."""
    options = asked(ctx)
    answer(ladder.level_list(catalog(options)), options)


@app.command(
    "search",
    epilog=examples(
        "skillpath search attention", "skillpath search 'vector database' --role llm --json"
    ),
)
def search_command(
    ctx: typer.Context,
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
    from skillpath.framework.search import SearchResult, search_for
    from skillpath.loading.textindex import engine

    options = asked(ctx)
    data = catalog(options)
    question = ["search", engine(), repr(words), repr(role), repr(level)]

    def work_out() -> SearchResult:
        return search_for(data, words, role or (), level or ())

    answer_over_skills(question, data, work_out, options)


@app.command(
    "schema",
    epilog=examples("skillpath schema", "skillpath schema next > next.schema.json"),
)
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
    from skillpath import schemas

    if name is None:
        say("\n".join(schemas.names()))
    else:
        typer.echo(schemas.text(name), nl=False)
