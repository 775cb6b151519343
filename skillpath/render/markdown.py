"""Results as Markdown a person would paste into a wiki page."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from skillpath.framework.ladder import LevelList, Matrix, NextStep, RoleList, SkillList
from skillpath.framework.model import Expectation, Role
from skillpath.render.base import Renderers, local_time, plural, problem_count
from skillpath.text import printable

if TYPE_CHECKING:  # the answers' types, named only: registering needs no import
    from skillpath.authoring.validation import Report
    from skillpath.framework.hiring import Duty, InterviewKit, JobDescription
    from skillpath.framework.search import Hit, SearchResult
    from skillpath.plan.history import HistoryLog
    from skillpath.plan.model import Mark
    from skillpath.plan.profile import ProfileView
    from skillpath.plan.progress import ProgressReport
    from skillpath.plan.roadmap import Comparison, Roadmap


def cell_text(text: str) -> str:
    """Text that stays inside one cell of a Markdown table."""
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def table(headings: Iterable[str], rows: Iterable[Iterable[object]]) -> list[str]:
    head = list(headings)
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(cell_text(str(value)) for value in row) + " |" for row in rows]
    return lines


def flag(cell: Expectation | None) -> str:
    if cell is None:
        return ""
    return "required" if cell.required else "optional"


def flagged(cell: Expectation | None) -> str:
    """A cell of a side-by-side table: whether it is required, then its words."""
    return f"*{flag(cell)}:* {cell.wording}" if cell else ""


def render(result: object) -> str:
    return safe_html("\n".join(lines_of(result)) + "\n")


# An ampersand that would start a character reference (&lt; &#60;); others stay as written.
_REFERENCE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def safe_html(document: str) -> str:
    """The document with no HTML from the data: a wiki renders ``<`` as a tag and ``&lt;`` as
    a character, so both are escaped (the Markdown written here uses neither); control
    characters are escaped as everywhere else."""
    escaped = _REFERENCE.sub("&amp;", document).replace("<", "&lt;")
    return printable(escaped, multiline=True)


lines_of: Renderers[list[str]] = Renderers("Markdown")


@lines_of.register("framework.ladder.SkillList")
def _skills(result: SkillList) -> list[str]:
    return [
        "# Skills",
        "",
        *table(
            ("Skill", "Id", "Domain", "Roles", "Required", "Optional"),
            (
                (
                    e.skill.name,
                    f"`{e.skill.id}`",
                    e.skill.domain,
                    ", ".join(r.name for r in e.roles),
                    e.counts.required,
                    e.counts.optional,
                )
                for e in result.skills
            ),
        ),
    ]


@lines_of.register("framework.ladder.RoleList")
def _roles(result: RoleList) -> list[str]:
    return [
        "# Roles",
        "",
        *table(
            ("Role", "Id", "Aliases", "Summary"),
            ((r.name, f"`{r.id}`", ", ".join(r.aliases), r.summary) for r in result.roles),
        ),
    ]


@lines_of.register("framework.ladder.LevelList")
def _levels(result: LevelList) -> list[str]:
    return [
        "# Levels",
        "",
        *table(
            ("#", "Level", "Id", "Aliases", "Summary"),
            (
                (lv.number, lv.name, f"`{lv.id}`", ", ".join(lv.aliases), lv.summary)
                for lv in result.levels
            ),
        ),
    ]


@lines_of.register("authoring.validation.Report")
def _report(result: Report) -> list[str]:
    lines = [
        "# Validation",
        "",
        problem_count(result),
    ]
    lines += ["", *(f"- `{problem}`" for problem in result.problems)] if result.problems else []
    return lines


@lines_of.register("plan.roadmap.Roadmap")
def _roadmap(result: Roadmap) -> list[str]:
    lines = [f"# {result.role.name}: {result.start.name} to {result.end.name}"]
    for step in result.steps:
        lines += [
            "",
            *("#" + line if line.startswith("#") else line for line in next_step(step)),
        ]
    return lines


@lines_of.register("framework.search.SearchResult")
def _search(result: SearchResult) -> list[str]:
    return [
        f"# Search: {result.query}",
        "",
        *table(
            ("Skill", "Role", "Level", "Text", "Item"),
            (
                (
                    h.skill.name,
                    h.place.role.name if h.place else "",
                    h.place.level.name if h.place else "",
                    h.text,
                    item_cell(h),
                )
                for h in result.hits
            ),
        ),
    ]


def item_cell(hit: Hit) -> str:
    """The hit's item id, and ``SKILL:N`` with the role and level it counts in."""
    if hit.place is None or hit.place.item is None:
        return ""
    numbered = hit.place.numbered(hit.skill)
    return f"`{hit.place.item.id}`" + (f" (`{numbered}`)" if numbered else "")


@lines_of.register("plan.profile.ProfileView")
def _profile(result: ProfileView) -> list[str]:
    lines = [
        "# Profile",
        "",
        f"- Role: {result.role.name if result.role else '(not set)'}",
        f"- Level: {result.level.name if result.level else '(not set)'}",
    ]
    lines += [f"- In {skill}: {level.name}" for skill, level in result.skills]
    lines += [f"- Data folder: `{folder}`" for folder in result.data_dirs]
    return lines


@lines_of.register("framework.ladder.Matrix")
def matrix(result: Matrix) -> list[str]:
    skill, counts = result.skill, result.counts
    updated = f", updated {skill.updated.isoformat()}" if skill.updated else ""
    lines = [
        f"# {skill.name}",
        "",
        f"{skill.domain}{updated}. {plural(counts.roles, 'role')}, "
        f"{plural(counts.levels, 'level')}, "
        f"{counts.required} required and {counts.optional} optional cells.",
    ]
    for role in result.roles:
        rows = []
        for level in result.levels:
            cell = result.cell(role, level)
            if cell is None and not result.in_run(role, level):
                continue  # outside the role's run of levels in this skill
            rows.append(
                (
                    level.name,
                    flag(cell),
                    cell.wording if cell else "(not described in the data)",
                )
            )
        lines += ["", f"## {role.name}", "", *table(("Level", "Required", "Expectation"), rows)]
        lines += evidence_and_questions(result, role)
    return lines


def evidence_and_questions(result: Matrix, role: Role) -> list[str]:
    """Under a role's table: per level, the evidence a reviewer accepts and the questions."""
    lines: list[str] = []
    for level in result.levels:
        cell = result.cell(role, level)
        lists = (cell.given_items, cell.examples, cell.evidence, cell.questions) if cell else ()
        if cell is None or not any(lists):
            continue
        lines += ["", f"### {role.name}, {level.name}"]
        lines += list_under("Items", cell.given_items) + list_under("Examples", cell.examples)
        lines += list_under("Evidence", cell.evidence) + list_under("Questions", cell.questions)
    return lines


def list_under(heading: str, entries: tuple[str, ...]) -> list[str]:
    return ["", f"{heading}:", "", *(f"- {inline(entry)}" for entry in entries)] if entries else []


def inline(text: str) -> str:
    """Text from the data on one Markdown line."""
    return " ".join(text.split())


@lines_of.register("framework.ladder.NextStep")
def next_step(result: NextStep) -> list[str]:
    role, current, target = result.role, result.current, result.target
    if target is None:
        ladder = f"the {role.name} ladder" if role.levels else "the ladder"
        lines = [f"# {role.name}: {current.name}", "", f"{current.name} is the top of {ladder}."]
        for step in result.steps:
            lines += [
                "",
                f"## {step.skill.name}",
                "",
                step.current.wording if step.current else "",
            ]
        return lines
    summary = result.summary
    lines = [
        f"# {role.name}: {current.name} to {target.name}",
        "",
        f"{plural(summary.items, 'item')} to cover in {plural(summary.skills, 'skill')} "
        f"({summary.required} required, {summary.optional} optional).",
    ]
    if result.hidden and not result.steps:
        lines += ["", f"Nothing left to show: {plural(result.hidden, 'skill')} hidden."]
    for step in result.steps:
        lines += ["", f"## {step.skill.name} ({flag(step.next) or 'not described'})", ""]
        if step.current:
            lines += [f"Now, at {current.name}: {step.current.wording}", ""]
        lines += [f"To cover for {target.name}:", ""]
        lines += [
            f"- [{BOXES[e.state]}] {e.item.text} ({e.skill.id}:{e.number}, `{e.item.id}`"
            + (f", {STATE_WORDS[e.state]})" if e.state in ("started", "skipped") else ")")
            for e in step.checklist
        ]
        if step.next is None:
            ended = f"- (the skill ends at {step.at.name})"
            lines.append(ended if step.ended else "- (not described in the data)")
        elif step.next.evidence:
            lines += list_under("What counts as evidence", step.next.evidence)
    return lines


# A task-list box for each state; GitHub renders [x] and [ ] as checkboxes.
BOXES = {None: " ", "started": " ", "done": "x", "skipped": " "}
STATE_WORDS = {"started": "in progress", "done": "covered", "skipped": "not applicable"}


@lines_of.register("plan.roadmap.Comparison")
def comparison(result: Comparison) -> list[str]:
    a = f"{result.a_role.name} ({result.a_level.name})"
    b = f"{result.b_role.name} ({result.b_level.name})"
    lines = [f"# {a} and {b}"]
    if result.shared:
        rows = (
            (
                p.skill.name,
                flagged(p.first),
                flagged(p.second),
            )
            for p in result.shared
        )
        lines += ["", "## In common", "", *table(("Skill", a, b), rows)]
    for side, skills in ((a, result.only_a), (b, result.only_b)):
        if skills:
            lines += ["", f"## Only {side}", "", *(f"- {skill.name}" for skill in skills)]
    return lines


PACKET_CHART = "progress.svg"  # the radar chart the promotion packet shows, by this name


@lines_of.register("plan.progress.ProgressReport")
def promotion_packet(result: ProgressReport) -> list[str]:
    """What a person brings to a promotion conversation: each expectation, the evidence."""
    if result.target is None:
        return [f"# {result.role.name}: {result.current.name}", "", "The top of the ladder."]
    totals = result.totals
    lines = [
        f"# Promotion packet: {result.role.name}, {result.current.name} to {result.target.name}",
        "",
        f"Covered {totals.covered} of {totals.applicable} items; required: "
        f"{totals.required_covered} of {totals.required_total}."
        + (f" {totals.skipped} not applicable to the team." if totals.skipped else ""),
        "",
        f"![Coverage of {result.target.name} by skill: a radar chart]({PACKET_CHART})",
        "",
        f"The chart: `skillpath progress --format svg > {PACKET_CHART}`, saved beside this file.",
    ]
    for row in result.skills:
        flag_text = "required" if row.cell and row.cell.required else "optional"
        lines += ["", f"## {row.skill.name} ({flag_text}, {row.covered}/{row.applicable})", ""]
        if row.cell:
            lines += [f"> {inline(row.cell.wording)}", ""]
        for status in row.items:
            lines += item_lines(status.item.text, status.mark)
    if result.stale:
        lines += ["", "## Reworded or removed items (kept, not counted)", ""]
        for entry in result.stale:
            lines += item_lines(f"{entry.mark.skill}: {entry.mark.text}", entry.mark)
    return lines


@lines_of.register("framework.hiring.JobDescription")
def job(result: JobDescription) -> list[str]:
    """A job description to paste into a posting: who, then required, then optional."""
    role, level = result.role, result.level
    lines = [f"# {level.name} {role.name}"]
    lines += ["", inline(role.summary)] if role.summary else []
    lines += ["", f"**{level.name}:** {inline(level.summary)}"] if level.summary else []
    for heading, duties in (
        ("What the role requires", result.required),
        ("Also valued", result.optional),
    ):
        if duties:
            lines += ["", f"## {heading}", *duty_lines(duties)]
    if not result.required and not result.optional:
        lines += ["", f"No skill in the data describes {level.name} for {role.name}."]
    if result.next_level:
        lines += ["", f"The next level is {result.next_level.name}."]
    return lines


def duty_lines(duties: tuple[Duty, ...]) -> list[str]:
    return [
        line
        for duty in duties
        for line in ("", f"### {duty.skill.name}", "", inline(duty.cell.wording))
    ]


@lines_of.register("framework.hiring.InterviewKit")
def interview(result: InterviewKit) -> list[str]:
    """Per skill, numbered questions and the evidence a good answer points to."""
    lines = [
        f"# Interview kit: {result.role.name}, {result.level.name}",
        "",
        f"{plural(len(result.sections), 'skill')}, {plural(result.questions, 'question')}"
        f" ({result.prompts} written from descriptions where the data has no questions).",
    ]
    for section in result.sections:
        lines += ["", f"## {section.skill.name} ({flag(section.cell)})", ""]
        lines += [f"Expected at {result.level.name}: {inline(section.cell.wording)}", ""]
        lines += [
            f"{number}. {inline(question.text)}"
            for number, question in enumerate(section.questions, start=1)
        ]
        lines += list_under("Listen for evidence such as", section.evidence)
    return lines


def item_lines(text: str, mark: Mark | None) -> list[str]:
    """One task-list line for an item, and its evidence beneath it."""
    if mark is None:
        return [f"- [ ] {inline(text)}"]
    reason = f": {inline(mark.reason)}" if mark.reason else ""
    state = f"{STATE_WORDS[mark.state]} {mark.since.isoformat()}{reason}"
    lines = [f"- [{BOXES[mark.state]}] {inline(text)} ({state})"]
    for piece in mark.evidence:
        link = f" ({piece.link})" if piece.link else ""
        lines.append(f"  - {piece.day.isoformat()}: {inline(piece.note)}{link}")
    return lines


@lines_of.register("plan.history.HistoryLog")
def history(result: HistoryLog) -> list[str]:
    lines = ["# History", ""]
    if not result.changes:
        return [*lines, "No changes match." if result.filtered else "No changes recorded yet."]
    rows = (
        (
            local_time(change.time),
            change.action,
            result.name("skill", change.skill),
            f"`{change.item}`",
            " ".join(
                part
                for part in (
                    change.note or change.reason,
                    f"({change.day.isoformat()})" if change.day else "",
                    change.link,
                    f"moved from `{change.moved_from}`" if change.moved_from else "",
                )
                if part
            ),
        )
        for change in result.changes
    )
    return [*lines, *table(("When", "Action", "Skill", "Item", "Evidence"), rows)]
