"""Names and sentences from articles reach every output as data: quotes, angle brackets, newlines,
backslashes, control characters and emoji round-trip exactly, and nothing in them is run."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDFS, Graph, Literal
from rdflib.compare import isomorphic

from kg.assemble import build_graph
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
