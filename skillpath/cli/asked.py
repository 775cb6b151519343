"""What a run asked of its output, parsed once: the format, the colour and the data folders,
kept in Click's context (``ctx.obj``) by the callbacks of the options that give them.

Every command reads them here, and so does the error boundary (``cli/app.py``): whether an
error is told as JSON is what the parsed options say, for an error while they are parsed
too (``OptionsFirst``), never a second look at the raw command line.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from skillpath.errors import UsageError
from skillpath.render.base import TEXT_FORMATS, Color, Format


class Asked:
    """The output options of one run, as their callbacks recorded them. A plain class, not a
    dataclass: one is made on every start, and a dataclass compiles its methods then."""

    __slots__ = ("as_json", "color", "data_dirs", "fmt", "suggestions")

    def __init__(
        self,
        fmt: Format | None = None,
        as_json: bool = False,
        color: Color = Color.AUTO,
        data_dirs: list[Path] | None = None,
    ) -> None:
        self.fmt = fmt
        self.as_json = as_json
        self.color = color
        self.data_dirs = data_dirs
        # The names close to a command name mistyped, for the JSON error: Click words them
        # into its message only.
        self.suggestions: tuple[str, ...] = ()

    def over(self, data_dirs: list[Path] | None) -> Asked:
        """The same options over other data folders."""
        return Asked(self.fmt, self.as_json, self.color, data_dirs)

    @property
    def json(self) -> bool:
        """Whether the answer, and so any error, is wanted as JSON."""
        return self.as_json or self.fmt is Format.JSON

    def format(self, default: Format = Format.TABLE) -> Format:
        """The format to answer in; ``default`` where none was asked for."""
        if self.as_json and self.fmt not in (None, Format.JSON):
            raise UsageError(
                f"--json and --format {self.fmt.value} ask for different formats; give one of them"
            )
        return Format.JSON if self.as_json else (self.fmt or default)


def asked(ctx: typer.Context) -> Asked:
    """The run's options: the bundle the group's ``main`` put in ``ctx.obj`` (a context made
    without it, for tab completion, gets one of its own)."""
    bundle: Asked = ctx.ensure_object(Asked)
    return bundle


# -- the options' callbacks: each records its value in the bundle --------------------------


def record_format(ctx: typer.Context, param: Any, value: str | None) -> None:
    asked(ctx).fmt = None if value is None else Format(value)
    refuse_two_formats(ctx)


def record_json(ctx: typer.Context, param: Any, value: bool) -> None:
    asked(ctx).as_json = bool(value)
    refuse_two_formats(ctx)


def refuse_two_formats(ctx: typer.Context) -> None:
    """--json with another --format is refused as the line is parsed, before the command
    runs: a command that saves a change before it answers would save it and then fail."""
    if not ctx.resilient_parsing:
        asked(ctx).format()


def record_color(ctx: typer.Context, param: Any, value: Color | str) -> None:
    asked(ctx).color = Color(value)


def record_data_dirs(ctx: typer.Context, param: Any, value: list[Path] | None) -> None:
    # While a line is parsed for completion, the folders may still be the words as typed.
    asked(ctx).data_dirs = [Path(folder) for folder in value] if value else None


def format_option(help_text: str) -> Any:
    return typer.Option(
        "--format",
        "-f",
        help=help_text,
        show_default=False,
        case_sensitive=False,
        callback=record_format,
        expose_value=False,
    )


def format_choice(*extra: Format) -> Any:
    """The --format values a command offers, as a choice of Format's values: the text
    formats and ``extra`` (Typer makes a ``Literal`` of strings a Click choice)."""
    return Optional[Literal[tuple(fmt.value for fmt in (*TEXT_FORMATS, *extra))]]  # noqa: UP045


def json_option(help_text: str) -> Any:
    return typer.Option("--json", help=help_text, callback=record_json, expose_value=False)


class OptionsFirst(TyperCommand):
    """A command whose output options are known even when its command line is wrong.

    Click stops at the first mistake (an unknown option, a bad value) before it has read
    the options after it, such as a --json at the end; the error is then told as those
    options ask. So a line that fails is read again, forgiving, as tab completion reads it
    (Click's ``resilient_parsing``, unknown options let through), for their callbacks to
    fill the bundle, and the error raised as it was.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        given = list(args)  # Click's parser consumes the list it is given
        try:
            return super().parse_args(ctx, args)
        except typer.TyperException:
            if not ctx.resilient_parsing:
                self.read_forgivingly(ctx, given)
            raise

    def read_forgivingly(self, ctx: typer.Context, args: list[str]) -> None:
        # What even a forgiving read refuses is left as it is.
        with contextlib.suppress(typer.TyperException):
            self.make_context(
                ctx.info_name,
                args,
                parent=ctx.parent,
                resilient_parsing=True,
                ignore_unknown_options=True,
                obj=asked(ctx),
            )


class OptionsFirstGroup(TyperGroup):
    """A group whose line, when it names no command of it (`skillpath shwo rag --json`),
    is still read for the output options that every command has, forgiving."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except typer.TyperException:
            bundle = asked(ctx)
            if args and self.get_command(ctx, args[0]) is None:  # the close names, as Typer's
                bundle.suggestions = tuple(get_close_matches(args[0], self.list_commands(ctx)))
            read_as_any_command(args[1:], bundle, ctx.info_name, ctx)
            raise


if TYPE_CHECKING:
    from typing import TypeAlias

    EveryFormat: TypeAlias = Optional[str]  # noqa: UP045
else:
    EveryFormat = format_choice(Format.SVG, Format.XLSX)


def read_as_any_command(
    args: Sequence[str], bundle: Asked, name: str | None = None, parent: Any = None
) -> None:
    """Fill ``bundle`` from a line as any command would read it, forgiving: its --format
    and --json. For a line that names no command, and for one that cannot be run at all."""

    def any_command(
        fmt: Annotated[EveryFormat, format_option("")] = None,
        as_json: Annotated[bool, json_option("")] = False,
    ) -> None:
        """Only the output options."""

    line = typer.Typer(add_completion=False)
    line.command(cls=OptionsFirst)(any_command)
    with contextlib.suppress(typer.TyperException):
        typer.main.get_command(line).make_context(
            name,
            list(args),
            parent=parent,
            resilient_parsing=True,
            ignore_unknown_options=True,
            obj=bundle,
        )
