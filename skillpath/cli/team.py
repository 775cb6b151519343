"""A team in git: share, team, review and calibrate, over a team folder's plain files."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Optional

import typer

from skillpath.cli.options import (
    ColorOption,
    DataDirOption,
    JsonOption,
    Text,
    catalog,
    examples,
)
from skillpath.cli.output import answer, say, warn
from skillpath.errors import UsageError
from skillpath.plan import store
from skillpath.plan.changes import words
from skillpath.render.base import Color, Format, ProgressFormat, plural

app = typer.Typer(rich_markup_mode=None)
groups: list[typer.Typer] = []

TeamArgument = Annotated[
    Path,
    typer.Argument(
        help="The team's folder (a git checkout): people/ holds the shared plans, reviews/ "
        "the verdicts.",
        show_default=False,
        metavar="TEAM_DIR",
    ),
]


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def login() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this user id (a container)
        return ""


@app.command(
    "share",
    epilog=examples(
        "skillpath share ~/src/team-career",
        "skillpath share ~/src/team-career --as ada-lovelace --name 'Ada Lovelace'",
    ),
)
def share_command(
    team: TeamArgument,
    person: Annotated[
        Text,
        typer.Option(
            "--as",
            help="Your id in the team, the file's name. [default: your login, as an id]",
            show_default=False,
            metavar="ID",
        ),
    ] = None,
    name: Annotated[
        Text,
        typer.Option(
            "--name", help="Your name as the team sees it. [default: the id]", show_default=False
        ),
    ] = None,
    data_dirs: DataDirOption = None,
) -> None:
    """Share your plan with your team: write TEAM_DIR/people/ID.yaml (your profile, every
    mark with its evidence, skip reasons), replacing your own earlier file and nothing else.
    Then commit and push it."""
    from skillpath.team import files, sharing

    who = sharing.person_id(person, login() if person is None else "")
    shown = words("--name", name) if name is not None else None
    progress = store.load_progress()
    plan = sharing.shared_plan(
        catalog(data_dirs), store.load_profile(), progress, who, shown, now(), team
    )
    written = files.write_plan(team, plan)
    marks = list(progress.marks.values())
    pieces = sum(len(mark.evidence) for mark in marks)
    say(
        f"Shared your plan as {written}: {plural(len(marks), 'marked item')}, "
        f"{plural(pieces, 'piece')} of evidence (id {who}). Commit and push it: "
        f"git -C {team} add people/{who}.yaml && git -C {team} commit -m 'Plan of {who}'"
    )


@app.command(
    "team",
    epilog=examples(
        "skillpath team ~/src/team-career",
        "skillpath team . -d . --json | jq -r '.people[] | [.id, .covered] | @tsv'",
        "skillpath team . --format svg > team.svg",
    ),
)
def team_command(
    team: TeamArgument,
    fmt: Annotated[
        Optional[ProgressFormat],  # noqa: UP045 - read at run time
        typer.Option(
            "--format",
            "-f",
            help="Output format; svg is a heat map of people by skills. [default: table]",
            show_default=False,
            case_sensitive=False,
        ),
    ] = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """The team at a glance: a row per person (their next level, what of it is covered,
    required items, skills with nothing covered, stale marks, last change) and, per skill,
    how many people cover its next-level cell. Never writes.

    A person file that cannot be read is named on stderr with its problem, and the others
    are still shown (exit 0; in JSON, team.problems lists them).
    """
    from skillpath.team import files
    from skillpath.team.summary import team_view

    data = catalog(data_dirs)
    plans, problems = files.read_people(team)
    view = team_view(data.framework, data.skills(), plans, problems, team)
    for problem in view.problems:
        warn(f"{problem}; this person is left out")
    if fmt is ProgressFormat.SVG:
        if as_json:
            raise UsageError("--json and --format svg ask for different formats; give one of them")
        from skillpath.render import svg
        from skillpath.render.encode import write_text

        write_text(sys.stdout, svg.heat_map(view))
        return
    answer(view, Format(fmt.value) if fmt else None, as_json, color)
