"""Writing the site: templates with autoescaping, a fixed order, the same bytes each time.

A folder is written only when it is new, empty, or a site this command wrote before (it
keeps a list of its files in ``.skillpath-site``, each with the SHA-256 of what it wrote).
A rebuild removes a file that list names only while it holds the very bytes written, so
nothing else in the folder is ever lost: a file of the user's own that a teammate's
manifest names (``CNAME``, ``.git/config``), or a page edited by hand, is left alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from skillpath.errors import DataError, UsageError
from skillpath.loading.files import (
    check_inside,
    clear_inside,
    inside_parts,
    make_folder,
    move_inside,
    read_bounded,
    remove_inside,
    write_inside,
)
from skillpath.loading.paths import kind_of_path
from skillpath.site import pages
from skillpath.values import frozen

if TYPE_CHECKING:
    from skillpath.loading import Catalog

MANIFEST = ".skillpath-site"
# Where a build makes its files before moving them into place; a build killed half-way
# leaves it (and its temporary files), and the next one clears it first.
SCRATCH = ".skillpath-building"
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
    hidden = INVISIBLE.search(value)
    if hidden is not None:
        raise UsageError(
            f"--base-url {value!r} holds an invisible character (U+{ord(hidden.group()):04X}) "
            "that hides or reorders what the address reads as"
        )
    if not re.fullmatch(r"(https?://[^\s/?#]*)?/[^\s?#]*", value):
        raise UsageError(
            f"--base-url {value!r} is neither a path starting with '/' nor an http(s) URL"
        )
    if value.startswith(("http://", "https://")):
        _check_host(value, value.split("://", 1)[1].split("/", 1)[0])
    return value if value.endswith("/") else value + "/"


# Marks that show as nothing: zero-width spaces and joiners, bidi marks, overrides and
# isolates, the word joiner and invisible operators, the byte-order mark, the soft hyphen.
INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
HOST = re.compile(rf"(?:{_LABEL}(?:\.{_LABEL})*\.?|\[[0-9A-Fa-f:.]+\])(?::(\d{{1,5}}))?")


def _check_host(value: str, authority: str) -> None:
    """The part between "://" and the path names a host, and nothing else: a user name
    before an "@" would send the browser to the host after it."""
    if "@" in authority:
        raise UsageError(
            f"--base-url {value!r} has a user name or password before its host "
            f"({authority.rsplit('@', 1)[0] + '@'!r}): a browser goes to the host after the "
            "'@'; "
            "give https://HOST/PATH"
        )
    found = HOST.fullmatch(authority)
    port = found.group(1) if found else None
    if not authority or authority.startswith(":"):
        problem = "has no host"
    elif found is None:
        problem = f"has {authority!r} where a host name (and a port) should be"
    elif port is not None and not 0 < int(port) < 65536:
        problem = f"has the port {port}, which is no port"
    else:
        return
    raise UsageError(f"--base-url {value!r} {problem}: give https://HOST/PATH or a path "
                     "starting with '/'")  # fmt: skip


def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("skillpath.site", "templates"),
        autoescape=True,  # every value from the data is escaped unless a template says not
        undefined=jinja2.StrictUndefined,  # a misspelt value fails the build, not the page
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def site_files(catalog: Catalog, base: str) -> Iterator[tuple[str, str | Iterable[str]]]:
    """Every file of the site, path and text, in the order they are written: each made
    when asked for, and the search index in pieces, so that memory stays flat."""
    env = environment()
    common = {
        "framework": catalog.framework,
        "base_url": base,
        "paths": pages,
        "roles": catalog.framework.roles,
        "levels": catalog.framework.levels,
        "search_example": pages.search_example(catalog),
    }
    for page in pages.site_pages(catalog, base):
        template = env.get_template(page.template)
        # In pieces as the template makes them: a page of a role at a level over 10,000
        # skills is 10 MB, whose millions of pieces joined at once would take 200 MB.
        yield page.path, _batched(template.generate(common, page=page, **page.values))
        del page  # not held while the next page is made: one page's values at a time
    for name in ASSETS:
        asset = resources.files("skillpath.site").joinpath("assets", name)
        yield f"assets/{name}", asset.read_text(encoding="utf-8")
    yield "assets/search-index.js", search_index(catalog)
    yield ".nojekyll", ""  # GitHub Pages: serve the files as they are


def _batched(pieces: Iterable[str], count: int = 4096) -> Iterator[str]:
    """``pieces`` joined ``count`` at a time, for fewer writes (islice and join run in C,
    where a loop over millions of pieces in Python would cost seconds)."""
    from itertools import islice

    pieces = iter(pieces)
    while run := list(islice(pieces, count)):
        yield "".join(run)


def file_count(catalog: Catalog, base: str) -> int:
    """How many files ``site_files`` gives."""
    return pages.page_count(catalog, base) + len(ASSETS) + 2


def search_index(catalog: Catalog) -> Iterator[str]:
    """The search index as a script, since a page opened from disk may not fetch a file:
    one JSON array, written an entry at a time (it runs to 80 MB at 10,000 skills)."""
    yield "window.SKILLPATH_INDEX = ["
    for number, entry in enumerate(pages.search_entries(catalog)):
        body = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        # No "<" at all: the index stays inert even if it were ever inlined into a page.
        yield ("," if number else "") + body.replace("<", "\\u003c")
    yield "];\n"


def build_site(
    catalog: Catalog, out: Path, base: str = "", progress: Progress | None = None
) -> Built:
    """Write the site for ``catalog`` into ``out``; ``base`` is the ``--base-url``.

    Every file is made in a scratch folder inside ``out`` before any page is replaced, so
    a build that fails leaves ``out`` as it was. Then the manifest is written, listing the
    files of the last build and of this one, and each file is moved into place: a build cut
    short (Ctrl-C) leaves each page of the previous site or its new one, and a manifest the
    next build recovers from. Files that are no longer made are removed last."""
    base = base_url(base)
    earlier = writable_folder(out)
    new_folder = kind_of_path(out) is None
    make_folder(out)
    _clear_scratch(out)  # a build killed before it moved its files
    total = file_count(catalog, base) + 1
    try:
        written = _made(out, site_files(catalog, base), total, progress)
    except BaseException:
        clear_inside(out, SCRATCH)
        if new_folder:
            with contextlib.suppress(OSError):
                out.rmdir()  # as it was: not there
        raise
    # Until the files are moved, a file listed may hold the earlier build's bytes or this
    # one's: both checksums are kept, so that a build cut short loses no claim.
    write_inside(out, MANIFEST, manifest_text(_joined(earlier.files, written)))
    for path in written:
        move_inside(out, f"{SCRATCH}/{path}", path)
    _clear_scratch(out)
    stale = {path: sums for path, sums in earlier.files.items() if path not in written}
    left = [*earlier.refused, *_remove_stale(out, stale)]
    write_inside(out, MANIFEST, manifest_text(written))
    if progress:
        progress(MANIFEST, total, total)
    count = sum(path.endswith(".html") for path in written)
    return Built(out, tuple(written), count, tuple(left))


def _made(
    out: Path,
    files: Iterable[tuple[str, str | Iterable[str]]],
    total: int,
    progress: Progress | None,
) -> dict[str, set[str]]:
    """Each file written into the scratch folder, after its place in ``out`` is checked:
    the files, in order, each with the checksum of its bytes."""
    written: dict[str, set[str]] = {}
    for done, (path, text) in enumerate(files, start=1):
        check_inside(out, path)  # a link or a folder planted where the file goes: refused now
        digest = hashlib.sha256()
        write_inside(out, f"{SCRATCH}/{path}", _hashed(text, digest))
        written[path] = {digest.hexdigest()}
        del text  # the page's values go before the next page is made
        if progress:
            progress(path, done, total)
    return written


def _hashed(text: str | Iterable[str], digest: Any) -> str | Iterator[str]:
    """``text`` as given, its bytes fed to ``digest`` as they are written."""
    if isinstance(text, str):
        digest.update(text.encode("utf-8", "surrogatepass"))
        return text
    return _hashing(text, digest)


def _hashing(pieces: Iterable[str], digest: Any) -> Iterator[str]:
    for piece in pieces:
        digest.update(piece.encode("utf-8", "surrogatepass"))
        yield piece


def _clear_scratch(out: Path) -> None:
    left = clear_inside(out, SCRATCH)
    if left:
        raise DataError.single(
            out / SCRATCH,
            f"is skillpath's scratch folder and holds what it cannot remove ({left[0]}); "
            "nothing was written",
        )


Checksums = Mapping[str, AbstractSet[str]]  # a file's path, and the SHA-256 of its bytes


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


# The places a build writes a file: a teammate's line naming anything else (CNAME,
# .git/config, README.md) is never removed, whatever checksum it carries.
_SITE_ID = "[a-z0-9]+(?:-[a-z0-9]+)*"
_SITE_SHAPED = re.compile(
    rf"(?:index|search|404)\.html|skills/{_SITE_ID}\.html|roles/{_SITE_ID}/{_SITE_ID}\.html"
    r"|assets/[a-z0-9-]+\.(?:css|js)|\.nojekyll"
)


def _changed(out: Path, path: str, sums: AbstractSet[str]) -> str | None:
    """Why the file at ``path`` is not one the earlier build wrote, or None."""
    if not _SITE_SHAPED.fullmatch(path):
        return "is not a place skillpath writes a page"
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
    if any(entry.name != SCRATCH for entry in out.iterdir()):
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
    raw = read_bounded(manifest, MAX_MANIFEST_BYTES, "site manifests")
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
            refused.append(f"{_cut(path)}: is not a path inside the site's folder")
        else:
            files.setdefault(path, set()).update([sha] if sha else [])
    return Earlier(files, tuple(refused))


def _cut(path: str, most: int = 200) -> str:
    """A path as a warning quotes it: whole unless it is very long (a line may be
    megabytes), and never its checksum, which says nothing to the reader."""
    return path if len(path) <= most else f"{path[: most - 1]}…"
