"""Names NER cuts, joins or hands to the wrong catalog entry (issue 19, entities first): a
catalog person's short name inside someone else's full name, a place inside a person's name, a
person's name cut in two or cut short after a rank, a body's name run on into the name of its
official, and an editor's bracket left inside a name. Every sentence is written for the tests."""
from __future__ import annotations

import pytest


def _entities(build_texts, text):
    return {(e.id, e.type) for e in build_texts([text]).entities}


@pytest.mark.parametrize("text, person, not_wanted", [
    # "Abbas" alone is the catalog's Mahmoud Abbas; "Abbas Karimi" is someone else
    ("Navy spokesman Abbas Karimi said the tanker was seized.", "abbas-karimi", "mahmoud-abbas"),
    # "Aden" is a catalog place; inside a person's name it is a word of the name
    ("Three shells hit the base, AMISOM spokesman Ali Aden Hussein said.", "ali-aden-hussein", "aden"),
])
def test_a_catalog_name_inside_another_persons_name_is_that_person(build_texts, text, person, not_wanted):
    found = _entities(build_texts, text)
    assert (person, "Person") in found
    assert not any(eid == not_wanted for eid, _ in found)


def test_a_persons_name_ner_cut_in_two_is_one_name(build_texts):
    found = _entities(build_texts, "Foreign Affairs Minister Taye Astke Selassie said Egypt supplied rifles to Somalia.")
    assert ("taye-astke-selassie", "Person") in found


def test_a_given_name_after_a_rank_belongs_to_the_name(build_texts):
    found = _entities(build_texts, "Said the pilot's commander, Air Marshal Imran Ahmed Rashid Malik, the jets were ready.")
    assert ("imran-ahmed-rashid-malik", "Person") in found


def test_a_body_name_run_on_into_its_officials_name_is_cut(build_texts):
    found = _entities(build_texts, "The list names the head of the Interior Ministry Giorgi Beridze and his deputy.")
    assert ("giorgi-beridze", "Person") in found
    assert not any("beridze" in eid and eid != "giorgi-beridze" for eid, _ in found)


def test_a_stray_editors_bracket_does_not_cut_a_catalog_name(build_texts):
    found = _entities(build_texts, "Naftali] Bennett said Israel attacked Hamas.")
    assert ("naftali-bennett", "Person") in found
    assert not any(eid in ("naftali", "bennett") for eid, _ in found)
