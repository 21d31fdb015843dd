"""End to end on the sample corpus: the committed output, determinism, the CLI."""
from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.pipeline.cache import CACHE_DIR

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

runner = CliRunner()


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = runner.invoke(app, ["build", str(DATA), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_pipeline_rebuild_matches_committed_output(sample_build):
    committed_files = sorted(p.name for p in (ROOT / "output").iterdir() if p.name != CACHE_DIR)
    assert sorted(p.name for p in sample_build.iterdir()) == sorted([*committed_files, CACHE_DIR])
    for name in committed_files:
        built = (sample_build / name).read_text(encoding="utf-8")
        committed = (ROOT / "output" / name).read_text(encoding="utf-8")
        diff = "\n".join(difflib.unified_diff(committed.split("\n"), built.split("\n"), lineterm="", n=1))
        assert not diff, f"output/{name} is stale; rebuild with `kg build data/ --out output/`:\n" + diff[:3000]


def test_pipeline_two_builds_are_byte_identical(sample_build, tmp_path):
    result = runner.invoke(app, ["build", str(DATA), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for path in sample_build.iterdir():
        if path.name == CACHE_DIR:  # holds CPU seconds, which differ run to run
            continue
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_pipeline_library_graph_is_the_written_graph(sample_build):
    result = kg.build([DATA])
    assert isomorphic(result.graph, Graph().parse(sample_build / "graph.ttl"))
    assert result.network.number_of_edges() > 0
    weights = {k: d["weight"] for _, _, k, d in result.network.edges(keys=True, data=True)}
    assert weights["supplies"] >= 1


def test_pipeline_sample_facts(sample_build):
    graph = Graph().parse(sample_build / "graph.ttl")
    ask = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX kgo: <https://w3id.org/kg-news/ontology#> PREFIX kge: <https://w3id.org/kg-news/entity/>
             ASK { kge:wagner-group kgo:supplies kge:hezbollah . kge:russia kgo:directs kge:wagner-group .
                   ?c rdf:subject kge:wagner-group ; kgo:item kge:pantsir-s1 ; kgo:modality kgo:Planned .
                   ?k rdf:object kge:iran ; kgo:modality kgo:Planned ; kgo:attributedTo kge:john-kirby . }"""
    assert graph.query(ask).askAnswer


def test_pipeline_summary_lists_what_was_found(sample_build):
    result = runner.invoke(app, ["build", str(DATA), "--out", str(sample_build.parent / "again")])
    assert "articles read" in result.output and "claims: supplies" in result.output


def test_pipeline_bad_files_are_skipped_not_fatal(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(DATA / "001_9ffded20f949ddc6.txt", corpus)
    (corpus / "empty.txt").write_text("   \n")
    (corpus / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    result = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "empty.txt" in result.output and "picture.txt" in result.output
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_pipeline_nothing_readable_fails(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no article could be read" in result.output


def test_pipeline_missing_model_says_how_to_install(tmp_path):
    result = runner.invoke(app, ["build", str(DATA), "--out", str(tmp_path), "--model", "xx_no_such_model"])
    assert result.exit_code == 1
    assert "pip install" in result.output


def test_pipeline_entities_command(sample_build):
    result = runner.invoke(app, ["entities", str(sample_build / "graph.ttl")])
    assert result.exit_code == 0
    assert "Wagner Group" in result.output and "ArmedGroup" in result.output


@pytest.mark.parametrize("command", [c.name for c in app.registered_commands])
def test_pipeline_commands_have_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output
