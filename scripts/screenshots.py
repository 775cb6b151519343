"""The pictures of docs/site.md and docs/growth-plan.md: ``python -m scripts.screenshots``
builds the site of the bundled data, and a sample plan's ``progress --format svg``, and
photographs them in headless Chromium (tests/browser.py), into docs/images/."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from skillpath.cli.app import app
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


# A sample plan for the radar chart: a Senior LLM Engineer part of the way to Lead.
SAMPLE = ["rag:1", "rag:2", "rag:3", "agents-tool-use:1", "fine-tuning:1", "fine-tuning:2"]
SAMPLE += ["deep-learning:1", "prompt-engineering:3", "responsible-ai:1", "llm-evaluation-safety:2"]


def sample_chart(folder: Path) -> Path:
    """The radar chart of the sample plan, drawn by the command, in a home of its own."""
    os.environ["SKILLPATH_HOME"] = str(folder / "home")
    runner = CliRunner()
    runner.invoke(app, ["profile", "set", "--role", "llm", "--level", "senior"])
    for reference in SAMPLE:
        marked = runner.invoke(app, ["done", reference])
        assert marked.exit_code == 0, f"{reference}: {marked.stderr}"
    chart = folder / "progress.svg"
    chart.write_text(runner.invoke(app, ["progress", "--format", "svg"]).stdout, "utf-8")
    return chart


def photograph(site: Path, chart: Path) -> list[Path]:
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
        page.emulate_media(color_scheme="light")
        page.set_viewport_size({"width": 760, "height": 620})
        page.goto(chart.as_uri())
        page.screenshot(path=str(TARGET / "progress-radar.png"))
        written.append(TARGET / "progress-radar.png")
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
        for path in photograph(site, sample_chart(Path(folder))):
            print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
