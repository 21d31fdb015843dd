"""What is and is not an attack (round 3): sanctions "launched" or a country "hit" with
sanctions are no attack, nor is a war someone else's that one supports ("began supporting the
Russian war on Y": Russia's); missiles launched and strikes hit with stay attacks. (The place an
attack happened "in" is struck: tests/test_frames.py.) Every sentence is written for the tests."""
from __future__ import annotations

import pytest

from conftest import relations


def _attacks(extract, text: str) -> set[tuple[str, str, str]]:
    return {c for c in relations(extract(text)) if c[1] == "attacks"}


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
