"""The standard streams as skillpath finds them: closed, failing, or unable to encode.

Decisions (docs/errors.md): a closed stdout is an error before any command runs, so a
change is never made that nobody can be told of; a stdout that fails while written to (a
full disk, a device error) is one line on stderr and exit 1; a stdout whose encoding cannot
show every character gets ``?`` for those characters in tables and text, and JSON written
with ``\\u`` escapes, which loses nothing.
"""

from __future__ import annotations

import os
import sys

from skillpath.errors import OutputError


def prepare() -> None:
    """Refuse to start without somewhere to answer; let a narrow encoding degrade, not fail."""
    if sys.stdout is None:  # started with stdout closed (`skillpath show rag >&-`)
        raise OutputError(
            "standard output is closed, so the answer cannot be shown; "
            "send it somewhere, e.g. > FILE"
        )
    from skillpath.render.encode import speaks_unicode

    if not speaks_unicode(sys.stdout):
        reconfigure = getattr(sys.stdout, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def flush() -> None:
    """Write out what is buffered now, so that a failure is reported here, not at exit."""
    if sys.stdout is not None:
        sys.stdout.flush()


def discard_stdout() -> None:
    """Point stdout at nothing, so that what is still buffered cannot fail again at exit."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (a test's capture)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, descriptor)
    os.close(null)
