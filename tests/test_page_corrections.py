"""The page's "copy correction": lines of corrections.jsonl, read in a real chromium from the
sample build's own page and checked against its graph.ttl."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph
from rdflib.namespace import DCTERMS, PROV

from kg.ontology import KGC, KGD, KGE, KGO

from test_export_html import _edge_point, _node_point, _open, _panel, _pointer, browser  # noqa: F401  (a fixture)

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "output" / "graph.html"  # test_pipeline keeps it equal to a rebuild of data/
GRAPH = ROOT / "output" / "graph.ttl"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(GRAPH, format="turtle")


def _claims(graph: Graph, subject: str, relation: str, obj: str) -> dict[str, dict]:
    """The claims of graph.ttl with that statement, by the local part of their kgc: IRI, with the
    locator their prov:wasDerivedFrom gives (kgd:DOCUMENT/s/SENTENCE) and their sentence."""
    found = {}
    statement = (KGE[subject], KGO[relation], KGE[obj])
    for claim in graph.subjects(RDF.type, KGO.Claim):
        if tuple(graph.value(claim, p) for p in (RDF.subject, RDF.predicate, RDF.object)) == statement:
            document, _, sentence = str(graph.value(claim, PROV.wasDerivedFrom)).removeprefix(str(KGD)).rpartition("/s/")
            assert graph.value(claim, DCTERMS.isPartOf) == KGD[document]
            found[str(claim).removeprefix(str(KGC))] = {
                "document": document, "sentence": int(sentence), "text": str(graph.value(claim, KGO.evidence))}
    return found


def _log(browser) -> list[dict]:
    return browser.get_log("browser")


def _press(browser, button) -> dict:
    """Press a "copy correction" button; the line its control then shows, as JSON, and the note."""
    button.click()
    control = button.find_element("xpath", "ancestor::div[@class='correction']")
    line = control.find_element("css selector", "textarea.correction-line")
    assert line.get_attribute("readonly") is not None and line.is_displayed()
    deadline = time.monotonic() + 5
    note = control.find_element("css selector", ".correction-note")
    while not note.text:  # the clipboard answers asynchronously
        assert time.monotonic() < deadline, "the control never said whether it copied"
        time.sleep(0.05)
    assert "corrections.jsonl" in note.text and ("Copied." in note.text or "Ctrl+C" in note.text)
    # the line is selected, so a Ctrl+C copies it when the clipboard is refused
    selected = browser.execute_script("const t = arguments[0]; return t.value.slice(t.selectionStart, t.selectionEnd)", line)
    assert selected == line.get_attribute("value")
    return json.loads(line.get_attribute("value"))


def _claim_blocks(browser) -> list:
    return browser.find_elements("css selector", "#panel .claim")


def _locator(line: dict) -> tuple:
    return (line["claim"], line["document"], line["sentence"], line["relation"], line["subject"], line["object"])


def _assert_clean(browser, entries: list[dict]) -> None:
    errors = [e["message"] for e in entries if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []
    assert not [e for e in entries if "Content Security Policy" in e["message"]]


def test_page_corrections_a_claim_offers_reject_and_confirm_with_its_locator(browser, graph):
    _open(browser, PAGE)
    _pointer(browser, *_edge_point(browser, "wagner-group.supplies.hezbollah"), click=True)
    assert _panel(browser).startswith("Wagner Group \u2014 supplies \u2192 Hezbollah")
    claims = _claims(graph, "wagner-group", "supplies", "hezbollah")
    blocks = _claim_blocks(browser)
    assert len(blocks) == len(claims) >= 3
    seen = set()
    for block in blocks:
        buttons = {b.text: b for b in block.find_elements("css selector", ".correction button")}
        assert list(buttons) == ["reject", "confirm"]
        reject = _press(browser, buttons["reject"])
        assert list(reject) == ["op", "claim", "document", "sentence", "relation", "subject", "object"]
        assert reject["op"] == "reject"
        claim = claims[reject["claim"]]  # the kgc: id of a claim of this edge in graph.ttl
        assert (reject["document"], reject["sentence"]) == (claim["document"], claim["sentence"])
        assert (reject["relation"], reject["subject"], reject["object"]) == ("supplies", "wagner-group", "hezbollah")
        assert f"\u201c{claim['text']}\u201d" in block.text  # the line of the claim it sits under
        confirm = _press(browser, buttons["confirm"])
        assert confirm["op"] == "confirm" and _locator(confirm) == _locator(reject)
        assert len(block.find_elements("css selector", "textarea")) == 1  # one line shown, the last asked
        seen.add(reject["claim"])
    assert seen == set(claims)
    _assert_clean(browser, _log(browser))


def test_page_corrections_an_item_edges_claim_names_the_supply_it_comes_from(browser, graph):
    # the item edge Wagner Group -> Pantsir-S1 stands for claims "Wagner Group supplies Hezbollah"
    _open(browser, PAGE)
    _pointer(browser, *_node_point(browser, "pantsir-s1"), click=True)
    assert _panel(browser).startswith("Pantsir-S1")
    heads = browser.find_elements("css selector", "#panel .edge-head, #panel .claim")
    under = None
    lines = []
    for element in heads:
        if "edge-head" in element.get_attribute("class"):
            under = element.text
        elif under == "Wagner Group \u2014 suppliesItem \u2192 Pantsir-S1":
            lines.append(_press(browser, element.find_element("css selector", "button[data-op=reject]")))
    assert lines
    claims = _claims(graph, "wagner-group", "supplies", "hezbollah")
    for line in lines:
        assert (line["relation"], line["subject"], line["object"]) == ("supplies", "wagner-group", "hezbollah")
        assert (line["document"], line["sentence"]) == (claims[line["claim"]]["document"], claims[line["claim"]]["sentence"])
    _assert_clean(browser, _log(browser))


def test_page_corrections_a_node_offers_its_entity_lines(browser, graph):
    _open(browser, PAGE)
    _pointer(browser, *_node_point(browser, "wagner-group"), click=True)
    assert _panel(browser).startswith("Wagner Group")
    control = browser.find_element("css selector", "#panel > .correction")  # the node's own, above its relations
    buttons = {b.text: b for b in control.find_elements("css selector", "button")}
    assert list(buttons) == ["rename", "retype", "merge", "split", "distinct"]
    entity = KGE["wagner-group"]
    label = str(graph.value(entity, RDFS.label))
    [cls] = [str(t).removeprefix(str(KGO)) for t in graph.objects(entity, RDF.type)]
    assert _press(browser, buttons["rename"]) == {"op": "rename", "entity": "wagner-group", "label": label}
    assert _press(browser, buttons["retype"]) == {"op": "retype", "entity": "wagner-group", "type": cls}
    assert _press(browser, buttons["merge"]) == {"op": "merge", "from": "wagner-group", "into": ""}
    split = _press(browser, buttons["split"])
    assert split["op"] == "split" and split["entity"] == "wagner-group" and split["new"]["type"] == cls
    assert _press(browser, buttons["distinct"]) == {"op": "distinct", "entities": ["wagner-group", ""]}
    # where the browser refuses the clipboard (a file:// page may be), the line is still shown and selected
    browser.execute_script("navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'))")
    assert _press(browser, buttons["rename"])["op"] == "rename"
    # the page wrote nothing and asked the network for nothing: still the same file, offline
    assert browser.execute_script("return [localStorage.length, location.protocol]") == [0, "file:"]
    _assert_clean(browser, _log(browser))
