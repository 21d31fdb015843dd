"""Entities first: a people or its fighters named by a demonym are not the state, and an
editor's brackets are no part of a name. Every sentence is written for the tests."""
from __future__ import annotations

import pytest

from conftest import relations


@pytest.mark.parametrize("text, unwanted", [
    ("Palestinian fighters attacked Israeli troops near the fence.", ("palestine", "attacks", "israel")),
    ("Afghan militants attacked Pakistani troops near the border.", ("afghanistan", "attacks", "pakistan")),
])
def test_peoples_named_by_a_demonym_are_not_states(extract, text, unwanted):
    assert unwanted not in relations(extract(text))


def test_a_demonym_on_a_state_body_still_names_the_state(extract):
    assert ("iran", "attacks", "iraq") in relations(extract("Iranian forces struck Iraq on Monday."))


def test_an_editors_brackets_are_not_part_of_a_name(build_texts):
    result = build_texts(["\u201cWe will not yield,\u201d [Commander Amos] Tavor told troops of Hamas, "
                          "which attacked Israel."])
    labels = {e.label for e in result.entities}
    assert not any(ch in label for label in labels for ch in "[]")


@pytest.mark.parametrize("text, expected", [
    ("Jordan's King Abdullah spoke to reporters in Amman.", ("king-abdullah-ii", "leads", "jordan")),
    ("Saudi Arabia's King Salman received the delegation.", ("king-salman", "leads", "saudi-arabia")),
])
def test_a_catalog_name_leaves_its_title_to_the_title_rules(extract, text, expected):
    assert expected in relations(extract(text))
