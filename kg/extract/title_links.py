"""Owners a title takes from the phrase beside it rather than its own words.

- A title in the second of two coordinated titled names shares the first one's owner when it
  names none itself: "Ruritania's President Jane Roe and Interior Minister John Doe" makes John Doe
  an official of Ruritania, as "the Ruritanian president and foreign minister" would
  (`...-conjunct-owner`). The owner is read only off the first title's own modifiers (its
  possessive, its demonym, a name before it), never off the rest of the sentence; not when the
  second title names a scope of its own ("Secretary of State B", "his deputy minister B") or the
  holder already serves another state or body in the article.
- A counterpart holds the post of the one it is the counterpart of: "President A spoke with his
  Ruritanian counterpart, B" makes B Ruritania's head (leads), not one of its officials, when
  the other is named in the sentence with a head's title (``head_titles``) or has been called
  a state's head before in the article (``counterpart_relation``)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .syntax import Context

if TYPE_CHECKING:
    from spacy.tokens import Token

NAME_DEPS = ("compound", "amod", "nmod")
OWNER_DEPS = ("poss", "amod", "compound", "nmod")


def _named(tok: Token) -> Token:
    """The name a title stands before: "Minister" in "Interior Minister John Doe" -> "Doe"."""
    head = tok
    for _ in range(4):
        if head.dep_ not in NAME_DEPS or head.head.i == head.i:
            break
        head = head.head
    return head


def _is_title(ctx: Context, tok: Token) -> bool:
    titles = ctx.rules.title_words
    return tok.lemma_.lower() in titles or tok.lower_ in titles


def _title_of(ctx: Context, name: Token) -> Token | None:
    """The title word before a name ("President" of "President Jane Roe"), if any."""
    found = [c for c in name.subtree if c.i < name.i and c.dep_ in NAME_DEPS and _is_title(ctx, c)]
    return found[-1] if found else None


def _own_owner(ctx: Context, title: Token, name: Token) -> str | None:
    """The state or body a title names in its own modifiers: "Ruritania's", "Ruritanian", "Acme"."""
    for scope in (title, name):
        for child in scope.children:
            if child.dep_ not in OWNER_DEPS or child.i >= title.i or child.i == title.i:
                continue
            eid = ctx.entity(child) or ctx.demonym(child)
            if eid and ctx.types.get(eid) not in (None, "Person", "Place"):
                return eid
    return None


def conjunct_owner(ctx: Context, tok: Token, holders: list[str]) -> list[str]:
    """The owner of the first of two coordinated titled names, for a title that names none:
    "Ruritania's President Jane Roe and Interior Minister John Doe"."""
    name = _named(tok)
    if name.i == tok.i or name.dep_ != "conj" or len(holders) != 1:
        return []
    if any(c.dep_ == "prep" for c in tok.children):
        return []  # "Secretary of State B", "Minister for X B": a title of its own kind names its own scope
    if any(c.dep_ == "poss" for s in (tok, name) for c in s.children):
        return []  # "A and his deputy minister B": the possessive names the title's own owner
    first = name.head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if not ctx.entity(first) or ctx.types.get(ctx.entity(first) or "") != "Person":
        return []
    title = _title_of(ctx, first)
    if title is None and first.dep_ == "appos" and _is_title(ctx, first.head):
        title = first.head  # "Ruritania's President, Jane Roe, and ...": the name set beside its title
    if title is None:
        return []
    owner = _own_owner(ctx, title, first)
    known = ctx.affiliation.get(holders[0])
    if owner is None or owner in holders or (known is not None and known != owner):
        return []  # the holder already serves another state or body in the article
    return [owner]


def counterpart_relation(ctx: Context, tok: Token, holders: list[str], relation: str) -> str:
    """leads for a counterpart of a state's head ("President A and B, her Ruritanian counterpart"),
    else the relation the title gives."""
    if tok.lemma_.lower() != "counterpart" or relation != "officialOf":
        return relation
    heads = ctx.words("head_titles")
    doc, sent = ctx.doc, tok.sent
    for start, _end, eid in ctx.mention_spans:
        if not sent.start <= start < sent.end or eid in holders or ctx.types.get(eid) != "Person":
            continue
        if eid in ctx.heads:
            return "leads"
        i = start - 1
        while i >= sent.start and (ctx.demonym(doc[i]) or ctx.entity(doc[i])) and ctx.entity(doc[i]) != eid:
            i -= 1  # "Ruritanian President A", "the UK Prime Minister A"
        before = {doc[i].lower_, doc[i].lemma_.lower()} if i >= sent.start else set()
        if i > sent.start:
            before.add(f"{doc[i - 1].lower_} {doc[i].lower_}")
        if before & heads:
            return "leads"
    return relation
