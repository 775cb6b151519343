"""Writing framework data: init, validate, new, import."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from skillpath.authoring import importer, scaffold, starter
from skillpath.authoring.validation import validate
from skillpath.authoring.written import Written
from skillpath.cli.asked import Asked, asked
from skillpath.cli.options import (
    ColorOption,
    DataDirOption,
    FormatOption,
    JsonOption,
    WrittenJsonOption,
    catalog,
    complete_role,
    examples,
)
from skillpath.cli.output import answer, note, progress_meter, tell_written
from skillpath.errors import EXIT_DATA, DataError, Problem, UsageError, some_of
from skillpath.loading import data_path
from skillpath.loading.catalog import starts_framework
from skillpath.loading.document import MAX_FILE_BYTES
from skillpath.loading.files import (
    check_inside,
    encoded,
    limited_to,
    make_folder,
    read_bounded,
    too_long,
    write_file,
    write_inside,
    write_new,
)
from skillpath.loading.paths import SKILLS_FOLDER, kind_of_path
from skillpath.render.base import Color, plural
from skillpath.render.encode import write_text

if TYPE_CHECKING:
    from skillpath.authoring.importer.parts import ImportedSkill, Table

app = typer.Typer(rich_markup_mode=None)
groups: list[typer.Typer] = []


@app.command(
    "init",
    epilog=examples(
        "skillpath init career --name 'Platform Engineering' --level 'Level 1' --level 'Level 2' "
        "--role Backend --role SRE",
        "skillpath list -d career",
    ),
)
def init_command(
    ctx: typer.Context,
    folder: Annotated[
        Path, typer.Argument(help="The folder to start the framework in.", metavar="DIR")
    ],
    name: Annotated[str, typer.Option("--name", help="The framework's name.", show_default=False)],
    levels: Annotated[
        list[str],
        typer.Option(
            "--level",
            "-l",
            help="A level's name, lowest first (repeat for each level).",
            metavar="NAME",
        ),
    ],
    roles: Annotated[
        list[str],
        typer.Option("--role", "-r", help="A role's name (repeat for each role).", metavar="NAME"),
    ],
    as_json: WrittenJsonOption = False,
) -> None:
    """Start a framework of your own: a framework.yaml (bundled: false) and an empty skills/.

    Ids come from the names ("Level 1" becomes level-1); never overwrites.
    """
    new = starter.init_framework(folder, name, levels, roles)
    write_new(new.target, new.text)
    make_folder(new.skills)
    tell_written(
        Written("init", folder, (new.target,), levels=new.levels, roles=new.roles),
        f"Wrote {new.target}: {plural(len(new.levels), 'level')}, "
        f"{plural(len(new.roles), 'role')}, no skills yet. "
        f"Then: skillpath new SKILL-ID -d {folder}, or skillpath import FILE.csv --into {folder}",
        asked(ctx),
    )


@app.command(
    "validate",
    epilog=examples(
        "skillpath validate --data-dir ./career",
        "skillpath validate ./career ./career/skills/data-engineering.yaml",
        "skillpath validate ./career --json | jq '.summary'",
    ),
)
def validate_command(
    ctx: typer.Context,
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
    options = asked(ctx)
    meter = progress_meter(for_json=options.json)
    result = validate(data_path(options.data_dirs or ()), paths or (), meter)
    answer(result, options)
    if not result.ok:
        raise typer.Exit(EXIT_DATA)


# The options of `new` and `import`, declared apart so that the commands read short.
RolesToWrite = Annotated[
    Optional[list[str]],  # noqa: UP045 - read at run time
    typer.Option(
        "--role",
        "-r",
        help="A role to write cells for (repeat for more). [default: every role]",
        show_default=False,
        metavar="ROLE",
        autocompletion=complete_role,
    ),
]

NewName = Annotated[
    Optional[str],  # noqa: UP045 - read at run time
    typer.Option(help="The skill's display name. [default: from the id]", show_default=False),
]

NewDomain = Annotated[
    Optional[str],  # noqa: UP045 - read at run time
    typer.Option(help="Its domain. [default: the framework's name]", show_default=False),
]

NewOutput = Annotated[
    Optional[Path],  # noqa: UP045 - read at run time
    typer.Option(
        "--output",
        "-o",
        help="Where to write it. [default: skills/SKILL-ID.yaml in the last --data-dir, else "
        "in the current folder]",
        show_default=False,
    ),
]

ImportName = Annotated[
    Optional[str],  # noqa: UP045 - read at run time
    typer.Option(
        help="The skill's name, for a CSV of a skill the data does not have.",
        show_default=False,
    ),
]

ImportDomain = Annotated[
    Optional[str],  # noqa: UP045 - read at run time
    typer.Option(help="Its domain, likewise.", show_default=False),
]


@app.command(
    "new",
    epilog=examples(
        "skillpath new data-engineering",
        "skillpath new data-engineering --role ds --role mle -o career/skills/data-eng.yaml",
    ),
)
def new_command(
    ctx: typer.Context,
    skill_id: Annotated[
        str, typer.Argument(help="The new skill's id, e.g. data-engineering.", metavar="SKILL-ID")
    ],
    roles: RolesToWrite = None,
    name: NewName = None,
    domain: NewDomain = None,
    output: NewOutput = None,
    as_json: WrittenJsonOption = False,
    data_dirs: DataDirOption = None,
) -> None:
    """Write a new skill file with every role and level to fill in; never overwrites."""
    options = asked(ctx)
    data_dirs = options.data_dirs
    data = catalog(options)
    # With a data folder named, the new skill goes into it: that is the framework it is for.
    where = output or (data_dirs[-1] / "skills" / f"{skill_id}.yaml" if data_dirs else None)
    new = scaffold.new_skill(data, skill_id, roles or (), name, domain, date.today(), where)
    folder = data_dirs[-1] if output is None and data_dirs else None
    write_new_skill(new, folder)
    if new.replaces is not None:
        note(
            f"{skill_id!r} is already a skill ({new.replaces}); this file "
            "replaces it wherever its folder is read after that one"
        )
    then = f"skillpath validate {new.target}"
    tell_written(
        Written("new", folder, (new.target,), skills=(skill_id,)),
        f"Wrote {new.target}: {plural(new.cells, 'description')} to write. Then: {then}",
        options,
    )


def write_new_skill(new: scaffold.NewSkill, folder: Path | None) -> None:
    """The new file, never over anything; in a team's ``folder``, through no link in it."""
    if folder is not None:
        write_inside(folder, f"{SKILLS_FOLDER}/{new.target.name}", new.text, replace=False)
    else:
        write_new(new.target, new.text)


ImportInto = Annotated[
    Optional[Path],  # noqa: UP045 - read at run time
    typer.Option(
        "--into",
        help="A CSV or workbook of any number of skills: write one file per skill into "
        "DIR/skills/ (DIR's framework.yaml gives the roles and levels).",
        show_default=False,
        metavar="DIR",
    ),
]


ImportSheet = Annotated[
    Optional[str],  # noqa: UP045 - read at run time
    typer.Option(
        "--sheet",
        help="For a workbook: the sheet to read. [default: the first]",
        show_default=False,
        metavar="NAME",
    ),
]


ImportForce = Annotated[
    bool, typer.Option("--force", help="Replace --output (or --into's files) if they exist.")
]


@app.command(
    "import",
    epilog=examples(
        "skillpath import saved-profile-page.txt",
        "skillpath import saved-profile-page.txt --output career/skills/deep-learning.yaml",
        "skillpath show rag -f csv > rag.csv  # edit it in a spreadsheet, then:",
        "skillpath import rag.csv --output career/skills/rag.yaml",
        "skillpath list -d career -f csv > all.csv  # the whole framework, and back:",
        "skillpath import all.csv --into career --force",
        "skillpath list -d career -f xlsx -o all.xlsx  # a workbook: skillpath[xlsx]",
        "skillpath import all.xlsx --sheet Skills --into career --force",
    ),
)
def import_command(
    ctx: typer.Context,
    page: Annotated[
        Path,
        typer.Argument(
            help="A saved skill-profile page, a CSV written by --format csv, or a workbook "
            "(.xlsx) of the same columns ('-' reads stdin).",
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
    into: ImportInto = None,
    sheet: ImportSheet = None,
    force: ImportForce = False,
    name: ImportName = None,
    domain: ImportDomain = None,
    as_json: WrittenJsonOption = False,
    data_dirs: DataDirOption = None,
) -> None:
    """Turn a saved skill-profile page, or an edited CSV export or workbook, into skill YAML
    files."""
    options = asked(ctx)
    if options.as_json and output is None and into is None:
        raise UsageError(IMPORT_JSON_NEEDS_FILES)
    origin = "<stdin>" if str(page) == "-" else str(page)
    source = read_source(page, sheet)
    if into is not None:
        import_into_folder(source, origin, into, force, (output, name, domain), options)
        return
    skill_id, result = importer.import_text(source, origin, catalog(options), name, domain)
    put_skill(output, skill_id, result, force, options)


IMPORT_JSON_NEEDS_FILES = (
    "--json says which files import wrote: give --output FILE or --into DIR (without "
    "them the skill's YAML is the output)"
)


def put_skill(output: Path | None, skill_id: str, text: str, force: bool, options: Asked) -> None:
    """The skill's YAML on stdout, or at --output: never through a link there, nor onto
    anything but a file of the user's."""
    if output is None:
        write_text(sys.stdout, text)
        return
    write_file(output, encoded(output, text), replace=force)
    if options.as_json:
        answer(Written("import", None, (output,), skills=(skill_id,)), options)


def import_into_folder(
    source: str | Table,
    origin: str,
    folder: Path,
    force: bool,
    single_only: tuple[object, ...],
    options: Asked,
) -> None:
    """Every skill of the CSV into ``folder``: all checked first, then all written."""
    if any(option is not None for option in single_only):
        raise UsageError("--into takes the name and domain from the CSV; leave out --output, "
                         "--name and --domain")  # fmt: skip
    # A new, empty folder is read as no data yet (the skills are checked against the
    # framework in effect); one that holds data already is read with it.
    holds_data = starts_framework(folder) or any((folder / SKILLS_FOLDER).glob("*.yaml"))
    over = [*(options.data_dirs or ()), *([folder] if holds_data else [])]
    data = catalog(options.over(over or None))
    imported = importer.import_into(source, origin, data, folder)
    files = imported.files
    there = [str(path) for path, _ in files if os.path.lexists(path)]
    if there and not force:
        raise DataError.single(
            Path(there[0]),
            f"already exists{f' (and {len(there) - 1} more)' if len(there) > 1 else ''}; "
            "nothing was written: pass --force to replace them",
        )
    write_all_or_none(folder, files)
    names = ", ".join(path.stem for path, _ in files)
    tell_written(
        Written(
            "import", folder, tuple(p for p, _ in files), skills=tuple(p.stem for p, _ in files)
        ),
        f"Wrote {len(files)} skill file{'s' * (len(files) != 1)} to {folder / 'skills'}: {names}",
        options,
    )
    if imported.derived:
        note(derived_note(imported.derived, "CSV" if isinstance(source, str) else "sheet"))


def write_all_or_none(folder: Path, files: Sequence[tuple[Path, str]]) -> None:
    """Every file into ``folder``, each checked before any is written: no link on the way
    or at a file, nothing but a regular file of the user's replaced. A write that fails
    after others (a full disk) says which were written."""
    for path, _ in files:
        check_inside(folder, path.relative_to(folder).as_posix())
    done: list[str] = []
    for path, text in files:
        try:
            write_inside(folder, path.relative_to(folder).as_posix(), text)
        except DataError as error:
            if not done:
                raise
            written = Problem(folder / SKILLS_FOLDER, f"{len(done)} of {len(files)} files "
                              f"were written before it: {some_of(done)}")  # fmt: skip
            raise DataError([*error.problems, written]) from None
        done.append(path.name)


def derived_note(skills: Sequence[ImportedSkill], what: str = "CSV") -> str:
    """Once for the whole import: what the CSV left out, and what was written instead."""
    named = [f"{skill.id} as {skill.name!r}" for skill in skills if "name" in skill.derived]
    placed = sorted({skill.domain for skill in skills if "domain" in skill.derived})
    said = []
    if named:
        ids = "its id" if len(named) == 1 else "their ids"
        said.append(f"named {plural(len(named), 'skill')} from {ids} ({some_of(named)})")
    if placed:
        said.append(f"put skills without a domain in {', '.join(map(repr, placed))}")
    return (
        f"the {what} has no name or domain for some skills, so the import "
        f"{' and '.join(said)}; "
        "add name and domain columns to choose them"
    )


def read_source(page: Path, sheet: str | None = None) -> str | Table:
    """The page, CSV or workbook sheet to import, read within the size limit: a 2 GiB file
    or a FIFO is refused, not read into memory or waited on."""
    from skillpath.authoring.importer import workbook

    origin = "<stdin>" if str(page) == "-" else str(page)
    named_book = origin.lower().endswith(workbook.WORKBOOK_SUFFIXES)
    book_limit = (workbook.MAX_WORKBOOK_BYTES, "workbooks")
    raw = read_raw(page, *(book_limit if named_book else (MAX_FILE_BYTES, "data files")))
    if workbook.looks_like_workbook(origin, raw):
        return workbook.read_sheet(raw, origin, sheet)
    if sheet is not None:
        raise UsageError(f"--sheet is for a workbook (.xlsx), and {origin} is text")
    if len(raw) > MAX_FILE_BYTES:
        raise DataError.single(Path(origin), too_long(len(raw), MAX_FILE_BYTES))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError.single(page, "is not UTF-8 text") from None
    return io.StringIO(text, newline=None).read()  # CRLF and CR read as newlines


def read_raw(page: Path, limit: int, kind: str = "data files") -> bytes:
    """The bytes of ``page`` ('-': stdin), never more than ``limit`` and one byte; ``kind``
    names such files in the refusal."""
    from skillpath.authoring.importer import workbook

    if str(page) == "-":
        if sys.stdin is None:  # started with stdin closed (`skillpath import - <&-`)
            raise UsageError("standard input is closed; give a file instead of '-'")
        raw = sys.stdin.buffer.read(limit + 1)
        if workbook.looks_like_workbook("", raw):  # a workbook piped in, known by its bytes
            most = workbook.MAX_WORKBOOK_BYTES
            raw += sys.stdin.buffer.read(most + 1 - len(raw))
            if len(raw) > most:  # read no further: its size is more than that
                over = f"is over {most} bytes; {limited_to(most, 'workbooks')}"
                raise DataError.single(Path("<stdin>"), over)
        return raw
    if kind_of_path(page) is None:
        raise UsageError(f"{page}: no such file")
    return read_bounded(page, limit, kind)
