"""A team in git: share, team, review and calibrate, over a team folder's plain files."""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from skillpath.cli.asked import asked
from skillpath.cli.options import (
    ColorOption,
    DataDirOption,
    DocumentFormatOption,
    FormatOption,
    JsonOption,
    TeamFormatOption,
    Text,
    catalog,
    examples,
)
from skillpath.cli.output import answer, answer_over_skills, say, warn
from skillpath.errors import UsageError
from skillpath.plan import store
from skillpath.plan.changes import words
from skillpath.plan.model import Mark
from skillpath.render.base import Color, Format, plural

if TYPE_CHECKING:
    from skillpath.cli.asked import Asked
    from skillpath.framework.model import Skill
    from skillpath.loading import Catalog
    from skillpath.team.model import SharedPlan
    from skillpath.team.summary import TeamView

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
    ctx: typer.Context,
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
        catalog(asked(ctx)), store.load_profile(), progress, who, shown, now(), team
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
    ctx: typer.Context,
    team: TeamArgument,
    fmt: TeamFormatOption = None,
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

    options = asked(ctx)
    data = catalog(options)

    def work_out() -> TeamView:
        view = team_view(data.framework, data.skills(), *files.read_people(team), team)
        for problem in view.problems:
            warn(f"{problem}; this person is left out")
        return view

    if options.fmt is Format.SVG:
        _heat_map(work_out, options)
        return
    # In JSON, the answer given last time while no person file changed (a stat a file).
    question = ["team", os.path.abspath(team)]
    shared = files.person_files(team)
    answer_over_skills(question, data, work_out, options, shared, keep_bundled=True)


def _heat_map(work_out: Callable[[], TeamView], options: Asked) -> None:
    options.format()  # refuses --json with --format svg
    from skillpath.render import svg
    from skillpath.render.encode import write_text

    write_text(sys.stdout, svg.heat_map(work_out()))


class VerdictChoice(str, enum.Enum):
    AGREE = "agree"
    NOT_YET = "not-yet"
    NEEDS_EVIDENCE = "needs-evidence"


PersonArgument = Annotated[
    str,
    typer.Argument(help="The person's id: the name of their people/ID.yaml.", metavar="PERSON"),
]


ReviewedItem = Annotated[
    Text,
    typer.Argument(
        help="The item to give a verdict on: its id, or SKILL:N for item N of that skill's "
        "checklist for the person's own next level; without it, the person's review packet.",
        show_default=False,
        metavar="[ITEM]",
    ),
]
VerdictOption = Annotated[
    Optional[VerdictChoice],  # noqa: UP045 - read at run time
    typer.Option("--verdict", help="Your view of the item.", case_sensitive=False),
]
ByOption = Annotated[
    Text,
    typer.Option("--by", help="Your id as reviewer. [default: your login, as an id]", metavar="ID"),
]


@app.command(
    "review",
    epilog=examples(
        "skillpath review ~/src/team-career ada b5677e35 --verdict agree --note 'Saw the design'",
        "skillpath review ~/src/team-career ada 2bf8e222 --verdict needs-evidence --by grace",
        "skillpath review ~/src/team-career ada > ada-packet.md",
    ),
)
def review_command(
    ctx: typer.Context,
    team: TeamArgument,
    person: PersonArgument,
    item: ReviewedItem = None,
    verdict: VerdictOption = None,
    note: Annotated[Text, typer.Option("--note", "-n", help="Why.", show_default=False)] = None,
    by: ByOption = None,
    fmt: DocumentFormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """Record a verdict on a person's item (appended to TEAM_DIR/reviews/PERSON.yaml, never
    replacing anyone's), or, without ITEM, show the person's review packet: their plan with
    each item's own state, evidence and every verdict (Markdown unless --format says)."""
    from skillpath.team import files
    from skillpath.team.reviews import review_packet

    plan = files.read_person(team, _person(person))
    options = asked(ctx)
    data = catalog(options)
    if item is None:
        if verdict is not None or note is not None or by is not None:
            raise UsageError("--verdict, --note and --by record a verdict on an ITEM; give it")
        packet = review_packet(
            data.framework, data.skills(), plan, files.read_reviews(team, person)
        )
        answer(packet, options, default=Format.MARKDOWN)
        return
    if verdict is None:
        raise UsageError("give --verdict agree, not-yet or needs-evidence for ITEM")
    if (
        options.as_json or options.fmt is not None
    ):  # not quietly ignored: the line is all a verdict says
        raise UsageError(
            "--json and --format are for the packet (no ITEM); recording a verdict says one "
            "line, and the verdict is in TEAM_DIR/reviews/PERSON.yaml"
        )
    _record(team, plan, data.skills(), _numbered(data, plan, item), verdict.value, note, by)


def _person(person: str) -> str:
    from skillpath.team.model import is_slug

    if not is_slug(person):
        raise UsageError(f"{person!r} is not a person's id: lowercase letters, digits, dashes")
    return person


def _numbered(data: Catalog, plan: SharedPlan, item: str) -> str:
    """``item``, with SKILL:N read as item N of that skill's checklist for the person's own
    role and level (their shared profile), as `skillpath next` numbers it for them."""
    if ":" not in item and "#" not in item:
        return item
    from skillpath.plan import asking
    from skillpath.plan.changes import find_item

    person = lambda: asking.who(data.framework, None, None, lambda: plan.profile)  # noqa: E731
    found = find_item(data, plan.progress, item, person)
    return found.item if isinstance(found, Mark) else found.item.id


def _record(
    team: Path,
    plan: SharedPlan,
    skills: Sequence[Skill],
    item: str,
    verdict: str,
    note: str | None,
    by: str | None,
) -> None:
    from skillpath.team import files, sharing
    from skillpath.team.model import Verdict
    from skillpath.team.reviews import reviewed_item

    reviewer = sharing.person_id(by, login() if by is None else "", "--by")
    if reviewer == plan.id:
        raise UsageError(f"{reviewer} cannot review their own plan; give --by ID if you are not")
    text = reviewed_item(plan, skills, item)
    kept = words("--note", note) if note is not None else ""
    written = files.append_verdict(team, plan.id, Verdict(reviewer, item, verdict, now(), kept))
    say(
        f"Recorded {reviewer}'s verdict on {plan.id}'s {item} ({text}): {verdict}. "
        f"Appended to {written}; commit and push it."
    )


@app.command(
    "calibrate",
    epilog=examples(
        "skillpath calibrate ~/src/team-career",
        "skillpath calibrate ~/src/team-career --json | jq '.reviewers[] | {id, share}'",
    ),
)
def calibrate_command(
    ctx: typer.Context,
    team: TeamArgument,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    color: ColorOption = Color.AUTO,
    data_dirs: DataDirOption = None,
) -> None:
    """Where people's own states and their reviewers disagree (covered but `not-yet`,
    agreed but not marked), per person and per reviewer, and each reviewer's share of
    `agree` against the team's, so that a lenient or a strict reviewer shows."""
    from skillpath.team import files
    from skillpath.team.reviews import calibration

    plans, problems = files.read_people(team)
    reviews, unread = files.read_all_reviews(team, [plan.id for plan in plans])
    problems += unread
    for problem in problems:
        warn(f"{problem}; left out")
    result = calibration(catalog(asked(ctx)).skills(), plans, reviews, problems, team)
    answer(result, asked(ctx))
