"""Examples that cannot drift: every console block of README.md and docs/ prints what the
commands print, docs/json.md lists and outlines every schema as it is, and every relative
link leads somewhere."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from scripts import doc_examples
from skillpath import schemas
from tests.conftest import REPO

DOCUMENTS = doc_examples.documents()
LINK = re.compile(r"\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```$", re.M | re.S)


def name(path: Path) -> str:
    return str(path.relative_to(REPO))


@pytest.mark.parametrize("path", DOCUMENTS, ids=name)
def test_every_example_prints_what_it_shows(path: Path) -> None:
    shown = path.read_text(encoding="utf-8")
    printed = doc_examples.render(path)
    diff = "".join(difflib.unified_diff(shown.splitlines(True), printed.splitlines(True)))
    assert shown == printed, (
        f"{name(path)} is out of date: run `python -m scripts.doc_examples`\n{diff}"
    )


@pytest.mark.parametrize("path", [REPO / "README.md", REPO / "docs" / "json.md"], ids=name)
def test_the_main_pages_have_checked_examples(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    blocks = doc_examples.BLOCK.findall(text)
    assert blocks, f"{name(path)} has no checked example"
    assert all(doc_examples.examples_of(block) for block in blocks)


def test_a_command_needing_a_shell_is_refused() -> None:
    for command in ["skillpath list | head", "skillpath list > out", "ls", "skillpath a; b"]:
        with pytest.raises(ValueError):
            doc_examples.arguments(command)
    assert doc_examples.arguments('skillpath show "Deep Learning"  # a comment') == [
        "show",
        "Deep Learning",
    ]


def test_an_elided_example_checks_its_first_lines() -> None:
    (example,) = doc_examples.examples_of("$ skillpath levels\nLowest first\n...\n")
    assert example.elided
    assert doc_examples.render_block("$ skillpath levels\nwrong\n...\n") == (
        "$ skillpath levels\nLowest first\n...\n"
    )


@pytest.mark.parametrize("schema", schemas.names())
def test_the_json_page_lists_and_outlines_every_schema(schema: str) -> None:
    text = doc_examples.JSON_DOC.read_text(encoding="utf-8")
    assert f"- [`{schema}`](../skillpath/schemas/{schema}.json)" in text
    assert f"<!-- shape: {schema} -->" in text, f"docs/json.md has no outline of {schema}"


def anchors(path: Path) -> set[str]:
    """GitHub's anchors of a Markdown file's headings."""
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    found = set()
    for heading in re.findall(r"^#+ (.+)$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        found.add(slug)
    return found


@pytest.mark.parametrize("path", [*DOCUMENTS, doc_examples.CLI_REFERENCE], ids=name)
def test_every_relative_link_resolves(path: Path) -> None:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    broken = []
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        linked = (path.parent / file).resolve() if file else path
        missing = not linked.exists()
        if missing or (anchor and linked.suffix == ".md" and anchor not in anchors(linked)):
            broken.append(target)
    assert broken == []
