"""The judge: a claim's features weighed into the probability that the claim is right.

The model is data, ``MODEL_DIR/judge.json`` (written by ``kg train``): a weight per feature, a
bias, a calibration (a scale and a shift of the score, fitted on held-out themes) and
thresholds: a loose claim (``kg.extract.loose``) is kept from its relation's ``loose_thresholds``
up (``threshold`` for a relation not listed there), a frame's claim is dropped under
``rule_threshold``. Applying it is a sum and a sigmoid: a build needs no
learning library. The shipped model lives in the ontology folder (``ontology/model/judge.json``);
``--ontology DIR`` brings its own, and a folder without one builds as before the judge (the
rules' own confidences, no loose claims).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..errors import KGError
from ..model import Claim

MODEL_DIR = "model"
MODEL_FILE = "judge.json"
FORMAT = "kg-judge/1"


@dataclass(frozen=True)
class Judge:
    weights: dict[str, float]
    bias: float
    scale: float
    shift: float
    threshold: float  # a loose claim is kept from here up
    rule_threshold: float = 0.0  # a frame's claim is dropped under this
    loose_thresholds: tuple[tuple[str, float], ...] = ()  # (relation, threshold): a loose claim of it is kept from here up

    @property
    def loose(self) -> bool:
        """Whether the loose reader should run: whether any of its claims can be kept."""
        return min([self.threshold, *(t for _, t in self.loose_thresholds)]) < 1.0

    def loose_threshold(self, relation: str) -> float:
        return dict(self.loose_thresholds).get(relation, self.threshold)

    def probability(self, features) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        z = self.scale * score + self.shift
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0

    def judged(self, claims: list[Claim], features: list[tuple[str, ...]]) -> tuple[list[Claim], list[Claim]]:
        """(the claims kept, each with its probability as confidence; the claims dropped)."""
        kept, dropped = [], []
        for claim, f in zip(claims, features):
            p = round(self.probability(f), 3)
            least = self.loose_threshold(claim.relation) if claim.rule.startswith("loose:") else self.rule_threshold
            (kept if p >= least else dropped).append(replace(claim, confidence=p))
        return kept, dropped


def model_path(ontology_dir: Path) -> Path:
    return Path(ontology_dir) / MODEL_DIR / MODEL_FILE


def judge_from_json(data: dict, where: str = MODEL_FILE) -> Judge:
    try:
        if data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} model")
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        cal = data["calibration"]
        loose = tuple(sorted((str(k), float(v)) for k, v in data.get("loose_thresholds", {}).items()))
        return Judge(weights, float(data["bias"]), float(cal["scale"]), float(cal["shift"]), float(data["threshold"]),
                     float(data.get("rule_threshold", data["threshold"])), loose)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise KGError(f"{where}: not a judge model ({err})") from None


@lru_cache(maxsize=4)
def load_judge(ontology_dir: str) -> Judge | None:
    """The judge of an ontology folder, or None when it has none."""
    path = model_path(Path(ontology_dir))
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise KGError(f"{path}: cannot read the judge model: {err}") from None
    return judge_from_json(data, str(path))
