"""Definite descriptions as mentions: "the mercenary group", "the militants", linked to the
earlier mention of an entity of the class they describe, within reach.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Mention
from .antecedents import salience
from .parsed import noun_chunks, parsed_tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from .catalog import Catalog
    from .rules import RuleSet


def _descriptor_score(text: str, key: str, catalog: Catalog) -> int:
    entry = catalog.entries.get(key)
    if entry is None:
        return 0
    return max((len(d) for d in entry.descriptors if text.endswith(d.lower())), default=0)


def _nested(mention: Mention, others: list[Mention], doc: Doc) -> bool:
    """Whether a mention sits in a clause that describes another candidate
    ("the PIJ, which is allied with Hamas": Hamas is the less likely antecedent)."""
    starts = {m.start for m in others if m is not mention}
    for ancestor in doc[mention.start].ancestors:
        if ancestor.dep_ in ("relcl", "acl") and any(t.i in starts for t in ancestor.head.subtree
                                                     if t.i < ancestor.i and t.i not in range(mention.start, mention.end)):
            return True
    return False


DESCRIPTION_REACH = 2  # sentences back a generic description ("the group") may reach


def _antecedent(chunk_text: str, classes: list[str], named: list[Mention], position: int,
                catalog: Catalog, excluded: set[int], doc: Doc, stand_ins: frozenset[str]) -> Mention | None:
    """The mention a description refers to: the last fitting one before it of the
    likeliest class, or failing that the first one after it whose catalog descriptors fit."""
    for cls in classes:
        found = _antecedent_of_class(chunk_text, cls, named, position, catalog, excluded, doc, stand_ins)
        if found is not None:
            return found
    return None


def _just_named(m: Mention, doc: Doc, since: int, stand_ins: frozenset[str]) -> int:
    """2 when named in the last few sentences as an actor, 1 when there only as the modifier
    of some other noun ("the Cuba embargo"), which serves when no actor was named; else 0."""
    if m.start < since:
        return 0
    return 2 if salience(doc, m.start, m.end, stand_ins) > 0 else 1


def _antecedent_of_class(chunk_text: str, cls: str, named: list[Mention], position: int,
                         catalog: Catalog, excluded: set[int], doc: Doc,
                         stand_ins: frozenset[str]) -> Mention | None:
    """A description whose words fit a catalog entry ("the mercenary group") may reach back
    anywhere; a generic one ("the country", "the group") only to an actor just named as such."""
    classes = (cls,)
    since = doc[max(0, position)].sent.start
    for _ in range(DESCRIPTION_REACH):
        since = doc[since - 1].sent.start if since else 0
    head_length = len(chunk_text.split()[-1]) if chunk_text else 0
    earlier = [m for m in named if m.end <= position and m.type in classes and m.start not in excluded]
    later = [m for m in named if m.start > position and m.type in classes
             and _descriptor_score(chunk_text, m.key, catalog) > head_length]
    if earlier:
        scored = []
        for m in earlier:
            score = _descriptor_score(chunk_text, m.key, catalog)
            # "the mercenary group" fits one actor anywhere before; "the group" only one just named
            specific = score > head_length
            recent = _just_named(m, doc, since, stand_ins)
            scored.append((specific, score if specific or recent else 0, recent, not _nested(m, earlier, doc),
                           m.start, m))
        best = max(scored, key=lambda item: item[:-1])
        if best[0] or best[2]:
            return best[-1]
    return later[0] if later else None


def _is_definite(chunk: Span, taken: set[int]) -> bool:
    first = chunk[0]
    if first.lower_ in ("the", "this", "that"):
        return True
    return first.i in taken and first.dep_ == "poss"  # "Lebanon's militia"


def _description_phrases(doc: Doc) -> list[Span]:
    """Noun chunks, and possessive nouns inside them ("the group's representative")."""
    phrases = noun_chunks(doc)
    for tok in parsed_tokens(doc):
        if tok.dep_ == "poss" and tok.pos_ == "NOUN":
            phrases.append(doc[tok.left_edge.i:tok.i + 1])
    return phrases


def description_mentions(doc: Doc, doc_id: str, named: list[Mention], catalog: Catalog, rules: RuleSet) -> list[Mention]:
    heads = rules.lexicon["coref_heads"]
    taken = {i for m in named for i in range(m.start, m.end)}
    found = []
    for chunk in _description_phrases(doc):
        root = chunk.root
        classes = heads.get(root.lower_)
        if not classes or root.i in taken or not _is_definite(chunk, taken):
            continue
        if any(c.dep_ in ("appos", "compound", "nmod") and c.i in taken for c in root.children):
            continue  # "the Palestinian group Hamas", "the Hezbollah group" name themselves
        text = " ".join(t.lower_ for t in chunk if t.i not in taken and t.i <= root.i)
        # a name coordinated with the description is someone else ("between A and the group")
        excluded = {t.i for c in root.conjuncts for t in c.subtree}
        target = _antecedent(text, classes, named, chunk.start, catalog, excluded, doc,
                             rules.words("generic_actor_nouns"))
        if target is not None:
            taken.add(root.i)
            found.append(Mention(doc_id=doc_id, start=root.i, end=root.i + 1, start_char=root.idx,
                                 end_char=root.idx + len(root.text), text=chunk.text, type=target.type,
                                 source="coref", key=target.key))
    return found
