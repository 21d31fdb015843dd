"""The attribute ruler's patterns looked up by each token's tag, word and dependency.

spaCy's AttributeRuler runs its Matcher, a state machine over every token and all of its
patterns, to set POS, morphology and some lemmas. Its patterns here are fixed-length token
dicts (literal values, IN, NOT_IN, REGEX), so each token need only be checked against the few
patterns its tag, lower-case form or dependency names. The matches, and the order the ruler
applies them in, are the Matcher's: same tokens, same attributes, a fraction of the time.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Callable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

_READERS: dict[str, Callable[[Any], Any]] = {
    "TAG": lambda tok: tok.tag_,
    "LOWER": lambda tok: tok.lower_,
    "DEP": lambda tok: tok.dep_,
    "IS_SPACE": lambda tok: tok.is_space,
}
_MAX_KEPT = 500_000  # token kinds whose first-token patterns are kept
_INDEXED = ("LOWER", "DEP", "TAG")  # the most selective first: a word, then a dependency, then a tag


class _Unindexable(ValueError):
    """A pattern uses an operator or attribute this index does not read."""


def _test(attr: str, value: Any) -> Callable[[Any], bool]:
    read = _READERS.get(attr)
    if read is None:
        raise _Unindexable(attr)
    if not isinstance(value, dict):
        return lambda tok: read(tok) == value
    if len(value) != 1:
        raise _Unindexable(str(value))
    (op, arg), = value.items()
    if op == "IN":
        allowed = frozenset(arg)
        return lambda tok: read(tok) in allowed
    if op == "NOT_IN":
        barred = frozenset(arg)
        return lambda tok: read(tok) not in barred
    if op == "REGEX":
        search = re.compile(arg).search
        return lambda tok: bool(search(read(tok)))
    raise _Unindexable(op)


def _token_test(spec: dict) -> Callable[[Any], bool]:
    if "OP" in spec:
        raise _Unindexable("OP")
    tests = [_test(attr, value) for attr, value in spec.items()]
    return lambda tok: all(test(tok) for test in tests)


def _index_keys(spec: dict) -> list[tuple[str, str]] | None:
    """The (attribute, value) keys under which a first token can be found, or None when
    no single attribute pins it down (the pattern is then tried on every token)."""
    for attr in _INDEXED:
        value = spec.get(attr)
        if isinstance(value, str):
            return [(attr, value)]
        if isinstance(value, dict) and list(value) == ["IN"]:
            return [(attr, v) for v in value["IN"]]
    return None


class AttributeIndex:
    """An AttributeRuler's patterns by first token: ``match(doc)`` gives what the ruler's Matcher gives."""

    def __init__(self, ruler_patterns: list[dict]):
        self._by_key: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        self._everywhere: list[tuple[int, int]] = []
        self._patterns: list[tuple[int, list[Callable[[Any], bool]]]] = []
        self._shortest: dict[int, int] = {}
        self._openers: dict[tuple, list[tuple[int, int, int]]] = {}
        for rule_id, rule in enumerate(ruler_patterns):
            for pattern in rule["patterns"]:
                if not pattern:
                    raise _Unindexable("empty pattern")
                tests = [_token_test(spec) for spec in pattern]
                entry = (rule_id, len(self._patterns))
                self._patterns.append((len(pattern), tests))
                self._shortest[rule_id] = min(len(pattern), self._shortest.get(rule_id, len(pattern)))
                keys = _index_keys(pattern[0])
                if keys is None:
                    self._everywhere.append(entry)
                for key in keys or ():
                    self._by_key[key].append(entry)

    def shortest(self, rule_id: int) -> int:
        """The length of the rule's shortest pattern."""
        return self._shortest[rule_id]

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(rule id, start, end) of every match, in the ruler's order of application."""
        found = set()
        n = len(doc)
        for tok in doc:
            key = (tok.tag_, tok.lower_, tok.dep_, tok.is_space)
            openers = self._openers.get(key)
            if openers is None:
                openers = self._openers_of(tok, key)
            for rule_id, pattern_id, length in openers:
                start = tok.i
                if length == 1:
                    found.add((rule_id, start, start + 1))
                elif start + length <= n and all(
                        test(doc[start + k]) for k, test in enumerate(self._patterns[pattern_id][1][1:], 1)):
                    found.add((rule_id, start, start + length))
        return sorted(found)

    def _openers_of(self, tok, key) -> list[tuple[int, int, int]]:
        """The patterns whose first token ``tok`` is; the same for every token of the same
        tag, word, dependency and space-ness, so kept (up to a bound, for memory)."""
        candidates = list(self._everywhere)
        for attr, value in zip(_INDEXED, (tok.lower_, tok.dep_, tok.tag_)):
            candidates.extend(self._by_key.get((attr, value), ()))
        openers = sorted({(rule_id, pattern_id, self._patterns[pattern_id][0])
                          for rule_id, pattern_id in candidates if self._patterns[pattern_id][1][0](tok)})
        if len(self._openers) >= _MAX_KEPT:
            self._openers.clear()
        self._openers[key] = openers
        return openers


def index_attribute_ruler(nlp: Language) -> bool:
    """Give the pipeline's attribute ruler an indexed match; False (ruler untouched) when
    it has none or a pattern this index cannot read."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        index = AttributeIndex(ruler.patterns)
    except _Unindexable:
        return False
    if not all(-index.shortest(i) <= at < index.shortest(i) for i, at in enumerate(ruler.indices)):
        return False  # the ruler reports a token outside its match; leave that to it
    match_ids = {i: ruler.vocab.strings[str(i)] for i in range(len(ruler.attrs))}
    attrs, indices = list(ruler.attrs), list(ruler.indices)

    def match(doc: Doc) -> list[tuple[int, int, int, int]]:
        return [(rule_id, match_ids[rule_id], start, end) for rule_id, start, end in index.match(doc)]

    def set_annotations(doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        # the ruler's own loop without a Span per match: the token is found from the match's ends
        for rule_id, _, start, end in matches:
            at = indices[rule_id]
            set_token_attrs(doc[start + at if at >= 0 else end + at], attrs[rule_id])

    ruler.match = match
    ruler.set_annotations = set_annotations
    return True
