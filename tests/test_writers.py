"""The fast writers of graph.ttl and graph.jsonld say exactly what rdflib's serializers say."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg.export.jsonld import _rdflib_nodes, jsonld_bytes, jsonld_context
from kg.export.turtle import write_turtle
from kg.export.turtle import turtle_text
from kg.ontology import KGC, KGD, KGE, KGO
from kg.sparql.inspect import read_graph

SAMPLE = Path(__file__).resolve().parent.parent / "output" / "graph.ttl"
ELSEWHERE = "http://example.org/vocab/"  # a namespace no prefix is bound to


def _awkward_graph() -> Graph:
    """A graph of kg's shape with every form of term the Turtle and JSON-LD writers must spell as rdflib does."""
    graph = Graph()
    for prefix, namespace in (("kgo", KGO), ("kge", KGE), ("kgd", KGD), ("kgc", KGC)):
        graph.bind(prefix, namespace)
    harbour, fleet, claim, doc = KGE["port-veldan"], KGE["north-fleet"], KGC["a1"], KGD["d1"]
    graph.add((harbour, RDF.type, KGO.Place))
    graph.add((harbour, RDF.type, KGO.Organization))  # two classes: an object list
    graph.add((harbour, RDFS.label, Literal('The "Old" Harbour\\of Veldan')))
    graph.add((harbour, SKOS.altLabel, Literal("Veldan\nharbour, two lines")))  # a long string
    graph.add((harbour, SKOS.altLabel, Literal("Hafen Veldan", lang="de")))
    graph.add((harbour, SKOS.altLabel, Literal("port\tveldan \u2028 quay")))
    graph.add((harbour, KGO.mentionCount, Literal(12)))
    graph.add((harbour, KGO.mentionCount, Literal(0)))  # a falsy value beside another
    graph.add((harbour, KGO.articleCount, Literal("007", datatype=XSD.integer)))  # not canonical
    graph.add((harbour, KGO.confidence, Literal(Decimal("0.50"))))
    graph.add((harbour, KGO.score, Literal(1.5e-7)))
    graph.add((harbour, KGO.active, Literal(True)))
    graph.add((harbour, KGO.code, Literal("x12", datatype=URIRef(ELSEWHERE + "code"))))
    graph.add((harbour, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q1")))
    graph.add((harbour, URIRef(ELSEWHERE + "twinOf"), fleet))  # a predicate in no known namespace
    graph.add((harbour, KGO.alliedWith, URIRef(str(KGE) + "odd(name)")))
    graph.add((harbour, KGO.alliedWith, URIRef(str(KGE) + "ends.")))
    graph.add((harbour, KGO.alliedWith, URIRef(str(KGE) + "100%25")))
    graph.add((fleet, RDF.type, KGO.ArmedGroup))
    graph.add((fleet, RDFS.label, Literal("North Fleet")))
    graph.add((fleet, KGO.backs, harbour))
    graph.add((KGO.Harbour, RDF.type, RDFS.Class))  # rdflib writes classes first
    for p, o in ((RDF.type, RDF.Statement), (RDF.type, KGO.Claim), (RDF.subject, fleet),
                 (RDF.predicate, KGO.backs), (RDF.object, harbour), (DCTERMS.isPartOf, doc),
                 (DCTERMS.date, Literal("2031-05-06", datatype=XSD.date)),
                 (PROV.wasDerivedFrom, URIRef(str(KGD) + "d1/s/3")), (KGO.evidence, Literal("")),
                 (KGO.startChar, Literal(0)), (KGO.endChar, Literal(40)), (KGO.rule, Literal("backs-verb"))):
        graph.add((claim, p, o))
    return graph


def _with_blank_nodes() -> Graph:
    graph = _awkward_graph()
    step = BNode()
    graph.add((KGE["port-veldan"], KGO.step, step))
    graph.add((step, RDFS.label, Literal("a blank node")))
    Collection(graph, BNode(), [Literal(1), Literal(2)])
    graph.add((KGE["north-fleet"], KGO.order, graph.value(None, RDF.first, Literal(1))))
    return graph


def _term(node):
    """An rdflib term of a pyoxigraph one (rdflib puts a literal's text in canonical form, as its parser does)."""
    if isinstance(node, pyoxigraph.Literal):
        if node.language:
            return Literal(node.value, lang=node.language)
        if node.datatype.value == str(XSD.string):  # RDF 1.1's simple literal, rdflib's plain one
            return Literal(node.value)
        return Literal(node.value, datatype=URIRef(node.datatype.value))
    return BNode(node.value) if isinstance(node, pyoxigraph.BlankNode) else URIRef(node.value)


def _read_with_oxigraph(path: Path) -> Graph:
    graph = Graph()
    for quad in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE):
        graph.add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
    return graph


@pytest.fixture(scope="module")
def sample() -> Graph:
    return read_graph(SAMPLE)


def _graphs(sample: Graph, hostile_graph: Graph) -> dict[str, Graph]:
    plain = _awkward_graph()
    plain.remove((None, KGO.mentionCount, Literal(0)))
    return {"sample": sample, "hostile": hostile_graph, "awkward": _awkward_graph(), "awkward, no zero": plain,
            "blank nodes": _with_blank_nodes(), "empty": Graph()}


@pytest.mark.parametrize("which", ["sample", "hostile", "awkward", "blank nodes", "empty"])
def test_turtle_is_rdflibs_byte_for_byte(sample, hostile_graph, which):
    graph = _graphs(sample, hostile_graph)[which]
    assert turtle_text(graph) == graph.serialize(format="turtle")


def test_turtle_of_the_committed_sample_is_the_file(sample):
    assert turtle_text(sample).encode("utf-8") == SAMPLE.read_bytes()


@pytest.mark.parametrize("which", ["sample", "hostile", "awkward"])
def test_turtle_reads_back_as_the_same_graph(sample, hostile_graph, which, tmp_path):
    graph = _graphs(sample, hostile_graph)[which]
    path = tmp_path / "graph.ttl"
    write_turtle(graph, path)
    assert isomorphic(Graph().parse(path, format="turtle"), graph)
    assert isomorphic(_read_with_oxigraph(path), graph)
    again = tmp_path / "again.ttl"
    write_turtle(graph, again)
    assert again.read_bytes() == path.read_bytes()


def test_turtle_names_a_prefix_made_for_a_predicate_wherever_it_serves(sample):
    graph = _awkward_graph()
    graph.add((KGE["north-fleet"], KGO.harbourCode, URIRef(ELSEWHERE + "veldan")))
    text = turtle_text(graph)
    assert f"@prefix ns1: <{ELSEWHERE}> ." in text and "ns1:veldan" in text and "ns1:twinOf" in text
    assert text == graph.serialize(format="turtle")


@pytest.mark.parametrize("which", ["sample", "hostile", "awkward", "awkward, no zero", "empty"])
def test_jsonld_nodes_are_rdflibs(sample, hostile_graph, which):
    graph = _graphs(sample, hostile_graph)[which]
    data = json.loads(jsonld_bytes(graph))
    assert data["@context"] == jsonld_context(graph)
    from kg.export.jsonld import _canonical

    assert data["@graph"] == _canonical(_rdflib_nodes(graph, data["@context"]))


def test_jsonld_of_the_committed_sample_is_the_file(sample):
    assert jsonld_bytes(sample) == SAMPLE.with_suffix(".jsonld").read_bytes()


@pytest.mark.parametrize("which", ["sample", "hostile", "blank nodes"])
def test_jsonld_reads_back_as_the_same_graph(sample, hostile_graph, which):
    graph = _graphs(sample, hostile_graph)[which]
    assert isomorphic(Graph().parse(data=jsonld_bytes(graph), format="json-ld"), graph)
    assert jsonld_bytes(graph) == jsonld_bytes(graph)


def _canonical_by_full_text(value):
    """The order _canonical promises: every array by its items' whole JSON text."""
    if isinstance(value, dict):
        return {k: (v if k == "@list" else _canonical_by_full_text(v)) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_canonical_by_full_text(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


@pytest.mark.parametrize("which", ["sample", "hostile", "awkward", "blank nodes"])
def test_jsonld_arrays_are_in_the_order_of_their_json_text(sample, hostile_graph, which):
    from kg.export.jsonld import _canonical

    graph = _graphs(sample, hostile_graph)[which]
    nodes = _rdflib_nodes(graph, jsonld_context(graph))
    nodes.append({"@id": "kge:a\"b", "label": ["b", "a\u2028", "A", "a"]})  # escapes and prefixes of ids
    nodes.append({"@id": "kge:a"})
    assert json.dumps(_canonical(nodes)) == json.dumps(_canonical_by_full_text(nodes))


def test_jsonld_takes_the_fast_road_on_a_built_graph_and_rdflibs_on_lists(sample, hostile_graph):
    from kg.export.jsonld import _nodes

    graphs = _graphs(sample, hostile_graph)
    for which in ("sample", "hostile", "awkward, no zero"):
        graph = graphs[which]
        assert _nodes(graph, list(graph), jsonld_context(graph)) is not None, which
    # a zero beside another count (which rdflib keeps hangs on the order), blank nodes and a list
    for which in ("awkward", "blank nodes"):
        graph = graphs[which]
        assert _nodes(graph, list(graph), jsonld_context(graph)) is None, which


def test_jsonld_text_is_jsons_indented_text(sample):
    from kg.export.jsonld import _indented_json

    data = json.loads(jsonld_bytes(sample))
    odd = {"a": [], "b": {}, "c": [1, -2.5, 1e300, float("nan"), float("-inf"), True, False, None, 10**30],
           "d\u2028\"": ["\x00\t\\", "é", [[], {"x": {"y": [0]}}]], "": ""}
    for value in (data, odd, [], {}, "plain", 3):
        assert _indented_json(value) == json.dumps(value, ensure_ascii=False, indent=1)
