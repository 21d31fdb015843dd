"""kg train: fit the judge on labelled themes and choose its threshold by cross-validation.

The learner is a logistic regression (scikit-learn's liblinear, the ``train`` extra; five
times faster than lbfgs on these sparse features, and as good held out): a weight per named
feature, so the model is a short JSON file that a build applies with a sum and a sigmoid, and
its scores, once calibrated on held-out themes, are probabilities. Everything is decided on the
training themes alone:

- the regularisation, by the log-loss of each theme's claims scored by a model fitted on the
  other themes (folds by theme: a theme's articles share stories, names and phrasing);
- the calibration (a scale and a shift of the score), fitted on those held-out scores, and
  fitted again on the claims the thresholds below keep, since only those reach a graph;
- thresholds, on the held-out themes' relations (one per subject, relation and object in a
  theme, as ``kg score`` counts them): over ``threshold`` a loose claim is kept, the lowest at which
  the relations the loose reader adds to the frames' are right at least ``precision`` of the time
  (1.0, none kept, when no threshold gets there), and over ``loose_thresholds[relation]`` a loose
  claim of that relation, the same choice made on that relation's added relations alone (its
  words and ends are its own: a path that states an attack well may state an alliance badly);
  under ``rule_threshold`` a frame's claim is dropped, the one giving the relations their best F1. The single threshold over all claims that
  reaches ``precision`` is reported beside them, with the recall it costs.

Same themes, same code, same seed: the same bytes.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from .align import align, gold_of
from .collect import Theme, read_theme, theme_folders
from ..judge.model import FORMAT, MODEL_FILE

C_GRID = (0.03, 0.1, 0.3)
MIN_COUNT = 2  # a feature seen fewer times in training gets no weight
PRECISION = 0.92
ROUND = 6
INTERCEPT_SCALING = 10.0  # liblinear's constant feature: large, so the bias is barely regularised


@dataclass
class Sample:
    theme: int
    features: tuple[str, ...]
    right: bool
    triple: tuple[str, str, str]
    core: frozenset[int]
    loose: bool  # proposed by the loose reader, not by a frame or form


@dataclass(frozen=True)
class TrainReport:
    themes: int
    claims: int
    right: int
    c: float
    threshold: float
    rule_threshold: float
    loose_thresholds: dict[str, float]
    cv_precision: float
    cv_recall: float
    cv_ece: float
    path: Path


def _samples(themes: list[Theme], relations: tuple[str, ...]) -> tuple[list[Sample], list[int]]:
    samples, core_totals = [], []
    for t, theme in enumerate(themes):
        alignment = align(theme.claims, theme.entities, gold_of(theme.gold, relations, f"{theme.name}/gold.json"))
        core_totals.append(alignment.core_total)
        for claim, f, right, core in zip(theme.claims, theme.features, alignment.labels, alignment.core):
            samples.append(Sample(t, f, right, (claim.subject, claim.relation, claim.object), core,
                                  claim.rule.startswith("loose:")))
    return samples, core_totals


def _fit(samples: list[Sample], c: float, seed: int) -> tuple[dict[str, float], float]:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for s in samples:
        for f in s.features:
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT and f != "bias"))}
    rows, cols = [], []
    for r, s in enumerate(samples):
        for f in s.features:
            if f in vocab:
                rows.append(r)
                cols.append(vocab[f])
    x = csr_matrix(([1.0] * len(rows), (rows, cols)), shape=(len(samples), max(len(vocab), 1)))
    y = [int(s.right) for s in samples]
    if len(set(y)) < 2:
        return {}, (5.0 if y and y[0] else -5.0)
    model = LogisticRegression(C=c, solver="liblinear", intercept_scaling=INTERCEPT_SCALING, max_iter=2000, tol=1e-4,
                               random_state=seed)
    model.fit(x, y)
    weights = {f: round(float(model.coef_[0][i]), 4) for f, i in vocab.items()}
    return {f: w for f, w in weights.items() if w}, round(float(model.intercept_[0]), ROUND)


def _score(weights: dict[str, float], bias: float, features) -> float:
    return bias + sum(weights.get(f, 0.0) for f in features)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


def _held_out(samples: list[Sample], n_themes: int, c: float, seed: int) -> list[float]:
    """Each sample's score from a model fitted on the other themes."""
    scores = [0.0] * len(samples)
    for t in range(n_themes):
        weights, bias = _fit([s for s in samples if s.theme != t], c, seed)
        for i, s in enumerate(samples):
            if s.theme == t:
                scores[i] = _score(weights, bias, s.features)
    return scores


def _calibration(scores: list[float], samples: list[Sample]) -> tuple[float, float]:
    """Scale and shift of the score fitted to the held-out labels (Platt scaling)."""
    from sklearn.linear_model import LogisticRegression

    y = [int(s.right) for s in samples]
    if len(set(y)) < 2:
        return 1.0, 0.0
    model = LogisticRegression(C=1e6, solver="lbfgs", max_iter=5000, tol=1e-10)
    model.fit([[z] for z in scores], y)
    return round(float(model.coef_[0][0]), ROUND), round(float(model.intercept_[0]), ROUND)


def _log_loss(probabilities: list[float], samples: list[Sample]) -> float:
    eps = 1e-9
    return -sum(math.log(max(p, eps)) if s.right else math.log(max(1 - p, eps))
                for p, s in zip(probabilities, samples)) / max(len(samples), 1)


def relation_figures(probabilities: list[float], samples: list[Sample], core_totals: list[int],
                     threshold: float) -> tuple[float, float]:
    """Precision of the relations kept (one per theme, subject, relation, object) and recall of core facts."""
    kept: dict[tuple, bool] = {}
    found: set[tuple[int, int]] = set()
    for p, s in zip(probabilities, samples):
        if p >= threshold:
            kept[(s.theme, *s.triple)] = s.right
            found |= {(s.theme, i) for i in s.core}
    precision = sum(kept.values()) / len(kept) if kept else 1.0
    return precision, len(found) / max(sum(core_totals), 1)


def choose_threshold(probabilities: list[float], samples: list[Sample], core_totals: list[int],
                     precision: float = PRECISION) -> tuple[float, float, float]:
    """(threshold, precision, recall): the most recall at ``precision`` or more; failing that, the most precision."""
    best = None
    for step in range(0, 100):
        t = step / 100
        p, r = relation_figures(probabilities, samples, core_totals, t)
        key = (p >= precision, r if p >= precision else p)
        if best is None or key > best[0]:
            best = (key, t, p, r)
    return best[1], best[2], best[3]


def rule_threshold(probabilities: list[float], samples: list[Sample], core_totals: list[int]) -> float:
    """The threshold under which the frames' claims are dropped: the one giving the held-out
    themes' relations their best F1 (the lowest of equals), so a frame's claim goes only when
    dropping such claims did more good than harm on themes the model had not seen."""
    ruled = [(p, s) for p, s in zip(probabilities, samples) if not s.loose]
    best = None
    for step in range(0, 100):
        t = step / 100
        p, r = relation_figures([p for p, _ in ruled], [s for _, s in ruled], core_totals, t)
        f1 = round(2 * p * r / (p + r), 9) if p + r else 0.0
        if best is None or f1 > best[0]:
            best = (f1, t)
    return best[1]


MIN_ADDED = 5  # relations the loose reader must add on held-out themes for its threshold to count


def loose_threshold(probabilities: list[float], samples: list[Sample], precision: float,
                    relation: str | None = None) -> float:
    """The threshold over which a loose claim (of ``relation``, or of any) is kept: the lowest at
    which the relations the loose reader adds to the frames' (in each held-out theme) are right
    ``precision`` of the time, at least ``MIN_ADDED`` of them; 1.0, keeping none, when no threshold does."""
    ruled = {(s.theme, *s.triple) for s in samples if not s.loose}
    for step in range(0, 100):
        t = step / 100
        added = {(s.theme, *s.triple): s.right for p, s in zip(probabilities, samples)
                 if s.loose and p >= t and (s.theme, *s.triple) not in ruled
                 and relation in (None, s.triple[1])}
        if len(added) >= MIN_ADDED and sum(added.values()) >= precision * len(added):
            return t
    return 1.0


def loose_thresholds(probabilities: list[float], samples: list[Sample], precision: float) -> dict[str, float]:
    """Relation -> the threshold of its loose claims, for the relations some threshold lets add relations."""
    found = {}
    for relation in sorted({s.triple[1] for s in samples if s.loose}):
        t = loose_threshold(probabilities, samples, precision, relation)
        if t < 1.0:
            found[relation] = t
    return found


def kept_probabilities(probabilities: list[float], samples: list[Sample], rules_at: float,
                       loose_at: float, loose_by_relation: dict[str, float] | None = None) -> list[float]:
    """The probabilities with the claims the thresholds drop set to -1."""
    by_relation = loose_by_relation or {}
    return [p if p >= (by_relation.get(s.triple[1], loose_at) if s.loose else rules_at) else -1.0
            for p, s in zip(probabilities, samples)]


def calibration_error(probabilities: list[float], outcomes: list[bool], bins: int = 10) -> float:
    n = len(probabilities)
    total = 0.0
    for b in range(bins):
        inside = [(p, o) for p, o in zip(probabilities, outcomes) if min(int(p * bins), bins - 1) == b]
        if inside:
            total += len(inside) / n * abs(sum(o for _, o in inside) / len(inside) - sum(p for p, _ in inside) / len(inside))
    return total


def train(paths, out: Path, ontology_dir: Path, model: str | None = None, cache_dir: Path | None = None,
          seed: int = 0, precision: float = PRECISION, progress=None,
          articles_root: Path | None = None) -> TrainReport:
    """Read every theme under ``paths``, fit the judge and write ``out/judge.json``."""
    from ..ontology import load_ontology

    folders = theme_folders(paths)
    relations = tuple(load_ontology(ontology_dir).relations)
    themes = []
    for folder in folders:
        themes.append(read_theme(folder, ontology_dir, model, cache_dir, articles_root=articles_root))
        if progress:
            progress(folder.name, len(themes), len(folders))
    samples, core_totals = _samples(themes, relations)
    folds = len(themes)
    if folds >= 2:
        losses = {}
        held = {}
        for c in C_GRID:
            held[c] = _held_out(samples, folds, c, seed)
            losses[c] = _log_loss([_sigmoid(z) for z in held[c]], samples)
        c = min(C_GRID, key=lambda k: (round(losses[k], 9), k))
        scale, shift = _calibration(held[c], samples)
        probabilities = [_sigmoid(scale * z + shift) for z in held[c]]
        single = choose_threshold(probabilities, samples, core_totals, precision)
        rules_at = rule_threshold(probabilities, samples, core_totals)
        threshold = loose_threshold(probabilities, samples, precision)
        by_relation = loose_thresholds(probabilities, samples, precision)
        kept = kept_probabilities(probabilities, samples, rules_at, threshold, by_relation)
        # the calibration again, on the claims the thresholds keep: the others never reach a graph
        kept_scores = [(z, s) for z, p, s in zip(held[c], kept, samples) if p >= 0]
        scale, shift = _calibration([z for z, _ in kept_scores], [s for _, s in kept_scores])
        probabilities = [_sigmoid(scale * z + shift) for z in held[c]]
        kept = kept_probabilities(probabilities, samples, rules_at, threshold, by_relation)
        cv_p, cv_r = relation_figures(kept, samples, core_totals, 0.0)
        ece = calibration_error([p for p in kept if p >= 0], [s.right for p, s in zip(kept, samples) if p >= 0])
        base = relation_figures([0.0 if s.loose else 1.0 for s in samples], samples, core_totals, 0.5)
    else:  # one theme: nothing to hold out; the model as fitted, middle thresholds
        c, scale, shift, threshold, rules_at, by_relation = 1.0, 1.0, 0.0, 0.5, 0.5, {}
        cv_p = cv_r = ece = float("nan")
        single, base = (float("nan"),) * 3, (float("nan"),) * 2
    weights, bias = _fit(samples, c, seed)
    if threshold >= 1.0 and not by_relation:
        weights = _frames_weights(weights, samples)
    document = {
        "format": FORMAT,
        "about": "kg's judge of claims: p(right) = sigmoid(scale * (bias + sum of the weights of the claim's "
                 "features) + shift); claims under the threshold are dropped. Written by kg train.",
        "bias": bias, "calibration": {"scale": scale, "shift": shift},
        "threshold": threshold, "rule_threshold": rules_at, "loose_thresholds": by_relation,
        "training": {"themes": [t.name for t in themes], "claims": len(samples),
                     "right": sum(s.right for s in samples), "C": c, "seed": seed,
                     "min_feature_count": MIN_COUNT, "target_precision": precision},
        "cross_validation": {
            "folds": "one per theme", "precision": _r(cv_p), "recall": _r(cv_r), "ece": _r(ece),
            "frames_alone": {"precision": _r(base[0]), "recall": _r(base[1])},
            "one_threshold_for_all_claims": {"threshold": _r(single[0]), "precision": _r(single[1]),
                                             "recall": _r(single[2])}},
        "weights": dict(sorted(weights.items())),
    }
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / MODEL_FILE
    path.write_text(json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return TrainReport(len(themes), len(samples), sum(s.right for s in samples), c, threshold, rules_at,
                       by_relation, cv_p, cv_r, ece, path)


def _frames_weights(weights: dict[str, float], samples: list[Sample]) -> dict[str, float]:
    """The weights a frame's claim can meet: with the loose reader off, the rest are never read."""
    seen = {f for s in samples if not s.loose for f in s.features}
    return {f: w for f, w in weights.items() if f in seen}


def _r(value: float) -> float | None:
    return None if value != value else round(value, 4)
