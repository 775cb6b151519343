"""The layers of DESIGN.md, checked on the source: a pure core, one importer of Rich, a thin
CLI with short commands, and a renderer for every answer in every format."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from skillpath.cli.app import COMMANDS, build_command

PACKAGE = Path(__file__).resolve().parent.parent.parent / "skillpath"
CORE = ["model", "names", "plan", "ladder", "growth", "search", "hiring"]


def runtime_imports(path: Path) -> set[str]:
    """The modules a file imports when it runs (not those only named for type checking)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def top_names(modules: set[str]) -> set[str]:
    return {module.lstrip(".").split(".")[0] for module in modules}


@pytest.mark.parametrize("name", CORE)
def test_the_core_does_no_io_and_knows_no_cli(name: str) -> None:
    imported = runtime_imports(PACKAGE / f"{name}.py")
    assert not {"typer", "rich", "yaml", "platformdirs"} & top_names(imported)
    assert not {m for m in imported if "store" in m or "loading" in m or "render" in m}


def test_only_the_table_renderer_imports_rich() -> None:
    importers = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "rich" in top_names(runtime_imports(path))
    }
    assert importers == {"render/table.py"}


def test_the_cli_never_parses_yaml() -> None:
    for path in (PACKAGE / "cli").glob("*.py"):
        assert "yaml" not in top_names(runtime_imports(path)), path.name


def function_lengths(path: Path) -> dict[str, int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name: (node.end_lineno or node.lineno) - node.lineno + 1
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
    }


@pytest.mark.parametrize("family", sorted(set(COMMANDS.values())))
def test_command_functions_are_at_most_40_lines(family: str) -> None:
    lengths = function_lengths(PACKAGE / "cli" / f"{family}.py")
    long = {name: n for name, n in lengths.items() if name.endswith("_command") and n > 40}
    assert long == {}


def test_importer_functions_are_at_most_50_lines() -> None:
    for path in (PACKAGE / "importer").glob("*.py"):
        long = {name: n for name, n in function_lengths(path).items() if n > 50}
        assert long == {}, path.name


def test_every_answer_has_a_renderer_in_every_format() -> None:
    import importlib

    from skillpath.render import jsonfmt, markdown, rows, table

    registries = {
        "json": jsonfmt.payload.by_type,
        "rows": rows.rows.by_type,
        "markdown": markdown.lines_of.by_type,
        "table": table.renderables.by_type,
    }
    kinds = {name: set(registry) for name, registry in registries.items()}
    assert len(kinds["json"]) >= 11
    assert all(found == kinds["json"] for found in kinds.values()), kinds
    for name in kinds["json"]:  # each name is a real type
        module, _, type_name = name.rpartition(".")
        assert isinstance(getattr(importlib.import_module(module), type_name), type)


def test_every_command_in_the_table_builds() -> None:
    for name in COMMANDS:
        assert build_command(name).name == name
