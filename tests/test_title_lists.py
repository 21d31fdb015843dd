"""Titles whose holders are named in a list, as a counterpart, or past a catalog alias.

- A plural title names each person it lists: "Acme Brigade members A and B", "four Chilean
  officials: A, B and C", "three officials to the list: A, B and C".
- A counterpart of a state's head heads their own state; of a minister, is an official.
- A catalog alias that holds a title and part of a name ("President Xi" of "President Xi
  Jinping") leaves the title free and takes the whole name."""
from __future__ import annotations

import pytest

from conftest import assert_claims, relations


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The ministry sanctioned Acme Brigade members Jane Roe and John Doe for their attacks.",
         {("jane-roe", "officialOf", "acme-brigade"), ("john-doe", "officialOf", "acme-brigade")}),
        ("Washington sanctioned four Chilean government officials: Jane Roe, John Doe and Ann Lee.",
         {("jane-roe", "officialOf", "chile"), ("john-doe", "officialOf", "chile"),
          ("ann-lee", "officialOf", "chile")}),
        ("Washington added three Chilean officials to the list: Jane Roe, John Doe and Ann Lee.",
         {("jane-roe", "officialOf", "chile"), ("john-doe", "officialOf", "chile"),
          ("ann-lee", "officialOf", "chile")}),
    ],
)
def test_a_plural_title_names_each_holder_it_lists(extract, text, expected):
    found = relations(extract(text))
    assert expected <= found, found


def test_a_singular_title_takes_only_its_own_holder(extract):
    found = relations(extract("Chile's minister Jane Roe and John Doe met in Lima."))
    assert_claims(found, ("jane-roe", "officialOf", "chile"), ("john-doe", "officialOf", "chile"))


def test_a_title_alias_leaves_the_whole_name(extract):
    found = relations(extract("Chinese President Xi Jinping held talks in Beijing on Monday."))
    assert_claims(found, ("xi-jinping", "leads", "china"), None)


@pytest.mark.parametrize(
    "text, expected, unwanted",
    [
        ("Chile's President Jane Roe and John Doe, her Peruvian counterpart, said in a joint statement "
         "that talks went well.", ("john-doe", "leads", "peru"), ("john-doe", "officialOf", "peru")),
        ("Chilean Defence Minister Jane Roe met his Peruvian counterpart John Doe in Lima.",
         ("john-doe", "officialOf", "peru"), ("john-doe", "leads", "peru")),
    ],
)
def test_a_counterpart_holds_the_post_of_the_one_it_matches(extract, text, expected, unwanted):
    assert_claims(relations(extract(text)), expected, unwanted)
