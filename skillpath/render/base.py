"""What every format shares: the formats and colour choices, the registry of
renderers by result type, and the small words they all use.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from skillpath.text import plural as plural  # the renderers' count in words, shared

if TYPE_CHECKING:  # the result types, without importing every query module at start-up
    from typing import TypeAlias

    from skillpath.authoring.validation import Report
    from skillpath.authoring.written import Written
    from skillpath.framework.hiring import InterviewKit, JobDescription
    from skillpath.framework.ladder import LevelList, Matrix, NextStep, RoleList, SkillList
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

    Result: TypeAlias = (
        SkillList
        | Matrix
        | NextStep
        | RoleList
        | LevelList
        | Report
        | Roadmap
        | Comparison
        | ProgressReport
        | SearchResult
        | ProfileView
        | HistoryLog
        | JobDescription
        | InterviewKit
        | Marked
        | EvidenceList
        | TeamView
        | ReviewPacket
        | Calibration
        | Written
    )


R = TypeVar("R")


class Renderers(Generic[R]):
    """One format's renderers, one per result type, found by the type of the result.

    Registered by the type's name under ``skillpath`` ("plan.roadmap.Comparison") rather than by
    the type itself, so that a format module need not import every query module to register
    its renderers: `next --json` imports only what `next` needs.
    """

    def __init__(self, what: str) -> None:
        self.what = what
        self.by_type: dict[str, Callable[..., R]] = {}

    def register(self, type_name: str) -> Callable[[Callable[..., R]], Callable[..., R]]:
        def add(function: Callable[..., R]) -> Callable[..., R]:
            self.by_type[f"skillpath.{type_name}"] = function
            return function

        return add

    def knows(self, result: object) -> bool:
        kind = type(result)
        return f"{kind.__module__}.{kind.__qualname__}" in self.by_type

    def __call__(self, result: object, *args: Any) -> R:
        kind = type(result)
        function = self.by_type.get(f"{kind.__module__}.{kind.__qualname__}")
        if function is None:
            raise TypeError(f"no {self.what} for {kind.__name__}")
        return function(result, *args)


def by_date(evidence: Sequence[Evidence]) -> list[Evidence]:
    """Pieces of evidence as every format lists them: oldest date first, and pieces of one
    date in the order they were added (a backdated piece goes where its date puts it)."""
    return sorted(evidence, key=lambda piece: piece.day)


def local_time(time: str) -> str:
    """A UTC time of the history as the person's clock shows it, to the minute."""
    from datetime import datetime

    return datetime.fromisoformat(time).astimezone().strftime("%Y-%m-%d %H:%M")


def kit_counts(result: InterviewKit) -> str:
    """An interview kit's counts, naming the prompts made from descriptions where any are."""
    counts = f"{plural(len(result.sections), 'skill')}, {plural(result.questions, 'question')}"
    if result.prompts:
        made = f"{result.prompts} written from descriptions where the data has no questions"
        return f"{counts} ({made})."
    return f"{counts}."


def hidden_by(result: NextStep) -> str:
    """What hid the skills of a next step, naming only the filters that were given."""
    reasons = []
    if result.todo:
        reasons.append("--todo (everything covered or skipped)")
    if result.required_only:
        reasons.append("--required-only (not required of the role)")
    return "hidden by " + " or ".join(reasons)


def and_list(words: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def levels_elsewhere(result: NextStep, arrow: str) -> str:
    """What a next step's heading adds for the skills at a level of their own (a per-skill
    level): " (Deep Learning: Senior → Lead)", or "" when every skill is at the answer's."""
    parts = [
        f"{and_list([skill.name for skill in skills])}: "
        + (f"{level.name} {arrow} {above.name}" if above else f"{level.name}, the top")
        for level, above, skills in result.elsewhere
    ]
    return f" ({'; '.join(parts)})" if parts else ""


def targets_elsewhere(result: NextStep) -> str:
    """The levels to reach in the skills at a level of their own: " (Lead in Deep
    Learning)", or ""."""
    parts = [
        f"{above.name} in {and_list([skill.name for skill in skills])}"
        for _, above, skills in result.elsewhere
        if above is not None
    ]
    return f" ({'; '.join(parts)})" if parts else ""


def ended_words(result: NextStep) -> str:
    """The skills that end at the person's level: "Ops has no level above Two for
    Backend", or "" when none does."""
    levels = sorted({step.at for step in result.ended}, key=lambda level: level.rank)
    parts = []
    for level in levels:
        names = [step.skill.name for step in result.ended if step.at == level]
        parts.append(f"{and_list(names)} {'has' if len(names) == 1 else 'have'} no level "
                     f"above {level.name}")  # fmt: skip
    return f"{'; '.join(parts)} for {result.role.name}" if parts else ""


def to_cover_words(result: NextStep) -> str:
    """What to cover, counted over the skills that have a level above to cover: "5 items
    to cover in 2 skills (3 required, 2 optional).", or why there is nothing."""
    summary = result.summary
    if result.steps and not result.covering:
        ended = ended_words(result) or "every skill shown is at the top of the ladder"
        return f"Nothing to cover: {ended}."
    return (
        f"{plural(summary.items, 'item')} to cover in {plural(len(result.covering), 'skill')} "
        f"({summary.required} required, {summary.optional} optional)."
    )


def nothing_matches(result: SearchResult) -> str:
    """What a search that found nothing says, with the close words where it has some."""
    said = f"Nothing matches {result.query!r}."
    if not result.suggestions:
        return said
    words = [f'"{word}"' for word in result.suggestions]
    either = ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else words[0]
    return f"{said} Did you mean {either}?"


def people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def problem_count(result: Report) -> str:
    """How many problems, in how many of the files checked: "7 problems in 4 of 8 files."."""
    checked, bad = len(result.files), len(result.files_with_problems)
    if not result.problems or bad == checked:
        return f"{plural(result.count, 'problem')} in {plural(checked, 'file')}."
    return f"{plural(result.count, 'problem')} in {bad} of {plural(checked, 'file')}."


class Format(str, enum.Enum):
    """Every output format. The text formats are every command's; a command that offers
    one of the others says so in its own --format choice (cli/options.py)."""

    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    YAML = "yaml"
    CSV = "csv"
    TSV = "tsv"
    MARKDOWN = "markdown"
    SVG = "svg"  # progress: a radar chart of the plan; team: a heat map
    XLSX = "xlsx"  # list: a workbook of the csv rows


# The formats every command answers in; svg and xlsx are a few commands' own.
TEXT_FORMATS = tuple(fmt for fmt in Format if fmt not in (Format.SVG, Format.XLSX))


class Color(str, enum.Enum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"
