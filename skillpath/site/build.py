"""Writing the site: templates with autoescaping, a fixed order, the same bytes each time.

A folder is written only when it is new, empty, or a site this command wrote before (it
keeps a list of its files in ``.skillpath-site``); a rebuild removes only the files that
list names, so nothing else in the folder is ever lost.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from skillpath.errors import DataError, UsageError
from skillpath.site import pages
from skillpath.site.pages import Page
from skillpath.values import frozen

if TYPE_CHECKING:
    from skillpath.loading import Catalog

MANIFEST = ".skillpath-site"
ASSETS = ("site.css", "search.js")
# Called after each file is written, with its path, how many are done and how many in all:
# the hook a progress bar attaches to.
Progress = Callable[[str, int, int], None]


@frozen
class Built:
    """What ``site`` wrote: the folder and its files, relative, in the order written."""

    out: Path
    files: tuple[str, ...]
    pages: int


def base_url(value: str) -> str:
    """``--base-url`` as links use it: empty, or an absolute URL or path ending in "/"."""
    if not value:
        return ""
    if not re.fullmatch(r"(https?://[^\s/?#]+)?/[^\s?#]*", value):
        raise UsageError(
            f"--base-url {value!r} is neither a path starting with '/' nor an http(s) URL"
        )
    return value if value.endswith("/") else value + "/"


def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("skillpath.site", "templates"),
        autoescape=True,  # every value from the data is escaped unless a template says not
        undefined=jinja2.StrictUndefined,  # a misspelt value fails the build, not the page
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def site_files(catalog: Catalog, base: str) -> dict[str, str]:
    """Every file of the site, path to text, in the order they are written."""
    env = environment()
    site_pages = pages.site_pages(catalog)
    if base:
        # GitHub Pages serves 404.html at whatever path was asked for: its links must be
        # absolute, which only --base-url can make them.
        site_pages.append(Page("404.html", "404.html", "Page not found", home=base))
    common = {
        "framework": catalog.framework,
        "base_url": base,
        "paths": pages,
        "roles": catalog.framework.roles,
        "levels": catalog.framework.levels,
    }
    files = {
        page.path: env.get_template(page.template).render(common, page=page, **page.values)
        for page in site_pages
    }
    for name in ASSETS:
        files[f"assets/{name}"] = (
            resources.files("skillpath.site").joinpath("assets", name).read_text(encoding="utf-8")
        )
    files["assets/search-index.js"] = search_index(catalog)
    files[".nojekyll"] = ""  # GitHub Pages: serve the files as they are
    return files


def search_index(catalog: Catalog) -> str:
    """The search index as a script, since a page opened from disk may not fetch a file."""
    entries = list(pages.search_entries(catalog))
    body = json.dumps(entries, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # No "<" at all: the index stays inert even if it were ever inlined into a page.
    return "window.SKILLPATH_INDEX = " + body.replace("<", "\\u003c") + ";\n"


def build_site(
    catalog: Catalog, out: Path, base: str = "", progress: Progress | None = None
) -> Built:
    """Write the site for ``catalog`` into ``out``; ``base`` is the ``--base-url``."""
    previous = writable_folder(out)
    files = site_files(catalog, base_url(base))
    for stale in sorted(previous - set(files)):
        (out / stale).unlink(missing_ok=True)
    total = len(files) + 1
    for done, (path, text) in enumerate(files.items(), start=1):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        if progress:
            progress(path, done, total)
    listed = sorted(files)
    (out / MANIFEST).write_text("".join(f"{path}\n" for path in listed), encoding="utf-8")
    if progress:
        progress(MANIFEST, total, total)
    return Built(out, tuple(files), sum(path.endswith(".html") for path in files))


def writable_folder(out: Path) -> set[str]:
    """The files an earlier build left in ``out``; an error if ``out`` holds anything else."""
    if not out.exists():
        return set()
    if not out.is_dir():
        raise DataError.single(out, "is a file, not a folder; nothing was written")
    manifest = out / MANIFEST
    if manifest.is_file():
        listed = manifest.read_text(encoding="utf-8").splitlines()
        return {path for path in listed if path and ".." not in Path(path).parts}
    if any(out.iterdir()):
        raise DataError.single(
            out,
            "is not empty and holds no site that skillpath built; nothing was written "
            "(give a new or empty folder)",
        )
    return set()
