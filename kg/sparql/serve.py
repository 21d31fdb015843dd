"""A read-only SPARQL 1.1 Protocol endpoint over a built graph.

The HTTP side is a small WSGI app served by waitress (pure Python, maintained by the Pylons
project, no C build). Queries run in worker processes, each holding the graph: a Python
thread running a pyoxigraph query cannot be interrupted, but a process can be killed, so a
query over the time limit is stopped for real. The store is only ever read with
``Store.query``, whose grammar has no update forms; an update is also recognised by parsing
and refused before it reaches a worker.

Cheap queries must not wait behind runaways, so a worker is never loaded while anyone waits:
one template process loads the graph once, and every worker is a fork of it (copy-on-write,
ready in milliseconds). A query starts in the lane of cheap queries; once it has run for
``lane_after`` seconds its cost is known, its worker leaves that lane for the lane of long
queries (at a lower CPU priority) and a fresh fork takes its place. The long lane has room
for ``long_queries`` queries; a long query that finds it full is stopped then (503).
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import socket
import sys
import threading
from collections.abc import Callable, Iterable
from http import HTTPStatus
from multiprocessing.connection import Connection
from multiprocessing.reduction import recv_handle, send_handle
from pathlib import Path
from urllib.parse import parse_qs

from ..errors import KGError
from .negotiate import Reply, answer

__all__ = ["WorkerPool", "make_app", "serve"]

logger = logging.getLogger(__name__)

MAX_BODY = 1_000_000  # bytes; a query longer than this is a mistake, not a query
READ_ONLY = "SPARQL Update is refused: this endpoint is read-only"
LANE_AFTER = 0.5  # seconds a query may run in the lane of cheap queries
LONG_NICE = 10  # the CPU niceness of a worker running a long query
# Spawn, not fork, for the template: the server process runs threads, and forking a threaded
# process is unsafe. The template is single-threaded and forks the workers itself.
_CONTEXT = multiprocessing.get_context("spawn")


def _template_main(graph: str, conn) -> None:
    """Load the graph, then fork one worker per request, passing back its pid and pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops its processes itself
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the killed workers
    from .query import load_store

    try:
        store = load_store(Path(graph))
    except KGError as err:
        conn.send(("failed", str(err)))
        return
    try:
        conn.send(("ready", ""))
        while True:
            conn.recv()  # one more worker, please
            ours, theirs = socket.socketpair()
            pid = os.fork()
            if pid == 0:
                conn.close()
                ours.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                _die_with_parent()
                _answer(store, Connection(theirs.detach()))
                os._exit(0)
            theirs.close()
            conn.send(pid)
            send_handle(conn, ours.fileno(), None)
            ours.close()
    except (EOFError, OSError):  # the server has gone
        return


def _die_with_parent() -> None:
    """On Linux, a worker is killed when the template ends, so no runaway outlives the server."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: close() still stops every worker it knows
        pass


def _answer(store, conn: Connection) -> None:
    """Answer (query, accept) requests until the pipe closes."""
    try:
        while True:
            text, accept = conn.recv()
            conn.send(answer(store, text, accept))
    except (EOFError, OSError):
        return


class _Worker:
    """One forked worker process and the server's end of its pipe."""

    def __init__(self, pid: int, conn: Connection) -> None:
        self.pid, self.conn = pid, conn

    def lower_priority(self) -> None:
        try:
            os.setpriority(os.PRIO_PROCESS, self.pid, LONG_NICE)
        except OSError:  # it has just ended; the pipe will say so
            pass

    def stop(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except OSError:  # already gone
            pass
        self.conn.close()


class _Template:
    """The process that holds the loaded graph and forks workers from it."""

    def __init__(self, graph: Path) -> None:
        self.graph = graph
        self._lock = threading.Lock()
        self._start()

    def _start(self) -> None:
        self.conn, child = _CONTEXT.Pipe()  # duplex: a Unix socket, which can carry a descriptor
        self.process = _CONTEXT.Process(target=_template_main, args=(str(self.graph), child), daemon=True)
        self.process.start()
        child.close()
        try:
            state, message = self.conn.recv()
        except EOFError as err:
            raise KGError(f"{self.graph}: the process loading the graph died") from err
        if state != "ready":
            raise KGError(message)

    def fork(self) -> _Worker:
        with self._lock:
            try:
                return self._fork()
            except (EOFError, OSError) as err:  # the template died (out of memory, killed): load again
                logger.error("graph template process failed (%s); loading the graph again", err)
                self.stop()
                self._start()
                return self._fork()

    def _fork(self) -> _Worker:
        self.conn.send("fork")
        pid = self.conn.recv()
        return _Worker(pid, Connection(recv_handle(self.conn)))

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


class WorkerPool:
    """``size`` workers for cheap queries over ``graph``; ``run`` gives up on a query after ``timeout`` s.

    A query still running after ``lane_after`` s moves to the lane of long queries, which has
    room for ``long_queries`` (default ``size``), and its place is taken by a fresh worker.
    """

    def __init__(self, graph: Path, size: int = 1, timeout: float = 30.0, long_queries: int | None = None,
                 lane_after: float = LANE_AFTER) -> None:
        self.graph, self.timeout = Path(graph), timeout
        self.lane_after = min(lane_after, timeout)
        self.long_queries = size if long_queries is None else long_queries
        self._long = 0  # queries in the long lane now
        self._lock = threading.Lock()
        self._live: set[_Worker] = set()  # every worker not yet stopped, idle or busy
        self._template = _Template(self.graph)  # a graph that cannot load stops the server at start
        self._idle: queue.Queue[_Worker] = queue.Queue()
        for _ in range(size):  # here a failure stops the server at start
            worker = self._template.fork()
            self._live.add(worker)
            self._idle.put(worker)

    def run(self, text: str, accept: str) -> Reply:
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return _plain(503, "all query workers are busy; try again later")
        try:
            worker.conn.send((text, accept))
            if worker.conn.poll(self.lane_after):
                reply = worker.conn.recv()
                self._idle.put(worker)
                return reply
        except (EOFError, OSError) as err:  # the worker died (out of memory, killed)
            self._add()
            return self._failed(worker, err)
        # Its cost is known now: a long query. A fresh worker takes its place among the cheap.
        self._add()
        with self._lock:
            admitted = self._long < self.long_queries
            if admitted:
                self._long += 1
        if not admitted:
            self._stop(worker)
            logger.warning("long query stopped after %g s: the long lane is full", self.lane_after)
            return _plain(503, f"query stopped after {self.lane_after:g} s: the lane of long queries is "
                          f"full ({self.long_queries} running); try again later")
        try:
            worker.lower_priority()
            if worker.conn.poll(self.timeout - self.lane_after):
                return worker.conn.recv()
            logger.warning("query stopped after %s s", self.timeout)
            return _plain(503, f"query stopped: it ran longer than the time limit of {self.timeout:g} s")
        except (EOFError, OSError) as err:
            return self._failed(worker, err)
        finally:  # a worker that ran a long query is not reused: it runs at a lower priority
            self._stop(worker)
            with self._lock:
                self._long -= 1

    def _add(self) -> None:
        """A fresh worker among the idle ones (when the template cannot fork, one fewer)."""
        try:
            worker = self._template.fork()
        except (EOFError, OSError, KGError) as err:
            logger.error("cannot start a query worker: %s", err)
            return
        with self._lock:
            self._live.add(worker)
        self._idle.put(worker)

    def _stop(self, worker: _Worker) -> None:
        with self._lock:
            self._live.discard(worker)
        worker.stop()

    def _failed(self, worker: _Worker, err: Exception) -> Reply:
        logger.error("query worker failed: %s", err)
        self._stop(worker)
        return _plain(500, "the query worker failed; try again")

    def close(self) -> None:
        with self._lock:
            workers, self._live = list(self._live), set()
        for worker in workers:
            worker.stop()
        self._template.stop()


def make_app(pool: WorkerPool) -> Callable:
    """The WSGI app: GET and POST on ``/sparql`` (and ``/``), SPARQL 1.1 Protocol query operation."""

    def app(environ: dict, start_response: Callable) -> Iterable[bytes]:
        reply = _route(environ, pool)
        headers = [("Content-Type", reply.content_type), ("Content-Length", str(len(reply.body))),
                   ("Vary", "Accept")]
        if reply.status == 405:
            headers.append(("Allow", "GET, POST"))
        start_response(f"{reply.status} {HTTPStatus(reply.status).phrase}", headers)
        return [reply.body]

    return app


def _route(environ: dict, pool: WorkerPool) -> Reply:
    if environ.get("PATH_INFO", "/") not in ("/", "/sparql"):
        return _plain(404, "not found: the SPARQL endpoint is /sparql")
    method = environ["REQUEST_METHOD"]
    if method == "GET":
        found = _query_from_form(parse_qs(environ.get("QUERY_STRING", "")))
    elif method == "POST":
        found = _query_from_post(environ)
    else:
        return _plain(405, f"method {method} not allowed: use GET or POST")
    if isinstance(found, Reply):
        return found
    from .query import is_update, uses_service

    if is_update(found):
        return _plain(403, READ_ONLY)
    if uses_service(found):  # Oxigraph would fetch from any URL the client names
        return _plain(403, "SERVICE is refused: this endpoint does not query other servers")
    return pool.run(found, environ.get("HTTP_ACCEPT", "*/*"))


def _query_from_post(environ: dict) -> str | Reply:
    media = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length > MAX_BODY:
        return _plain(413, f"request body over {MAX_BODY} bytes")
    body = environ["wsgi.input"].read(length).decode("utf-8", errors="replace")
    if media == "application/sparql-update":
        return _plain(403, READ_ONLY)
    if media == "application/sparql-query":
        return body
    if media == "application/x-www-form-urlencoded":
        return _query_from_form(parse_qs(body))
    return _plain(415, f"unsupported Content-Type {media!r}: use application/sparql-query "
                  "or application/x-www-form-urlencoded")


def _query_from_form(form: dict[str, list[str]]) -> str | Reply:
    if "update" in form:
        return _plain(403, READ_ONLY)
    if "default-graph-uri" in form or "named-graph-uri" in form:
        return _plain(400, "default-graph-uri and named-graph-uri are not supported: "
                      "the endpoint serves one graph")
    queries = form.get("query", [])
    if len(queries) != 1:
        return _plain(400, "give exactly one 'query' parameter")
    return queries[0]


def _plain(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def serve(graph: Path, host: str = "127.0.0.1", port: int = 8000, timeout: float = 30.0,
          workers: int = 1, on_ready: Callable[[str], None] | None = None,
          long_queries: int | None = None) -> None:
    """Serve ``graph`` until interrupted; ``on_ready`` gets the endpoint URL once it listens.

    ``workers`` answer cheap queries; ``long_queries`` (default ``workers``) queries that run
    past a short first stretch may go on, up to ``timeout`` s. ``port`` 0 takes any free port. Raises KGError when the graph cannot be loaded or the
    address cannot be bound.
    """
    from waitress.server import create_server

    pool = WorkerPool(graph, size=workers, timeout=timeout, long_queries=long_queries)
    # Threads enough for every long query and, beside them, the cheap ones.
    threads = max(4, workers * 2) + pool.long_queries
    try:
        server = create_server(make_app(pool), host=host, port=port, threads=threads,
                               clear_untrusted_proxy_headers=True)
    except OSError as err:
        pool.close()
        raise KGError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err
    # SIGTERM ends the server like Ctrl-C, so the workers are stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        if on_ready:
            on_ready(f"http://{_url_host(host)}:{server.effective_port}/sparql")
        server.run()
    finally:
        server.close()
        pool.close()


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
