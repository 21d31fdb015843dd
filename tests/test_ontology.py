"""Tests for kg.ontology: the shipped kg.ttl and the loader's errors."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDFS, URIRef

from kg.errors import OntologyError, RuleError
from kg.model import CLASSES, MODALITIES
from kg.ontology import DEFAULT_ONTOLOGY_DIR, load_ontology

CAMEO = "https://w3id.org/kg-news/cameo#"
RELATIONS = {
    "supplies", "directs", "backs", "threatensSanctions", "sanctions",
    "attacks", "leads", "officialOf", "alliedWith",
}
ACTORS = ("ArmedGroup", "GovernmentBody", "MediaOutlet", "Organization", "Person", "State")


@pytest.fixture
def ttl_text() -> str:
    return (DEFAULT_ONTOLOGY_DIR / "kg.ttl").read_text(encoding="utf-8")


def _write_broken(tmp_path: Path, text: str, needle: str, replacement: str) -> int:
    """Replace the first line containing ``needle``; return its 1-based number."""
    lines = text.split("\n")
    number = next(i for i, line in enumerate(lines) if needle in line)
    lines[number] = lines[number].replace(needle, replacement)
    (tmp_path / "kg.ttl").write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def test_ontology_shipped_file_loads() -> None:
    onto = load_ontology()
    assert set(CLASSES) <= onto.classes
    assert set(onto.modalities) == set(MODALITIES)
    assert load_ontology(DEFAULT_ONTOLOGY_DIR) is onto


def test_ontology_has_the_nine_relations_documented() -> None:
    relations = load_ontology().relations
    assert set(relations) == RELATIONS
    for relation in relations.values():
        assert relation.label and relation.comment, relation.name
        assert relation.domain and relation.range, relation.name


def test_ontology_actor_expands_to_the_six_actor_classes() -> None:
    relations = load_ontology().relations
    assert relations["supplies"].domain == ACTORS
    assert relations["leads"].domain == ("Person",)
    assert set(relations["attacks"].range) == {*ACTORS, "Place"}


def test_ontology_supplies_matches_cameo_072_and_0332() -> None:
    close = load_ontology().relations["supplies"].close_match
    assert {CAMEO + "072", CAMEO + "0332"} <= set(close)


def test_ontology_cameo_codes_have_labels() -> None:
    onto = load_ontology()
    codes = {m for r in onto.relations.values() for m in r.close_match}
    assert codes
    for code in codes:
        assert onto.graph.value(URIRef(code), RDFS.label), code


def test_ontology_only_allied_with_is_symmetric() -> None:
    symmetric = {r.name for r in load_ontology().relations.values() if r.symmetric}
    assert symmetric == {"alliedWith"}


@pytest.mark.parametrize(
    ("needle", "replacement"),
    [
        ('rdfs:comment "A named individual."@en .', 'rdfs:comment "A named individual."@en'),
        ("rdfs:subClassOf kgo:Actor ;", "rdfs:subClassOf kgo:Actor"),
        ("rdfs:range kgo:WeaponSystem .", "rdfs:range nope:WeaponSystem ."),
    ],
    ids=["missing-dot", "missing-semicolon", "unbound-prefix"],
)
def test_ontology_syntax_error_names_file_and_line(
    tmp_path: Path, ttl_text: str, needle: str, replacement: str
) -> None:
    line = _write_broken(tmp_path, ttl_text, needle, replacement)
    with pytest.raises(OntologyError, match=rf"kg\.ttl:{line}: "):
        load_ontology(tmp_path)


def test_ontology_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(OntologyError, match=r"kg\.ttl"):
        load_ontology(tmp_path)


def test_ontology_undocumented_relation_is_an_error(tmp_path: Path, ttl_text: str) -> None:
    _write_broken(tmp_path, ttl_text, 'rdfs:label "backs"@en ;', "")
    with pytest.raises(OntologyError, match="'backs' has no rdfs:label"):
        load_ontology(tmp_path)


def test_ontology_unknown_relation_lists_known_names() -> None:
    onto = load_ontology()
    onto.check_relation("supplies", "rules.jsonl:1")
    with pytest.raises(RuleError) as info:
        onto.check_relation("suplies", "rules.jsonl:3")
    message = str(info.value)
    assert message.startswith("rules.jsonl:3: unknown relation 'suplies'; known: ")
    assert all(name in message for name in RELATIONS)


def test_ontology_unknown_class_lists_known_names() -> None:
    onto = load_ontology()
    onto.check_class("ArmedGroup", "entities.jsonl:1")
    with pytest.raises(RuleError, match=r"^entities\.jsonl:7: unknown class 'Militia'") as info:
        onto.check_class("Militia", "entities.jsonl:7")
    assert all(name in str(info.value) for name in CLASSES)
