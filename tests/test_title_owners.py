"""Who a title belongs to when the sentence does not say, and which titles head their owner.

A bare title of state ("Defence Minister Jane Roe") in a story that keeps naming one state and no
other more than once is that state's; not when a second state recurs, when the words before the
title name a place or a body, or when the sentence names the story's state as something acted on.
The director, general secretary or mayor of a body heads it (leads) unless the title is narrowed
("deputy director", "a director at")."""
from __future__ import annotations

import pytest

from conftest import assert_claims, relations

# a story about one state: it names Chile three times and no other state
ONE_STATE = ("Chile will buy forty tanks, its government said on Monday. Chile has long sought armour. "
             "The deal makes Chile the largest buyer in the region. ")


@pytest.fixture(scope="module")
def claims_of(build_texts):
    """(subject, relation, object, rule) of the claims of one text."""

    def run(text: str):
        return {(c.subject, c.relation, c.object, c.rule) for c in build_texts([text]).claims}

    return run


def test_a_bare_state_title_takes_the_state_the_story_is_about(claims_of):
    found = claims_of(ONE_STATE + "Defence Minister Jane Roe told reporters the tanks would come from Acme Corp.")
    assert ("jane-roe", "officialOf", "chile", "official-title-article-owner") in found, found


@pytest.mark.parametrize(
    "text, unwanted",
    [
        # a second state that recurs: a bare title may be either's
        (ONE_STATE + "Peru objected, and Peru recalled its envoy. "
         "Defence Minister Jane Roe told reporters the tanks would come from Acme Corp.",
         ("jane-roe", "officialOf", "chile")),
        # a place before the title owns the post
        (ONE_STATE.replace("Chile", "Israel") +
         "Gaza Health Minister Jane Roe told reporters the tanks would come from Acme Corp.",
         ("jane-roe", "officialOf", "israel")),
        # the story's state acted on in the sentence: most often another state's minister
        (ONE_STATE + "Foreign Minister Ana Diaz praised Chile at a meeting with Acme Corp.",
         ("ana-diaz", "officialOf", "chile")),
    ],
)
def test_no_owner_from_the_story_when_it_is_open(extract, text, unwanted):
    assert_claims(relations(extract(text)), None, unwanted)


@pytest.mark.parametrize(
    "text, expected, unwanted",
    [
        ("Jane Roe, the director of Acme Corp, said the drones were sold to Hamas.",
         ("jane-roe", "leads", "acme-corp"), ("jane-roe", "officialOf", "acme-corp")),
        ("Jane Roe, a director at Acme Corp, said the drones were sold to Hamas.",
         ("jane-roe", "officialOf", "acme-corp"), ("jane-roe", "leads", "acme-corp")),
        ("FBI Deputy Director Jane Roe said Hamas was behind the raid.",
         ("jane-roe", "officialOf", "fbi"), ("jane-roe", "leads", "fbi")),
        ("Tom Hale, the general secretary of Hezbollah, said the raid was a warning.",
         ("tom-hale", "leads", "hezbollah"), ("tom-hale", "officialOf", "hezbollah")),
    ],
)
def test_the_head_of_a_body_leads_it(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Omar Farid serves as commander of Hamas.", ("omar-farid", "leads", "hamas")),
        ("Hamas appointed Omar Farid as its leader in 2020.", ("omar-farid", "leads", "hamas")),
        ("Omar Farid was named head of Hamas in 2020.", ("omar-farid", "leads", "hamas")),
        ("Omar Farid, who serves as a spokesman for Hezbollah, denied the report.",
         ("omar-farid", "officialOf", "hezbollah")),
    ],
)
def test_a_verb_gives_the_title_its_holder(extract, text, expected):
    assert_claims(relations(extract(text)), expected, None)


def test_a_verb_of_seeing_gives_no_post(extract):
    found = relations(extract("Officials identified Omar Farid as the leader of Hamas."))
    assert ("omar-farid", "leads", "hamas") not in found, found


@pytest.mark.parametrize(
    "text, expected, unwanted",
    [
        # NER makes a body of the field words before a title; the demonym among them names the owner
        ("British Defence Secretary Tom Hale said Britain would ban Hamas.",
         ("tom-hale", "officialOf", "united-kingdom"), ("tom-hale", "officialOf", "british-defence")),
        ("Tom Hale, the under secretary for Terrorism and Financial Intelligence at the Treasury, "
         "said Hamas would be banned.", ("tom-hale", "officialOf", "us-treasury-department"),
         ("tom-hale", "officialOf", "terrorism")),
    ],
)
def test_a_post_field_is_no_owner(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)
