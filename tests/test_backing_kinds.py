"""Backing and supply stated in the ways news often states them: gifts of weapons, help given to
an actor, solidarity expressed; what is given decides supply or backing, and a pronoun that ends a
supply is the actor named just before it. Every sentence is written for the tests; each mechanism
also has sentences where it must not fire."""
from __future__ import annotations

import pytest

from conftest import assert_claims, relations


@pytest.mark.parametrize("text, expected, unwanted", [
    # a gift of weapons is a supply
    ("Norway donated 14 howitzers to Ukraine last spring.", ("norway", "supplies", "ukraine"), None),
    ("India gifted a patrol aircraft to Sri Lanka on Monday.", ("india", "supplies", "sri-lanka"), None),
    # a gift of money backs the one given it, it supplies nothing
    ("Qatar donated the money to Hamas.", ("qatar", "backs", "hamas"), ("qatar", "supplies", "hamas")),
    # a gift of no materiel is neither
    ("Norway donated a statue to Ukraine.", None, ("norway", "supplies", "ukraine")),
])
def test_a_gift_of_weapons_is_a_supply(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    ("NATO is helping Ukraine to defend itself against Russia.", ("nato", "backs", "ukraine"), None),
    ("Russia helped Belarus re-equip its planes.", ("russia", "backs", "belarus"), None),
    ("The United States assisted Somalia in the raid.", ("united-states", "backs", "somalia"), None),
    # a thing that helps names no backer; help with an undertaking names no actor helped
    ("The drones helped Azerbaijan defeat Armenia.", None, ("azerbaijan", "backs", "armenia")),
    ("Qatar helped broker a deal between Israel and Hamas.", None, ("qatar", "backs", "israel")),
])
def test_helping_an_actor_is_backing_it(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    ("Oman expressed solidarity with Qatar on Monday.", ("oman", "backs", "qatar"), None),
    ("Oman voiced its full solidarity with Qatar.", ("oman", "backs", "qatar"), None),
    # solidarity named as another's is not the speaker's
    ("Oman praised Saudi solidarity with Qatar.", None, ("oman", "backs", "qatar")),
    ("Oman held talks with Qatar on Monday.", None, ("oman", "backs", "qatar")),
])
def test_solidarity_expressed_is_backing(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    # training and money are backing; weapons named among the things given are a supply
    ("Iran supplies Islamic Jihad with training, expertise and money.",
     ("iran", "backs", "palestinian-islamic-jihad"), ("iran", "supplies", "palestinian-islamic-jihad")),
    ("Iran supplies Islamic Jihad with money and rockets.", ("iran", "supplies", "palestinian-islamic-jihad"), None),
    # craft sent to fetch one's own people supply no one
    ("Spain sent two military aircraft to Israel to evacuate its citizens.", None, ("spain", "supplies", "israel")),
    ("Spain sent two military aircraft to Israel.", ("spain", "supplies", "israel"), None),
])
def test_what_is_given_decides_supply_or_backing(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    # a pronoun that ends a supply is the actor named just before it, else no claim
    ("The Hamas official urged the United States to cut ties with Israel and to stop supplying them with weapons.",
     None, ("united-states", "supplies", "hamas")),
    ("The United States warned Serbia that it should not buy drones from China.",
     None, ("china", "supplies", "united-states")),
    ("The Houthis said Iran had sent them drones.", ("iran", "supplies", "houthis"), None),
])
def test_a_pronoun_ending_a_supply_is_the_nearest_actor(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)
