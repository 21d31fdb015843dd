"""A read-only SPARQL 1.1 Protocol endpoint over a built graph.

The HTTP side is a small WSGI app served by waitress (pure Python, maintained by the Pylons
project, no C build). Queries run in worker processes, each holding the graph in its own
Oxigraph store: a Python thread running a pyoxigraph query cannot be interrupted, but a
process can be killed, so a query over the time limit is stopped for real and its worker
replaced. The store is only ever read with ``Store.query``, whose grammar has no update
forms; an update is also recognised by parsing and refused before it reaches a worker.
"""
from __future__ import annotations

import logging
import multiprocessing
import queue
import signal
import sys
from collections.abc import Callable, Iterable
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs

from ..errors import KGError
from .negotiate import Reply, answer

__all__ = ["WorkerPool", "make_app", "serve"]

logger = logging.getLogger(__name__)

MAX_BODY = 1_000_000  # bytes; a query longer than this is a mistake, not a query
READ_ONLY = "SPARQL Update is refused: this endpoint is read-only"
# Spawn, not fork: the server process runs threads, and forking a threaded process is unsafe.
_CONTEXT = multiprocessing.get_context("spawn")


def _worker_main(graph: str, conn) -> None:
    """Load the graph, then answer (query, accept) requests until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops workers itself
    from .query import load_store

    try:
        store = load_store(Path(graph))
    except KGError as err:
        store, failure = None, str(err)
    try:
        conn.send(("ready", "") if store is not None else ("failed", failure))
        while store is not None:
            text, accept = conn.recv()
            conn.send(answer(store, text, accept))
    except (EOFError, OSError):  # the server has gone: nothing left to answer
        return


class _Worker:
    """One worker process and its end of the pipe."""

    def __init__(self, graph: Path) -> None:
        self.conn, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=_worker_main, args=(str(graph), child), daemon=True)
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self) -> None:
        if not self.ready:
            state, message = self.conn.recv()
            if state != "ready":
                raise KGError(message)
            self.ready = True

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


class _TooLong(Exception):
    """A query ran past the time limit."""


class WorkerPool:
    """``size`` worker processes over ``graph``; ``run`` gives up on a query after ``timeout`` s."""

    def __init__(self, graph: Path, size: int = 1, timeout: float = 30.0) -> None:
        self.graph, self.timeout = Path(graph), timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        workers = [_Worker(self.graph) for _ in range(size)]
        for worker in workers:
            worker.wait_ready()  # a graph that cannot load stops the server at start
            self._idle.put(worker)

    def run(self, text: str, accept: str) -> Reply:
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return _plain(503, "all query workers are busy; try again later")
        healthy = False
        try:
            reply, healthy = self._ask(worker, text, accept), True
        except _TooLong:
            logger.warning("query stopped after %s s", self.timeout)
            reply = _plain(503, f"query stopped: it ran longer than the time limit of {self.timeout:g} s")
        except (EOFError, OSError, KGError) as err:  # the worker died (out of memory, killed)
            logger.error("query worker failed: %s", err)
            reply = _plain(500, "the query worker failed; try again")
        finally:
            self._idle.put(worker if healthy else self._replace(worker))
        return reply

    def _ask(self, worker: _Worker, text: str, accept: str) -> Reply:
        worker.wait_ready()
        worker.conn.send((text, accept))
        if not worker.conn.poll(self.timeout):
            raise _TooLong
        return worker.conn.recv()

    def _replace(self, worker: _Worker) -> _Worker:
        worker.stop()
        return _Worker(self.graph)

    def close(self) -> None:
        while not self._idle.empty():
            self._idle.get_nowait().stop()


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
          workers: int = 1, on_ready: Callable[[str], None] | None = None) -> None:
    """Serve ``graph`` until interrupted; ``on_ready`` gets the endpoint URL once it listens.

    ``port`` 0 takes any free port. Raises KGError when the graph cannot be loaded or the
    address cannot be bound.
    """
    from waitress.server import create_server

    pool = WorkerPool(graph, size=workers, timeout=timeout)
    try:
        server = create_server(make_app(pool), host=host, port=port, threads=max(4, workers * 2),
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
