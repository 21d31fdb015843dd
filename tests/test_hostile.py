"""A hostile corpus through the real ``kg build``: every good article kept, every bad file named once,
no traceback. All files are written here, in tmp_path; the sentences are written for the tests."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS

from kg.pipeline.cache import CACHE_DIR, CACHE_FILE

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def article(subject: str, obj: str, weapon: str = "drones") -> str:
    return (f"Talks stall as {obj} seeks new weapons\n\n"
            f"{subject} supplied {weapon} to {obj} last month, officials said on Tuesday.\n\n"
            f"The officials, who spoke on condition of anonymity, said the transfer had been planned for months.\n")


WIRE = ("Brazil supplied artillery shells to Peru in a deal signed on Monday, the Brazilian defence ministry "
        "said in a statement. The ministry said the first shipment had already crossed the border and that "
        "more would follow before the end of the year. Officials in both capitals described the agreement as "
        "a turning point in relations that had been strained for more than a decade. Analysts said the deal "
        "reflected growing concern in the region about the security situation along the eastern frontier, "
        "where clashes have intensified since the spring. Neither government disclosed the value of the deal. ")


def write_hostile_corpus(root: Path) -> dict[str, str]:
    """Write the corpus; returns good file -> the words its articles contribute to the graph."""
    good = {}

    def put(name: str, data: bytes | str, expect: str | None = None) -> Path:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        if expect:
            good[name] = expect
        return path

    put("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with zipfile.ZipFile(root / "bundle.zip", "w") as archive:
        archive.writestr("inside.txt", article("Iran", "Russia"))
    put("bundle.txt", (root / "bundle.zip").read_bytes())  # a zip under a text name
    put("bad-utf8.txt", article("Iran", "Syria").encode("utf-8").replace(b"last month", b"last \xff\xfe month")
        + "“Quoted,” he said.\n".encode("utf-8"), "syria")
    put("noise.txt", b"Hezbollah \xff\xfe\xfa received \xc3\x28 weapons " * 50)  # 12 % of it not UTF-8
    put("utf16.txt", article("Russia", "Iraq").encode("utf-16"), "iraq")
    put("cp1252.txt", article("Turkey", "Azerbaijan").replace("officials said", "“officials” said").encode("cp1252"),
        "azerbaijan")
    put("empty.txt", b"")
    put("blank.txt", " \n\t\n   \n")
    with open(root / "huge.txt", "wb") as handle:  # 50 MB, over the default --max-bytes
        handle.truncate(50 * 1024 * 1024)
    put("nested.html", "<html><body>" + "<div><span>" * 3000 + "<p>" + article("Egypt", "Libya").replace(
        "\n\n", "</p><p>") + "<p><b>unclosed <i>tags", "libya")
    put("broken.json", '{"title": "Half a record", "text": "Iran supplied')
    lines = [json.dumps({"title": "A", "text": article("China", "Pakistan")}), "{not json", "",
             json.dumps({"title": "no text field"}), json.dumps({"title": "B", "text": article("India", "Armenia")})]
    put("feed.jsonl", "\n".join(lines) + "\n", "pakistan armenia")
    put("rows.csv", 'title,text\n"C","' + article("Qatar", "Sudan").replace('"', '""') + '"\n"unclosed,"oops\n',
        "sudan")
    put("notes.docx", article("Israel", "Ukraine"))
    (root / "loop").symlink_to(".")
    secret = put("secret.txt", article("Belarus", "Serbia"))
    secret.chmod(0)
    if os.geteuid() == 0:  # root reads it anyway: then it is one more good article
        good["secret.txt"] = "serbia"
    put("a folder with spaces/Ünïcødé – article.txt", article("Germany", "Poland"), "poland")
    put("again/copy.txt", article("Germany", "Poland"))
    for n, outlet in enumerate(["Rio Times", "Lima Herald", "Andes Post"]):
        put(f"wire/{n}.json", json.dumps({"title": "Brazil arms deal", "publisher": outlet,
                                          "date": "2024-03-0" + str(n + 1), "text": WIRE}), "peru")
    return good


def run_kg(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    good = write_hostile_corpus(root / "corpus")
    done = run_kg("build", str(root / "corpus"), "--out", str(root / "out"))
    (root / "corpus" / "secret.txt").chmod(0o600)
    return good, done, root / "out"


def test_hostile_corpus_builds_without_a_traceback(hostile_build):
    _, done, _ = hostile_build
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_every_bad_file_or_line_gets_one_line_saying_why(hostile_build):
    _, done, _ = hostile_build
    lines = [line for line in done.stderr.splitlines() if line.startswith("skipped ")]
    why = {line.split(":")[0].removeprefix("skipped "): line for line in lines}
    print("\n".join(lines))
    expected = {"photo.png": "unsupported", "bundle.zip": "unsupported", "bundle.txt": "binary", "empty.txt": "empty",
                "blank.txt": "empty", "huge.txt": "too large", "broken.json": "invalid JSON",
                "notes.docx": "unsupported", "again/copy.txt": "duplicate",
                "noise.txt": "not text in any encoding tried (UTF-8: invalid at byte 10, 200 of 1700 bytes broken (12%)"}
    for name, reason in expected.items():
        assert reason in why.get(name, ""), f"{name}: {why.get(name)}"
    assert len(lines) == len(set(lines))
    assert "skipped: not text in any encoding tried" in done.stdout  # the summary counts it by kind
    assert "ÿþú" not in (hostile_build[2] / "graph.ttl").read_text(encoding="utf-8")


def test_every_good_article_is_in_the_graph(hostile_build):
    good, _, out = hostile_build
    graph = Graph().parse(out / "graph.ttl")
    sources = {str(s) for s in graph.objects(None, DCTERMS.source)}
    labels = {str(o).lower() for o in graph.objects(None, None) if isinstance(o, Literal)}
    for name, words in good.items():
        assert name in sources, f"{name} is not in the graph: {sorted(sources)}"
        for word in words.split():
            assert word in labels, f"{name}: no {word!r} in the graph"


def test_encodings_are_decoded_not_mangled(hostile_build):
    _, _, out = hostile_build
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "“officials” said" in text  # cp1252 smart quotes
    assert "â€" not in text  # no UTF-8 read as cp1252
    assert "Ünïcødé – article.txt" in text


def test_syndicated_wire_story_is_one_independent_source_with_every_outlet_kept(hostile_build):
    _, _, out = hostile_build
    graph = Graph().parse(out / "graph.ttl")
    rows = graph.query("""
        PREFIX kgo: <https://w3id.org/kg-news/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?publisher ?original WHERE {
            ?claim rdf:predicate kgo:supplies ; rdf:object ?peru ; dcterms:isPartOf ?doc .
            ?peru rdfs:label "Peru" .
            ?doc dcterms:publisher ?publisher .
            OPTIONAL { ?doc kgo:copyOf ?original }
        }""")
    found = sorted((str(p), o is not None) for p, o in rows)
    assert found == [("Andes Post", True), ("Lima Herald", True), ("Rio Times", False)]


def test_nothing_readable_is_the_only_failure(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "photo.png").write_bytes(b"\x89PNG\r\n")
    done = run_kg("build", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith("kg: error: no article could be read")
    assert "Traceback" not in done.stderr


def test_limits_are_options_and_each_skip_is_reported(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(article("Iran", "Russia"), encoding="utf-8")
    (tmp_path / "corpus" / "b.txt").write_text(article("Iran", "Syria") * 5, encoding="utf-8")
    done = run_kg("build", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"), "--max-bytes", "400")
    assert done.returncode == 0, done.stderr
    assert "skipped b.txt: too large" in done.stderr
    done = run_kg("build", str(tmp_path / "corpus"), "--out", str(tmp_path / "out2"), "--time-budget", "0")
    assert done.returncode == 0, done.stderr
    assert "skipped a.txt: over the time budget of 0 s" in done.stderr


def test_sigkill_midway_leaves_the_previous_outputs_intact_and_readable(tmp_path):
    out = tmp_path / "out"
    assert run_kg("build", str(DATA), "--out", str(out)).returncode == 0
    before = outputs(out)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    states = ["Iran", "Russia", "Syria", "Iraq", "Egypt", "Libya", "Sudan", "Qatar", "Turkey", "Greece", "Chile"]
    for n in range(1000):  # enough that a build with the prefilter still runs past the kills
        text = article(states[n % 11], states[(n // 11 + 1 + n) % 11]).replace("last month", f"on day {n}")
        (corpus / f"{n:03}.txt").write_text(text, encoding="utf-8")
    for delay in (2.5, 5.0):
        build = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out)], cwd=ROOT,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        assert build.poll() is None, "the build ended before it could be killed midway"
        build.send_signal(signal.SIGKILL)
        build.wait()
        assert outputs(out) == before
        assert sqlite3.connect(out / CACHE_DIR / CACHE_FILE).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    Graph().parse(out / "graph.ttl", format="turtle")
    (out / ".graph.ttl.stale.tmp").write_text("half a file")  # as a kill during a write leaves one
    assert run_kg("build", str(DATA), "--out", str(out)).returncode == 0
    assert outputs(out) == before


def outputs(out: Path) -> dict[str, bytes]:
    """The files a build writes for people, without its cache (which a killed build may have grown)."""
    return {path.name: path.read_bytes() for path in sorted(out.iterdir()) if path.name != CACHE_DIR}


@pytest.mark.parametrize("file, line, replace, message", [
    ("rules/relations.jsonl", 1, ('"relation": "', '"relation": "befriends'), "unknown relation 'befriends"),
    ("entities.jsonl", 1, ('"class": "', '"class": "Planet'), "unknown class 'Planet"),
    ("entities.jsonl", 1, ("{", "{{"), "invalid JSON"),
    ("entities.jsonl", 3, ('"id": "', '"id": "<x> '), "is not a slug"),
    ("kg.ttl", None, ("kgo:Claim a owl:Class", "kgo:Claim a owl:Class ;;; ("), "kg.ttl:"),
])
def test_broken_configuration_stops_with_file_line_and_fix_before_any_work(tmp_path, file, line, replace, message):
    ontology = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", ontology)
    target = ontology / file
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    number = line or next(n for n, text in enumerate(lines, 1) if replace[0] in text)
    number = next(n for n in range(number, len(lines) + 1) if replace[0] in lines[n - 1])
    lines[number - 1] = lines[number - 1].replace(*replace, 1)
    target.write_text("".join(lines), encoding="utf-8")
    done = run_kg("build", str(DATA), "--out", str(tmp_path / "out"), "--ontology", str(ontology))
    assert done.returncode == 1
    error = done.stderr.strip().splitlines()
    assert len(error) == 1 and "Traceback" not in done.stderr
    assert error[0].startswith(f"kg: error: {target}:{number}: ") and message in error[0]
    assert ";" in error[0].split(message, 1)[1] or "use one of" in error[0]  # says what would fix it
    assert not (tmp_path / "out").exists()


def test_named_queries_count_a_syndicated_story_once(hostile_build):
    _, _, out = hostile_build
    for name in ("corroboration", "who-supplies-whom"):
        done = run_kg("query", str(out / "graph.ttl"), "--name", name, "--format", "json")
        assert done.returncode == 0, done.stderr
        rows = [{k: v["value"] for k, v in row.items()} for row in json.loads(done.stdout)["results"]["bindings"]]
        peru = [row for row in rows if "Peru" in row.values() and "Brazil" in row.values()]
        assert [row["articles"] for row in peru] == ["1"], (name, peru)


def test_syndicated_story_weighs_one_in_gephi_and_graphml(hostile_build):
    _, _, out = hostile_build
    network = nx.read_graphml(out / "graph.graphml")
    weights = [d["weight"] for s, o, d in network.edges(data=True)
               if network.nodes[s]["label"] == "Brazil" and network.nodes[o]["label"] == "Peru"]
    assert weights == [1]
    assert 'weight="1"' in next(line for line in (out / "graph.gexf").read_text().splitlines()
                                if 'source="brazil"' in line and 'target="peru"' in line)
