"""Where the per-article work runs: in this process, in local worker processes, or on a Dask cluster.

A runner maps a module-level function over a list of tasks (tuples of arguments)
and yields the results in the tasks' order, whatever finished first. The tasks
are cut the same way for every runner, so the output is the same whichever runs
them. Each worker loads the language model once (``kg.pipeline.parse.stages`` is cached per
process) and keeps it for every task it is given.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from .tasks import Runner, Task, in_order

__all__ = ["InProcess", "LocalProcesses", "Runner", "Task", "default_workers", "make_runner"]


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class InProcess:
    """Every task in this process, one after the other."""

    def map(self, function: Callable[..., Any], tasks: Iterable[Task]) -> Iterator[Any]:
        for task in tasks:
            yield function(*task)

    def close(self) -> None:
        pass


class LocalProcesses:
    """Tasks spread over ``workers`` processes of this machine, started once for the whole build."""

    IN_FLIGHT = 3  # tasks queued per worker: enough to keep it busy, few enough to bound memory

    def __init__(self, workers: int, initializer: Callable[..., None] | None = None, initargs: Task = ()):
        # "spawn": a forked child could inherit a lock held by another thread (the progress bar's)
        self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=initializer, initargs=initargs)
        self._window = workers * self.IN_FLIGHT

    def map(self, function: Callable[..., Any], tasks: Iterable[Task]) -> Iterator[Any]:
        return in_order(lambda task, _: self._pool.submit(function, *task), tasks, self._window)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


def make_runner(workers: int, initializer: Callable[..., None] | None = None, initargs: Task = (),
                dask_address: str | None = None) -> Runner:
    """A runner for ``workers`` local processes (one: this process), or for a Dask cluster."""
    if dask_address:
        from .distributed import DaskRunner

        return DaskRunner(dask_address, initializer, initargs)
    if workers <= 1:
        return InProcess()
    return LocalProcesses(workers, initializer, initargs)
