"""A frame's claim carries its own copy of each feature (``frame|FEATURE``), so the judge can
weigh a frame's claim apart from the loose reader's far more numerous ones; a loose claim has none."""
from __future__ import annotations

import math

from kg.judge.features import FRAME_COPY, frame_copies

from test_judge import claims_of, judge_model, ontology_with


def test_frame_copies_double_every_feature_but_the_bias():
    assert frame_copies({"bias", "rel=supplies"}) == {"bias", "rel=supplies", FRAME_COPY + "rel=supplies"}


def test_a_frame_claim_is_weighed_by_its_copies_and_a_loose_claim_is_not(tmp_path):
    model = judge_model({FRAME_COPY + "rel=supplies": 2.0, FRAME_COPY + "rel=attacks": -3.0}, threshold=0.1)
    claims = claims_of(ontology_with(tmp_path, model))
    supply = claims[("estonia", "supplies", "moldova")]
    assert not supply.rule.startswith("loose:")
    assert supply.confidence == round(1 / (1 + math.exp(-2.0)), 3)
    assert ("latvia", "attacks", "lithuania") not in claims or claims[("latvia", "attacks", "lithuania")].rule.startswith("loose:")
    assert all(c.confidence == 0.5 for c in claims.values() if c.rule.startswith("loose:"))
