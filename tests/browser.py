"""A real headless Chromium for the site's tests and the pictures of docs/.

The system's browser (Debian's ``chromium``), driven by Playwright's Python package: never
a browser Playwright downloads, since CI and a developer's machine may reach no host but
the package registries. ``SKILLPATH_CHROMIUM`` names another binary.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    named = os.environ.get("SKILLPATH_CHROMIUM")
    if named:
        return named
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def why_not() -> str | None:
    """Why no browser test can run here, or None when one can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright's Python package is not installed (pip install '.[test]')"
    if chromium_path() is None:
        return (
            "no Chromium on this machine: install Debian's chromium package "
            "(apt-get install chromium; .ci/run does) or set SKILLPATH_CHROMIUM"
        )
    return None


@contextmanager
def browser_context(**options: Any) -> Iterator[Any]:
    """A Chromium context with an empty profile of its own, closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver, tempfile.TemporaryDirectory() as profile:
        context = driver.chromium.launch_persistent_context(
            profile, executable_path=chromium_path(), headless=True, args=ARGS, **options
        )
        try:
            yield context
        finally:
            context.close()
