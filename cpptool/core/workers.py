"""Worker processes for checking many plans at once: chunks of work, results in order.

On Linux the workers are forked, so they start at once with everything already imported; on
platforms without a safe fork (macOS, Windows) the platform's default start (spawn) is used,
and each worker imports what it needs. Workers ignore Ctrl-C: the main process stops them.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Callable, Sequence


def processors() -> int:
    """The processors this process may use (fewer than the machine's in a container)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


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
