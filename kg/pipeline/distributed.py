"""Run the per-article tasks on a Dask distributed cluster; the client assembles the graph.

Every worker process runs the initializer once when it joins (a worker plugin), so
it loads the language model once and keeps it for every task it is given: the
model is cached per process (``kg.pipeline.parse.stages``). Workers need kg installed the
same way as the client, and the ontology folder at the same path, since the tasks
name it by path.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..errors import ClusterError
from .tasks import Task, in_order

try:
    from distributed import Client
    from distributed.comm import resolve_address
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # an optional extra: kg runs without it
    Client = resolve_address = None
    WorkerPlugin = object

CONNECT_TIMEOUT = 10  # seconds to reach the scheduler before saying it cannot be reached
WORKER_TIMEOUT = 120  # seconds to wait for a first worker to join a scheduler that has none
IN_FLIGHT = 3  # tasks queued per worker thread: enough to keep it busy, few enough to bound memory
PLUGIN_NAME = "kg-load-model"


class LoadOnce(WorkerPlugin):
    """Runs ``initializer(*initargs)`` in each worker process as it joins (and in those already there)."""

    idempotent = False  # a new build's plugin replaces the last one: its arguments may differ

    def __init__(self, initializer: Callable[..., None] | None, initargs: Task):
        self.initializer = initializer
        self.initargs = initargs

    def setup(self, worker) -> None:
        if self.initializer is not None:
            self.initializer(*self.initargs)


class DaskRunner:
    """Tasks spread over the workers of the Dask scheduler at ``address``; results in task order."""

    def __init__(self, address: str, initializer: Callable[..., None] | None = None, initargs: Task = (),
                 connect_timeout: float = CONNECT_TIMEOUT):
        if Client is None:
            raise ClusterError('--dask needs Dask distributed: pip install "kg-news[dask]"')
        _check_address(address)
        try:
            # not the default client: kg's work should not capture a notebook's own dask calls
            self._client = Client(address, timeout=connect_timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as err:
            raise ClusterError(f"cannot reach the Dask scheduler at {address} "
                               f"within {connect_timeout:g} s ({_first_line(err)})") from None
        try:
            self._client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
        except TimeoutError:
            self.close()
            raise ClusterError(f"no Dask worker joined the scheduler at {address} "
                               f"within {WORKER_TIMEOUT} s") from None
        try:  # in the workers there, and in every worker that joins later
            self._client.register_plugin(LoadOnce(initializer, initargs), name=PLUGIN_NAME)
        except Exception as err:  # the model or the ontology folder could not be loaded on a worker
            self.close()
            raise ClusterError(f"a Dask worker could not load kg's model and ontology: {_first_line(err)} "
                               "(every worker needs kg, its spaCy pipeline and the ontology folder "
                               "at the same path as here)") from None

    def _window(self) -> int:
        return max(1, sum(self._client.nthreads().values())) * IN_FLIGHT

    def map(self, function: Callable[..., Any], tasks: Iterable[Task]) -> Iterator[Any]:
        # a unique key per task: identical tasks of two builds must not be taken for one
        # (Dask would merge them), and the name says on the dashboard what runs
        prefix = f"kg-{function.__name__}-{uuid.uuid4().hex[:12]}"
        return in_order(lambda task, number: self._client.submit(function, *task, key=f"{prefix}-{number}"),
                        tasks, self._window())

    def close(self) -> None:
        """Disconnect; the cluster keeps running for whoever uses it next."""
        self._client.close()


def _check_address(address: str) -> None:
    """Say at once what is wrong with an address that is no address: a Client made with one
    fails, then hangs for a while as the process exits."""
    try:
        resolve_address(address)
    except ValueError as err:
        raise ClusterError(f"{address} is not a Dask scheduler address like tcp://HOST:8786 ({_first_line(err)})") from None
    except OSError as err:  # a host name that does not resolve
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({_first_line(err)})") from None


def _first_line(err: BaseException) -> str:
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0]
