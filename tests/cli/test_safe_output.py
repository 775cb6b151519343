"""Text from data and users never reaches the terminal raw, and never as Rich markup.

A framework whose every name, summary and description carries markup (``[/]``,
``[link=...]``) and escape sequences (an OSC that sets the terminal's title, a C1 CSI, a
bidi override) goes through every command in every format. Validation refuses the control
characters in data, so the control-character half lets them through the loader on purpose:
the renderers must escape them whatever the loader lets by.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from skillpath.cli.app import app
from skillpath.loading import checks
from skillpath.text import FORBIDDEN
from tests.conftest import TERMINAL

MARKUP = "[/][link=https://example.com]X[/link][bold]"
MARKUP_IN_MARKDOWN = r"\[/\]\[link=https://example.com\]X\[/link\]\[bold\]"  # reads as MARKUP
# As YAML double-quoted escapes: OSC 2 (set title) ended by BEL, a C1 CSI, a bidi override.
ESCAPES = r"\e]2;PWNED\a \x9b31m \u202e"
FORMATS = ["table", "json", "jsonl", "yaml", "csv", "tsv", "markdown"]


def hostile(word: str) -> str:
    return f'"{word} {MARKUP} {ESCAPES}"'


def write_framework(folder: Path) -> Path:
    (folder / "skills").mkdir(parents=True)
    levels = "".join(
        f"  - {{id: {lv}, name: {hostile(f'Level{lv}')}, aliases: [{hostile(f'alias{lv}')}], "
        f"summary: {hostile('Summary.')}}}\n"
        for lv in ("l1", "l2")
    )
    roles = "".join(
        f"  - {{id: {role}, name: {hostile(f'Role{role}')}, summary: {hostile('Does.')}}}\n"
        for role in ("r1", "r2")
    )
    (folder / "framework.yaml").write_text(
        f"name: {hostile('Team')}\nbundled: false\nlevels:\n{levels}roles:\n{roles}",
        encoding="utf-8",
    )
    cell = (
        f"      required: true\n      description: {hostile('Builds it. Ships it.')}\n"
        f"      evidence: [{hostile('A link')}]\n      questions: [{hostile('Why?')}]\n"
    )
    cells = "".join(
        f"  {role}:\n" + "".join(f"    {lv}:\n{cell}" for lv in ("l1", "l2"))
        for role in ("r1", "r2")
    )
    (folder / "skills" / "s1.yaml").write_text(
        f"id: s1\nname: {hostile('Skill')}\ndomain: {hostile('Domain')}\nupdated: 2026-01-01\n"
        f"source: {hostile('tests')}\nexpectations:\n{cells}",
        encoding="utf-8",
    )
    return folder


COMMANDS = [
    ["list"],
    ["show", "s1"],
    ["show", "s1", "--detail"],
    ["next", "--role", "r1", "--level", "l1"],
    ["roles"],
    ["levels"],
    ["search", "builds"],
    ["search", "[/] builds"],
    ["search", "\x1b]2;PWNED\x07 \x9b31m builds"],
    ["path", "--role", "r1", "--from", "l1", "--to", "l2"],
    ["compare", "--role", "r1", "--role", "r2", "--level", "l1"],
    ["compare", "--role", "r1", "--level", "l1", "--level", "l2"],
    ["progress", "--role", "r1", "--level", "l1"],
    ["job", "--role", "r1", "--level", "l1"],
    ["interview", "--role", "r1", "--level", "l1"],
    ["profile", "show"],
]


@pytest.fixture
def let_controls_through(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(checks, "first_forbidden", lambda text: None)
    yield


def run(*args: str, folder: Path | None = None) -> Result:
    extra = ["-d", str(folder)] if folder is not None and args[0] not in ("profile",) else []
    runner = CliRunner(env={**TERMINAL, "COLUMNS": "200", "SKILLPATH_PATH": ""})
    return runner.invoke(app, [*args, *extra])


def assert_nothing_raw(result: Result) -> None:
    assert isinstance(result.exception, SystemExit | None), repr(result.exception)
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream
        found = FORBIDDEN.search(stream)
        assert found is None, (found, stream[max(0, found.start() - 60) : found.end() + 20])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_control_character_from_the_data_reaches_the_terminal(
    tmp_path: Path, let_controls_through: None, args: list[str], fmt: str
) -> None:
    folder = write_framework(tmp_path / "team")
    result = run(*args, "--format", fmt, folder=folder)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert_nothing_raw(result)
    if fmt == "table" and args[0] in ("show", "roles", "levels", "list", "next", "job"):
        # shown as an escape a person can read (Rich itself drops the BEL that ends it)
        assert "\\x1b]2;PWNED" in result.stdout


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_markup_in_names_is_shown_as_written(tmp_path: Path, args: list[str]) -> None:
    folder = tmp_path / "team"
    write_framework(folder)
    for path in [folder / "framework.yaml", *folder.glob("skills/*.yaml")]:
        path.write_text(path.read_text("utf-8").replace(f" {ESCAPES}", ""), "utf-8")
    result = run(*args, folder=folder)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert_nothing_raw(result)
    if args[0] in ("show", "roles", "levels", "list", "compare", "path", "job", "interview"):
        # job and interview write Markdown, where brackets from the data are escaped
        shown = MARKUP_IN_MARKDOWN if args[0] in ("job", "interview") else MARKUP
        assert shown in result.stdout


def test_validate_and_errors_escape_what_they_quote(tmp_path: Path) -> None:
    folder = write_framework(tmp_path / "team")  # the loader refuses the controls here
    for args in (["validate", str(folder)], ["list", "-d", str(folder)]):
        result = CliRunner(env=TERMINAL).invoke(app, args)
        assert result.exit_code == 1
        assert_nothing_raw(result)
        assert "control character (U+001B)" in result.stdout + result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["show", "\x1b]2;PWNED\x07"],
        ["show", "rag", "--role", "\x9b31m"],
        ["\x1b]2;PWNED\x07"],
        ["show", "--\x1b[31m"],
        ["show", "\x1b]2;PWNED\x07", "--json"],
        ["next", "--role", "ds", "--level", "\u202emid"],
    ],
)
def test_arguments_quoted_in_errors_are_escaped(args: list[str]) -> None:
    result = CliRunner(env=TERMINAL).invoke(app, args)
    assert result.exit_code == 2
    assert_nothing_raw(result)
    assert result.stderr.strip()


TRICKY_CELLS = ["=1+1", "+1", "-x", "@SUM(A1)", "\tx", "'=x", "''@x", "'plain", "plain", "", "'"]


@pytest.mark.parametrize("text", TRICKY_CELLS)
def test_csv_cells_are_neutralised_and_restored_exactly(text: str) -> None:
    from skillpath.render.delimited import FORMULA_STARTS, neutralised, restored

    assert not neutralised(text).startswith(FORMULA_STARTS)
    assert restored(neutralised(text)) == text


def test_a_formula_in_a_description_is_text_in_csv_and_comes_back_on_import(
    tmp_path: Path, invoke
) -> None:
    folder = tmp_path / "team"
    (folder / "skills").mkdir(parents=True)
    formula = '=HYPERLINK("https://example.com","click")'
    cell = f"      required: false\n      description: '{formula}'\n"
    levels = "".join(
        f"    {lv}:\n{cell}" for lv in ("junior", "middle", "senior", "lead", "principal")
    )
    (folder / "skills" / "f.yaml").write_text(
        f"id: f\nname: F\ndomain: D\nexpectations:\n  data-scientist:\n{levels}", "utf-8"
    )
    exported = invoke("show", "f", "-d", str(folder), "--format", "csv")
    assert exported.exit_code == 0, exported.stderr
    assert "'=HYPERLINK" in exported.stdout
    assert ",=HYPERLINK" not in exported.stdout and ',"=HYPERLINK' not in exported.stdout
    csv_file = tmp_path / "f.csv"
    csv_file.write_text(exported.stdout, "utf-8")
    imported = invoke("import", str(csv_file), "-d", str(folder))
    assert imported.exit_code == 0, imported.stderr
    assert formula in imported.stdout
    assert "'=HYPERLINK" not in imported.stdout


def test_markdown_escapes_html_and_keeps_tables_whole(tmp_path: Path, invoke) -> None:
    folder = tmp_path / "team"
    (folder / "skills").mkdir(parents=True)
    html = "<script>alert(1)</script> &lt;b&gt; a | b"
    levels = "".join(
        f"    {lv}:\n      required: false\n      description: '{html}'\n"
        for lv in ("junior", "middle", "senior", "lead", "principal")
    )
    (folder / "skills" / "h.yaml").write_text(
        f"id: h\nname: '<b>H</b> | x'\ndomain: D\nexpectations:\n  data-scientist:\n{levels}",
        "utf-8",
    )
    for args in (["show", "h"], ["list"], ["levels"], ["next", "-r", "ds", "-l", "jr", "h"]):
        result = invoke(*args, "-d", str(folder), "--format", "markdown")
        assert result.exit_code == 0, result.stderr
        assert "<" not in result.stdout
        assert "&lt;b&gt;" not in result.stdout  # an entity in the data is shown as written
    shown = invoke("show", "h", "-d", str(folder), "--format", "markdown").stdout
    assert "&lt;script>alert(1)&lt;/script> &amp;lt;b&amp;gt; a \\| b" in shown
    rows = [line for line in shown.splitlines() if line.startswith("|")]
    assert rows and all(line.count(" | ") == rows[0].count(" | ") for line in rows[2:])
