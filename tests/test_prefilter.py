"""The prefilter: only sentences that may hold a claim go through the statistical pipeline."""
from __future__ import annotations

import pytest

from kg.extract.mentions import find_mentions
from kg.extract.parsed import is_parsed, join, parsed_ranges
from kg.model import Document
from kg.ontology import DEFAULT_ONTOLOGY_DIR
from kg.pipeline.parse import prefilter, stages
from kg.pipeline.run import build_documents

DIRECTORY = str(DEFAULT_ONTOLOGY_DIR.resolve())


@pytest.fixture(scope="module")
def cheap():
    return prefilter(DIRECTORY, None)


def chosen(cheap, text: str) -> list[tuple[str, bool]]:
    doc = cheap.cheap_doc(text)
    return [(sent.text.strip(), pick) for sent, pick in zip(doc.sents, cheap.chosen(doc))]


def parsed(text: str):
    """The joined Doc of ``text``, as the build makes it."""
    nlp, _, _ = stages(DIRECTORY, None)
    segments = prefilter(DIRECTORY, None).segments(text)
    return join([segments[0], *nlp.pipe(segments[1:])])


def test_prefilter_chooses_a_cue_with_two_actors(cheap):
    text = ("Ostrava Dynamics sold rockets to the Marovian Guard in March. "
            "Tavel Corp and the Brenn Union met in a hotel lobby. "
            "Yesterday Kessler attacked the proposal. "
            "The delegates bombed at karaoke.")
    assert chosen(cheap, text) == [
        ("Ostrava Dynamics sold rockets to the Marovian Guard in March.", True),  # a cue, two names
        ("Tavel Corp and the Brenn Union met in a hotel lobby.", False),  # two names, no cue
        ("Yesterday Kessler attacked the proposal.", False),  # a cue, one name
        ("The delegates bombed at karaoke.", False),  # a cue, no name
    ]


def test_prefilter_cues_come_in_any_inflection(cheap):
    for sentence in ("The Velm Council has been arming the Sarro Brigades.",
                     "Ministers of Quell supplied the Ardent Front with mortars.",
                     "Fighters of the Ardent Front are shelling Port Lusk."):
        assert chosen(cheap, sentence) == [(sentence, True)], sentence


def test_prefilter_sense_conditions_are_kept(cheap):
    # "send" supplies only a thing of war; "hold" fights only as "hold off"
    assert chosen(cheap, "The Quell government sent a delegation to Tavira.")[0][1] is False
    assert chosen(cheap, "The Quell government sent mortars to Tavira.")[0][1] is True
    assert chosen(cheap, "The Quell army held talks with the Ardent Front.")[0][1] is False
    assert chosen(cheap, "The Quell army held off the Ardent Front.")[0][1] is True


def test_prefilter_takes_the_sentence_a_pronoun_leans_on(cheap):
    text = ("The Dravik Front gathered near the river before dawn. "
            "It attacked Korsa an hour later. "
            "Rain fell on the valley all week.")
    assert [pick for _, pick in chosen(cheap, text)] == [True, True, False]


def test_prefilter_takes_the_sentences_a_description_leans_on_beside_other_names(cheap):
    # "The group" is the Ardent Front, named two sentences back, though the sentence names two
    # actors of its own: resolution looks that far back for the antecedent, so must the choice
    text = ("The Ardent Front met in Brenn on Monday. "
            "Rain fell on the valley all week. "
            "The group also attacked Korsa, a Syrian port, on Wednesday. "
            "Rain fell on the hills too.")
    assert [pick for _, pick in chosen(cheap, text)] == [True, True, True, False]


def test_prefilter_takes_the_sentence_that_spells_out_an_acronym(cheap):
    # "CSR" is resolved to the name whose initials it spells (a demonym among its words), in a sentence
    # with no claim of its own
    text = ("The Council for Syrian Relief, a charity, met in Brenn on Monday. "
            "Rain fell on the valley all week. "
            "CSR Deputy Director Ivo Brand said the Ardent Front had attacked Korsa.")
    assert [pick for _, pick in chosen(cheap, text)] == [True, False, True]


def test_prefilter_takes_the_speaker_of_a_quotation(cheap):
    text = ('"The Sarro Brigades shelled Port Lusk again. We saw it all," '
            'said Mila Orhan, who lives in the town.')
    doc = cheap.cheap_doc(text)
    assert all(cheap.chosen(doc))


def test_prefilter_joined_doc_keeps_text_and_offsets():
    text = ("Weather Report\n\nRain fell on the valley all week.  Ostrava Dynamics sold rockets "
            "to the Marovian Guard.\n\nThe fields were green. Nobody minded the mud.\n")
    doc = parsed(text)
    assert doc.text == text
    for tok in doc:
        assert text[tok.idx:tok.idx + len(tok.text)] == tok.text
    for ent in doc.ents:
        assert text[ent.start_char:ent.end_char] == ent.text
    reading = [(sent.text.strip(), is_parsed(sent)) for sent in doc.sents]
    assert ("Ostrava Dynamics sold rockets to the Marovian Guard.", True) in reading
    assert ("The fields were green.", False) in reading
    assert len(parsed_ranges(doc)) == 1


def test_prefilter_counts_catalog_names_in_sentences_left_unread():
    text = "Reporters waited outside a Hezbollah office in the rain. Nobody came out."
    doc = parsed(text)
    assert not any(is_parsed(sent) for sent in doc.sents)
    _, catalog, rules = stages(DIRECTORY, None)
    mentions = find_mentions(doc, "d", catalog, rules)
    assert [(m.text, m.key, m.source) for m in mentions] == [("Hezbollah", "hezbollah", "catalog")]


ARTICLE = ("Harvest and drones\n\n"
           "The harvest festival opened in the old square on Friday. Children sang and vendors sold bread. "
           "Iran sent rockets and mortars to the Houthis last month, "
           "according to Mila Orhan, a spokesperson for the Velm Council. "
           "It later supplied drones as well.\n\n"
           "The weather stayed mild through the weekend. "
           "The United States has sanctioned the Ostrava Dynamics company over the shipments. "
           "Local shops closed early.")


def _claims(result):
    return sorted((c.subject, c.relation, c.object, c.modality, c.items, c.attributed_to, c.text, c.start_char)
                  for c in result.claims)


def test_prefilter_build_finds_what_a_full_parse_finds():
    document = Document(id="a", title="", text=ARTICLE, date="2024-01-02", source="a.txt")
    default = build_documents([document])
    full = build_documents([document], full_parse=True)
    assert _claims(default) == _claims(full)
    assert len(default.claims) >= 3
    relations = {c.relation for c in default.claims}
    assert {"supplies", "sanctions"} <= relations


def test_prefilter_full_parse_reads_every_sentence():
    import spacy
    from spacy.tokens import Doc

    from kg.pipeline.parse import parse_chunk

    document = Document(id="a", title="", text=ARTICLE, date="2024-01-02", source="a.txt")
    full, default = (Doc(spacy.blank("en").vocab).from_bytes(
        parse_chunk([(document, None)], DIRECTORY, None, 60.0, full_parse=whole)[0].doc) for whole in (True, False))
    assert all(is_parsed(sent) for sent in full.sents)
    assert not all(is_parsed(sent) for sent in default.sents)
    assert full.text == default.text


def test_prefilter_joined_doc_survives_bytes():
    """Workers and caches send a Doc as bytes; read back into a blank vocabulary it keeps which
    sentences were read, their bounds and the catalog's names."""
    import spacy
    from spacy.tokens import Doc

    text = ("Rain fell on the valley all week. Ostrava Dynamics sold rockets to the Marovian Guard.\n\n"
            "Reporters waited outside a Hezbollah office. Nobody came out.")
    doc = parsed(text)
    back = Doc(spacy.blank("en").vocab).from_bytes(doc.to_bytes(exclude=["tensor"]))
    assert back.text == text
    assert [(s.text, is_parsed(s)) for s in back.sents] == [(s.text, is_parsed(s)) for s in doc.sents]
    assert [(e.text, e.label_, e.id_) for e in back.ents] == [(e.text, e.label_, e.id_) for e in doc.ents]
    assert ("Hezbollah", "hezbollah") in [(e.text, e.id_) for e in back.ents]
