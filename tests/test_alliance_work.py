"""Alliance stated as work done together: verbs of working with another actor ("collaborated
with", "colluding with", "partner with", "teamed up with") and an act done "in partnership with"
another. Every sentence is written for the tests; each mechanism also has sentences where it must
not fire."""
from __future__ import annotations

import pytest

from conftest import assert_claims, relations


def assert_alliance(found, expected, unwanted):
    """As ``assert_claims``; a case that names neither claim wants no alliance at all."""
    assert_claims(found, expected, unwanted)
    if expected is None and unwanted is None:
        assert not {c for c in found if c[1] == "alliedWith"}, found


@pytest.mark.parametrize("text, expected, unwanted", [
    ("Chad collaborated with Boko Haram in the attacks.", ("chad", "alliedWith", "boko-haram"), None),
    ("Niger accused Mali of colluding with the Wagner Group.", ("mali", "alliedWith", "wagner-group"), None),
    ("Kenya will partner with France to build ships.", ("kenya", "alliedWith", "france"), None),
    ("Kenya teamed up with France last year.", ("france", "alliedWith", "kenya"), None),
    # no actor worked with, or a team that is no teaming up: no alliance
    ("Kenya refused to collaborate with the inquiry into the crash.", None, None),
    ("Kenya will team with France in the final.", None, ("kenya", "alliedWith", "france")),
])
def test_working_with_an_actor_is_alliance(extract, text, expected, unwanted):
    assert_alliance(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    ("Lockheed Martin built the drone in partnership with Boeing.",
     ("lockheed-martin", "alliedWith", "boeing"), None),
    ("Chad fought in alliance with Niger.", ("niger", "alliedWith", "chad"), None),
    ("Kenya built the ships in collaboration with France.", ("kenya", "alliedWith", "france"), None),
    # cooperation or coordination is said as readily of a state's own agencies working together
    ("The agency's unit struck the camp in cooperation with Kenya's forces.", None, None),
])
def test_an_act_done_in_partnership_with_an_actor(extract, text, expected, unwanted):
    assert_alliance(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    # the holders of a plural role noun listed with "such as", "including", "like"
    ("US allies such as Japan and Australia sent ships.", ("australia", "alliedWith", "united-states"), None),
    ("Washington's allies, including Japan and Australia, sent ships.", ("japan", "alliedWith", "united-states"), None),
    ("Iran's proxies, including Hezbollah and the Houthis, fired rockets.", ("iran", "backs", "houthis"), None),
    # a person listed is one of the allies' people, not an ally
    ("Strikes killed the leaders of its Hezbollah allies, including Jane Roe, the group's chief.", None,
     ("jane-roe", "alliedWith", "hezbollah")),
    # no owner named: no ally
    ("Chad thanked allies like France and Spain.", None, ("france", "alliedWith", "spain")),
])
def test_role_holders_listed_after_a_plural_role_noun(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    # an alliance called for is not made
    ("Chad has ignored calls to align its foreign policy with the European Union.", None,
     ("chad", "alliedWith", "european-union")),
    ("Chad aligned itself with the European Union.", ("chad", "alliedWith", "european-union"), None),
    # a defence agreement priced in money is a sale, not an alliance
    ("Kenya, France and Spain will sign the 3.5 billion dollar defence agreement.", None,
     ("kenya", "alliedWith", "france")),
    ("Kenya, France and Spain will sign the defence agreement.", ("kenya", "alliedWith", "france"), None),
    # a partner in business or trade is no ally
    ("Danny Roe, accompanied by his business partner John Doe, protested.", None,
     ("john-doe", "alliedWith", "danny-roe")),
    ("Germany is China's largest trading partner.", None, ("germany", "alliedWith", "china")),
    ("Chad is a close partner of France.", ("chad", "alliedWith", "france"), None),
])
def test_alliances_that_are_none(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    # "his country" is the state of the person "his" means, by the title the text gives them
    ("Chadian President Jane Roe said his country would deepen its alliance with France.",
     ("chad", "alliedWith", "france"), None),
    ("The president of Chad, Jane Roe, arrived in Paris for talks on strengthening his country's "
     "partnership with France.", ("chad", "alliedWith", "france"), None),
    # a person of no known state: no country
    ("Jane Roe said her country would deepen its alliance with France.", None, None),
])
def test_his_country_is_the_state_of_the_person(extract, text, expected, unwanted):
    assert_alliance(relations(extract(text)), expected, unwanted)


@pytest.mark.parametrize("text, expected, unwanted", [
    # "the two countries", "both nations": the last two states named, here or in the sentence before
    ("Chad's defence minister visited Niger on Monday. He signed a memorandum on defence collaboration "
     "between the two countries.", ("chad", "alliedWith", "niger"), None),
    ("Kenya hosted Uganda. Both countries pledged to deepen military cooperation.",
     ("uganda", "alliedWith", "kenya"), None),
    # three states named: which two is not said
    ("Kenya and Uganda met in Paris with France. The two countries signed a defence pact.", None,
     ("kenya", "alliedWith", "france")),
])
def test_the_two_countries_are_the_last_two_states_named(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)
