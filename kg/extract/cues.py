"""The relation cues the prefilter looks for: every trigger word of every rule, matched in any
inflected form the lemmatizer's tables reduce to it, and the actors each cue needs around it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .nlp import BOUND_PREFIXES

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

    from ..ontology import Ontology

    from .rules import Rule, RuleSet


def trigger_words(rule: Rule, lower: bool = True) -> frozenset[str]:
    """A rule's trigger words: a token matches a single word; a title of two words triggers on
    its last one, as the title matcher reads a word with the one before it ("prime minister")."""
    found = set()
    for phrase in rule.lemmas | rule.words:
        words = (phrase.lower() if lower else phrase).split()
        if len(words) == 1:
            found.add(words[0])
        elif len(words) == 2 and rule.form == "relnoun":
            found.add(words[1])
    return frozenset(found)


_TRIGGERS: dict[int, tuple[RuleSet, dict[str, tuple[int, ...]]]] = {}


def rules_for(rules: RuleSet, tok: Token) -> list[Rule]:
    """The rules, in their order, that may fire on ``tok``: every form first checks that the
    token's lemma or lowercase form is one of the rule's words, so the others need no call."""
    entry = _TRIGGERS.get(id(rules))
    if entry is None or entry[0] is not rules:
        index: dict[str, list[int]] = {}
        for position, rule in enumerate(rules.rules):
            for word in trigger_words(rule) | trigger_words(rule, lower=False):
                index.setdefault(word, []).append(position)
        entry = _TRIGGERS[id(rules)] = (rules, {word: tuple(found) for word, found in index.items()})
    index = entry[1]
    lemma, lower = tok.lemma_, tok.lower_
    found = index.get(lemma, ())
    for key in (lemma.lower(), lower):
        more = index.get(key, ())
        if more and more is not found:
            found = tuple(sorted(set(found) | set(more)))
    return [rules.rules[position] for position in found]


class Lemmas:
    """Every lemma a word may take, whatever its part of speech: the lemmatizer's exceptions and
    suffix rules for all parts of speech, and a joined prefix's base ("re-armed" is "arm")."""

    def __init__(self, nlp: Language) -> None:
        self.rules: list[tuple[str, str]] = []
        self.exceptions: dict[str, set[str]] = {}
        if "lemmatizer" in nlp.pipe_names and hasattr(nlp.get_pipe("lemmatizer"), "lookups"):
            lookups = nlp.get_pipe("lemmatizer").lookups
            if lookups.has_table("lemma_rules"):
                self.rules = sorted({(old, new) for table in lookups.get_table("lemma_rules").values()
                                     for old, new in table if old})
            if lookups.has_table("lemma_exc"):
                for table in lookups.get_table("lemma_exc").values():
                    for form, lemmas in table.items():
                        self.exceptions.setdefault(form, set()).update(lemmas)
        self.cache: dict[str, frozenset[str]] = {}

    def __call__(self, lower: str) -> frozenset[str]:
        found = self.cache.get(lower)
        if found is None:
            found = self._lemmas(lower)
            prefix, hyphen, base = lower.partition("-")
            if hyphen and prefix in BOUND_PREFIXES and base.isalpha():
                found |= {BOUND_PREFIXES[prefix] + lemma for lemma in self._lemmas(base)}
            self.cache[lower] = found = frozenset(found)
        return found

    def _lemmas(self, lower: str) -> set[str]:
        found = {lower, *self.exceptions.get(lower, ())}
        for old, new in self.rules:
            if lower.endswith(old) and len(lower) > len(old):
                found.add(lower[:len(lower) - len(old)] + new)
        return found


@dataclass(frozen=True)
class Cue:
    """A trigger of a rule with the sentence-level conditions its sense needs: words the
    sentence must hold (one of each set; ``WEAPON`` stands for a named weapon), and for a
    hyphenated modifier ("Iran-backed") the hyphen before it."""

    domain: frozenset[str]
    range: frozenset[str]
    needs: tuple[frozenset[str], ...] = ()
    after_dash: bool = False
    supply: bool = False
    announced: bool = False  # of a relation whose missing agent a sentence before may name


WEAPON = "\x00weapon"  # a pseudo-word: the sentence names a weapon
ANY = None  # an actor candidate of unknown class (a capitalised name NER may type)
WEAPON_CLASS = "WeaponSystem"  # catalog names that are items, never a claim's end


def cues_of(rules: RuleSet, ontology: Ontology, filled: tuple[str, ...],
            announced: tuple[str, ...] = ()) -> dict[str, tuple[Cue, ...]]:
    """Trigger word -> the cues it may be, from every rule; the conditions mirror, at the level
    of a sentence, what the forms check in a clause (``kg.extract.forms``)."""
    lexicon = rules.lexicon
    weapon_words = frozenset(lexicon.get("weapon_heads", ())) | {WEAPON}
    table: dict[str, list[Cue]] = {}
    for rule in rules.rules:
        relations = {rule.relation, *(r for r in (rule.if_not_asserted, rule.qualified) if r),
                     *rule.object_noun_relations.values()}
        domain = frozenset(c for r in relations for c in ontology.relations[r].domain)
        range_ = frozenset(c for r in relations for c in ontology.relations[r].range)
        noun_words = frozenset(rule.object_noun_relations)  # "provide support" is backing, whatever else
        for word in trigger_words(rule):
            sense = {**rule.senses.get("*", {}), **rule.senses.get(word, {})}
            needs = []
            if sense.get("needs_word") and rule.form in ("verb", "noun"):
                extra = weapon_words if rule.form == "noun" and rule.relation in filled else frozenset()
                needs.append(frozenset(sense["needs_word"]) | extra)
            if sense.get("needs_particle") and rule.form == "verb":
                needs.append(frozenset(sense["needs_particle"]))
            if sense.get("object_in") and rule.form in ("verb", "noun"):
                needs.append(frozenset(lexicon.get(sense["object_in"], ())) | weapon_words | noun_words)
            if rule.form == "verb" and rule.requires_word:
                needs.append(rule.requires_word | noun_words)
            if rule.form == "verb" and rule.requires_object:
                needs.append(rule.requires_object | weapon_words | noun_words)
            objects = _object_words(rule, lexicon) if rule.relation not in filled else None
            if objects is not None:
                needs.append(objects)
            table.setdefault(word, []).append(Cue(domain, range_, tuple(needs), rule.form == "compound",
                                                  rule.relation in filled, rule.relation in announced))
    return {word: tuple(dict.fromkeys(cues)) for word, cues in table.items()}


def _object_words(rule: Rule, lexicon: dict) -> frozenset[str] | None:
    """The words one of which must be in a sentence for the rule to find an object, when every way
    it has to an object goes through a word: an event noun's objects hang on a preposition or a
    participle ("strikes on X", "sanctions targeting X"), and so do a verb's when its frame names
    only prepositions ("fired at X")."""
    specs = (*rule.objects, *rule.fallback_objects)
    if rule.form not in ("verb", "noun") or not specs:
        return None
    words = set()
    for spec in specs:
        kind, _, word = spec.partition(":")
        if kind not in ("prep", "acl") or not word:
            return None
        words.add(word)
    if rule.form == "noun":
        words.add("from")  # "took delivery of X from Y": the source of what a light verb receives
    return frozenset(words)


def fits(classes: frozenset[str] | None, allowed: frozenset[str]) -> bool:
    return classes is ANY or not classes.isdisjoint(allowed)


def two_ends(cue: Cue, actors: dict[int, frozenset[str] | None]) -> bool:
    """Whether two different candidates may be the cue's subject and object."""
    subjects = [key for key, classes in actors.items() if fits(classes, cue.domain)]
    if not subjects:
        return False
    return any(fits(classes, cue.range) and (len(subjects) > 1 or subjects[0] != key)
               for key, classes in actors.items())
