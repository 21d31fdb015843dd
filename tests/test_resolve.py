"""Entity resolution on mentions built by hand."""
from __future__ import annotations

from kg.extract.catalog import load_catalog
from kg.model import Mention
from kg.ontology import DEFAULT_ONTOLOGY_DIR
from kg.extract.resolve import resolve_entities


def mention(doc, start, text, cls, source="ner", key=None):
    return Mention(doc_id=doc, start=start, end=start + len(text.split()), start_char=0, end_char=len(text),
                   text=text, type=cls, source=source, key=key or text)


def resolved(mentions):
    result = resolve_entities(mentions, load_catalog(DEFAULT_ONTOLOGY_DIR))
    return {m.text: result.entity_of[(m.doc_id, m.start, m.end)] for m in mentions}, result


def test_resolve_surname_joins_the_one_full_name_across_documents():
    ids, result = resolved([mention("a", 0, "Anna Kowalczyk", "Person"), mention("b", 5, "Kowalczyk", "Person")])
    assert ids["Kowalczyk"] == ids["Anna Kowalczyk"] == "anna-kowalczyk"
    assert any("Kowalczyk" in line for line in result.merge_log)


def test_resolve_ambiguous_surname_is_left_apart_and_logged():
    ids, result = resolved([mention("a", 0, "Anna Kowalczyk", "Person"), mention("a", 3, "Piotr Kowalczyk", "Person"),
                            mention("b", 0, "Kowalczyk", "Person")])
    assert ids["Kowalczyk"] not in (ids["Anna Kowalczyk"], ids["Piotr Kowalczyk"])
    assert any(line.startswith("left apart") for line in result.merge_log)


def test_resolve_surname_joins_catalog_person():
    ids, _ = resolved([mention("a", 0, "Kirby", "Person")])
    assert ids["Kirby"] == "john-kirby"


def test_resolve_acronym_joins_spelled_out_name():
    ids, _ = resolved([mention("a", 0, "Northern Alliance Front", "Organization"), mention("a", 9, "NAF", "Organization")])
    assert ids["NAF"] == ids["Northern Alliance Front"]


def test_resolve_one_name_has_one_class_across_the_corpus_persons_included():
    _, result = resolved([mention("a", 0, "Tamsin Orrow", "Organization"), mention("b", 0, "Tamsin Orrow", "Person"),
                          mention("c", 0, "Tamsin Orrow", "Person")])
    assert len(set(result.entity_of.values())) == 1
    assert [e.type for e in result.entities.values()] == ["Person"]
    assert any("'Tamsin Orrow' as Person (2 of 3" in line for line in result.merge_log)


def test_resolve_even_split_is_settled_the_same_way_every_time():
    first = resolved([mention("a", 0, "Varn Ridge", "Organization"), mention("b", 0, "Varn Ridge", "Place")])[1]
    second = resolved([mention("b", 0, "Varn Ridge", "Place"), mention("a", 0, "Varn Ridge", "Organization")])[1]
    assert [e.type for e in first.entities.values()] == [e.type for e in second.entities.values()] == ["Place"]


def test_resolve_short_name_joins_a_longer_one_only_in_its_own_article():
    by_doc = {(m_doc, start): eid for (m_doc, start, _end), eid in resolved(
        [mention("a", 0, "Korvel Air Force", "Organization"), mention("a", 7, "Air Force", "Organization"),
         mention("b", 0, "Air Force", "Organization")])[1].entity_of.items()}
    assert by_doc[("a", 7)] == by_doc[("a", 0)] == "korvel-air-force"
    assert by_doc[("b", 0)] == "air-force"


def test_resolve_acronym_in_another_article_stays_apart():
    _, result = resolved([mention("a", 0, "Northern Alliance Front", "Organization"), mention("b", 0, "NAF", "Organization")])
    assert len(set(result.entity_of.values())) == 2


def test_resolve_a_title_before_a_known_name_is_no_part_of_it():
    _, result = resolved([mention("a", 0, "Minister for the Coast Ilse Varga", "Organization"),
                          mention("b", 0, "Ilse Varga", "Person")])
    assert set(result.entity_of.values()) == {"ilse-varga"}
    assert result.entities["ilse-varga"].type == "Person"


def test_resolve_a_title_before_a_catalog_person_gives_the_catalog_person():
    _, result = resolved([mention("a", 0, "Gulf Envoy John Kirby", "Organization")])
    assert set(result.entity_of.values()) == {"john-kirby"}


def test_resolve_ner_class_flips_take_the_majority_class():
    _, result = resolved([mention("a", 0, "Wadi Salqa", "Place"), mention("b", 0, "Wadi Salqa", "Place"),
                          mention("c", 0, "Wadi Salqa", "Organization")])
    assert len(set(result.entity_of.values())) == 1
    assert [e.type for e in result.entities.values()] == ["Place"]
    assert any("as Place (2 of 3" in line for line in result.merge_log)


def test_resolve_surname_typed_as_organisation_joins_the_person():
    ids, _ = resolved([mention("a", 0, "Anna Kowalczyk", "Person"), mention("b", 2, "Kowalczyk", "Organization")])
    assert ids["Kowalczyk"] == ids["Anna Kowalczyk"]


def test_resolve_catalog_mentions_keep_catalog_ids_and_links():
    ids, result = resolved([mention("a", 0, "Hizbollah", "ArmedGroup", source="catalog", key="hezbollah")])
    entity = result.entities[ids["Hizbollah"]]
    assert entity.label == "Hezbollah" and entity.mentions == 1 and entity.documents == ("a",)
    assert "Hizbollah" in entity.aliases


def test_resolve_counts_mentions_and_articles():
    _ids, result = resolved([mention("a", 0, "Anna Kowalczyk", "Person"), mention("a", 4, "Anna Kowalczyk", "Person"),
                            mention("b", 0, "Anna Kowalczyk", "Person")])
    entity = result.entities["anna-kowalczyk"]
    assert (entity.mentions, entity.documents) == (3, ("a", "b"))


def test_resolve_capitalised_coalition_joins_the_coalition_named_in_its_article():
    _, result = resolved([mention("a", 0, "US-led coalition", "Organization", source="catalog", key="us-led-coalition"),
                          mention("a", 5, "Coalition", "Organization"), mention("b", 0, "Coalition", "Organization")])
    assert result.entity_of[("a", 5, 6)] == "us-led-coalition"
    assert result.entity_of[("b", 0, 1)] == "coalition"


def test_resolve_a_capitalised_collective_noun_joins_the_one_name_holding_it_in_its_article():
    _, result = resolved([
        mention("a", 0, "Alliance of Sahel States", "Organization", source="catalog", key="alliance-of-sahel-states"),
        mention("a", 9, "Alliance", "Organization", source="collective"),
        mention("b", 0, "NATO", "Organization", source="catalog", key="nato"),  # "North Atlantic Alliance"
        mention("b", 4, "Alliance", "Organization", source="collective"),
        mention("c", 0, "Kivu Liberation Coalition", "Organization"), mention("c", 7, "Coalition", "Organization",
                                                                               source="collective")])
    assert result.entity_of[("a", 9, 10)] == "alliance-of-sahel-states"
    assert result.entity_of[("b", 4, 5)] == "nato"
    assert result.entity_of[("c", 7, 8)] == "kivu-liberation-coalition"


def test_resolve_a_collective_noun_with_two_names_or_none_in_its_article_stays_apart():
    _, result = resolved([
        mention("a", 0, "Saudi-led coalition", "Organization", source="catalog", key="saudi-led-coalition"),
        mention("a", 3, "Kivu Liberation Coalition", "Organization"),
        mention("a", 9, "Coalition", "Organization", source="collective"),
        mention("b", 0, "Alliance", "Organization", source="collective"),
        # a name NER found that is no collective noun joins only a name ending with it
        mention("c", 0, "Kivu Defence Force Command", "Organization"), mention("c", 6, "Force", "Organization")])
    assert result.entity_of[("a", 9, 10)] == "coalition"
    assert result.entity_of[("b", 0, 1)] == "alliance"
    assert result.entity_of[("c", 6, 7)] == "force"


def test_resolve_a_city_taken_for_a_person_or_an_organisation_is_a_place():
    _, result = resolved([mention("a", 0, "Palmyra", "Person"), mention("b", 0, "Ar Raqqah", "Person"),
                          mention("c", 0, "Tikrit", "Organization")])
    assert {e.label: e.type for e in result.entities.values()} == {"Palmyra": "Place", "Ar Raqqah": "Place",
                                                                   "Tikrit": "Place"}


def test_resolve_a_city_name_that_is_a_persons_name_stays_a_person():
    _, result = resolved([mention("a", 0, "Rhoda Aleppo", "Person"), mention("b", 0, "Aleppo", "Person"),
                          mention("c", 0, "Austin", "Person")])
    assert {e.label: e.type for e in result.entities.values()} == {"Rhoda Aleppo": "Person", "Lloyd Austin": "Person"}


def test_resolve_a_numbered_abbreviation_joins_the_long_name_it_spells():
    ids, _ = resolved([mention("a", 0, "Joint Task Force 12", "GovernmentBody"),
                       mention("a", 9, "JTF 12", "GovernmentBody"),
                       mention("b", 0, "Joint Task Force 12", "GovernmentBody"),
                       mention("b", 9, "JTF 14", "GovernmentBody")])
    assert ids["JTF 12"] == ids["Joint Task Force 12"]
    assert ids["JTF 14"] != ids["Joint Task Force 12"]  # another number is another force
