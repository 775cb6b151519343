"""`skillpath mcp`: the framework and your plan as tools for an AI assistant.

The MCP SDK is an extra (``pip install "skillpath[mcp]"``), imported only when the server
starts, so that no other command loads it or waits for it."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Annotated

import typer

from skillpath.cli import marks, options, output
from skillpath.cli.asked import Asked, asked
from skillpath.cli.options import DataDirOption, examples
from skillpath.errors import SkillpathError, UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from skillpath.loading import Catalog
    from skillpath.plan.model import Progress

app = typer.Typer(rich_markup_mode=None)
groups: list[typer.Typer] = []

INSTALL = 'pip install "skillpath[mcp]"'


@app.command(
    "mcp",
    epilog=examples(
        "skillpath mcp",
        "skillpath mcp --read-only --data-dir career",
        """{"mcpServers": {"skillpath": {"command": "skillpath", "args": ["mcp"]}}}""",
    ),
)
def mcp_command(
    ctx: typer.Context,
    read_only: Annotated[
        bool,
        typer.Option(
            "--read-only", help="Serve only the tools that read: none that changes your plan."
        ),
    ] = False,
    data_dirs: DataDirOption = None,
) -> None:
    """Serve the framework and your plan to an AI assistant (MCP).

    A Model Context Protocol server on stdin and stdout, for the assistant to start (the
    last example is the line of its configuration that does).

    Its tools give the same JSON as list, show, next, search, path, compare, job, interview,
    progress and log; start_item, mark_done, skip_item and undo_item change your plan as
    start, done, skip and undo do. Needs the extra: pip install "skillpath[mcp]".
    """
    try:
        from skillpath.assistant.server import serve
    except ImportError as error:
        if not (error.name or "").startswith(("mcp", "anyio", "pydantic")):
            raise
        raise SkillpathError(
            f"`skillpath mcp` needs the MCP SDK, an extra that is not installed: {INSTALL}"
        ) from None
    if sys.stdin is None or sys.stdout is None:  # started with `<&-` or `>&-`
        raise UsageError(
            "`skillpath mcp` speaks on stdin and stdout, and one of them is closed; "
            "an assistant starts it with both open"
        )
    if output.interactive():  # a person ran it: they see why nothing seems to happen
        output.note(
            "serving MCP on stdin and stdout, for an AI assistant to start (Ctrl-C stops); "
            "`skillpath mcp --help` shows its configuration"
        )
    serve(CommandLineHost(asked(ctx)), read_only=read_only)


class CommandLineHost:
    """What the server's tools borrow from the command line: the data folders read as every
    command reads them (-d, $SKILLPATH_PATH, the profile's), the progress, and the marking
    of an item as `done`, `start`, `skip` and `undo` mark it."""

    def __init__(self, asked: Asked) -> None:
        self.asked = asked

    def catalog(self) -> Catalog:
        return options.catalog(self.asked)

    def progress(self) -> Progress:
        return options.progress_or_none()

    def mark(
        self,
        action: str,
        item: str,
        roles: Sequence[str] | None,
        levels: Sequence[str] | None,
        **details: str | None,
    ) -> str:
        _, line = marks.mark_and_say(
            self.asked,
            action,
            item,
            list(roles) if roles else None,
            list(levels) if levels else None,
            note=details.get("note"),
            link=details.get("link"),
            day=details.get("day"),
            reason=details.get("reason"),
        )
        return line

    def kept_aside(self) -> AbstractContextManager[list[str]]:
        return output.kept_aside()

    def warn(self, line: str) -> None:
        output.warn(line)
