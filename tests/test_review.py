"""kg review: the doubtful decisions of a build, asked through the real prompts, each answer a line
of the corrections file; on the sample's build and on small builds written here."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.export.output import write_build
from kg.graph.assemble import build_graph, claim_id
from kg.model import Claim, Document, Entity
from kg.review import Answer, answer_lines, doubtful_items, open_items

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

runner = CliRunner()

ENTITIES = [
    Entity("kessler", "Kessler", "Person", mentions=2),
    Entity("anna-kessler", "Anna Kessler", "Person", mentions=5),
    Entity("boris-kessler", "Boris Kessler", "Person", mentions=3),
    Entity("red-brigade", "Red Brigade", "ArmedGroup", mentions=9),
    Entity("red-brigade-organization", "red brigade", "Organization", mentions=2),
    Entity("valdaria", "Valdaria", "State", mentions=4),
    Entity("orlov-brigade", "Orlov Brigade", "ArmedGroup", mentions=3),
]


def claim(subject: str, relation: str, obj: str, document: str, sentence: int, confidence: float,
          text: str, modality: str = "Asserted") -> Claim:
    return Claim(subject=subject, relation=relation, object=obj, document=document, sentence=sentence,
                 text=text, start_char=0, end_char=len(text), modality=modality, rule="test",
                 confidence=confidence)


SENDING = claim("valdaria", "supplies", "orlov-brigade", "d1", 3, 0.42,
                "Valdaria may be sending rifles to the Orlov Brigade, one trader said.", "Possible")
SHELLING = claim("red-brigade", "attacks", "valdaria", "d2", 1, 0.61,
                 "The Red Brigade shelled a Valdarian border post on Monday.")
LEADING = claim("anna-kessler", "leads", "red-brigade", "d1", 0, 0.95,
                "Anna Kessler has led the Red Brigade since the spring.")
DOCUMENTS = [Document("d1", "Rifles for the Orlov Brigade", "", date="2024-03-04", source="d1.txt"),
             Document("d2", "Shelling on the border", "", date="2024-03-05", source="d2.txt")]

MERGE_LOG = ("joined Person 'Anna' -> 'Anna Kessler'\n"
             "left apart Person 'Kessler': could be Anna Kessler, Boris Kessler\n"
             "left apart Person 'Morrow': could be Ed Morrow, Lia Morrow\n"  # not entities of the graph
             "typed 'Valdaria' as Place: a city in GeoNames\n")


@pytest.fixture
def small_build(tmp_path) -> Path:
    """A build folder with one item of each kind: a near miss, a name split over two classes and two
    claims of low confidence (and a sure one), written by the graph's assembler."""
    out = tmp_path / "out"
    out.mkdir()
    graph = build_graph(ENTITIES, DOCUMENTS, [SENDING, SHELLING, LEADING])
    graph.serialize(destination=out / "graph.ttl", format="turtle", encoding="utf-8")
    (out / "merge-log.txt").write_text(MERGE_LOG, encoding="utf-8")
    return out


def review(out: Path, *args: str, input: str = ""):
    return runner.invoke(app, ["review", str(out), *args], input=input)


def written(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_items_of_a_build_in_a_stable_order(small_build):
    items = doubtful_items(small_build)
    assert [(i.kind, i.ids) for i in items] == [
        ("near-miss", ("kessler", "anna-kessler", "boris-kessler")),
        ("same-name", ("red-brigade", "red-brigade-organization")),
        ("low-confidence", (claim_id(SENDING),)),
        ("low-confidence", (claim_id(SHELLING),)),
    ]
    near, same, sending, _ = items
    assert near.merge_targets == ("anna-kessler", "boris-kessler")  # most mentions first
    assert same.merge_targets[0] == "red-brigade"
    assert (sending.document, sending.sentence, sending.relation, sending.modality, sending.confidence) == (
        "d1", 3, "supplies", "Possible", 0.42)
    assert (sending.subject.label, sending.object.label) == ("Valdaria", "Orlov Brigade")
    assert (sending.title, sending.date, sending.evidence) == (
        "Rifles for the Orlov Brigade", "2024-03-04", SENDING.text)
    assert [i.kind for i in doubtful_items(small_build, below=0.5)] == ["near-miss", "same-name", "low-confidence"]


def test_review_drives_the_prompts_and_writes_a_line_per_answer(small_build):
    result = review(small_build, "--by", "J. Analyst", input="m\n2\nd\nr\na\n")
    assert result.exit_code == 0, result.output
    assert "Valdaria —supplies→ Orlov Brigade" in result.output
    assert "Rifles for the Orlov Brigade" in result.output
    corrections = small_build / "corrections.jsonl"
    assert "wrote 4 lines to " in result.output and "kg build DATA -o " in result.output
    locator = {"document": "d1", "sentence": 3, "relation": "supplies", "subject": "valdaria",
               "object": "orlov-brigade"}
    assert written(corrections) == [
        {"op": "merge", "from": "kessler", "into": "boris-kessler", "by": "J. Analyst"},
        {"op": "distinct", "entities": ["red-brigade", "red-brigade-organization"], "by": "J. Analyst"},
        {"op": "reject", "claim": claim_id(SENDING), **locator, "by": "J. Analyst"},
        {"op": "confirm", "claim": claim_id(SHELLING), "document": "d2", "sentence": 1, "relation": "attacks",
         "subject": "red-brigade", "object": "valdaria", "by": "J. Analyst"},
    ]
    # compact JSON in the key order of the format, one object a line
    assert corrections.read_text(encoding="utf-8").splitlines()[0] == (
        '{"op":"merge","from":"kessler","into":"boris-kessler","by":"J. Analyst"}')
    again = review(small_build)
    assert again.exit_code == 0 and "nothing to review" in again.output


def test_merge_of_a_split_name_goes_into_the_most_mentioned_by_default(small_build):
    result = review(small_build, "--limit", "2", input="s\nm\n\n")
    assert result.exit_code == 0, result.output
    assert written(small_build / "corrections.jsonl") == [
        {"op": "merge", "from": "red-brigade-organization", "into": "red-brigade"}]
    assert "2 items left open" not in result.output and "3 items left open" in result.output


def test_limit_asks_n_items_and_a_second_run_goes_on_where_the_first_stopped(small_build):
    first = review(small_build, "--limit", "1", input="d\n")
    assert first.exit_code == 0, first.output
    assert first.output.count("merge, distinct, skip or quit") == 1
    assert [line["op"] for line in written(small_build / "corrections.jsonl")] == ["distinct"]
    second = review(small_build, "--limit", "1", input="d\n")
    assert "red-brigade-organization" in second.output and "kessler" not in second.output
    listed = review(small_build, "--list")
    assert [line.split("\t")[0] for line in listed.output.splitlines()] == ["low-confidence", "low-confidence"]


def test_skipped_items_are_asked_again(small_build):
    review(small_build, input="s\ns\ns\ns\n")
    assert not (small_build / "corrections.jsonl").exists()
    assert len(review(small_build, "--list").output.splitlines()) == 4


def test_q_stops_and_keeps_what_was_written(small_build):
    result = review(small_build, input="d\nq\n")
    assert result.exit_code == 0, result.output
    assert "wrote 1 line to " in result.output and "3 items left open" in result.output
    assert [line["op"] for line in written(small_build / "corrections.jsonl")] == ["distinct"]


def test_the_end_of_the_input_stops_like_q(small_build):
    result = review(small_build, input="s\n")
    assert result.exit_code == 0, result.output
    assert "wrote 0 lines" in result.output and "4 items left open" in result.output


def test_list_prints_one_line_an_item_and_asks_nothing(small_build):
    result = review(small_build, "--list")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ("near-miss\tkessler anna-kessler boris-kessler\t"
                        "is Person 'Kessler' one of Anna Kessler, Boris Kessler?")
    assert lines[1].startswith("same-name\tred-brigade red-brigade-organization\t")
    assert lines[2] == (f"low-confidence\t{claim_id(SENDING)}\tValdaria supplies Orlov Brigade "
                        "(Possible, confidence 0.42) in d1 sentence 3")
    assert len(lines) == 4
    assert review(small_build, "--list", "--limit", "1").output.splitlines() == lines[:1]
    assert not (small_build / "corrections.jsonl").exists()


def test_list_as_json(small_build):
    result = review(small_build, "--list", "--json", "--below", "0.5")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [row["kind"] for row in rows] == ["near-miss", "same-name", "low-confidence"]
    assert rows[0]["candidates"][0] == {"id": "anna-kessler", "label": "Anna Kessler", "class": "Person",
                                        "mentions": 5}
    assert {k: rows[2][k] for k in ("claim", "document", "sentence", "relation", "confidence", "title")} == {
        "claim": claim_id(SENDING), "document": "d1", "sentence": 3, "relation": "supplies",
        "confidence": 0.42, "title": "Rifles for the Orlov Brigade"}
    assert rows[2]["subject"]["id"] == "valdaria"


def test_a_folder_without_a_graph_is_one_line_and_exit_1(tmp_path):
    result = review(tmp_path / "nowhere", "--list")
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert "graph.ttl: no graph here" in result.output


def test_lines_written_by_hand_answer_items_too(small_build):
    """A reject naming only the locator of a claim, a merge the other way round and a confirm by id
    all answer their items; comments, blank lines and a missing last newline are fine."""
    corrections = small_build / "corrections.jsonl"
    corrections.write_text(
        "# checked on the phone\n\n"
        '{"op":"reject","document":"d1","sentence":3,"relation":"supplies"}\n'
        '{"op":"merge","from":"red-brigade","into":"red-brigade-organization"}\n'
        f'{{"op":"confirm","claim":"{claim_id(SHELLING)}"}}', encoding="utf-8")
    assert [item.kind for item in open_items(small_build)] == ["near-miss"]
    result = review(small_build, input="m\n1\n")
    assert result.exit_code == 0, result.output
    assert corrections.read_text(encoding="utf-8").splitlines()[-2:] == [
        f'{{"op":"confirm","claim":"{claim_id(SHELLING)}"}}',
        '{"op":"merge","from":"kessler","into":"anna-kessler"}']


def test_a_locator_naming_another_subject_does_not_answer_the_claim(small_build):
    (small_build / "corrections.jsonl").write_text(
        '{"op":"reject","document":"d1","sentence":3,"relation":"supplies","subject":"red-brigade"}\n',
        encoding="utf-8")
    assert sum(item.kind == "low-confidence" for item in open_items(small_build)) == 2


def test_a_corrections_file_that_is_not_json_lines_is_one_line_and_exit_1(small_build):
    (small_build / "corrections.jsonl").write_text('{"op":"merge"}\nmerge kessler\n', encoding="utf-8")
    result = review(small_build, "--list")
    assert result.exit_code == 1
    assert "corrections.jsonl:2: not JSON" in result.output


def test_corrections_option_writes_elsewhere_and_names_it_in_the_rebuild(small_build, tmp_path):
    elsewhere = tmp_path / "reviews" / "mine.jsonl"
    result = review(small_build, "--corrections", str(elsewhere), input="d\n")
    assert written(elsewhere) == [{"op": "distinct", "entities": ["kessler", "anna-kessler", "boris-kessler"]}]
    assert f"--corrections {elsewhere}" in result.output
    assert not (small_build / "corrections.jsonl").exists()


def test_an_answer_the_item_does_not_offer_is_refused(small_build):
    near, *_ = doubtful_items(small_build)
    with pytest.raises(kg.KGError, match="does not answer"):
        answer_lines(near, Answer("accept"))
    with pytest.raises(kg.KGError, match="cannot merge into"):
        answer_lines(near, Answer("merge", "valdaria"))


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample articles built as `kg build data -o OUT` builds them."""
    result = kg.build([DATA])
    out = tmp_path_factory.mktemp("sample") / "out"
    write_build(result, out)
    return result, out


@pytest.fixture
def sample_out(sample, tmp_path) -> Path:
    """A copy of the sample's build folder, so each test starts without a corrections file."""
    out = tmp_path / "out"
    out.mkdir()
    for name in ("graph.ttl", "merge-log.txt"):
        (out / name).write_bytes((sample[1] / name).read_bytes())
    return out


def test_the_sample_has_nothing_below_the_default(sample_out):
    result = review(sample_out)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("nothing to review in ")


def test_review_of_the_sample_claims(sample, sample_out):
    claims = {claim_id(c): c for c in sample[0].claims}
    expected = sorted((c.confidence, cid) for cid, c in claims.items() if c.confidence < 0.9)
    listed = review(sample_out, "--list", "--below", "0.9").output.splitlines()
    assert [line.split("\t")[1] for line in listed] == [cid for _, cid in expected]
    assert all(line.startswith("low-confidence\t") for line in listed)

    result = review(sample_out, "--below", "0.9", "--limit", "2", input="a\nr\n")
    assert result.exit_code == 0, result.output
    lines = written(sample_out / "corrections.jsonl")
    assert [line["op"] for line in lines] == ["confirm", "reject"]
    for line, (_, cid) in zip(lines, expected):
        c = claims[cid]
        assert line == {"op": line["op"], "claim": cid, "document": c.document, "sentence": c.sentence,
                        "relation": c.relation, "subject": c.subject, "object": c.object}
    relisted = review(sample_out, "--list", "--below", "0.9").output.splitlines()
    assert relisted == listed[2:]
