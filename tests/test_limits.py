"""Long articles, the per-article time budget and syndicated copies (texts written for the tests)."""
from __future__ import annotations

import dataclasses
import math
import time

from hypothesis import given
from hypothesis import strategies as st

from kg.extract.nlp import split_text
from kg.ingest.syndication import mark_copies
from kg.limits import PART_CHARS
from kg.model import Document
from kg.ontology import DEFAULT_ONTOLOGY_DIR
from kg.pipeline.parse import parse_chunk
from kg.pipeline.run import build_documents, time_budget_warning

FILLER = "The harbour committee met on Tuesday to discuss the new ferry timetable for the winter months.\n\n"
CLAIM = "Iran supplied drones to Russia, officials said."
WIRE = ("The defence ministry of Ruritania said on Monday that Iran had supplied drones to Russia last spring. "
        "Officials in the capital described the shipment as the largest of the year and said more would follow. "
        "Diplomats from three countries met in Geneva to discuss the matter, according to people briefed on the "
        "talks, who spoke on condition of anonymity because they were not authorised to speak publicly. "
        "The ministry did not say how many aircraft were involved, but analysts put the figure in the hundreds. "
        "A spokesman for the foreign ministry told a news conference that the government was studying its options "
        "and would consult its partners before deciding on a response. Shipping records reviewed by reporters show "
        "several cargo flights between the two countries in the weeks before the announcement, though the contents "
        "of those flights could not be independently verified. Neither government answered requests for comment. ")


def doc(id_: str, text: str, **fields) -> Document:
    return Document(id=id_, title="", text=text, date="2024-01-02", source=f"{id_}.txt", **fields)


@given(st.text(alphabet=st.sampled_from("ab .\n!?"), max_size=400), st.integers(min_value=5, max_value=60))
def test_split_text_joins_back_exactly_within_the_limit(text, limit):
    parts = split_text(text, limit)
    assert "".join(parts) == text
    assert all(len(part) <= limit for part in parts)


def test_split_text_cuts_at_paragraph_breaks():
    parts = split_text(FILLER * 3, len(FILLER) * 2 + 5)
    assert parts == [FILLER * 2, FILLER]


def test_long_article_is_parsed_in_parts_and_a_late_claim_keeps_its_offsets():
    text = FILLER * (PART_CHARS // len(FILLER) + 1) + CLAIM
    assert len(split_text(text)) == 2
    result = build_documents([doc("long", text)])
    claim = next(c for c in result.claims if c.relation == "supplies")
    assert (claim.subject, claim.object) == ("iran", "russia")
    assert text[claim.start_char:claim.end_char] == claim.text == CLAIM


def test_article_over_the_time_budget_is_skipped_and_reported():
    result = build_documents([doc("a", CLAIM)], time_budget=0.0)
    assert result.claims == () and result.documents == ()
    assert [(s.source, "time budget" in s.reason) for s in result.skipped] == [("a.txt", True)]


STATES = ["Iran", "Russia", "Syria", "Turkey", "Egypt", "Qatar", "Jordan", "Ukraine", "Belarus", "Armenia"]


def generated_article(i: int) -> Document:
    """One of many short, distinct articles, each with a few claims."""
    a, b, c, d = (STATES[(i * k + k) % len(STATES)] for k in (1, 3, 7, 9))
    return doc(f"gen-{i:04d}", f"{a} supplied {i % 40 + 2} drones to {b}, officials in {c} said on day {i}.\n\n"
                               f"Forces of {b} attacked positions held by {d} near the border, a spokesman said.\n\n"
                               f"The government of {c} condemned the strikes and called for calm in the region.")


GENERATED = [generated_article(i) for i in range(300)]
# far above one of these articles' own work (about 10 ms), far below the whole build's
SMALL_BUDGET = 0.3


def test_a_budget_far_below_the_whole_build_cuts_no_ordinary_article():
    started = time.monotonic()
    unlimited = build_documents(GENERATED, time_budget=math.inf)
    assert time.monotonic() - started > 3 * SMALL_BUDGET, "the corpus is too small to test the budget"
    assert unlimited.skipped == () and len(unlimited.documents) == len(GENERATED)
    assert len(unlimited.claims) >= len(GENERATED)
    expected = unlimited.graph.serialize(format="turtle")
    for workers in (1, 2):
        budgeted = build_documents(GENERATED, time_budget=SMALL_BUDGET, n_process=workers)
        assert budgeted.skipped == (), workers
        assert budgeted.graph.serialize(format="turtle") == expected, workers
        assert time_budget_warning(budgeted, SMALL_BUDGET) is None


def test_the_budget_still_cuts_a_long_article_short_and_spares_the_rest():
    long = doc("long", FILLER * (5 * PART_CHARS // len(FILLER)))
    assert len(split_text(long.text)) >= 5
    ordinary = doc("own", f"{FILLER}{CLAIM}")
    directory = str(DEFAULT_ONTOLOGY_DIR.resolve())
    # every sentence parsed: the filler holds no claim, so the prefilter would parse none of it
    whole = parse_chunk([(long, None)], directory, None, math.inf, full_parse=True)[0]
    cut = parse_chunk([(long, None)], directory, None, 0.5, full_parse=True)[0]
    assert whole.doc is not None and cut.doc is None
    assert cut.seconds < 0.6 * whole.seconds  # the parts left after the budget ran out were not parsed
    result = build_documents([long, ordinary], time_budget=0.5, full_parse=True)
    assert [(s.source, s.reason) for s in result.skipped] == \
        [("long.txt", "over the time budget of 0.5 s per article while parsing")]
    assert {c.document for c in result.claims} == {"own"}
    warning = time_budget_warning(result, 0.5)
    assert warning is not None and "1 of 2 articles" in warning and "--time-budget" in warning


def test_syndicated_copies_are_marked_with_the_first_copy():
    copies = [doc("ap", f"By a staff writer.\n\n{WIRE}"), doc("other", FILLER * 12),
              doc("herald", f"{WIRE}\n\nRead more on our website."), doc("times", WIRE[:-60])]
    assert [d.copy_of for d in mark_copies(copies)] == [None, None, "ap", "ap"]


def test_a_short_text_and_a_story_on_the_same_subject_are_not_copies():
    rewritten = ("Russia has received drones from Iran, the Ruritanian defence ministry announced, calling it the "
                 "year's biggest shipment. Analysts believe hundreds of aircraft were sent, and diplomats gathered in "
                 "Geneva, people familiar with the talks said. More deliveries are expected, officials added.")
    assert [d.copy_of for d in mark_copies([doc("a", WIRE), doc("b", rewritten), doc("c", CLAIM), doc("d", CLAIM)])] \
        == [None, None, None, None]


def test_syndicated_copies_count_once_in_edge_weight_but_every_outlet_reports():
    outlets = ["ap", "herald", "times"]
    documents = [dataclasses.replace(doc(name, WIRE), publisher=name.title()) for name in outlets]
    result = build_documents(documents + [doc("own", f"{FILLER}{CLAIM}")])
    edge = result.network.edges["iran", "russia", "supplies"]
    assert edge["weight"] == 2  # the wire story once, the independent article once
    assert {c.document for c in result.claims if c.relation == "supplies"} == {*outlets, "own"}


def test_build_summary_warns_in_one_line_when_articles_went_over_the_budget(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(f"{FILLER}{CLAIM}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out"), "--time-budget", "0"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert warnings == ["warning: 1 of 1 articles (100%) went over the time budget of 0 s per article; "
                        "raise it with --time-budget SECONDS"]
