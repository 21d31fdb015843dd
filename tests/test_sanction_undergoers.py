"""Sanctions stated from the target's side or through words the frames did not read: a
designation written as a hyphened modifier ("a U.S.-designated terrorist group"), a target that
faces, is hit with, is subject to or remains under sanctions (the 'undergoer' path), a plural
"they" that means every conjunct of the subject reporting it, light verbs of strengthening
("tightened sanctions on X") and of agreeing on them ("agreed on sanctions against X"), and
"punitive"/"restrictive measures" as sanctions. Every sentence is written for the tests; each
mechanism also has a sentence where it must not fire."""
from __future__ import annotations

import pytest

from conftest import relations


@pytest.mark.parametrize("text, expected", [
    ("The United States condemned the raid. It was led by Hezbollah, a U.S.-designated terrorist organisation.",
     ("united-states", "sanctions", "hezbollah")),
    ("Hezbollah, a UN-designated terrorist group, fired rockets at the border.",
     ("united-nations", "sanctions", "hezbollah")),
    ("The United States sent troops. The U.S.-backed Syrian Democratic Forces advanced on the town.",
     ("united-states", "backs", "syrian-democratic-forces")),
])
def test_a_hyphened_designation_names_who_designates(extract, text, expected):
    assert expected in relations(extract(text))


def test_a_hyphened_word_of_no_designation_is_no_sanction(extract):
    found = relations(extract("The United States condemned the raid. Acme Arms is a U.S.-based company."))
    assert not any(r == "sanctions" for _, r, _ in found), found


@pytest.mark.parametrize("text, expected", [
    ("The Taliban has remained under UN sanctions since 2014.", ("united-nations", "sanctions", "taliban")),
    ("Juan Perez faced sanctions from the United States.", ("united-states", "sanctions", "juan-perez")),
    ("Juan Perez faced sanctions by both the United Nations and the European Union.",
     ("european-union", "sanctions", "juan-perez")),
    ("Acme Arms is subject to U.S. sanctions.", ("united-states", "sanctions", "acme-arms")),
    ("The Treasury sanctioned Belarus on Monday. Juan Perez was also hit with sanctions.",
     ("us-treasury-department", "sanctions", "juan-perez")),
    ("Belarus could face sanctions from the EU.", ("european-union", "threatensSanctions", "belarus")),
])
def test_the_target_undergoes_the_sanctions(extract, text, expected):
    assert expected in relations(extract(text))


def test_facing_criticism_is_no_sanction(extract):
    found = relations(extract("Juan Perez faced criticism from the United States."))
    assert not any(r in ("sanctions", "threatensSanctions") for _, r, _ in found), found


def test_a_plural_they_means_every_conjunct_of_the_subject_reporting_it(extract):
    found = relations(extract("France, Germany and Britain said they are prepared to impose sanctions on Belarus."))
    assert {("france", "threatensSanctions", "belarus"), ("germany", "threatensSanctions", "belarus"),
            ("united-kingdom", "threatensSanctions", "belarus")} <= found


def test_a_singular_it_means_one_subject(extract):
    found = relations(extract("France and Germany met on Monday, and the EU said it would impose sanctions on Belarus."))
    assert ("france", "threatensSanctions", "belarus") not in found


@pytest.mark.parametrize("text, expected", [
    ("The EU tightened sanctions on Belarus in June.", ("european-union", "sanctions", "belarus")),
    ("The EU agreed on new sanctions against Belarus.", ("european-union", "threatensSanctions", "belarus")),
    ("The EU is set to impose punitive measures against Belarus.", ("european-union", "threatensSanctions", "belarus")),
    ("The EU extended restrictive measures against Belarus.", ("european-union", "sanctions", "belarus")),
])
def test_sanctions_through_light_verbs_and_measures(extract, text, expected):
    assert expected in relations(extract(text))


def test_measures_of_no_punishment_are_no_sanctions(extract):
    found = relations(extract("The EU adopted new measures to protect Belarus."))
    assert not any(r in ("sanctions", "threatensSanctions") for _, r, _ in found), found


def test_an_indefinite_apposition_describes_the_name_before_it(extract):
    found = relations(extract("The United States condemned the raid. He killed Juan Perez, the head of the Quds "
                              "Force, a U.S.-designated Foreign Terrorist Organization."))
    assert ("united-states", "sanctions", "quds-force") in found
    assert not any(r == "sanctions" and "organization" in o for _, r, o in found), found


def test_an_entity_named_by_a_demonym_is_not_the_state_facing_sanctions(extract):
    found = relations(extract("The U.S. sanctioned Acme Arms, which has worked with a Russian entity already "
                              "facing sanctions to ship drones to Russia."))
    assert not any(r == "sanctions" and o == "russia" for _, r, o in found), found


@pytest.mark.parametrize("text", [
    "The EU sanctioned Belarus on Monday. Individuals include the two leaders of the Red Youth – John Barros and Pedro Alvarez.",
    "The EU sanctioned Belarus on Monday. They include two officials: John Barros and Pedro Alvarez.",
])
def test_a_listing_of_a_counted_noun_names_its_members_after_the_mark(extract, text):
    found = relations(extract(text))
    assert {("european-union", "sanctions", "john-barros"), ("european-union", "sanctions", "pedro-alvarez")} <= found


def test_a_listing_with_no_mark_after_it_names_no_members(extract):
    found = relations(extract("The EU sanctioned Belarus on Monday. They include two officials, said John Barros."))
    assert ("european-union", "sanctions", "john-barros") not in found
