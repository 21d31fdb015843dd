"""kg score: the figures on hand-made graphs whose answer is known, on the committed sample graph,
and through the real command line."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import DCTERMS, PROV, SKOS
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KGError
from kg.evaluate.score import Ratio, score_files
from kg.ontology import KGC, KGD, KGE, KGO

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_GRAPH = ROOT / "output" / "graph.ttl"
SAMPLE_GOLD = ROOT / "docs" / "gold-sample.json"


class TinyGraph:
    """A graph of the kg contract written by hand: entities, direct edges and claims."""

    def __init__(self) -> None:
        self.graph = Graph()
        self._claims = 0

    def entity(self, slug: str, label: str, *alt: str, cls: str = "Organization"):
        node = KGE[slug]
        self.graph.add((node, RDF.type, KGO[cls]))
        self.graph.add((node, RDFS.label, Literal(label)))
        for name in alt:
            self.graph.add((node, SKOS.altLabel, Literal(name)))
        return node

    def article(self, doc_id: str, source: str | None = None, copy_of: str | None = None):
        node = KGD[doc_id]
        self.graph.add((node, RDF.type, KGO.Article))
        self.graph.add((node, DCTERMS.source, Literal(source or f"{doc_id}.txt")))
        if copy_of:
            self.graph.add((node, KGO.copyOf, KGD[copy_of]))
        return node

    def claim(self, s, relation: str, o, doc_id: str, items=(), modality: str = "Asserted"):
        """A claim in article ``doc_id``, and its direct edge unless it is denied."""
        self._claims += 1
        node, sentence = KGC[f"c{self._claims}"], KGD[f"{doc_id}/s/{self._claims}"]
        for p, v in ((RDF.type, KGO.Claim), (RDF.type, RDF.Statement), (RDF.subject, s),
                     (RDF.predicate, KGO[relation]), (RDF.object, o), (KGO.modality, KGO[modality]),
                     (DCTERMS.isPartOf, KGD[doc_id]), (PROV.wasDerivedFrom, sentence),
                     (KGO.evidence, Literal("A sentence.")), *((KGO.item, i) for i in items)):
            self.graph.add((node, p, v))
        self.graph.add((sentence, RDF.type, KGO.Sentence))
        self.graph.add((sentence, DCTERMS.isPartOf, KGD[doc_id]))
        if modality != "Negated":
            self.graph.add((s, KGO[relation], o))
        return node

    def write(self, path: Path) -> Path:
        self.graph.serialize(path, format="turtle")
        return path


def write_gold(path: Path, facts: list[dict], **sections) -> Path:
    path.write_text(json.dumps({**sections, "facts": facts}), encoding="utf-8")
    return path


@pytest.fixture
def arms(tmp_path):
    """Three actors and a weapon: Norland supplies the Red Brigade, in two articles."""
    tiny = TinyGraph()
    norland = tiny.entity("norland", "Norland", "Norland government", cls="State")
    brigade = tiny.entity("red-brigade", "Red Brigade", cls="ArmedGroup")
    ostia = tiny.entity("ostia", "Ostia", cls="State")
    launcher = tiny.entity("kestrel", "Kestrel launcher", "Kestrel", cls="WeaponSystem")
    for doc in ("010_aa", "011_bb"):
        tiny.article(doc)
    tiny.claim(norland, "supplies", brigade, "010_aa", items=[launcher])
    tiny.claim(norland, "supplies", brigade, "011_bb")
    return tiny, dict(norland=norland, brigade=brigade, ostia=ostia, launcher=launcher)


def test_a_graph_stating_exactly_the_gold_scores_one_everywhere(tmp_path, arms):
    tiny, _ = arms
    gold = write_gold(tmp_path / "gold.json", [
        {"s": "Norland", "r": "supplies", "o": "Red Brigade", "items": ["Kestrel launcher"], "docs": ["010", "011"]}])
    score = score_files(tiny.write(tmp_path / "g.ttl"), gold)
    assert (score.precision.value, score.recall.value, score.item_recall.value, score.source_support.value) \
        == (1.0, 1.0, 1.0, 1.0)
    assert score.entity_recall.value == 1.0 and score.missed == () and score.false_positives == ()


def test_a_core_fact_the_graph_lacks_is_a_miss(tmp_path, arms):
    tiny, _ = arms
    gold = write_gold(tmp_path / "gold.json", [
        {"s": "Norland", "r": "supplies", "o": "Red Brigade"},
        {"s": "Ostia", "r": "attacks", "o": "Red Brigade", "docs": ["011"]}])
    score = score_files(tiny.write(tmp_path / "g.ttl"), gold)
    assert score.recall == Ratio(1, 2)
    assert score.missed == ("Ostia attacks Red Brigade",)
    assert score.precision.value == 1.0
    assert score.facts[1].docs_missing == ("011",)


def test_an_edge_no_gold_fact_accepts_is_a_false_positive(tmp_path, arms):
    tiny, e = arms
    tiny.claim(e["ostia"], "backs", e["brigade"], "011_bb")
    gold = write_gold(tmp_path / "gold.json", [{"s": "Norland", "r": "supplies", "o": "Red Brigade"}])
    score = score_files(tiny.write(tmp_path / "g.ttl"), gold)
    assert (score.precision.hits, score.precision.total) == (1, 2)
    assert score.false_positives == ("Ostia backs Red Brigade",)
    assert score.recall.value == 1.0
    assert score.f1 == pytest.approx(2 * 0.5 / 1.5)


def test_an_optional_fact_is_neither_required_nor_a_false_positive(tmp_path, arms):
    tiny, e = arms
    tiny.claim(e["ostia"], "backs", e["brigade"], "011_bb")
    gold = write_gold(tmp_path / "gold.json", [
        {"s": "Norland", "r": "supplies", "o": "Red Brigade"},
        {"s": ["Ostia", "Norland"], "r": "backs", "o": "Red Brigade", "core": False},
        {"s": "Red Brigade", "r": "attacks", "o": "Ostia", "core": False}])
    score = score_files(tiny.write(tmp_path / "g.ttl"), gold)
    assert score.precision.value == 1.0 and score.false_positives == ()
    assert (score.recall.hits, score.recall.total) == (1, 1)
    assert [f.fact.title for f in score.facts] == ["Norland supplies Red Brigade"]


def test_item_recall_counts_the_items_named_on_claims_of_the_fact(tmp_path, arms):
    tiny, e = arms
    shell = tiny.entity("shell", "Artillery shell", cls="WeaponSystem")
    tiny.claim(e["ostia"], "supplies", e["norland"], "010_aa", items=[shell])  # an item of another fact
    gold = write_gold(tmp_path / "gold.json", [
        {"s": "Norland", "r": "supplies", "o": "Red Brigade", "items": ["Kestrel", "Artillery shell"]},
        {"s": "Ostia", "r": "supplies", "o": "Norland", "core": False}],
        entities={"Kestrel": {"aliases": ["Kestrel launcher"]}})
    score = score_files(tiny.write(tmp_path / "g.ttl"), gold)
    assert (score.item_recall.hits, score.item_recall.total) == (1, 2)
    assert score.facts[0].items_found == ("Kestrel",)
    assert score.facts[0].items_missing == ("Artillery shell",)


def test_source_support_needs_a_claim_of_the_fact_in_each_cited_article(tmp_path, arms):
    tiny, e = arms
    tiny.article("012_cc")
    tiny.article("0120_dd")  # "012" must not name it: the id is followed by a digit
    tiny.article("020_wire")
    tiny.article("021_copy", copy_of="020_wire")  # a syndicated copy stands for its original
    tiny.claim(e["norland"], "supplies", e["brigade"], "0120_dd")
    tiny.claim(e["norland"], "supplies", e["brigade"], "021_copy")
    tiny.claim(e["ostia"], "attacks", e["brigade"], "012_cc", modality="Negated")
    gold = write_gold(tmp_path / "gold.json", [
        {"s": "Norland", "r": "supplies", "o": "Red Brigade", "docs": ["010", "012", "020", "021"]},
        {"s": "Ostia", "r": "attacks", "o": "Red Brigade", "docs": ["012"]}])
    score = score_files(tiny.write(tmp_path / "g.ttl"), gold)
    supplies, attacks = score.facts
    assert supplies.docs_found == ("010", "020", "021") and supplies.docs_missing == ("012",)
    # A denied claim is no edge, so no recall, but the article does hold a claim of the fact.
    assert not attacks.found and attacks.docs_found == ("012",)
    assert (score.source_support.hits, score.source_support.total) == (4, 5)


def test_names_match_after_case_and_punctuation_are_dropped(tmp_path):
    tiny = TinyGraph()
    tiny.article("001_x")
    tiny.claim(tiny.entity("us", "U.S."), "sanctions", tiny.entity("acme", "ACME Arms Ltd"), "001_x")
    gold = write_gold(tmp_path / "gold.json", [{"s": "US", "r": "sanctions", "o": "Acme arms, ltd."}])
    assert score_files(tiny.write(tmp_path / "g.ttl"), gold).recall.value == 1.0


def test_relation_synonyms_name_predicates_of_other_vocabularies(tmp_path):
    tiny = TinyGraph()
    a, b = tiny.entity("a", "Alder"), tiny.entity("b", "Birch")
    tiny.graph.add((a, KGO["providesTo"], b))
    gold = write_gold(tmp_path / "gold.json", [{"s": "Alder", "r": "supplies", "o": "Birch"}],
                      relations={"supplies": ["provides to"]})
    score = score_files(tiny.write(tmp_path / "g.ttl"), gold)
    assert score.recall.value == 1.0 and score.precision.value == 1.0


def test_entities_split_noise_and_missing_are_listed(tmp_path):
    tiny = TinyGraph()
    tiny.entity("norland", "Norland")
    tiny.entity("norland-2", "Republic of Norland")
    tiny.entity("menu", "Subscribe now")
    tiny.entity("stray", "Someone Else")
    gold = write_gold(tmp_path / "gold.json", [{"s": "Norland", "r": "attacks", "o": "Ostia"}],
                      entities={"Norland": {"aliases": ["Republic of Norland"]}, "Ostia": {}},
                      noise=["Subscribe now"])
    score = score_files(tiny.write(tmp_path / "g.ttl"), gold)
    assert score.entities_split == {"Norland": (str(KGE["norland"]), str(KGE["norland-2"]))}
    assert score.entities_missing == ("Ostia",)
    assert (score.entity_recall.hits, score.entity_recall.total) == (1, 2)
    assert score.noise_entities == ("Subscribe now",)
    assert score.unreviewed_entities == ("Someone Else",)


@pytest.mark.parametrize(("gold", "message"), [
    ("{", "invalid JSON at line 1"),
    ('{"facts": [{"s": "A", "r": "suplies", "o": "B"}]}', "facts[0]: unknown relation 'suplies'"),
    ('{"facts": [{"s": "A", "r": "supplies", "o": "B", "coer": false}]}', "facts[0]: unknown key 'coer'"),
    ('{"facts": [{"s": "A", "r": "supplies"}]}', 'facts[0]: missing "o"'),
    ('{"facts": [{"s": "A", "r": ["supplies"], "o": "B"}]}', "facts[0].r: must be the name of one relation"),
    ('{"facts": [{"s": "A", "r": "supplies", "o": {"name": "B"}}]}', "facts[0].o: must be a list of non-empty"),
    ('{"facts": [{"s": [], "r": "supplies", "o": "B"}]}', "facts[0].s: give at least one name"),
    ('{"facts": [{"s": "A", "r": "supplies", "o": "B", "core": "yes"}]}', "facts[0].core: must be true or false"),
    ('{"entities": {"A": {"aliases": ["X"]}, "B": {"aliases": ["x"]}}, "facts": []}', "already names the entity 'A'"),
    ('{"about": "x"}', 'no "facts"'),
    ('{"fact": []}', "top level: unknown key 'fact'"),
])
def test_a_broken_gold_file_is_one_error_naming_the_file_and_place(tmp_path, gold, message):
    path = tmp_path / "gold.json"
    path.write_text(gold, encoding="utf-8")
    with pytest.raises(KGError) as err:
        score_files(SAMPLE_GRAPH, path)
    assert str(err.value).startswith(str(path)) and message in str(err.value)


def test_the_sample_graph_against_a_gold_written_here(tmp_path):
    """Two facts the sample articles state, one they do not, and a gold that omits the rest of
    the graph's relations: those count as false positives."""
    gold = write_gold(tmp_path / "gold.json", [
        {"s": "Wagner Group", "r": "supplies", "o": "Hezbollah", "items": ["Pantsir-S1"], "docs": ["001", "003"]},
        {"s": "Yevgeny Prigozhin", "r": "leads", "o": "Wagner Group", "docs": ["000"]},
        {"s": "Hezbollah", "r": "sanctions", "o": "Russia", "docs": ["002"]}],
        entities={"Wagner Group": {"aliases": ["Wagner"]}, "Pantsir-S1": {"aliases": ["SA-22"]}})
    score = score_files(SAMPLE_GRAPH, gold)
    assert score.missed == ("Hezbollah sanctions Russia",)
    assert (score.recall.hits, score.recall.total) == (2, 3)
    assert score.item_recall.value == 1.0
    assert (score.source_support.hits, score.source_support.total) == (3, 4)  # not 002: the invented fact
    assert "Iran backs Hezbollah" in score.false_positives
    assert score.precision.hits == 2 and score.precision.total == len(score.false_positives) + 2


def test_kg_score_through_the_command_line(tmp_path):
    gold = shutil.copy(SAMPLE_GOLD, tmp_path / "gold.json")
    run = subprocess.run([sys.executable, "-m", "kg", "score", str(SAMPLE_GRAPH), "--gold", str(gold)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    for heading in ("relation precision", "relation recall", "entity recall", "item recall", "source support",
                    "missed: core facts the graph does not state", "false positives"):
        assert heading in run.stdout
    as_json = subprocess.run([sys.executable, "-m", "kg", "score", str(SAMPLE_GRAPH), "--gold", str(gold),
                              "--format", "json", "--verbose"], capture_output=True, text=True, check=True)
    figures = json.loads(as_json.stdout)
    expected = score_files(SAMPLE_GRAPH, gold)
    assert figures["relation_recall"] == round(expected.recall.value, 3)
    assert figures["counts"]["source_support_recall"] == {"hits": expected.source_support.hits,
                                                          "total": expected.source_support.total}
    assert len(figures["facts"]) == sum(1 for f in json.loads(gold.read_text())["facts"] if f.get("core", True))


def test_kg_score_command_line_errors_are_one_line_and_exit_1(tmp_path):
    bad = tmp_path / "gold.json"
    bad.write_text('{"facts": [{"s": "A", "r": "bombs", "o": "B"}]}', encoding="utf-8")
    for args, says in ((["--gold", str(bad)], "unknown relation 'bombs'"),
                       (["--gold", str(tmp_path / "absent.json")], "gold file not found"),
                       (["--gold", str(SAMPLE_GOLD), "--format", "xml"], "unknown format 'xml'")):
        result = CliRunner().invoke(app, ["score", str(SAMPLE_GRAPH), *args])
        assert result.exit_code == 1 and result.output.count("\n") == 1, result.output
        assert result.output.startswith("kg: error:") and says in result.output
