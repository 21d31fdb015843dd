"""Threats of sanctions stated by a warning ("warned X of possible sanctions", "warned X that it
could face sanctions") and sanctions put in force through a noun of enacting them ("is prepared
to trigger the reimposition of sanctions on X"). Every sentence is written for the tests, about
made-up events; each mechanism also has sentences where it must not fire."""
from __future__ import annotations

import pytest


def _pairs(extract, text, relation):
    return {(s, o) for s, r, o, _ in extract(text) if r == relation}


@pytest.mark.parametrize("text", [
    "The European Union has warned Peru of possible sanctions over the border offensive.",
    "The European Union warned Peru that it could face sanctions over its purchase of jets.",
])
def test_a_warning_of_sanctions_to_an_actor_threatens_it(extract, text):
    assert ("european-union", "peru") in _pairs(extract, text, "threatensSanctions")


@pytest.mark.parametrize("text", [
    "Chile warned Peru that sanctions would only hurt its own farmers.",
    "Chile warned Peru about the attack, but imposed no sanctions.",
    "The European Union warned Peru against evading sanctions.",
])
def test_a_warning_that_only_mentions_sanctions_threatens_no_one(extract, text):
    found = extract(text)
    assert not any(r in ("threatensSanctions", "sanctions") for _, r, _, _ in found), found


def test_who_prepares_to_trigger_the_reimposition_of_sanctions_threatens_them(extract):
    text = "Chile is prepared to trigger the reimposition of sanctions on Peru."
    assert ("chile", "peru") in _pairs(extract, text, "threatensSanctions")


def test_who_triggered_the_reimposition_of_sanctions_imposed_them(extract):
    text = "Chile triggered the reimposition of sanctions on Peru last week."
    assert ("chile", "peru") in _pairs(extract, text, "sanctions")
