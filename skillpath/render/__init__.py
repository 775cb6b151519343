"""Results into text. Each format lives in its own module and is imported only when used,
so that writing JSON never loads Rich."""

from __future__ import annotations

import enum
import sys
from typing import TextIO

from skillpath.ladder import LevelList, Matrix, NextStep, RoleList, SkillList

Result = SkillList | Matrix | NextStep | RoleList | LevelList


class Format(str, enum.Enum):
    TABLE = "table"
    JSON = "json"


def emit(result: Result, fmt: Format, out: TextIO | None = None) -> None:
    stream = out if out is not None else sys.stdout
    if fmt is Format.JSON:
        from . import jsonfmt

        stream.write(jsonfmt.dumps(jsonfmt.payload(result)))
    else:
        from . import table

        table.draw(result, stream)
