"""The house rules of the package, checked on the source: packages by domain with a short top,
a pure core, no import circle, one importer of Rich, one way to escape text for the terminal,
short files and functions, and a renderer for every answer in every format."""

from __future__ import annotations

import ast
import functools
import importlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from skillpath.cli.app import COMMANDS, build_command

PACKAGE = Path(__file__).resolve().parent.parent.parent / "skillpath"

# The framework's, the plan's and the team's answers: values in, values out.
CORE_PACKAGES = ("framework", "plan", "team")
# The plan's two modules that keep the state folder, and the team's that keeps the team
# folder's files: the only I/O under the core packages.
PLAN_IO = {"plan.store", "plan.statefiles", "team.files"}
IO_AND_UI = {"typer", "click", "rich", "yaml", "platformdirs", "filelock", "sqlite3", "jinja2"}
NOT_FOR_THE_CORE = ("skillpath.loading", "skillpath.render", "skillpath.cli", "skillpath.site")

MAX_TOP_MODULES = 8
MAX_FILE_LINES = 500
MAX_CLI_FILE_LINES = 450
MAX_CLI_FUNCTION_LINES = 40
MAX_FUNCTION_LINES = 60


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def package_modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imported_at_run_time(
    path: Path, *, for_types_too: bool = False
) -> Iterator[tuple[ast.ImportFrom | ast.Import, str]]:
    """Each import a file runs (at the top or in a function; not those only named for type
    checking, unless ``for_types_too``), with the absolute module it names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for_types = {
        id(node)
        for block in ast.walk(tree)
        if not for_types_too
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    for node in ast.walk(tree):
        if id(node) in for_types:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            yield node, ".".join([*base, *([node.module] if node.module else [])])


def runtime_imports(path: Path) -> set[str]:
    """The modules a file imports when it runs, and the names it takes from them."""
    found: set[str] = set()
    for node, module in imported_at_run_time(path):
        found.add(module)
        if isinstance(node, ast.ImportFrom):
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


def own_imports(path: Path, *, for_types_too: bool = False) -> set[str]:
    """The package's modules a file imports: a name taken from a package's ``__init__`` is
    an import of that ``__init__``, a submodule named in ``from P import M`` one of M."""
    modules = package_modules()
    found: set[str] = set()
    for node, module in imported_at_run_time(path, for_types_too=for_types_too):
        if not module.startswith("skillpath"):
            continue
        if isinstance(node, ast.Import):
            found.add(module)
            continue
        for alias in node.names:
            whole = f"{module}.{alias.name}"
            found.add(whole if whole in modules else module)
    return found - {module_name(path)}


def import_graph() -> dict[str, set[str]]:
    return {name: own_imports(path) for name, path in package_modules().items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of more than one node (Tarjan), each a circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            part = []
            while (taken := stack.pop()) != node:
                part.append(taken)
            if part:
                found.append(sorted([node, *part]))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def top_names(modules: set[str]) -> set[str]:
    return {module.lstrip(".").split(".")[0] for module in modules}


def core_modules() -> list[str]:
    return sorted(
        name.removeprefix("skillpath.")
        for name in package_modules()
        if name.split(".")[1:2] and name.split(".")[1] in CORE_PACKAGES
        if name.removeprefix("skillpath.") not in PLAN_IO
    )


def function_lengths(path: Path) -> dict[str, int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        f"{node.name}:{node.lineno}": (node.end_lineno or node.lineno) - node.lineno + 1
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def in_cli(path: Path) -> bool:
    return path.relative_to(PACKAGE).parts[0] == "cli"


# -- the rooms ----------------------------------------------------------------------------


def test_the_top_of_the_package_holds_a_few_modules_and_the_domain_packages() -> None:
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top
    packages = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()}
    assert {
        "framework",
        "plan",
        "team",
        "authoring",
        "loading",
        "render",
        "site",
        "cli",
    } <= packages


def test_every_package_says_what_it_holds() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), init


# -- the core -------------------------------------------------------------------------------


def test_the_core_is_the_framework_and_the_plan_answers() -> None:
    core = core_modules()
    assert {"framework.model", "framework.ladder", "framework.search", "plan.model"} <= set(core)
    assert {"plan.asking", "plan.progress", "plan.changes", "plan.history"} <= set(core)
    assert {"team.model", "team.summary", "team.sharing"} <= set(core)
    assert not PLAN_IO & set(core)


@pytest.mark.parametrize("name", core_modules())
def test_the_core_does_no_io_and_knows_no_cli(name: str) -> None:
    imported = runtime_imports(package_modules()[f"skillpath.{name}"])
    assert not IO_AND_UI & top_names(imported)
    reaching_out = {m for m in imported if m.startswith(NOT_FOR_THE_CORE)}
    state = {m for m in imported if any(m.startswith(f"skillpath.{io}") for io in PLAN_IO)}
    assert not reaching_out | state


def test_the_core_takes_its_catalogue_as_a_protocol_not_the_loader() -> None:
    for name in core_modules():
        source = package_modules()[f"skillpath.{name}"].read_text(encoding="utf-8")
        assert "skillpath.loading" not in source, name


# -- imports --------------------------------------------------------------------------------


def test_no_import_circle_between_modules() -> None:
    assert circles(import_graph()) == []


def test_no_import_circle_between_packages() -> None:
    folders: dict[str, set[str]] = {}
    for module, imported in import_graph().items():
        home = module.split(".")[1] if module.count(".") else module
        for other in imported:
            there = other.split(".")[1] if other.count(".") else other
            if there != home:
                folders.setdefault(home, set()).add(there)
    assert circles(folders) == []


def cli_import_graph() -> dict[str, set[str]]:
    """The modules of ``skillpath.cli`` and the ones of them each imports: at run time, for
    type checking too, and the family modules the command table imports by their names."""
    graph = {
        name: {other for other in own_imports(path, for_types_too=True) if other in cli}
        for cli in [{name for name in package_modules() if name.startswith("skillpath.cli")}]
        for name, path in package_modules().items()
        if name in cli
    }
    graph["skillpath.cli.app"] |= {f"skillpath.cli.{family}" for family in COMMANDS.values()}
    return graph


def test_no_import_circle_inside_the_cli() -> None:
    """The options, the output and the error boundary import one another one way only:
    app -> the families -> options -> asked and output; none of them back."""
    graph = cli_import_graph()
    assert len(graph) >= 10 and graph["skillpath.cli.app"] >= {"skillpath.cli.framework"}
    assert circles(graph) == []


def test_a_circle_inside_the_cli_is_found() -> None:
    """The check above fails on a circle: the graph with an import of the command table
    from the output module, as a report of errors that asked app for them would add."""
    graph = cli_import_graph()
    graph["skillpath.cli.output"] = graph["skillpath.cli.output"] | {"skillpath.cli.app"}
    assert any({"skillpath.cli.app", "skillpath.cli.output"} <= set(c) for c in circles(graph))


def test_a_circle_is_found() -> None:
    """The check above can fail: a made-up graph with a circle through three modules."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]


def test_only_the_table_renderer_imports_rich() -> None:
    importers = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "rich" in top_names(runtime_imports(path))
    }
    assert importers
    assert all(importer.startswith("render/table/") for importer in importers), importers


# Names with a leading underscore that their library documents: os._exit, and namedtuple's
# own methods, named so that they cannot clash with a field.
DOCUMENTED_UNDERSCORED = {"_exit", "_replace", "_asdict", "_fields", "_make"}


def private_uses(path: Path) -> Iterator[str]:
    """Each private module, name or attribute of another library that ``path`` reaches for:
    ``typer._click``, ``from rich.table import _x``, ``column._cells``; and the names that
    ``typer.completion`` imports from Typer's private modules without declaring them."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            ours = ast.unparse(node.value) in ("self", "cls")
            if not (ours or node.attr.startswith("__") or node.attr in DOCUMENTED_UNDERSCORED):
                yield f"{path.name}:{node.lineno}: {ast.unparse(node)}"
        modules: list[str] = []
        names: list[str] = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules, names = [node.module], [alias.name for alias in node.names]
        for module in modules:
            if module.split(".")[0] in OURS_AND_PYTHONS:
                continue  # our own modules, and CPython's (_signal: its C half of signal)
            private = [part for part in module.split(".") if part[:1] == "_" != part[1:2]]
            if private or module == "typer.completion":
                yield f"{path.name}:{node.lineno}: {module}"
            if any(name.startswith("_") for name in names):
                yield f"{path.name}:{node.lineno}: a private name from {module}"


OURS_AND_PYTHONS = {"skillpath", *sys.stdlib_module_names}


def test_no_private_interface_of_another_library_is_used() -> None:
    found = [use for path in sorted(PACKAGE.rglob("*.py")) for use in private_uses(path)]
    assert found == []


def test_a_private_interface_is_found(tmp_path: Path) -> None:
    source = tmp_path / "uses.py"
    source.write_text(
        "import typer._click\n"
        "from typer.completion import completion_init\n"
        "from rich.table import _hidden\n"
        "width = column._cells\n"
        "os._exit(0)\n"
        "self._mine = point._replace(x=1)\n",
        encoding="utf-8",
    )
    found = sorted(use.partition(": ")[2] for use in private_uses(source))
    assert found == [
        "a private name from rich.table",
        "column._cells",
        "typer._click",
        "typer.completion",
    ]


def test_the_cli_never_parses_yaml() -> None:
    for path in (PACKAGE / "cli").glob("*.py"):
        assert "yaml" not in top_names(runtime_imports(path)), path.name


# -- text for the terminal ------------------------------------------------------------------


def test_tables_escape_text_one_way_dispatched_by_type() -> None:
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from skillpath.render.table import escape

    assert {str, Text, Table, Group, Padding} <= set(escape.escaped.registry)
    for path in (PACKAGE / "render" / "table").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        if path.name != "escape.py":
            assert "printable" not in source, path.name
            # Every table is an EscapedTable, whose cells are escaped as they are added.
            assert not re.search(r"\bTable(\(|\.grid)", source), path.name
    tree = ast.parse((PACKAGE / "render" / "table" / "escape.py").read_text(encoding="utf-8"))
    escapers = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name in {"escaped", "escape_text"}
    ]
    calls = {
        ast.unparse(call.func)
        for function in escapers
        for call in ast.walk(function)
        if isinstance(call, ast.Call)
    }
    assert "isinstance" not in calls


# -- sizes ----------------------------------------------------------------------------------


def test_no_file_is_long() -> None:
    long = {
        path.relative_to(PACKAGE).as_posix(): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := line_count(path)) > (MAX_CLI_FILE_LINES if in_cli(path) else MAX_FILE_LINES)
    }
    assert long == {}


def test_no_function_is_long() -> None:
    long = {
        f"{path.relative_to(PACKAGE).as_posix()}:{name}": lines
        for path in PACKAGE.rglob("*.py")
        for name, lines in function_lengths(path).items()
        if lines > (MAX_CLI_FUNCTION_LINES if in_cli(path) else MAX_FUNCTION_LINES)
    }
    assert long == {}


def test_importer_functions_are_at_most_50_lines() -> None:
    for path in (PACKAGE / "authoring" / "importer").glob("*.py"):
        long = {name: n for name, n in function_lengths(path).items() if n > 50}
        assert long == {}, path.name


# -- the command table and the renderers ----------------------------------------------------


@pytest.mark.parametrize("family", sorted(set(COMMANDS.values())))
def test_every_command_family_is_a_module_of_the_cli(family: str) -> None:
    assert (PACKAGE / "cli" / f"{family}.py").is_file()


def test_every_answer_has_a_renderer_in_every_format() -> None:
    from skillpath.render import jsonfmt, markdown, rows
    from skillpath.render.table import draw

    registries = {
        "json": jsonfmt.payload.by_type,
        "rows": rows.rows.by_type,
        "markdown": markdown.lines_of.by_type,
        "table": draw.renderables.by_type,
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
