"""Tables of the framework's answers: list, roles, levels, validate, show, next,
search, job and interview.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from skillpath.framework.ladder import (
    Checked,
    LevelList,
    Matrix,
    NextStep,
    RoleList,
    SkillList,
    Step,
)
from skillpath.framework.model import Expectation, Role
from skillpath.render.base import (
    ended_words,
    hidden_by,
    kit_counts,
    levels_elsewhere,
    nothing_matches,
    plural,
    problem_count,
    targets_elsewhere,
    to_cover_words,
)
from skillpath.render.table.escape import EscapedTable, escape_text
from skillpath.render.table.parts import (
    LEVEL_COLUMN,
    MIN_ROLE_COLUMN,
    MUTED,
    REQUIRED_STYLE,
    Column,
    counts_line,
    describe,
    describe_in_detail,
    flag,
    names,
    new_table,
    not_yet,
    question_lines,
    renderables,
    stacked,
    stacked_row,
    state_box,
    whole_word_table,
)

if TYPE_CHECKING:  # the answers' types, named only: registering needs no import
    from skillpath.authoring.validation import Report
    from skillpath.framework.hiring import Duty, InterviewKit, JobDescription
    from skillpath.framework.search import SearchResult

# -- list, roles, levels -------------------------------------------------------------------


@renderables.register("framework.ladder.SkillList")
def skill_list(result: SkillList, width: int) -> list[RenderableType]:
    """One row per skill; roles one per line, so that names keep the width they need."""
    domains = sorted({entry.skill.domain for entry in result.skills})
    levels = sorted({entry.counts.levels for entry in result.skills})
    if not result.skills:
        return [Text("No skills yet: write one with `skillpath new` or `skillpath import`.")]
    heading = Text.assemble(
        (" · ".join(domains), "bold"),
        f" · {plural(len(result.skills), 'skill')}",
        f" for {', '.join(role.name for role in result.roles)}" if result.roles else "",
        f" · {plural(levels[0], 'level')} each" if len(levels) == 1 else "",
    )
    columns = [Column("Skill", 2)]
    if len(domains) > 1:
        columns.append(Column("Domain", 1))
    one_role = len(result.roles) == 1  # named in the heading: no column for it
    if not one_role:
        columns.append(Column("Roles", 1))
    columns += [Column("Req.", 0, "right"), Column("Opt.", 0, "right")]
    rows = []
    for entry in result.skills:
        skill, counts = entry.skill, entry.counts
        label = Text.assemble((skill.name, "bold"), "\n", (skill.id, MUTED))
        if entry.origin != "bundled":  # a team's own skill, or its override of a bundled one
            label.append(f"\nfrom {entry.origin}", "italic")
        cells = [label]
        if len(domains) > 1:
            cells.append(Text(skill.domain))
        if not one_role:
            cells.append(Text("\n".join(role.name for role in entry.roles)))
        cells += [
            Text(str(counts.required)),
            Text(str(counts.optional)),
        ]
        rows.append(cells)
    table = whole_word_table(width, columns, rows)
    if table is None:  # too narrow for whole words side by side: one block per skill
        return [heading, *(Group(Text(), *row[:-2], counts_line(row)) for row in rows)]
    return [heading, table]


@renderables.register("authoring.validation.Report")
def validation_report(result: Report, width: int) -> list[RenderableType]:
    """One line per problem, as compilers write them, so editors can jump to each."""
    lines: list[RenderableType] = [
        Text(str(problem), "red", no_wrap=True, overflow="ignore") for problem in result.problems
    ]
    style = "bold red" if result.problems else "bold green"
    lines.append(Text(problem_count(result), style))
    return lines


@renderables.register("framework.ladder.RoleList")
def role_list(result: RoleList, width: int) -> list[RenderableType]:
    rows = [[names(r.name, r.id, r.aliases), Text(r.summary)] for r in result.roles]
    columns = [Column("Role · id · aliases", 0), Column("Summary", 1)]
    return [whole_word_table(width, columns, rows) or Group(*map(stacked_row, rows))]


@renderables.register("framework.ladder.LevelList")
def level_list(result: LevelList, width: int) -> list[RenderableType]:
    rows = [
        [Text(str(lv.number)), names(lv.name, lv.id, lv.aliases), Text(lv.summary)]
        for lv in result.levels
    ]
    columns = [Column("#", 0, "right"), Column("Level · id · aliases", 0), Column("Summary", 1)]
    title = Text("Lowest first")
    table = whole_word_table(width, columns, rows, title)
    return [
        table
        or Group(
            title,
            *(stacked_row([Text.assemble(n, ". ", *rest[:1]), *rest[1:]]) for n, *rest in rows),
        )
    ]


# -- show ----------------------------------------------------------------------------------


def matrix_header(result: Matrix) -> Text:
    skill, counts = result.skill, result.counts
    updated = f" · updated {skill.updated.isoformat()}" if skill.updated else ""
    return Text.assemble(
        (skill.name, "bold"),
        (f"  {skill.id}", MUTED),
        f"\n{skill.domain}{updated}\n",
        f"{plural(counts.roles, 'role')} · {plural(counts.levels, 'level')} · ",
        (f"{counts.required} required", REQUIRED_STYLE if counts.required else ""),
        f" · {counts.optional} optional",
    )


@renderables.register("framework.ladder.Matrix")
def matrix(result: Matrix, width: int) -> list[RenderableType]:
    side_by_side = len(result.roles) > 1 and fits_side_by_side(len(result.roles), width)
    tables = (
        [roles_side_by_side(result)]
        if side_by_side
        else [one_role(result, role) for role in result.roles]
    )
    return [matrix_header(result), Text(), *tables]


def fits_side_by_side(roles: int, width: int) -> bool:
    borders = 3 * (roles + 1)
    return (width - LEVEL_COLUMN - borders) // roles >= MIN_ROLE_COLUMN


def roles_side_by_side(result: Matrix) -> Table:
    table = new_table()
    table.add_column("Level", min_width=LEVEL_COLUMN - 1, no_wrap=True)
    for role in result.roles:
        table.add_column(role.name, overflow="fold", ratio=1)
    for level in result.levels:
        row = [
            Group(flag(c.required), describe_in_detail(c))
            if (c := result.cell(role, level)) and result.detail
            else Text.assemble(flag(c.required), "\n", describe(c))
            if c
            else describe(c)
            if result.in_run(role, level)
            else Text("—", MUTED)  # the role's run of levels in this skill does not reach it
            for role in result.roles
        ]
        table.add_row(Text(level.name, "bold"), *row, end_section=True)
    return table


def one_role(result: Matrix, role: Role) -> Table:
    table = new_table(title=role.name)
    table.add_column("Level", min_width=LEVEL_COLUMN - 1, no_wrap=True)
    table.add_column("Expectation", overflow="fold", ratio=1)
    for level in result.levels:
        cell = result.cell(role, level)
        if cell is None and not result.in_run(role, level):
            continue  # before the role's first level in this skill, or after its last
        label = (
            Text.assemble((level.name, "bold"), "\n", flag(cell.required))
            if cell
            else Text(level.name, "bold")
        )
        shown = describe_in_detail(cell) if result.detail else describe(cell)
        table.add_row(label, shown, end_section=True)
    return table


# -- next ----------------------------------------------------------------------------------


@renderables.register("framework.ladder.NextStep")
def next_step(result: NextStep, width: int) -> list[RenderableType]:
    role, current, target = result.role, result.current, result.target
    if target is None:
        title = Text.assemble((f"{role.name} · {current.name}", "bold"))
        ladder = "the ladder" if not role.levels else f"the {role.name} ladder"
        note = Text(
            f"{current.name} is the top of {ladder}: there is no level above it to reach. "
            f"What {current.name} asks of {role.name}:"
        )
        return [title, note, *(top_step(step) for step in result.steps)]
    summary = result.summary
    heading = f"{role.name} · {current.name} → {target.name}{levels_elsewhere(result, '→')}"
    title = Text.assemble((heading, "bold"))
    reach = f"To reach {target.name}{targets_elsewhere(result)}: " if result.covering else ""
    line = Text(reach + to_cover_words(result))
    if summary.covered:
        line.append(f" {summary.covered} of them covered.")
    undescribed = summary.undescribed
    if undescribed:
        verb = "does" if undescribed == 1 else "do"
        line.append(
            f" {plural(undescribed, 'skill')} {verb} not describe {target.name} for {role.name}."
        )
    if result.covering and result.ended:
        line.append(f" {ended_words(result)}.")
    if not result.steps:
        line = Text(nothing_shown(result))
    if result.brief:
        return [title, line, *brief_lines(result.steps, width)]
    return [title, line, *(step_block(step) for step in result.steps)]


def nothing_shown(result: NextStep) -> str:
    if result.hidden:
        return f"Nothing left to show: {plural(result.hidden, 'skill')} {hidden_by(result)}."
    return f"No skill in the data has expectations for {result.role.name}."


def brief_lines(steps: Sequence[Step], width: int) -> list[Text]:
    """A line per skill, then one per item (N, state, id, text), each cut to the width."""
    lines = []
    for step in steps:
        if not step.checklist:
            continue
        label = Text.assemble((step.skill.name, "bold"), f" ({step.skill.id}) ")
        lines.append(cut(label + flag(step.checklist[0].required), width))
        room = len(str(step.checklist[-1].number))
        for entry in step.checklist:
            line = Text.assemble(
                f"{entry.number}.".rjust(room + 3), " ", state_box(entry.state), " "
            )
            line.append(entry.item.id, MUTED)
            lines.append(cut(line + Text(f" {entry.item.text}"), width))
    return lines


def cut(line: Text, width: int) -> Text:
    """The line escaped (first, so that the cut is made on what is shown), then cut to the
    width with an ellipsis, and kept on one line."""
    escape_text(line)
    line.truncate(width, overflow="ellipsis")
    line.no_wrap = True
    return line


def step_block(step: Step) -> RenderableType:
    if step.to is None:  # this skill's own level is the top of the ladder
        return top_step(step)
    heading = Text.assemble(
        "\n", (step.skill.name, "bold"), "  ", flag(step.next.required) if step.next else ""
    )
    to_cover = (
        checklist(step.checklist)
        if step.next
        else Text(f"(this skill ends at {step.at.name})", "italic dim")
        if step.ended
        else describe(None)
    )
    then = step.to.name
    return Group(
        heading,
        Padding(
            Group(
                Text(f"Now, at {step.at.name}:", MUTED),
                Padding(not_yet(step), (0, 0, 0, 2)),
                Text(f"To cover for {then}:", MUTED),
                Padding(to_cover, (0, 0, 0, 2)),
                *evidence_block(step.next),
            ),
            (0, 0, 0, 2),
        ),
    )


def checklist(entries: Iterable[Checked]) -> Table:
    """Numbered items, so that `skillpath done SKILL:N` can name one, with their state:
    [x] covered, [~] in progress, [-] skipped, [ ] to do."""
    grid = EscapedTable.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold", ratio=1)
    grid.add_column(style=MUTED, no_wrap=True)
    for entry in entries:
        grid.add_row(
            f"{entry.number}.", state_box(entry.state), Text(entry.item.text), entry.item.id
        )
    return grid


def evidence_block(cell: Expectation | None) -> list[RenderableType]:
    """What a reviewer would accept for the cell to cover, where the data says."""
    if cell is None or not cell.evidence:
        return []
    grid = EscapedTable.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold", ratio=1)  # wrapped lines hang under their text
    for line in cell.evidence:
        grid.add_row("-", Text(line))
    return [Text("What counts as evidence:", MUTED), Padding(grid, (0, 0, 0, 2))]


def top_step(step: Step) -> RenderableType:
    heading = Text.assemble(
        "\n", (step.skill.name, "bold"), "  ", flag(step.current.required) if step.current else ""
    )
    return Group(heading, Padding(describe(step.current), (0, 0, 0, 2)))


@renderables.register("framework.search.SearchResult")
def search(result: SearchResult, width: int) -> list[RenderableType]:
    if not result.hits:
        return [Text(nothing_matches(result))]
    count = len(result.hits)
    title = Text(f"{count} match{'es' * (count != 1)} for {result.query!r}")
    rows = []
    for hit in result.hits:
        text = Text(hit.text)
        for start, end in hit.spans:
            text.stylize("bold reverse", start, end)
        where = Text(hit.field, MUTED)  # the skill's name or summary
        if hit.place:
            place = hit.place
            where = Text(f"{place.role.name}\n{place.level.name}", MUTED)
            if place.item:
                # The id is what to copy: a column too narrow for `SKILL:N -r ROLE -l
                # LEVEL` wraps it at a space, and its first line alone names another item
                # (the profile's level). The number is told in words, in no command's form.
                text.append(f"\n{place.item.id}", MUTED)
                if place.below:
                    below, level = place.below.name, place.level.name
                    text.append(f" · item {place.number} of {below} → {level}", MUTED)
            else:  # a description or an example: no item to act on
                where.append(f"\n{hit.field}")
        rows.append([Text(hit.skill.name, "bold"), where, text])
    columns = [Column("Skill", 1), Column("Where", 0), Column("Text", 3)]
    table = whole_word_table(width, columns, rows, title)
    if table is not None:
        return [table]
    # Too narrow for whole words side by side: each match under its skill and place.
    return [
        title,
        *(stacked(row[0], [(row[1].plain.replace("\n", " · "), row[2])]) for row in rows),
    ]


# -- job, interview ------------------------------------------------------------------------


@renderables.register("framework.hiring.JobDescription")
def job(result: JobDescription, width: int) -> list[RenderableType]:
    role, level = result.role, result.level
    shown: list[RenderableType] = [Text(f"{level.name} {role.name}", "bold")]
    shown += [Text(summary) for summary in (role.summary, level.summary) if summary]
    for heading, duties in (
        ("What the role requires", result.required),
        ("Also valued", result.optional),
    ):
        if duties:
            shown += [Text(f"\n{heading}", "bold"), *(duty_block(duty) for duty in duties)]
    if not result.required and not result.optional:
        shown.append(Text(f"No skill in the data describes {level.name} for {role.name}."))
    return shown


def duty_block(duty: Duty) -> RenderableType:
    return Group(
        Text.assemble("\n", (duty.skill.name, "bold"), "  ", flag(duty.cell.required)),
        Padding(Text(duty.cell.wording), (0, 0, 0, 2)),
    )


@renderables.register("framework.hiring.InterviewKit")
def interview(result: InterviewKit, width: int) -> list[RenderableType]:
    shown: list[RenderableType] = [
        Text(f"Interview kit · {result.role.name} · {result.level.name}", "bold"),
        Text(kit_counts(result)),
    ]
    for section in result.sections:
        questions = EscapedTable.grid(padding=(0, 1))
        questions.add_column(justify="right", no_wrap=True)
        questions.add_column(overflow="fold", ratio=1)
        for number, question in enumerate(section.questions, start=1):
            line, strong = question_lines(question)
            questions.add_row(f"{number}.", line)
            if strong is not None:
                questions.add_row("", strong)
        shown.append(
            Group(
                Text.assemble(
                    "\n", (section.skill.name, "bold"), "  ", flag(section.cell.required)
                ),
                Padding(Group(questions, *evidence_block(section.cell)), (0, 0, 0, 2)),
            )
        )
    return shown
