"""Shared fixtures: the real spaCy pipeline and the shipped ontology."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.model import Document
from kg.pipeline.run import build_documents

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"


def _build(texts: list[str]):
    documents = [Document(id=f"t{i}", title="", text=text, date="2024-01-02", source=f"t{i}.txt")
                 for i, text in enumerate(texts)]
    return build_documents(documents)


@pytest.fixture(scope="session")
def extract():
    """Claims of one text as a set of (subject, relation, object, modality)."""

    def run(text: str):
        result = _build([text])
        return {(c.subject, c.relation, c.object, c.modality) for c in result.claims}

    return run


@pytest.fixture(scope="session")
def build_texts():
    return _build


# What an attacker could put in an article: markup in a name, a title, a sentence.
HOSTILE_LABEL = '<img src=x onerror="window.__pwned=1;document.title=\'pwned\'">'
HOSTILE_SENTENCE = ('Acme Arms supplies rockets to </script><script>window.__pwned=2</script> the '
                    '<b>Red</b> Brigade & friends <img src=x onerror=alert(1)>\u2028next line.')


@pytest.fixture(scope="session")
def hostile_graph():
    """A hand-written graph of the contract whose names and sentences carry markup."""
    from rdflib import RDF, RDFS, XSD, Graph, Literal
    from rdflib.namespace import DCTERMS, PROV

    from kg.ontology import KGC, KGD, KGE, KGO

    graph = Graph()
    acme, brigade, doc, claim = KGE["acme-arms"], KGE["red-brigade"], KGD["evil"], KGC["c1"]
    for node, label, cls in ((acme, HOSTILE_LABEL, KGO.Organization),
                             (brigade, "</script><script>window.__pwned=3</script>", KGO.ArmedGroup)):
        graph.add((node, RDF.type, cls))
        graph.add((node, RDFS.label, Literal(label)))
        graph.add((node, KGO.mentionCount, Literal(3)))
        graph.add((node, KGO.articleCount, Literal(1)))
    graph.add((doc, RDF.type, KGO.Article))
    graph.add((doc, DCTERMS.title, Literal("<script>window.__pwned=4</script> Weekly")))
    graph.add((doc, DCTERMS.source, Literal("evil.html")))
    for p, o in ((RDF.type, KGO.Claim), (RDF.subject, acme), (RDF.predicate, KGO.supplies),
                 (RDF.object, brigade), (KGO.modality, KGO.Planned), (DCTERMS.isPartOf, doc),
                 (KGO.evidence, Literal(HOSTILE_SENTENCE)), (KGO.attributedTo, acme),
                 (PROV.wasDerivedFrom, KGD["evil/s/0"]), (KGO.confidence, Literal(0.9)),
                 (DCTERMS.date, Literal("2024-01-02", datatype=XSD.date))):
        graph.add((claim, p, o))
    graph.add((acme, KGO.supplies, brigade))
    return graph


def require(available: bool, what: str) -> None:
    """Skip a test whose outside tool is missing on a developer's machine; fail it in CI, where
    .ci/run installs every such tool, so a broken install step cannot pass as skipped tests."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing in CI: .ci/run should have installed it")
    pytest.skip(f"{what} is not installed (.ci/run installs it)")


def relations(found):
    """(subject, relation, object) of the claims ``extract`` found, without their modality."""
    return {(s, r, o) for s, r, o, _ in found}


def assert_claims(found, expected, unwanted):
    """The expected claim (when one is given) is among those found, the unwanted one (when given) is not."""
    if expected is not None:
        assert expected in found, found
    if unwanted is not None:
        assert unwanted not in found, found
