"""Find syndicated copies: one wire story run by several outlets is one independent source.

Each article is cut into overlapping runs of words (shingles). Two articles are the same
story when most of the shorter one's shingles are in the longer one. Shingles found in many
articles are boilerplate (a sign-off, a newsletter prompt) and do not count.
"""
from __future__ import annotations

import dataclasses
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable

from ..model import Document

SHINGLE_WORDS = 6
SAMPLE = 4
MIN_SHINGLES = 15  # sampled; about 60 words: shorter texts are too short to call copies of anything
SHARED_SHARE = 0.7  # of the shorter article's shingles found in the other
LENGTH_RATIO = 0.5  # a copy may be cut, but an article quoting a short one whole is not its copy
BOILERPLATE_DOCS = 25  # a shingle in more articles than this is furniture, not story
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    """A fixed sample (one in ``SAMPLE``) of the text's shingles, as stable hashes: the share
    two texts have in common is the same on the sample, at a fraction of the cost."""
    words = _WORD.findall(text.lower())
    hashes = (zlib.crc32(" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8"))
              for i in range(len(words) - SHINGLE_WORDS + 1))
    return {h for h in hashes if h % SAMPLE == 0}


def _shared_counts(sets: list[set[int]]) -> Counter[tuple[int, int]]:
    postings: dict[int, list[int]] = defaultdict(list)
    for index, found in enumerate(sets):
        for shingle in found:
            postings[shingle].append(index)
    shared: Counter[tuple[int, int]] = Counter()
    for holders in postings.values():
        if 1 < len(holders) <= BOILERPLATE_DOCS:
            for n, a in enumerate(holders):
                for b in holders[n + 1:]:
                    shared[(a, b)] += 1
    return shared


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def mark_copies(documents: Iterable[Document]) -> list[Document]:
    """The documents, each copy of an earlier one given ``copy_of`` = the first one's id."""
    documents = list(documents)
    sets = [shingles(d.text) for d in documents]
    parent = list(range(len(documents)))
    for (a, b), count in sorted(_shared_counts(sets).items()):
        smaller, larger = sorted((len(sets[a]), len(sets[b])))
        if smaller >= MIN_SHINGLES and smaller >= LENGTH_RATIO * larger and count >= SHARED_SHARE * smaller:
            ra, rb = _root(parent, a), _root(parent, b)
            parent[max(ra, rb)] = min(ra, rb)  # the first in reading order stands for the story
    return [dataclasses.replace(d, copy_of=documents[_root(parent, i)].id if _root(parent, i) != i else None)
            for i, d in enumerate(documents)]


def story_of(documents: Iterable[Document]) -> dict[str, str]:
    """Document id -> the id of the document that stands for its story."""
    return {d.id: d.copy_of or d.id for d in documents}
