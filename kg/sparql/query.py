"""SPARQL over a built graph: load it into Oxigraph, find the named queries, run them, format results.

Named queries are data: ``ontology/queries/NAME.rq``, or ``DIR/queries/NAME.rq`` of a copy of the
ontology given as ``ontology_dir`` (``--ontology DIR``). The comment lines at the top of a file say
what it answers (the first line is its one-line description) and declare its parameters as
``# param: NAME — what to give``; ``# param: NAME [decimal 0..1, default 0] — ...`` declares a number,
checked before the query runs, that may be left out. Parameter values are bound as RDF literals through
the engine's substitution mechanism, never pasted into the query text.

Example:
    >>> store = load_store(Path("output/graph.ttl"))  # doctest: +SKIP
    >>> query = find_query("about")  # doctest: +SKIP
    >>> results = run_query(store, query.text, {"entity": "Hezbollah"})  # doctest: +SKIP
"""
from __future__ import annotations

import multiprocessing
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Union

import pyoxigraph as ox
from rdflib import Graph
from rdflib import Literal as RDFLibLiteral
from rdflib import Variable as RDFLibVariable

from ..errors import QueryError
from ..ontology import KGC, KGD, KGE, KGO, ontology_folder
from .inspect import read_graph

__all__ = [
    "DEFAULT_TIMEOUT",
    "FORMATS",
    "NamedQuery",
    "Param",
    "QueryOutput",
    "find_query",
    "is_update",
    "load_rdflib",
    "load_store",
    "named_queries",
    "parse_params",
    "prepare_query",
    "read_query_file",
    "rows_oxigraph",
    "rows_rdflib",
    "run_query",
    "run_query_limited",
    "serialize_results",
    "table_rows",
    "uses_service",
]

FORMATS = ("table", "csv", "tsv", "json")
QUERIES_DIR = "queries"  # the named queries, in the ontology folder
DEFAULT_TIMEOUT = 60.0  # seconds a `kg query` may run
# Fork where there is one: `kg query` runs no threads, and a forked worker starts in
# milliseconds where a spawned one re-imports rdflib and pyoxigraph (about a second).
_CONTEXT = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}
# Short names for the table view; csv, tsv and json keep full IRIs.
SHORT_PREFIXES = (("kge:", str(KGE)), ("kgo:", str(KGO)), ("kgd:", str(KGD)), ("kgc:", str(KGC)))
PARAM_LINE = re.compile(r"#\s*param:\s*(\w+)\s*(?:\[([^\]]*)\]\s*)?(?:[—–:-]+\s*)?(.*)")
DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")  # xsd:decimal's lexical form: no exponent, NaN or INF
RANGE = re.compile(rf"decimal(?:\s+({DECIMAL.pattern})\.\.({DECIMAL.pattern}))?")

QueryResult = Union[ox.QuerySolutions, ox.QueryBoolean, ox.QueryTriples]


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter a named query declares: ``# param: entity — a label, e.g. Hezbollah``.

    ``# param: min_confidence [decimal 0..1, default 0] — ...`` declares a number (``kind`` "decimal",
    from ``low`` to ``high``) with a ``default``: a value must be a decimal number in range, and a
    parameter with a default may be left out.
    """

    name: str
    help: str
    kind: str = "text"
    low: Decimal | None = None
    high: Decimal | None = None
    default: str | None = None

    def check(self, value: str) -> str:
        """``value`` as bound: text as given; a decimal stripped, or a QueryError in one line."""
        if self.kind != "decimal":
            return value
        text = value.strip()
        number = Decimal(text) if DECIMAL.fullmatch(text) else None
        if number is None or (self.low is not None and number < self.low) or (
                self.high is not None and number > self.high):
            span, example = "", Decimal("0.5")
            if self.low is not None and self.high is not None:
                span, example = f" from {self.low} to {self.high}", (self.low + self.high) / 2
            raise QueryError(f"--param {self.name}={value!r}: expected a decimal number{span}, such as {example}")
        return text

    @property
    def usage(self) -> str:
        """How ``kg query --list`` shows it: ``--param entity=...``, ``--param min_confidence=0..1``."""
        if self.kind == "decimal" and self.low is not None:
            return f"--param {self.name}={self.low}..{self.high}"
        return f"--param {self.name}=..."


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query file of ``ontology/queries/``; ``name`` is the file name without ``.rq``."""

    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path


def load_store(path: Path) -> ox.Store:
    """An in-memory Oxigraph store holding the Turtle graph at ``path``.

    Raises QueryError naming the file when it is missing, unreadable or not Turtle.
    """
    path = Path(path)
    if not path.is_file():
        raise QueryError(f"{path}: graph file not found")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    except SyntaxError as err:
        raise QueryError(f"{path}: cannot parse as Turtle: {_one_line(err)}") from err
    except (OSError, ValueError) as err:
        raise QueryError(f"{path}: cannot read the graph: {_one_line(err)}") from err
    return store


def named_queries(ontology_dir: Path | None = None) -> dict[str, NamedQuery]:
    """The named queries of the ontology folder ``ontology_dir`` (default: the shipped one), by name:
    the ``.rq`` files of its ``queries/``."""
    folder = ontology_folder(ontology_dir) / QUERIES_DIR
    if not folder.is_dir():
        raise QueryError(f"{folder}: folder of named queries not found")
    return {p.stem: _read_named(p) for p in sorted(folder.glob("*.rq"))}


def find_query(name: str, ontology_dir: Path | None = None) -> NamedQuery:
    """The named query ``name`` of the ontology folder ``ontology_dir``, or a QueryError listing the known names."""
    known = named_queries(ontology_dir)
    if name not in known:
        raise QueryError(f"unknown named query {name!r}; known: {', '.join(known) or '(none)'}")
    return known[name]


def read_query_file(path: Path) -> str:
    """The text of a ``.rq`` file, or a QueryError naming it."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise QueryError(f"{path}: query file not found") from err
    except (OSError, UnicodeDecodeError) as err:
        raise QueryError(f"{path}: cannot read the query: {err}") from err


def _read_named(path: Path) -> NamedQuery:
    text = read_query_file(path)
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    params = tuple(_param(path, m) for m in map(PARAM_LINE.match, header) if m)
    description = header[0].lstrip("# ").strip() if header else ""
    return NamedQuery(path.stem, description, params, text, path)


def _param(path: Path, match: re.Match) -> Param:
    """A ``# param:`` line; its ``[...]`` is ``decimal``, ``decimal LOW..HIGH`` and ``default VALUE``,
    comma-separated, or a QueryError naming the file."""
    name, spec, help_text = match.group(1), match.group(2), match.group(3).strip()
    if spec is None:
        return Param(name, help_text)
    kind, low, high, default = "text", None, None, None
    for part in (p.strip() for p in spec.split(",")):
        ranged = RANGE.fullmatch(part)
        if ranged:
            kind = "decimal"
            low, high = (Decimal(x) if x is not None else None for x in ranged.groups())
        elif part.startswith("default "):
            default = part.removeprefix("default ").strip()
        else:
            raise QueryError(f"{path}: # param: {name}: cannot read {part!r}; use [decimal LOW..HIGH, default VALUE]")
    param = Param(name, help_text, kind, low, high, default)
    if default is not None:
        try:
            param.check(default)
        except QueryError as err:
            raise QueryError(f"{path}: # param: {name}: the default does not fit: {err}") from err
    return param


def parse_params(pairs: list[str], query: NamedQuery | None = None) -> dict[str, str]:
    """``["entity=Hezbollah"]`` -> ``{"entity": "Hezbollah"}``, checked against the query's declarations."""
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param {pair!r}: expected key=value")
        params[key.strip()] = value
    if query is not None:
        _check_params(params, query)
    return params


def _check_params(params: dict[str, str], query: NamedQuery) -> None:
    """Refuse unknown and missing parameters and values out of type or range; fill in the defaults."""
    declared = {p.name: p for p in query.params}
    wanted = ", ".join(f"{p.name} ({p.help})" for p in query.params) or "none"
    for key in sorted(set(params) - set(declared)):
        raise QueryError(f"query {query.name!r} has no parameter {key!r}; its parameters: {wanted}")
    for key in sorted(set(declared) - set(params)):
        if declared[key].default is None:
            raise QueryError(f"query {query.name!r} needs --param {key}=...; its parameters: {wanted}")
        params[key] = declared[key].default
    for key, param in declared.items():
        params[key] = param.check(params[key])


def prepare_query(text: str | None, file: Path | None, name: str | None, pairs: list[str],
                  ontology_dir: Path | None = None) -> tuple[str, dict[str, str], str]:
    """(query text, params, where it came from) from exactly one of text, a file or a name (a named
    query of the ontology folder ``ontology_dir``, default the shipped one)."""
    if sum(x is not None for x in (text, file, name)) != 1:
        raise QueryError("give exactly one of QUERY, --file or --name")
    if name is not None:
        named = find_query(name, ontology_dir)
        return named.text, parse_params(pairs, named), str(named.path)
    if file is not None:
        return read_query_file(file), parse_params(pairs), str(file)
    return str(text), parse_params(pairs), "query"


def is_update(text: str) -> bool:
    """Whether ``text`` parses as a SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE...)."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:  # any parse failure: it is not an update
        return False
    return bool(text.strip())


def uses_service(text: str) -> bool:
    """Whether a query has a SERVICE clause, which would make the engine send HTTP requests.

    A query rdflib's parser cannot read (Oxigraph accepts a few extensions) counts as using
    SERVICE when the word appears in it: the endpoint refuses rather than guesses.
    """
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(text)
    except Exception:  # not parsable here: fall back to the keyword
        return re.search(r"\bSERVICE\b", text, re.IGNORECASE) is not None
    return _has_part(tree, "ServiceGraphPattern")


def _has_part(node: object, name: str) -> bool:
    if getattr(node, "name", None) == name:
        return True
    if isinstance(node, dict):
        return any(_has_part(v, name) for v in node.values())
    if isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        return any(_has_part(v, name) for v in node)  # type: ignore[attr-defined]
    return False


def run_query(store: ox.Store, text: str, params: dict[str, str] | None = None,
              source: str = "query") -> QueryResult:
    """Run a SELECT, ASK, CONSTRUCT or DESCRIBE query with ``params`` bound as plain literals.

    Raises QueryError with the position for a syntax error, and refuses SPARQL Update.
    """
    substitutions = {ox.Variable(k): ox.Literal(v) for k, v in (params or {}).items()}
    try:
        return store.query(text, substitutions=substitutions)
    except SyntaxError as err:
        if is_update(text):
            raise QueryError("SPARQL Update is refused: kg only reads the graph") from err
        raise QueryError(f"{source}: SPARQL syntax error {_position(_one_line(err))}") from err
    except (OSError, ValueError, RuntimeError) as err:
        # RuntimeError: e.g. a --param the query does not SELECT (Oxigraph binds only those)
        raise QueryError(f"{source}: query failed: {_one_line(err)}") from err


def serialize_results(result: QueryResult, fmt: str) -> bytes:
    """Results as SPARQL 1.1 Query Results ``json``, ``csv``, ``tsv`` or ``xml``; graphs as Turtle."""
    if isinstance(result, ox.QueryTriples):
        return result.serialize(format=ox.RdfFormat.TURTLE)
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown result format {fmt!r}; known: {', '.join(RESULT_FORMATS)}")
    return result.serialize(format=RESULT_FORMATS[fmt])


def table_rows(result: ox.QuerySolutions, hide: Collection[str] = ()) -> tuple[list[str], list[list[str]]]:
    """(column names, rows of display strings) of SELECT results; IRIs shortened, unbound as "".

    ``hide`` names columns to leave out, e.g. the parameters, which only repeat what was asked.
    """
    columns = [v.value for v in result.variables if v.value not in hide]
    rows = [[_display(solution[name]) for name in columns] for solution in result]
    return columns, rows


def _display(term: object) -> str:
    if term is None:
        return ""
    value = term.value  # type: ignore[attr-defined]
    if isinstance(term, ox.NamedNode):
        for short, long in SHORT_PREFIXES:
            if value.startswith(long):
                return short + value[len(long):]
    return value


def rows_oxigraph(store: ox.Store, text: str, params: dict[str, str] | None = None
                  ) -> tuple[list[str], list[tuple]]:
    """(columns, rows) of a SELECT as plain strings (None when unbound), for comparing engines."""
    result = run_query(store, text, params)
    names = [v.value for v in result.variables]
    return names, [tuple(_plain(s[n]) for n in names) for s in result]


def rows_rdflib(graph: Graph, text: str, params: dict[str, str] | None = None
                ) -> tuple[list[str], list[tuple]]:
    """The same as :func:`rows_oxigraph` on rdflib's own SPARQL engine, params as ``initBindings``."""
    bindings = {RDFLibVariable(k): RDFLibLiteral(v) for k, v in (params or {}).items()}
    result = graph.query(text, initBindings=bindings)
    names = [str(v) for v in result.vars or []]
    return names, [tuple(None if t is None else str(t) for t in row) for row in result]


def _plain(term: object) -> str | None:
    return None if term is None else term.value  # type: ignore[attr-defined]


def load_rdflib(path: Path) -> Graph:
    """The graph at ``path`` in rdflib, for its engine; KGError naming the file when it fails."""
    return read_graph(path)


def _position(message: str) -> str:
    """Oxigraph's "error at 3:14: expected ..." as "at line 3, column 14: expected ..."."""
    return re.sub(r"^error at (\d+):(\d+)", r"at line \1, column \2", message)


def _one_line(err: BaseException) -> str:
    return " ".join(str(err.args[0] if err.args else err).split())


@dataclass(frozen=True, slots=True)
class QueryOutput:
    """What a query gave, as plain data a worker process can send back: ``text`` (serialized
    results, a graph as Turtle, or "true"/"false") or, for the table view, columns and rows."""

    text: str | None = None
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def query_output(store: ox.Store, text: str, params: dict[str, str], source: str, fmt: str) -> QueryOutput:
    """Run a query and render it for ``fmt`` ("table" or a SPARQL results format)."""
    result = run_query(store, text, params, source)
    if fmt != "table" or isinstance(result, ox.QueryTriples):
        return QueryOutput(text=serialize_results(result, fmt).decode("utf-8"))
    if isinstance(result, ox.QueryBoolean):
        return QueryOutput(text="true" if bool(result) else "false")
    columns, rows = table_rows(result, hide=params)  # parameter columns only repeat what was asked
    return QueryOutput(columns=columns, rows=rows)


def _query_worker(graph: str, text: str, params: dict[str, str], source: str, fmt: str, conn) -> None:
    try:
        store = load_store(Path(graph))
        conn.send(("loaded", None))
        conn.send(("done", query_output(store, text, params, source, fmt)))
    except QueryError as err:
        conn.send(("error", str(err)))
    finally:
        conn.close()


def run_query_limited(graph: Path, text: str, params: dict[str, str] | None = None, source: str = "query",
                      fmt: str = "table", timeout: float = DEFAULT_TIMEOUT) -> QueryOutput:
    """:func:`query_output` on the graph file ``graph``, stopped after ``timeout`` seconds of querying.

    The query runs in a worker process (a pyoxigraph query cannot be interrupted inside a thread,
    a process can be killed), as ``kg serve`` does; loading the graph does not count against the
    limit. Raises QueryError for a bad graph or query, and when the limit is reached.
    """
    parent, child = _CONTEXT.Pipe(duplex=False)
    worker = _CONTEXT.Process(target=_query_worker, args=(str(graph), text, params or {}, source, fmt, child),
                              daemon=True)
    worker.start()
    child.close()
    try:
        state, value = _receive(parent, None)
        if state == "loaded":
            state, value = _receive(parent, timeout)
    finally:
        worker.kill()
        worker.join()
        parent.close()
    if state == "error":
        raise QueryError(value)
    return value


def _receive(conn, timeout: float | None) -> tuple[str, object]:
    if timeout is not None and not conn.poll(timeout):
        raise QueryError(f"query stopped: it ran longer than the time limit of {timeout:g} s (--timeout)")
    try:
        return conn.recv()
    except EOFError as err:  # the worker died: out of memory, killed
        raise QueryError("the query process ended without an answer") from err
