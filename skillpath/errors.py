"""The errors skillpath raises on purpose, each kind with its exit code.

Everything a user can cause ends up as one of these; the CLI turns them into a message on
stderr and the exit code, in one place (``skillpath.cli``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from skillpath.text import printable
from skillpath.values import frozen

EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class SkillpathError(Exception):
    """Base of every error meant for the user rather than for a traceback."""

    exit_code = EXIT_DATA
    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(SkillpathError):
    """The command line asked for something that does not exist or does not fit."""

    exit_code = EXIT_USAGE
    code = "usage"


class OutputError(SkillpathError):
    """The answer cannot be written: stdout is closed, or writing to it failed."""

    code = "output"


# Names a message about an unknown name lists of those it knows; `list`, `roles`, `levels`
# and `validate` show them all.
MAX_KNOWN_LISTED = 12


def some_of(names: Sequence[str]) -> str:
    """The first few ``names``, and how many more there are: a team's thousands of skills
    would fill the screen."""
    listed = ", ".join(names[:MAX_KNOWN_LISTED])
    more = len(names) - MAX_KNOWN_LISTED
    return f"{listed} and {more} more" if more > 0 else listed


class UnknownNameError(UsageError):
    """A skill, role or level name that matches nothing; carries the close matches."""

    code = "unknown-name"

    def __init__(self, kind: str, name: str, suggestions: tuple[str, ...], known: tuple[str, ...]):
        self.kind = kind
        self.name = name
        self.suggestions = suggestions
        self.known = known
        super().__init__(_unknown_message(kind, name, suggestions, known))


def _unknown_message(
    kind: str, name: str, suggestions: tuple[str, ...], known: tuple[str, ...]
) -> str:
    message = f"no {kind} {name!r}"
    if suggestions:
        return f"{message}; did you mean {_either(suggestions)}?"
    if known:
        return f"{message}; known {kind}s: {some_of(known)}"
    return f"{message}; there are no {kind}s in the data"


def _either(names: tuple[str, ...]) -> str:
    quoted = [repr(name) for name in names]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


@frozen
class Problem:
    """One thing wrong with a data file, located as precisely as the file allows."""

    file: Path
    message: str
    key_path: str = ""
    line: int | None = None
    column: int | None = None
    more: int = 0  # a note standing for this many problems of the file left unlisted

    def __str__(self) -> str:
        where = str(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        key = f" {self.key_path}:" if self.key_path else ""
        # A file name or key may hold a newline or an escape code: escaped, it can neither
        # forge another FILE:LINE:COL line nor reach the terminal.
        return printable(f"{where}:{key} {self.message}")


# One file's problems are listed whole up to this many: a paste gone wrong would fill the
# screen, and the first fifty say what to fix.
MAX_PROBLEMS = 50


def bounded(problems: Sequence[Problem], file: Path) -> tuple[Problem, ...]:
    """The first MAX_PROBLEMS problems of a file, then one that says how many more there are."""
    if len(problems) <= MAX_PROBLEMS:
        return tuple(problems)
    more = len(problems) - MAX_PROBLEMS
    last = problems[MAX_PROBLEMS - 1]  # where the note stands, so that it sorts last
    note = Problem(
        file,
        f"{more} more problem{'s' * (more != 1)}: fix these and run it again",
        line=last.line,
        column=last.column,
        more=more,
    )
    return (*problems[:MAX_PROBLEMS], note)


class DataError(SkillpathError):
    """The framework data cannot be read or does not hold together."""

    exit_code = EXIT_DATA
    code = "data"

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        first = str(self.problems[0])
        more = len(self.problems) - 1
        if more:
            first += f" (and {more} more problem{'s' if more > 1 else ''})"
        super().__init__(first)

    @classmethod
    def single(
        cls, file: Path, message: str, key_path: str = "", line: int | None = None
    ) -> DataError:
        return cls([Problem(file, message, key_path, line)])
