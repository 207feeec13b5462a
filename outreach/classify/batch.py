"""Classifying many files at once, in order, on the cores this process may use.

Each reply takes a few milliseconds and needs nothing from the others, so a long list is shared among worker
processes forked from this one: they inherit the imported classifier and its compiled patterns, and only the
results travel back. A short list, a single core or a platform without ``fork`` classifies in this process,
since starting workers would cost more than it saves.
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Iterator, Sequence
from functools import partial

from outreach.classify import classify_file
from outreach.classify.context import ThreadContext
from outreach.classify.result import Classification

logger = logging.getLogger(__name__)

# Below this many files per worker, forking costs more than the worker saves.
MIN_FILES_PER_JOB = 24
# Files handed to a worker at a time: large enough that the hand-over is cheap, small enough to keep both busy.
CHUNK_SIZE = 8


def usable_cores() -> int:
    """How many CPUs this process may run on (its affinity where the platform tells, else the machine's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worker_count(files: int, jobs: int | None) -> int:
    """The workers to start for ``files`` files: ``jobs`` (default: the usable cores), fewer for a short list."""
    wanted = usable_cores() if jobs is None else jobs
    workers = max(1, min(wanted, files // MIN_FILES_PER_JOB))
    if workers == 1:
        return 1
    import multiprocessing  # (here, not at the top: a run in one process never needs it)

    return workers if "fork" in multiprocessing.get_all_start_methods() else 1


def classify_files(
    paths: Sequence[str], *, user_tz: str | None = None, context: ThreadContext | None = None,
    jobs: int | None = None,
) -> Iterator[Classification]:
    """:func:`classify_file` of each path, yielded in the order given; ``jobs=1`` keeps it in this process."""
    one = partial(classify_file, user_tz=user_tz, context=context)
    workers = worker_count(len(paths), jobs)
    if workers < 2:  # (an empty list too: it gets one worker)
        yield from map(one, paths)
        return
    # The first file is read here, so the lazily built parts (patterns, the word model) exist before the fork
    # and each worker inherits them instead of building its own.
    yield one(paths[0])
    logger.debug("classifying %d files in %d worker processes", len(paths) - 1, workers)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # (an executor, not a Pool: a worker that dies raises BrokenProcessPool here instead of leaving the map waiting)
    forking = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=forking, initializer=_ignore_interrupts) as pool:
        try:
            yield from pool.map(one, paths[1:], chunksize=CHUNK_SIZE)
        except BaseException:  # Ctrl-C, a closed pipe: drop the files not started instead of classifying them all
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C is the parent's to handle (it stops the pool); a worker printing its own trace is noise."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
