"""Backing and supply stated in the ways news most often states them: gifts of weapons, aid and
money given, help given to an actor, a supporter of an actor, solidarity expressed, backing of an
actor's cause, and weapons bought whose maker's state is named on them. Every sentence is written
for the tests; each mechanism also has sentences where it must not fire."""
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
    # aid given, however it is counted, is backing
    ("Norway gave financial and military aid to Ukraine.", ("norway", "backs", "ukraine"),
     ("norway", "supplies", "ukraine")),
    ("Norway sends $2 billion in annual military assistance to Ukraine.", ("norway", "backs", "ukraine"), None),
    ("Norway promised to provide Ukraine with billions of dollars of aid.", ("norway", "backs", "ukraine"), None),
    # money sent in weapons is still a supply
    ("Norway sent $2 billion in weapons to Ukraine.", ("norway", "supplies", "ukraine"), None),
])
def test_aid_given_is_backing(extract, text, expected, unwanted):
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
    ("Norway has been a stalwart supporter of Ukraine.", ("norway", "backs", "ukraine"), None),
    ("Berlin, which has long been a supporter of Ukraine, objected.", ("germany", "backs", "ukraine"), None),
    ("Norway is a major donor to UNRWA.", ("norway", "backs", "unrwa"), None),
])
def test_a_supporter_backs(extract, text, expected, unwanted):
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
    ("The United States has long supported Georgia's sovereignty.", ("united-states", "backs", "georgia"), None),
    ("Russia has been backing Serbia's claim over Kosovo.", ("russia", "backs", "serbia"), None),
    # the possessor of an actor backed is not the one backed
    ("Iran backs Hezbollah's fighters.", ("iran", "backs", "hezbollah"), None),
    # its own: no one else's
    ("Russia has supported its own economy.", None, ("russia", "backs", "russia")),
])
def test_backing_an_actors_cause_backs_the_actor(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    ("Turkey bought Russian air defence systems in 2019.", ("russia", "supplies", "turkey"), None),
    ("Serbia acquired China's drones last year.", ("china", "supplies", "serbia"), None),
    # goods that are no weapons, and weapons of no one named, are no supply
    ("Turkey bought Russian oil in 2019.", None, ("russia", "supplies", "turkey")),
])
def test_weapons_bought_whose_state_is_named_on_them(extract, text, expected, unwanted):
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
    ("The United States warned Serbia that it should not buy the Chinese air defence system.",
     None, ("china", "supplies", "united-states")),
    ("The Houthis said Iran had sent them drones.", ("iran", "supplies", "houthis"), None),
])
def test_a_pronoun_ending_a_supply_is_the_nearest_actor(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    # the doer of "by VERBing" is the doer of the verb it hangs on, up through control
    ("Iran began backing the Russian war by supplying Moscow with drones.", ("iran", "supplies", "russia"), None),
    # backing a war its demonym names backs that state
    ("Iran began backing the Russian war by supplying Moscow with drones.", ("iran", "backs", "russia"), None),
    ("Iran backed the Russian war on Ukraine.", ("iran", "backs", "russia"), ("iran", "backs", "ukraine")),
])
def test_by_supplying_and_a_war_backed(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    # a sum that names no thing bought is money given: backing
    ("Qatar transferred $30 million to Hamas last year.", ("qatar", "backs", "hamas"), ("qatar", "supplies", "hamas")),
    # a sum of weapons is a supply
    ("Qatar transferred $30 million in rifles to Hamas.", ("qatar", "supplies", "hamas"), None),
    # whose the cause backed is, after a noun of backing
    ("Officials pressed Beijing on its support for Russia's wartime economy.", ("china", "backs", "russia"), None),
    ("Officials praised Norway's support for Ukraine's army.", ("norway", "backs", "ukraine"), None),
])
def test_money_given_and_support_for_a_cause(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)
