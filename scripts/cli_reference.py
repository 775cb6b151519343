"""Writes docs/cli.md, the command-line reference, from the commands' own help.

    python -m scripts.cli_reference          # rewrite docs/cli.md
    python -m scripts.cli_reference --check  # exit 1 if docs/cli.md is out of date

tests/process/test_docs.py runs the check, so the reference cannot drift from the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

from skillpath.cli.app import app, command_names

TARGET = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
HEADER = """# Command-line reference

Generated from the commands' own `--help` by `python -m scripts.cli_reference`; do not edit by
hand. The JSON shapes are in docs/json.md, the exit codes in docs/errors.md.
"""


def help_text(*words: str) -> str:
    args = [part for word in words for part in word.split()]
    # A fixed width, so that the text does not depend on the terminal it is made in.
    result = CliRunner(env={"NO_COLOR": "1"}).invoke(
        app, [*args, "--help"], prog_name="skillpath", terminal_width=100
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout.rstrip() + "\n"


def render() -> str:
    parts = [HEADER, "## skillpath\n", "```text\n" + help_text() + "```\n"]
    for name in command_names():
        parts += [f"## skillpath {name}\n", "```text\n" + help_text(name) + "```\n"]
    return "\n".join(parts)


def main() -> None:
    if "--check" in sys.argv[1:]:
        sys.exit(0 if TARGET.read_text(encoding="utf-8") == render() else 1)
    TARGET.write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    main()
