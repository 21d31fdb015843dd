"""Plain data passed between the pipeline stages.

Every stage takes and returns these frozen dataclasses, so a stage can be
tested alone with objects built by hand.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

CLASSES = (
    "State",
    "GovernmentBody",
    "ArmedGroup",
    "Organization",
    "MediaOutlet",
    "Person",
    "WeaponSystem",
    "Place",
)

MODALITIES = ("Asserted", "Planned", "Possible", "Negated")


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read from disk.

    ``text`` is the article body after cleaning (paragraphs separated by a blank
    line); ``title`` is kept apart because headlines parse badly.
    """

    id: str
    title: str
    text: str
    date: str | None = None  # ISO 8601 date, "YYYY-MM-DD"
    publisher: str | None = None
    source: str = ""  # path relative to the data folder
    copy_of: str | None = None  # id of the first article of the same syndicated story


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file or record that could not be read, and why."""

    source: str
    reason: str

    @property
    def kind(self) -> str:
        """The reason without its detail: "invalid JSON: ..." -> "invalid JSON", "duplicate of X" -> "duplicate"."""
        return self.reason.split(":")[0].split(" of ")[0]


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a document that names an actor, place or weapon."""

    doc_id: str
    start: int  # token index in the spaCy Doc
    end: int
    start_char: int
    end_char: int
    text: str
    type: str  # one of CLASSES
    source: str  # "catalog" | "ner" | "coref" | "demonym" | "collective" (a capitalised "the Coalition")
    key: str  # catalog id, or a normalised name for NER mentions


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world thing, however many names it goes by."""

    id: str  # a stable slug, the local part of its IRI
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    same_as: str | None = None
    mentions: int = 0
    documents: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """One sentence's statement of a relation between two entities, or a fact an analyst added by hand."""

    subject: str  # entity id
    relation: str  # ontology local name, e.g. "supplies"
    object: str  # entity id
    document: str
    sentence: int  # sentence index within the document
    text: str  # the sentence
    start_char: int
    end_char: int
    modality: str = "Asserted"
    items: tuple[str, ...] = ()  # entity ids of the things supplied
    attributed_to: str | None = None  # entity id of the speaker
    reported_by: str | None = None  # entity id of the outlet credited
    date: str | None = None
    rule: str = ""  # the extraction rule; "hand" for a fact an analyst added by hand
    confidence: float = 0.8
    # A fact added by hand (a corrections file's "add") has these and no article: document and
    # text are "", sentence -1; see kg.corrections.
    added_by: str = ""
    note: str = ""  # why: the analyst's source or reason

    @property
    def by_hand(self) -> bool:
        """Whether an analyst added this fact by hand (it then comes from no article)."""
        return bool(self.added_by)


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build returns: the graphs, the claims, and what was skipped."""

    graph: object  # rdflib.Graph; None from a build asked for no graph (graph=False)
    network: object  # networkx.MultiDiGraph
    entities: tuple[Entity, ...]
    claims: tuple[Claim, ...]
    documents: tuple[Document, ...]
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)
    merge_log: tuple[str, ...] = field(default_factory=tuple)
    work: dict[str, int] = field(default_factory=dict)  # articles parsed and claims read now, or taken from the cache
    changes: object = None  # kg.graph.GraphChanges since the last build into the same folder; None on a first build
    corrections: tuple[CorrectionOutcome, ...] = ()  # what became of each line of the corrections file, in line order


@dataclass(frozen=True, slots=True)
class CorrectionOutcome:
    """What a build did with one line of a corrections file (see kg.corrections)."""

    line: int
    op: str  # "merge", "reject", ...; "" for a line whose op is not known
    status: str  # APPLIED, NOT_MATCHED or INVALID
    reason: str = ""

    def __str__(self) -> str:
        op = f"{self.op}: " if self.op else ""
        return f"line {self.line}: {op}{self.reason}"


APPLIED, NOT_MATCHED, INVALID = "applied", "matching nothing", "invalid"


@dataclass(frozen=True, slots=True)
class ArticleResolution:
    """Entity resolution as one article sees it."""

    entity_of: tuple[tuple[int, int, str], ...]  # (first token, end token, entity id) of its resolved mentions
    types: tuple[tuple[str, str], ...]  # (entity id, class), sorted: of those and of the refs the build has

    @classmethod
    def of(cls, mentions, refs, resolution) -> ArticleResolution:
        entity_of = []
        for m in mentions:
            eid = resolution.entity_of.get((m.doc_id, m.start, m.end))
            if eid is not None:
                entity_of.append((m.start, m.end, eid))
        # a catalog id its words reach that a correction merged away has the class of the entity it joined
        merged = resolution.merged
        reached = {eid for _, _, eid in entity_of}
        reached |= {eid for eid in refs if merged.get(eid, eid) in resolution.entities}
        types = sorted((eid, resolution.entities[merged.get(eid, eid)].type) for eid in reached)
        return cls(tuple(entity_of), tuple(types))

    def digest_text(self) -> str:
        return json.dumps([self.entity_of, self.types], separators=(",", ":"))
