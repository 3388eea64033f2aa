"""Proposition clusters by average linkage, as properties over random scored pairs.

``cluster(n, pairs, same, threshold)`` groups claims ``0..n-1`` given the scorer's probability that
two claims bear on the same proposition; pairs it was not given count as unlike (probability 0).
Whatever the scores, the groups partition the claims, do not depend on the order the pairs come in,
hold together on average at least as well as the threshold asks, and no two of them would.
"""

from __future__ import annotations

import itertools
import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from counterclaim.link.clusters import cluster

EPS = 1e-9


@st.composite
def scored(draw):
    """``(n, pairs, probabilities, threshold)``: some of the pairs of n claims, each with a probability."""
    n = draw(st.integers(1, 12))
    every = list(itertools.combinations(range(n), 2))
    pairs = sorted(draw(st.sets(st.sampled_from(every), max_size=len(every)))) if every else []
    same = draw(st.lists(st.floats(0.0, 1.0), min_size=len(pairs), max_size=len(pairs)))
    threshold = draw(st.floats(0.05, 0.95))
    return n, pairs, np.asarray(same, dtype=np.float64), threshold


def mean_same(xs, ys, table) -> float:
    """Mean probability over the pairs between ``xs`` and ``ys`` (or within ``xs`` when ``ys`` is None)."""
    if ys is None:
        pairs = list(itertools.combinations(sorted(xs), 2))
    else:
        pairs = [(min(x, y), max(x, y)) for x in xs for y in ys]
    return sum(table.get(p, 0.0) for p in pairs) / len(pairs)


@settings(max_examples=200, deadline=None)
@given(scored())
def test_clusters_partition_the_claims(case):
    n, pairs, same, threshold = case
    groups = cluster(n, pairs, same, threshold)
    assert sorted(k for g in groups for k in g) == list(range(n))
    assert all(g for g in groups)


@settings(max_examples=100, deadline=None)
@given(scored(), st.randoms(use_true_random=False))
def test_clusters_are_deterministic_whatever_the_order_of_the_pairs(case, rnd: random.Random):
    n, pairs, same, threshold = case
    first = cluster(n, pairs, same, threshold)
    order = list(range(len(pairs)))
    rnd.shuffle(order)
    assert cluster(n, pairs, same, threshold) == first
    assert cluster(n, [pairs[k] for k in order], same[order], threshold) == first


@settings(max_examples=200, deadline=None)
@given(scored())
def test_each_cluster_holds_together_and_no_two_would_merge(case):
    n, pairs, same, threshold = case
    table = {p: float(s) for p, s in zip(pairs, same, strict=True)}
    groups = cluster(n, pairs, same, threshold)
    for g in groups:
        if len(g) > 1:
            assert mean_same(g, None, table) >= threshold - EPS, (g, table)
    for g, h in itertools.combinations(groups, 2):
        assert mean_same(g, h, table) < threshold + EPS, (g, h, table)


@settings(max_examples=100, deadline=None)
@given(st.floats(0.0, 1.0), st.floats(0.05, 0.95))
def test_two_claims_merge_exactly_when_their_pair_reaches_the_threshold(p, threshold):
    groups = cluster(2, [(0, 1)], np.asarray([p]), threshold)
    assert groups == ([[0, 1]] if p >= threshold else [[0], [1]])


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 8), st.floats(0.05, 0.95), st.data())
def test_claims_alike_above_the_threshold_form_one_cluster_and_unscored_claims_stay_alone(size, threshold, data):
    pairs = list(itertools.combinations(range(size), 2))
    # a hair above the threshold: averages of equal scores may round an ulp either way at the boundary
    same = data.draw(st.lists(st.floats(threshold + 1e-9, 1.0), min_size=len(pairs), max_size=len(pairs)))
    groups = cluster(size + 2, pairs, np.asarray(same), threshold)
    assert groups == [list(range(size)), [size], [size + 1]]


def test_a_stray_high_score_does_not_chain_two_propositions():
    """Two tight groups joined by one likely pair stay two groups (average, not single, linkage)."""
    scores = {(0, 1): 0.9, (0, 2): 0.9, (1, 2): 0.9, (3, 4): 0.9, (3, 5): 0.9, (4, 5): 0.9, (2, 3): 0.8}
    pairs = sorted(scores)
    assert cluster(6, pairs, np.asarray([scores[p] for p in pairs]), 0.5) == [[0, 1, 2], [3, 4, 5]]
