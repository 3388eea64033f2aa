"""The learned pair scorer: the shipped weights load and fit the code, and weights that do not are refused."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from counterclaim.errors import ModelError
from counterclaim.link import score
from counterclaim.link.features import FEATURES
from counterclaim.link.scorer import MODEL, load


def test_the_shipped_weights_load_and_name_the_features_the_code_computes():
    scorer = load()
    assert scorer.features == FEATURES
    assert scorer.coef.shape == (len(FEATURES),) and np.all(np.isfinite(scorer.coef))
    assert math.isfinite(scorer.intercept) and 0.0 < scorer.threshold < 1.0
    shipped = json.loads(MODEL.read_text(encoding="utf-8"))
    assert tuple(shipped["features"]) == FEATURES


def test_probabilities_are_probabilities():
    scorer = load()
    rng = np.random.default_rng(7)
    x = rng.uniform(0.0, 1.0, size=(50, len(FEATURES)))
    p = scorer.same(x)
    assert p.shape == (50,) and np.all((p > 0.0) & (p < 1.0))
    assert scorer.same(np.zeros((0, len(FEATURES)))).shape == (0,)


@pytest.mark.parametrize("change", [
    lambda d: {**d, "features": [*d["features"], "a_feature_the_code_lacks"],
               "coef": [*d["coef"], 0.5]},
    lambda d: {**d, "features": d["features"][:-1], "coef": d["coef"][:-1]},
    lambda d: {**d, "features": list(reversed(d["features"])), "coef": list(reversed(d["coef"]))},
], ids=["one more", "one fewer", "reordered"])
def test_weights_for_other_features_are_refused(tmp_path, change):
    path = tmp_path / "pair_scorer.json"
    path.write_text(json.dumps(change(json.loads(MODEL.read_text(encoding="utf-8")))), encoding="utf-8")
    with pytest.raises(ModelError, match="other features") as caught:
        load(path)
    assert str(path) in str(caught.value) and "make link-model" in str(caught.value)


@pytest.mark.parametrize("content", ["{not json", None], ids=["broken", "missing"])
def test_an_unreadable_weights_file_is_refused_with_its_path(tmp_path, content):
    path = tmp_path / "pair_scorer.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelError, match="cannot read the pair scorer") as caught:
        load(path)
    assert str(path) in str(caught.value)


def test_a_claim_and_its_denial_score_as_one_proposition(claim):
    """Polarity decides the relation, not the pair score: a denial is likely the same proposition."""
    said = claim("Russian forces captured the village of Bakhmut", "Moscow TV", "russia", doc="d1")
    denied = claim("Russian forces have not captured the village of Bakhmut", "Kyiv command", "ukraine", doc="d2")
    scored = score([said, denied], {})
    assert scored.pairs == [(0, 1)] and scored.same[0] >= load().threshold


@pytest.mark.parametrize("content", ['{"coef": [1.0]}', "[]"], ids=["no features", "a list"])
def test_weights_of_the_wrong_shape_are_refused_with_its_path(tmp_path, content):
    path = tmp_path / "pair_scorer.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelError) as caught:
        load(path)
    assert str(path) in str(caught.value)
