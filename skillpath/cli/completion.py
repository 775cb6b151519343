"""Tab completion for the shell the user names: ``--show-completion zsh``,
``--install-completion fish``.

Typer's own two options are flags that detect the shell and ignore a shell named after
them, so ``--show-completion zsh`` printed the bash script when run from bash (and when
detection fails, nothing works at all). These take the shell as an optional value: named,
it wins; left out, the shell is detected as Typer does. The scripts, the installers and the
completion protocol itself are Typer's.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer

from skillpath.errors import UsageError

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
OPTIONS = ("--install-completion", "--show-completion")
PROG_NAME = "skillpath"
COMPLETE_VAR = "_SKILLPATH_COMPLETE"


def with_shell_values(argv: Sequence[str]) -> list[str]:
    """``argv`` with an empty shell after a completion option given without one.

    Click options either always or never take a value; an empty value stands for "the
    shell you run", so that the bare flag of Typer's documentation keeps working.
    """
    out: list[str] = []
    for position, word in enumerate(argv):
        out.append(word)
        following = argv[position + 1] if position + 1 < len(argv) else None
        if word in OPTIONS and (following is None or following.startswith("-")):
            out.append("")
    return out


def register_shells() -> None:
    """Typer's completion classes (zsh and fish speak its own protocol, not Click's)."""
    # typer.completion re-exports these without declaring them; the modules behind them are
    # private. Typer is capped below 0.29 (pyproject.toml), and the tests run each of them.
    from typer.completion import completion_init  # type: ignore[attr-defined]

    completion_init()


def detected_shell() -> str:
    """The shell skillpath runs under, as Typer finds it, else the login shell."""
    try:
        import shellingham  # type: ignore[import-untyped]  # Typer's, for the same question

        name, _ = shellingham.detect_shell()
        return str(name)
    except Exception:  # not installed, or no shell among the parents (CI, an IDE)
        return Path(os.environ.get("SHELL", "")).name


def chosen_shell(value: str) -> str:
    shell = value.strip().casefold() or detected_shell()
    if shell not in SHELLS:
        what = f"the shell {shell!r}" if shell else "no shell could be detected, and none given"
        raise UsageError(
            f"tab completion: {what} is not one skillpath completes for; name one of "
            f"{', '.join(SHELLS)}, e.g. --show-completion zsh"
        )
    return shell


def show(ctx: Any, param: Any, value: str | None) -> None:
    if value is None or ctx.resilient_parsing:
        return
    from typer.completion import get_completion_script  # type: ignore[attr-defined]

    register_shells()
    script = get_completion_script(
        prog_name=PROG_NAME, complete_var=COMPLETE_VAR, shell=chosen_shell(value)
    )
    typer.echo(script)
    raise typer.Exit()


def install(ctx: Any, param: Any, value: str | None) -> None:
    if value is None or ctx.resilient_parsing:
        return
    from typer.completion import install as install_for  # type: ignore[attr-defined]

    register_shells()
    shell, path = install_for(
        shell=chosen_shell(value), prog_name=PROG_NAME, complete_var=COMPLETE_VAR
    )
    typer.echo(f"{shell} completion installed in {path}; open a new shell to use it")
    raise typer.Exit()
