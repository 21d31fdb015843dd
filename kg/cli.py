"""The command line: parses options, calls the library, prints."""
from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from .errors import KGError

app = typer.Typer(help="Build a traced knowledge graph from news articles.", no_args_is_help=True,
                  add_completion=False)
console = Console()
err_console = Console(stderr=True)


def _fail(err: Exception) -> None:
    typer.echo(f"kg: error: {err}", err=True)
    raise typer.Exit(1)


def _reason_kind(reason: str) -> str:
    """The kind of a skip reason, without the detail ("invalid JSON: ..." -> "invalid JSON")."""
    return reason.split(":")[0].split(" of ")[0]


def _summary(result) -> Table:
    table = Table(title="kg build")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles read", str(len(result.documents)))
    table.add_row("files skipped", str(len(result.skipped)))
    for reason, n in sorted(Counter(_reason_kind(s.reason) for s in result.skipped).items()):
        table.add_row(f"  skipped: {reason}", str(n))
    for cls, n in sorted(Counter(e.type for e in result.entities).items()):
        table.add_row(f"entities: {cls}", str(n))
    for (rel, mode), n in sorted(Counter((c.relation, c.modality) for c in result.claims).items()):
        table.add_row(f"claims: {rel} ({mode})", str(n))
    return table


@app.command("build")
def build_cli(
    data: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the graph files.")] = Path("output"),
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to use (default: en_core_web_sm).")] = None,
    ontology: Annotated[Path | None, typer.Option(help="Ontology folder (default: the shipped one).")] = None,
    workers: Annotated[int, typer.Option(help="Parallel spaCy processes.")] = 1,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Read articles and write OUT/graph.ttl with a summary of what was found."""
    from .output import write_build
    from .pipeline import build

    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING)
    try:
        with Progress(console=err_console, transient=True) as bar:
            task = bar.add_task("parsing articles", total=None)
            result = build(data, ontology_dir=ontology, model=model, n_process=workers,
                           progress=lambda done, total: bar.update(task, completed=done, total=total))
        written = write_build(result, out)
    except KGError as err:
        _fail(err)
    for skip in result.skipped:
        typer.echo(f"skipped {skip.source}: {skip.reason}", err=True)
    console.print(_summary(result))
    typer.echo(f"wrote {', '.join(str(p) for p in written)}")


@app.command("entities")
def entities_cli(
    graph: Annotated[Path, typer.Argument(help="A graph.ttl written by kg build.")],
) -> None:
    """List the entities of a graph with class, mentions and articles."""
    from .inspect import list_entities

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


@app.command("export")
def export_cli(
    graph: Annotated[Path, typer.Argument(help="A graph.ttl written by kg build.")],
    to: Annotated[str, typer.Option("--to", help="Format: gexf, graphml, html, jsonld, nt or ttl.")],
    out: Annotated[str, typer.Option("--out", "-o", help="File to write; '-' streams nt to stdout.")],
) -> None:
    """Write a graph as an offline page, GEXF, GraphML, JSON-LD or N-Triples."""
    import sys

    from .export import export, stream_ntriples
    from .inspect import read_graph

    try:
        rdf = read_graph(graph)
        if out == "-" and to == "nt":
            stream_ntriples(rdf, sys.stdout.buffer)
            return
        written = export(rdf, to, Path(out))
    except KGError as err:
        _fail(err)
    typer.echo(f"wrote {written}")
