"""The state a known person serves, for a bare title of state ("President X", "Chancellor X").

The catalog records, for persons, the state whose offices they hold or held (``state``). A bare
title held by such a person takes that state when the sentence names no owner of its own, even
in a story naming several states, and over a guess from the state the sentence names ("President
X said Peru would ..."): a careful reader knows whose president X is. A person the catalog does
not know gets no owner from it, and an owner the sentence names stays the owner."""
from __future__ import annotations

import json

import pytest

from kg.errors import OntologyError
from kg.extract.catalog import load_catalog


@pytest.fixture(scope="module")
def claims_of(build_texts):
    """(subject, relation, object, rule) of the claims of one text."""

    def run(text: str):
        return {(c.subject, c.relation, c.object, c.rule) for c in build_texts([text]).claims}

    return run


def test_a_known_head_leads_the_state_the_catalog_gives(claims_of):
    # two states named as subjects: the sentence alone leaves the title open
    found = claims_of("Germany will host the talks. Chancellor Scholz said Chile and Peru would send more police.")
    assert ("olaf-scholz", "leads", "germany", "leads-title-known-office") in found, found


def test_a_known_minister_is_an_official_of_the_state_the_catalog_gives(claims_of):
    found = claims_of("Germany will host the talks. Foreign Minister Baerbock said Chile and Peru would send more police.")
    assert ("annalena-baerbock", "officialOf", "germany", "official-title-known-office") in found, found


def test_the_known_state_beats_the_state_the_sentence_names(claims_of):
    found = claims_of("France will host the talks. President Macron said Peru would send more police.")
    assert ("emmanuel-macron", "leads", "france", "leads-title-known-office") in found, found
    assert not any(c[:3] == ("emmanuel-macron", "leads", "peru") for c in found), found


def test_a_known_state_the_text_never_names_is_no_owner(claims_of):
    found = claims_of("Chancellor Scholz said Chile and Peru would send more police.")
    assert not any(c[0] == "olaf-scholz" and c[1] == "leads" for c in found), found


def test_an_unknown_person_gets_no_state_from_the_catalog(claims_of):
    found = claims_of("Germany will host the talks. President Jane Roe said Chile and Peru would send more police.")
    assert not any(c[0] == "jane-roe" and c[1] in ("leads", "officialOf") for c in found), found


def test_the_catalog_checks_a_persons_state(tmp_path):
    lines = [{"id": "ruritania", "label": "Ruritania", "class": "State"},
             {"id": "jane-roe", "label": "Jane Roe", "class": "Person", "state": "atlantis"}]
    (tmp_path / "entities.jsonl").write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    with pytest.raises(OntologyError, match="state"):
        load_catalog(tmp_path)
    lines[1]["state"] = "ruritania"
    (tmp_path / "entities.jsonl").write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    from kg.extract import catalog as catalog_module
    catalog_module._load.cache_clear()
    assert load_catalog(tmp_path).entries["jane-roe"].state == "ruritania"
