"""Many skill files read on every core: a cold read of a large data folder is parsing and
checking, which one Python process does on one core.

Worker processes are forked, so they start at once with the framework and the code
already in memory, and each hands back a file's skill as the cache's compact form
(``cachecodec.encode_parts``) or its problems. The results come back in the files' order, so the
first broken file is the one reported, as when one process reads them all.

Only where forking is safe and cheap (Linux) and the batch is large enough to repay it;
anywhere else, and for a handful of files, the caller reads them itself.
"""

from __future__ import annotations

import collections
import functools
import itertools
import os
import sys
from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from skillpath.errors import DataError, Problem
from skillpath.framework.model import Framework, Skill
from skillpath.loading.builders import build_skill
from skillpath.loading.document import read_document

if TYPE_CHECKING:
    from concurrent.futures import Future

# Below this many files, starting the workers costs more than they save.
MIN_FILES = 64
MAX_WORKERS = 8
_CHUNK = 16  # files a worker takes at a time: few round trips, and an even share at the end
_AHEAD = 4  # chunks each worker may have done or under way beyond what the caller has taken
_PR_SET_PDEATHSIG = 1  # linux/prctl.h

# One file's outcome: the skill's stored form (cachecodec.encode_parts), or the problems that
# stopped it (sent as they are: an exception crosses processes by its message alone); and
# what the caller's ``also`` made of the skill, if it asked (read_many).
Outcome = tuple[tuple[bytes, bytes] | None, tuple[Problem, ...], Any]

_framework: Framework | None = None  # what the forked workers check skills against
T = TypeVar("T")


def workers_for(count: int) -> int:
    """How many processes to read ``count`` files with: 0 means read them here."""
    if sys.platform != "linux" or count < MIN_FILES:
        return 0
    cores = len(os.sched_getaffinity(0))
    return min(cores, MAX_WORKERS) if cores > 1 else 0


def read_many(
    paths: Sequence[Path], framework: Framework, workers: int, also: Callable[[Skill], Any]
) -> Generator[Outcome, None, None]:
    """Each file's outcome, in the order of ``paths`` (see map_files). ``also``, a module's
    own function, is run on each skill where it is read: the search index's rows are made
    from the skill in hand, rather than from its stored form decoded again in the caller."""
    return map_files(functools.partial(_read_one, also=also), paths, framework, workers)


def map_files(
    work: Callable[[Path, Framework], T], paths: Sequence[Path], framework: Framework, workers: int
) -> Generator[T, None, None]:
    """``work(path, framework)`` of each file, in the order of ``paths``, on ``workers``
    processes. ``work`` must be a module's own function (the workers find it by name).

    The workers stay at most _AHEAD chunks each ahead of the caller, so that a caller
    slower than they are (indexing for search) never holds thousands of results. Closing
    the iterator early (the first broken file, Ctrl-C) cancels the chunks not yet begun. A
    worker that dies (killed, out of memory) costs no answer: the files from the first it
    left undone are done here."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _framework
    _framework = framework
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_as_a_worker,
        initargs=(os.getpid(),),
    )
    chunks = (paths[start : start + _CHUNK] for start in range(0, len(paths), _CHUNK))
    task = functools.partial(_with_framework, work)
    begun: collections.deque[Future[list[T]]] = collections.deque()
    done = 0
    try:
        try:
            for chunk in itertools.islice(chunks, workers * _AHEAD):
                begun.append(pool.submit(task, chunk))
            while begun:
                outcomes = begun.popleft().result()
                begun.extend(pool.submit(task, chunk) for chunk in itertools.islice(chunks, 1))
                for outcome in outcomes:
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


def _with_framework(work: Callable[[Path, Framework], T], chunk: Sequence[Path]) -> list[T]:
    """In a worker: ``work`` of each file of a chunk, against the framework the parent set
    before forking."""
    assert _framework is not None, "set before the workers were forked"
    return [work(path, _framework) for path in chunk]


def _as_a_worker(parent: int) -> None:
    """A worker leaves a Ctrl-C to the parent, which stops it: it reaches every process of
    the terminal's group, and each would print a traceback. And it ends with the parent:
    a parent killed outright (SIGTERM, SIGKILL, a closed terminal) cannot stop it, and it
    would wait for work for ever, holding the parent's output open."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with_parent()
    if os.getppid() != parent:  # the parent died before the request above was made
        os._exit(1)


def _end_with_parent() -> None:
    """Ask Linux to send this process SIGTERM when its parent ends (prctl PR_SET_PDEATHSIG)."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the worker ends when its pipe closes
        pass


def _read_one(path: Path, framework: Framework, also: Callable[[Skill], Any]) -> Outcome:
    from skillpath.loading.cachecodec import encode_parts

    try:
        skill = build_skill(read_document(path), framework)
    except DataError as error:
        return None, error.problems, None
    return encode_parts(skill), (), also(skill)
