"""Results as flat rows, for csv, tsv and jsonl: one row per cell (or per entry), the same
columns whatever the flags, so a spreadsheet or a line-by-line script can rely on them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from skillpath.framework.ladder import LevelList, Matrix, NextStep, RoleList, SkillList
from skillpath.framework.model import Expectation, Skill
from skillpath.render.base import Renderers, by_date
from skillpath.values import frozen

if TYPE_CHECKING:  # the answers' types, named only: registering needs no import
    from skillpath.authoring.validation import Report
    from skillpath.authoring.written import Written
    from skillpath.framework.hiring import InterviewKit, JobDescription
    from skillpath.framework.search import SearchResult
    from skillpath.plan.evidence import EvidenceList
    from skillpath.plan.history import HistoryLog
    from skillpath.plan.marking import Marked
    from skillpath.plan.model import Evidence
    from skillpath.plan.profile import ProfileView
    from skillpath.plan.progress import ProgressReport
    from skillpath.plan.roadmap import Comparison, Roadmap
    from skillpath.team.reviews import Calibration, ReviewPacket
    from skillpath.team.summary import TeamView

# The shape `skillpath import` reads back (importer/cells_csv.py): one row per line of a
# cell, the skill's own fields on its first row, name and domain on every row.
CELL_COLUMNS = (
    "skill", "name", "domain", "summary", "updated", "source", "notes",
    "role", "level", "required", "description", "item", "example", "evidence", "question",
    "question_kind", "strong_answer",
)  # fmt: skip


NONE = ("", "", "")  # the question columns of a row past a cell's last question


@frozen
class Rows:
    """A result as a table of plain values: the column names and one tuple a row."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def records(self) -> Iterator[dict[str, Any]]:
        return (dict(zip(self.columns, row, strict=True)) for row in self.rows)


def skill_rows(skill: Skill, cells: Iterable[Expectation]) -> tuple[tuple[Any, ...], ...]:
    """A skill's cells as rows: each cell's items, examples, evidence and questions side by
    side, one of each per row, so that a spreadsheet shows a cell as a block of rows."""
    found: list[tuple[Any, ...]] = []
    for cell in cells:
        asked = cell.questions
        lists = (cell.given_items, cell.examples, cell.evidence)
        for at in range(max(1, len(asked), *map(len, lists))):
            question = asked[at] if at < len(asked) else None
            first = not found
            found.append(
                (
                    skill.id,
                    skill.name,
                    skill.domain,
                    skill.summary if first else "",
                    skill.updated.isoformat() if first and skill.updated else "",
                    skill.source if first else "",
                    skill.notes if first else "",
                    cell.role,
                    cell.level,
                    cell.required,
                    cell.description if at == 0 else "",
                    *(entries[at] if at < len(entries) else "" for entries in lists),
                    *((question.text, question.kind, question.strong_answer) if question else NONE),
                )
            )
    return tuple(found)


rows: Renderers[Rows] = Renderers("rows")


@rows.register("framework.ladder.Matrix")
def _matrix(result: Matrix) -> Rows:
    # In the file's own order of roles, so that importing the rows gives the file back.
    order = {role: at for at, role in enumerate(result.skill.role_ids)}
    cells = sorted(result.cells, key=lambda cell: order[cell.role])  # stable: levels stay
    return Rows(CELL_COLUMNS, skill_rows(result.skill, cells))


@rows.register("framework.ladder.NextStep")
def _next(result: NextStep) -> Rows:
    # The checklist, one row per item as `next` shows it (and as --todo and --required-only
    # leave it); `number` is the N of `done SKILL:N`. At the top there are none.
    return Rows(
        ("skill", "number", "id", "state", "required", "text"),
        tuple(
            (e.skill.id, e.number, e.item.id, e.state or "todo", e.required, e.item.text)
            for e in result.checklist
        ),
    )


@rows.register("framework.ladder.SkillList")
def _skills(result: SkillList) -> Rows:
    # Every cell of every skill: the whole framework, as `import FILE.csv --into DIR` reads it
    # (with --role, those roles' cells).
    wanted = {role.id for role in result.roles}
    return Rows(
        CELL_COLUMNS,
        tuple(
            row
            for e in result.skills
            for row in skill_rows(
                e.skill, [c for c in e.skill.expectations if not wanted or c.role in wanted]
            )
        ),
    )


@rows.register("framework.ladder.RoleList")
def _roles(result: RoleList) -> Rows:
    return Rows(
        ("id", "name", "aliases", "summary"),
        tuple((r.id, r.name, ";".join(r.aliases), r.summary) for r in result.roles),
    )


@rows.register("framework.ladder.LevelList")
def _levels(result: LevelList) -> Rows:
    return Rows(
        ("rank", "id", "name", "aliases", "summary"),
        tuple(
            (lv.number, lv.id, lv.name, ";".join(lv.aliases), lv.summary) for lv in result.levels
        ),
    )


@rows.register("authoring.validation.Report")
def _report(result: Report) -> Rows:
    return Rows(
        ("file", "line", "column", "key_path", "message"),
        tuple((str(p.file), p.line, p.column, p.key_path, p.message) for p in result.problems),
    )


@rows.register("plan.roadmap.Roadmap")
def _roadmap(result: Roadmap) -> Rows:
    return Rows(
        CELL_COLUMNS,
        tuple(
            row
            for step in result.steps
            for s in step.steps
            if s.next
            for row in skill_rows(s.skill, [s.next])
        ),
    )


@rows.register("plan.roadmap.Comparison")
def _comparison(result: Comparison) -> Rows:
    return Rows(
        ("skill", "a_role", "a_level", "a_description", "b_role", "b_level", "b_description"),
        tuple(
            (
                p.skill.id,
                result.a_role.id,
                result.a_level.id,
                p.first.wording if p.first else "",
                result.b_role.id,
                result.b_level.id,
                p.second.wording if p.second else "",
            )
            for p in result.shared
        )
        + tuple(
            (skill.id, result.a_role.id, result.a_level.id, "", "", "", "")
            for skill in result.only_a
        )
        + tuple(
            (skill.id, "", "", "", result.b_role.id, result.b_level.id, "")
            for skill in result.only_b
        ),
    )


@rows.register("plan.progress.ProgressReport")
def _progress(result: ProgressReport) -> Rows:
    # One row per item; its evidence joined, oldest date first, as a spreadsheet cell can hold it.
    return Rows(
        ("skill", "item", "number", "text", "required", "state", "since", "evidence"),
        tuple(
            (
                row.skill.id,
                s.item.id,
                number,
                s.item.text,
                bool(row.cell and row.cell.required),
                s.mark.state if s.mark else "todo",
                s.mark.since.isoformat() if s.mark else "",
                "\n".join(evidence_line(e) for e in by_date(s.mark.evidence)) if s.mark else "",
            )
            for row in result.skills
            for number, s in enumerate(row.items, start=1)
        ),
    )


@rows.register("plan.evidence.EvidenceList")
def _evidence(result: EvidenceList) -> Rows:
    return Rows(
        ("item", "skill", "number", "date", "note", "link"),
        tuple(
            (result.item, result.skill, number, e.day.isoformat(), e.note, e.link)
            for number, e in result.pieces
        ),
    )


@rows.register("authoring.written.Written")
def _written(result: Written) -> Rows:
    return Rows(("action", "file"), tuple((result.action, str(path)) for path in result.files))


@rows.register("plan.marking.Marked")
def _marked(result: Marked) -> Rows:
    mark = result.after
    return Rows(
        ("action", "item", "skill", "changed", "state", "since", "evidence", "piece"),
        (
            (
                result.action,
                result.item,
                result.skill,
                result.changed,
                mark.state if mark else "",
                mark.since.isoformat() if mark else "",
                result.kept,
                result.piece or "",
            ),
        ),
    )


def evidence_line(evidence: Evidence) -> str:
    link = f" <{evidence.link}>" if evidence.link else ""
    return f"{evidence.day.isoformat()}: {evidence.note}{link}"


@rows.register("plan.history.HistoryLog")
def _history(result: HistoryLog) -> Rows:
    return Rows(
        (
            "time",
            "action",
            "item",
            "skill",
            "role",
            "level",
            "note",
            "link",
            "date",
            "reason",
            "from",
            "piece",
        ),
        tuple(
            (
                c.time,
                c.action,
                c.item,
                c.skill,
                c.role,
                c.level,
                c.note,
                c.link,
                c.day.isoformat() if c.day else "",
                c.reason,
                c.moved_from,
                c.piece or "",
            )
            for c in result.changes
        ),
    )


@rows.register("framework.search.SearchResult")
def _search(result: SearchResult) -> Rows:
    return Rows(
        # The first release's columns, in its order, then what tells the rows apart: the
        # field, and the level the number counts from (`done SKILL:N --level FROM_LEVEL`).
        ("skill", "role", "level", "item", "number", "text", "score", "field", "from_level"),
        tuple(
            (
                h.skill.id,
                h.place.role.id if h.place else "",
                h.place.level.id if h.place else "",
                h.place.item.id if h.place and h.place.item else "",
                h.place.number if h.place and h.place.number else "",
                h.text,
                h.score,
                h.field,
                h.place.below.id if h.place and h.place.below else "",
            )
            for h in result.hits
        ),
    )


@rows.register("plan.profile.ProfileView")
def _profile(result: ProfileView) -> Rows:
    settings = [
        ("role", result.role.id if result.role else ""),
        ("level", result.level.id if result.level else ""),
    ]
    settings += [(f"skill:{skill}", level.id) for skill, level in result.skills]
    settings += [("data_dir", folder) for folder in result.data_dirs]
    return Rows(("setting", "value"), tuple(settings))


@rows.register("framework.hiring.JobDescription")
def _job(result: JobDescription) -> Rows:
    duties = (*result.required, *result.optional)
    return Rows(
        CELL_COLUMNS, tuple(row for duty in duties for row in skill_rows(duty.skill, [duty.cell]))
    )


@rows.register("framework.hiring.InterviewKit")
def _interview(result: InterviewKit) -> Rows:
    # One row per question, then one per piece of evidence to listen for.
    return Rows(
        ("skill", "required", "kind", "text", "question_kind", "strong_answer"),
        tuple(
            (section.skill.id, section.cell.required, *row)
            for section in result.sections
            for row in (
                *(
                    ("prompt" if q.prompt else "question", q.text, q.kind, q.strong_answer)
                    for q in section.questions
                ),
                *(("evidence", line, "", "") for line in section.evidence),
            )
        ),
    )


@rows.register("team.summary.TeamView")
def _team(result: TeamView) -> Rows:
    """A row per person; the skills with nothing covered joined by spaces."""
    return Rows(
        (
            "person", "name", "role", "level", "next_level", "covered", "applicable",
            "required_covered", "required", "uncovered", "stale", "last_change",
        ),
        tuple(
            (
                row.plan.id,
                row.plan.name,
                row.report.role.id,
                row.report.current.id,
                row.report.target.id if row.report.target else "",
                row.report.totals.covered,
                row.report.totals.applicable,
                row.report.totals.required_covered,
                row.report.totals.required_total,
                " ".join(skill.skill.id for skill in row.uncovered),
                len(row.report.stale),
                row.plan.last_change.isoformat() if row.plan.last_change else "",
            )
            for row in result.people
        ),
    )  # fmt: skip


@rows.register("team.reviews.ReviewPacket")
def _packet(result: ReviewPacket) -> Rows:
    """A row per item of the plan and verdict on it (an item with none has one row)."""
    found = []
    for row in result.report.skills:
        for status in row.items:
            mark = status.mark
            first = (
                row.skill.id,
                status.item.id,
                status.item.text,
                mark.state if mark else "todo",
                "\n".join(evidence_line(e) for e in mark.evidence) if mark else "",
            )
            verdicts = result.on(status.item.id)
            found += [(*first, v.by, v.verdict, v.time, v.note) for v in verdicts]
            found += [] if verdicts else [(*first, "", "", "", "")]
    columns = ("skill", "item", "text", "state", "evidence", "by", "verdict", "time", "note")
    return Rows(columns, tuple(found))


@rows.register("team.reviews.Calibration")
def _calibration(result: Calibration) -> Rows:
    """A row per disagreement between a person's own state and a reviewer's verdict."""
    return Rows(
        ("person", "reviewer", "item", "text", "kind", "state", "note"),
        tuple(
            (d.person, d.reviewer, d.item, d.text, d.kind, d.state, d.note)
            for d in result.disagreements
        ),
    )
