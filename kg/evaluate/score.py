"""kg score: how far a built graph agrees with the facts a person read in the same articles.

The figures (see docs/gold-format.md for the gold file and the matching rules):

- relation precision: of the relations the graph states between entities (its direct edges),
  the share that some gold fact, core or optional, accepts;
- relation recall: the share of core facts the graph states;
- entity recall: the share of core gold entities some graph entity carries a name of;
- item recall: of the items core facts name, the share found on the claims of those facts;
- source support: of the articles core facts cite, the share in which the graph has a claim of
  the fact.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path, PurePosixPath

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from ..ontology import KGO, load_ontology, ontology_folder
from ..sparql.inspect import read_graph
from .gold import Gold, GoldFact, load_gold, normalise

LABELS = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
# Labelled nodes that are records or vocabulary, not things in the world.
NOT_ENTITIES = frozenset({KGO.Claim, KGO.Edge, RDF.Statement, KGO.Article, KGO.Sentence, KGO.Relation, KGO.Modality,
                          OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property})


@dataclass(frozen=True)
class Ratio:
    """``hits`` of ``total``; no value when there is nothing to count."""

    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass(frozen=True)
class FactResult:
    """What the graph says of one core fact."""

    fact: GoldFact
    found: bool                      # a direct edge states it
    docs_found: tuple[str, ...]      # cited articles holding a claim of it
    items_found: tuple[str, ...]     # gold items named on its claims

    @property
    def docs_missing(self) -> tuple[str, ...]:
        return tuple(d for d in self.fact.docs if d not in self.docs_found)

    @property
    def items_missing(self) -> tuple[str, ...]:
        return tuple(i for i in self.fact.items if i not in self.items_found)


@dataclass(frozen=True)
class Bin:
    """The claims whose confidence lies in [low, high): how many, their mean confidence, how many are right."""

    low: float
    high: float
    claims: int
    confidence: float
    right: int

    @property
    def accuracy(self) -> float | None:
        return self.right / self.claims if self.claims else None


RELIABILITY_BINS = 10


def reliability_bins(pairs, bins: int = RELIABILITY_BINS) -> tuple[Bin, ...]:
    """(confidence, right) pairs in ``bins`` equal bins of confidence; a confidence of 1 in the last."""
    groups: list[list[tuple[float, bool]]] = [[] for _ in range(bins)]
    for confidence, right in pairs:
        groups[min(max(int(confidence * bins), 0), bins - 1)].append((confidence, right))
    return tuple(Bin(b / bins, (b + 1) / bins, len(g), sum(c for c, _ in g) / len(g) if g else 0.0,
                     sum(r for _, r in g)) for b, g in enumerate(groups))


def expected_calibration_error(bins: tuple[Bin, ...]) -> float | None:
    total = sum(b.claims for b in bins)
    if not total:
        return None
    return sum(b.claims / total * abs(b.right / b.claims - b.confidence) for b in bins if b.claims)


@dataclass(frozen=True)
class Score:
    precision: Ratio
    recall: Ratio
    entity_recall: Ratio
    item_recall: Ratio
    source_support: Ratio
    facts: tuple[FactResult, ...]                  # the core facts, in file order
    false_positives: tuple[str, ...]
    entities_missing: tuple[str, ...]
    entities_split: dict[str, tuple[str, ...]] = field(default_factory=dict)
    noise_entities: tuple[str, ...] = ()
    unreviewed_entities: tuple[str, ...] = ()
    reliability: tuple[Bin, ...] = ()  # claims by confidence, against the share some fact accepts
    edge_reliability: tuple[Bin, ...] = ()  # direct edges by their edge confidence, the same way

    @property
    def calibration_error(self) -> float | None:
        """The expected calibration error: the mean gap between a bin's confidence and the share
        of its claims found right, weighted by the claims in each bin."""
        return expected_calibration_error(self.reliability)

    @property
    def edge_calibration_error(self) -> float | None:
        """The same for the direct edges and their edge confidence (kgo:Edge nodes)."""
        return expected_calibration_error(self.edge_reliability)

    @property
    def f1(self) -> float | None:
        p, r = self.precision.value, self.recall.value
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def missed(self) -> tuple[str, ...]:
        return tuple(f.fact.title for f in self.facts if not f.found)

    def as_dict(self) -> dict:
        """The figures rounded to three places, the counts behind them and every list."""
        figures = {"relation_precision": self.precision, "relation_recall": self.recall,
                   "entity_recall": self.entity_recall, "item_recall": self.item_recall,
                   "source_support_recall": self.source_support}
        out: dict = {name: _rounded(ratio.value) for name, ratio in figures.items()}
        out["relation_f1"] = _rounded(self.f1)
        out["counts"] = {name: {"hits": r.hits, "total": r.total} for name, r in figures.items()}
        out["predicted_relations"] = self.precision.total
        out["missed"] = list(self.missed)
        out["false_positives"] = list(self.false_positives)
        out["entities_missing"] = list(self.entities_missing)
        out["entities_split"] = {k: list(v) for k, v in self.entities_split.items()}
        out["calibration_error"] = _rounded(self.calibration_error)
        out["reliability"] = [{"bin": [b.low, b.high], "claims": b.claims, "confidence": _rounded(b.confidence),
                               "right": b.right, "accuracy": _rounded(b.accuracy)} for b in self.reliability]
        out["edge_calibration_error"] = _rounded(self.edge_calibration_error)
        out["edge_reliability"] = [{"bin": [b.low, b.high], "edges": b.claims, "confidence": _rounded(b.confidence),
                                    "right": b.right, "accuracy": _rounded(b.accuracy)} for b in self.edge_reliability]
        out["noise_entities"] = list(self.noise_entities)
        out["unreviewed_entities"] = list(self.unreviewed_entities)
        out["facts"] = [{"fact": f.fact.title, "found": f.found,
                         "support": f"{len(f.docs_found)}/{len(f.fact.docs)}",
                         "docs_missing": list(f.docs_missing), "items_missing": list(f.items_missing)}
                        for f in self.facts]
        return out


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def score_files(graph_path: Path, gold_path: Path, ontology_dir: Path | None = None) -> Score:
    """Score the Turtle graph at ``graph_path`` against the gold file at ``gold_path``; the gold's
    relations are by default those of the ontology folder ``ontology_dir`` (default: the shipped one)."""
    gold = load_gold(gold_path, tuple(load_ontology(ontology_folder(ontology_dir)).relations))
    return score_graph(read_graph(graph_path), gold)


def score_graph(graph: Graph, gold: Gold) -> Score:
    labels = _entity_labels(graph)
    entity_of = _gold_entities(labels, gold)
    predicted = _direct_relations(graph, set(labels), gold)
    accepted = [t for t in predicted if any(_accepts(f, entity_of, *t) for f in gold.facts)]
    core = [f for f in gold.facts if f.core]
    claims = _claims_by_gold_triple(graph, gold, entity_of)
    results = tuple(_fact_result(graph, fact, predicted, claims, entity_of) for fact in core)
    core_entities = [e.name for e in gold.entities.values() if e.core]
    found_entities = set(entity_of.values())
    return Score(
        precision=Ratio(len(accepted), len(predicted)),
        recall=Ratio(sum(r.found for r in results), len(results)),
        entity_recall=Ratio(sum(e in found_entities for e in core_entities), len(core_entities)),
        item_recall=Ratio(sum(len(r.items_found) for r in results), sum(len(f.items) for f in core)),
        source_support=Ratio(sum(len(r.docs_found) for r in results), sum(len(f.docs) for f in core)),
        facts=results,
        false_positives=tuple(sorted(f"{_name(graph, s, entity_of)} {rid} {_name(graph, o, entity_of)}"
                                     for s, rid, o in set(predicted) - set(accepted))),
        entities_missing=tuple(e for e in core_entities if e not in found_entities),
        entities_split=_split(entity_of),
        noise_entities=tuple(sorted({_name(graph, n, {}) for n, names in labels.items() if names & gold.noise})),
        unreviewed_entities=tuple(sorted({_name(graph, n, {}) for n, names in labels.items()
                                          if n not in entity_of and not names & (gold.noise | gold.acceptable)})),
        reliability=reliability_bins(_claim_outcomes(graph, gold, entity_of)),
        edge_reliability=reliability_bins(_edge_outcomes(graph, gold, entity_of, set(labels))),
    )


def _claim_outcomes(graph: Graph, gold: Gold, entity_of: dict) -> list[tuple[float, bool]]:
    """(confidence, right) of every claim with a confidence: right when some fact, core or
    optional, accepts its subject, relation and object."""
    out = []
    for claim in sorted(set(graph.subjects(KGO.confidence, None)) - set(graph.subjects(RDF.type, KGO.Edge))):
        confidence = graph.value(claim, KGO.confidence)
        s, p, o = (graph.value(claim, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        rid = _relation(p, gold) if p is not None else None
        if rid is None:
            continue
        out.append((float(confidence), any(_accepts(f, entity_of, s, rid, o) for f in gold.facts)))
    return out


def _edge_outcomes(graph: Graph, gold: Gold, entity_of: dict, entities: set) -> list[tuple[float, bool]]:
    """(edge confidence, accepted) of every direct edge between two different entities that has an
    edge node: accepted as relation precision accepts it, by some fact, core or optional."""
    out = []
    for edge in sorted(set(graph.subjects(RDF.type, KGO.Edge))):
        s, p, o = (graph.value(edge, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        confidence = graph.value(edge, KGO.confidence)
        rid = _relation(p, gold) if p is not None else None
        if rid is None or confidence is None or s not in entities or o not in entities or s == o:
            continue
        out.append((float(confidence), any(_accepts(f, entity_of, s, rid, o) for f in gold.facts)))
    return out


def _entity_labels(graph: Graph) -> dict[URIRef, frozenset[str]]:
    """Each entity node with its names, normalised."""
    names: dict[URIRef, set[str]] = defaultdict(set)
    for predicate in LABELS:
        for node, label in graph.subject_objects(predicate):
            if isinstance(node, URIRef) and isinstance(label, Literal):
                names[node].add(normalise(str(label)))
    return {node: frozenset(n) for node, n in names.items()
            if not set(graph.objects(node, RDF.type)) & NOT_ENTITIES}


def _gold_entities(labels: dict[URIRef, frozenset[str]], gold: Gold) -> dict[URIRef, str]:
    """Each node carrying a gold entity's name -> that entity; when a node carries the names of
    several, the first of them in alphabetical order (so the choice never depends on file order)."""
    by_name = gold.entity_by_name()
    out = {}
    for node, names in labels.items():
        hits = sorted({by_name[n] for n in names if n in by_name})
        if hits:
            out[node] = hits[0]
    return out


def _relation(predicate, gold: Gold) -> str | None:
    """The gold relation a predicate expresses, by its local name."""
    local = re.split(r"[#/:]", str(predicate).rstrip("/#"))[-1]
    return gold.relations.get(normalise(local))


def _direct_relations(graph: Graph, entities: set, gold: Gold) -> list[tuple[URIRef, str, URIRef]]:
    """The (subject, relation, object) edges the graph states between two different entities."""
    found = set()
    for predicate in set(graph.predicates()):
        rid = _relation(predicate, gold)
        if rid:
            found.update((s, rid, o) for s, o in graph.subject_objects(predicate)
                         if s in entities and o in entities and s != o)
    return sorted(found)


def _accepts(fact: GoldFact, entity_of: dict, s, rid: str, o) -> bool:
    return fact.relation == rid and entity_of.get(s) in fact.subjects and entity_of.get(o) in fact.objects


def _claims_by_gold_triple(graph: Graph, gold: Gold, entity_of: dict) -> dict[tuple[str, str, str], list]:
    """(gold subject, relation, gold object) -> the claims stating it, whatever their modality."""
    claims = defaultdict(list)
    for claim in sorted(set(graph.subjects(RDF.subject, None)) - set(graph.subjects(RDF.type, KGO.Edge))):
        for s, p, o in product(graph.objects(claim, RDF.subject), graph.objects(claim, RDF.predicate),
                               graph.objects(claim, RDF.object)):
            rid = _relation(p, gold)
            if rid and s in entity_of and o in entity_of:
                claims[(entity_of[s], rid, entity_of[o])].append(claim)
    return claims


def _fact_result(graph: Graph, fact: GoldFact, predicted, claims, entity_of) -> FactResult:
    found = any(_accepts(fact, entity_of, *t) for t in predicted)
    its_claims = [c for s, o in product(fact.subjects, fact.objects) for c in claims.get((s, fact.relation, o), ())]
    articles = {name for c in its_claims for name in _article_names(graph, c)}
    items = {entity_of[i] for c in its_claims for i in graph.objects(c, KGO.item) if i in entity_of}
    return FactResult(fact, found,
                      docs_found=tuple(d for d in fact.docs if any(_is_doc(d, a) for a in articles)),
                      items_found=tuple(i for i in fact.items if i in items))


def _article_names(graph: Graph, claim) -> set[str]:
    """Names of the articles a claim stands in: the article's id, the segments of its source
    path, and the same for the article it is a syndicated copy of."""
    sentences = set(graph.objects(claim, PROV.wasDerivedFrom))
    articles = {a for node in {claim} | sentences for a in graph.objects(node, DCTERMS.isPartOf)}
    articles |= {original for a in articles for original in graph.objects(a, KGO.copyOf)}
    names = set()
    for article in articles:
        names.add(str(article).rstrip("/").rsplit("/", 1)[-1])
        for source in graph.objects(article, DCTERMS.source):
            names.update(PurePosixPath(str(source).replace("\\", "/")).parts)
    return names


def _is_doc(doc_id: str, name: str) -> bool:
    """A gold doc id names an article whose id or file name it is, or begins before "_" or "."
    ("003" names "003_d44a235d43d61bfb.txt")."""
    return name == doc_id or (name.startswith(doc_id) and name[len(doc_id)] in "_.")


def _split(entity_of: dict[URIRef, str]) -> dict[str, tuple[str, ...]]:
    nodes = defaultdict(list)
    for node, name in sorted(entity_of.items()):
        nodes[name].append(str(node))
    return {name: tuple(n) for name, n in sorted(nodes.items()) if len(n) > 1}


def _name(graph: Graph, node, entity_of: dict) -> str:
    if node in entity_of:
        return entity_of[node]
    label = graph.value(node, RDFS.label) or graph.value(node, SKOS.prefLabel)
    return str(label) if label is not None else str(node)
