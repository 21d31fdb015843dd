"""Names the reader must find: longest match, numbered units, weapon designations,
long forms of catalog names, peoples apart from states, ISO country names."""
from __future__ import annotations

import pytest

from kg.extract.catalog import load_catalog
from kg.extract.mentions import find_mentions
from kg.extract.rules import load_rules
from kg.ontology import DEFAULT_ONTOLOGY_DIR, load_ontology
from kg.parse import stages


@pytest.fixture(scope="module")
def mentions_of():
    catalog = load_catalog(DEFAULT_ONTOLOGY_DIR)
    rules = load_rules(DEFAULT_ONTOLOGY_DIR, frozenset(load_ontology(DEFAULT_ONTOLOGY_DIR).relations))
    nlp = stages(str(DEFAULT_ONTOLOGY_DIR), None)[0]

    def run(text: str) -> dict[str, tuple[str, str]]:
        """Mention text -> (class, key) for the named mentions of ``text``."""
        found = find_mentions(nlp(text), "t", catalog, rules)
        return {m.text: (m.type, m.key) for m in found if m.source in ("catalog", "ner", "demonym", "collective")}

    return run


@pytest.mark.parametrize("text, name, country", [
    ("Kenya Airways cancelled its evening flights to Lagos after the storm.", "Kenya Airways", "kenya"),
    ("Passengers of Oman Air waited for six hours at the terminal.", "Oman Air", "oman"),
])
def test_longest_match_a_country_inside_a_longer_name_is_not_the_country(mentions_of, text, name, country):
    found = mentions_of(text)
    assert name in found and found[name][1] != country
    assert all(key != country for _cls, key in found.values())


@pytest.mark.parametrize("text", [
    "The US Navy escorted two tankers through the strait.",
    "A Kenya Defence Forces convoy crossed the border.",
])
def test_longest_match_keeps_a_state_before_its_own_forces(mentions_of, text):
    assert any(key in ("united-states", "us-armed-forces", "kenya") for _cls, key in mentions_of(text).values())


@pytest.mark.parametrize("text, unit", [
    ("The 7th Mountain Brigade shelled the ridge above the valley.", "7th Mountain Brigade"),
    ("Brigade 409 withdrew from the town at dawn.", "Brigade 409"),
    ("Task Force 88 escorted the convoy along the coast.", "Task Force 88"),
    ("Officers of the 212th Airborne Division arrived by rail.", "212th Airborne Division"),
])
def test_numbered_units_are_named_bodies(mentions_of, text, unit):
    assert mentions_of(text).get(unit, (None,))[0] == "GovernmentBody"


@pytest.mark.parametrize("text, name, key", [
    ("The air force ordered a dozen Su-57s last spring.", "Su-57s", "Su-57"),
    ("A Zelzal-9 fell short of the harbour.", "Zelzal-9", "Zelzal-9"),
    ("An MQ-4 Triton circled the gulf for hours.", "MQ-4 Triton", "MQ-4 Triton"),
])
def test_weapon_designations_are_weapons(mentions_of, text, name, key):
    assert mentions_of(text).get(name) == ("WeaponSystem", key)


@pytest.mark.parametrize("text", [
    "COVID-19 closed the schools in Apr-2024 for a month.",
    "Delegates of the G-7 met in the old castle.",
])
def test_designation_pattern_leaves_other_codes_alone(mentions_of, text):
    assert not any(cls == "WeaponSystem" for cls, _key in mentions_of(text).values())


@pytest.mark.parametrize("text, name, key", [
    ("Fighters of the Islamic State of Iraq and the Levant blew up the bridge.",
     "Islamic State of Iraq and the Levant", "islamic-state"),
    ("Da’esh lost the last village east of the river.", "Da’esh", "islamic-state"),
    ("The ISF retook the grain silos on Tuesday.", "ISF", "iraqi-security-forces"),
    ("Coalition forces struck a depot near the canal.", "Coalition forces", "us-led-coalition"),
    ("The Russian state sold the refinery to a private buyer.", "Russian state", "russia"),
    ("Critics say the Turkish state ignored the warnings.", "Turkish state", "turkey"),
])
def test_long_forms_of_catalog_names(mentions_of, text, name, key):
    assert mentions_of(text).get(name, (None, None))[1] == key


@pytest.mark.parametrize("text, people, modifier, state", [
    ("Soldiers shot four Palestinians near the checkpoint, and Palestinian fighters fired back.",
     "Palestinians", "Palestinian", "palestine"),
    ("Thousands of Ukrainians crossed the river while Ukrainian drones flew overhead.",
     "Ukrainians", "Ukrainian", "ukraine"),
])
def test_a_people_is_not_its_state(mentions_of, text, people, modifier, state):
    found = mentions_of(text)
    assert people not in found
    assert found[modifier][1] == state


@pytest.mark.parametrize("text", [
    "The ministry said arms sales to the region doubled last year.",
    "Parliament debated arms exports for a week.",
])
def test_arms_sales_are_not_a_weapon(mentions_of, text):
    found = mentions_of(text)
    assert not any("sales" in name or "exports" in name for name in found)


@pytest.mark.parametrize("text, name", [
    ("Near Tell Varza, two strikes hit a depot.", "Near Tell Varza"),
    ("Near Qaryat Dunn, a bridge was damaged.", "Near Qaryat Dunn"),
])
def test_a_leading_preposition_is_no_part_of_a_name(mentions_of, text, name):
    assert name not in mentions_of(text)


def test_catalog_takes_country_names_from_iso_3166():
    catalog = load_catalog(DEFAULT_ONTOLOGY_DIR)
    assert catalog.lookup("Hashemite Kingdom of Jordan") == "jordan"
    assert catalog.lookup("Republic of Korea") == "south-korea"
    greenland = catalog.entries[catalog.lookup("Greenland")]
    assert greenland.type == "Place"
    assert catalog.entries["syria"].same_as.endswith("Q858")  # the file's Wikidata links stay


@pytest.mark.parametrize("text, name, expected", [
    ("The Obama administration approved the loan in its last week.", "Obama administration", ("State", "united-states")),
    ("Officials of the Varga administration denied the report.", "Varga administration",
     ("GovernmentBody", "Varga administration")),
    ("The Asad regime shelled the suburbs again.", "Asad regime", ("GovernmentBody", "Asad regime")),
])
def test_a_leaders_administration_is_the_state_not_the_person(mentions_of, text, name, expected):
    found = mentions_of(text)
    assert found.get(name) == expected
    assert not any(cls == "Person" for cls, _key in found.values())


@pytest.mark.parametrize("text", [
    "The Coalition flew four sorties over the dunes on Sunday.",
    "Fuel for Coalition aircraft arrived by sea.",
])
def test_a_capitalised_coalition_is_a_name(mentions_of, text):
    assert mentions_of(text).get("Coalition") == ("Organization", "Coalition")


@pytest.mark.parametrize("text", [
    "The Alliance met in Oslo on Sunday.",
    "Ministers said the Alliance would send ships.",
])
def test_a_capitalised_alliance_is_an_organisation_not_a_town(mentions_of, text):
    assert mentions_of(text).get("Alliance") == ("Organization", "Alliance")


@pytest.mark.parametrize("text", [
    "The coalition government fell after a week.",
    "A coalition of charities wrote to the minister.",
])
def test_a_lowercase_coalition_is_no_name(mentions_of, text):
    assert "coalition" not in mentions_of(text)


@pytest.mark.parametrize("text, name, key", [
    ("Government of Iraq troops held the bridge.", "Government of Iraq", "iraq"),
    ("Occupied Palestinian territories saw new checkpoints.", "Occupied Palestinian territories", "palestine"),
])
def test_a_catalog_name_capitalised_at_a_sentence_start_keeps_its_other_capitals(mentions_of, text, name, key):
    assert mentions_of(text).get(name, (None, None))[1] == key


def test_a_title_inside_a_name_ner_found_is_cut_off(mentions_of):
    from kg.extract.mentions import _after_title

    nlp = stages(str(DEFAULT_ONTOLOGY_DIR), None)[0]
    titles = frozenset({"secretary", "general", "minister"})
    doc = nlp("Foreign Secretary Ann Roe flew to Lisbon.")
    assert _after_title(doc[0:4], titles).text == "Ann Roe"
    doc = nlp("Army General Tomas Verhoek inspected the base.")
    assert _after_title(doc[0:4], titles).text == "Tomas Verhoek"
    doc = nlp("General Dynamics Land Systems won the contract.")
    assert _after_title(doc[0:4], titles) is None


@pytest.mark.parametrize("text, name", [
    ("Envoy Tarek Bassoum said Damascus rejects the plan.", "Tarek Bassoum"),
    ("The talks were led by Ambassador Mirela Tosk of the mission.", "Mirela Tosk"),
])
def test_a_name_after_a_title_is_a_person(mentions_of, text, name):
    assert mentions_of(text).get(name, (None,))[0] == "Person"


@pytest.mark.parametrize("text, person, rest", [
    ("Voters of Netanyahu's Likud Party stayed home.", "benjamin-netanyahu", "Likud Party"),
    ("Putin's Valdai Club met in the hills.", "vladimir-putin", "Valdai Club"),
])
def test_a_name_ner_found_keeps_its_rest_when_a_catalog_name_wins(mentions_of, text, person, rest):
    found = mentions_of(text)
    assert any(key == person for _cls, key in found.values())
    assert found.get(rest, (None,))[0] == "Organization"
