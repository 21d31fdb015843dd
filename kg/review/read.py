"""Find the doubtful decisions in a build's output folder: its graph.ttl and merge-log.txt."""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from ..errors import KGError
from ..extract.resolve import slugify
from ..ontology import KGC, KGD, KGE, KGO
from ..sparql.query import load_store
from .items import ClassSplit, DoubtfulClaim, EntityRef, Item, NearMiss

__all__ = ["GRAPH_FILE", "MERGE_LOG_FILE", "doubtful_items", "read_entities"]

GRAPH_FILE = "graph.ttl"
MERGE_LOG_FILE = "merge-log.txt"

# resolve._join_names writes: left apart Person 'Kirby': could be John Kirby, Jane Kirby
_LEFT_APART = re.compile(r"left apart (\w+) '(.*)': could be (.+)")

_PREFIXES = f"""PREFIX kgo: <{KGO}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

_ENTITIES = _PREFIXES + """SELECT ?entity ?label ?class ?mentions WHERE {
  ?entity kgo:mentionCount ?mentions ; rdfs:label ?label ; a ?class .
}"""

_CLAIMS_BELOW = _PREFIXES + """SELECT ?claim ?subject ?relation ?object ?confidence ?modality ?evidence
       ?sentence ?document ?title ?date WHERE {
  ?claim a kgo:Claim ; rdf:subject ?subject ; rdf:predicate ?relation ; rdf:object ?object ;
         kgo:confidence ?confidence ; kgo:modality ?modality ; prov:wasDerivedFrom ?sentence ;
         dcterms:isPartOf ?document .
  FILTER(?confidence < BELOW)
  OPTIONAL { ?claim kgo:evidence ?evidence }
  OPTIONAL { ?document dcterms:title ?title }
  OPTIONAL { ?document dcterms:date ?date }
}"""


def doubtful_items(out: Path, below: float = 0.7) -> list[Item]:
    """Every doubtful decision of the build in ``out``, answered or not, in a stable order: the
    near-miss merges of its merge log, the names split over several entities, then the claims of
    confidence below ``below`` (least sure first). Raises KGError when ``out`` holds no graph.ttl."""
    store = _load(Path(out) / GRAPH_FILE)
    entities = read_entities(store)
    log = Path(out) / MERGE_LOG_FILE
    lines = log.read_text(encoding="utf-8").splitlines() if log.is_file() else []
    return [*near_misses(lines, entities), *class_splits(entities), *doubtful_claims(store, entities, below)]


def _load(path: Path) -> ox.Store:
    if not path.is_file():
        raise KGError(f"{path}: no graph here; give the output folder of a kg build (kg build DATA -o OUT)")
    return load_store(path)


def read_entities(store: ox.Store) -> dict[str, EntityRef]:
    """The entities of the graph by id: those with a kgo: class and a mention count."""
    entities = {}
    for row in store.query(_ENTITIES):
        node, cls = row["entity"].value, row["class"].value
        if node.startswith(str(KGE)) and cls.startswith(str(KGO)):
            eid = node[len(str(KGE)):]
            entities[eid] = EntityRef(eid, row["label"].value, cls[len(str(KGO)):], int(row["mentions"].value))
    return dict(sorted(entities.items()))


def _by_mentions(entities) -> tuple[EntityRef, ...]:
    return tuple(sorted(entities, key=lambda e: (-e.mentions, e.id)))


def near_misses(log_lines: list[str], entities: dict[str, EntityRef]) -> list[NearMiss]:
    """A question for each "left apart" line of the merge log whose name and at least one
    candidate are entities of the graph, in the log's order."""
    find = _EntityFinder(entities)
    found = []
    for line in log_lines:
        match = _LEFT_APART.fullmatch(line.strip())
        if not match:
            continue
        cls, name, options = match.groups()
        entity = find(name, cls)
        candidates = {c.id: c for c in find.all_of(options, cls) if entity and c.id != entity.id}
        if entity and candidates:
            found.append(NearMiss(entity, _by_mentions(candidates.values())))
    return found


class _EntityFinder:
    """The entity a name of the merge log became: by label and class, else by its id, which is
    the name's slug (with "-class" when another class had taken the slug, see resolve._ner_ids)."""

    def __init__(self, entities: dict[str, EntityRef]):
        self.entities = entities
        self.by_label: dict[tuple[str, str], EntityRef] = {}
        for entity in entities.values():  # by id: of two entities with one label and class, the first
            self.by_label.setdefault((entity.label, entity.cls), entity)

    def __call__(self, name: str, cls: str) -> EntityRef | None:
        if (name, cls) in self.by_label:
            return self.by_label[(name, cls)]
        slug = slugify(name)
        for eid in (slug, f"{slug}-{cls.lower()}"):
            if eid in self.entities and self.entities[eid].cls == cls:
                return self.entities[eid]
        return None

    def all_of(self, names: str, cls: str) -> list[EntityRef]:
        """The entities of a list joined with ", ": a name with a comma in it is tried whole first."""
        parts, found, start = names.split(", "), [], 0
        while start < len(parts):
            for end in range(len(parts), start, -1):
                entity = self(", ".join(parts[start:end]), cls)
                if entity or end == start + 1:
                    break
            found += [entity] if entity else []
            start = end
        return found


def class_splits(entities: dict[str, EntityRef]) -> list[ClassSplit]:
    """The names (equal ignoring case) that are two or more entities, by name."""
    by_name: dict[str, list[EntityRef]] = defaultdict(list)
    for entity in entities.values():
        by_name[entity.label.casefold()].append(entity)
    return [ClassSplit(_by_mentions(group)) for _name, group in sorted(by_name.items()) if len(group) > 1]


def doubtful_claims(store: ox.Store, entities: dict[str, EntityRef], below: float) -> list[DoubtfulClaim]:
    """The claims of confidence below ``below``, least sure first, then by claim id."""
    claims = [_claim(row, entities) for row in store.query(_CLAIMS_BELOW.replace("BELOW", repr(float(below))))]
    return sorted(claims, key=lambda c: (c.confidence, c.claim))


def _claim(row, entities: dict[str, EntityRef]) -> DoubtfulClaim:
    document = _local(row["document"].value, str(KGD))
    # the sentence IRI is .../doc/DOC/s/N (kg.graph.assemble.sentence_iri)
    sentence = int(row["sentence"].value.rsplit("/s/", 1)[-1])
    return DoubtfulClaim(
        claim=_local(row["claim"].value, str(KGC)), document=document, sentence=sentence,
        relation=_local(row["relation"].value, str(KGO)),
        subject=_entity(row["subject"].value, entities), object=_entity(row["object"].value, entities),
        modality=_local(row["modality"].value, str(KGO)), confidence=float(row["confidence"].value),
        evidence=_text(row["evidence"]), title=_text(row["title"]), date=_text(row["date"]))


def _entity(iri: str, entities: dict[str, EntityRef]) -> EntityRef:
    eid = _local(iri, str(KGE))
    return entities.get(eid) or EntityRef(eid, eid, "", 0)


def _local(iri: str, namespace: str) -> str:
    return iri[len(namespace):] if iri.startswith(namespace) else iri


def _text(term) -> str:
    return term.value if term is not None else ""
