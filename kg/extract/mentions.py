"""Find the mentions of actors, places and weapons in a parsed document.

Three sources: the catalog's EntityRuler (canonical names), spaCy's
statistical NER (actors the catalog does not know), and definite
descriptions such as "the mercenary group", linked to an earlier mention
(``descriptions``).
"""
from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import Mention
from .descriptions import description_mentions
from .name_spans import BRACKETS, NAME_CHARS, bracket_between, person_after_body
from .nlp import STATE_BODY_WORDS
from .noun_phrases import GOVERNMENT_NOUNS, government_names
from .parsed import noun_chunks, parsed_tokens
from .syntax import span_root

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from .catalog import Catalog
    from .rules import RuleSet

logger = logging.getLogger(__name__)

# The statistical NER's labels, and the labels of the pipeline's own patterns (nlp.py):
# a numbered military formation is a body of the state that fields it.
NER_CLASSES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place",
               "UNIT": "GovernmentBody", "DESIGNATION": "WeaponSystem"}
PATTERN_LABELS = frozenset({"UNIT", "DESIGNATION"})


def _strip_span(span: Span, titles: frozenset[str]) -> Span | None:
    """The span without a leading article or title and a trailing possessive or title."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].lower_ in titles
                           or doc[start].text in BRACKETS):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct
                           or doc[end - 1].lower_ in ("'s", "’s") or doc[end - 1].lower_ in titles):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def _name_only(span: Span, label: str) -> Span:
    """A person's catalog alias such as "Defense Secretary Lloyd Austin" from the
    first word of the name on, so the title words stay free for the rules that read them; an alias
    that ends inside the name ("President Xi" of "President Xi Jinping") takes the rest of it."""
    words = set(label.split())
    start, end = span.start, span.end
    while start < end - 1 and span.doc[start].text not in words:
        start += 1
    if start > span.start:  # "President Xi Jinping": the alias ends before the rest of the name
        while end < len(span.doc) and span.doc[end].text in words and span.doc[end].text not in span.text.split():
            end += 1
    return span.doc[start:end]


def _after_title(span: Span, titles: frozenset[str]) -> Span | None:
    """The name after the last title inside a span NER took for an organisation or a
    place: "Foreign Secretary Ann Roe" -> "Ann Roe", "Army General Joe Tull" -> "Joe Tull"."""
    cut = max((t.i for t in span[1:-2] if t.lower_ in titles), default=None)
    if cut is None:
        return None
    rest = span.doc[cut + 1:span.end]
    if all(t.pos_ == "PROPN" for t in rest) and rest[0].text[:1].isupper() and rest[-1].text[:1].isupper():
        return rest
    return None


def _titled(whole: Span, name: Span | None, before, titles: frozenset[str]) -> bool:
    """Whether a title stands right before ``name`` (inside NER's span or before it)
    and the name looks like a person's: two to four capitalised proper nouns."""
    if name is None or not 2 <= len(name) <= 4 or not all(t.pos_ == "PROPN" and t.is_title for t in name):
        return False
    prev = name.doc[name.start - 1] if name.start > whole.start else before
    return prev is not None and prev.lower_ in titles


def _ner_mention(span: Span, doc_id: str, catalog: Catalog, stopwords: frozenset[str],
                 titles: frozenset[str], armed_words: frozenset[str],
                 title_words: frozenset[str] = frozenset()) -> Mention | None:
    cls = NER_CLASSES.get(span.label_)
    if cls is None:
        return None
    pattern = span.label_ in PATTERN_LABELS
    before = span.doc[span.start - 1] if span.start > 0 else None
    whole = span
    span = _strip_span(span, titles)
    if span is not None and (span.text in stopwords or span.text.lower() in stopwords):
        return None
    if span is None or not NAME_CHARS.search(span.text):
        return None
    if pattern:
        return _pattern_mention(span, doc_id, cls)
    if not span[0].text[:1].isupper():
        return None
    if len(span.text) < 2 or span.text.isupper() and len(span.text) > 12:
        return None
    known = catalog.lookup(span.text)
    if known:
        entry = catalog.entries[known]
        return _mention(span, doc_id, entry.type, "catalog", known)
    person = _after_title(span, title_words) if cls != "Person" else None
    if person is None and cls == "Organization" and _titled(whole, span, before, title_words):
        person = span  # "Envoy Koussay Aldahhak" tagged ORG
    if person is not None:  # titles are never part of a name
        known = catalog.lookup(person.text)
        if known:
            return _mention(person, doc_id, catalog.entries[known].type, "catalog", known)
        return _mention(person, doc_id, "Person", "ner", _name_key(person))
    if cls == "Person" and len(span.text.split()) > 4:
        return None
    if cls in ("Organization", "Person") and len(span) > 1 and span[-1].lower_ in armed_words:
        # "Zarqawi Brigades" is an armed group; "Russian Army", a state's body
        state = catalog.by_demonym.get(span[0].lower_) or catalog.lookup(span[0].text)
        cls = "GovernmentBody" if state and catalog.entries[state].type == "State" else "ArmedGroup"
    return _mention(span, doc_id, cls, "ner", _name_key(span))


def _pattern_mention(span: Span, doc_id: str, cls: str) -> Mention:
    """A numbered unit or a weapon designation; "F-16s" is the "F-16". A unit's
    abbreviation in brackets is the short name the article goes on to use: "Task Force
    (TF) 50" is "TF 50"."""
    key = " ".join(span.text.split())
    bracketed = re.fullmatch(r".*\(\s*([A-Z]{2,5})\s*\)\s*(\d+)", key)
    if bracketed:
        key = f"{bracketed.group(1)} {bracketed.group(2)}"
    elif cls == "GovernmentBody":
        key = re.sub(r"^([A-Z]+)-(?=\d)", r"\1 ", key)  # "TF-58" is "TF 58"
    if cls == "WeaponSystem":
        key = re.sub(r"(?<=\d)s\b", "", key)
    return _mention(span, doc_id, cls, "ner", key)




def _name_key(span: Span) -> str:
    """A name as written, without the brackets an editor's insertion leaves in it: "[Prime Minister
    Naftali] Bennett" names "Naftali Bennett"."""
    return " ".join(w for w in span.text.split() if w.strip("".join(BRACKETS))
                    ).translate({ord(c): None for c in BRACKETS})


def _mention(span: Span, doc_id: str, cls: str, source: str, key: str) -> Mention:
    return Mention(doc_id=doc_id, start=span.start, end=span.end, start_char=span.start_char,
                   end_char=span.end_char, text=span.text, type=cls, source=source, key=key)


# The last word of a name that a dash may continue: "Task Force – Iraq".
DASH_NAME_HEADS = frozenset({"force", "forces", "command", "group", "coalition", "alliance", "fleet", "corps",
                             "division", "brigade", "army", "unit", "squadron", "wing"})
DASHES = frozenset({"-", "–", "—"})
_NAME_DEPS = ("compound", "nmod", "amod")


def _name_word(tok, not_names: frozenset[str], catalog: Catalog) -> bool:
    """A capitalised proper noun that may be part of an organisation's name: no title,
    no demonym (it stands for a state), no sentence's first word."""
    return (tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.is_alpha and not tok.is_sent_start
            and tok.lower_ not in not_names and tok.lower_ not in catalog.by_demonym)


def _widened_left(ent: Span, not_names: frozenset[str], catalog: Catalog) -> int:
    """Where an organisation's or a person's name starts when NER dropped its first words:
    capitalised proper nouns of the same name chain ("[Combined] Joint Forces Command", "Air
    Marshal [Imran] Ahmed Malik"); a title or rank before them ends the name."""
    start = ent.start
    doc = ent.doc
    while start > ent.sent.start:
        tok = doc[start - 1]
        if tok.ent_type_ or not _name_word(tok, not_names, catalog) or tok.dep_ not in _NAME_DEPS \
                or not start <= tok.head.i < ent.end:
            break
        start -= 1
    return start


def _dash_tail(doc: Doc, dash: int, not_names: frozenset[str], catalog: Catalog) -> int | None:
    """The end of a name part after a dash ("– Operation Inherent Resolve"), if the words
    after it are capitalised name words ending the noun phrase; a person, a word of a new
    clause ("– The president said") or a modifier of a common noun ("– Gaza officials") is none."""
    end = dash + 1
    while end < len(doc) and end - dash <= 5 and _name_word(doc[end], not_names, catalog) \
            and doc[end].ent_type_ not in ("PERSON", "DATE", "CARDINAL"):
        end += 1
    if end == dash + 1:
        return None
    ents = [e for e in doc.ents if e.start < end and e.end > dash + 1]
    if any(e.start <= dash or e.end > end for e in ents):
        return None  # the words after the dash begin a longer name of their own
    after = doc[end] if end < len(doc) else None
    if after is not None and (after.tag_ == "POS" or after.pos_ == "NOUN" or after.text in ("&", "of")):
        return None  # "– Ben & Jerry's", "– Kabul's ally", "– Gaza officials", "– Professor of law"
    return end


def _one_name(doc: Doc, start: int, dash: int, end: int) -> bool:
    """Whether the parse reads the two parts as one name: the first modifies a word at or
    after the second, or the second is no subject or object of a clause of its own."""
    left = span_root(doc, start, dash)
    right = span_root(doc, dash + 1, end)
    return left.head.i > dash or right.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "ROOT")


def _dash_head(doc: Doc, dash: int, not_names: frozenset[str], catalog: Catalog) -> int | None:
    """The start of an unlabelled name before a dash that ends with a word for a body of
    people: "Task Force – ..."."""
    if dash == 0 or doc[dash - 1].lower_ not in DASH_NAME_HEADS:
        return None
    start = dash
    while start > 0 and not doc[start - 1].ent_type_ and _name_word(doc[start - 1], not_names, catalog):
        start -= 1
    return start if start < dash else None


def _organisation_name(span: Span) -> bool:
    """NER's organisation, or a name it mislabelled that ends with a word for a body of
    people ("Task Force" tagged a product); never a catalog name, person or place."""
    if span.id_:
        return False
    return span.label_ == "ORG" or span.label_ in ("PRODUCT", "FAC", "EVENT", "WORK_OF_ART") \
        and span[-1].lower_ in DASH_NAME_HEADS


def _joined_names(doc: Doc, not_names: frozenset[str], catalog: Catalog,
                  body_heads: frozenset[str] = frozenset()) -> list[Span]:
    """NER's entities, with an organisation's name widened to the words NER cut off: its
    dropped first words, and a second capitalised part after a dash ("Combined Joint Task
    Force – Operation Inherent Resolve", "Task Force – Iraq"). Not a state or place before
    the dash ("the Israel - Hamas war", a dateline "PARIS – The ...")."""
    from spacy.tokens import Span

    spans = []
    for ent in doc.ents:
        if ent.label_ in ("ORG", "PERSON") and not ent.id_:
            ent = Span(doc, _widened_left(ent, not_names, catalog), ent.end, label=ent.label_)
        split = person_after_body(ent, body_heads, not_names, catalog) \
            if ent.label_ == "ORG" and not ent.id_ else None
        if split is not None:
            spans.append(split[0])
            ent = split[1]
        if spans and ent.label_ == "PERSON" == spans[-1].label_ and spans[-1].end == ent.start \
                and not spans[-1].id_ and not ent.id_:
            ent = Span(doc, spans.pop().start, ent.end, label="PERSON")  # "Ana Maria" "Lopez": one name NER cut in two
        elif spans and ent.label_ == "PERSON" and bracket_between(spans[-1], ent):
            ent = Span(doc, spans.pop().start, ent.end, label="PERSON")  # "Naftali] Bennett": an editor's bracket
        spans.append(ent)
    for dash in (t.i for t in parsed_tokens(doc) if t.text in DASHES and 0 < t.i < len(doc) - 1):
        left = next((s for s in spans if s.end == dash), None)
        if left is not None and not _organisation_name(left):
            continue
        start = left.start if left is not None else _dash_head(doc, dash, not_names, catalog)
        end = _dash_tail(doc, dash, not_names, catalog) if start is not None else None
        if end is None or not _one_name(doc, start, dash, end):
            continue
        spans = [s for s in spans if s.end <= start or s.start >= end] + [Span(doc, start, end, label="ORG")]
        spans.sort(key=lambda s: s.start)
    return spans


def _named_mentions(doc: Doc, doc_id: str, catalog: Catalog, rules: RuleSet) -> list[Mention]:
    stopwords = rules.words("ner_stopwords") | rules.title_words
    events = rules.words("event_name_heads") if "event_name_heads" in rules.lexicon else frozenset()
    found = []
    body_heads = STATE_BODY_WORDS | rules.words("org_type_nouns") | rules.words("armed_group_words")
    for ent in _joined_names(doc, rules.name_prefixes | rules.words("ranks"), catalog, body_heads):
        if ent.id_ and ent.id_ in catalog.entries:  # id_: a span made here has none of its own
            entry = catalog.entries[ent.id_]
            span = _name_only(ent, entry.label) if entry.type == "Person" else ent
            found.append(_mention(span, doc_id, entry.type, "catalog", ent.id_))
            continue
        # "Near Ar Raqqah, ..." at a sentence start: the preposition is no part of the name
        strip = rules.name_prefixes | rules.words("name_leading_words")
        mention = _ner_mention(ent, doc_id, catalog, stopwords, strip, rules.words("armed_group_words"),
                               rules.name_prefixes)
        if mention is not None and mention.source == "ner" and mention.type == "Organization" \
                and _names_an_event(doc, mention, events):
            continue  # "a Cessation of Hostilities" is no actor
        if mention is not None and mention.source == "ner" and mention.key.lower() in catalog.by_demonym:
            eid = catalog.by_demonym[mention.key.lower()]  # "Houthi" tagged ORG is the Houthis
            if _is_people(doc[mention.end - 1], catalog.entries[eid].type):
                continue  # "Palestinians" tagged ORG are a people
            mention = replace(mention, type=catalog.entries[eid].type, source="catalog", key=eid)
        if mention is not None:
            found.append(mention)
    words = rules.words("capitalised_name_nouns")  # "Alliance" NER found alone is the same collective noun
    found = [replace(m, source="collective", type="Organization") if m.source == "ner" and m.key in words else m
             for m in found]
    return _governments(doc, doc_id, found + _capitalised_nouns(doc, doc_id, found, rules), catalog)


def _names_an_event(doc: Doc, mention: Mention, heads: frozenset[str]) -> bool:
    root = doc[mention.start:mention.end].root
    return root.lower_ in heads or root.lemma_.lower() in heads


def _capitalised_nouns(doc: Doc, doc_id: str, found: list[Mention], rules: RuleSet) -> list[Mention]:
    """"the Coalition", "Coalition aircraft": a common noun written as a name stands for
    the coalition the article is about; resolution joins it to the fuller name there."""
    words = rules.words("capitalised_name_nouns")
    taken = {i for m in found for i in range(m.start, m.end)}
    out = []
    for tok in parsed_tokens(doc):
        if tok.text in words and tok.i not in taken and tok.pos_ in ("PROPN", "NOUN") \
                and (not tok.is_sent_start or tok.tag_ == "NNP"):
            out.append(Mention(doc_id=doc_id, start=tok.i, end=tok.i + 1, start_char=tok.idx,
                               end_char=tok.idx + len(tok.text), text=tok.text, type="Organization",
                               source="collective", key=tok.text))
    return out


def _government_span(m: Mention, doc: Doc) -> Span | None:
    """"X administration" around a person's name."""
    after = doc[m.end] if m.end < len(doc) else None
    if after is not None and after.lower_ in GOVERNMENT_NOUNS and doc[m.end - 1].head.i == after.i:
        return doc[m.start:after.i + 1]
    # "the administration of President X" is left alone for now: naming it the state makes
    # it the salient subject, and a later "its" in the sentence then binds to it
    return None


def _governments(doc: Doc, doc_id: str, found: list[Mention], catalog: Catalog) -> list[Mention]:
    """A leader's government is the state when the catalog names it ("Biden
    administration" is the United States), else a body of its own ("Asad regime")."""
    out: list[Mention] = []
    for m in found:
        single_org = m.type == "Organization" and m.source == "ner" and " " not in m.key
        span = _government_span(m, doc) if m.type == "Person" or single_org else None
        if span is None:
            out.append(m)
            continue
        noun = doc[span.end - 1]
        name = catalog.entries[m.key].label if m.key in catalog.entries else m.key
        tries = government_names(name, noun.lower_)
        known = next((catalog.lookup(t) for t in tries if catalog.lookup(t)), None)
        if known:
            out.append(_mention(span, doc_id, catalog.entries[known].type, "catalog", known))
        else:
            out.append(_mention(span, doc_id, "GovernmentBody", "ner", tries[0]))
    return out


def _is_people(tok, entry_type: str, people: frozenset[str] = frozenset()) -> bool:
    """A state's demonym used as a noun names people, not the state: "killed
    Palestinians", "a Kurd"; as a modifier it stands for the state ("Iranian drones"), but not
    on a noun of people or of fighters no state commands (``people``: "Palestinian fighters",
    "Afghan civilians"). A group's demonym ("the Houthis") is the group."""
    if entry_type != "State":
        return False
    if tok.dep_ in ("amod", "compound", "nmod") and (tok.head.lower_ in people or tok.head.lemma_.lower() in people):
        return True
    modifier = tok.dep_ in ("amod", "compound", "nmod", "poss") and tok.head.pos_ in ("NOUN", "PROPN")
    hyphened = tok.i + 1 < len(tok.doc) and tok.nbor().text in ("-", "–")  # "Iranian-made", "Iranian-backed"
    return not (modifier or hyphened)


def _demonyms(doc: Doc, doc_id: str, catalog: Catalog, taken: set[int],
              people: frozenset[str] = frozenset()) -> list[Mention]:
    """"Iranian", "Houthi", "North Korean": adjectives that stand for an actor in the rules; a
    demonym of two words ("South Sudanese") before the one of its last word ("Sudanese")."""
    found = []
    for tok in parsed_tokens(doc):
        first, eid = tok, None
        if tok.i > 0 and tok.is_title and tok.i - 1 not in taken:  # "North Korean", "South Sudanese": two words
            first = doc[tok.i - 1]
            eid = catalog.by_demonym.get(f"{first.lower_} {tok.lower_}")
        if eid is None:
            first, eid = tok, catalog.by_demonym.get(tok.lower_)
        if eid and _is_people(tok, catalog.entries[eid].type, people):
            continue
        if eid and tok.i not in taken and tok.pos_ in ("ADJ", "PROPN", "NOUN") and tok.text[:1].isupper():
            found.append(Mention(doc_id=doc_id, start=first.i, end=tok.i + 1, start_char=first.idx,
                                 end_char=tok.idx + len(tok.text), text=doc[first.i:tok.i + 1].text,
                                 type=catalog.entries[eid].type, source="demonym", key=eid))
    return found


def _designated_weapons(doc: Doc, doc_id: str, taken: set[int], rules: RuleSet) -> list[Mention]:
    """Weapons the catalog does not know, named by a designation: "Kh-101 missiles",
    "155mm shells", "Zircon hypersonic missiles"."""
    heads = rules.words("weapon_heads")
    found = []
    for chunk in noun_chunks(doc):
        root = chunk.root
        if root.lower_ not in heads or any(t.i in taken for t in chunk):
            continue
        words = [t for t in chunk if t.i < root.i and t.dep_ in ("compound", "amod", "nmod", "nummod", "punct")
                 and t.i >= chunk.start]
        if not any(any(ch.isdigit() for ch in t.text) or t.pos_ == "PROPN" for t in words):
            continue
        start = min(t.i for t in words)
        span = doc[start:root.i + 1]
        name = " ".join(doc[start:root.i].text.split() + [root.lemma_.lower()])  # one "T-72 tank"
        found.append(Mention(doc_id=doc_id, start=span.start, end=span.end, start_char=span.start_char,
                             end_char=span.end_char, text=span.text, type="WeaponSystem", source="ner",
                             key=name[:1].upper() + name[1:]))
    return found


def _with_designated_weapons(doc: Doc, doc_id: str, named: list[Mention], rules: RuleSet) -> list[Mention]:
    """Named mentions plus designated weapons; a designation beats a generic
    catalog weapon ("Ababil-5 drones" over "drones")."""
    taken = {i for m in named for i in range(m.start, m.end)}
    # a designation alone ("Ababil-5") yields to the fuller "Ababil-5 drones"
    generic = {i for m in named if m.type == "WeaponSystem" and (m.text == m.text.lower() or m.source == "ner")
               for i in range(m.start, m.end)}
    weapons = _designated_weapons(doc, doc_id, taken - generic, rules)
    covered = {i for m in weapons for i in range(m.start, m.end)}
    kept = [m for m in named if not covered.intersection(range(m.start, m.end))]
    return sorted(kept + weapons, key=lambda m: (m.start, m.end))


def find_mentions(doc: Doc, doc_id: str, catalog: Catalog, rules: RuleSet) -> list[Mention]:
    """All mentions in ``doc``, in text order; demonyms are marked as such."""
    named = _with_designated_weapons(doc, doc_id, _named_mentions(doc, doc_id, catalog, rules), rules)
    described = description_mentions(doc, doc_id, named, catalog, rules)
    taken = {i for m in named + described for i in range(m.start, m.end)}
    people = rules.words("people_nouns") if "people_nouns" in rules.lexicon else frozenset()
    return sorted(named + described + _demonyms(doc, doc_id, catalog, taken, people), key=lambda m: (m.start, m.end))
