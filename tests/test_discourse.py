"""Discourse: antecedents by salience and recency, pronouns that mean things, an official's
"we", quotations over several sentences, and the headline read as a sentence."""
from __future__ import annotations

from kg.model import Document
from kg.pipeline import build_documents


def relations(found):
    return {(s, r, o) for s, r, o, _ in found}


def test_discourse_a_description_takes_the_subject_not_a_modifier(extract):
    found = relations(extract("Belarus hosted a summit on the Venezuela embargo. The country shipped rockets to Cuba."))
    assert ("belarus", "supplies", "cuba") in found and ("venezuela", "supplies", "cuba") not in found
    found = relations(extract("Talks on the Cuba embargo resumed in Minsk on Monday. "
                              "The country shipped rockets to Venezuela."))
    assert ("cuba", "supplies", "venezuela") not in found


def test_discourse_the_group_binds_only_to_a_group_just_named(extract):
    found = relations(extract("Hamas leaders met in Doha. Officials said the group attacked Israel."))
    assert ("hamas", "attacks", "israel") in found
    found = relations(extract("Envoys discussed the Hezbollah file in Paris. The group attacked Israel."))
    assert ("hezbollah", "attacks", "israel") not in found
    found = relations(extract("Hezbollah held a rally. Lebanon voted. Syria was calm. Jordan was quiet. "
                              "The group attacked Israel."))
    assert ("hezbollah", "attacks", "israel") not in found


def test_discourse_pronouns_may_mean_weapons(extract):
    found = relations(extract("Iran shipped Shahed drones to Russia last year. "
                              "Their range exceeds 2,000 km and they attacked Ukraine."))
    assert ("iran", "attacks", "ukraine") not in found
    found = relations(extract("Israel struck Hezbollah on Monday. It also attacked Hamas."))
    assert ("israel", "attacks", "hamas") in found
    found = relations(extract("The Houthis fired at ships on Sunday. Their fighters also attacked Israel."))
    assert ("houthis", "attacks", "israel") in found


def test_discourse_an_officials_we_is_their_state(build_texts):
    result = build_texts(["“We attacked Hezbollah,” said Israeli Defence Minister Yoav Gallant."])
    assert {(c.subject, c.object) for c in result.claims if c.relation == "attacks"} == {("israel", "hezbollah")}
    result = build_texts(["“We attacked Hezbollah,” said Yoav Gallant."])
    assert not [c for c in result.claims if c.relation == "attacks"]


def test_discourse_a_quotation_keeps_its_speaker(build_texts):
    text = ("Lloyd Austin, the US defence secretary, spoke on Friday. “Iran wants to hide its hand. "
            "Our forces will strike the Houthis,” Austin said.")
    result = build_texts([text])
    claim = next(c for c in result.claims if c.relation == "attacks")
    assert (claim.subject, claim.object, claim.attributed_to) == ("united-states", "houthis", "lloyd-austin")


def test_discourse_scare_quotes_are_no_quotation(build_texts):
    text = ("“We will respond,” said US Defence Secretary Lloyd Austin.\n\n"
            "Israel attacked Hamas in Gaza, hitting what it called “terror targets”.")
    result = build_texts([text])
    claim = next(c for c in result.claims if c.relation == "attacks" and c.subject == "israel")
    assert claim.attributed_to is None


def _build_titled(title: str, text: str):
    return build_documents([Document(id="h", title=title, text=text, date="2024-01-02", source="h.txt")])


def test_discourse_the_headline_is_read(tmp_path):
    result = _build_titled("Belarus sends rockets to Venezuela, ministry says",
                           "The ministry said on Monday that Belarus had shipped drones to Cuba.")
    headline = next(c for c in result.claims if c.object == "venezuela")
    assert headline.sentence == 0 and headline.text == result.documents[0].title
    body = next(c for c in result.claims if c.object == "cuba")
    assert result.documents[0].text[body.start_char:body.end_char] == body.text


def test_discourse_a_title_case_headline_is_not_read(tmp_path):
    result = _build_titled("Belarus Sends Rockets To Venezuela, Ministry Says",
                           "The ministry said on Monday that Belarus had shipped drones to Cuba.")
    assert not [c for c in result.claims if c.object == "venezuela"]
    assert [c for c in result.claims if c.object == "cuba"]
