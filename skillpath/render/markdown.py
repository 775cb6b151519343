"""Results as Markdown a person would paste into a wiki page.

Text from the data or from a person reaches the document only through ``mdtext``'s
:func:`inline`, :func:`code` or :func:`link` (the rule is written there), so that it reads
as written and never as markup; the headings, tables, ``- [ ]`` checklists, bold and the
chart's image are the renderer's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from skillpath.framework.ladder import LevelList, Matrix, NextStep, RoleList, SkillList, Step
from skillpath.framework.model import Question, Role
from skillpath.render import base, teammd
from skillpath.render.base import (
    Renderers,
    ended_words,
    hidden_by,
    kit_counts,
    levels_elsewhere,
    local_time,
    plural,
    problem_count,
    to_cover_words,
)
from skillpath.render.mdtext import (
    BOXES,
    STATE_WORDS,
    Markdown,
    code,
    flag,
    flagged,
    inline,
    item_lines,
    link,
    table,
)
from skillpath.text import printable

if TYPE_CHECKING:  # the answers' types, named only: registering needs no import
    from skillpath.authoring.validation import Report
    from skillpath.authoring.written import Written
    from skillpath.framework.hiring import Duty, InterviewKit, JobDescription
    from skillpath.framework.hiring import Question as KitQuestion
    from skillpath.framework.search import Hit, SearchResult
    from skillpath.plan.evidence import EvidenceList
    from skillpath.plan.history import HistoryLog
    from skillpath.plan.marking import Marked
    from skillpath.plan.profile import ProfileView
    from skillpath.plan.progress import ProgressReport
    from skillpath.plan.roadmap import Comparison, Roadmap


def render(result: object) -> str:
    # Control characters are escaped as everywhere else; the data's markup already is.
    return printable("\n".join(lines_of(result)) + "\n", multiline=True)


lines_of: Renderers[list[str]] = Renderers("Markdown")


@lines_of.register("framework.ladder.SkillList")
def _skills(result: SkillList) -> list[str]:
    roles = ", ".join(inline(role.name) for role in result.roles)
    return [
        f"# Skills for {roles}" if roles else "# Skills",
        "",
        *table(
            ("Skill", "Id", "Domain", "Roles", "Required", "Optional"),
            (
                (
                    e.skill.name,
                    code(e.skill.id),
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
            ((r.name, code(r.id), ", ".join(r.aliases), r.summary) for r in result.roles),
        ),
    ]


@lines_of.register("framework.ladder.LevelList")
def _levels(result: LevelList) -> list[str]:
    return [
        "# Levels",
        "",
        *table(
            (Markdown("#"), "Level", "Id", "Aliases", "Summary"),
            (
                (lv.number, lv.name, code(lv.id), ", ".join(lv.aliases), lv.summary)
                for lv in result.levels
            ),
        ),
    ]


@lines_of.register("authoring.validation.Report")
def _report(result: Report) -> list[str]:
    lines = ["# Validation", "", problem_count(result)]
    lines += ["", *(f"- {code(str(p))}" for p in result.problems)] if result.problems else []
    return lines


@lines_of.register("plan.roadmap.Roadmap")
def _roadmap(result: Roadmap) -> list[str]:
    lines = [
        f"# {inline(result.role.name)}: {inline(result.start.name)} to {inline(result.end.name)}"
    ]
    for step in result.steps:
        lines += [
            "",
            *("#" + line if line.startswith("#") else line for line in next_step(step)),
        ]
    return lines


@lines_of.register("framework.search.SearchResult")
def _search(result: SearchResult) -> list[str]:
    if not result.hits:
        return [f"# Search: {inline(result.query)}", "", inline(base.nothing_matches(result))]
    return [
        f"# Search: {inline(result.query)}",
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


def item_cell(hit: Hit) -> Markdown:
    """The hit's item id, and ``SKILL:N`` with the role and level it counts in."""
    if hit.place is None or hit.place.item is None:
        return Markdown("")
    numbered = hit.place.numbered(hit.skill)
    return Markdown(code(hit.place.item.id) + (f" ({code(numbered)})" if numbered else ""))


@lines_of.register("plan.profile.ProfileView")
def _profile(result: ProfileView) -> list[str]:
    lines = [
        "# Profile",
        "",
        f"- Role: {inline(result.role.name) if result.role else '(not set)'}",
        f"- Level: {inline(result.level.name) if result.level else '(not set)'}",
    ]
    lines += [f"- In {inline(skill)}: {inline(level.name)}" for skill, level in result.skills]
    lines += [f"- Data folder: {code(str(folder))}" for folder in result.data_dirs]
    return lines


@lines_of.register("framework.ladder.Matrix")
def matrix(result: Matrix) -> list[str]:
    skill, counts = result.skill, result.counts
    updated = f", updated {skill.updated.isoformat()}" if skill.updated else ""
    lines = [
        f"# {inline(skill.name)}",
        "",
        f"{inline(skill.domain)}{updated}. {plural(counts.roles, 'role')}, "
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
        lines += ["", f"## {inline(role.name)}", ""]
        lines += table(("Level", "Required", "Expectation"), rows)
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
        lines += ["", f"### {inline(role.name)}, {inline(level.name)}"]
        lines += list_under("Items", cell.given_items) + list_under("Examples", cell.examples)
        lines += list_under("Evidence", cell.evidence) + questions_under(cell.questions)
    return lines


def questions_under(questions: Sequence[Question | KitQuestion]) -> list[str]:
    if not questions:
        return []
    return ["", "Questions:", "", *(line for q in questions for line in question_lines("-", q))]


def question_lines(bullet: str, question: Question | KitQuestion) -> list[str]:
    """A question as a list entry: its kind first where the data gives one, and what a
    strong answer mentions as an entry under it."""
    kind = f"*{question.kind.capitalize()}:* " if question.kind else ""
    lines = [f"{bullet} {kind}{inline(question.text)}"]
    if question.strong_answer:
        under = " " * (len(bullet) + 1)
        lines.append(f"{under}- A strong answer mentions {inline(question.strong_answer)}")
    return lines


def list_under(heading: str, entries: tuple[str, ...]) -> list[str]:
    return ["", f"{heading}:", "", *(f"- {inline(entry)}" for entry in entries)] if entries else []


@lines_of.register("framework.ladder.NextStep")
def next_step(result: NextStep) -> list[str]:
    role, current, target = inline(result.role.name), inline(result.current.name), result.target
    if target is None:
        ladder = f"the {role} ladder" if result.role.levels else "the ladder"
        lines = [f"# {role}: {current}", "", f"{current} is the top of {ladder}."]
        for step in result.steps:
            lines += [
                "",
                f"## {inline(step.skill.name)}",
                "",
                inline(step.current.wording) if step.current else "",
            ]
        return lines
    counted = to_cover_words(result)
    if result.covering and result.ended:
        counted += f" {ended_words(result)}."
    elsewhere = levels_elsewhere(result, "to")  # " (Deep Learning: Senior to Lead)"
    lines = [
        f"# {role}: {current} to {inline(target.name)}"
        + (f" {inline(elsewhere[1:])}" if elsewhere else ""),
        "",
        inline(counted),
    ]
    if result.hidden and not result.steps:
        hidden = f"{plural(result.hidden, 'skill')} {hidden_by(result)}"
        lines += ["", f"Nothing left to show: {hidden}."]
    for step in result.steps:
        lines += step_lines(step)
    return lines


def step_lines(step: Step) -> list[str]:
    """One skill of a next step, at the skill's own level (a per-skill level, or the
    answer's): what it does now, and the checklist of the level above."""
    at = inline(step.at.name)
    label = flag(step.next) or ("no level above" if step.ended else "not described")
    lines = ["", f"## {inline(step.skill.name)} ({label})", ""]
    if step.current:
        lines += [f"Now, at {at}: {inline(step.current.wording)}", ""]
    if step.to is None:
        return [*lines, f"{at} is the top of the ladder: there is no level above it to reach."]
    lines += [f"To cover for {inline(step.to.name)}:", ""]
    lines += [
        f"- [{BOXES[e.state]}] {inline(e.item.text)} "
        f"({inline(e.skill.id)}:{e.number}, {code(e.item.id)}"
        + (f", {STATE_WORDS[e.state]})" if e.state in ("started", "skipped") else ")")
        for e in step.checklist
    ]
    if step.next is None:
        lines.append(
            f"- (the skill ends at {at})" if step.ended else "- (not described in the data)"
        )
    elif step.next.evidence:
        lines += list_under("What counts as evidence", step.next.evidence)
    return lines


@lines_of.register("plan.roadmap.Comparison")
def comparison(result: Comparison) -> list[str]:
    a = Markdown(f"{inline(result.a_role.name)} ({inline(result.a_level.name)})")
    b = Markdown(f"{inline(result.b_role.name)} ({inline(result.b_level.name)})")
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
            lines += ["", f"## Only {side}", "", *(f"- {inline(skill.name)}" for skill in skills)]
    return lines


PACKET_CHART = "progress.svg"  # the radar chart the promotion packet shows, by this name


@lines_of.register("plan.progress.ProgressReport")
def promotion_packet(result: ProgressReport) -> list[str]:
    """What a person brings to a promotion conversation: each expectation, the evidence."""
    role, current = inline(result.role.name), inline(result.current.name)
    if result.target is None:
        return [f"# {role}: {current}", "", "The top of the ladder."]
    totals, target = result.totals, inline(result.target.name)
    lines = [
        f"# Promotion packet: {role}, {current} to {target}",
        "",
        f"Covered {totals.covered} of {totals.applicable} items; required: "
        f"{totals.required_covered} of {totals.required_total}."
        + (f" {totals.skipped} not applicable to the team." if totals.skipped else ""),
        "",
        f"![Coverage of {target} by skill: a radar chart]({PACKET_CHART})",
        "",
        f"The chart: `skillpath progress --format svg > {PACKET_CHART}`, saved beside this file.",
    ]
    for row in result.skills:
        flag_text = "required" if row.cell and row.cell.required else "optional"
        lines += ["", f"## {inline(row.skill.name)} ({flag_text}, {row.covered}/{row.applicable})"]
        lines += ["", f"> {inline(row.cell.wording)}", ""] if row.cell else [""]
        for status in row.items:
            lines += item_lines(status.item.text, status.mark)
    if result.stale:
        lines += ["", "## Reworded or removed items (kept, not counted)", ""]
        for entry in result.stale:
            lines += item_lines(f"{entry.mark.skill}: {entry.mark.text}", entry.mark)
    if result.kept:
        lines += ["", "## Items of another level or role (kept, not counted)", ""]
        for kept in result.kept:
            cell = " at ".join(kept.names)
            lines += item_lines(f"{kept.mark.skill}, {cell}: {kept.mark.text}", kept.mark)
    return lines


@lines_of.register("framework.hiring.JobDescription")
def job(result: JobDescription) -> list[str]:
    """A job description to paste into a posting: who, then required, then optional."""
    role, level = inline(result.role.name), inline(result.level.name)
    lines = [f"# {level} {role}"]
    lines += ["", inline(result.role.summary)] if result.role.summary else []
    lines += ["", f"**{level}:** {inline(result.level.summary)}"] if result.level.summary else []
    for heading, duties in (
        ("What the role requires", result.required),
        ("Also valued", result.optional),
    ):
        if duties:
            lines += ["", f"## {heading}", *duty_lines(duties)]
    if not result.required and not result.optional:
        lines += ["", f"No skill in the data describes {level} for {role}."]
    if result.next_level:
        lines += ["", f"The next level is {inline(result.next_level.name)}."]
    return lines


def duty_lines(duties: tuple[Duty, ...]) -> list[str]:
    return [
        line
        for duty in duties
        for line in ("", f"### {inline(duty.skill.name)}", "", inline(duty.cell.wording))
    ]


@lines_of.register("framework.hiring.InterviewKit")
def interview(result: InterviewKit) -> list[str]:
    """Per skill, numbered questions and the evidence a good answer points to."""
    level = inline(result.level.name)
    lines = [
        f"# Interview kit: {inline(result.role.name)}, {level}",
        "",
        kit_counts(result),
    ]
    for section in result.sections:
        lines += ["", f"## {inline(section.skill.name)} ({flag(section.cell)})", ""]
        lines += [f"Expected at {level}: {inline(section.cell.wording)}", ""]
        lines += [
            line
            for number, question in enumerate(section.questions, start=1)
            for line in question_lines(f"{number}.", question)
        ]
        lines += list_under("Listen for evidence such as", section.evidence)
    return lines


@lines_of.register("plan.evidence.EvidenceList")
def evidence(result: EvidenceList) -> list[str]:
    skill, role, level = (inline(name) for name in result.names)
    lines = [f"# Evidence for {code(result.item)}", "", f"{inline(result.text)}", ""]
    lines += [
        f"{skill}, {role} at {level}" + ("" if result.in_data else " (no longer in the data)")
    ]
    rows = (
        (n, e.day.isoformat(), e.note, link(e.link) if e.link else "") for n, e in result.pieces
    )
    lines += (
        ["", *table(("N", "Date", "Note", "Link"), rows)] if result.pieces else ["", "None yet."]
    )
    return lines


@lines_of.register("authoring.written.Written")
def written(result: Written) -> list[str]:
    return [f"- {result.action} wrote {code(str(path))}" for path in result.files]


@lines_of.register("plan.marking.Marked")
def marked(result: Marked) -> list[str]:
    state = STATE_WORDS.get(result.after.state, "") if result.after else "not marked"
    changed = "" if result.changed else " (nothing changed)"
    return [f"- {result.action} {code(result.item)}: {inline(result.text)} ({state}){changed}"]


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
            code(change.item),
            Markdown(
                " ".join(
                    part
                    for part in (
                        inline(change.note or change.reason),
                        f"({change.day.isoformat()})" if change.day else "",
                        link(change.link),
                        f"moved from {code(change.moved_from)}" if change.moved_from else "",
                        f"(piece {change.piece})" if change.piece else "",
                    )
                    if part
                )
            ),
        )
        for change in result.changes
    )
    return [*lines, *table(("When", "Action", "Skill", "Item", "Evidence"), rows)]


for _name, _renderer in teammd.RENDERERS.items():
    lines_of.register(_name)(_renderer)
