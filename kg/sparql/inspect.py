"""Read back a built graph for listings."""
from __future__ import annotations

from pathlib import Path

from rdflib import RDF, RDFS, Graph

from rdflib.plugins.parsers.notation3 import BadSyntax

from ..errors import KGError
from ..ontology import KGE, KGO, syntax_message


def read_graph(path: Path) -> Graph:
    """Parse a Turtle graph file, or raise KGError naming the file and the problem."""
    path = Path(path)
    if not path.is_file():
        raise KGError(f"{path}: graph file not found")
    try:
        return Graph().parse(path, format="turtle")
    except BadSyntax as err:
        text = path.read_text(encoding="utf-8", errors="replace")
        raise KGError(f"cannot parse as Turtle: {syntax_message(path, text, err)}") from err
    except Exception as err:  # rdflib raises many parser error types
        raise KGError(f"{path}: cannot parse as Turtle: {' '.join(str(err).split())}") from err


def list_entities(path: Path) -> list[tuple[str, str, str, int, int]]:
    """(id, label, class, mentions, articles) for each entity, most mentioned first."""
    graph = read_graph(path)
    rows = []
    for node in set(graph.subjects(KGO.mentionCount, None)):
        if not str(node).startswith(str(KGE)):
            continue
        cls = next((str(t).split("#")[-1] for t in graph.objects(node, RDF.type)), "")
        rows.append((str(node)[len(str(KGE)):], str(graph.value(node, RDFS.label) or ""), cls,
                     int(graph.value(node, KGO.mentionCount) or 0), int(graph.value(node, KGO.articleCount) or 0)))
    return sorted(rows, key=lambda r: (-r[3], r[0]))
