"""How the sentence links a loose claim's two ends to the word that proposed it.

The loose reader (``kg.extract.loose``) proposes a relation whenever one of its trigger words
stands on the dependency path between two names, and nothing else: "X supplied Y" and "X said Y
was supplied by Z" both have "supply" between X and Y. A frame knows which grammatical role
each end must fill; the judge can learn it instead, if it sees the roles. So for a loose claim
it sees the trigger word itself, the chain of arcs from each end up to the trigger (``nsubj``,
``prep:to>pobj``, ``poss>nsubj``...), the pair of chains together, the trigger's voice,
negation and modal verbs, the clause boundaries the path crosses, whether an end sits in a list,
and which ends are the trigger's own subject and object. Each feature is read with the relation
and is named after what it reads ("rel=supplies|schain=nsubj").
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..extract.loose import path_between, triggers

if TYPE_CHECKING:
    from ..extract.syntax import Context

CHAIN_ARCS = 3  # arcs of an end's chain up to the trigger that are read: more is "far"
CLAUSE_ARCS = frozenset({"relcl", "advcl", "ccomp", "xcomp", "acl", "parataxis", "conj"})
MODAL_WORDS = frozenset({"could", "may", "might", "would", "should", "will", "must", "can", "shall"})
SUBJECT_ARCS = frozenset({"nsubj", "nsubjpass", "agent"})
AGENT_ARCS = frozenset({"nsubj", "poss", "agent", "compound", "amod"})  # where a verb or event noun names its doer


def _name_of(tok):
    """The word naming a doer: the object of "by" for a passive's agent, else the word itself."""
    return next((c for c in tok.children if c.dep_ == "pobj"), tok) if tok.dep_ == "agent" else tok


def _arc(tok) -> str:
    """An arc's label, with the preposition a prepositional object hangs from."""
    if tok.dep_ == "pobj":
        return f"pobj<{tok.head.lower_}"
    return tok.dep_


def _chain(doc, start: int, trigger: int) -> str:
    """The arcs from ``start`` up to ``trigger`` when the trigger governs it ("far" past
    ``CHAIN_ARCS`` of them), else "not-under"."""
    arcs, tok = [], doc[start]
    while tok.i != trigger and tok.head.i != tok.i:
        arcs.append(_arc(tok))
        tok = tok.head
    if tok.i != trigger:
        return "not-under"
    return ("far" if len(arcs) > CHAIN_ARCS else ">".join(arcs)) or "self"


def _trigger(ctx: Context, rel: str, path: list[int]) -> int | None:
    """The trigger word of ``rel`` the loose reader would have seen between the ends: the first on
    the path, else one hanging from the word where the paths meet."""
    index = triggers(ctx.rules)
    doc = ctx.doc
    near = path + [c.i for c in doc[path[-1]].children if c.i not in path] if path else []
    for i in near:
        if i in ctx.entity_at:
            continue
        tok = doc[i]
        if rel in index.get(tok.lemma_.lower(), ()) or rel in index.get(tok.lower_, ()):
            return i
    return None


def path_reading(ctx: Context, a, b, rel: str) -> set[str]:
    """Features of the claim ``rel`` between the names headed by tokens ``a`` (subject) and ``b``."""
    doc = ctx.doc
    path = path_between(doc, a.i, b.i)
    trigger = _trigger(ctx, rel, path)
    p = f"rel={rel}|"
    if trigger is None:
        return {p + "trigger=none"}
    tok = doc[trigger]
    lemma = tok.lemma_.lower()
    schain, ochain = _chain(doc, a.i, trigger), _chain(doc, b.i, trigger)
    where = "on-path" if trigger in path else "hanging"
    out = {p + f"trigger={lemma}", p + f"trigger-pos={tok.pos_}", p + f"trigger-at={where}",
           p + f"schain={schain}", p + f"ochain={ochain}", p + f"chains={schain}|{ochain}",
           p + f"trigger={lemma}|chains={schain}|{ochain}", f"chains={schain}|{ochain}"}
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    out.add(p + f"voice={'passive' if passive else 'active'}|chains={schain}|{ochain}")
    if any(c.dep_ == "neg" for c in tok.children) or any(c.dep_ == "neg" for c in tok.head.children):
        out.add(p + "trigger-negated")
    if any(c.lower_ in MODAL_WORDS and c.dep_ == "aux" for c in (*tok.children, *tok.head.children)):
        out.add(p + "trigger-modal")
    clauses = sorted({doc[i].dep_ for i in path if doc[i].dep_ in CLAUSE_ARCS})
    out.add(p + "clauses=" + (",".join(clauses) or "none"))
    agents = {ctx.entity_at.get(_name_of(c).i) for c in tok.children if c.dep_ in AGENT_ARCS} - {None}
    if agents:  # the trigger names its own doer: the claim's subject is it, or the claim is about someone else
        out.add(p + ("agent=subject" if ctx.entity_at.get(a.i) in agents else "agent=another"))
    for end, name in ((a, "s"), (b, "o")):
        if end.dep_ in ("conj", "appos") or any(c.dep_ == "conj" for c in end.children):
            out.add(p + f"{name}-in-list")
        if end.head.i == trigger and end.dep_ in SUBJECT_ARCS:
            out.add(p + f"{name}-is-trigger-subject")
    return out
