"""The ``skillpath`` command: a lazy table of its commands, and the one error boundary.

A run imports and builds only the command it names (Typer would otherwise turn every
command's parameters into Click objects at each start): Click's lazy group, whose
``list_commands`` and ``get_command`` answer from ``COMMANDS``. Errors meant for the user are
raised as ``SkillpathError`` anywhere below and become a message on stderr and an exit code
here, once; a run whose options asked for JSON (``cli/asked.py``, the bundle in Click's
context) gets its errors, Click's usage errors included, as a JSON object on stderr.
"""

from __future__ import annotations

import gc
import importlib
import signal
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, Any, Protocol, cast

import typer
from typer.core import TyperCommand

from skillpath.cli import completion, streams
from skillpath.cli.asked import Asked, OptionsFirst, OptionsFirstGroup, read_as_any_command
from skillpath.cli.output import progress_cleared
from skillpath.errors import EXIT_INTERRUPTED, OutputError, SkillpathError

# Command name -> the family module under skillpath.cli that declares it, in help order.
COMMANDS = {
    "list": "framework",
    "show": "framework",
    "next": "framework",
    "roles": "framework",
    "levels": "framework",
    "init": "authoring",
    "validate": "authoring",
    "new": "authoring",
    "import": "authoring",
    "done": "marks",
    "start": "marks",
    "skip": "marks",
    "undo": "marks",
    "evidence": "marks",
    "progress": "growth",
    "log": "growth",
    "path": "growth",
    "compare": "growth",
    "search": "framework",
    "schema": "framework",
    "profile": "growth",
    "site": "sharing",
    "job": "sharing",
    "interview": "sharing",
    "mcp": "assistant",
    "share": "team",
    "team": "team",
    "review": "team",
    "calibrate": "team",
}


class LazyCommands(Mapping[str, Any]):
    """The group's commands: every name known from ``COMMANDS``, each built when first read,
    so that Typer's "did you mean", which looks at the names the group was given, sees
    them all without building any."""

    def __init__(self) -> None:
        self.built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in COMMANDS:
            raise KeyError(name)
        if name not in self.built:
            self.built[name] = build_command(name)
        return self.built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class LazyGroup(OptionsFirstGroup):
    """Typer's group as Click's documented lazy group: ``list_commands`` and
    ``get_command`` answer from ``COMMANDS``, building a command when first asked for."""

    def __init__(self, **attrs: Any) -> None:
        attrs["commands"] = LazyCommands()  # none are declared on the app itself
        super().__init__(**attrs)
        self.lazy = attrs["commands"]

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return self.lazy.get(cmd_name)

    def get_params(self, ctx: Any) -> list[Any]:
        """Each option name once, the first declared: the completion options of ``main``
        below, which take a shell, over the flags that Typer's ``add_completion`` adds."""
        kept: list[Any] = []
        names: set[str] = set()
        for param in super().get_params(ctx):
            opts = set(getattr(param, "opts", ()))
            if not opts & names:
                names |= opts
                kept.append(param)
        return kept

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        argv = completion.with_shell_values(sys.argv[1:] if args is None else args)
        asked = Asked()  # ctx.obj of every context of the run: what its options ask for
        try:
            if sys.stdout is None:  # refused before the line is parsed: told as it asks
                read_as_any_command(argv, asked)
            streams.prepare()
            with progress_cleared():
                outcome = super().main(
                    argv, prog_name, complete_var, False, windows_expand_args, obj=asked, **extra
                )
            code = outcome if isinstance(outcome, int) else 0
            streams.flush()  # a full disk is reported here, not by Python at exit
        except Exception as error:
            code = report_error(error, as_json=asked.json, suggestions=asked.suggestions)
        if not standalone_mode:
            return code
        sys.exit(code)


def build_command(name: str) -> Any:
    """The Click command for ``name``, from the Typer app of its family module; every
    command an ``OptionsFirst``, whose output options are read even from a wrong line."""
    family = importlib.import_module(f"skillpath.cli.{COMMANDS[name]}")
    for group in family.groups:
        if group.info.name == name:
            for info in group.registered_commands:
                options_first(info)
            return typer.main.get_group(group)
    info = next(info for info in family.app.registered_commands if info.name == name)
    options_first(info)
    return typer.main.get_command_from_info(
        info, pretty_exceptions_short=False, rich_markup_mode=None
    )


def options_first(info: Any) -> None:
    """A command declared with Typer's own class, made an ``OptionsFirst``."""
    if info.cls in (None, TyperCommand):
        info.cls = OptionsFirst


def report_error(error: Exception, *, as_json: bool, suggestions: Sequence[str] = ()) -> int:
    """Say what went wrong on stderr, as text or JSON, and return the exit code."""
    from skillpath.cli import output

    if isinstance(error, SkillpathError):
        output.report(error, as_json=as_json)
        return error.exit_code
    if isinstance(error, typer.Abort):
        typer.echo("Aborted!", err=True)
        return 1
    if isinstance(error, BrokenPipeError):  # the reader left (`| head -1`): nothing to say
        streams.discard_stdout()
        return 1
    if isinstance(error, OSError) and error.filename is None:  # stdout failed (a full disk)
        streams.discard_stdout()
        return report_error(
            OutputError(f"cannot write the output: {reason(error)}"), as_json=as_json
        )
    if isinstance(error, RuntimeError) and isinstance(error.__cause__, KeyboardInterrupt):
        return EXIT_INTERRUPTED  # Ctrl-C in a class body being built arrives wrapped
    if not isinstance(error, typer.TyperException):
        raise error
    # Click's own errors (a usage error, a bad parameter). Typer bundles Click privately
    # (typer._click) and exports none of its exception classes but BadParameter; what it
    # exports is their base, TyperException, with the exit code and the message. Its one
    # subclass is Click's ClickException, which shows itself (usage, hint, message).
    clicks = cast(ClickError, error)
    if as_json:
        output.write_json_error(
            "usage", clicks.format_message(), clicks.exit_code, suggestions=list(suggestions)
        )
    else:
        output.show_usage_error(clicks.show)
    return clicks.exit_code


class ClickError(Protocol):
    """What Click's ClickException, every TyperException Typer raises, offers."""

    exit_code: int

    def format_message(self) -> str: ...

    def show(self, file: IO[Any] | None = None) -> None: ...


def reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


app = typer.Typer(
    name="skillpath",
    cls=LazyGroup,
    help=(
        "What is expected of you at your level, and what to cover to reach the next one.\n\n"
        "Shows the skills of a career framework as Junior-to-Principal matrices, by role and "
        "level, as tables for people or JSON, CSV, YAML and Markdown for everything else."
    ),
    no_args_is_help=True,
    # Typer registers its shells' completion (zsh, fish, PowerShell); the options that
    # `main` declares under the same names take the shell as a value (cli/completion.py).
    add_completion=True,
    # Plain help and plain one-line errors: nothing to parse around, and no Rich at start-up.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,  # a user never sees a traceback, nor its local values
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def version_callback(value: bool) -> None:
    if value:
        from skillpath import __version__

        typer.echo(f"skillpath {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False,
        "--version",
        callback=version_callback,
        is_eager=True,
        help="Show the version and exit.",
    ),
    install_completion: str | None = typer.Option(
        None,
        "--install-completion",
        metavar="[SHELL]",
        callback=completion.install,
        expose_value=False,
        is_eager=True,
        help="Install tab completion for SHELL (bash, zsh, fish, powershell; by default the "
        "shell you run), then open a new shell.",
    ),
    show_completion: str | None = typer.Option(
        None,
        "--show-completion",
        metavar="[SHELL]",
        callback=completion.show,
        expose_value=False,
        is_eager=True,
        help="Print the tab completion script for SHELL (by default the shell you run), to "
        "keep where you keep such things.",
    ),
) -> None:
    """What is expected of you at your level, and what to cover to reach the next one."""


def run() -> None:
    """The console script's entry point."""
    try:
        # From here a Ctrl-C unwinds (files being written are cleaned up) and exits 130;
        # until now it ended the process outright (skillpath/__main__.py).
        if signal.getsignal(signal.SIGINT) == signal.SIG_DFL:
            signal.signal(signal.SIGINT, signal.default_int_handler)
        sys.unraisablehook = interrupt_again
        app(prog_name="skillpath")
    except KeyboardInterrupt:  # Ctrl-C before Click took over, or after it let go
        sys.exit(EXIT_INTERRUPTED)
    finally:
        leave_objects_to_the_system()


def leave_objects_to_the_system() -> None:
    """Spare the process the walk over its objects that Python makes at exit.

    At exit Python walks every object it holds in search of reference cycles, and frees the
    modules' classes and functions one by one: a fifth of a short run such as `next --json`
    (benchmarks/startup.py), freeing memory that the system takes back at exit anyway.
    Frozen objects are passed over. Nothing the run must finish depends on that walk: stdout
    is flushed, files and databases are written and closed by their ``with`` blocks and
    transactions, and atexit handlers still run.
    """
    gc.freeze()


def interrupt_again(unraisable: Any) -> None:
    """A Ctrl-C that landed where Python cannot raise it (a callback while a module is
    imported) would be printed as "Exception ignored" and then lost; send it again, to
    arrive where it can be."""
    if issubclass(unraisable.exc_type, KeyboardInterrupt):
        signal.raise_signal(signal.SIGINT)
    else:
        sys.__unraisablehook__(unraisable)


def command_names() -> list[str]:
    """Every command as a user types it, a group's commands after it ("profile set")."""
    names = []
    for name in COMMANDS:
        names.append(name)
        names += [f"{name} {sub}" for sub in getattr(build_command(name), "commands", {})]
    return names
