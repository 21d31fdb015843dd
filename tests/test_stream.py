"""`kg build --format nt|nq`: the streamed N-Triples and N-Quads hold the triples of graph.ttl, each
once, each article's in its own named graph, the same bytes for the same input, and load into
Oxigraph's bulk loader."""
from __future__ import annotations

import contextlib
import io
import re
from collections import Counter
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import XSD, Dataset, Graph, Literal, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.export.stream import write_stream, write_stream_build
from kg.graph.assemble import build_graph, claim_id, claim_triples, edge_triples, entity_triples
from kg.graph.confidence import edge_node_triples, edge_sources
from kg.ingest.syndication import story_of
from kg.model import Claim, Document, Entity
from kg.ontology import KGC, KGD, KGE, KGO
from kg.pipeline.cache import CACHE_DIR
from kg.pipeline.run import build

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SAMPLE_TTL = ROOT / "output" / "graph.ttl"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample corpus built without an rdflib graph and streamed both ways."""
    result = build([DATA], graph=False)
    out = tmp_path_factory.mktemp("stream")
    write_stream_build(result, out, "nt")
    write_stream_build(result, out, "nq")
    return result, out


@pytest.fixture(scope="module")
def turtle() -> Graph:
    """The committed Turtle build of the same corpus (a test keeps it equal to a fresh build)."""
    return Graph().parse(SAMPLE_TTL, format="turtle")


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def oxigraph_term(term):
    """A pyoxigraph term as the rdflib term it names (a plain literal is an xsd:string)."""
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))


def oxigraph_quads(path: Path, fmt) -> set[tuple]:
    return {(*(oxigraph_term(t) for t in (q.subject, q.predicate, q.object)),
             None if isinstance(q.graph_name, pyoxigraph.DefaultGraph) else URIRef(q.graph_name.value))
            for q in pyoxigraph.parse(path=str(path), format=fmt)}


def named_graphs(path: Path) -> dict[URIRef | None, set[tuple]]:
    """Each graph of an N-Quads file as rdflib reads it; None is the default graph."""
    dataset = Dataset()
    dataset.parse(path, format="nquads")
    graphs: dict[URIRef | None, set[tuple]] = {}
    for s, p, o, g in dataset.quads():
        name = None if g is None or g == dataset.default_graph.identifier else URIRef(g)
        graphs.setdefault(name, set()).add((s, p, o))
    return graphs


def test_a_build_asked_for_no_graph_builds_none(sample):
    result, _ = sample
    assert result.graph is None
    assert result.claims and result.entities


def test_streamed_ntriples_are_the_turtle_graph_each_triple_once(sample, turtle):
    _, out = sample
    lines = lines_of(out / "graph.nt")
    assert len(lines) == len(set(lines)) == len(turtle)
    assert set(Graph().parse(out / "graph.nt", format="nt")) == set(turtle)
    assert {q[:3] for q in oxigraph_quads(out / "graph.nt", pyoxigraph.RdfFormat.N_TRIPLES)} == set(turtle)


def test_streamed_lines_are_those_rdflib_writes(sample, turtle):
    _, out = sample
    rdflib_lines = set(turtle.serialize(format="nt").splitlines()) - {""}
    assert set(lines_of(out / "graph.nt")) == rdflib_lines


def edge_nodes(result) -> set:
    """The triples of the edge nodes of a build: each direct edge's confidence and source count."""
    sources = edge_sources(result.claims, story_of(result.documents))
    return {t for edge, by_story in sources.items() for t in edge_node_triples(edge, by_story)}


def test_nquads_put_each_article_in_its_named_graph_and_entities_in_the_default(sample, turtle):
    result, out = sample
    lines = lines_of(out / "graph.nq")
    assert len(lines) == len(set(lines))
    graphs = named_graphs(out / "graph.nq")
    assert set(graphs) == {None} | {KGD[d.id] for d in result.documents}
    # the default graph: the entities and the edge nodes, both made from the whole corpus
    assert graphs[None] == {t for e in result.entities for t in entity_triples(e)} | edge_nodes(result)
    for claim in result.claims:
        assert set(claim_triples(claim)) | set(edge_triples(claim)) <= graphs[KGD[claim.document]]
    # an edge two articles state is in both their graphs, so some triples are in more than one
    assert sum(map(len, graphs.values())) > len(turtle)
    assert set().union(*graphs.values()) == set(turtle)
    assert oxigraph_quads(out / "graph.nq", pyoxigraph.RdfFormat.N_QUADS) == {
        (*t, g) for g, triples in graphs.items() for t in triples}


def test_oxigraph_bulk_loads_the_nquads_and_counts_what_each_article_says(sample, turtle):
    result, out = sample
    store = pyoxigraph.Store()
    store.bulk_load(path=str(out / "graph.nq"), format=pyoxigraph.RdfFormat.N_QUADS)
    claims_per_article = {
        row["g"].value: int(row["n"].value) for row in store.query(
            f"SELECT ?g (COUNT(DISTINCT ?c) AS ?n) WHERE {{ GRAPH ?g {{ ?c a <{KGO.Claim}> }} }} GROUP BY ?g")}
    expected = Counter(str(KGD[c.document]) for c in {(c.document, claim_id(c)): c for c in result.claims}.values())
    assert claims_per_article == expected
    assert len(claims_per_article) == len(result.documents)
    default = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))
    assert int(default["n"].value) == sum(1 for e in result.entities for _ in entity_triples(e)) + len(edge_nodes(result))
    union = next(iter(store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } }")))
    assert int(union["n"].value) == len(turtle)


def test_the_same_input_streams_the_same_bytes(sample, tmp_path):
    result, out = sample
    for fmt in ("nt", "nq"):
        again = write_stream(result.entities, result.documents, result.claims, tmp_path / f"again.{fmt}",
                             quads=fmt == "nq")
        assert again.read_bytes() == (out / f"graph.{fmt}").read_bytes()


def test_cli_build_with_format_nq_writes_only_the_nquads_and_the_merge_log(sample, tmp_path):
    _, out = sample
    target = tmp_path / "big"
    done = CliRunner().invoke(app, ["build", str(DATA), "--format", "nq", "--out", str(target)])
    assert done.exit_code == 0, done.output
    assert sorted(p.name for p in target.iterdir()) == ["graph.nq", CACHE_DIR, "merge-log.txt"]
    # another whole build: the same bytes
    assert (target / "graph.nq").read_bytes() == (out / "graph.nq").read_bytes()
    assert f"wrote {target / 'graph.nq'}" in done.output


def test_cli_refuses_an_unknown_format(tmp_path):
    done = CliRunner().invoke(app, ["build", str(DATA), "--format", "rdfxml", "--out", str(tmp_path)])
    assert done.exit_code == 2
    assert not any(tmp_path.iterdir())


def test_readme_example_loads_the_nquads_into_oxigraph_and_queries_it(sample, tmp_path, monkeypatch):
    result, out = sample
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = re.search(r"<!-- the code below is run by tests/test_stream.py -->\n```python\n(.*?)```", readme,
                        re.S).group(1)
    (tmp_path / "big").mkdir()
    (tmp_path / "big" / "graph.nq").write_bytes((out / "graph.nq").read_bytes())
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(snippet, "README.md", "exec"), {})
    counts = Counter(str(KGD[c.document]) for c in {(c.document, claim_id(c)): c for c in result.claims}.values())
    expected = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:3]
    assert printed.getvalue().splitlines() == [f"{article} {n}" for article, n in expected]


HOSTILE = ['Al "Quds" Brigades', "back\\slash \\n \\u0041 \\\"", "line\nbreak\r\nand\ttab",
           "🚀 Émoji ﷽ مرحبا", "nul\x00bell\x07esc\x1bdel\x7f", "\u2028 separators \u2029", '"""', "ends in \\"]


def hostile_build(texts: list[str]):
    entities = [Entity(id=f"e{n}", label=text, type="ArmedGroup", aliases=(text + " alias",), mentions=n + 1,
                       documents=("d",)) for n, text in enumerate(texts)]
    entities.append(Entity(id="state", label="State", type="State", mentions=1, documents=("d", "f")))
    documents = [Document(id=d, title=texts[0], text=" ".join(texts), date="2024-01-02", publisher=texts[-1],
                          source=f"{texts[0]}.txt") for d in ("d", "f")]
    claims = [Claim(subject="state", relation="backs", object=f"e{n}", document=d, sentence=n, text=text,
                    start_char=0, end_char=len(text), date="2024-01-02", rule=text)
              for d in ("d", "f") for n, text in enumerate(texts)]
    # a second claim of the same sentence: the sentence's triples repeat, and must be written once
    claims.append(Claim(subject="state", relation="supplies", object="e0", document="d", sentence=0,
                        text=texts[0], start_char=0, end_char=len(texts[0]), modality="Negated"))
    return entities, documents, claims


def assert_round_trips(texts: list[str], tmp_path: Path) -> None:
    entities, documents, claims = hostile_build(texts)
    expected = set(build_graph(entities, documents, claims))
    nt = write_stream(entities, documents, claims, tmp_path / "g.nt", quads=False)
    nq = write_stream(entities, documents, claims, tmp_path / "g.nq", quads=True)
    assert set(Graph().parse(nt, format="nt")) == expected
    assert {q[:3] for q in oxigraph_quads(nt, pyoxigraph.RdfFormat.N_TRIPLES)} == expected
    assert {q[:3] for q in oxigraph_quads(nq, pyoxigraph.RdfFormat.N_QUADS)} == expected
    assert set().union(*named_graphs(nq).values()) == expected
    for path in (nt, nq):
        lines = path.read_bytes().split(b"\n")
        assert lines[-1] == b"" and len(lines[:-1]) == len(set(lines[:-1]))


def test_quotes_backslashes_newlines_controls_and_unicode_round_trip(tmp_path):
    assert_round_trips(HOSTILE, tmp_path)
    text = (tmp_path / "g.nt").read_text(encoding="utf-8")
    assert "🚀 Émoji" in text  # written as UTF-8, not escaped
    assert '"line\\nbreak\\r\\nand\\ttab"' in text


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=4))
def test_any_text_round_trips(tmp_path_factory, texts):
    assert_round_trips(texts, tmp_path_factory.mktemp("any"))


def test_claims_of_one_sentence_describe_it_once_in_its_article(tmp_path):
    entities, documents, claims = hostile_build(["Alpha Brigade"])
    nq = write_stream(entities, documents, claims, tmp_path / "g.nq", quads=True)
    sentence = f"<{KGD}d/s/0>"
    sentence_lines = [line for line in lines_of(nq) if line.startswith(sentence)]
    assert len(sentence_lines) == 5  # type, isPartOf, startChar, endChar, value: once, though two claims cite it
    assert sum(1 for c in claims if c.document == "d" and c.sentence == 0) == 2
    # the denied claim is written, its edge is not
    denied = KGC[claim_id(claims[-1])]
    assert any(line.startswith(f"<{denied}>") for line in lines_of(nq))
    assert not any(line.startswith(f"<{KGE['state']}> <{KGO.supplies}>") for line in lines_of(nq))
    assert any(line.startswith(f"<{KGE['state']}> <{KGO.backs}>") for line in lines_of(nq))


def test_a_failed_write_leaves_the_previous_file_whole(sample, tmp_path):
    result, out = sample
    target = tmp_path / "graph.nt"
    target.write_bytes(b"previous\n")

    def failing():
        yield from result.entities[:3]
        raise RuntimeError("killed mid-stream")

    with pytest.raises(RuntimeError):
        write_stream(failing(), result.documents, result.claims, target, quads=False)
    assert target.read_bytes() == b"previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]
