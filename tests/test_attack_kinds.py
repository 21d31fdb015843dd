"""Attacks of the kinds a first round left (issue 19): a war or fighting "with" an actor, a counted
attack claimed, hijackings and sieges."""
from __future__ import annotations

import pytest

from conftest import relations


def _attacks(extract, text: str) -> set[tuple[str, str, str]]:
    return {c for c in relations(extract(text)) if c[1] == "attacks"}


@pytest.mark.parametrize("text, expected", [
    ("The Kenyan government has been in a civil war with al-Shabab since 2010.", ("kenya", "attacks", "al-shabab")),
    ("Uganda is at war with the Allied Democratic Forces.", ("uganda", "attacks", "allied-democratic-forces")),
    ("Kenya went to war with Uganda in the story.", ("kenya", "attacks", "uganda")),
    ("Kenya waged a long war with al-Shabab.", ("kenya", "attacks", "al-shabab")),
])
def test_a_war_with_an_actor_is_fought_against_it(extract, text, expected):
    assert expected in _attacks(extract, text)


@pytest.mark.parametrize("text", [
    "Kenya joined the war with Uganda against al-Shabab.",  # "with" alongside: the foe is named by "against"
    "Kenya is in talks with Uganda about the war.",
    "Kenya was at the war memorial with Uganda's president.",
])
def test_with_that_means_alongside_or_no_war_is_no_attack(extract, text):
    assert ("kenya", "attacks", "uganda") not in _attacks(extract, text)


def test_a_waged_war_finds_its_agent(extract):
    # "waged" was read as a form of "wag", so the light verb's subject was lost
    assert ("kenya", "attacks", "al-shabab") in _attacks(extract, "Kenya has been waging a war on al-Shabab.")


def test_a_counted_attack_claimed_is_the_claimants(extract):
    assert ("al-shabab", "attacks", "kenya") in _attacks(extract, "Al-Shabab has claimed dozens of attacks on Kenya.")


@pytest.mark.parametrize("text, expected", [
    ("The Balochistan Liberation Army hijacked the Jaffar Express on Tuesday.",
     ("balochistan-liberation-army", "attacks", "jaffar-express")),
    ("The Balochistan Liberation Army claimed the hijacking of the Jaffar Express.",
     ("balochistan-liberation-army", "attacks", "jaffar-express")),
    ("Hezbollah laid siege to Qusayr for weeks.", ("hezbollah", "attacks", "qusayr")),
    ("The siege of Mariupol by Russia lasted months.", ("russia", "attacks", "mariupol")),
])
def test_hijackings_and_sieges_are_attacks(extract, text, expected):
    assert expected in _attacks(extract, text)
