"""Arbitrary text through the whole extractor: no exception, a graph that parses back."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg.graph.assemble import build_graph
from kg.model import Document
from kg.pipeline.run import build_documents

WORDS = st.sampled_from(["Iran", "Hezbollah", "the", "group", "backed", "by", "supplied", "drones", "to", "Russia",
                         "its", "attack", "on", "Israel", ",", ".", "-", "not", "may", "leader", "’s", "either",
                         "or", "\n\n", "“", "”", "said", "Kirby", "sanctions", "against", "who", "whose"])
SENTENCES = st.lists(WORDS, min_size=1, max_size=40).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(SENTENCES, st.text(max_size=300)))
def test_robustness_any_text_builds_a_graph(text):
    result = build_documents([Document(id="x", title="", text=text or " ", source="x.txt")])
    turtle = build_graph(result.entities, result.documents, result.claims).serialize(format="turtle")
    assert len(Graph().parse(data=turtle, format="turtle")) == len(result.graph)
