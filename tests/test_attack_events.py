"""Attacks stated as events (issue 19): the event laid on its agent
("blamed X for the attack"), and the attack undergone ("Y came under fire from X")."""
from __future__ import annotations

import pytest

from conftest import relations


def _rules(build_texts, text: str) -> set[tuple[str, str, str, str]]:
    return {(c.subject, c.relation, c.object, c.rule) for c in build_texts([text]).claims}


@pytest.mark.parametrize("text", [
    "The war of independence ended with a treaty in Paris.",
    "An attack of nerves kept Kenya's captain off the pitch.",
    "Brussels accuses Uganda of supporting the invasion of Kenya.",
])
def test_of_names_no_target_of_war_or_attack(extract, text):
    assert not {c for c in relations(extract(text)) if c[1] == "attacks"}


@pytest.mark.parametrize("text, expected", [
    ("Kenya blamed al-Shabab for the attack on Garissa.", ("al-shabab", "attacks", "garissa")),
    ("Uganda accused the Allied Democratic Forces of attacks against Uganda.",
     ("allied-democratic-forces", "attacks", "uganda")),
    ("Boko Haram claimed responsibility for the attack on Maiduguri.", ("boko-haram", "attacks", "maiduguri")),
    ("Nigeria held Boko Haram responsible for the raids on Maiduguri.", ("boko-haram", "attacks", "maiduguri")),
])
def test_the_one_blamed_for_an_attack_is_its_agent(extract, text, expected):
    assert expected in relations(extract(text))


@pytest.mark.parametrize("text", [
    "Kenya blamed al-Shabab for the drought in Garissa.",
    "Kenya blamed the attack on al-Shabab.",  # who is struck is not named
])
def test_blame_without_a_named_attack_and_target_is_no_attack(extract, text):
    assert not {c for c in relations(extract(text)) if c[1] == "attacks" and c[2] == "kenya"}
    assert ("kenya", "attacks", "al-shabab") not in relations(extract(text))


@pytest.mark.parametrize("text, expected", [
    ("The Kenyan army came under fire from al-Shabab near the border.", ("al-shabab", "attacks", "kenya")),
    ("The Chadian army came under attack from Boko Haram on Friday.", ("boko-haram", "attacks", "chad")),
])
def test_an_attack_undergone_is_by_whom_it_comes_from(extract, text, expected):
    assert expected in relations(extract(text))


@pytest.mark.parametrize("text", [
    "Kenya came under pressure from the United States over the vote.",
    "A fire from Lebanon's forests burned into Syria.",
    "Hezbollah fighters came under fire near the border.",
])
def test_fire_not_undergone_from_an_actor_is_no_attack(extract, text):
    assert not {c for c in relations(extract(text)) if c[1] == "attacks"}


def test_the_rule_names_the_frame(build_texts):
    assert ("al-shabab", "attacks", "kenya", "attacks-under-fire-noun") in _rules(
        build_texts, "The Kenyan army came under fire from al-Shabab near the border.")
    assert ("m23", "attacks", "goma", "attacks-capture-verb") in _rules(
        build_texts, "M23 rebels seized Goma in January.")


@pytest.mark.parametrize("text, expected", [
    ("M23 rebels seized Goma in January.", ("m23", "attacks", "goma")),
    ("The capture of Goma by the M23 shocked Kinshasa.", ("m23", "attacks", "goma")),
    ("Russian forces overran Avdiivka after months of fighting.", ("russia", "attacks", "avdiivka")),
])
def test_a_place_taken_by_force_is_struck(extract, text, expected):
    assert expected in relations(extract(text))


@pytest.mark.parametrize("text", [
    "Iran seized a tanker in the Gulf.",
    "The singer captured the attention of Washington.",
    "The Taliban seized power in Afghanistan.",
])
def test_what_is_seized_that_is_no_place_is_no_attack(extract, text):
    assert not {c for c in relations(extract(text)) if c[1] == "attacks"}


@pytest.mark.parametrize("text, expected", [
    ("Qasem Soleimani was killed in a US drone strike at the airport.", ("united-states", "attacks", "qassem-soleimani")),
    ("Hashem Safieddine was also killed in Israeli strikes a week later.", ("israel", "attacks", "hashem-safieddine")),
    ("An Israeli strike killed Saleh al-Arouri in Beirut.", ("israel", "attacks", "saleh-al-arouri")),
])
def test_whom_an_attack_killed_is_struck(extract, text, expected):
    assert expected in relations(extract(text))


@pytest.mark.parametrize("text", [
    "Kenyan soldiers were killed in Kenyan strikes by mistake.",
    "Palestinians were killed in Israeli strikes on the camp.",
    "Ten people were killed in a Kenyan air strike near the border.",
])
def test_a_killing_strikes_no_one_of_its_own_side_nor_a_place(extract, text):
    assert not {c for c in relations(extract(text)) if c[1] == "attacks"}


@pytest.mark.parametrize("text, expected", [
    ("Israel assassinated Hassan Nasrallah in Beirut.", ("israel", "attacks", "hassan-nasrallah")),
])
def test_more_verbs_of_attack(extract, text, expected):
    assert expected in relations(extract(text))


@pytest.mark.parametrize("text, expected", [
    ("Kenyan jets bombed Kismayo on Monday.", ("kenya", "attacks", "kismayo")),
    ("A Kenyan airstrike hit a house in Kismayo.", ("kenya", "attacks", "kismayo")),
    ("Kismayo was hit by Kenyan airstrikes on Monday.", ("kenya", "attacks", "kismayo")),
])
def test_a_strike_or_craft_as_subject_is_its_owners_attack(extract, text, expected):
    assert expected in relations(extract(text))


def test_a_drone_named_by_its_maker_strikes_for_no_one(extract):
    assert not {c for c in relations(extract("Iranian drones struck Kyiv overnight.")) if c[1] == "attacks"}


@pytest.mark.parametrize("text, expected", [
    ("Kenya struck al-Shabab positions in Somalia.", ("kenya", "attacks", "somalia")),
    ("Kenyan troops shelled the airport in Kismayo.", ("kenya", "attacks", "kismayo")),
])
def test_the_place_a_thing_struck_lies_in_is_struck(extract, text, expected):
    assert expected in relations(extract(text))


@pytest.mark.parametrize("text", [
    "Kenya fought al-Shabab in Somalia.",  # fighting names where, not what is struck
    "Kenya struck al-Shabab in Somalia.",  # an actor struck: the place is where it was
])
def test_a_place_beside_an_actor_fought_or_struck_is_not_struck(extract, text):
    assert ("kenya", "attacks", "somalia") not in relations(extract(text))


def test_an_x_led_attack_is_x_s(extract):
    assert ("hamas", "attacks", "israel") in relations(extract("The Hamas-led attacks on Israel shocked the region."))


@pytest.mark.parametrize("text, expected", [
    ("Kenyan troops killed 30 al-Shabab fighters near the border.", ("kenya", "attacks", "al-shabab")),
    ("Ahmed Farah was killed by Kenyan forces on Monday.", ("kenya", "attacks", "ahmed-farah")),
    ("The killing of Ahmed Farah by Kenyan troops angered his followers.", ("kenya", "attacks", "ahmed-farah")),
])
def test_killing_an_armed_group_s_people_or_a_person_strikes_them(extract, text, expected):
    assert expected in relations(extract(text))


@pytest.mark.parametrize("text", [
    "The Kenyan government killed the peace deal with Somalia.",
    "Somali gunmen killed 12 Kenyans in the town.",
])
def test_killing_a_deal_or_a_state_s_people_strikes_no_state(extract, text):
    assert not {c for c in relations(extract(text)) if c[1] == "attacks" and c[2] in ("somalia", "kenya")}


@pytest.mark.parametrize("text, expected", [
    ("Al-Shabab, which has claimed attacks on Kenya, is strong.", ("al-shabab", "attacks", "kenya")),
    ("Boko Haram claimed the raid on Maiduguri.", ("boko-haram", "attacks", "maiduguri")),
])
def test_who_claims_an_attack_made_it(extract, text, expected):
    assert expected in relations(extract(text))


@pytest.mark.parametrize("text, expected", [
    ("Kenyan strikes killed four people in Kismayo.", ("kenya", "attacks", "kismayo")),
    ("Kenyan forces killed nine Somalis in Kismayo during a raid.", ("kenya", "attacks", "kismayo")),
])
def test_the_place_people_are_killed_in_is_struck(extract, text, expected):
    assert expected in relations(extract(text))


@pytest.mark.parametrize("text", [
    "A car crash killed four people in Kismayo.",
    "Kenyan jets struck two boats in the Red Sea.",
])
def test_no_one_strikes_a_place_in_an_accident_nor_a_sea(extract, text):
    assert not {c for c in relations(extract(text)) if c[1] == "attacks" and c[2] in ("kismayo", "red-sea")}


def test_a_person_s_assault_on_people_strikes_no_place(extract):
    found = relations(extract("Jane Roe, a settler, assaulted activists in Kismayo on Monday."))
    assert not {c for c in found if c[1] == "attacks" and c[2] == "kismayo"}
