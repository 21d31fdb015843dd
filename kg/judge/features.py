"""What kg knows about a claim, as named features for the judge.

Every feature is a string ("rel=attacks", "ssrc=coref", "dist=4-8"); a claim has the features
that hold for it, and the judge weighs each. All come from the article as the claim stage sees
it: the rule (frame and sense, or form) that proposed the claim, the relation and modality, the
classes of its ends and how each was found in the sentence (catalog, ner, coref, demonym,
collective, or not named there at all), the sentence (headline, length, quotation, attribution)
and how often the article states the same thing.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..extract.loose import path_between
from .path_reading import path_reading

FRAME_COPY = "frame|"  # the prefix of a frame claim's own copy of each of its features

if TYPE_CHECKING:
    from ..extract.syntax import Context
    from ..model import Claim, Mention
    from ..model import ArticleResolution


def mention_sources(mentions: tuple[Mention, ...], resolved: ArticleResolution) -> dict[int, str]:
    """Token index -> how the mention there was found, for the resolved mentions."""
    spans = {(start, end) for start, end, _ in resolved.entity_of}
    out: dict[int, str] = {}
    for m in mentions:
        if (m.start, m.end) in spans and m.source != "demonym":
            for i in range(m.start, m.end):
                out.setdefault(i, m.source)
    return out


def _bucket(value: int, bounds: tuple[int, ...]) -> str:
    low = 0
    for bound in bounds:
        if value <= bound:
            return f"{low}-{bound}"
        low = bound + 1
    return f"{low}+"


def path_length(a, b) -> int:
    """Arcs on the dependency path between tokens ``a`` and ``b``; 99 when they share no root."""
    between = path_between(a.doc, a.i, b.i)
    if between:
        return len(between) + 1
    if a.i == b.i:
        return 0
    return 1 if b.i == a.head.i or a.i == b.head.i else 99


def _root(doc, i: int, entity_at: dict[int, str]):
    """The token heading the name at ``i``."""
    tok = doc[i]
    while tok.head.i != tok.i and entity_at.get(tok.head.i) == entity_at.get(i):
        tok = tok.head
    return tok


def _path_features(ctx: Context, s: int, o: int, rel: str) -> set[str]:
    """The words and arcs between the two ends: their grammatical roles, the lemmas on the
    dependency path between them, and the path itself when short."""
    doc = ctx.doc
    a, b = _root(doc, s, ctx.entity_at), _root(doc, o, ctx.entity_at)
    out = {f"rel={rel}|sdep={a.dep_}", f"rel={rel}|odep={b.dep_}", f"rel={rel}|deps={a.dep_},{b.dep_}"}
    path = [i for i in path_between(doc, a.i, b.i) if i not in ctx.entity_at]
    for i in path[:8]:
        out.add(f"rel={rel}|lemma={doc[i].lemma_.lower()}")
    if len(path) <= 3:
        out.add(f"rel={rel}|sig={a.dep_}>" + ">".join(doc[i].lemma_.lower() for i in path) + f"<{b.dep_}")
    if b.dep_ == "pobj":
        out.add(f"rel={rel}|oprep={b.head.lower_}")
    if a.dep_ == "pobj":
        out.add(f"rel={rel}|sprep={a.head.lower_}")
    return out


class ArticleView:
    """One article's sentences, mentions and claims, read once for the features of all its claims."""

    def __init__(self, ctx: Context, sources: dict[int, str], claims: list[Claim]):
        self.ctx = ctx
        self.sents = list(ctx.doc.sents)
        self.sources = sources
        self.support = Counter((c.subject, c.relation, c.object) for c in claims)
        self.pairs = {(c.subject, c.object, c.relation) for c in claims}
        self.count = Counter(ctx.entity_at[i] for i in sorted(ctx.entity_at))

    def features(self, claim: Claim) -> tuple[str, ...]:
        f = self._features(claim)
        return tuple(sorted(f if claim.rule.split(":")[0] == "loose" else frame_copies(f)))

    def _features(self, claim: Claim) -> set[str]:
        ctx = self.ctx
        rel, rule, family = claim.relation, claim.rule, claim.rule.split(":")[0]
        stype, otype = ctx.types.get(claim.subject, "?"), ctx.types.get(claim.object, "?")
        f = {"bias", f"rule={rule}", f"family={family}", f"rel={rel}", f"rel={rel}|family={family}",
             f"mod={claim.modality}", f"rel={rel}|mod={claim.modality}", f"stype={stype}", f"otype={otype}",
             f"rel={rel}|types={stype}>{otype}", f"family={family}|types={stype}>{otype}"}
        if claim.sentence >= len(self.sents):
            return f
        sent = self.sents[claim.sentence]
        stoks = [i for i in range(sent.start, sent.end) if ctx.entity_at.get(i) == claim.subject]
        otoks = [i for i in range(sent.start, sent.end) if ctx.entity_at.get(i) == claim.object]
        ssrc = self.sources.get(stoks[0], "named") if stoks else "absent"
        osrc = self.sources.get(otoks[0], "named") if otoks else "absent"
        f |= {f"ssrc={ssrc}", f"osrc={osrc}", f"rel={rel}|ssrc={ssrc}", f"rel={rel}|osrc={osrc}",
              f"family={family}|ends={ssrc},{osrc}"}
        named = {ctx.entity_at[i] for i in range(sent.start, sent.end) if i in ctx.entity_at and i not in ctx.indirect}
        if {claim.subject, claim.object} <= named:
            f |= {"both-named", f"rel={rel}|both-named"}
        if stoks and otoks:
            s, o = min(((s, o) for s in stoks for o in otoks), key=lambda p: (abs(p[0] - p[1]), p))
            dist = _bucket(abs(s - o), (3, 8, 15))
            path = _bucket(path_length(ctx.doc[s], ctx.doc[o]), (2, 4, 6))
            order = "s<o" if s < o else "o<s"
            f |= _path_features(ctx, s, o, rel)
            if family == "loose":  # a frame checked the roles itself; a loose claim's are read here
                f |= path_reading(ctx, _root(ctx.doc, s, ctx.entity_at), _root(ctx.doc, o, ctx.entity_at), rel)
            f |= {f"dist={dist}", f"path={path}", f"order={order}", f"family={family}|path={path}",
                  f"rel={rel}|order={order}", f"family={family}|dist={dist}",
                  f"rel={rel}|family={family}|order={order}"}
        headline = sent.start_char < ctx.body_offset
        if headline:
            f |= {"headline", f"rel={rel}|headline"}
        f.add(f"len={_bucket(len(sent), (12, 25, 40))}")
        ents = len({ctx.entity_at[i] for i in range(sent.start, sent.end) if i in ctx.entity_at})
        f.add(f"ents={_bucket(ents, (2, 4))}")
        f.add(f"rel={rel}|ents={_bucket(ents, (2, 4))}")
        if any(ch in sent.text for ch in '"“”'):
            f.add("quote")
        if claim.attributed_to:
            f.add("attributed")
        if claim.reported_by:
            f.add("reported")
        if claim.items:
            f.add("items")
        support = self.support[(claim.subject, claim.relation, claim.object)]
        f |= {f"support={_bucket(support, (1, 2))}", f"rel={rel}|support={_bucket(support, (1, 2))}"}
        if (claim.object, claim.subject, rel) in self.pairs:
            f.add(f"rel={rel}|reverse")
        other = {r for s, o, r in self.pairs if s == claim.subject and o == claim.object and r != rel}
        if other:
            f.add(f"rel={rel}|also-other-relation")
        f.add(f"scount={_bucket(self.count[claim.subject], (1, 3))}")
        f.add(f"ocount={_bucket(self.count[claim.object], (1, 3))}")
        return f


def frame_copies(features: set[str]) -> set[str]:
    """A frame's claim's features, each also as ``frame|FEATURE``: the loose reader's claims, far
    more numerous, set the shared weights, and the copies learn how a frame's claim differs (a
    frame already checked the roles, so a word or arc that marks a wrong loose claim may not mark
    a wrong frame claim). The copies are what the judge of frame claims adds to the shared model."""
    return features | {FRAME_COPY + x for x in features if x != "bias"}
