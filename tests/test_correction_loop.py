"""The loop an analyst follows, end to end: build, take lines from `kg review` and from the page's
"copy correction", rebuild into the same folder, and find the graph changed as the lines say."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal
from typer.testing import CliRunner

from kg.cli import app
from kg.ontology import KGC, KGE, KGO

from test_export_html import _edge_point, _node_point, _open, _pointer, browser  # noqa: F401  (a fixture)
from test_page_corrections import _claim_blocks, _press

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def first_build(tmp_path_factory) -> Path:
    """The sample built by the CLI into a folder with its cache, as an analyst's first build."""
    out = tmp_path_factory.mktemp("loop") / "out"
    done = CliRunner().invoke(app, ["build", str(DATA), "--out", str(out), "--workers", "1"])
    assert done.exit_code == 0, done.output
    return out


@pytest.fixture
def out(first_build, tmp_path) -> Path:
    copy = tmp_path / "out"
    shutil.copytree(first_build, copy)
    return copy


def _rebuild(out: Path) -> str:
    done = CliRunner().invoke(app, ["build", str(DATA), "--out", str(out), "--workers", "1"])
    assert done.exit_code == 0, done.output
    return done.output


def _row(output: str, name: str) -> int:
    return int(next(line for line in output.splitlines() if line.startswith(f"│ {name} ")).split("│")[2])


def _claim_ids(out: Path) -> set[str]:
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    return {str(c).removeprefix(str(KGC)) for c in graph.subjects(RDF.type, KGO.Claim)}


def test_review_answers_are_applied_by_the_next_build_from_the_cache(out):
    before = _claim_ids(out)
    asked = CliRunner().invoke(app, ["review", str(out), "--below", "0.9", "--limit", "2"], input="a\nr\n")
    assert asked.exit_code == 0, asked.output
    confirmed, rejected = (json.loads(line) for line in (out / "corrections.jsonl").read_text().splitlines())
    assert (confirmed["op"], rejected["op"]) == ("confirm", "reject")

    output = _rebuild(out)
    assert _row(output, "corrections applied") == 2 and _row(output, "corrections matching nothing") == 0
    assert _row(output, "articles parsed") == 0 and _row(output, "articles whose claims were read") == 0
    assert _claim_ids(out) == before - {rejected["claim"]}
    # what was answered is not asked again
    listed = CliRunner().invoke(app, ["review", str(out), "--below", "0.9", "--list"]).output
    assert confirmed["claim"] not in listed and rejected["claim"] not in listed


def test_lines_copied_from_the_page_are_applied_by_the_next_build(browser, out):
    _open(browser, out / "graph.html")
    _pointer(browser, *_edge_point(browser, "wagner-group.supplies.hezbollah"), click=True)
    block = _claim_blocks(browser)[0]
    reject = _press(browser, block.find_element("css selector", "button[data-op=reject]"))
    _pointer(browser, *_node_point(browser, "wagner-group"), click=True)
    control = browser.find_element("css selector", "#panel > .correction")
    rename = _press(browser, next(b for b in control.find_elements("css selector", "button") if b.text == "rename"))
    assert rename == {"op": "rename", "entity": "wagner-group", "label": "Wagner Group"}
    rename["label"] = "Wagner Group (PMC)"  # the analyst fills in the new name
    (out / "corrections.jsonl").write_text(json.dumps(reject) + "\n" + json.dumps(rename) + "\n", encoding="utf-8")

    before = _claim_ids(out)
    output = _rebuild(out)
    assert _row(output, "corrections applied") == 2
    assert _claim_ids(out) == before - {reject["claim"]}
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    assert graph.value(KGE["wagner-group"], RDFS.label) == Literal("Wagner Group (PMC)")
