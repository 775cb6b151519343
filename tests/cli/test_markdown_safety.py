"""Markdown from hostile data: names, descriptions, notes and links that are written as
Markdown (links, images, HTML, headings, lists, code) come out as text, so the document has
exactly the structure it has with plain words in their place, and no link or image but the
ones the renderer means: a plain web address given as a piece of evidence's link, and the
promotion packet's own chart."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from skillpath.loading import paths
from skillpath.render.markdown import inline
from tests.conftest import BUNDLED, Invoke

# Every inline construct Markdown has, and a character reference, in one value ...
ATTACK = (
    "[click](http://evil.example/x) ![i](http://evil.example/p.png) <b>bold</b> "
    "<http://evil.example/auto> [ref] [ref][] `tick` *em* **strong** _em_ ~~gone~~ "
    "a | b &lt;i&gt; \\[x](http://evil.example/esc) trailing ##"
)
# ... and, in turn at its start, every block construct (a value may start a line).
STARTS = [
    "[ref]: http://evil.example/definition ",
    "# ",
    "> ",
    "- ",
    "+ ",
    "* ",
    "1. ",
    "2) ",
    "=== ",
    "--- ",
    "<div> ",
    "``` ",
    "~~~ ",
    "| ",
]
OK_LINK = "https://ok.example/pr/1"  # the one link the data asks for as a link
BAD_LINKS = [
    "javascript:alert(1)",
    "http://evil.example/a)[b](http://evil.example/c",
    "https://evil.example/<img>",
    "//evil.example/x",
]
ROLE, LEVEL, MD = ("-r", "llm-engineer"), ("-l", "middle"), ("-f", "markdown")
DOCUMENTS = {
    "show": ["show", "hostile", *MD],
    "next": ["next", *ROLE, *LEVEL, "hostile", *MD],
    "job": ["job", *ROLE, *LEVEL],  # Markdown by default
    "interview": ["interview", *ROLE, *LEVEL],
    "list": ["list", *MD],
    "roles": ["roles", *MD],
    "levels": ["levels", *MD],
    "path": ["path", *ROLE, "--from", "junior", "--to", "lead", "hostile", *MD],
    "compare": ["compare", "-r", "data-scientist", *ROLE, "--level", "middle", "hostile", *MD],
    "progress": ["progress", *ROLE, *LEVEL, "hostile", *MD],
    "search": ["search", "zebra", *MD],
    "log": ["log", *MD],
    "profile": ["profile", "show", *MD],
}
PARSER = MarkdownIt("commonmark").enable("table")
Words = Callable[[str], str]


def hostile_words() -> Words:
    """A new hostile value each call: the tag keeps names apart, "zebra" is a search term."""
    starts = iter(STARTS * 10)
    return lambda tag: f"{next(starts)}{tag} {ATTACK} zebra"


def plain_words() -> Words:
    return lambda tag: f"Plain {tag} zebra"


def write_data(folder: Path, words: Words) -> None:
    """The bundled framework with its names and summaries in ``words``, and one skill in
    them, alone: no other skill's name sorts between the two variants' and moves it."""
    for other in (folder / "skills").glob("*.yaml"):
        other.unlink()
    framework_file = folder / "framework.yaml"
    framework = yaml.safe_load(framework_file.read_text(encoding="utf-8"))
    for kind in ("levels", "roles"):
        for entry in framework[kind]:
            entry["name"] = words(f"{entry['id']} name")
            entry["summary"] = words(f"{entry['id']} summary")
            entry["aliases"] = [words(f"{entry['id']} alias")]
    framework_file.write_text(yaml.safe_dump(framework, allow_unicode=True), encoding="utf-8")
    cells = {
        role: {
            level: {
                "required": level != "junior",
                "description": words(f"{role} {level} description"),
                "items": [words(f"{role} {level} item {n}") for n in range(1, 5)],
                "examples": [words(f"{role} {level} example")],
                "evidence": [words(f"{role} {level} evidence")],
                "questions": [words(f"{role} {level} question {n}") for n in (1, 2)],
            }
            for level in ("junior", "middle", "senior", "lead", "principal")
        }
        for role in ("llm-engineer", "data-scientist")
    }
    skill = {
        "id": "hostile",
        "name": words("skill name"),
        "domain": words("domain"),
        "updated": "2026-01-01",
        "source": words("source"),
        "notes": words("notes"),
        "expectations": cells,
    }
    skill_file = folder / "skills" / "hostile.yaml"
    skill_file.write_text(yaml.safe_dump(skill, allow_unicode=True), encoding="utf-8")


def mark_progress(invoke: Invoke, words: Words) -> None:
    """A profile, marks with hostile notes, links and reasons, and a history of them."""
    for args in (
        ["profile", "set", *ROLE, *LEVEL],
        ["done", "hostile:1", "--note", words("note 1"), "--link", OK_LINK],
        *(
            ["done", "hostile:2", "--note", words(f"note {n}"), "--link", link]
            for n, link in enumerate(BAD_LINKS, start=2)
        ),
        ["skip", "hostile:3", "--reason", words("reason")],
        ["start", "hostile:4"],
    ):
        result = invoke(*args)
        assert result.exit_code == 0, (args, result.stderr)


def reword_first_item(folder: Path) -> None:
    """The first marked item reworded, so that the packet shows its mark as stale."""
    path = folder / "skills" / "hostile.yaml"
    skill = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = skill["expectations"]["llm-engineer"]["senior"]["items"]
    items[0] = items[0] + " reworded"
    path.write_text(yaml.safe_dump(skill, allow_unicode=True), encoding="utf-8")


def render_all(invoke: Invoke, folder: Path, words: Words) -> dict[str, str]:
    write_data(folder, words)
    mark_progress(invoke, words)
    reword_first_item(folder)
    documents = {}
    for name, args in DOCUMENTS.items():
        result = invoke(*args)
        assert result.exit_code == 0, (name, result.stderr)
        documents[name] = result.stdout
    return documents


@pytest.fixture
def hostile(invoke: Invoke, data_dir: Path) -> dict[str, str]:
    return render_all(invoke, data_dir, hostile_words())


@pytest.fixture
def plain(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[[], dict[str, str]]:
    """The same documents with plain words, from their own data folder and home: called
    after the hostile ones, whose data folder it then stands in for."""

    def render() -> dict[str, str]:
        folder = tmp_path / "plain"
        shutil.copytree(BUNDLED, folder / "data")
        monkeypatch.setattr(paths, "bundled_root", lambda: folder / "data")
        monkeypatch.setenv("SKILLPATH_HOME", str(folder / "home"))
        monkeypatch.setenv("SKILLPATH_CACHE_DIR", str(folder / "cache"))
        return render_all(invoke, folder / "data", plain_words())

    return render


def tokens(document: str) -> Iterator[Token]:
    for token in PARSER.parse(document):
        yield token
        yield from token.children or ()


def shape(document: str) -> list[str]:
    """The document's structure: every block and inline token but the text."""
    return [t.type for t in tokens(document) if t.type not in ("text", "text_special")]


def assert_only_meant_links(name: str, document: str) -> None:
    for token in tokens(document):
        assert token.type not in ("html_inline", "html_block"), (name, token.content)
        if token.type == "link_open":
            assert token.attrGet("href") == OK_LINK, (name, token.attrs)
        if token.type == "image":
            assert (name, token.attrGet("src")) == ("progress", "progress.svg"), token.attrs


def test_no_link_image_or_html_but_the_ones_meant(hostile: dict[str, str]) -> None:
    for name, document in hostile.items():
        assert "evil.example" in document, name  # the hostile data is there, as text
        assert_only_meant_links(name, document)
    packet = hostile["progress"]
    hrefs = [t.attrGet("href") for t in tokens(packet) if t.type == "link_open"]
    assert hrefs == [OK_LINK]  # the evidence link the data gave as a link field
    assert "## Reworded or removed items" in packet  # a stale mark's text is escaped too
    for bad in BAD_LINKS:  # every other link is shown, as text
        assert inline(bad) in packet and inline(bad) in hostile["log"]


def test_hostile_data_forms_the_markup_plain_words_form(
    hostile: dict[str, str], plain: Callable[[], dict[str, str]]
) -> None:
    for name, document in plain().items():
        if name != "search":  # which hits come first depends on the words
            assert shape(hostile[name]) == shape(document), name


def test_a_hostile_search_keeps_a_table_row_per_hit(
    hostile: dict[str, str], invoke: Invoke, invoke_json: Callable[..., Any]
) -> None:
    hits = invoke_json("search", "zebra")["hits"]
    assert [t.type for t in tokens(hostile["search"])].count("tr_open") == len(hits) + 1
    query = f"{STARTS[0]}{ATTACK}".split(" <http")[0]  # a search takes at most 32 words
    result = invoke("search", query, "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    assert_only_meant_links("search query", result.stdout)
    assert [t.type for t in tokens(result.stdout)].count("heading_open") == 1


def test_hostile_text_reads_as_written(hostile: dict[str, str]) -> None:
    """Rendered, the escaped name is the name: nothing lost to the escaping."""
    heading = next(t for t in PARSER.parse(hostile["show"]) if t.type == "inline")
    shown = "".join(child.content for child in heading.children or ())
    assert any(shown == f"{start}skill name {ATTACK} zebra".strip() for start in STARTS)


def test_validate_quotes_hostile_names_as_text(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "team"
    shutil.copytree(BUNDLED, folder)
    broken = {"id": "[x](http://evil.example/id)", "name": f"# {ATTACK}", ATTACK: 1}
    # a backtick would end the code span a file name is otherwise shown in
    (folder / "skills" / "`[click](http:evil)` <b>.yaml").write_text(
        yaml.safe_dump(broken), encoding="utf-8"
    )
    result = invoke("validate", str(folder), "--format", "markdown")
    assert result.exit_code == 1, result.stderr
    assert "[click](http:evil)" in result.stdout.replace("\\", "")
    assert_only_meant_links("validate", result.stdout)
    assert [t.type for t in tokens(result.stdout)].count("heading_open") == 1


@pytest.mark.parametrize(
    "text",
    [
        "LoRA and QLoRA, step-by-step: 2.5x faster!",
        "snake_case, C#, a - b, e.g. v1.2 (see notes)",
        "Communication & Stakeholder Work",
        "5 > 3 and 1.5 = 3/2",
    ],
)
def test_prose_is_left_as_it_is(text: str) -> None:
    assert inline(text) == text


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("[a](b) ![c](d)", r"\[a\](b) \!\[c\](d)"),
        ("<b> &lt; &", "&lt;b> &amp;lt; &"),
        ("*a* _b_ `c` ~d~ e|f \\", r"\*a\* \_b\_ \`c\` \~d\~ e\|f \\"),
        ("# heading #", r"\# heading \#"),
        ("> quote", r"\> quote"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("=== x", r"\=== x"),
        ("1. item", r"1\. item"),
        ("12) item", r"12\) item"),
        ("two\nlines\tand  spaces", "two lines and spaces"),
    ],
)
def test_what_could_form_markup_is_escaped(text: str, escaped: str) -> None:
    assert inline(text) == escaped
