"""kg diff: what changed between two graphs, from files, from a build, and through the command line."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KGError
from kg.graph.assemble import build_graph
from kg.graph.diff import (GraphContents, contents_of_build, contents_of_graph, diff_contents, diff_graphs,
                     load_contents, save_contents)
from kg.model import Claim, Document, Entity
from kg.ontology import KGC, KGD

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

runner = CliRunner()

ORLOV = Entity("orlov-brigade", "Orlov Brigade", "ArmedGroup")
KESTREL = Entity("kestrel-front", "Kestrel Front", "ArmedGroup")
VALDARIA = Entity("valdaria", "Valdaria", "State")
MORENIA = Entity("morenia", "Morenia", "State")


def claim(subject: str, relation: str, obj: str, document: str = "d1", sentence: int = 0,
          modality: str = "Asserted") -> Claim:
    return Claim(subject=subject, relation=relation, object=obj, document=document, sentence=sentence,
                 text=f"{subject} {relation} {obj} in sentence {sentence}.", start_char=0, end_char=10,
                 modality=modality, rule="test")


def write_graph(path: Path, entities, claims) -> Path:
    """The graph kg.graph.assemble makes of these entities and claims, written as ``kg build`` would."""
    documents = sorted({c.document for c in claims})
    graph = build_graph(entities, [Document(id=d, title="", text="", source=f"{d}.txt") for d in documents],
                        claims)
    if path.suffix == ".nq":  # claims in named graphs, as a streamed N-Quads build puts them
        quads = [ox.Quad(t.subject, t.predicate, t.object,
                         ox.NamedNode(f"{KGD}claims") if t.subject.value.startswith(str(KGC)) else ox.DefaultGraph())
                 for t in ox.parse(graph.serialize(format="nt").encode("utf-8"), ox.RdfFormat.N_TRIPLES)]
        ox.serialize(quads, str(path), ox.RdfFormat.N_QUADS)
    else:
        graph.serialize(destination=path, format={".ttl": "turtle", ".nt": "nt"}[path.suffix], encoding="utf-8")
    return path


OLD_CLAIMS = [claim("orlov-brigade", "supplies", "kestrel-front", "d1", 1),
              claim("valdaria", "directs", "orlov-brigade", "d1", 2)]


@pytest.fixture
def old_graph(tmp_path) -> Path:
    return write_graph(tmp_path / "old.ttl", [ORLOV, KESTREL, VALDARIA], OLD_CLAIMS)


@pytest.fixture
def changed_pair(tmp_path, old_graph) -> tuple[Path, Path]:
    """Valdaria and its claim gone; Morenia backing the Kestrel Front new, from a second article."""
    new_claims = [OLD_CLAIMS[0], claim("morenia", "backs", "kestrel-front", "d2", 4)]
    return old_graph, write_graph(tmp_path / "new.ttl", [ORLOV, KESTREL, MORENIA], new_claims)


def test_diff_reports_new_and_gone_entities_edges_and_claims(changed_pair):
    changes = diff_graphs(*changed_pair)
    assert [e.id for e in changes.new_entities] == ["morenia"]
    assert [e.text for e in changes.gone_entities] == ["Valdaria (State)"]
    assert [e.text for e in changes.new_edges] == ["Morenia backs Kestrel Front"]
    # a gone edge is named as the old graph named its ends, though the new graph lacks Valdaria
    assert [e.text for e in changes.gone_edges] == ["Valdaria directs Orlov Brigade"]
    assert [(c.document, c.text, c.modality) for c in changes.new_claims] == [
        ("d2", "Morenia backs Kestrel Front", "Asserted")]
    assert [(c.document, c.text) for c in changes.gone_claims] == [("d1", "Valdaria directs Orlov Brigade")]
    assert changes.counts()["claims"] == {"before": 2, "after": 2, "new": 1, "gone": 1, "changed": 0}
    assert not changes.is_empty


def test_diff_of_a_graph_with_itself_is_empty(old_graph, tmp_path):
    copy = shutil.copy(old_graph, tmp_path / "copy.ttl")
    changes = diff_graphs(old_graph, copy)
    assert changes.is_empty
    assert changes.counts()["edges"] == {"before": 2, "after": 2, "new": 0, "gone": 0, "changed": 0}
    assert all(rows == [] for kind in ("entities", "edges", "claims")
               for rows in json.loads(changes.to_json())[kind].values())


def test_a_negated_claim_alone_adds_a_claim_but_no_edge(tmp_path, old_graph):
    denied = claim("kestrel-front", "attacks", "valdaria", "d3", 0, modality="Negated")
    new = write_graph(tmp_path / "new.ttl", [ORLOV, KESTREL, VALDARIA], [*OLD_CLAIMS, denied])
    changes = diff_graphs(old_graph, new)
    assert [(c.text, c.modality) for c in changes.new_claims] == [("Kestrel Front attacks Valdaria", "Negated")]
    assert changes.new_edges == () and changes.gone_edges == ()


def test_a_second_source_of_a_known_edge_adds_a_claim_not_an_edge(tmp_path, old_graph):
    again = claim("orlov-brigade", "supplies", "kestrel-front", "d9", 3)
    new = write_graph(tmp_path / "new.ttl", [ORLOV, KESTREL, VALDARIA], [*OLD_CLAIMS, again])
    changes = diff_graphs(old_graph, new)
    assert [c.document for c in changes.new_claims] == ["d9"]
    assert changes.new_edges == ()


def test_an_edge_goes_when_its_last_asserted_claim_becomes_negated(tmp_path, old_graph):
    denied = claim("valdaria", "directs", "orlov-brigade", "d1", 2, modality="Negated")
    new = write_graph(tmp_path / "new.ttl", [ORLOV, KESTREL, VALDARIA], [OLD_CLAIMS[0], denied])
    changes = diff_graphs(old_graph, new)
    assert [e.text for e in changes.gone_edges] == ["Valdaria directs Orlov Brigade"]
    # the same sentence and fact: one claim whose modality changed, neither new nor gone
    assert changes.new_claims == () and changes.gone_claims == ()
    assert [(c.text, c.old_modality, c.modality) for c in changes.changed_claims] == [
        ("Valdaria directs Orlov Brigade", "Asserted", "Negated")]


def test_a_renamed_or_retyped_entity_is_listed_as_changed(tmp_path, old_graph):
    renamed = Entity("orlov-brigade", "Orlov Battalion", "Organization")
    new = write_graph(tmp_path / "new.ttl", [renamed, KESTREL, VALDARIA], OLD_CLAIMS)
    changes = diff_graphs(old_graph, new)
    assert [e.text for e in changes.changed_entities] == [
        "Orlov Brigade (ArmedGroup) -> Orlov Battalion (Organization)"]
    assert changes.new_entities == () and changes.gone_entities == ()


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".nq"])
def test_contents_of_build_equal_the_graph_read_back(tmp_path, suffix):
    entities = [ORLOV, KESTREL, VALDARIA, MORENIA]
    claims = [*OLD_CLAIMS, claim("morenia", "backs", "kestrel-front", "d2", 4),
              claim("kestrel-front", "attacks", "morenia", "d2", 5, modality="Negated"),
              claim("valdaria", "sanctions", "morenia", "d3", 1, modality="Planned")]
    expected = contents_of_build(entities, claims)
    path = write_graph(tmp_path / f"g{suffix}", entities, claims)
    assert contents_of_graph(path) == expected
    assert contents_of_graph(build_graph(entities, [], claims)) == expected
    assert ("kestrel-front", "attacks", "morenia") not in expected.edges
    assert expected.claims[next(iter(sorted(expected.claims)))][4] in {"d1", "d2", "d3"}


def test_saved_contents_load_back_equal(tmp_path, changed_pair):
    contents = contents_of_graph(changed_pair[1])
    path = tmp_path / "cache" / "contents.json"
    save_contents(contents, path)
    assert load_contents(path) == contents
    assert sorted(p.name for p in path.parent.iterdir()) == ["contents.json"]  # no temporary left
    first = path.read_bytes()
    save_contents(load_contents(path), path)
    assert path.read_bytes() == first
    assert diff_contents(load_contents(path), contents).is_empty


@pytest.mark.parametrize("text", ["{not json", '{"kg-graph-contents": 99}', '{"kg-graph-contents": 1}',
                                  '{"kg-graph-contents": 1, "entities": [[1]], "edges": [], "claims": []}'])
def test_damaged_saved_contents_raise_kgerror(tmp_path, text):
    path = tmp_path / "contents.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KGError, match="contents.json"):
        load_contents(path)
    with pytest.raises(KGError, match="not found"):
        load_contents(tmp_path / "missing.json")


def test_empty_contents_against_a_graph_lists_everything_as_new(old_graph):
    changes = diff_contents(GraphContents({}, frozenset(), {}), contents_of_graph(old_graph))
    assert len(changes.new_entities) == 3 and len(changes.new_edges) == 2 and len(changes.new_claims) == 2


def test_cli_diff_prints_counts_and_the_changes(changed_pair):
    result = runner.invoke(app, ["diff", *map(str, changed_pair)])
    assert result.exit_code == 0, result.output
    for expected in ("before", "gone claims: 1", "new edges: 1", "Morenia backs Kestrel Front",
                     "Valdaria directs Orlov Brigade", "morenia"):
        assert expected in result.stdout


def test_cli_diff_json_matches_the_library(changed_pair):
    result = runner.invoke(app, ["diff", *map(str, changed_pair), "--json"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed == diff_graphs(*changed_pair).as_dict()
    assert [c["text"] for c in printed["claims"]["new"]] == ["Morenia backs Kestrel Front"]
    assert printed["counts"]["entities"]["gone"] == 1


def test_cli_diff_limit_says_how_many_more(tmp_path):
    entities = [Entity(f"group-{n}", f"Group {n}", "ArmedGroup") for n in range(5)]
    new = write_graph(tmp_path / "new.ttl", entities, [claim(f"group-{n}", "attacks", "group-0", "d1", n)
                                                        for n in range(1, 5)])
    old = write_graph(tmp_path / "old.ttl", [], [])
    result = runner.invoke(app, ["diff", str(old), str(new), "--limit", "2"])
    assert result.exit_code == 0, result.output
    assert "... and 3 more new entities" in result.stdout
    assert "... and 2 more new claims" in result.stdout
    assert "Group 4" not in result.stdout  # sorted: group-0 and group-1 are shown, the rest counted


@pytest.mark.parametrize("name, content, message", [
    ("missing.ttl", None, "graph file not found"),
    ("broken.ttl", "<https://a.example/x> is not turtle .\n", "cannot parse"),
])
def test_cli_diff_bad_file_fails_with_one_line(tmp_path, old_graph, name, content, message):
    bad = tmp_path / name
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kg", "diff", str(old_graph), str(bad)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and message in lines[0] and name in lines[0]


def test_removing_an_article_shows_its_claims_gone(tmp_path):
    """The real pipeline: the sample, then the sample less one article."""
    from kg.pipeline.run import build

    removed = "004_a9ac1080b439bae5"
    fewer = tmp_path / "fewer"
    shutil.copytree(DATA, fewer)
    (fewer / f"{removed}.txt").unlink()
    for folder, out in ((DATA, tmp_path / "A"), (fewer, tmp_path / "B")):
        result = runner.invoke(app, ["build", str(folder), "--out", str(out)])
        assert result.exit_code == 0, result.output
    old, new = tmp_path / "A" / "graph.ttl", tmp_path / "B" / "graph.ttl"

    sample = build([DATA])
    assert contents_of_build(sample.entities, sample.claims) == contents_of_graph(old)

    result = runner.invoke(app, ["diff", str(old), str(new), "--json"])
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)
    old_claims = contents_of_graph(old).claims
    of_removed = {cid for cid, row in old_claims.items() if row[4] == removed}
    assert of_removed, "the removed article had claims in the sample"
    gone = {c["id"] for c in changes["claims"]["gone"] if c["document"] == removed}
    assert gone == of_removed
    assert all(c["document"] != removed for c in changes["claims"]["new"])
    assert changes["counts"]["claims"]["after"] == len(contents_of_graph(new).claims)
