"""Sanctions whose targets are named apart from the act: a counted target ("ordered sanctions
against two ministers") whose members the sentence next to it names, exactly that many; a list of
sanctioners parsed as a chain of appositions ("Chile, Peru, Canada and Norway"); the members of a
listing that a long list hangs all over the parse ("They include the head of X A, the chief of Y B
and C"); "those on the sanctions list"; sanctions that modify a threat ("US sanctions
threats"); and the one a light verb deals sanctions to ("hit X with sanctions"). Every sentence is written for the tests, about made-up people and firms; each
mechanism also has sentences where it must not fire."""
from __future__ import annotations

import pytest

from conftest import relations


@pytest.mark.parametrize("text, members", [
    ("Chile and Peru on Monday ordered sanctions against two hard-line Ruritanian ministers. Finance "
     "Minister Juan Perez Gomez and Interior Minister Pedro Alvarez Ruiz will be barred from entry.",
     ("juan-perez-gomez", "pedro-alvarez-ruiz")),
    ("Canada blacklisted three army officers last year. The officers, John Keita, Peter Toure and "
     "Paul Diallo, were accused of abuses.", ("john-keita", "peter-toure", "paul-diallo")),
])
def test_a_counted_target_takes_the_members_the_next_sentence_names(extract, text, members):
    found = relations(extract(text))
    subject = "chile" if text.startswith("Chile") else "canada"
    for member in members:
        assert (subject, "sanctions", member) in found, found


def test_a_counted_target_takes_the_members_the_sentence_before_names(extract):
    found = relations(extract("Prosecutors charged Juan Perez Gomez and Pedro Alvarez Ruiz with fraud on "
                              "Monday. Canada also sanctioned the two men."))
    assert {("canada", "sanctions", "juan-perez-gomez"), ("canada", "sanctions", "pedro-alvarez-ruiz")} <= found


@pytest.mark.parametrize("text", [
    # the count does not match the names next to it
    "Canada sanctioned three officials on Monday. Juan Perez Gomez and Pedro Alvarez Ruiz met in Lima.",
    # the counted noun is not what is sanctioned
    "Canada sanctioned Hamas over the killing of two men. Juan Perez Gomez and Pedro Alvarez Ruiz were buried.",
])
def test_a_counted_target_takes_no_members_otherwise(extract, text):
    found = relations(extract(text))
    assert not any(o in ("juan-perez-gomez", "pedro-alvarez-ruiz") for _, r, o in found if r == "sanctions"), found


def test_a_list_of_states_parsed_as_appositions_is_each_an_agent(extract):
    found = relations(extract("Britain, Japan, Canada, New Zealand and Norway on Friday announced sanctions against Hamas."))
    assert {("japan", "sanctions", "hamas"), ("canada", "sanctions", "hamas"), ("new-zealand", "sanctions", "hamas"),
            ("norway", "sanctions", "hamas")} <= found, found


def test_a_listing_names_each_titled_member_and_no_title_owner(extract):
    found = relations(extract("The Treasury sanctioned Hezbollah on Monday. They include the commander of "
                              "Maduro's guard Ivan Perez Dala, and the head of the oil firm John Quevedo."))
    assert {("us-treasury-department", "sanctions", "ivan-perez-dala"),
            ("us-treasury-department", "sanctions", "john-quevedo")} <= found, found
    assert not any("maduro" in o for _, r, o in found if r == "sanctions"), found


def test_a_listing_names_each_firm_of_a_long_list(extract):
    found = relations(extract("Chile sanctioned ten US firms on Monday. The entities include units of Lockheed "
                              "Martin, Raytheon and General Dynamics."))
    assert {("chile", "sanctions", "lockheed-martin"), ("chile", "sanctions", "rtx")} <= found, found


@pytest.mark.parametrize("text, expected, unwanted", [
    ("The EU imposed sanctions on Hamas on Monday. Among those on the sanctions list are rebel leader Paul "
     "Kanyuka.", ("european-union", "sanctions", "paul-kanyuka"), None),
    ("The EU imposed sanctions on Hamas on Monday. Among those on the guest list are rebel leader Jean Bisimwa.",
     None, ("european-union", "sanctions", "jean-bisimwa")),
])
def test_those_on_a_sanctions_list_are_listed(extract, text, expected, unwanted):
    found = relations(extract(text))
    if expected is not None:
        assert expected in found, found
    if unwanted is not None:
        assert unwanted not in found, found


@pytest.mark.parametrize("text, expected, unwanted", [
    ("The minister said the US sanctions threats against Chile have had no effect.",
     ("united-states", "threatensSanctions", "chile"), ("united-states", "sanctions", "chile")),
    ("The US sanctions on Chile have had no effect.", ("united-states", "sanctions", "chile"), None),
])
def test_sanctions_modifying_a_threat_are_threatened(extract, text, expected, unwanted):
    found = relations(extract(text))
    assert expected in found, found
    if unwanted is not None:
        assert unwanted not in found, found


@pytest.mark.parametrize("text, expected, unwanted", [
    ("The EU slapped Iran with new sanctions.", ("european-union", "sanctions", "iran"), None),
    ("Canada last week also hit Chile with its own penalties.", ("canada", "sanctions", "chile"),
     ("chile", "sanctions", "canada")),
    # an attack dealt with weapons is no sanction
    ("Israel hit Hamas with its own rockets.", None, ("israel", "sanctions", "hamas")),
])
def test_the_one_a_sanction_is_dealt_to_with_a_light_verb(extract, text, expected, unwanted):
    found = relations(extract(text))
    if expected is not None:
        assert expected in found, found
    if unwanted is not None:
        assert unwanted not in found, found
