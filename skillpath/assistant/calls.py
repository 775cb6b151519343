"""How a tool is called: its arguments checked against its schema, its answer made as its
command makes it, and its refusals worded for its arguments.

A read tool's answer is its command's JSON, the same bytes (``render.encode.json_chunks``
of ``jsonfmt.payload``, as ``render.json_answer`` writes them) and the same value as
structured content, whose schema is the command's (``skillpath/schemas``). A write tool's
answer is the line its command says. Nothing here knows the protocol: ``server`` carries
these answers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol

from skillpath.errors import DataError, SkillpathError, UsageError
from skillpath.framework.names import find_name, resolve_name
from skillpath.render import jsonfmt
from skillpath.render.encode import json_chunks
from skillpath.values import frozen

if TYPE_CHECKING:
    from skillpath.loading import Catalog
    from skillpath.plan.model import Progress
    from skillpath.render.base import Result

Arguments = Mapping[str, Any]


class Host(Protocol):
    """What the command line lends the server, so that a tool reads the data folders and
    the progress and marks an item exactly as the commands do."""

    def catalog(self) -> Catalog: ...

    def progress(self) -> Progress: ...

    def mark(
        self,
        action: str,
        item: str,
        roles: Sequence[str] | None,
        levels: Sequence[str] | None,
        **details: str | None,
    ) -> str: ...

    def kept_aside(self) -> AbstractContextManager[list[str]]: ...

    def warn(self, line: str) -> None:
        """Tell a warning as the command would on stderr (the tool's answer carries it)."""
        ...


@frozen
class Answer:
    """What a tool gives: the command's JSON text (or a write's line), the JSON as a value
    for structured content, the notes and warnings the command would have told on stderr,
    and whether it is an error."""

    text: str
    structured: dict[str, Any] | None = None
    notes: tuple[str, ...] = ()
    error: bool = False


@frozen
class Tool:
    """A tool: its arguments as JSON Schema properties, the schema of its answer (none for
    a write), and the options of its command that its messages may name."""

    name: str
    title: str
    description: str
    inputs: Mapping[str, Mapping[str, Any]]
    required: tuple[str, ...]
    run: Callable[[Host, Arguments], Result | str]
    schema: str | None = None
    options: Mapping[str, str] | None = None

    @property
    def writes(self) -> bool:
        return self.schema is None

    def input_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {name: dict(spec) for name, spec in self.inputs.items()},
            "required": list(self.required),
            "additionalProperties": False,
        }

    def output_schema(self) -> dict[str, Any] | None:
        from skillpath import schemas

        return None if self.schema is None else dict(json.loads(schemas.text(self.schema)))


def call(tool: Tool, host: Host, arguments: Arguments | None) -> Answer:
    """The tool's answer to ``arguments``; a refusal (a bad argument, an unknown name, a
    broken file) is an answer too, worded for the tool's arguments rather than options."""
    with host.kept_aside() as told:
        try:
            answer = _answer(tool, host, checked(tool, arguments or {}))
        except SkillpathError as error:
            answer = Answer(worded(_message(error), tool.options or {}), error=True)
    return Answer(answer.text, answer.structured, tuple(told), answer.error)


def _answer(tool: Tool, host: Host, arguments: Arguments) -> Answer:
    result = tool.run(host, arguments)
    if isinstance(result, str):
        return Answer(result)
    payload = jsonfmt.payload(result)
    return Answer(b"".join(json_chunks(payload)).decode("utf-8"), payload)


def _message(error: SkillpathError) -> str:
    """The error as the command tells it: a data error a line per problem."""
    problems = error.problems if isinstance(error, DataError) else ()
    return "\n".join(str(problem) for problem in problems) or error.message


_OPTION = re.compile(r"--[a-z][a-z-]*")


def worded(message: str, options: Mapping[str, str]) -> str:
    """A message that names a command's options (``--role``), naming the tool's arguments
    instead (`role`); a command quoted in backticks keeps its options."""
    parts = message.split("`")
    for index in range(0, len(parts), 2):
        parts[index] = _OPTION.sub(
            lambda found: f"`{options[found[0]]}`" if found[0] in options else found[0],
            parts[index],
        )
    return "`".join(parts)


def checked(tool: Tool, arguments: Arguments) -> dict[str, Any]:
    """The arguments given (a null is one not given), each of the type its schema says."""
    given = {name: value for name, value in arguments.items() if value is not None}
    for name in given:
        if name not in tool.inputs:
            raise _unknown_argument(tool, name)
    for name in tool.required:
        if name not in given:
            raise UsageError(f"{tool.name} needs `{name}`: {tool.inputs[name]['description']}")
    for name, value in given.items():
        problem = _type_problem(tool.inputs[name], value)
        if problem:
            raise UsageError(f"`{name}` takes {problem}, not {json.dumps(value)[:80]}")
    return given


def _unknown_argument(tool: Tool, name: str) -> UsageError:
    if not tool.inputs:
        return UsageError(f"{tool.name} takes no arguments, not {name[:80]!r}")
    if len(name) > MAX_NAME:  # no argument is that long, nor close to it
        return UsageError(f"{tool.name} has no argument {name[:80]!r}...")
    known = [(argument, (), argument) for argument in tool.inputs]
    close = find_name(name, known)
    if close is not None:
        return UsageError(f"{tool.name} has no argument {name!r}; did you mean {close!r}?")
    try:
        resolve_name("argument", name, known)
    except UsageError as error:
        return UsageError(f"{tool.name} has {error.message}")
    raise AssertionError(name)  # resolve_name found what find_name did not


# Bounds on what a call may hand the core, far past any real name, note or list of skills:
# a client is a program, and a megabyte of name would be compared with every known one.
MAX_NAME = 100
MAX_TEXT = 10_000
MAX_LIST = 1_000


def _type_problem(spec: Mapping[str, Any], value: Any) -> str | None:
    kind = spec["type"]
    if kind == "string":
        if not isinstance(value, str):
            return "a string"
        return None if len(value) <= MAX_TEXT else f"a string of at most {MAX_TEXT} characters"
    if kind == "array":
        if not isinstance(value, list) or not all(isinstance(entry, str) for entry in value):
            return "a list of strings"
        short = len(value) <= MAX_LIST and all(len(entry) <= MAX_TEXT for entry in value)
        return None if short else f"a list of at most {MAX_LIST} strings, each a name"
    if kind == "boolean":
        return None if isinstance(value, bool) else "true or false"
    whole = isinstance(value, int) and not isinstance(value, bool)
    return None if whole and value >= spec.get("minimum", value) else "a whole number of 1 or more"
