"""Mechanisms for what a careful reader finds and the frames alone missed: a symmetric relation
stated one way, listings as sanctions, a listing tied to the sanction that announced it,
alliances through agreements and membership, and a bare title's implied owner. Every sentence
is written for the tests; each mechanism also has sentences where it must not fire."""
from __future__ import annotations

import pytest

from conftest import assert_claims, relations


@pytest.fixture(scope="module")
def claims_of(build_texts):
    """(subject, relation, object, rule) of the claims of one text."""

    def run(text: str):
        return {(c.subject, c.relation, c.object, c.rule) for c in build_texts([text]).claims}

    return run


def triples(found):
    return {(s, r, o) for s, r, o, _ in found}


# a symmetric relation (owl:SymmetricProperty) holds both ways
def test_an_alliance_stated_one_way_holds_the_other_way(claims_of):
    found = claims_of("Chad and Niger are long-standing allies of Mali.")
    assert {("chad", "alliedWith", "mali"), ("mali", "alliedWith", "chad"),
            ("niger", "alliedWith", "mali"), ("mali", "alliedWith", "niger")} <= triples(found)
    assert ("mali", "alliedWith", "chad", "allied-relnoun-converse") in found


def test_only_symmetric_relations_are_turned_round(extract):
    found = relations(extract("Iran backs the Houthis in Yemen."))
    assert ("iran", "backs", "houthis") in found and ("houthis", "backs", "iran") not in found


@pytest.mark.parametrize("text, expected, unwanted", [
    # listings are designations
    ("The Commerce Department added Huawei to the Entity List on Friday.",
     ("us-department-of-commerce", "sanctions", "huawei"), None),
    ("OFAC listed Hezbollah and two money changers in Beirut.", ("ofac", "sanctions", "hezbollah"), None),
    ("Britain added the Wagner Group to its sanctions list.", ("united-kingdom", "sanctions", "wagner-group"), None),
    # a list or a word of sanctions must be named
    ("The report listed Iran among the countries that execute the most prisoners.", None,
     ("report", "sanctions", "iran")),
    ("Kenya added Somalia to the agenda of the summit.", None, ("kenya", "sanctions", "somalia")),
])
def test_listings_are_sanctions(extract, text, expected, unwanted):
    found = relations(extract(text))
    assert_claims(found, expected, unwanted)
    if unwanted is None:
        assert not any(r == "sanctions" and s == "kenya" for s, r, _ in found)


def test_a_listing_takes_the_sanctioner_announced_just_before(claims_of):
    found = claims_of("Canada sanctioned Iran on Monday. Hezbollah and the Houthis were also added to the list.")
    assert ("canada", "sanctions", "hezbollah", "sanctions-listing-verb-announced") in found
    assert ("canada", "sanctions", "houthis") in triples(found)


def test_a_listing_takes_no_sanctioner_from_far_away_or_from_a_denial(extract):
    far = ("Canada sanctioned Iran on Monday. The talks went on. Officials met in Geneva. Nothing was agreed. "
           "The weather was poor. Flights were late. Markets fell. Hezbollah was added to the list.")
    assert ("canada", "sanctions", "hezbollah") not in relations(extract(far))
    denied = "Canada did not sanction Iran on Monday. Hezbollah was added to the list."
    assert ("canada", "sanctions", "hezbollah") not in relations(extract(denied))


@pytest.mark.parametrize("text, expected, unwanted", [
    ("Sweden formally joined NATO last year.", ("sweden", "alliedWith", "nato"), None),
    ("Sweden formally joined NATO last year.", ("nato", "alliedWith", "sweden"), None),
    ("Iran joined Russia in condemning the strike.", None, ("iran", "alliedWith", "russia")),
    ("Japan signed a reciprocal access agreement with Australia on Monday.", ("japan", "alliedWith", "australia"), None),
    ("Egypt and Sudan signed a mutual defence pact in Cairo.", ("sudan", "alliedWith", "egypt"), None),
    ("Israel reached a ceasefire agreement with Hamas after talks in Cairo.", None, ("israel", "alliedWith", "hamas")),
    ("Ethiopia signed a trade agreement with Kenya.", None, ("ethiopia", "alliedWith", "kenya")),
])
def test_alliances_through_agreements_and_membership(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    ("President William Ruto said Kenya would send more police.", ("william-ruto", "leads", "kenya"), None),
    ("Foreign Minister Jane Roe said Ghana would recall its envoy.", ("jane-roe", "officialOf", "ghana"), None),
    # two states named, or a state named as a modifier of another body, or a place: no owner
    ("President William Ruto said Kenya and Somalia would talk.", None, ("william-ruto", "leads", "kenya")),
    ("President William Ruto said the Somali army would withdraw.", None, ("william-ruto", "leads", "somalia")),
    ("President William Ruto spoke in Somalia on Monday.", None, ("william-ruto", "leads", "somalia")),
    # an envoy's state is the one that sends them
    ("Ambassador Jane Roe said Ghana would respond.", None, ("jane-roe", "officialOf", "ghana")),
])
def test_a_bare_title_takes_the_state_the_sentence_names(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


def test_an_implied_owner_is_named_in_the_rule(claims_of):
    found = claims_of("President William Ruto said Kenya would send more police.")
    assert ("william-ruto", "leads", "kenya", "leads-title-implied-owner") in found
