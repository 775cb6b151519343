"""The README's pictures: ``python -m tests.screenshots`` builds the site of the bundled
data and photographs it in headless Chromium (tests/browser.py), into docs/images/."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from skillpath.loading import open_catalog
from skillpath.site.build import build_site
from tests import browser
from tests.conftest import REPO

TARGET = REPO / "docs" / "images"
# (file, page, width, height, colour scheme)
SHOTS = [
    ("site-index.png", "index.html", 1100, 820, "light"),
    ("site-skill-phone.png", "skills/deep-learning.html", 375, 760, "light"),
    ("site-role-dark.png", "roles/llm-engineer/senior.html", 1100, 1000, "dark"),
    ("site-search.png", "search.html?q=mixture+of+experts", 1100, 520, "light"),
]


def photograph(site: Path) -> list[Path]:
    written = []
    with browser.browser_context() as context:
        page = context.new_page()
        for name, address, width, height, scheme in SHOTS:
            page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
            page.set_viewport_size({"width": width, "height": height})
            path, _, query = address.partition("?")
            page.goto((site / path).as_uri() + (f"?{query}" if query else ""))
            page.screenshot(path=str(TARGET / name))
            written.append(TARGET / name)
    return written


def main() -> int:
    reason = browser.why_not()
    if reason:
        print(f"no pictures: {reason}", file=sys.stderr)
        return 1
    TARGET.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build_site(open_catalog(), site)
        for path in photograph(site):
            print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
