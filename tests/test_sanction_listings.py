"""Sanctions stated as listings whose members are named apart from the act: after a colon or
dash that follows a count ("sanctioned two officials: A and B"), in an "including" phrase hung
on a passive ("Several officials were sanctioned, including A and B"), by "be" after a noun a
participle says was listed ("The groups designated as terrorists were A and B", "Among the
individuals listed is A"), and in a sentence naming only the target, whose sanctioner is the one
a sentence just before named. Every sentence is written for the tests, about made-up people,
firms and groups; each mechanism also has sentences where it must not fire."""
from __future__ import annotations

import pytest

from conftest import relations


@pytest.fixture(scope="module")
def claims_of(build_texts):
    """(subject, relation, object, rule) of the claims of one text."""

    def run(text: str):
        return {(c.subject, c.relation, c.object, c.rule) for c in build_texts([text]).claims}

    return run


def triples(found):
    return {(s, r, o) for s, r, o, _ in found}


@pytest.mark.parametrize("text, members", [
    ("On June 3, OFAC imposed sanctions on two of the regime's closest associates: Vice President "
     "Maria Lopez and John Barros, who serves as an adviser.", ("maria-lopez", "john-barros")),
    ("On May 2, OFAC added three more Nicaraguan officials to the SDN List: Juan Perez Gomez, "
     "Pedro Alvarez Ruiz and Luis Soto Mena.", ("juan-perez-gomez", "pedro-alvarez-ruiz", "luis-soto-mena")),
])
def test_the_members_a_count_announces_before_a_colon_are_sanctioned(claims_of, text, members):
    found = claims_of(text)
    for member in members:
        assert ("ofac", "sanctions", member) in triples(found), found
    assert any(rule.endswith("-members") for *_, rule in found)


def test_a_counted_phrase_with_members_is_not_itself_a_target(extract):
    found = relations(extract("On May 2, OFAC added three more Nicaraguan officials to the SDN List: "
                              "Juan Perez Gomez, Pedro Alvarez Ruiz and Luis Soto Mena."))
    assert ("ofac", "sanctions", "nicaragua") not in found


def test_a_colon_opening_a_clause_names_no_members(extract):
    found = relations(extract("Canada sanctioned two officials on Monday: the ministry said John Barros was next."))
    assert ("canada", "sanctions", "john-barros") not in found


def test_the_members_a_passive_includes_are_sanctioned(extract):
    found = relations(extract("The Treasury sanctioned Hezbollah on Monday. Several other officials of the group "
                              "were sanctioned, including Ali Hamdan, Hassan Karimi and Walid Nasser."))
    assert {("us-treasury-department", "sanctions", "ali-hamdan"),
            ("us-treasury-department", "sanctions", "walid-nasser")} <= found


@pytest.mark.parametrize("text, expected, unwanted", [
    ("The Treasury sanctioned Hezbollah on Monday. The other four groups designated as SDGTs were "
     "the Maute Group, Ansar Dine and Abu Sayyaf.", ("us-treasury-department", "sanctions", "ansar-dine"), None),
    ("The EU sanctioned three settlers on Monday. The listed entities are Kach Youth, a radical group, "
     "and Hilltop Front, a youth group.", ("european-union", "sanctions", "hilltop-front"), None),
    ("Britain sanctioned Hamas on Monday. Among the individuals being listed is John Doe, who heads a "
     "network of firms.", ("united-kingdom", "sanctions", "john-doe"), None),
    # no participle of listing: nothing is said of a listing
    ("Britain sanctioned Hamas on Monday. The officials are John Doe and Jane Roe.", None,
     ("united-kingdom", "sanctions", "john-doe")),
    ("Britain sanctioned Hamas on Monday. Among the individuals at the talks was John Doe.", None,
     ("united-kingdom", "sanctions", "john-doe")),
])
def test_a_listings_members_named_by_be(extract, text, expected, unwanted):
    found = relations(extract(text))
    if expected is not None:
        assert expected in found, found
    if unwanted is not None:
        assert unwanted not in found, found


def test_a_sentence_naming_only_the_target_is_read_after_a_sanction(claims_of):
    found = claims_of("Canada sanctioned Iran on Monday. Hezbollah was also designated as a terrorist group.")
    assert ("canada", "sanctions", "hezbollah", "sanctions-verb-announced") in found


@pytest.mark.parametrize("text, expected, unwanted", [
    ("The envoy said threats of US sanctions against Chile will not change the deal.",
     ("united-states", "threatensSanctions", "chile"), ("united-states", "sanctions", "chile")),
    ("Reports of US sanctions against Chile spread on Monday.", ("united-states", "sanctions", "chile"), None),
])
def test_sanctions_a_threat_is_of_are_threatened(extract, text, expected, unwanted):
    found = relations(extract(text))
    assert expected in found, found
    if unwanted is not None:
        assert unwanted not in found, found


@pytest.mark.parametrize("text, expected, unwanted", [
    ("India officially labelled the Red Front as a terrorist organisation in 2023.",
     ("india", "sanctions", "red-front"), None),
    # a label of another kind, or no label: no listing
    ("Israel declared Hamas a threat to its security.", None, ("israel", "sanctions", "hamas")),
    ("The president declared Hamas responsible.", None, ("president", "sanctions", "hamas")),
])
def test_declaring_or_labelling_an_actor_a_terrorist_group_lists_it(extract, text, expected, unwanted):
    found = relations(extract(text))
    if expected is not None:
        assert expected in found, found
    if unwanted is not None:
        assert not any(r == "sanctions" and o == unwanted[2] for _, r, o in found), found


def test_an_act_whose_targets_are_only_counted_announces_its_agent(claims_of):
    found = claims_of("The State Department said on Tuesday it has designated seven groups and two leaders as global "
                      "terrorists. Three of the groups, namely Ansar Dine, Abu Sayyaf and the Red Front, were also "
                      "designated as foreign terrorist organisations.")
    assert {("state-department", "sanctions", "ansar-dine"), ("state-department", "sanctions", "red-front")} \
        <= triples(found), found


def test_an_apposition_names_each_of_its_conjuncts(extract):
    found = relations(extract("Iran armed three militias, Kataib Alpha, Kataib Beta and Harakat Gamma, last year."))
    assert {("iran", "supplies", "kataib-alpha"), ("iran", "supplies", "harakat-gamma")} <= found, found
