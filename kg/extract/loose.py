"""A loose reader: more claims proposed, for the judge to sort.

For each pair of entities named in a sentence, every relation one of whose trigger words (the
lemmas of the ontology's frames and forms for that relation) stands on the dependency path
between the two names, or hangs from the word where their paths meet, is proposed in both
directions the relation's domain and range allow. Nothing else is checked: such a claim is
right far less often than a frame's, and the judge, which sees ``foundBy "loose:<relation>"``
among its features, learns how far to trust it. Without a judge no loose claim is made.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Claim

if TYPE_CHECKING:
    from spacy.tokens import Span

    from .syntax import Context
    from ..model import Document
    from ..ontology import Ontology

MOST_NAMES = 8  # names per sentence looked at: a longer list is a list, not a statement of relations
NOT_TRIGGERS = ("receive",)  # forms whose subject is the relation's object: their direction is another's
CONFIDENCE = 0.5

_INDEX: list[tuple[object, dict[str, tuple[str, ...]]]] = []


def triggers(ruleset) -> dict[str, tuple[str, ...]]:
    """Trigger word -> the relations it can state, from every rule of the rule set."""
    for known, index in _INDEX:
        if known is ruleset:
            return index
    found: dict[str, set[str]] = {}
    for rule in ruleset.rules:
        if rule.form in NOT_TRIGGERS:
            continue
        for word in rule.lemmas | rule.words:
            if word.split():
                found.setdefault(word.split()[-1].lower(), set()).add(rule.relation)
    index = {word: tuple(sorted(rels)) for word, rels in found.items()}
    _INDEX[:] = [*_INDEX[-3:], (ruleset, index)]
    return index


def _names(ctx: Context, sent: Span) -> list[tuple[int, str]]:
    """(root token, entity) of each run of tokens naming one entity, in text order."""
    names: list[tuple[int, str]] = []
    previous = None
    start = sent.start
    for i in range(sent.start, sent.end + 1):
        eid = ctx.entity_at.get(i) if i < sent.end else None
        if eid != previous:
            if previous is not None:
                span = range(start, i)
                root = next((j for j in span if not start <= ctx.doc[j].head.i < i or ctx.doc[j].head.i == j), i - 1)
                names.append((root, previous))
            start, previous = i, eid
    return names


def path_between(doc, a: int, b: int) -> list[int]:
    """The tokens on the dependency path from ``a`` to ``b``, the ends excluded; the meeting word last."""
    up_a = [a]
    while doc[up_a[-1]].head.i != up_a[-1] and len(up_a) < 64:
        up_a.append(doc[up_a[-1]].head.i)
    seen = set(up_a)
    up_b = [b]
    while up_b[-1] not in seen and doc[up_b[-1]].head.i != up_b[-1] and len(up_b) < 64:
        up_b.append(doc[up_b[-1]].head.i)
    if up_b[-1] not in seen:
        return []
    meet = up_b[-1]
    path = up_a[1:up_a.index(meet)] + up_b[1:-1]
    return [i for i in path if i != meet] + ([meet] if meet not in (a, b) else [])


def loose_claims(ctx: Context, document: Document, sent: Span, index: int, ontology: Ontology,
                 attribution: tuple[str | None, str | None], located: tuple[str, int, int],
                 made: set[tuple[str, str, str]]) -> list[Claim]:
    """The sentence's loose claims, but none whose (subject, relation, object) is in ``made``."""
    names = _names(ctx, sent)
    if len(names) < 2 or len(names) > MOST_NAMES:
        return []
    index_of = triggers(ctx.rules)
    doc = ctx.doc
    text, start, end = located
    out: dict[tuple[str, str, str], Claim] = {}
    for n, (a, first) in enumerate(names):
        for b, second in names[n + 1:]:
            if first == second:
                continue
            path = path_between(doc, a, b)
            near = path + [c.i for c in doc[path[-1]].children if c.i not in path] if path else []
            relations = set()
            negated = False
            for i in near:
                if i in ctx.entity_at:
                    continue
                tok = doc[i]
                for key in (tok.lemma_.lower(), tok.lower_):
                    for relation in index_of.get(key, ()):
                        relations.add(relation)
                        negated |= any(c.dep_ == "neg" for c in tok.children)
            for relation in sorted(relations):
                rel = ontology.relations.get(relation)
                if rel is None:
                    continue
                for subject, obj in ((first, second), (second, first)):
                    key = (subject, relation, obj)
                    if key in made or key in out:
                        continue
                    if ctx.types.get(subject) not in rel.domain or ctx.types.get(obj) not in rel.range:
                        continue
                    out[key] = Claim(subject=subject, relation=relation, object=obj, document=document.id,
                                     sentence=index, text=text, start_char=start, end_char=end,
                                     modality="Negated" if negated else "Asserted",
                                     attributed_to=attribution[0], reported_by=attribution[1],
                                     date=document.date, rule=f"loose:{relation}", confidence=CONFIDENCE)
    return [out[k] for k in sorted(out)]
