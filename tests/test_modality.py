"""Modality scoped to the trigger's clause: reported clauses, promises, whether- and
if-clauses, doubted expectations, beliefs, abandoned plans and coordinated verbs.
Every cue has sentences where it must fire and sentences where it must not."""
from __future__ import annotations

import pytest

from kg.extract.catalog import load_catalog
from kg.extract.modality import modality
from kg.extract.rules import load_rules
from kg.extract.syntax import Context
from kg.ontology import DEFAULT_ONTOLOGY_DIR, load_ontology
from kg.pipeline.parse import stages


def modality_of(extract, text: str, subject: str, obj: str, relation: str = "supplies") -> str | None:
    found = {(s, r, o): m for s, r, o, m in extract(text)}
    return found.get((subject, relation, obj))


@pytest.mark.parametrize(
    "text, expected",
    [
        # a denial reaches the clause it reports
        ("Belarus denied that it had shipped rockets to Venezuela.", "Negated"),
        ("Belarus rejected reports that it supplied rockets to Venezuela.", "Negated"),
        ("Belarus said that it had shipped rockets to Venezuela.", "Asserted"),
        # whether- and if-clauses are open questions and conditions
        ("Analysts asked whether Belarus supplies rockets to Venezuela.", "Possible"),
        ("It remains unclear whether Belarus shipped rockets to Venezuela.", "Possible"),
        ("If Belarus ships rockets to Venezuela, Washington will respond.", "Possible"),
        ("Belarus shipped rockets to Venezuela, and Washington responded.", "Asserted"),
        # an expectation its subject doubts is a hypothesis
        ("No one expects Belarus to send rockets to Venezuela.", "Possible"),
        ("Few observers expect Belarus to send rockets to Venezuela.", "Possible"),
        ("Observers expect Belarus to send rockets to Venezuela.", "Planned"),
        # a reported belief is no assertion; a report by "say" is
        ("Western officials believe Belarus is arming Venezuela.", "Possible"),
        ("Western officials suspect that Belarus is arming Venezuela.", "Possible"),
        ("Western officials say Belarus is arming Venezuela.", "Asserted"),
        # "would" in what was said is a future told later; alone it is a condition
        ("Belarus said it would ship rockets to Venezuela.", "Planned"),
        ("Belarus would ship rockets to Venezuela if paid.", "Possible"),
        # a plan given up
        ("Belarus considered sending rockets to Venezuela but decided against it.", "Negated"),
        ("Belarus planned to ship rockets to Venezuela, then dropped the idea.", "Negated"),
        ("Belarus considered sending rockets to Venezuela and moved troops north.", "Planned"),
        # a light verb that undoes its event noun
        ("Belarus halted the delivery of rockets to Venezuela.", "Negated"),
        ("Belarus continued the delivery of rockets to Venezuela.", "Asserted"),
        ("A court ordered Belarus to halt the delivery of rockets to Venezuela.", "Asserted"),
        # a verbless headline's infinitive is its future
        ("Belarus to ship rockets to Venezuela, officials say", "Planned"),
        ("Belarus was the first country to send rockets to Venezuela.", "Asserted"),
    ],
)
def test_modality_of_the_reported_clause(extract, text, expected):
    assert modality_of(extract, text, "belarus", "venezuela") == expected


def test_modality_an_actor_claiming_its_own_act_admits_it(extract):
    assert modality_of(extract, "The Houthis claimed they attacked Israel with drones.",
                       "houthis", "israel", "attacks") == "Asserted"
    assert modality_of(extract, "Israel claimed the Houthis attacked Cyprus with drones.",
                       "houthis", "cyprus", "attacks") == "Possible"


def test_modality_promise_verbs_make_plans(extract):
    found = extract("Canada vowed that it would impose sanctions on Belarus.")
    assert ("canada", "threatensSanctions", "belarus", "Planned") in found
    found = extract("Canada imposed sanctions on Belarus.")
    assert ("canada", "sanctions", "belarus", "Asserted") in found


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Canada vowed tough sanctions against Belarus.", "Planned"),
        ("Norway promised new sanctions on Belarus.", "Planned"),
        ("Canada imposed tough sanctions against Belarus.", "Asserted"),
        ("Norway discussed new sanctions on Belarus.", "Asserted"),
    ],
)
def test_modality_a_noun_promised_is_planned(text, expected):
    directory = DEFAULT_ONTOLOGY_DIR
    catalog = load_catalog(directory)
    rules = load_rules(directory, frozenset(load_ontology(directory).relations))
    doc = stages(str(directory.resolve()), None)[0](text)
    ctx = Context(doc=doc, entity_at={}, types={}, mention_spans=[], catalog=catalog, rules=rules)
    noun = next(t for t in doc if t.lower_ == "sanctions")
    assert modality(noun, ctx, own_only=True) == expected


def test_modality_coordinated_verbs_share_a_governing_cue(extract):
    found = extract("Belarus is preparing to arm Venezuela and supply Cuba.")
    assert {("belarus", "supplies", "venezuela", "Planned"), ("belarus", "supplies", "cuba", "Planned")} <= found
    found = extract("Belarus denied arming Cuba and shipping rockets to Venezuela.")
    assert ("belarus", "supplies", "venezuela", "Negated") in found


@pytest.mark.parametrize(
    "text",
    ["Belarus did not arm Cuba but shipped rockets to Venezuela.",
     "Belarus may arm Cuba and has shipped rockets to Venezuela.",
     "Belarus denied arming Cuba and shipped rockets to Venezuela."],
)
def test_modality_a_cue_on_one_coordinated_verb_does_not_leak(extract, text):
    found = {(s, r, o): m for s, r, o, m in extract(text)}
    assert found.get(("belarus", "supplies", "venezuela")) == "Asserted", found
    assert found.get(("belarus", "supplies", "cuba")) in ("Negated", "Possible", None), found


@pytest.mark.parametrize("text, expected", [
    # a debunked event is denied
    ("Ankara's offensive against the PKK is a sham.", "Negated"),
    ("Ankara's offensive against the PKK is nothing but a charade.", "Negated"),
    ("Ankara's offensive against the PKK is a success.", "Asserted"),
    ("Ankara's “offensive” against the PKK is a farce.", "Negated"),
    # quotation marks alone mark someone's word, most often for an event that did happen
    ("Ankara's “offensive” against the PKK began on Monday.", "Asserted"),
    ("Ankara vowed to “crush” the PKK.", "Planned"),
])
def test_modality_debunking(extract, text, expected):
    assert modality_of(extract, text, "turkey", "pkk", "attacks") == expected


@pytest.mark.parametrize("text, expected", [
    ("The strike will weaken Hamas's ability to defend Gaza City and launch rockets at Israel.", "Possible"),
    ("The raid crippled the Houthis' capacity to fire missiles at Israel.", "Possible"),
    ("Hamas defended Gaza City and launched rockets at Israel.", "Asserted"),
])
def test_modality_a_capability_is_no_act(extract, text, expected):
    subject = "houthis" if "Houthis" in text else "hamas"
    assert modality_of(extract, text, subject, "israel", "attacks") == expected
