"""Relation frames, rules and shared word lists, read from ``ontology/rules/``.

Each line of ``frames.jsonl`` is one frame: a relation, the verbs and event
nouns that state it, the roles its arguments fill and the paths that reach
them (the file's first line documents the format). A verb brings its event
nouns through the one derivation table, ``derivations`` in ``lexicon.json``,
so "attack"/"attack", "invade"/"invasion" and "supply"/"shipment" share a
frame. A frame compiles into a verb rule and a noun rule, read by the frame
matcher in ``kg.extract.forms``.

Each line of ``relations.jsonl`` is one rule of a form that is not a frame:
titles (relnoun), hyphenated modifiers (compound), "under the command of"
(under), mutual relations (pair), receiving (receive) and the members of a listing
stated after it (listing: "They include X and Y", whose agent the sentences before name). ``lexicon.json``
holds the word lists the forms share (modality and attribution cues, generic
nouns, titles).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import RuleError
from ..ingest.datafiles import read_json, read_jsonl

FORMS = ("verb", "receive", "noun", "compound", "relnoun", "under", "pair", "listing", "members")
RULES_FILE = Path("rules") / "relations.jsonl"
FRAMES_FILE = Path("rules") / "frames.jsonl"
LEXICON_FILE = Path("rules") / "lexicon.json"
_RULE_KEYS = {"id", "relation", "form", "lemmas", "words", "objects", "subjects", "sources", "direction",
              "object_noun_relations", "requires_word", "if_not_asserted", "qualified", "exclude_heads",
              "fallback_objects", "requires_object", "owner_preps", "object_classes", "subject_classes",
              "senses", "not_under", "targets", "_comment"}
# keys of a frame besides its roles; the others pass to the rules it compiles into
_FRAME_KEYS = {"id", "relation", "verbs", "nouns", "roles", "object_noun_relations", "requires_word",
               "if_not_asserted", "exclude_heads", "requires_object", "object_classes", "senses", "not_under",
               "_comment"}
AGENT_ROLES = ("agent",)
OBJECT_ROLES = ("patient", "recipient", "principal", "target")
FILLED_FROM_NEIGHBOUR = ("supplies",)  # relations whose empty recipient the sentence before may name
# where a path of a role applies: verbs, event nouns, or both ("prep:X")
VERB_PATHS = {"object": "dobj", "dative": "dative", "use_by": "use_by", "event_agent": "event_agent",
              "instrument": "instrument", "struck_place": "struck_place"}
NOUN_PATHS = {"poss", "compound", "amod", "light_verb", "acl_by", "supported", "blamed", "undergoer", "victim",
              "dealt_with"}


@dataclass(frozen=True)
class Rule:
    id: str
    relation: str
    form: str
    lemmas: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    objects: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    direction: str = "forward"
    object_noun_relations: dict = field(default_factory=dict)
    requires_word: frozenset[str] = frozenset()
    if_not_asserted: str | None = None
    qualified: str | None = None
    exclude_heads: frozenset[str] = frozenset()
    fallback_objects: tuple[str, ...] = ()
    requires_object: frozenset[str] = frozenset()
    owner_preps: tuple[str, ...] = ("of", "for", "at", "in")
    object_classes: frozenset[str] = frozenset()  # narrower than the relation's range
    subject_classes: frozenset[str] = frozenset()  # narrower than the relation's domain
    senses: dict = field(default_factory=dict)  # trigger -> conditions of the sense the rule means
    not_under: frozenset[str] = frozenset()  # verbs that make a trigger someone else's act ("urged X to")
    targets: str | None = None  # compound: who the modified noun names ("users": "X-made drones used by Y")


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    lexicon: dict

    @property
    def title_words(self) -> frozenset[str]:
        """Every title a relnoun rule knows ("president", "prime minister")."""
        return frozenset(w for rule in self.rules if rule.form == "relnoun" for w in rule.lemmas)

    @property
    def name_prefixes(self) -> frozenset[str]:
        """Words that go before or after a name but are not part of it ("Sheikh", "spokesperson")."""
        return self.title_words | self.words("honorifics")

    def by_form(self, form: str) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.form == form)

    def words(self, *keys: str) -> frozenset[str]:
        """A word list of the lexicon, by its path: ``words("modality", "negations")``."""
        node = self.lexicon
        for key in keys:
            node = node[key]
        return frozenset(node)


def _rule(record: dict, where: str, relations: set[str]) -> Rule:
    unknown = set(record) - _RULE_KEYS
    if unknown:
        raise RuleError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_RULE_KEYS)}")
    if record.get("form") not in FORMS:
        raise RuleError(f"{where}: unknown form '{record.get('form')}'; use one of {', '.join(FORMS)}")
    for key in ("relation", "if_not_asserted", "qualified"):
        name = record.get(key)
        if name is not None and name not in relations:
            raise RuleError(f"{where}: unknown relation '{name}'; known: {', '.join(sorted(relations))}")
    for name in record.get("object_noun_relations", {}).values():
        if name not in relations:
            raise RuleError(f"{where}: unknown relation '{name}'; known: {', '.join(sorted(relations))}")
    return Rule(
        id=record.get("id", where),
        relation=record["relation"],
        form=record["form"],
        lemmas=frozenset(record.get("lemmas", ())),
        words=frozenset(record.get("words", ())),
        objects=tuple(record.get("objects", ())),
        subjects=tuple(record.get("subjects", ())),
        sources=tuple(record.get("sources", ())),
        direction=record.get("direction", "forward"),
        object_noun_relations=dict(record.get("object_noun_relations", {})),
        requires_word=frozenset(record.get("requires_word", ())),
        if_not_asserted=record.get("if_not_asserted"),
        qualified=record.get("qualified"),
        exclude_heads=frozenset(record.get("exclude_heads", ())),
        fallback_objects=tuple(record.get("fallback_objects", ())),
        requires_object=frozenset(record.get("requires_object", ())),
        owner_preps=tuple(record.get("owner_preps", ("of", "for", "at", "in"))),
        object_classes=frozenset(record.get("object_classes", ())),
        subject_classes=frozenset(record.get("subject_classes", ())),
        senses=dict(record.get("senses", {})),
        not_under=frozenset(record.get("not_under", ())),
        targets=record.get("targets"),
    )


def _split_paths(paths: list[str], where: str) -> tuple[list[str], list[str]]:
    """A role's paths as (verb paths, noun paths) in the names the forms read."""
    verb, noun = [], []
    for path in paths:
        kind, _, rest = path.partition(".")
        if rest and kind in ("verb", "noun"):
            (verb if kind == "verb" else noun).append(rest)
        elif path in VERB_PATHS:
            verb.append(VERB_PATHS[path])
        elif path in NOUN_PATHS or path.startswith("acl:"):
            noun.append(path)
        elif path.startswith("prep:"):
            verb.append(path)
            noun.append(path)
        elif path not in ("subject", "by"):
            raise RuleError(f"{where}: unknown path '{path}'; use subject, by, object, dative, poss, compound, amod, "
                            "light_verb, acl_by, supported, blamed, undergoer, victim, dealt_with, acl:VERB, use_by, event_agent, "
                            "instrument, struck_place, prep:WORD, "
                            "or verb./noun. before one")
    return verb, noun


def _frame_rules(record: dict, where: str, relations: set[str], derivations: dict) -> list[Rule]:
    """A frame as the verb rule and the noun rule the forms run."""
    unknown = set(record) - _FRAME_KEYS
    if unknown:
        raise RuleError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_FRAME_KEYS)}")
    roles = record.get("roles", {})
    for role in roles:
        if role not in AGENT_ROLES + OBJECT_ROLES:
            raise RuleError(f"{where}: unknown role '{role}'; use one of {', '.join(AGENT_ROLES + OBJECT_ROLES)}")
    verb_agents, agent_paths = _split_paths(roles.get("agent", []), where)
    verb_objects: list[str] = []
    noun_objects: list[str] = []
    for role in OBJECT_ROLES:
        verb, noun = _split_paths(roles.get(role, []), where)
        verb_objects += verb
        noun_objects += noun
    shared = {key: record[key] for key in record if key not in ("id", "verbs", "nouns", "roles", "_comment")}
    verbs = list(record.get("verbs", ()))
    nouns = list(dict.fromkeys([n for v in verbs for n in derivations.get(v, ())] + list(record.get("nouns", ()))))
    rules = []
    if verbs:
        rules.append(_rule({**shared, "id": f"{record['id']}-verb", "form": "verb", "lemmas": verbs,
                            "objects": verb_objects, "subjects": verb_agents}, where, relations))
    if nouns:
        noun_shared = {k: v for k, v in shared.items() if k not in ("object_noun_relations", "requires_object")}
        fallback = [p for p in noun_objects if p == "prep:in"]
        rules.append(_rule({**noun_shared, "id": f"{record['id']}-noun", "form": "noun", "lemmas": nouns,
                            "subjects": agent_paths, "objects": [p for p in noun_objects if p != "prep:in"],
                            "fallback_objects": fallback}, where, relations))
    return rules


@lru_cache(maxsize=8)
def _load(directory: str, relations: frozenset[str]) -> RuleSet:
    lexicon = read_json(Path(directory) / LEXICON_FILE)
    frames_path = Path(directory) / FRAMES_FILE
    rules: list[Rule] = []
    if frames_path.exists():
        for number, record in read_jsonl(frames_path, "relation frames"):
            if set(record) != {"_comment"}:
                rules += _frame_rules(record, f"{frames_path}:{number}", set(relations),
                                      lexicon.get("derivations", {}))
    path = Path(directory) / RULES_FILE
    rules += [_rule(record, f"{path}:{number}", set(relations)) for number, record in read_jsonl(path, "relation rules")]
    return RuleSet(rules=tuple(rules), lexicon=lexicon)


def load_rules(directory: Path, relations: frozenset[str]) -> RuleSet:
    """Read and check the rules in the ontology ``directory`` against ``relations``."""
    return _load(str(Path(directory).resolve()), frozenset(relations))
