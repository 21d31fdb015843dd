"""The indexed attribute ruler sets exactly what spaCy's own ruler sets, and steps aside
for patterns it cannot read."""
from __future__ import annotations

import pytest
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from kg.extract.attribute_index import AttributeIndex, index_attribute_ruler
from kg.extract.nlp import _load_spacy

# Our own sentences, written to reach the ruler's exceptions: contractions, "there is",
# pronouns by case, auxiliaries as main verbs, determiners as pronouns, spaces, "but" as adverb.
TEXTS = [
    "They're gonna ship the drones, ain't they? I think it's not over, y'all.",
    "There is no deal. There were talks, but that was all; he had nothing to add.",
    "Let's see: you told me it was sent, and I believe you. Did they? They did.",
    "Whether or not the minister resigns, the army will have done its part  \n\n  since May.",
    "She got the missiles and gets the money; we've got ta move. C'mon, nothin' changes.",
    "Which of these did the Kremlin approve? That which was sold is gone, all but two.",
]
ATTRS = [POS, MORPH, LEMMA, TAG, DEP]


@pytest.fixture(scope="module")
def pipelines():
    plain, indexed = _load_spacy(None), _load_spacy(None)
    assert index_attribute_ruler(indexed)
    return plain, indexed


def test_indexed_ruler_sets_what_spacys_ruler_sets(pipelines):
    plain, indexed = pipelines
    for mine, theirs in zip(indexed.pipe(TEXTS), plain.pipe(TEXTS)):
        assert [(t.pos_, str(t.morph), t.lemma_) for t in mine] == [(t.pos_, str(t.morph), t.lemma_) for t in theirs]
        assert (mine.to_array(ATTRS) == theirs.to_array(ATTRS)).all()


@pytest.mark.filterwarnings("ignore:.*W108")  # the lemmatizer misses the POS the ruler would set
def test_the_ruler_changes_pos_and_lemmas_so_the_comparison_has_teeth(pipelines):
    plain, _ = pipelines
    ruled = plain("They're gonna go. There is a deal.")
    unruled = plain("They're gonna go. There is a deal.", disable=["attribute_ruler"])
    assert [t.pos_ for t in ruled] != [t.pos_ for t in unruled]


def test_matches_equal_the_matchers_on_every_pattern_shape(pipelines):
    plain, _ = pipelines
    ruler = plain.get_pipe("attribute_ruler")
    index = AttributeIndex(ruler.patterns)
    for doc in plain.pipe(TEXTS, disable=["attribute_ruler", "lemmatizer", "ner"]):
        theirs = sorted((rule_id, start, end) for rule_id, _, start, end in ruler.match(doc))
        assert sorted(set(index.match(doc))) == sorted(set(theirs))


def test_a_pattern_it_cannot_read_leaves_the_ruler_alone():
    nlp = _load_spacy(None)
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "arms"}, {"LOWER": "deal", "OP": "?"}]], {"LEMMA": "arms"})
    original_match = ruler.match
    assert not index_attribute_ruler(nlp)
    assert ruler.match == original_match
    with pytest.raises(ValueError):
        AttributeIndex([{"patterns": [[{"LENGTH": 4}]], "attrs": {}, "index": 0}])
