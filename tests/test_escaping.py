"""Names and sentences from articles reach every output as data: quotes, angle brackets, newlines,
backslashes, control characters and emoji round-trip exactly, and nothing in them is run."""
from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from rdflib import RDFS, Graph, Literal
from rdflib.compare import isomorphic

from kg.export import WRITERS, export
from kg.export.network import xml_safe
from kg.graph.assemble import build_graph
from kg.model import Claim, Document, Entity
from kg.ontology import KGE, KGO

HOSTILE = ['Al "Quds" <b>Brigades</b>', "back\\slash \\n \\u0041", "line\nbreak\r\nand\ttab",
           "🚀 Émoji ﷽ مرحبا", "<script>alert(1)</script>", "</script><img src=x onerror=alert(1)>",
           "' OR 1=1 --", "{{7*7}} ${x}", "]]> <!-- -->", "\u2028 separators \u2029"]


def hostile_graph(labels: list[str]) -> Graph:
    entities = [Entity(id=f"e{n}", label=label, type="ArmedGroup", aliases=(label + " alias",), mentions=n + 1,
                       documents=("d",)) for n, label in enumerate(labels)]
    entities.append(Entity(id="state", label="State", type="State", mentions=1, documents=("d",)))
    document = Document(id="d", title=labels[0], text=" ".join(labels), date="2024-01-02", publisher=labels[-1],
                        source=f"{labels[0]}.txt")
    claims = [Claim(subject="state", relation="backs", object=f"e{n}", document="d", sentence=n, text=label,
                    start_char=0, end_char=len(label), date="2024-01-02") for n, label in enumerate(labels)]
    return build_graph(entities, [document], claims)


def labels_of(graph: Graph) -> set[str]:
    return {str(o) for s, o in graph.subject_objects(RDFS.label) if str(s).startswith(str(KGE))}


def test_turtle_round_trips_hostile_names_and_sentences_exactly():
    graph = hostile_graph(HOSTILE)
    back = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert isomorphic(graph, back)
    assert labels_of(back) >= set(HOSTILE)
    assert {str(o) for o in back.objects(None, KGO.evidence)} == set(HOSTILE)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=4))
def test_turtle_round_trips_any_text(labels):
    graph = hostile_graph(labels)
    back = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert isomorphic(graph, back)
    assert set(labels) <= labels_of(back) | {"State"}
    assert back.value(None, KGO.evidence, Literal(labels[0])) is not None


def read_back(graph: Graph, fmt: str, folder: Path):
    """Export ``graph`` as ``fmt`` into ``folder`` and read the file back with an independent reader."""
    path = export(graph, fmt, folder / f"g.{fmt}")
    if fmt in ("ttl", "nt", "jsonld"):
        return Graph().parse(path, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt])
    if fmt == "graphml":
        return nx.read_graphml(path)
    if fmt == "gexf":
        return etree.parse(str(path))  # strict XML: a stray control character fails here
    page = path.read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1)
    return page, json.loads(data)


def exported_names(graph: Graph, fmt: str, folder: Path) -> set[str]:
    back = read_back(graph, fmt, folder)
    if fmt in ("ttl", "nt", "jsonld"):
        assert isomorphic(back, graph)
        return labels_of(back)
    if fmt == "graphml":
        return {d["label"] for _, d in back.nodes(data=True)}
    if fmt == "gexf":
        return {v.get("value") for v in back.iter("{*}attvalue") if v.get("for") == "name"}
    page, data = back
    return {text for text in _strings(data)}


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_every_exporter_keeps_hostile_names_exactly(tmp_path):
    graph = hostile_graph(HOSTILE)
    for fmt in sorted(WRITERS):
        assert set(HOSTILE) <= exported_names(graph, fmt, tmp_path), fmt


def test_the_page_holds_article_text_as_data_only(tmp_path):
    page, data = read_back(hostile_graph(HOSTILE), "html", tmp_path)
    benign, _ = read_back(hostile_graph(["Hamas"]), "html", tmp_path)
    assert page.count("<script") == benign.count("<script")  # no script tag from an article
    raw = page.split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in raw and ">" not in raw  # so no "</script>" in a name can end the data early
    assert set(HOSTILE) <= set(_strings(data))  # yet every name and sentence is there, as data


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=3, unique=True))
def test_every_exporter_takes_any_text_and_writes_what_reads_back(tmp_path, labels):
    graph = hostile_graph(labels)
    for fmt in sorted(WRITERS):
        names = exported_names(graph, fmt, tmp_path)
        expected = {xml_safe(label) for label in labels} if fmt in ("gexf", "graphml") else set(labels)
        assert expected <= names, fmt
