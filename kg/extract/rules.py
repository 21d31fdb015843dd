"""Relation rules and shared word lists, read from ``ontology/rules/``.

Each line of ``relations.jsonl`` is one rule: a relation of the ontology, a
syntactic form the extractor knows (verb, noun, compound, relnoun, under,
pair, receive) and its trigger words. ``lexicon.json`` holds the word lists
the forms share (modality and attribution cues, generic nouns, titles).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..datafiles import read_json, read_jsonl
from ..errors import RuleError

FORMS = ("verb", "receive", "noun", "compound", "relnoun", "under", "pair")
RULES_FILE = Path("rules") / "relations.jsonl"
LEXICON_FILE = Path("rules") / "lexicon.json"
_RULE_KEYS = {"id", "relation", "form", "lemmas", "words", "objects", "subjects", "sources", "direction",
              "object_noun_relations", "requires_word", "if_not_asserted", "qualified", "exclude_heads",
              "fallback_objects", "requires_object", "owner_preps", "object_classes"}


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
    )


@lru_cache(maxsize=8)
def _load(directory: str, relations: frozenset[str]) -> RuleSet:
    path = Path(directory) / RULES_FILE
    rules = [_rule(record, f"{path}:{number}", set(relations)) for number, record in read_jsonl(path, "relation rules")]
    return RuleSet(rules=tuple(rules), lexicon=read_json(Path(directory) / LEXICON_FILE))


def load_rules(directory: Path, relations: frozenset[str]) -> RuleSet:
    """Read and check the rules in the ontology ``directory`` against ``relations``."""
    return _load(str(Path(directory).resolve()), frozenset(relations))
