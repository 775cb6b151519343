"""Writing the site: templates with autoescaping, a fixed order, the same bytes each time.

A folder is written only when it is new, empty, or a site this command wrote before (it
keeps a list of its files in ``.skillpath-site``, each with the SHA-256 of what it wrote).
A rebuild removes a file that list names only while it holds the very bytes written, so
nothing else in the folder is ever lost: a file of the user's own that a teammate's
manifest names (``CNAME``, ``.git/config``), or a page edited by hand, is left alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from skillpath.errors import DataError, UsageError
from skillpath.loading.files import (
    inside_parts,
    make_folder,
    read_bounded,
    remove_inside,
    write_inside,
)
from skillpath.loading.paths import kind_of_path
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
    # The manifest's lines that were left alone, each "PATH: why": a path outside the
    # folder, a link, a folder or a FIFO where a page was.
    left_alone: tuple[str, ...] = ()


def base_url(value: str) -> str:
    """``--base-url`` as links use it: empty, or an absolute URL or path ending in "/".

    A path starts with a single "/": "//host/" is a protocol-relative URL, another host's.
    Browsers read a backslash as "/" and drop tabs and line breaks from a URL, so a path
    with either could be one too: no backslash or control character is taken."""
    if not value:
        return ""
    if value.startswith("//"):
        raise UsageError(
            f"--base-url {value!r} is a protocol-relative URL, which points to another host: "
            "give a path starting with a single '/' or an http(s) URL"
        )
    if re.search(r"[\\\x00-\x1f\x7f-\x9f]", value):
        raise UsageError(f"--base-url {value!r} holds a backslash or a control character")
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
        "search_example": pages.search_example(catalog),
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
    """Write the site for ``catalog`` into ``out``; ``base`` is the ``--base-url``.

    Every page is made before anything is written, so a build that fails leaves ``out`` as
    it was. Then the manifest is written first, listing the pages of the last build and of
    this one: a build cut short (Ctrl-C) leaves every page of the previous site and a
    manifest the next build recovers from. Pages that are no longer made go last."""
    earlier = writable_folder(out)
    files = site_files(catalog, base_url(base))
    make_folder(out)
    # Until the pages are written, a file listed may hold the earlier build's bytes or
    # this one's: both checksums are kept, so that a build cut short loses no claim.
    written = {path: {checksum(text)} for path, text in files.items()}
    write_inside(out, MANIFEST, manifest_text(_joined(earlier.files, written)))
    total = len(files) + 1
    for done, (path, text) in enumerate(files.items(), start=1):
        write_inside(out, path, text)
        if progress:
            progress(path, done, total)
    stale = {path: sums for path, sums in earlier.files.items() if path not in files}
    left = [*earlier.refused, *_remove_stale(out, stale)]
    write_inside(out, MANIFEST, manifest_text(written))
    if progress:
        progress(MANIFEST, total, total)
    pages = sum(path.endswith(".html") for path in files)
    return Built(out, tuple(files), pages, tuple(left))


Checksums = Mapping[str, AbstractSet[str]]  # a file's path, and the SHA-256 of its bytes


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def manifest_text(files: Checksums) -> str:
    """One line per file written, as ``sha256sum`` prints them: checksum, two spaces, path."""
    return "".join(f"{sha}  {path}\n" for path in sorted(files) for sha in sorted(files[path]))


def _joined(first: Checksums, second: Checksums) -> dict[str, set[str]]:
    joined = {path: set(sums) for path, sums in first.items()}
    for path, sums in second.items():
        joined.setdefault(path, set()).update(sums)
    return joined


def _remove_stale(out: Path, stale: Checksums) -> list[str]:
    """Remove the files an earlier build wrote that this one does not, while they hold
    what it wrote; each one left alone as "PATH: why"."""
    left = []
    for path in sorted(stale):
        why = _changed(out, path, stale[path]) or remove_inside(out, path)
        if why is not None:
            left.append(f"{path}: {why}")
    return left


def _changed(out: Path, path: str, sums: AbstractSet[str]) -> str | None:
    """Why the file at ``path`` is not one the earlier build wrote, or None."""
    if not sums:
        return "is listed without the checksum of what skillpath wrote"
    if not os.path.lexists(out / path):
        return None  # gone already
    try:
        found = read_bounded(out / path, MAX_PAGE_BYTES)
    except DataError:
        return "is not a regular file of the site's size"
    if hashlib.sha256(found).hexdigest() not in sums:
        return "holds other bytes than skillpath wrote (written or edited by someone else)"
    return None


@frozen
class Earlier:
    """What an earlier build left: the files its manifest lists that may be removed, and
    the manifest's lines that name no such file, as "LINE: why"."""

    files: Checksums
    refused: tuple[str, ...] = ()


MAX_MANIFEST_BYTES = 16 * 1024 * 1024  # a manifest of 100,000 pages is under 10 MiB
MAX_PAGE_BYTES = 64 * 1024 * 1024  # far beyond any page or asset the site writes
# A line: the checksum of what was written (none in a manifest of an earlier release), then
# the path.
_LISTED = re.compile(r"(?:([0-9a-f]{64})  )?(.*)")


def writable_folder(out: Path) -> Earlier:
    """The files an earlier build left in ``out``; an error if ``out`` holds anything else."""
    kind = kind_of_path(out)
    if kind is None:
        return Earlier({})
    if kind != "folder":
        raise DataError.single(out, "is a file, not a folder; nothing was written")
    manifest = out / MANIFEST
    if os.path.lexists(manifest):
        return read_manifest(manifest)
    if any(out.iterdir()):
        raise DataError.single(
            out,
            "is not empty and holds no site that skillpath built; nothing was written "
            "(give a new or empty folder)",
        )
    return Earlier({})


def read_manifest(manifest: Path) -> Earlier:
    """The manifest's paths that stay inside the site's folder, and the lines refused."""
    if manifest.is_symlink():
        raise DataError.single(manifest, "is a symbolic link, not a list skillpath wrote; "
                               "nothing was written")  # fmt: skip
    raw = read_bounded(manifest, MAX_MANIFEST_BYTES)
    try:
        lines = raw.decode("utf-8").splitlines()
    except UnicodeDecodeError as error:
        raise DataError.single(
            manifest, f"is not UTF-8 text (byte {error.start}); nothing was written"
        ) from None
    files: dict[str, set[str]] = {}
    refused = []
    for line in filter(None, lines):
        sha, path = _LISTED.fullmatch(line).groups()  # type: ignore[union-attr]
        if inside_parts(path) is None:
            refused.append(f"{line[:80]}: is not a path inside the site's folder")
        else:
            files.setdefault(path, set()).update([sha] if sha else [])
    return Earlier(files, tuple(refused))
