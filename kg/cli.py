"""The command line: parses options, calls the library, prints."""
from __future__ import annotations

import logging
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from .cli_review import review_cli
from .errors import KGError
from .limits import MAX_BYTES, TIME_BUDGET

app = typer.Typer(help="Build a traced knowledge graph from news articles.", no_args_is_help=True, add_completion=False)
app.command("review", rich_help_panel="Corrections")(review_cli)  # prompts and printing: cli_review.py
console, err_console = Console(), Console(stderr=True)


# Every command that reads the ontology (kg.ttl, rules, catalog, shapes, named queries) takes the
# same option, and the library finds the folder in one place (kg.ontology.ontology_folder).
OntologyOption = Annotated[Path | None, typer.Option(
    "--ontology", metavar="DIR", help="Ontology folder: your copy of ontology/ (default: the shipped one).")]


def _fail(err: Exception) -> None:
    typer.echo(f"kg: error: {err}", err=True)
    raise typer.Exit(1)


def _summary(rows: list[tuple[str, int]]) -> Table:
    table = Table(title="kg build")
    table.add_column("what")
    table.add_column("count", justify="right")
    for what, n in rows:
        table.add_row(what, str(n))
    return table


class GraphFormat(str, Enum):
    """What `kg build --format` writes: Turtle with every export, or one streamed N-Triples or N-Quads file."""

    ttl = "ttl"
    nt = "nt"
    nq = "nq"


@app.command("build")
def build_cli(
    data: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the graph files.")] = Path("output"),
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to use (default: en_core_web_sm).")] = None,
    ontology: OntologyOption = None,
    workers: Annotated[int, typer.Option(
        min=0, help="Worker processes; 0 (the default): one per core of this machine. The output is the same for any number.")] = 0,
    full_parse: Annotated[bool, typer.Option(
        "--full-parse", help="Run the language model over every sentence, not only those that can hold a claim.")] = False,
    cache: Annotated[bool, typer.Option(
        help="Keep each article's parse and claims in OUT/kg-cache.sqlite, so a rebuild redoes only what changed.")] = True,
    dask: Annotated[str | None, typer.Option(
        "--dask", metavar="SCHEDULER_ADDRESS", help="Run extraction on a Dask cluster, e.g. tcp://10.0.0.5:8786.")] = None,
    max_bytes: Annotated[int, typer.Option(help="Skip files larger than this many bytes.")] = MAX_BYTES,
    time_budget: Annotated[float, typer.Option(
        help="CPU seconds one article's own work (parse, mentions, claims) may take; over it, skipped.")] = TIME_BUDGET,
    fmt: Annotated[GraphFormat, typer.Option(
        "--format",
        help="ttl: graph.ttl and its exports; nt or nq: only graph.nt or graph.nq (one named graph per "
             "article), streamed without holding the graph in memory, for bulk loaders.")] = GraphFormat.ttl,
    corrections: Annotated[Path | None, typer.Option("--corrections", metavar="FILE", help=(
        "An analyst's corrections, JSON Lines, applied after extraction (default: OUT/corrections.jsonl if any).")
    )] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Read articles and write OUT/graph.ttl (or graph.nt, graph.nq) with a summary of what was found."""
    from .corrections import corrections_file, report_lines
    from .export.output import write_build, write_build_if_changed
    from .export.stream import write_stream_build
    from .pipeline.cache import CACHE_DIR
    from .pipeline.run import build, time_budget_warning
    from .pipeline.summary import summary_rows
    from .pipeline.runners import default_workers

    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING)
    try:
        fixes = corrections_file(out, corrections)
        with Progress(console=err_console, transient=True) as bar:
            task = bar.add_task("reading articles", total=None)
            result = build(data, ontology_dir=ontology, model=model, n_process=workers or default_workers(),
                           max_bytes=max_bytes, time_budget=time_budget, full_parse=full_parse,
                           cache_dir=out if cache else None, dask_address=dask, graph=False,
                           progress=lambda done, total: bar.update(task, completed=done, total=total),
                           corrections=fixes)
        if fmt is not GraphFormat.ttl:
            written = write_stream_build(result, out, fmt.value)
        elif cache:
            written = write_build_if_changed(result, out, out / CACHE_DIR)
        else:
            written = write_build(result, out)
    except KGError as err:
        _fail(err)
    for skip in result.skipped:
        typer.echo(f"skipped {skip.source}: {skip.reason}", err=True)
    for line in report_lines(fixes, result.corrections):
        typer.echo(line, err=True)
    console.print(_summary(summary_rows(result)))
    if result.changes is not None:
        console.print(_changes_table(result.changes, "changed since the last build into this folder"))
    warning = time_budget_warning(result, time_budget)
    if warning:
        typer.echo(f"warning: {warning}", err=True)
    if written is None:
        typer.echo(f"nothing to write: the files in {out} were made from the same graph")
    else:
        typer.echo(f"wrote {', '.join(str(p) for p in written)}")


@app.command("entities")
def entities_cli(
    graph: Annotated[Path, typer.Argument(help="A graph.ttl written by kg build.")],
) -> None:
    """List the entities of a graph with class, mentions and articles."""
    from .sparql.inspect import list_entities

    try:
        rows = list_entities(graph)
    except KGError as err:
        _fail(err)
    table = Table()
    for column in ("entity", "label", "class", "mentions", "articles"):
        table.add_column(column)
    for row in rows:
        table.add_row(*(str(v) for v in row))
    console.print(table)


@app.command("diff")
def diff_cli(
    old: Annotated[Path, typer.Argument(help="The earlier graph (.ttl, .nt, .nq).")],
    new: Annotated[Path, typer.Argument(help="The later graph.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print every change as JSON instead of tables.")] = False,
    limit: Annotated[int, typer.Option(min=0, help="Rows shown of each list; 0 shows all.")] = 20,
) -> None:
    """Say what NEW adds to OLD and what is gone: entities, direct edges and claims."""
    from .graph.diff import diff_graphs

    try:
        changes = diff_graphs(old, new)
    except KGError as err:
        _fail(err)
    if as_json:
        typer.echo(changes.to_json())
        return
    console.print(_changes_table(changes, f"kg diff {old} {new}"))
    if changes.is_empty:
        typer.echo("no change")
    for title, columns, rows in _change_lists(changes):
        _print_change_list(title, columns, rows, limit)


def _changes_table(changes, title: str) -> Table:
    table = Table(title=title)
    for column in ("what", "before", "after", "new", "gone", "changed"):
        table.add_column(column, justify="left" if column == "what" else "right")
    for kind, counts in changes.counts().items():
        table.add_row(kind, *(str(counts[c]) for c in ("before", "after", "new", "gone")),
                      "" if kind == "edges" else str(counts["changed"]))  # an edge has nothing to change
    return table


def _change_lists(changes):
    """(title, columns, rows) of each list of changes that is not empty."""
    entity = ("entity", "label", "class")
    claim = ("article", "claim", "modality")
    lists = (
        ("new entities", entity, [(e.id, e.label, e.cls) for e in changes.new_entities]),
        ("gone entities", entity, [(e.id, e.label, e.cls) for e in changes.gone_entities]),
        ("changed entities", ("entity", "before", "after"),
         [(e.id, f"{e.old_label} ({e.old_cls})", f"{e.label} ({e.cls})") for e in changes.changed_entities]),
        ("new edges", ("edge",), [(e.text,) for e in changes.new_edges]),
        ("gone edges", ("edge",), [(e.text,) for e in changes.gone_edges]),
        ("new claims", claim, [(c.document, c.text, c.modality) for c in changes.new_claims]),
        ("gone claims", claim, [(c.document, c.text, c.modality) for c in changes.gone_claims]),
        ("changed claims", ("article", "claim", "before", "after"),
         [(c.document, c.text, c.old_modality, c.modality) for c in changes.changed_claims]),
    )
    return [entry for entry in lists if entry[2]]


def _print_change_list(title: str, columns, rows, limit: int) -> None:
    shown = rows[:limit] if limit else rows
    table = Table(title=f"{title}: {len(rows)}", title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in shown:
        table.add_row(*row)
    console.print(table)
    if len(shown) < len(rows):
        typer.echo(f"... and {len(rows) - len(shown)} more {title} (--limit 0 shows all; --json lists them)")


@app.command("query")
def query_cli(
    graph: Annotated[Path | None, typer.Argument(help="A graph.ttl written by kg build.")] = None,
    sparql: Annotated[str | None, typer.Argument(metavar="QUERY", help="SPARQL query text.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the query from a .rq file.")] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="Run a named query (see --list).")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value for a named query.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, tsv or json (SPARQL 1.1 results).")] = "table",
    list_queries: Annotated[bool, typer.Option("--list", help="List the named queries and exit.")] = False,
    timeout: Annotated[float, typer.Option(min=0.01, help="Seconds the query may run before it is stopped.")] = 60.0,
    ontology: OntologyOption = None,
) -> None:
    """Run a SPARQL query on GRAPH: QUERY text, --file Q.rq or --name NAME [--param key=value]."""
    from .sparql.query import FORMATS, named_queries, prepare_query, run_query_limited

    try:
        if list_queries:
            _print_named(named_queries(ontology))
            return
        if graph is None:
            raise KGError("give a GRAPH file (or --list)")
        if fmt not in FORMATS:
            raise KGError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
        text, params, source = prepare_query(sparql, file, name, param or [], ontology)
        output = run_query_limited(graph, text, params, source, fmt, timeout)
    except KGError as err:
        _fail(err)
    _print_output(output)


def _print_named(queries) -> None:
    width = max((len(name) for name in queries), default=0)
    for query in queries.values():
        params = "".join(f" [{p.usage}]" for p in query.params)
        typer.echo(f"{query.name:<{width}}  {query.description}{params}")


def _print_output(output) -> None:
    if output.text is not None:
        typer.echo(output.text, nl=not output.text.endswith("\n"))
        return
    table = Table()
    for column in output.columns:
        table.add_column(column, overflow="fold")  # wrap ids rather than cut them
    for row in output.rows:
        table.add_row(*row)
    console.print(table)
    typer.echo(f"{len(output.rows)} row{'s' * (len(output.rows) != 1)}", err=True)


@app.command("serve")
def serve_cli(
    graph: Annotated[Path, typer.Argument(help="A graph.ttl written by kg build.")],
    host: Annotated[str, typer.Option(help="Address to listen on; only this machine by default.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on; 0 takes a free one.")] = 8000,
    timeout: Annotated[float, typer.Option(min=0.01, help="Seconds a query may run before it is stopped.")] = 30.0,
    workers: Annotated[int, typer.Option(min=1, help="Query worker processes for cheap queries.")] = 1,
    long_queries: Annotated[int | None, typer.Option(
        min=0, help="Queries that may run past the first half second at once (default: --workers); "
                    "a long query beyond them is stopped (503).")] = None,
) -> None:
    """Serve GRAPH as a read-only SPARQL 1.1 endpoint at http://HOST:PORT/sparql until Ctrl-C."""
    from .sparql.serve import serve

    def ready(url: str) -> None:
        typer.echo(f"serving {graph} at {url} (read-only; queries stop after {timeout:g} s)")

    try:
        serve(graph, host=host, port=port, timeout=timeout, workers=workers, on_ready=ready,
              long_queries=long_queries)
    except KGError as err:
        _fail(err)
    except KeyboardInterrupt:
        typer.echo("stopped", err=True)


@app.command("validate")
def validate_cli(
    graph: Annotated[Path, typer.Argument(help="A graph.ttl written by kg build.")],
    shapes: Annotated[Path | None, typer.Option(
        help="SHACL shapes (default: shapes.ttl of the ontology folder).")] = None,
    engine: Annotated[str, typer.Option(help="oxigraph (shapes as SPARQL, fast) or pyshacl (the reference).")]
        = "oxigraph",
    ontology: OntologyOption = None,
) -> None:
    """Check GRAPH against the graph contract (SHACL) and the ontology; exit 1 when it does not conform."""
    from .sparql.validate import validate_graph

    try:
        report = validate_graph(graph, shapes, ontology_dir=ontology, engine=engine)
    except KGError as err:
        _fail(err)
    for finding in report.findings:
        typer.echo(str(finding))
    verdict = "conforms" if report.conforms else f"does not conform: {len(report.violations)} violations"
    typer.echo(f"{graph}: {verdict}" + (f" ({len(report.warnings)} warnings)" if report.warnings else ""))
    if not report.conforms:
        raise typer.Exit(1)


@app.command("export")
def export_cli(
    graph: Annotated[Path, typer.Argument(help="A graph.ttl written by kg build.")],
    to: Annotated[str, typer.Option("--to", help="Format: gexf, graphml, html, jsonld, nt or ttl.")],
    out: Annotated[str, typer.Option("--out", "-o", help="File to write; '-' streams nt to stdout.")],
) -> None:
    """Write a graph as an offline page, GEXF, GraphML, JSON-LD or N-Triples."""
    import sys

    from .export import export, stream_ntriples
    from .sparql.inspect import read_graph

    try:
        rdf = read_graph(graph)
        if out == "-" and to == "nt":
            stream_ntriples(rdf, sys.stdout.buffer)
            return
        written = export(rdf, to, Path(out))
    except KGError as err:
        _fail(err)
    typer.echo(f"wrote {written}")


@app.command("train")
def train_cli(
    labelled: Annotated[list[Path], typer.Argument(help="Labelled folders: THEME/articles + THEME/gold.json, "
                                                       "or folders of such themes.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write judge.json into "
                                                          "(ontology/model for the shipped model).")],
    ontology: OntologyOption = None,
    articles_root: Annotated[Path | None, typer.Option(
        "--articles-root", metavar="DIR",
        help="Folder the article paths a gold file lists under \"articles\" are relative to "
             "(default: the gold file's folder).")] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline (default en_core_web_sm).")] = None,
    cache: Annotated[Path | None, typer.Option("--cache", help="Keep the articles' parses here for the next run.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the learner.")] = 0,
    precision: Annotated[float, typer.Option("--precision", help="Precision the threshold must reach on held-out themes.")] = 0.92,
) -> None:
    """Learn the judge of claims from labelled articles; write its model as JSON."""
    from .ontology import ontology_folder
    from .training.fit import train

    try:
        report = train(labelled, out, ontology_folder(ontology), model=model, cache_dir=cache,
                       seed=seed, precision=precision, articles_root=articles_root,
                       progress=lambda name, done, total: err_console.print(f"read {name} ({done}/{total})"))
    except KGError as err:
        _fail(err)
    table = Table(title=f"kg train: {report.path}")
    table.add_column("what")
    table.add_column("value", justify="right")
    for what, value in (("themes", report.themes), ("claims", report.claims), ("claims right", report.right),
                        ("regularisation C", report.c), ("threshold (loose claims)", report.threshold),
                        ("threshold (frames' claims)", report.rule_threshold),
                        *((f"threshold (loose {relation})", t) for relation, t in report.loose_thresholds.items()),
                        ("held-out precision", f"{report.cv_precision:.3f}"),
                        ("held-out recall", f"{report.cv_recall:.3f}"),
                        ("held-out calibration error", f"{report.cv_ece:.3f}")):
        table.add_row(what, str(value))
    console.print(table)


@app.command("score")
def score_cli(
    graph: Annotated[Path, typer.Argument(help="A graph.ttl written by kg build.")],
    gold: Annotated[Path, typer.Option("--gold", "-g", help="Gold file of facts (JSON, see docs/gold-format.md).")],
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also each fact, and the entities.")] = False,
    ontology: OntologyOption = None,
) -> None:
    """Measure GRAPH against facts a person read in the same articles: precision, recall, items, sources."""
    import json

    from .evaluate.score import score_files

    try:
        if fmt not in ("table", "json"):
            raise KGError(f"unknown format {fmt!r}; known: table, json")
        score = score_files(graph, gold, ontology)
    except KGError as err:
        _fail(err)
    if fmt == "json":
        typer.echo(json.dumps(score.as_dict(), indent=1, ensure_ascii=False))
        return
    console.print(_score_table(score, f"{graph} against {gold}"))
    console.print(_reliability_table(score.reliability, "claims"))
    console.print(_reliability_table(score.edge_reliability, "edges"))
    _print_list("missed: core facts the graph does not state", score.missed)
    _print_list("false positives: relations in the graph no gold fact accepts", score.false_positives)
    if verbose:
        _print_list("core facts (in the graph, articles with a claim of it / cited)", _fact_lines(score))
        _print_list("core entities not found", score.entities_missing)
        _print_list("gold entities split over several nodes",
                    [f"{name}: {', '.join(nodes)}" for name, nodes in score.entities_split.items()])
        _print_list("entities the gold calls noise", score.noise_entities)
        _print_list("entities the gold does not review", score.unreviewed_entities)


def _score_table(score, title: str) -> Table:
    def figure(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    table = Table(title=title)
    for column, justify in (("figure", "left"), ("value", "right"), ("counted", "left")):
        table.add_column(column, justify=justify)
    rows = (("relation precision", score.precision, "relations in the graph are gold facts"),
            ("relation recall", score.recall, "core facts are in the graph"),
            ("relation F1", None, ""),
            ("entity recall", score.entity_recall, "core entities found"),
            ("item recall", score.item_recall, "items found on claims of their fact"),
            ("source support", score.source_support, "cited articles with a claim of their fact"))
    for name, ratio, what in rows:
        if ratio is None:
            table.add_row(name, figure(score.f1), "")
        else:
            table.add_row(name, figure(ratio.value), f"{ratio.hits} of {ratio.total} {what}")
    table.add_row("calibration error", figure(score.calibration_error),
                  "claims' confidence against the share right (ECE)")
    table.add_row("edge calibration error", figure(score.edge_calibration_error), "edges' confidence, the same way")
    return table


def _reliability_table(bins, what: str) -> Table:
    table = Table(title=f"reliability: {what} by confidence")
    for column in ("confidence", what, "mean confidence", "share right"):
        table.add_column(column, justify="right")
    for b in bins:
        if b.claims:
            table.add_row(f"{b.low:.1f}-{b.high:.1f}", str(b.claims), f"{b.confidence:.3f}", f"{b.accuracy:.3f}")
    return table


def _fact_lines(score) -> list[str]:
    lines = []
    for result in score.facts:
        gaps = [f"{what}: {', '.join(names)}" for what, names in
                (("not in", result.docs_missing), ("items not found", result.items_missing)) if names]
        lines.append(f"{'yes' if result.found else 'no ':3}  {len(result.docs_found)}/{len(result.fact.docs)}  "
                     f"{result.fact.title}" + (f"  ({'; '.join(gaps)})" if gaps else ""))
    return lines


def _print_list(heading: str, lines) -> None:
    typer.echo(f"{heading}: {len(lines)}")
    for line in lines:
        typer.echo(f"  {line}")
