"""What a runner is: a task, the Runner protocol, and results taken in task order.

Shared by the local runners (``runners``) and the Dask one (``distributed``), so
that neither imports the other for it.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

__all__ = ["Runner", "Task", "in_order"]

Task = tuple[Any, ...]


class Runner(Protocol):
    def map(self, function: Callable[..., Any], tasks: Iterable[Task]) -> Iterator[Any]:
        """``function(*task)`` for every task, in order."""

    def close(self) -> None:
        """Let the workers go."""


def in_order(submit: Callable[[Task, int], Any], tasks: Iterable[Task], window: int) -> Iterator[Any]:
    """The results of ``submit(task, number)`` futures in task order, at most ``window`` in flight
    (tasks can carry Doc bytes: never all of them at once); a task's exception is raised here."""
    pending: deque = deque()
    try:
        for number, task in enumerate(tasks):
            pending.append(submit(task, number))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:  # when the caller stops early, or a task failed
            future.cancel()
