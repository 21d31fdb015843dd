"""A broken ontology, catalog or rule file stops the build with file, line and fix."""
from __future__ import annotations

import shutil

import pytest

from kg.extract.catalog import load_catalog
from kg.errors import OntologyError, RuleError
from kg.ontology import DEFAULT_ONTOLOGY_DIR, load_ontology
from kg.extract.rules import load_rules


@pytest.fixture
def ontology_copy(tmp_path):
    target = tmp_path / "ontology"
    shutil.copytree(DEFAULT_ONTOLOGY_DIR, target)
    return target


def _append(path, line):
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    return sum(1 for _ in path.open(encoding="utf-8"))


def test_config_catalog_bad_json_names_line(ontology_copy):
    line = _append(ontology_copy / "entities.jsonl", '{"id": "x", "label": ')
    with pytest.raises(OntologyError, match=rf"entities.jsonl:{line}: invalid JSON"):
        load_catalog(ontology_copy)


def test_config_catalog_unknown_class(ontology_copy):
    line = _append(ontology_copy / "entities.jsonl", '{"id": "zz-test", "label": "Zz Test", "class": "Planet"}')
    with pytest.raises(OntologyError, match=rf":{line}: unknown class 'Planet'; use one of State"):
        load_catalog(ontology_copy)


def test_config_catalog_alias_claimed_twice(ontology_copy):
    line = _append(ontology_copy / "entities.jsonl",
                   '{"id": "zz-test", "label": "Zz Test", "class": "State", "aliases": ["Hezbollah"]}')
    with pytest.raises(OntologyError, match=rf":{line}: alias 'Hezbollah' is already used by 'hezbollah'"):
        load_catalog(ontology_copy)


def test_config_rule_unknown_relation(ontology_copy):
    line = _append(ontology_copy / "rules" / "relations.jsonl",
                   '{"id": "x", "relation": "befriends", "form": "verb", "lemmas": ["befriend"]}')
    relations = frozenset(load_ontology(ontology_copy).relations)
    with pytest.raises(RuleError, match=rf"relations.jsonl:{line}: unknown relation 'befriends'; known: "):
        load_rules(ontology_copy, relations)


def test_config_rule_unknown_form(ontology_copy):
    _append(ontology_copy / "rules" / "relations.jsonl", '{"id": "x", "relation": "backs", "form": "regex"}')
    with pytest.raises(RuleError, match="unknown form 'regex'"):
        load_rules(ontology_copy, frozenset(load_ontology(ontology_copy).relations))


def test_config_lexicon_bad_json(ontology_copy):
    (ontology_copy / "rules" / "lexicon.json").write_text('{\n  "a": [1,\n}\n')
    with pytest.raises(OntologyError, match=r"lexicon.json:3: invalid JSON"):
        load_rules(ontology_copy, frozenset(load_ontology(ontology_copy).relations))


def test_config_shipped_files_load():
    ontology = load_ontology(DEFAULT_ONTOLOGY_DIR)
    catalog = load_catalog(DEFAULT_ONTOLOGY_DIR)
    rules = load_rules(DEFAULT_ONTOLOGY_DIR, frozenset(ontology.relations))
    assert {r.relation for r in rules.rules} <= set(ontology.relations)
    assert catalog.lookup("the Kremlin") == "russia"
    assert catalog.lookup("SA-22") == "pantsir-s1"
