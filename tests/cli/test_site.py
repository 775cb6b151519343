"""skillpath site without a browser: what it writes, byte for byte the same each time,
escaped, nothing from other hosts, no personal progress, and folders it will not touch."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from skillpath.loading import open_catalog
from skillpath.site.build import MANIFEST, build_site
from tests.conftest import Invoke


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def search_index(folder: Path) -> list[dict[str, str]]:
    text = (folder / "assets" / "search-index.js").read_text(encoding="utf-8")
    prefix = "window.SKILLPATH_INDEX = "
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix) : -2])


def own_framework(folder: Path, description: str, name: str = "Oncall") -> Path:
    (folder / "skills").mkdir(parents=True, exist_ok=True)
    (folder / "framework.yaml").write_text(
        "name: Platform <Ops>\nbundled: false\nlevels:\n"
        "  - {id: l1, name: L1}\n  - {id: l2, name: L2}\n"
        "roles:\n  - {id: sre, name: SRE, summary: Keeps <things> up.}\n",
        encoding="utf-8",
    )
    cells = "".join(
        f"    {level}:\n      required: true\n      description: {json.dumps(description)}\n"
        for level in ("l1", "l2")
    )
    (folder / "skills" / "oncall.yaml").write_text(
        f"id: oncall\nname: {json.dumps(name)}\ndomain: Ops\nexpectations:\n  sre:\n{cells}",
        encoding="utf-8",
    )
    return folder


def test_site_writes_an_index_a_page_per_skill_and_per_role_and_level(
    invoke: Invoke, tmp_path: Path
) -> None:
    out = tmp_path / "public"
    result = invoke("site", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    catalog = open_catalog()
    skills, roles = catalog.skills(), catalog.framework.roles
    levels = catalog.framework.levels
    pages = 2 + len(skills) + len(roles) * len(levels)
    assert result.stdout.startswith(f"Wrote {pages} pages (")
    for skill in skills:
        assert (out / "skills" / f"{skill.id}.html").is_file()
    senior = (out / "roles" / "llm-engineer" / "senior.html").read_text(encoding="utf-8")
    assert "<h1>Senior LLM Engineer</h1>" in senior
    assert "What changes at Lead" in senior
    page = (out / "skills" / "deep-learning.html").read_text(encoding="utf-8")
    assert "Interview questions" in page and "Evidence a reviewer accepts" in page
    assert "progressive growing was a GAN training technique" in page  # the skill's notes
    assert not (out / "404.html").exists()  # only with --base-url


def test_the_same_data_builds_the_same_bytes(tmp_path: Path) -> None:
    build_site(open_catalog(), tmp_path / "a")
    build_site(open_catalog(), tmp_path / "b")
    first = files_of(tmp_path / "a")
    assert first == files_of(tmp_path / "b")
    build_site(open_catalog(), tmp_path / "a")  # a rebuild in place changes nothing
    assert files_of(tmp_path / "a") == first


def test_personal_progress_never_reaches_the_site(invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("site", str(tmp_path / "before")).exit_code == 0
    invoke("profile", "set", "--role", "llm", "--level", "middle")
    invoke("next", "rag")  # numbers the items, so that rag:1 names one
    assert invoke("done", "rag:1", "--note", "PR 4711, private").exit_code == 0
    assert invoke("site", str(tmp_path / "after")).exit_code == 0
    assert files_of(tmp_path / "before") == files_of(tmp_path / "after")


def test_nothing_is_loaded_from_other_hosts(tmp_path: Path) -> None:
    build_site(open_catalog(), tmp_path / "site", "https://example.org/career/")
    for name, data in files_of(tmp_path / "site").items():
        text = data.decode("utf-8")
        for link in re.findall(r"""(?:src|href)=["']([^"']*)""", text):
            assert (
                link.startswith("https://example.org/career/")
                or not re.match(r"[a-z]+:|//", link)
                or link == "data:,"
            ), (name, link)
        assert "@import" not in text and "url(" not in text, name
        # The one absolute URL besides the site's own is SVG's namespace, which loads nothing.
        others = set(re.findall(r"https?://[^\s\"'<>]+", text)) - {"http://www.w3.org/2000/svg"}
        assert all(url.startswith("https://example.org/career/") for url in others), name


def test_text_from_the_data_is_escaped(tmp_path: Path) -> None:
    data = own_framework(tmp_path / "own", 'Runs <script>alert("x")</script> drills.', "On<b>call")
    out = tmp_path / "site"
    build_site(open_catalog([data]), out)
    for name, raw in files_of(out).items():
        text = raw.decode("utf-8")
        assert "<script>alert" not in text and "<b>call" not in text, name
    page = (out / "skills" / "oncall.html").read_text(encoding="utf-8")
    assert "Runs &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; drills." in page
    assert "<h1>On&lt;b&gt;call</h1>" in page
    assert "<title>On&lt;b&gt;call · Platform &lt;Ops&gt;</title>" in page
    assert any(e["title"] == "On<b>call" for e in search_index(out))  # as text, in JSON


def test_a_framework_of_ones_own_gets_its_own_ladder(tmp_path: Path) -> None:
    data = own_framework(tmp_path / "own", "Answers pages. Writes postmortems.")
    out = tmp_path / "site"
    build_site(open_catalog([data]), out)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")) == [
        "index.html",
        "roles/sre/l1.html",
        "roles/sre/l2.html",
        "search.html",
        "skills/oncall.html",
    ]


def test_search_index_points_at_cells_of_the_skill_pages(tmp_path: Path) -> None:
    build_site(open_catalog(), tmp_path / "site")
    entries = search_index(tmp_path / "site")
    hits = [e for e in entries if "mixture of experts" in e["words"]]
    assert "skills/deep-learning.html#llm-engineer-middle" in {e["url"] for e in hits}
    assert all(set(e) == {"title", "url", "shown", "words"} for e in entries)


def test_a_folder_with_other_files_is_refused_and_left_alone(
    invoke: Invoke, tmp_path: Path
) -> None:
    out = tmp_path / "notes"
    out.mkdir()
    (out / "mine.txt").write_text("keep me", encoding="utf-8")
    result = invoke("site", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        f"error: {out}: is not empty and holds no site that skillpath built; nothing was "
        "written (give a new or empty folder)\n"
    )
    assert [p.name for p in out.iterdir()] == ["mine.txt"]
    file = tmp_path / "file.html"
    file.write_text("x", encoding="utf-8")
    assert invoke("site", str(file)).exit_code == 1 and file.read_text(encoding="utf-8") == "x"


def test_a_rebuild_removes_only_the_pages_it_wrote_before(tmp_path: Path) -> None:
    data = own_framework(tmp_path / "own", "Answers pages.")
    out = tmp_path / "site"
    build_site(open_catalog([data]), out)
    (out / "CNAME").write_text("career.example.org\n", encoding="utf-8")
    build_site(open_catalog(), out)
    assert not (out / "skills" / "oncall.html").exists()
    assert (out / "CNAME").read_text(encoding="utf-8") == "career.example.org\n"
    assert "  skills/rag.html\n" in (out / MANIFEST).read_text(encoding="utf-8")


def test_base_url_gives_canonical_links_and_a_404_page(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert invoke("site", str(out), "--base-url", "/career").exit_code == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="/career/index.html">' in index
    assert 'href="assets/site.css"' in index  # pages still link relatively
    missing = (out / "404.html").read_text(encoding="utf-8")
    assert 'href="/career/assets/site.css"' in missing and 'href="/career/index.html"' in missing


@pytest.mark.parametrize("url", ["career", "ftp://example.org/", "/a b/", "https://x.org?q=1"])
def test_a_base_url_that_is_no_url_is_a_usage_error(
    invoke: Invoke, tmp_path: Path, url: str
) -> None:
    result = invoke("site", str(tmp_path / "site"), "--base-url", url)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --base-url ")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("url", ["//evil.example/", "//evil.example", "//", "///evil.example/"])
def test_a_protocol_relative_base_url_is_refused(invoke: Invoke, tmp_path: Path, url: str) -> None:
    result = invoke("site", str(tmp_path / "site"), "--base-url", url)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --base-url ")
    assert "protocol-relative URL, which points to another host" in result.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    "url",
    ["/\\evil.example/", "/career\\", "https://x.org\\@evil.example/", "/\t/evil.example/",
     "/career\n", "/\x1b[31m", "/career\x00", "/ca\x85reer"],
)  # fmt: skip
def test_a_base_url_with_a_backslash_or_control_character_is_refused(
    invoke: Invoke, tmp_path: Path, url: str
) -> None:
    result = invoke("site", str(tmp_path / "site"), "--base-url", url)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --base-url ")
    assert "holds a backslash or a control character" in result.stderr
    assert "\x1b[" not in result.stderr  # the value is quoted escaped, never raw
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("url", "words"),
    [("https://good@evil.example/", "has a user name or password before its host ('good@')"),
     ("https://:@/", "has a user name or password before its host (':@')"),
     ("https://career.example.org:x@evil.example/", "before its host"),
     ("https:///career/", "has no host"), ("https://:8080/", "has no host"),
     ("https://x.org:99999/", "has the port 99999, which is no port"),
     ("https://ex_ample.org/", "has 'ex_ample.org' where a host name (and a port) should be"),
     ("https://career.example.org\u200b/", "holds an invisible character (U+200B)"),
     ("/car\u202eeer/", "holds an invisible character (U+202E)"),
     ("/career\u2066/", "holds an invisible character (U+2066)"),
     ("/\ufeffcareer/", "holds an invisible character (U+FEFF)")],
)  # fmt: skip
def test_a_base_url_that_hides_its_host_is_a_usage_error(
    invoke: Invoke, tmp_path: Path, url: str, words: str
) -> None:
    result = invoke("site", str(tmp_path / "site"), "--base-url", url)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("error: --base-url ")
    assert words in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not any(ord(char) > 0x7E for char in result.stderr)  # quoted escaped, never raw
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("url", "base"),
    [("/", "/"), ("/career", "/career/"), ("/a//b/", "/a//b/"),
     ("https://career.example.org/", "https://career.example.org/"),
     ("https://career.example.org//x", "https://career.example.org//x/"),
     ("http://localhost:8000/career", "http://localhost:8000/career/"),
     ("https://[::1]:8443/", "https://[::1]:8443/"), ("/карьера/", "/карьера/")],
)  # fmt: skip
def test_a_single_slash_path_or_a_web_url_is_a_base_url(url: str, base: str) -> None:
    from skillpath.site.build import base_url

    assert base_url(url) == base


def test_a_progress_hook_hears_of_every_file(tmp_path: Path) -> None:
    heard: list[tuple[str, int, int]] = []
    built = build_site(open_catalog(), tmp_path / "site", progress=lambda *a: heard.append(a))
    total = len(built.files) + 1
    assert [done for _, done, _ in heard] == list(range(1, total + 1))
    assert {count for _, _, count in heard} == {total}
    assert heard[-1][0] == MANIFEST


def test_jinja_is_not_imported_unless_a_site_is_built() -> None:
    code = (
        "import sys; from skillpath.cli.app import app\n"
        "app(['job', '-r', 'llm', '-l', 'senior', '--json'], standalone_mode=False)\n"
        "assert 'jinja2' not in sys.modules, 'jinja2 imported'"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_items_examples_summaries_and_short_runs_reach_the_pages(tmp_path: Path) -> None:
    folder = tmp_path / "own"
    (folder / "skills").mkdir(parents=True)
    levels = "".join(f"  - {{id: l{n}, name: L{n}}}\n" for n in range(1, 5))
    (folder / "framework.yaml").write_text(
        f"name: Ops\nbundled: false\nlevels:\n{levels}roles:\n  - {{id: sre, name: SRE}}\n",
        encoding="utf-8",
    )
    (folder / "skills" / "oncall.yaml").write_text(
        "id: oncall\nname: Oncall\ndomain: Ops\nsummary: Keeps services answering.\n"
        "expectations:\n  sre:\n"
        "    l3:\n      required: true\n      items: [Runs the rota, Writes runbooks]\n"
        "      examples: [A rota with no gaps for a quarter]\n"
        "    l4:\n      required: false\n      description: Sets paging policy.\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    build_site(open_catalog([folder]), out)
    page = (out / "skills" / "oncall.html").read_text(encoding="utf-8")
    assert '<p class="lead">Keeps services answering.</p>' in page
    assert "<li>Runs the rota</li><li>Writes runbooks</li>" in page
    assert "Examples of the work" in page and "A rota with no gaps for a quarter" in page
    assert 'id="sre-l3"' in page and 'id="sre-l1"' not in page  # L1 and L2 are outside the run
    l1 = (out / "roles" / "sre" / "l1.html").read_text(encoding="utf-8")
    assert "Oncall" not in l1.split('<main id="main"', 1)[1]  # the search box offers it
    l2 = (out / "roles" / "sre" / "l2.html").read_text(encoding="utf-8")
    assert "What changes at L3" in l2 and "<li>Runs the rota</li>" in l2
    assert "<li>Runs the rota</li>" in (out / "roles" / "sre" / "l3.html").read_text("utf-8")
