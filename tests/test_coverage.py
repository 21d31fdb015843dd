"""Names the reader must find: longest match, numbered units, weapon designations,
long forms of catalog names, peoples apart from states, ISO country names."""
from __future__ import annotations

import pytest

from kg.extract.catalog import load_catalog
from kg.extract.mentions import find_mentions
from kg.extract.rules import load_rules
from kg.ontology import DEFAULT_ONTOLOGY_DIR, load_ontology
from kg.pipeline.parse import stages


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
    # a state's body ("officials") is the state's; its fighters are not (test_entities_first.py)
    ("Soldiers shot four Palestinians near the checkpoint, and Palestinian officials protested.",
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


@pytest.mark.parametrize("text, name", [
    ("Engineers of Joint Task Force – Coral Shield rebuilt the pier.", "Joint Task Force – Coral Shield"),
    ("The Allied Maritime Command – Operation Sea Lantern escorted the ferries.",
     "Allied Maritime Command – Operation Sea Lantern"),
    ("The pier was rebuilt by engineers of Task Force – Kandor last week.", "Task Force – Kandor"),
    ("Soldiers from Joint Task Force – Tarsa Valley guarded the dam.", "Joint Task Force – Tarsa Valley"),
])
def test_an_organisations_name_runs_on_after_a_dash(mentions_of, text, name):
    found = mentions_of(text)
    assert found.get(name, (None,))[0] == "Organization"
    assert len(found) == 1  # neither part stays a name of its own


@pytest.mark.parametrize("text, names", [
    ("The Serbia - Kosovo talks stalled again.", {"Serbia", "Kosovo"}),  # two states, one noun
    ("BELGRADE – The minister said the talks would resume.", set()),  # a dateline
    ("The grain was collected by the Northern Relief Council – Halvard Berg said the depot was full.",
     {"Northern Relief Council", "Halvard Berg"}),  # a person opens a new clause
    ("Supplies from the Harbour Workers Union – Tarsa Province sent none – ran short.",
     {"Harbour Workers Union", "Tarsa Province"}),  # the place is the subject of its own clause
])
def test_a_dash_between_clauses_or_states_joins_no_names(mentions_of, text, names):
    found = mentions_of(text)
    assert not any(d in name for name in found for d in "-–")
    assert names <= set(found)


@pytest.mark.parametrize("text, name", [
    ('"The bridge is safe," said Col. Maria Ortez, chief, Combined Joint Forces Air Component Command.',
     "Combined Joint Forces Air Component Command"),
    ('"We are ready," said Brig. Tom Adler, spokesman, Combined Joint Logistics Support Command.',
     "Combined Joint Logistics Support Command"),
])
def test_a_first_word_ner_dropped_is_part_of_the_name(mentions_of, text, name):
    assert mentions_of(text).get(name, (None,))[0] == "Organization"


@pytest.fixture(scope="module")
def mentions_given_ner():
    """The mentions of ``text`` when NER found ``ner_name`` as an organisation: the
    real parse, with NER's cut forced so the widening is what is tested."""

    catalog = load_catalog(DEFAULT_ONTOLOGY_DIR)
    rules = load_rules(DEFAULT_ONTOLOGY_DIR, frozenset(load_ontology(DEFAULT_ONTOLOGY_DIR).relations))
    nlp = stages(str(DEFAULT_ONTOLOGY_DIR), None)[0]

    def run(text: str, ner_name: str) -> set[str]:
        doc = nlp(text)
        start_char = text.index(ner_name)
        cut = doc.char_span(start_char, start_char + len(ner_name), label="ORG")
        doc.ents = [e for e in doc.ents if e.end <= cut.start or e.start >= cut.end] + [cut]
        return {m.text for m in find_mentions(doc, "t", catalog, rules) if m.source == "ner"}

    return run


@pytest.mark.parametrize("text, ner_name, name", [
    ("Officers of the Combined Joint Engineer Command arrived by road.", "Joint Engineer Command",
     "Combined Joint Engineer Command"),
    ("Aid reached the depot of the Allied Naval Supply Group on Monday.", "Naval Supply Group",
     "Allied Naval Supply Group"),
    ("General Relief Fund officials met the mayor.", "Relief Fund", "Relief Fund"),  # first word, title
    ("Aid reached the Iranian Harbour Authority depot.", "Harbour Authority", "Harbour Authority"),  # demonym
    ("The envoy thanked Commander Harbour Authority staff.", "Harbour Authority", "Harbour Authority"),  # title
    ("Aid reached the Hamas Harbour Authority depot.", "Harbour Authority", "Harbour Authority"),  # another name
])
def test_an_organisation_widens_over_the_first_words_ner_dropped(mentions_given_ner, text, ner_name, name):
    assert name in mentions_given_ner(text, ner_name)


@pytest.mark.parametrize("text, name, key", [
    ("CTF 72 searched the dhow off the cape.", "CTF 72", "CTF 72"),
    ("Sailors of TF-61 rescued the crew of a trawler.", "TF-61", "TF 61"),
    ("The cutter joined the Coast Guard's Task Force (TF) 34 on Friday.", "Task Force (TF) 34", "TF 34"),
    ("Ships of Combined Task Force 405 (CTF 405) sailed at dawn.", "Combined Task Force 405",
     "Combined Task Force 405"),
])
def test_task_forces_by_letters_and_number_are_bodies(mentions_of, text, name, key):
    assert mentions_of(text).get(name) == ("GovernmentBody", key)


@pytest.mark.parametrize("text", [
    "The plant shipped UTF 8 files to the office.",
    "An F-16 and a Su-35 flew past.",
])
def test_task_force_letters_leave_other_codes_alone(mentions_of, text):
    assert not any(cls == "GovernmentBody" for cls, _key in mentions_of(text).values())


def test_a_task_force_abbreviation_is_one_body_with_its_long_name(extract):
    claims = extract("Ships of Combined Task Force 405 (CTF 405) sailed at dawn. "
                     "CTF 405 is led by Commodore Helen Marsh.")
    assert ("helen-marsh", "leads", "combined-task-force-405", "Asserted") in claims


@pytest.mark.parametrize("text, leader, unit", [
    ("TF 88 is commanded by Rear Admiral Petra Lind.", "petra-lind", "tf-88"),
    ("Task Force (TF) 34 is led by Captain Omar Velde, the ship's master.", "omar-velde", "tf-34"),
])
def test_a_numbered_task_force_has_its_leader(extract, text, leader, unit):
    assert (leader, "leads", unit, "Asserted") in extract(text)


@pytest.mark.parametrize("text, ner_name", [
    ("Brask Analytics – Professor of law at Tarsa University.", "Brask Analytics"),  # a contributor's line
    ("Shares of Orvane Foods – Helm & Baird's owner – fell.", "Orvane Foods"),  # an apposition
    ("The trucks were stopped by Valley Aid League – Brenn officials said nothing was found.", "Valley Aid League"),
])
def test_a_dash_before_a_description_joins_no_names(mentions_given_ner, text, ner_name):
    found = mentions_given_ner(text, ner_name)
    assert ner_name in found and not any("–" in name for name in found)


@pytest.mark.parametrize("text, name", [
    ("Both powers must now back a nationwide Cessation of Hostilities across the province.",
     "Cessation of Hostilities"),
])
def test_a_name_headed_by_an_event_or_agreement_is_no_actor(mentions_of, text, name):
    nlp = stages(str(DEFAULT_ONTOLOGY_DIR), None)[0]
    assert name in [ent.text for ent in nlp(text).ents]  # the statistical NER takes it for a name
    assert name not in mentions_of(text)
