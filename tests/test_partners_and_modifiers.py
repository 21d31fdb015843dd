"""Partnerships whose owner is written before the noun, close ties and joint ventures, and
hyphened modifiers the parser hangs on another word. Every sentence is written for the tests;
each mechanism also has sentences where it must not fire."""
from __future__ import annotations

import pytest

from conftest import assert_claims, relations


@pytest.mark.parametrize("text, expected, unwanted", [
    ("The US alliance with the Philippines will outlast any government.",
     ("united-states", "alliedWith", "philippines"), None),
    ("The gift shows the U.S. partnership with Somalia.", ("somalia", "alliedWith", "united-states"), None),
    # a partnership with no owner written names one side only: no ally
    ("The partnership with Somalia was praised.", None, ("somalia", "alliedWith", "somalia")),
])
def test_partnership_owned_by_a_name_before_it(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    ("Hamas has close ties to Hezbollah.", ("hamas", "alliedWith", "hezbollah"), None),
    ("The missile is a joint venture between Airbus and Boeing.", ("airbus", "alliedWith", "boeing"), None),
    ("The deal covers defence collaboration between Chile and Peru.", ("peru", "alliedWith", "chile"), None),
    # ties kept, cut or restored are no partnership
    ("Chile restored diplomatic ties with Peru.", None, ("chile", "alliedWith", "peru")),
    ("Chile cut ties with Peru.", None, ("chile", "alliedWith", "peru")),
])
def test_close_ties_and_joint_ventures_are_partnerships(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    # the parser hangs the hyphened modifier on another word; the name written after it is described
    ("Ships came under fire from the Iranian-backed Houthi-based fighters.", ("iran", "backs", "houthis"), None),
    ("Iran-aligned Iraqi armed group Kataib Hezbollah announced a pause.",
     ("kataib-hezbollah", "alliedWith", "iran"), None),
    # a name after the clause's verb is not what the modifier describes
    ("Iran-backed militias attacked Israel.", None, ("iran", "backs", "israel")),
])
def test_a_hyphened_modifier_describes_the_name_written_after_it(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)
