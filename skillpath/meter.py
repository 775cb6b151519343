"""How long work says how far it has got, without knowing who shows it.

Loading thousands of skill files takes seconds. The code doing the work calls a ``Meter``
with what it does and how far it is; the command line passes one that draws a progress bar
on a terminal (``cli/output.py``), and everything else passes nothing, so the work never
imports Rich or decides how progress looks.
"""

from __future__ import annotations

from collections.abc import Callable

# (what, done, total): "reading skill files", 120, 2000. Called with done == total at the end.
Meter = Callable[[str, int, int], None]


def silent(what: str, done: int, total: int) -> None:
    """The meter of work that nobody watches."""
