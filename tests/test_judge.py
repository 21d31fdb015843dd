"""The learned judge: kg train on a small labelled folder of our own sentences, a model's
probability as each claim's confidence, claims under its threshold dropped, another ontology
folder's model used instead of the shipped one, and the calibration figures of kg score."""
from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
from rdflib import Literal
from typer.testing import CliRunner

from kg.cli import app
from kg.judge.model import FORMAT, MODEL_DIR, MODEL_FILE
from kg.model import Document
from kg.ontology import DEFAULT_ONTOLOGY_DIR, KGO
from kg.pipeline import build_documents
from kg.evaluate.score import expected_calibration_error, reliability_bins, score_graph
from kg.evaluate.gold import parse_gold

from test_score import TinyGraph

pytest.importorskip("sklearn")

THEMES = {
    "north": {
        "a1.txt": "Estonia sends drones to Moldova\n\nEstonia supplied drones to Moldova on Monday. "
                  "Latvia attacked Lithuania near the border, the report said.\n",
        "a2.txt": "Talks in Riga\n\nFinland delivered missiles to Georgia last week. "
                  "Norway sanctioned Denmark over the dispute.\n",
    },
    "south": {
        "b1.txt": "A new shipment\n\nSpain supplied rifles to Portugal in March. "
                  "Italy attacked Greece, officials said.\n",
        "b2.txt": "Aid for Chile\n\nBrazil sent artillery shells to Chile. Peru struck Bolivia on Sunday.\n",
    },
}
GOLD = {
    "north": [{"s": "Estonia", "r": "supplies", "o": "Moldova", "docs": ["a1"]},
              {"s": "Finland", "r": "supplies", "o": "Georgia", "docs": ["a2"]}],
    "south": [{"s": "Spain", "r": "supplies", "o": "Portugal", "docs": ["b1"]},
              {"s": "Brazil", "r": "supplies", "o": "Chile", "docs": ["b2"]}],
}


def labelled_folder(root: Path) -> Path:
    """Two themes: ``north`` in the labelled sets' layout (articles/ and evidence as sentences),
    ``south`` in the second form (articles listed by path, evidence as character offsets)."""
    for theme, articles in THEMES.items():
        folder = root / "labelled" / theme
        folder.mkdir(parents=True)
        if theme == "north":
            (folder / "articles").mkdir()
            where, listed = folder / "articles", None
        else:
            where = root / "corpus"
            where.mkdir()
            listed = [f"../../corpus/{name}" for name in articles]
        facts = []
        for name, text in articles.items():
            (where / name).write_text(text, encoding="utf-8")
        for fact in GOLD[theme]:
            doc = fact["docs"][0]
            text = articles[f"{doc}.txt"]
            sentence = next(s.strip() + "." for s in text.split("\n\n")[1].split(". ") if fact["s"] in s)
            start = text.index(sentence[:-1])
            evidence = sentence if theme == "north" else [start, start + len(sentence)]
            facts.append({**fact, "evidence": {doc: evidence}})
        gold = {"facts": facts, **({"articles": listed} if listed else {})}
        (folder / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return root / "labelled"


def test_kg_train_writes_a_model_and_the_same_bytes_again(tmp_path):
    labelled = labelled_folder(tmp_path)
    runner = CliRunner()
    first = runner.invoke(app, ["train", str(labelled), "--out", str(tmp_path / "m1")])
    assert first.exit_code == 0, first.output
    second = runner.invoke(app, ["train", str(labelled / "north"), str(labelled / "south"),
                                 "--out", str(tmp_path / "m2")])
    assert second.exit_code == 0, second.output
    model = (tmp_path / "m1" / MODEL_FILE).read_bytes()
    assert model == (tmp_path / "m2" / MODEL_FILE).read_bytes()
    data = json.loads(model)
    assert data["format"] == FORMAT and data["training"]["themes"] == ["north", "south"]
    assert data["training"]["right"] >= 3  # the supplies claims, aligned with the gold facts
    assert data["training"]["claims"] > data["training"]["right"]  # the attacks and sanctions are not facts
    assert 0 <= data["threshold"] <= 1 and 0 <= data["rule_threshold"] < 1 and data["weights"]
    assert data["weights"].get("rel=supplies", 0) > data["weights"].get("rel=attacks", 0)


def ontology_with(tmp_path: Path, model: dict) -> Path:
    """A copy of the shipped ontology folder whose judge is ``model``."""
    folder = tmp_path / "ontology"
    shutil.copytree(DEFAULT_ONTOLOGY_DIR, folder, ignore=shutil.ignore_patterns(MODEL_DIR))
    (folder / MODEL_DIR).mkdir()
    (folder / MODEL_DIR / MODEL_FILE).write_text(json.dumps(model), encoding="utf-8")
    return folder


def judge_model(weights: dict, bias: float = 0.0, threshold: float = 0.5) -> dict:
    return {"format": FORMAT, "weights": weights, "bias": bias, "threshold": threshold, "rule_threshold": threshold,
            "calibration": {"scale": 1.0, "shift": 0.0}}


TEXT = "Estonia supplied drones to Moldova on Monday. Latvia attacked Lithuania near the border."


def claims_of(ontology: Path | None):
    document = Document(id="d1", title="", text=TEXT, date="2024-01-02", source="d1.txt")
    result = build_documents([document], ontology_dir=ontology)
    return {(c.subject, c.relation, c.object): c for c in result.claims}


def test_a_claims_confidence_is_the_models_probability(tmp_path):
    claims = claims_of(ontology_with(tmp_path, judge_model({"rel=supplies": 1.0, "rel=attacks": 2.0}, threshold=0.1)))
    assert claims[("estonia", "supplies", "moldova")].confidence == round(1 / (1 + math.exp(-1.0)), 3)
    assert claims[("latvia", "attacks", "lithuania")].confidence == round(1 / (1 + math.exp(-2.0)), 3)


def test_a_claim_the_model_scores_low_is_dropped(tmp_path):
    claims = claims_of(ontology_with(tmp_path, judge_model({"rel=supplies": 3.0, "rel=attacks": -3.0}, threshold=0.5)))
    assert ("estonia", "supplies", "moldova") in claims
    assert ("latvia", "attacks", "lithuania") not in claims
    assert all(not c.rule.startswith("loose:") or c.confidence >= 0.5 for c in claims.values())


def test_another_ontology_folders_model_changes_the_build(tmp_path):
    trusting = ontology_with(tmp_path / "a", judge_model({}, bias=4.0, threshold=0.5))
    doubting = ontology_with(tmp_path / "b", judge_model({}, bias=-4.0, threshold=0.5))
    assert {c.confidence for c in claims_of(trusting).values()} == {0.982}
    assert claims_of(doubting) == {}


def test_the_shipped_model_is_a_judge_with_a_threshold():
    data = json.loads((DEFAULT_ONTOLOGY_DIR / MODEL_DIR / MODEL_FILE).read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and 0 < data["threshold"] <= 1 and 0 <= data["rule_threshold"] < 1
    assert data["cross_validation"]["folds"] == "one per theme"


def test_reliability_bins_and_the_expected_calibration_error():
    pairs = [(0.95, True)] * 9 + [(0.95, False)] + [(0.25, True), (0.25, False), (0.25, False), (0.25, False)]
    bins = reliability_bins(pairs)
    assert [(b.claims, b.right) for b in bins if b.claims] == [(4, 1), (10, 9)]
    # 10/14 of the claims at 0.95 right 0.9 of the time, 4/14 at 0.25 right 0.25 of the time
    assert expected_calibration_error(bins) == pytest.approx(10 / 14 * 0.05)
    assert expected_calibration_error(reliability_bins([])) is None


def test_kg_score_reports_the_calibration_of_claim_confidence(tmp_path):
    tiny = TinyGraph()
    norland = tiny.entity("norland", "Norland", cls="State")
    brigade = tiny.entity("red-brigade", "Red Brigade", cls="ArmedGroup")
    ostia = tiny.entity("ostia", "Ostia", cls="State")
    tiny.article("001")
    for claim, confidence in ((tiny.claim(norland, "supplies", brigade, "001"), 0.9),
                              (tiny.claim(ostia, "attacks", brigade, "001"), 0.8)):
        tiny.graph.add((claim, KGO.confidence, Literal(confidence)))
    gold = parse_gold({"facts": [{"s": "Norland", "r": "supplies", "o": "Red Brigade"}]}, ("supplies", "attacks"))
    score = score_graph(tiny.graph, gold)
    # one claim at 0.9 right, one at 0.8 wrong: |1 - 0.9| / 2 + |0 - 0.8| / 2
    assert score.calibration_error == pytest.approx(0.45)
    assert [b["claims"] for b in score.as_dict()["reliability"]][8:] == [1, 1]
    path = tiny.write(tmp_path / "graph.ttl")
    (tmp_path / "gold.json").write_text(json.dumps({"facts": [{"s": "Norland", "r": "supplies", "o": "Red Brigade"}]}))
    shown = CliRunner().invoke(app, ["score", str(path), "--gold", str(tmp_path / "gold.json")])
    assert shown.exit_code == 0 and "calibration error" in shown.output and "0.450" in shown.output
