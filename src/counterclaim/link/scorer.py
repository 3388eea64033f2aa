"""The learned pair scorer: how likely two claims assert or deny the same proposition.

A logistic regression over the named features of :mod:`.features`, trained on real reporting with
exhaustive gold (``models/train_linker.py``, ``make link-model``; the model card beside the weights
gives the data, the leave-one-episode-out figures and each weight). The weights ship as JSON in
``link/model/pair_scorer.json`` with the clustering threshold chosen by the same cross-validation,
so nothing about a pair's fate is a hand-tuned threshold.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from counterclaim.errors import ModelError
from counterclaim.link.features import FEATURES

MODEL = Path(__file__).resolve().parent / "model" / "pair_scorer.json"


@dataclass(frozen=True)
class PairScorer:
    """Weights over ``features``, an intercept, and the average-linkage threshold for clusters."""

    features: tuple[str, ...]
    coef: np.ndarray
    intercept: float
    threshold: float

    def same(self, x: np.ndarray) -> np.ndarray:
        """P(same proposition) for each row of features."""
        if x.size == 0:
            return np.zeros(0)
        return 1.0 / (1.0 + np.exp(-(x @ self.coef + self.intercept)))

    def contributions(self, row: np.ndarray) -> dict[str, float]:
        """What each feature added to one pair's log-odds (for reasons and debugging)."""
        return {name: float(w * v) for name, w, v in zip(self.features, self.coef, row, strict=True) if w * v}

    def to_json(self, **meta: object) -> str:
        return json.dumps({"features": list(self.features), "coef": [round(float(w), 6) for w in self.coef],
                           "intercept": round(float(self.intercept), 6), "threshold": self.threshold, **meta},
                          indent=1, ensure_ascii=False)


@lru_cache(maxsize=4)
def load(path: Path = MODEL) -> PairScorer:
    """The shipped scorer (refused if its features are not the ones this code computes)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"cannot read the pair scorer {path} ({exc}); retrain it with `make link-model`") from exc
    try:
        features, coef = tuple(data["features"]), np.asarray(data["coef"], dtype=np.float64)
        intercept, threshold = float(data["intercept"]), float(data["threshold"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"the pair scorer {path} is not a weights file ({type(exc).__name__}: {exc}); "
                         "retrain it with `make link-model`") from exc
    if features != FEATURES or coef.shape != (len(FEATURES),):
        raise ModelError(f"the pair scorer {path} was trained on other features than this code computes; "
                         "retrain it with `make link-model`")
    return PairScorer(features, coef, intercept, threshold)
