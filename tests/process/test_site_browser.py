"""The built site in a real headless Chromium: from disk and under a sub-path of a web
server, no console errors, no failed or outside requests, every internal link resolves,
search works from the keyboard, the layout holds at phone and desktop widths, both themes
keep their contrast, and print drops the navigation. Screenshots are kept in
test-artifacts/site/."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from skillpath.loading import open_catalog
from skillpath.site.build import build_site
from tests import browser
from tests.conftest import REPO

REASON = browser.why_not()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(REASON is not None, reason=f"browser test skipped: {REASON}"),
]

ARTIFACTS = REPO / "test-artifacts" / "site"
WIDTHS = (375, 1280)

# WCAG 2 contrast of every visible piece of text against the background it sits on.
CONTRAST = """() => {
  const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const background = (el) => { for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor); if (c && c.a > 0.5) return c; }
    return {r: 255, g: 255, b: 255, a: 1}; };
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || el.closest("svg")) continue;
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (box.width <= 1 || box.height <= 1 || style.visibility === "hidden") continue;
    const a = lum(parse(style.color)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    const needed = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
    if (ratio < needed) bad.push(`${el.tagName} "${node.textContent.trim().slice(0, 40)}" ${ratio.toFixed(2)}`);
  }
  return bad;
}"""

STRUCTURE = """() => ({
  h1: document.querySelectorAll("h1").length,
  lang: document.documentElement.lang,
  landmarks: ["header", "nav", "main", "footer"].filter((t) => document.querySelector(t)),
  headless_tables: Array.from(document.querySelectorAll("table")).filter((t) => !t.querySelector("th")).length,
  unlabelled: Array.from(document.querySelectorAll("input")).filter((i) => !(i.labels && i.labels.length)).length,
  links: Array.from(document.querySelectorAll("a[href]")).map((a) => a.href),
  wide: document.documentElement.scrollWidth > window.innerWidth,
})"""


class Watch:
    """What a page did wrong: console errors, script errors, failed or outside requests."""

    def __init__(self, page: Any, allowed: str) -> None:
        self.problems: list[str] = []
        page.on(
            "console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}")
        )
        page.on("pageerror", lambda e: self.problems.append(f"script: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        page.on(
            "request",
            lambda r: r.url.startswith(allowed) or self.problems.append(f"outside: {r.url}"),
        )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    build_site(open_catalog(), out)
    return out


@pytest.fixture(scope="module")
def context() -> Iterator[Any]:
    with browser.browser_context() as opened:
        yield opened


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def ids_in(path: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))


def broken_file_links(links: list[str], site: Path) -> list[str]:
    broken = []
    for link in links:
        parts = urlsplit(link)
        assert parts.scheme == "file", f"a link leaves the site: {link}"
        target = Path(unquote(parts.path))
        missing = not target.is_file() or site not in target.parents
        if missing or (parts.fragment and parts.fragment not in ids_in(target)):
            broken.append(link)
    return broken


def test_every_page_loads_cleanly_and_every_link_resolves(context: Any, site: Path) -> None:
    page = context.new_page()
    watch = Watch(page, "file://")
    page.set_viewport_size({"width": 1280, "height": 900})
    checked = 0
    for path in html_pages(site):
        page.goto(path.as_uri())
        shape = page.evaluate(STRUCTURE)
        name = path.relative_to(site).as_posix()
        assert shape["h1"] == 1, name
        assert shape["lang"] == "en" and shape["landmarks"] == ["header", "nav", "main", "footer"]
        assert shape["headless_tables"] == 0 and shape["unlabelled"] == 0, name
        assert broken_file_links(shape["links"], site) == [], name
        checked += 1
    assert checked == len(html_pages(site)) > 30
    assert watch.problems == []


def test_search_finds_mixture_of_experts_from_the_keyboard(context: Any, site: Path) -> None:
    page = context.new_page()
    watch = Watch(page, "file://")
    page.goto((site / "index.html").as_uri())
    for _ in range(5):  # skip link, the site's name, then the search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-search":
            break
    assert page.evaluate("document.activeElement.id") == "site-search"
    page.keyboard.type("Mixture of Experts")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q="))
    page.wait_for_selector("#search-results a")
    assert "Deep Learning" in page.inner_text("#search-results")
    assert page.inner_text("#search-status").endswith("matches.")
    for _ in range(20):  # on through the form to the results
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent").startswith("Deep Learning"):
            break
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"skills/deep-learning\.html#"))
    assert page.inner_text("h1") == "Deep Learning"
    anchor = urlsplit(page.url).fragment
    assert "mixture of experts" in page.inner_text(f"[id='{anchor}']")
    assert watch.problems == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_layout_holds_and_text_keeps_its_contrast(
    context: Any, site: Path, width: int, theme: str
) -> None:
    page = context.new_page()
    page.emulate_media(color_scheme=theme)
    page.set_viewport_size({"width": width, "height": 900})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name in ("index.html", "skills/deep-learning.html", "roles/llm-engineer/senior.html"):
        page.goto((site / name).as_uri())
        shot = ARTIFACTS / f"{name.replace('/', '-')[:-5]}-{width}-{theme}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert not page.evaluate(STRUCTURE)["wide"], f"{name} is wider than {width} pixels"
        assert page.evaluate(CONTRAST) == [], f"{name} at {width}, {theme}"


def test_print_leaves_out_the_navigation(context: Any, site: Path) -> None:
    page = context.new_page()
    page.goto((site / "skills" / "deep-learning.html").as_uri())
    page.emulate_media(media="print")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") == "none"
    )
    assert page.is_visible("h1") and page.is_visible("table.cells")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A web server whose /career/ is a site built with --base-url /career/."""
    root = tmp_path / "www"
    build_site(open_catalog(), root / "career", "/career/")
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    finally:
        httpd.shutdown()
        httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_under_a_base_url_on_a_web_server(context: Any, server: tuple[str, Path]) -> None:
    origin, root = server
    page = context.new_page()
    watch = Watch(page, origin)
    for name in ("index.html", "skills/rag.html", "roles/data-scientist/junior.html"):
        page.goto(f"{origin}/career/{name}")
        links = page.evaluate(STRUCTURE)["links"]
        for link in links:
            parts = urlsplit(link)
            assert link.startswith(f"{origin}/career/"), link
            assert (root / unquote(parts.path).lstrip("/")).is_file(), link
        canonical = page.get_attribute("link[rel=canonical]", "href")
        assert canonical == f"/career/{name}"
    page.goto(f"{origin}/career/404.html")
    page.click("main a")
    page.wait_for_url(f"{origin}/career/index.html")
    assert watch.problems == []
