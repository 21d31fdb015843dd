"""Incremental builds: what the cache keeps, what a change redoes, and that the graph is always a fresh build's."""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.model import Document
from kg.ontology import DEFAULT_ONTOLOGY_DIR
from kg.pipeline.cache import CACHE_DIR, CACHE_FILE
from kg.pipeline.run import build_documents

ROOT = Path(__file__).resolve().parent.parent
STATES = ["Iran", "Russia", "Syria", "Turkey", "Egypt", "Qatar", "Jordan", "Ukraine", "Belarus", "Armenia"]


def article(i: int, title: str = "") -> Document:
    a, b, c = (STATES[(i * k + k) % len(STATES)] for k in (1, 3, 7))
    text = (f"{a} supplied {i % 30 + 2} drones to {b}, officials in {c} said on day {i}.\n\n"
            f"The harbour committee of {c} met on Tuesday to discuss the ferry timetable.\n\n"
            f"Forces of {b} attacked positions held by {a} near the border, a spokesman said.")
    return Document(id=f"a{i:03d}", title=title, text=text, date="2024-03-04", source=f"a{i:03d}.txt")


ARTICLES = [article(i) for i in range(12)]


def turtle(result) -> str:
    return result.graph.serialize(format="turtle")


def build(documents, out: Path | None, **options):
    return build_documents(documents, cache_dir=out, **options)


@pytest.fixture(scope="module")
def fresh():
    """The graphs of builds without a cache, to compare incremental builds with."""
    made: dict[tuple[str, ...], str] = {}

    def graph_of(documents) -> str:
        key = tuple(d.id + d.text for d in documents)
        if key not in made:
            made[key] = turtle(build(documents, None))
        return made[key]

    return graph_of


def test_a_rebuild_with_nothing_changed_reads_everything_from_the_cache(tmp_path, fresh):
    first = build(ARTICLES, tmp_path)
    assert first.work["articles parsed"] == len(ARTICLES) and first.changes is None
    again = build(ARTICLES, tmp_path)
    assert again.work["articles parsed"] == 0
    assert again.work["articles whose claims were read"] == 0
    assert again.work["articles whose claims came from the cache"] == len(ARTICLES)
    assert turtle(again) == turtle(first) == fresh(ARTICLES)
    assert again.changes.is_empty


def test_a_new_article_is_the_only_one_parsed_and_its_claims_are_reported_new(tmp_path, fresh):
    build(ARTICLES[:-1], tmp_path)
    grown = build(ARTICLES, tmp_path)
    assert grown.work["articles parsed"] == 1
    assert turtle(grown) == fresh(ARTICLES)
    assert {c.document for c in grown.changes.new_claims} == {ARTICLES[-1].id}
    assert not grown.changes.gone_claims


def test_a_deleted_article_takes_its_claims_with_it(tmp_path, fresh):
    build(ARTICLES, tmp_path)
    shrunk = build(ARTICLES[1:], tmp_path)
    assert shrunk.work["articles parsed"] == 0
    assert ARTICLES[0].id not in {c.document for c in shrunk.claims}
    assert turtle(shrunk) == fresh(ARTICLES[1:])
    assert {c.document for c in shrunk.changes.gone_claims} == {ARTICLES[0].id}
    # and its entries leave the cache with it
    db = sqlite3.connect(tmp_path / CACHE_DIR / CACHE_FILE)
    assert db.execute("SELECT COUNT(*) FROM parses").fetchone() == (len(ARTICLES) - 1,)


def test_an_edited_article_is_parsed_again(tmp_path, fresh):
    build(ARTICLES, tmp_path)
    edited = [*ARTICLES[:-1], replace_text(ARTICLES[-1], "Egypt sent tanks to Jordan, the ministry said.")]
    result = build(edited, tmp_path)
    assert result.work["articles parsed"] == 1
    assert turtle(result) == fresh(edited)
    assert ("egypt", "supplies", "jordan") in {(c.subject, c.relation, c.object) for c in result.claims}


def replace_text(document: Document, text: str) -> Document:
    return Document(id=document.id, title=document.title, text=text, date=document.date, source=document.source)


def copied_ontology(tmp_path: Path) -> Path:
    directory = tmp_path / "ontology"
    shutil.copytree(DEFAULT_ONTOLOGY_DIR, directory)
    return directory


@pytest.mark.parametrize("changed, parsed, mentions_again, claims_read", [
    ("entities.jsonl", True, False, True),  # the catalog: names laid over NER, so every parse
    ("rules/lexicon.json", False, True, True),  # rules: mentions and claims, not parses
    ("kg.ttl", False, False, True),  # the ontology: claims only
])
def test_a_changed_file_of_the_ontology_folder_redoes_what_depends_on_it(tmp_path, changed, parsed,
                                                                         mentions_again, claims_read):
    directory = copied_ontology(tmp_path)
    out = tmp_path / "out"
    first = build(ARTICLES, out, ontology_dir=directory)
    with open(directory / changed, "a", encoding="utf-8") as handle:
        handle.write("\n" if changed.endswith(".json") else "\n# a comment\n" if changed.endswith(".ttl") else "\n")
    again = build(ARTICLES, out, ontology_dir=directory)
    n = len(ARTICLES)
    assert again.work["articles parsed"] == (n if parsed else 0)
    assert again.work["articles whose mentions were found again"] == (n if mentions_again else 0)
    assert again.work["articles whose claims were read"] == (n if claims_read else 0)
    assert turtle(again) == turtle(first)  # a change that means nothing changes nothing


def test_workers_use_and_fill_the_same_cache(tmp_path, fresh):
    build(ARTICLES[:6], tmp_path, n_process=1)
    two = build(ARTICLES, tmp_path, n_process=2)
    assert two.work["articles parsed"] == len(ARTICLES) - 6
    assert turtle(two) == fresh(ARTICLES)


def test_a_build_killed_midway_leaves_a_cache_the_next_build_finishes_from(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(400):
        document = article(i)
        (corpus / document.source).write_text(document.text, encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--workers", "1"]
    running = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db_path = out / CACHE_DIR / CACHE_FILE
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and running.poll() is None:
        if db_path.exists() and _rows(db_path) >= 32:  # two batches committed, the build still going
            break
        time.sleep(0.05)
    assert running.poll() is None, "the build ended before it could be killed midway"
    running.kill()
    running.wait()
    assert sqlite3.connect(db_path).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert not (out / "graph.ttl").exists()
    resumed = subprocess.run([*command[:-2], "--workers", "2"], cwd=ROOT, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    parsed = int(next(line for line in resumed.stdout.splitlines() if "articles parsed" in line).split("│")[2])
    assert 0 < parsed <= 400 - 32
    whole = tmp_path / "whole"
    done = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(whole), "--no-cache"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not (whole / CACHE_DIR).exists()
    for name in ("graph.ttl", "graph.gexf", "graph.html"):
        assert (out / name).read_bytes() == (whole / name).read_bytes(), name


def _rows(db_path: Path) -> int:
    try:
        return sqlite3.connect(db_path, timeout=0.1).execute("SELECT COUNT(*) FROM parses").fetchone()[0]
    except sqlite3.OperationalError:  # locked while the build commits
        return 0


def test_the_build_summary_says_what_changed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for document in ARTICLES[:3]:
        (corpus / document.source).write_text(document.text, encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out")])
    assert first.exit_code == 0, first.output
    assert "changed since the last build" not in first.output
    (corpus / ARTICLES[3].source).write_text(ARTICLES[3].text, encoding="utf-8")
    second = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out")])
    assert second.exit_code == 0, second.output
    assert "changed since the last build" in second.output
    claims_row = next(line for line in second.output.splitlines() if line.startswith("│ claims "))
    before, after, new, gone = (int(cell) for cell in claims_row.split("│")[2:6])
    assert (new, gone, after) == (2, 0, before + 2)  # the new article's supply and attack
    diff = runner.invoke(app, ["diff", "--json", str(tmp_path / "out" / "graph.ttl"), str(tmp_path / "out" / "graph.ttl")])
    assert json.loads(diff.output)["counts"]["claims"]["new"] == 0


def _corpus_and_build(tmp_path, articles):
    """A corpus folder of ``articles`` in tmp_path, its output folder, and a function that builds
    one into the other by the CLI and returns what it printed."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for document in articles:
        (corpus / document.source).write_text(document.text, encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()

    def build_cli() -> str:
        done = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--workers", "1"])
        assert done.exit_code == 0, done.output
        return done.output

    return corpus, out, build_cli


def test_a_rebuild_that_changes_nothing_leaves_the_files_and_one_that_does_writes_them(tmp_path):
    corpus, out, build_cli = _corpus_and_build(tmp_path, ARTICLES[:3])

    assert "wrote " in build_cli()
    written = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir() if p.is_file()}
    assert "nothing to write" in build_cli()
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir() if p.is_file()} == written
    (out / "graph.gexf").write_text("edited by hand")  # a changed output is made again
    assert "wrote " in build_cli()
    assert (out / "graph.gexf").read_bytes() == written["graph.gexf"][1]
    # an edited article file is read again, not taken from what reading it gave before
    (corpus / ARTICLES[0].source).write_text(ARTICLES[0].text.replace("drones", "tanks"), encoding="utf-8")
    assert "wrote " in build_cli()
    assert "tanks to" in (out / "graph.ttl").read_text()


def test_a_new_kg_writes_the_files_again_though_the_graph_is_the_same(tmp_path, monkeypatch):
    """A kg whose page code changed must not leave the last kg's graph.html in place."""
    import kg.export.output as output

    _, _, build_cli = _corpus_and_build(tmp_path, ARTICLES[:1])

    assert "wrote " in build_cli()
    assert "nothing to write" in build_cli()
    monkeypatch.setattr(output, "writer_version", lambda: "a kg whose page.js changed")
    assert "wrote " in build_cli()
    assert "nothing to write" in build_cli()
