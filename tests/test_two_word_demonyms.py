"""A demonym of two words ("North Korean", "South Korean", "Sri Lankan") names its state as a
demonym of one word does: as a mention of the state, and as the owner of a title it stands
before. Without it "North Korean leader X" had no owner, and in "Polish Defense Minister A and
South Korean Defense Minister B" the second title took the first one's owner."""
from __future__ import annotations

import pytest

from conftest import assert_claims, relations


@pytest.mark.parametrize(
    "text, expected, unwanted",
    [
        ("North Korean leader Kim Jong Un watched the missile launch.",
         ("kim-jong-un", "leads", "north-korea"), None),
        # the second title's own demonym, not the first's, owns it
        ("Polish Defense Minister Jan Nowak and South Korean Defense Minister Ahn Gyu-back attended the ceremony.",
         ("ahn-gyu-back", "officialOf", "south-korea"), ("ahn-gyu-back", "officialOf", "poland")),
        ("South Sudanese President Tom Deng said the talks would resume.",
         ("tom-deng", "leads", "south-sudan"), None),
    ],
)
def test_a_two_word_demonym_owns_a_title(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


def test_a_two_word_demonym_is_a_mention_of_its_state(build_texts):
    result = build_texts(["North Korean troops fought in Kursk, officials said."])
    assert "north-korea" in {e.id for e in result.entities}, [e.id for e in result.entities]

