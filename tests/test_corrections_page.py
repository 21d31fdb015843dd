"""The page shows a fact added by hand as such: who added it and why, never an article, in a real chromium."""
from __future__ import annotations

import json

import pytest

from kg.export.html import render_page
from kg.export.network import to_network
from kg.graph.assemble import build_graph
from kg.model import Claim, Document, Entity

pytest.importorskip("selenium.webdriver", reason="selenium is a test dependency")
from test_export_html import _edge_point, _errors, _open, _panel, _pointer, browser  # noqa: E402,F401

NOTE = "Panel of experts report, paragraph 12"


def _graph():
    entities = [Entity("blue-hand", "Blue Hand", "ArmedGroup", mentions=2, documents=("d1",)),
                Entity("tyre", "Tyre", "Place", mentions=1, documents=("d1",)),
                Entity("red-hand", "Red Hand", "ArmedGroup")]
    said = Claim("blue-hand", "attacks", "tyre", "d1", 0, "Blue Hand shelled Tyre on Monday.", 0, 33, confidence=0.6)
    hand = [Claim("blue-hand", "attacks", "tyre", "", -1, "", 0, 0, rule="hand", confidence=1.0,
                  added_by="J. Analyst", note=NOTE),
            Claim("red-hand", "backs", "blue-hand", "", -1, "", 0, 0, rule="hand", confidence=1.0,
                  date="2024-05-01", added_by="K. Reviewer", note="seen at the border")]
    document = Document("d1", "Shelling in the south", "Blue Hand shelled Tyre on Monday.", "2024-05-02",
                        "Coast Times", "d1.txt")
    return build_graph(entities, [document], [said, *hand])


def test_corrections_page_shows_who_added_a_fact_by_hand_and_why(browser, tmp_path):
    path = tmp_path / "graph.html"
    path.write_text(render_page(to_network(_graph())), encoding="utf-8")
    _open(browser, path)
    assert _errors(browser) == []
    _pointer(browser, *_edge_point(browser, "blue-hand.attacks.tyre"), click=True)
    panel = _panel(browser)
    assert "confidence 1 from 1 independent article and 1 fact added by hand" in panel
    assert f"added by hand by J. Analyst: {NOTE}" in panel
    assert "\u201cBlue Hand shelled Tyre on Monday.\u201d" in panel and "Coast Times" in panel
    _pointer(browser, *_edge_point(browser, "red-hand.backs.blue-hand"), click=True)
    panel = _panel(browser)
    assert "confidence 1 from 1 fact added by hand" in panel
    assert "added by hand by K. Reviewer: seen at the border" in panel and "2024-05-01" in panel
    assert "\u201c" not in panel and _errors(browser) == []


def test_corrections_page_a_hand_facts_reject_line_names_it_by_id_and_is_valid(browser, tmp_path):
    from kg.corrections.load import parse_corrections
    from kg.graph.assemble import claim_id
    from kg.ontology import load_ontology, ontology_folder
    from test_page_corrections import _claim_blocks, _press

    path = tmp_path / "graph.html"
    path.write_text(render_page(to_network(_graph())), encoding="utf-8")
    _open(browser, path)
    _pointer(browser, *_edge_point(browser, "red-hand.backs.blue-hand"), click=True)
    (block,) = _claim_blocks(browser)
    line = _press(browser, block.find_element("css selector", "button[data-op=reject]"))
    hand = Claim("red-hand", "backs", "blue-hand", "", -1, "", 0, 0, rule="hand", confidence=1.0,
                 date="2024-05-01", added_by="K. Reviewer", note="seen at the border")
    assert line == {"op": "reject", "claim": claim_id(hand)}  # no document or sentence to give
    parsed = parse_corrections((json.dumps(line) + "\n").encode(), load_ontology(ontology_folder(None)))
    assert parsed.invalid == () and len(parsed.ops) == 1


def test_corrections_page_a_denial_added_by_hand_is_not_counted_as_an_article(browser, tmp_path):
    entities = [Entity("blue-hand", "Blue Hand", "ArmedGroup", mentions=1, documents=("d1",)),
                Entity("tyre", "Tyre", "Place", mentions=1, documents=("d1",)),
                Entity("red-hand", "Red Hand", "ArmedGroup")]
    said = Claim("blue-hand", "attacks", "tyre", "d1", 0, "Blue Hand shelled Tyre on Monday.", 0, 33, confidence=0.6)
    backs = Claim("red-hand", "backs", "blue-hand", "", -1, "", 0, 0, rule="hand", confidence=1.0,
                  added_by="K. Reviewer", note="seen at the border")
    denied = Claim("blue-hand", "attacks", "tyre", "", -1, "", 0, 0, modality="Negated", rule="hand",
                   confidence=1.0, added_by="J. Analyst", note="the shelling was another group's")
    document = Document("d1", "Shelling in the south", "Blue Hand shelled Tyre on Monday.", "2024-05-02",
                        "Coast Times", "d1.txt")
    path = tmp_path / "graph.html"
    path.write_text(render_page(to_network(build_graph(entities, [document], [said, backs, denied]))), encoding="utf-8")
    _open(browser, path)
    _pointer(browser, *_edge_point(browser, "blue-hand.attacks.tyre"), click=True)
    panel = _panel(browser)
    assert "confidence 0.6 from 1 independent article \u00b7 1 fact added by hand denies it" in panel
    assert "article denies" not in panel and _errors(browser) == []
