"""Train the pair scorer that linking clusters claims with, and report it leave-one-episode-out.

Data: evaluation sets whose relation gold is exhaustive (``gold/propositions.json``, see
../shared/eval/FORMAT.md): ../shared/eval/war-dev (three episodes, each its own fold) and any of our
own sets given with ``--set``. Every candidate pair that linking would compare is labelled 1 when
the gold puts both claims on one proposition (or on propositions one of which refines the other),
whichever their polarities, else 0; a logistic regression learns P(same proposition) from the
features of :mod:`counterclaim.link.features`.

Reported: for each episode, the relations that linking the gold claims derives with a scorer
trained on the *other* episodes, scored against the exhaustive gold (P / R / F1 per kind and
overall, as ../shared/eval/score.py counts them). The clustering threshold is chosen inside each
fold by leave-one-out over its training episodes, so no reported figure saw its own episode. The
shipped model is then fitted on every episode, with the threshold that maximises the pooled
leave-one-episode-out F1 over the grid.

Usage: .venv/bin/python models/train_linker.py [--set NAME=GOLD_DIR[:ARTICLES_DIR] ...] [--out DIR] [--dry-run]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from counterclaim.link import Scored, assemble, score
from counterclaim.link.context import views
from counterclaim.link.embeddings import claim_vectors
from counterclaim.link.features import FEATURES, feature_matrix
from counterclaim.link.gold import load_gold
from counterclaim.link.scorer import MODEL, PairScorer

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / "../shared/eval"
GRID = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
C = 1.0


@dataclass
class Episode:
    """One fold: its claims as linking sees them, candidate pairs, features, labels and gold relations."""

    name: str
    claims: list
    scored: Scored  # every pair of the fold's claims, for training
    documents: dict
    x: np.ndarray
    y: np.ndarray
    key: dict[str, str]  # claim id -> gold key "<doc>#<claim>"
    gold: dict[frozenset, str]


def _scorer_module():
    spec = importlib.util.spec_from_file_location("score", SHARED / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def episodes(sets: dict[str, tuple[Path, Path | None]]) -> list[Episode]:
    """Every fold: war-dev's episodes split by document-id prefix, each other set as one fold."""
    derive = _scorer_module().derive_relations
    out = []
    for name, (gold_dir, articles) in sets.items():
        props_path = (gold_dir if articles else gold_dir / "gold") / "propositions.json"
        props = json.loads(props_path.read_text(encoding="utf-8"))
        gold = {frozenset((r["a"], r["b"])): r["relation"] for r in derive(props)}
        loaded = load_gold(gold_dir, articles)
        split = defaultdict(list)
        for doc, claims in loaded:
            split[doc.id.split("-")[0] if name == "war-dev" else name].append((doc, claims))
        for fold, items in sorted(split.items()):
            out.append(_episode(fold, items, gold, props["assign"]))
    return out


def _episode(name: str, items: list, gold: dict, assign: dict) -> Episode:
    claims = sorted((c for _, cs in items for c in cs), key=lambda c: c.id)
    documents = {d.id: d for d, _ in items}
    key = {c.id: f"{c.document_id}#{c.method.removeprefix('gold:')}" for c in claims}
    found = views(claims, documents)
    written, neutral = claim_vectors([c.content.text for c in claims])
    pairs = [(i, j) for i in range(len(claims)) for j in range(i + 1, len(claims))]  # all: see fit()
    x = feature_matrix(found, pairs, written, neutral)
    y = np.array([_same(key[claims[i].id], key[claims[j].id], gold, assign) for i, j in pairs], dtype=int)
    mine = {k for k in key.values()}
    gold_here = {pair: kind for pair, kind in gold.items() if pair <= mine}
    return Episode(name, claims, Scored(found, pairs, np.zeros(len(pairs))), documents, x, y, key, gold_here)


def _same(a: str, b: str, gold: dict, assign: dict) -> int:
    """1 when the gold puts both claims on one proposition (refinements included), else 0."""
    kind = gold.get(frozenset((a, b)))
    if kind == "corroborates":
        return 1
    return int(kind == "contradicts" and assign[a]["prop"] == assign[b]["prop"])


def fit(eps: list[Episode]) -> LogisticRegression:
    """A logistic regression on every pair of the given folds' claims (linking scores every pair of each
    group of claims that likely pairs connect, so the training pairs are all pairs, not candidates)."""
    x = np.vstack([e.x for e in eps])
    y = np.concatenate([e.y for e in eps])
    return LogisticRegression(C=C, max_iter=5000).fit(x, y)


def predict(model: LogisticRegression, e: Episode, threshold: float) -> dict[frozenset, str]:
    """The relations linking derives on one fold's gold claims (the whole linking path, candidate pairs
    included, with this model), as gold-key pairs."""
    scorer = PairScorer(FEATURES, model.coef_[0], float(model.intercept_[0]), threshold)
    result = assemble(score(e.claims, e.documents, scorer), e.documents, threshold=threshold)
    out = {}
    for r in result.relations:
        kind = "contradicts" if r.kind == "contradicts" else "corroborates"
        out[frozenset((e.key[r.a], e.key[r.b]))] = kind
    return out


def prf(pred: dict, gold: dict, kind: str | None = None) -> tuple[int, int, int]:
    """``(true positives, predicted, gold)`` counts, for one kind or all."""
    p = {k: v for k, v in pred.items() if kind in (None, v)}
    g = {k: v for k, v in gold.items() if kind in (None, v)}
    return sum(1 for k, v in p.items() if g.get(k) == v), len(p), len(g)


def f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p, r = (tp / n_pred if n_pred else 0.0), (tp / n_gold if n_gold else 0.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def choose_threshold(eps: list[Episode]) -> float:
    """The grid threshold with the best pooled leave-one-out F1 over ``eps``."""
    if len(eps) < 2:
        return 0.45
    best = (-1.0, GRID[0])
    for t in GRID:
        totals = np.zeros(3)
        for k, held in enumerate(eps):
            model = fit(eps[:k] + eps[k + 1:])
            totals += prf(predict(model, held, t), held.gold)
        best = max(best, (f1(*totals)[2], -t))
    return -best[1]


def cross_validate(eps: list[Episode]) -> dict:
    """Leave-one-episode-out figures, the threshold chosen inside each fold."""
    report, pooled = {}, defaultdict(lambda: np.zeros(3))
    for k, held in enumerate(eps):
        train = eps[:k] + eps[k + 1:]
        t = choose_threshold(train)
        pred = predict(fit(train), held, t)
        row = {"threshold": t}
        for kind in (None, "corroborates", "contradicts"):
            counts = prf(pred, held.gold, kind)
            pooled[kind] += counts
            row[kind or "all"] = [round(v, 3) for v in f1(*counts)]
        report[held.name] = row
        print(f"  {held.name:10s} t={t:.2f}  all P/R/F1 {row['all']}  corroborates {row['corroborates']}  "
              f"contradicts {row['contradicts']}", flush=True)
    report["pooled"] = {kind or "all": [round(v, 3) for v in f1(*pooled[kind])]
                        for kind in (None, "corroborates", "contradicts")}
    print(f"  pooled     all P/R/F1 {report['pooled']['all']}  corroborates {report['pooled']['corroborates']}  "
          f"contradicts {report['pooled']['contradicts']}")
    return report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", default=[], help="NAME=GOLD_DIR[:ARTICLES_DIR], a set with propositions.json")
    ap.add_argument("--out", type=Path, default=MODEL.parent)
    ap.add_argument("--dry-run", action="store_true", help="report only; do not write the model")
    args = ap.parse_args()
    sets = {"war-dev": (SHARED / "war-dev", None)}
    for spec in args.set:
        name, _, where = spec.partition("=")
        gold, _, articles = where.partition(":")
        sets[name] = (Path(gold), Path(articles) if articles else None)
    missing = [str(g) for g, _ in sets.values() if not g.exists()]
    if missing:
        print(f"train_linker: not found: {', '.join(missing)} (the evaluation data lives in ../shared/eval)",
              file=sys.stderr)
        return 2
    eps = episodes(sets)
    print(f"{len(eps)} folds: " + ", ".join(f"{e.name} ({len(e.scored.views)} claims, {len(e.y)} pairs, "
                                             f"{int(e.y.sum())} same)" for e in eps), flush=True)
    report = cross_validate(eps)
    threshold = choose_threshold(eps)
    model = fit(eps)
    scorer = PairScorer(FEATURES, model.coef_[0], float(model.intercept_[0]), threshold)
    print(f"shipped threshold {threshold}; weights: " + ", ".join(f"{n} {w:+.2f}" for n, w in zip(FEATURES, model.coef_[0], strict=True)))
    if args.dry_run:
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    meta = {"trained": date.today().isoformat(), "data": {n: str(g) for n, (g, _) in sets.items()},
            "folds": [e.name for e in eps], "pairs": int(sum(len(e.y) for e in eps)),
            "positives": int(sum(e.y.sum() for e in eps)), "C": C, "leave_one_episode_out": report}
    (args.out / "pair_scorer.json").write_text(scorer.to_json(**meta) + "\n", encoding="utf-8")
    print(f"wrote {args.out / 'pair_scorer.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
