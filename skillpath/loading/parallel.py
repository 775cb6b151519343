"""Many skill files read on every core: a cold read of a large data folder is parsing and
checking, which one Python process does on one core.

Worker processes are forked, so they start at once with the framework and the code
already in memory, and each hands back a file's skill as the cache's compact form
(``cache.encode_parts``) or its problems. The results come back in the files' order, so the
first broken file is the one reported, as when one process reads them all.

Only where forking is safe and cheap (Linux) and the batch is large enough to repay it;
anywhere else, and for a handful of files, the caller reads them itself.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import TypeVar

from skillpath.errors import DataError, Problem
from skillpath.loading.builders import build_skill
from skillpath.loading.document import read_document
from skillpath.model import Framework

# Below this many files, starting the workers costs more than they save.
MIN_FILES = 64
MAX_WORKERS = 8
_CHUNK = 16  # files a worker takes at a time: few round trips, and an even share at the end

# One file's outcome: the skill's stored form (cache.encode_parts), or the problems that
# stopped it (sent as they are: an exception crosses processes by its message alone).
Outcome = tuple[tuple[bytes, bytes] | None, tuple[Problem, ...]]

_framework: Framework | None = None  # what the forked workers check skills against
T = TypeVar("T")


def workers_for(count: int) -> int:
    """How many processes to read ``count`` files with: 0 means read them here."""
    if sys.platform != "linux" or count < MIN_FILES:
        return 0
    cores = len(os.sched_getaffinity(0))
    return min(cores, MAX_WORKERS) if cores > 1 else 0


def read_many(
    paths: Sequence[Path], framework: Framework, workers: int
) -> Generator[Outcome, None, None]:
    """Each file's outcome, in the order of ``paths`` (see map_files)."""
    return map_files(_read_one, paths, framework, workers)


def map_files(
    work: Callable[[Path, Framework], T], paths: Sequence[Path], framework: Framework, workers: int
) -> Generator[T, None, None]:
    """``work(path, framework)`` of each file, in the order of ``paths``, on ``workers``
    processes. ``work`` must be a module's own function (the workers find it by name).
    Closing the iterator early (the first broken file, Ctrl-C) cancels the files not yet
    started. A worker that dies (killed, out of memory) costs no answer: the files from the
    first it left unread are done here."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _framework
    _framework = framework
    pool = ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("fork"), initializer=_ignore_interrupts
    )
    done = 0
    try:
        try:
            for outcome in pool.map(
                functools.partial(_with_framework, work), paths, chunksize=_CHUNK
            ):
                yield outcome
                done += 1
        except BrokenProcessPool:
            for path in paths[done:]:
                yield work(path, framework)
    finally:
        # Waits for the chunks already begun (a few files each), so that no worker or
        # thread of the pool outlives the read: a later fork in this process finds none.
        pool.shutdown(wait=True, cancel_futures=True)
        _framework = None


def _with_framework(work: Callable[[Path, Framework], T], path: Path) -> T:
    """In a worker: ``work`` of a file, against the framework the parent set before forking."""
    assert _framework is not None, "set before the workers were forked"
    return work(path, _framework)


def _ignore_interrupts() -> None:
    """A Ctrl-C reaches every process of the terminal's group: the workers leave it to the
    parent, which stops them, rather than each printing a traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _read_one(path: Path, framework: Framework) -> Outcome:
    from skillpath.loading.cache import encode_parts

    try:
        return encode_parts(build_skill(read_document(path), framework)), ()
    except DataError as error:
        return None, error.problems
