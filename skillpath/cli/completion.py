"""Tab completion for the shell the user names: ``--show-completion zsh``,
``--install-completion fish``.

Typer's own two options (``add_completion``) are flags that detect the shell and ignore a
shell named after them, so ``--show-completion zsh`` printed the bash script when run from
bash, and when detection fails nothing works at all. These take the shell as an optional
value: named, it wins; left out, the shell is detected as Typer does.

Only public interfaces are used. ``add_completion`` is what makes Typer register its shells
(zsh, fish and PowerShell speak its protocol, not Click's); the first option of a name is the
one the group keeps (``LazyGroup.get_params`` in cli/app.py), so these replace Typer's
flags. A script is what the command prints for the completion instruction ``source_SHELL``,
the protocol every installed script speaks at a tab press. Installing appends one line to the
shell's start-up file, never rewriting it, as Typer's installer did (read whole, then
written whole: a full disk there would have lost the user's file).
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from skillpath.errors import DataError, SkillpathError, UsageError
from skillpath.loading import files

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
OPTIONS = ("--install-completion", "--show-completion")
PROG_NAME = "skillpath"
COMPLETE_VAR = "_SKILLPATH_COMPLETE"
HELP = ("-h", "--help")
RC_LIMIT = 16 * 1024 * 1024  # a start-up file larger than this is not one to append to


def with_shell_values(argv: Sequence[str]) -> list[str]:
    """``argv`` with an empty shell after a completion option given without one.

    Click options either always or never take a value; an empty value stands for "the
    shell you run", so that the bare flag of Typer's documentation keeps working.
    """
    out: list[str] = []
    for position, word in enumerate(argv):
        out.append(word)
        following = argv[position + 1] if position + 1 < len(argv) else None
        bare = following is None or (following.startswith("-") and following not in HELP)
        if word in OPTIONS and bare:  # `--install-completion --help` is refused, not run
            out.append("")
    return out


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


def script_of(ctx: Any, shell: str) -> str:
    """The completion script of ``shell``: what the command prints when the completion
    variable asks for its source, as the shell's own start-up would ask."""
    group = ctx.find_root().command
    printed = io.StringIO()
    previous = os.environ.get(COMPLETE_VAR)
    os.environ[COMPLETE_VAR] = f"source_{shell}"
    code: object = 0
    try:
        with contextlib.redirect_stdout(printed):
            # The group's base ``main``: ours (cli/app.py) would prepare the streams again.
            TyperGroup.main(group, [], PROG_NAME, COMPLETE_VAR)
    except SystemExit as done:  # how Click ends a completion instruction, told or not
        code = done.code
    finally:
        if previous is None:
            del os.environ[COMPLETE_VAR]
        else:
            os.environ[COMPLETE_VAR] = previous
    script = printed.getvalue().strip()  # the template's blank lines round it
    if code not in (0, None) or not script:
        raise SkillpathError(f"tab completion: no script could be made for {shell}")
    script += "\n"
    return script + ZSH_FIRST_TAB if shell == "zsh" else script


# Autoloaded from fpath (as installed), the script's body runs at the first tab press and
# only defines the function: this line lets that first press complete too. Sourced, the
# context is "file" and the line does nothing.
ZSH_FIRST_TAB = (
    'if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _skillpath_completion "$@"; fi\n'
)


def show(ctx: Any, param: Any, value: str | None) -> None:
    if value is None or ctx.resilient_parsing:
        return
    typer.echo(script_of(ctx, chosen_shell(value)), nl=False)
    raise typer.Exit()


def install(ctx: Any, param: Any, value: str | None) -> None:
    if value is None or ctx.resilient_parsing:
        return
    shell = chosen_shell(value)
    script, rc_file, line = placement(shell)
    # The start-up file is read first: one that cannot take the line stops the install
    # before anything is written.
    written = b"" if rc_file is None else start_up_text(rc_file)
    text = script_of(ctx, shell)
    files.make_folder(script.parent)
    files.write_replacing(script, text)
    told = f"{shell} completion installed in {script}"
    if rc_file is not None:
        if line.encode() in written.splitlines():
            told += f"; {rc_file} loads it already"
        else:
            append_line(rc_file, written, line)
            told += f"; added a line that loads it to {rc_file}"
    typer.echo(f"{told}; open a new shell to use it")
    raise typer.Exit()


def placement(shell: str) -> tuple[Path, Path | None, str]:
    """Where ``shell`` finds the script: its file, the start-up file that loads it (none
    where the shell looks in the folder by itself) and the line that does."""
    home = home_folder()
    if shell == "bash":
        script = home / ".bash_completions" / f"{PROG_NAME}.sh"
        return script, home / ".bashrc", f"source {quoted(script)}"
    if shell == "zsh":
        # The line Typer's installer wrote, so that a second install finds it there.
        start_up = Path(os.environ.get("ZDOTDIR") or home) / ".zshrc"
        line = "fpath+=~/.zfunc; autoload -Uz compinit; compinit"
        return home / ".zfunc" / f"_{PROG_NAME}", start_up, line
    if shell == "fish":
        config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
        return config / "fish" / "completions" / f"{PROG_NAME}.fish", None, ""
    profile = powershell_profile(shell)
    script = profile.parent / f"{PROG_NAME}-completion.ps1"
    doubled = str(script).replace("'", "''")  # a quote inside PowerShell's single quotes
    return script, profile, f". '{doubled}'"


def home_folder() -> Path:
    """The user's home folder, where the shells look; refused unless it is an absolute
    path to a folder there already (an empty HOME would name the folder the command runs
    in, or the root)."""
    # Not expanduser: it takes an empty HOME for the root folder.
    home = Path(os.environ["HOME"]) if "HOME" in os.environ else Path.home()
    if not home.is_absolute() or not home.is_dir():
        raise SkillpathError(
            f"tab completion: HOME is {os.environ.get('HOME', str(home))!r}, not the absolute "
            "path of a folder; the shells look for completion in your home folder"
        )
    return home


def quoted(path: Path) -> str:
    """``path`` for a POSIX shell's line: in single quotes as Typer wrote it, so that an
    earlier install's line is found again; quoted whole where the path holds a quote."""
    text = str(path)
    return f"'{text}'" if "'" not in text else shlex.quote(text)


def powershell_profile(shell: str) -> Path:
    """The profile PowerShell loads, as the shell itself names it."""
    try:
        found = subprocess.run(
            [shell, "-NoProfile", "-Command", "echo", "$profile"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except FileNotFoundError:
        raise SkillpathError(
            f"tab completion: {shell} is not installed here, so it cannot name its profile"
        ) from None
    except (OSError, subprocess.SubprocessError) as error:
        raise SkillpathError(
            f"tab completion: {shell} could not be asked for its profile: {error}"
        ) from None
    named = found.stdout.strip()
    if found.returncode != 0 or not named:
        raise SkillpathError(f"tab completion: {shell} did not name its profile")
    return Path(named)


def start_up_text(rc_file: Path) -> bytes:
    """What the shell's start-up file holds (nothing when there is none yet); a folder, a
    pipe, a file too large or unreadable there is refused, never waited on."""
    if not rc_file.exists() and not rc_file.is_symlink():
        return b""
    return files.read_bounded(rc_file, RC_LIMIT, "shell start-up files")


def append_line(rc_file: Path, written: bytes, line: str) -> None:
    """Add ``line`` at the end of ``rc_file``, which holds ``written``: appended, so what
    was there is never rewritten, even when the disk fills up half-way."""
    files.make_folder(rc_file.parent)
    start = b"\n" if written and not written.endswith(b"\n") else b""
    try:
        with open(rc_file, "ab") as out:
            out.write(start + line.encode() + b"\n")
    except OSError as error:
        raise DataError.single(rc_file, f"cannot be written: {error.strerror}") from None
