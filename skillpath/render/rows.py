"""Results as flat rows, for csv, tsv and jsonl: one row per cell (or per entry), the same
columns whatever the flags, so a spreadsheet or a line-by-line script can rely on them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from skillpath.ladder import LevelList, Matrix, NextStep, RoleList, SkillList
from skillpath.model import Expectation
from skillpath.validation import Report

CELL_COLUMNS = ("skill", "role", "level", "required", "description")


@dataclass(frozen=True)
class Rows:
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def records(self) -> Iterator[dict[str, Any]]:
        return (dict(zip(self.columns, row, strict=True)) for row in self.rows)


def cell_row(cell: Expectation) -> tuple[Any, ...]:
    return (cell.skill, cell.role, cell.level, cell.required, cell.description)


def rows(result: object) -> Rows:
    if isinstance(result, Matrix):
        return Rows(CELL_COLUMNS, tuple(cell_row(cell) for cell in result.cells))
    if isinstance(result, NextStep):
        # The cells of the level to reach: what to cover. At the top there are none.
        return Rows(CELL_COLUMNS, tuple(cell_row(step.next) for step in result.steps if step.next))
    if isinstance(result, SkillList):
        return Rows(
            ("id", "name", "domain", "roles", "levels", "required", "optional", "origin"),
            tuple(
                (
                    e.skill.id,
                    e.skill.name,
                    e.skill.domain,
                    ";".join(role.id for role in e.roles),
                    e.counts.levels,
                    e.counts.required,
                    e.counts.optional,
                    e.origin,
                )
                for e in result.skills
            ),
        )
    if isinstance(result, RoleList):
        return Rows(
            ("id", "name", "aliases", "summary"),
            tuple((r.id, r.name, ";".join(r.aliases), r.summary) for r in result.roles),
        )
    if isinstance(result, LevelList):
        return Rows(
            ("rank", "id", "name", "aliases", "summary"),
            tuple(
                (lv.rank, lv.id, lv.name, ";".join(lv.aliases), lv.summary) for lv in result.levels
            ),
        )
    if isinstance(result, Report):
        return Rows(
            ("file", "line", "column", "key_path", "message"),
            tuple((str(p.file), p.line, p.column, p.key_path, p.message) for p in result.problems),
        )
    raise TypeError(f"no rows for {type(result).__name__}")
