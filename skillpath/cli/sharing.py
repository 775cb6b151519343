"""Sharing the framework beyond the terminal: a web site, job descriptions, interview kits."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from skillpath.authoring.written import Written
from skillpath.cli.asked import asked
from skillpath.cli.options import (
    ColorOption,
    DataDirOption,
    DocumentFormatOption,
    JsonOption,
    OneLevel,
    OneRole,
    SkillsArgument,
    WrittenJsonOption,
    catalog,
    examples,
)
from skillpath.cli.output import answer, tell_written, warn
from skillpath.errors import some_of
from skillpath.framework import hiring
from skillpath.render.base import Color, Format, plural

app = typer.Typer(rich_markup_mode=None)
groups: list[typer.Typer] = []


@app.command(
    "job",
    epilog=examples(
        "skillpath job --role 'LLM Engineer' --level senior > senior-llm-engineer.md",
        "skillpath job -r ds -l middle --json | jq -r '.skills[].cell.description'",
    ),
)
def job_command(
    ctx: typer.Context,
    role: OneRole,
    level: OneLevel,
    fmt: DocumentFormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """A job description for a role at a level, written from the matrix.

    The role's and the level's summaries, then every skill's expectation at that level:
    required ones first, then the optional ones. Markdown unless --format says otherwise.
    """
    options = asked(ctx)
    result = hiring.job_description(catalog(options), role, level)
    answer(result, options, default=Format.MARKDOWN)


@app.command(
    "interview",
    epilog=examples(
        "skillpath interview --role 'LLM Engineer' --level senior > interview-kit.md",
        "skillpath interview -r llm -l senior rag agents --format table",
        "skillpath interview -r ds -l junior --json | jq -r '.skills[].questions[].text'",
    ),
)
def interview_command(
    ctx: typer.Context,
    role: OneRole,
    level: OneLevel,
    skills: SkillsArgument = None,
    fmt: DocumentFormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """An interview kit for a role at a level: questions and the evidence to listen for.

    Per skill (required first): the level's interview questions from the data, or, where a
    cell has none, its description's sentences as prompts; then the evidence a good answer
    points to. Markdown unless --format says otherwise.
    """
    options = asked(ctx)
    result = hiring.interview_kit(catalog(options), role, level, skills or ())
    answer(result, options, default=Format.MARKDOWN)


@app.command(
    "site",
    epilog=examples(
        "skillpath site public",
        "skillpath site public --data-dir career --base-url /career-framework/",
    ),
)
def site_command(
    ctx: typer.Context,
    out: Annotated[
        Path,
        typer.Argument(
            help="The folder to write the site into: new, empty, or a site built before.",
            show_default=False,
            metavar="OUT",
        ),
    ],
    base: Annotated[
        str,
        typer.Option(
            "--base-url",
            help="Where the site will be served, such as /career/ or https://example.org/"
            "career/: for canonical links and a 404 page. Pages link to each other "
            "relatively, so the site works from disk and under any path without it.",
            show_default=False,
            metavar="URL",
        ),
    ] = "",
    as_json: WrittenJsonOption = False,
    data_dirs: DataDirOption = None,
) -> None:
    """Build a static web site of the framework: the matrix, a page per skill and per
    role and level, and search. No personal progress; nothing loaded from other hosts.

    The same data builds the same bytes, so the site can be committed and diffed. Open
    OUT/index.html, or serve OUT from any static host (GitHub Pages: see docs/site.md).
    """
    from skillpath.site.build import MANIFEST, build_site  # Jinja2 only when a site is built

    built = build_site(catalog(asked(ctx)), out, base)
    if built.left_alone:
        warn(left_alone_words(out / MANIFEST, built.left_alone))
    tell_written(
        Written("site", out, tuple(out / file for file in built.files), pages=built.pages),
        f"Wrote {plural(built.pages, 'page')} ({plural(len(built.files), 'file')}) to {out}.",
        asked(ctx),
    )


def left_alone_words(manifest: Path, lines: tuple[str, ...]) -> str:
    return (
        f"{manifest}: left alone {plural(len(lines), 'line')} that named no page "
        f"skillpath wrote there to remove: {some_of(lines)}"
    )
