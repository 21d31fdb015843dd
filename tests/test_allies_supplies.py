"""Alliances named by a role noun the parser misplaces, membership of an alliance, and supply
stated as the receiver's acquisition. Every sentence is written for the tests; each mechanism
also has sentences where it must not fire."""
from __future__ import annotations

import pytest

from conftest import assert_claims, relations


@pytest.mark.parametrize("text, expected, unwanted", [
    # the name written right after the role noun holds it, whatever the parser made of it
    ("Russia is helping its ally, Syrian President Jane Roe, retake the town.",
     ("jane-roe", "alliedWith", "russia"), None),
    ("Rebels ousted close Russian ally John Doe last year.", ("john-doe", "alliedWith", "russia"), None),
    ("Hezbollah and its Syrian ally Jane Roe lost ground.", ("jane-roe", "alliedWith", "hezbollah"),
     ("jane-roe", "alliedWith", "syria")),
    # no name after the role noun: no ally
    ("Chad and its allies met in Paris on Monday.", None, ("chad", "alliedWith", "paris")),
])
def test_an_ally_is_the_name_written_after_the_role_noun(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    ("Finland became the newest member of NATO.", ("finland", "alliedWith", "nato"), None),
    ("NATO members Poland and Latvia sent troops.", ("poland", "alliedWith", "nato"), None),
    # membership makes a state an ally; what a group is called a member of is a looser grouping
    ("The Houthis, a member of the Axis of Resistance, fired missiles at ships.", None,
     ("houthis", "alliedWith", "axis-of-resistance")),
    # a member of a body that is no alliance is no ally of it
    ("Jane Roe, a member of Hamas, was killed.", None, ("jane-roe", "alliedWith", "hamas")),
    ("Jane Roe, a member of Hamas, was killed.", ("jane-roe", "officialOf", "hamas"), None),
])
def test_membership_of_an_alliance(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    ("India's acquisition of fighter jets from France angered Pakistan.", ("france", "supplies", "india"), None),
    ("Turkish imports of tanks from Germany rose last year.", ("germany", "supplies", "turkey"), None),
    ("Spain procured missiles from Russia.", ("russia", "supplies", "spain"), None),
    # no weapon acquired: no supply
    ("Russia's purchase of oil from Iran was cheap.", None, ("iran", "supplies", "russia")),
])
def test_an_acquisition_from_a_giver_is_a_supply(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    ("Brazil and Chile expressed support for Ecuador.", ("chile", "backs", "ecuador"), None),
    ("Kenya pledged its backing to Somalia on Monday.", ("kenya", "backs", "somalia"), None),
    ("Iran and Syria have put their weight behind Hamas.", ("syria", "backs", "hamas"), None),
    # pressure put on an actor, or support voiced for a thing, backs no one
    ("Iran put pressure on Iraq.", None, ("iran", "backs", "iraq")),
    ("Egypt declared its support for the ceasefire in Sudan.", None, ("egypt", "backs", "sudan")),
    # the support a speaker reiterates is its owner's, not the speaker's
    ("Minister Jane Roe reiterated UK support for Kenya.", ("united-kingdom", "backs", "kenya"),
     ("jane-roe", "backs", "kenya")),
])
def test_support_voiced_for_an_actor_is_backing(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    # the parser makes the second state an apposition of the first: it is the next name of a list
    ("France, Spain, several countries in Africa and many Asian nations have backed Chad.",
     ("spain", "backs", "chad"), None),
    # a state is still described by its apposition
    ("Chad, a former French colony, has backed Niger.", ("chad", "backs", "niger"), ("france", "backs", "niger")),
])
def test_a_state_set_off_after_a_state_is_listed(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    ("NATO, an alliance including Norway and Canada, met in Brussels.", ("canada", "alliedWith", "nato"), None),
    ("The strikes were part of a response by the Axis of Resistance - including Hezbollah alongside "
     "Palestinian militants Hamas and the Houthis - with ties to Syria.", ("houthis", "alliedWith", "axis-of-resistance"),
     None),
    # a name that only modifies a member, or one after the list ends, is no member
    ("NATO, an alliance including militias from Chad, met in Brussels.", None, ("chad", "alliedWith", "nato")),
    ("The strikes came from the Axis of Resistance - including Hezbollah - with ties to Syria.", None,
     ("syria", "alliedWith", "axis-of-resistance")),
])
def test_members_an_alliance_includes_are_allied_with_it(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    ("Spain signed an arms export deal with Chile worth $2 billion.", ("spain", "supplies", "chile"), None),
    ("Peru signed a contract to purchase new warplanes from Sweden.", ("sweden", "supplies", "peru"), None),
    # no export, or no arms: no supply
    ("Chile signed a deal with Spain for new tanks.", None, ("chile", "supplies", "spain")),
    ("Kenya signed a gas export deal with Uganda.", None, ("kenya", "supplies", "uganda")),
])
def test_arms_deals_and_contracts_are_supply(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)
