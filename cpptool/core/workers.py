"""Worker processes for working through many plans at once: chunks of work, results in order.

On Linux the workers are forked, so they start at once with everything already imported; on
platforms without a safe fork (macOS, Windows) the platform's default start (spawn) is used,
and each worker imports what it needs. Workers ignore Ctrl-C: the main process stops them.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Callable, Sequence

PARALLEL_MIN_FILES = 200  # by default, more plans than this are worked through by several processes


def processors() -> int:
    """The processors this process may use (fewer than the machine's in a container)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def map_in_order(items: Sequence[Any], work: Callable[..., Any], args: tuple = (), *, jobs: int,
                 progress: Callable[[int], Callable[[], None] | None] | None = None,
                 known: Callable[[Any], Any] | None = None,
                 prepare: Callable[[], Any] | None = None) -> list:
    """[work(item, *args) for item in items], in `jobs` worker processes (in chunks) when jobs > 1,
    the results in the order of `items`; the error a loop would stop at is the one raised.

    `work` and `args` must pickle (`work` a module-level function). `progress(total)` may return a
    function called after each item. With several jobs, `known(item)` is asked first, in this
    process, for results to be had without the work (from a cache), and `prepare()` runs before
    the workers get any (imports done once here are shared by forked workers)."""
    if jobs <= 1:
        step = progress(len(items)) if progress else None
        out = []
        for item in items:
            out.append(work(item, *args))
            if step:
                step()
        return out
    pool = Pool(jobs)
    try:
        if progress:
            pool.start()  # forked before the progress display starts its thread
        step = progress(len(items)) if progress else None
        results: list[Any] = [None] * len(items)
        if known is not None:
            for i, item in enumerate(items):
                results[i] = known(item)
                if results[i] is not None and step:
                    step()
        _work_the_rest(pool, items, results, work, args, step, prepare)
    except BaseException:
        pool.close(cancel=True)
        raise
    pool.close()
    return results


def _work_the_rest(pool: Pool, items: Sequence[Any], results: list, work: Callable[..., Any], args: tuple,
                   step: Callable[[], None] | None, prepare: Callable[[], Any] | None) -> None:
    """Fill in the results still missing: in the workers, unless there is only one to work out."""
    todo = [i for i, r in enumerate(results) if r is None]
    if len(todo) <= 1:
        for i in todo:
            results[i] = work(items[i], *args)
            if step:
                step()
        return
    if prepare is not None:
        prepare()
    done = (lambda n: [step() for _ in range(n)]) if step else None
    chunks = chunked(todo, pool.jobs)
    answers = pool.map(_work_chunk, [[items[i] for i in chunk] for chunk in chunks], work, args, done=done)
    for chunk, chunk_answers in zip(chunks, answers):
        for i, answer in zip(chunk, chunk_answers):
            results[i] = answer


def _work_chunk(chunk: Sequence[Any], work: Callable[..., Any], args: tuple) -> list:
    return [work(item, *args) for item in chunk]


def chunked(items: Sequence[Any], jobs: int, *, per_job: int = 8, largest: int = 64) -> list[Sequence[Any]]:
    """`items` cut into chunks: about `per_job` for each process (so the work is shared out and
    progress moves smoothly), and never more than `largest` items in one."""
    size = max(1, min(largest, -(-len(items) // (jobs * per_job))))
    return [items[i:i + size] for i in range(0, len(items), size)]


class Pool:
    """A pool of `jobs` worker processes, started on first use (or by `start`)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._executor: Any = None

    def start(self) -> None:
        """Start the workers now: forked before any thread (such as a progress display) exists."""
        if self._executor is None:
            from concurrent.futures import ProcessPoolExecutor

            self._executor = ProcessPoolExecutor(max_workers=self.jobs, mp_context=_context(),
                                                 initializer=_worker_starts)
            self._executor.submit(int).result()  # makes the processes

    def map(self, fn: Callable[..., list], chunks: Sequence[Sequence[Any]], *args: Any,
            done: Callable[[int], None] | None = None) -> list[list]:
        """[fn(chunk, *args) for chunk in chunks], computed in the workers. `done(n)` is called as
        each chunk of n items finishes. Should some chunks fail, the error of the first failing
        chunk in order is raised, as a loop would have; the chunks after it are not started."""
        from concurrent.futures import as_completed

        self.start()
        futures = [self._executor.submit(fn, chunk, *args) for chunk in chunks]
        index = {future: i for i, future in enumerate(futures)}
        first_failed = len(futures)
        for future in as_completed(futures):
            if future.cancelled():
                continue
            i = index[future]
            if future.exception() is not None:
                first_failed = min(first_failed, i)
                for later in futures[first_failed + 1:]:
                    later.cancel()
            elif done is not None:
                done(len(chunks[i]))
        return [future.result() for future in futures]  # raises the first error in order

    def close(self, *, cancel: bool = False) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=cancel)
            self._executor = None


def _context() -> Any:
    import multiprocessing

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _worker_starts() -> None:
    """Ctrl-C and SIGTERM are for the main process, which stops the workers in order."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
