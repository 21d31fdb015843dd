"""The loose reader's claims judged by relation: each relation its own threshold (chosen on
held-out themes, written into the model, applied by the build), and the features that say how
the sentence links a loose claim's ends to the trigger word."""
from __future__ import annotations

import json
from pathlib import Path

from kg.judge.model import FORMAT, judge_from_json
from kg.model import Claim
from kg.training.collect import read_theme
from kg.training.fit import Sample, kept_probabilities, loose_threshold, loose_thresholds
from kg.ontology import DEFAULT_ONTOLOGY_DIR


def claim(relation: str, rule: str) -> Claim:
    return Claim(subject="norland", relation=relation, object="ostia", document="d1", sentence=0, text="",
                 start_char=0, end_char=0, modality="Asserted", attributed_to=None, reported_by=None,
                 date="2024-01-02", rule=rule, confidence=0.5)


def test_a_loose_claim_is_kept_from_its_relations_threshold():
    judge = judge_from_json({"format": FORMAT, "weights": {}, "bias": 0.0, "threshold": 1.0, "rule_threshold": 0.0,
                             "loose_thresholds": {"attacks": 0.4}, "calibration": {"scale": 1.0, "shift": 0.0}})
    assert judge.loose  # a relation's threshold under 1 is enough for the loose reader to run
    kept, dropped = judge.judged([claim("attacks", "loose:attacks"), claim("supplies", "loose:supplies"),
                                  claim("supplies", "supplies-verb")], [("bias",)] * 3)
    assert [c.rule for c in kept] == ["loose:attacks", "supplies-verb"]  # p = 0.5 for all three
    assert [c.rule for c in dropped] == ["loose:supplies"]  # its relation has no threshold: the model's 1.0


def test_a_model_without_relation_thresholds_reads_as_before():
    judge = judge_from_json({"format": FORMAT, "weights": {}, "bias": 0.0, "threshold": 1.0, "rule_threshold": 0.0,
                             "calibration": {"scale": 1.0, "shift": 0.0}})
    assert not judge.loose and judge.loose_threshold("attacks") == 1.0


def sample(theme: int, relation: str, right: bool, n: int) -> Sample:
    return Sample(theme, ("bias",), right, (f"s{n}", relation, f"o{n}"), frozenset({n}) if right else frozenset(), True)


def test_each_relation_gets_the_threshold_its_own_added_claims_reach():
    # attacks: six right at 0.8, wrong at 0.3; supplies: six wrong at 0.9; no frame found any of them
    samples = ([sample(0, "attacks", True, n) for n in range(6)] + [sample(1, "attacks", False, n) for n in range(6)]
               + [sample(1, "supplies", False, n) for n in range(6)])
    probabilities = [0.8] * 6 + [0.3] * 6 + [0.9] * 6
    assert loose_threshold(probabilities, samples, 0.92) == 1.0  # one threshold for all: none keeps 92 % right
    chosen = loose_thresholds(probabilities, samples, 0.92)
    assert chosen == {"attacks": 0.31}
    kept = kept_probabilities(probabilities, samples, 0.0, 1.0, chosen)
    assert [p >= 0 for p in kept] == [True] * 6 + [False] * 12


def test_a_loose_claim_sees_the_roles_its_ends_fill_around_the_trigger(tmp_path):
    theme = tmp_path / "t1"
    (theme / "articles").mkdir(parents=True)
    (theme / "articles" / "a1.txt").write_text(
        "Talks in Riga\n\nNorway sanctioned Denmark over its dispute with Sweden. "
        "Finland said Estonia had sent rifles to Latvia.\n", encoding="utf-8")
    (theme / "gold.json").write_text(json.dumps({"facts": []}), encoding="utf-8")
    read = read_theme(theme, Path(DEFAULT_ONTOLOGY_DIR))
    features = {(c.subject, c.object, c.rule): set(f) for c, f in zip(read.claims, read.features)}
    backwards = features[("latvia", "estonia", "loose:supplies")]  # the recipient as the giver
    assert {"rel=supplies|schain=pobj<to>prep", "rel=supplies|ochain=nsubj", "rel=supplies|trigger=send",
            "rel=supplies|o-is-trigger-subject", "rel=supplies|voice=active|chains=pobj<to>prep|nsubj"} <= backwards
    assert "rel=supplies|ochain=not-under" in features[("latvia", "finland", "loose:supplies")]
    assert "rel=sanctions|agent=another" in features[("sweden", "denmark", "loose:sanctions")]  # Norway did it
    assert "rel=sanctions|agent=subject" in features[("norway", "sweden", "loose:sanctions")]
    assert not any("chain" in f for f in features[("estonia", "latvia", "supplies-verb")])  # a frame's: as before
