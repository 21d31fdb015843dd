"""Attacks whose agent or target sits outside the usual paths (round 3): the place named before
an event noun ("the Garissa attack"), who "was behind" an attack, the side whose fighters fell in
a fight ("X militants were killed during an encounter with Y"), a named killing ("the US
assassination of X"), an insurgency waged against a state, a state's port or airbase struck; and
what is no attack: sanctions "launched" or "hit" with, a war someone else's that one supports.
(The place an attack happened "in" is struck: tests/test_frames.py.) Every sentence is written
for the tests."""
from __future__ import annotations

import pytest

from conftest import relations


def _attacks(extract, text: str) -> set[tuple[str, str, str]]:
    return {c for c in relations(extract(text)) if c[1] == "attacks"}


@pytest.mark.parametrize("text, expected", [
    ("Al-Shabab claimed responsibility for the Garissa attack which killed 26 students.",
     ("al-shabab", "attacks", "garissa")),
    ("Boko Haram was behind the Maiduguri bombing, officials said.", ("boko-haram", "attacks", "maiduguri")),
])
def test_a_place_named_before_an_attack_is_struck(extract, text, expected):
    assert expected in _attacks(extract, text)


def test_a_sea_named_before_an_attack_is_only_where(extract):
    assert not {c for c in _attacks(extract, "The UN Security Council demanded the Houthis cease Red Sea attacks.")
                if c[2] == "red-sea"}


@pytest.mark.parametrize("text", [
    "The Israeli raid on Tuesday killed four people.",  # a state before the event is whose it is
    "The Goma talks ended without a deal, Kenya said.",  # no attack
])
def test_a_state_or_no_attack_before_the_noun_is_no_place_struck(extract, text):
    found = _attacks(extract, text)
    assert not {c for c in found if c[2] in ("israel", "goma")}


@pytest.mark.parametrize("text, expected", [
    ("Kenya said al-Shabab was behind the attack on Garissa.", ("al-shabab", "attacks", "garissa")),
])
def test_who_was_behind_an_attack_is_its_agent(extract, text, expected):
    assert expected in _attacks(extract, text)


def test_behind_without_an_attack_names_no_agent(extract):
    assert not _attacks(extract, "Kenya said al-Shabab was behind the wall in Garissa.")


@pytest.mark.parametrize("text, expected", [
    ("Two al-Shabab militants were killed on Sunday during an encounter with Kenyan troops.",
     ("al-shabab", "attacks", "kenya")),
    ("Mali said dozens of its soldiers died over several days of fighting against al-Qaeda.",
     ("mali", "attacks", "al-qaeda")),
])
def test_the_side_whose_fighters_fell_in_a_fight_fights(extract, text, expected):
    assert expected in _attacks(extract, text)


@pytest.mark.parametrize("text, unwanted", [
    # people who are no fighters name no side
    ("Nine Kenyans were killed in clashes with al-Shabab.", ("kenya", "attacks", "al-shabab")),
    # an attack's dead are its victims, not a side of it
    ("Two Kenyan soldiers were killed in an attack by al-Shabab.", ("kenya", "attacks", "al-shabab")),
])
def test_the_dead_of_an_attack_or_civilians_are_no_side(extract, text, unwanted):
    assert unwanted not in _attacks(extract, text)


def test_an_assassination_of_a_person_strikes_them(extract):
    assert ("united-states", "attacks", "qassem-soleimani") in _attacks(
        extract, "After the US assassination of Qassem Soleimani, Iran vowed revenge.")


@pytest.mark.parametrize("text, expected", [
    ("Al-Shabab has waged a brutal insurgency against the Somali government since 2006.",
     ("al-shabab", "attacks", "somalia")),
    ("Boko Haram launched an insurgency in Nigeria in 2009.", ("boko-haram", "attacks", "nigeria")),
])
def test_an_insurgency_is_fought_against_a_state(extract, text, expected):
    assert expected in _attacks(extract, text)


@pytest.mark.parametrize("text, expected", [
    ("Russia has repeatedly attacked Ukrainian ports since June.", ("russia", "attacks", "ukraine")),
    ("India struck three Pakistani airbases early on Saturday.", ("india", "attacks", "pakistan")),
])
def test_a_states_port_or_airbase_struck_strikes_the_state(extract, text, expected):
    assert expected in _attacks(extract, text)


@pytest.mark.parametrize("text, unwanted", [
    ("The EU has hit Belarus with successive waves of sanctions since 2020.", ("european-union", "attacks", "belarus")),
    ("The United States launched new sanctions against Iran on Monday.", ("united-states", "attacks", "iran")),
    ("Sanctions followed after Iran began supporting the Russian war on Ukraine.", ("iran", "attacks", "ukraine")),
])
def test_sanctions_launched_or_a_war_supported_are_no_attack(extract, text, unwanted):
    assert unwanted not in _attacks(extract, text)


@pytest.mark.parametrize("text, expected", [
    ("Iran launched missiles at Israel on Tuesday.", ("iran", "attacks", "israel")),
    ("Israel hit Hezbollah with airstrikes on Monday.", ("israel", "attacks", "hezbollah")),
    ("Sanctions followed after Iran began supporting the Russian war on Ukraine.", ("russia", "attacks", "ukraine")),
])
def test_attacks_launched_or_hit_with_strikes_stay(extract, text, expected):
    assert expected in _attacks(extract, text)
