"""Train the pair scorer that linking clusters claims with, and report it leave-one-episode-out.

Data: evaluation sets whose relation gold is exhaustive (``gold/propositions.json``, see
../shared/eval/FORMAT.md): ../shared/eval/war-dev (three episodes, each its own fold), our demo gold
(demo/gold: a battle for a town, which none of war-dev's other two episodes is, so a fold held out from
war-dev still has seen that kind of question) and any other set given with ``--set``. eval/heldout is
never trained on. Every candidate pair that linking would compare is labelled 1 when
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
import os
import pickle
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from counterclaim.link import assemble, score
from counterclaim.link.context import views
from counterclaim.link.embeddings import claim_vectors
from counterclaim.link.features import FEATURES, feature_matrix
from counterclaim.link.gold import load_gold
from counterclaim.link.scorer import MODEL, PairScorer

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / "../shared/eval"
GRID = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
C = 1.0


@dataclass
class Episode:
    """One fold: its claims as linking sees them, every pair's features and label, and the gold relations.

    ``covers`` maps each claim id to the gold claim keys ("<doc>#<claim>") it stands for: itself for a gold
    claim, the gold claims whose content it covers for an extracted one (as ../shared/eval/score.py
    matches them)."""

    name: str
    source: str  # "gold" (the annotated claims) or "pipeline" (claims extraction found)
    claims: list
    documents: dict
    x: np.ndarray
    y: np.ndarray
    covers: dict[str, set[str]]
    gold: dict[frozenset, str]
    set_name: str = "war-dev"  # the evaluation set the fold comes from (figures are pooled per set)


def _scorer_module():
    spec = importlib.util.spec_from_file_location("score", SHARED / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fold_of(set_name: str, doc_id: str) -> str:
    return doc_id.split("-")[0] if set_name == "war-dev" else set_name


def episodes(sets: dict[str, tuple[Path, Path | None]], pipeline: Path | None = None) -> list[Episode]:
    """Every fold, from the gold claims and (with ``pipeline``, a pickle of ``extract_many`` output on the
    same articles) from extracted claims: war-dev's episodes split by document-id prefix, each other set
    as one fold."""
    score = _scorer_module()
    out = []
    extracted = pickle.loads(pipeline.read_bytes()) if pipeline else []
    for name, (gold_dir, articles) in sets.items():
        props_path = (gold_dir if articles else gold_dir / "gold") / "propositions.json"
        props = json.loads(props_path.read_text(encoding="utf-8"))
        gold = {frozenset((r["a"], r["b"])): r["relation"] for r in score.derive_relations(props)}
        loaded = load_gold(gold_dir, articles)
        split = defaultdict(list)
        for doc, claims in loaded:
            split[_fold_of(name, doc.id)].append((doc, claims))
        for fold, items in sorted(split.items()):
            covers = {c.id: {f"{c.document_id}#{c.method.removeprefix('gold:')}"} for _, cs in items for c in cs}
            out.append(_episode(fold, "gold", items, covers, gold, props["assign"], name))
            mine = {d.id: cs for d, cs in items}
            found = [(d, cs) for d, cs in extracted if d.id in mine]
            if found:
                out.append(_episode(fold, "pipeline", found, _covers(score, found, mine), gold, props["assign"], name))
    return out


def _covers(score, found: list, gold_claims: dict) -> dict[str, set[str]]:
    """Extracted claim id -> the gold claims whose content it covers at least half of."""
    out = {}
    for doc, claims in found:
        golds = gold_claims[doc.id]
        for c in claims:
            span = (c.content.start, c.content.end)
            out[c.id] = {f"{doc.id}#{g.method.removeprefix('gold:')}" for g in golds
                         if score.covered((g.content.start, g.content.end), span) >= 0.5}
    return out


def _episode(name: str, source: str, items: list, covers: dict, gold: dict, assign: dict,
             set_name: str) -> Episode:
    claims = sorted((c for _, cs in items for c in cs), key=lambda c: c.id)
    documents = {d.id: d for d, _ in items}
    found = views(claims, documents)
    written, neutral = claim_vectors([c.content.text for c in claims])
    pairs = [(i, j) for i in range(len(claims)) for j in range(i + 1, len(claims))]  # all: see fit()
    x = feature_matrix(found, pairs, written, neutral)
    y = np.array([_same(covers[claims[i].id], covers[claims[j].id], gold, assign) for i, j in pairs], dtype=int)
    gold_here = {pair: kind for pair, kind in gold.items() if all(k.split("#")[0] in documents for k in pair)}
    return Episode(name, source, claims, documents, x, y, covers, gold_here, set_name)


def _same(xs: set[str], ys: set[str], gold: dict, assign: dict) -> int:
    """1 when the gold puts some claim of each on one proposition (refinements included), else 0."""
    for a in xs:
        for b in ys:
            kind = gold.get(frozenset((a, b))) if a != b else None
            if kind == "corroborates" or (kind == "contradicts" and assign[a]["prop"] == assign[b]["prop"]):
                return 1
    return 0


def fit(eps: list[Episode]) -> LogisticRegression:
    """A logistic regression on every pair of the given folds' claims (linking scores every pair of each
    group of claims that likely pairs connect, so the training pairs are all pairs, not candidates), and on
    pairs across two folds of one source: claims about different episodes (another place, another month)
    are never one proposition, which a corpus of several episodes needs the scorer to know."""
    x = [e.x for e in eps] + [_across(a, b) for k, a in enumerate(eps) for b in eps[k + 1:] if a.source == b.source]
    y = [e.y for e in eps] + [np.zeros(len(m), dtype=int) for m in x[len(eps):]]
    return LogisticRegression(C=C, max_iter=5000).fit(np.vstack(x), np.concatenate(y))


_ACROSS: dict[tuple[str, str, str], np.ndarray] = {}


def _across(a: Episode, b: Episode) -> np.ndarray:
    """Features of every pair with one claim from each of two folds (remembered)."""
    key = (a.name, b.name, a.source)
    if key not in _ACROSS:
        claims = a.claims + b.claims
        found = views(claims, {**a.documents, **b.documents})
        written, neutral = claim_vectors([c.content.text for c in claims])
        pairs = [(i, len(a.claims) + j) for i in range(len(a.claims)) for j in range(len(b.claims))]
        _ACROSS[key] = feature_matrix(found, pairs, written, neutral)
    return _ACROSS[key]


def predict(model: LogisticRegression, e: Episode, threshold: float) -> list[tuple[set, set, str]]:
    """The relations linking derives on one fold's claims (the whole linking path, candidate pairs included,
    with this model), each end as the gold claims it stands for."""
    scorer = PairScorer(FEATURES, model.coef_[0], float(model.intercept_[0]), threshold)
    result = assemble(score(e.claims, e.documents, scorer), e.documents, threshold=threshold)
    return [(e.covers[r.a], e.covers[r.b], "contradicts" if r.kind == "contradicts" else "corroborates")
            for r in result.relations]


def counts(pred: list[tuple[set, set, str]], gold: dict, kind: str | None = None) -> np.ndarray:
    """``(predicted relations that hit a gold one, predicted, gold relations found, gold)``, as the scorer
    counts them, for one kind or all."""
    tp, n_pred, found = 0, 0, set()
    for xs, ys, k in pred:
        if kind not in (None, k):
            continue
        n_pred += 1
        hits = {frozenset((a, b)) for a in xs for b in ys if a != b and gold.get(frozenset((a, b))) == k}
        tp += bool(hits)
        found |= hits
    n_gold = sum(1 for v in gold.values() if kind in (None, v))
    return np.array([tp, n_pred, len(found), n_gold], dtype=float)


def f1(c: np.ndarray) -> tuple[float, float, float]:
    tp, n_pred, found, n_gold = c
    p, r = (tp / n_pred if n_pred else 0.0), (found / n_gold if n_gold else 0.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _train_for(eps: list[Episode], held: str) -> list[Episode]:
    return [e for e in eps if e.name != held]


def choose_threshold(eps: list[Episode]) -> float:
    """The grid threshold with the best pooled leave-one-episode-out F1 over ``eps`` (every source)."""
    names = sorted({e.name for e in eps})
    if len(names) < 2:
        return 0.3
    models = {n: fit(_train_for(eps, n)) for n in names}
    best = (-1.0, GRID[0])
    for t in GRID:
        totals = sum((counts(predict(models[e.name], e, t), e.gold) for e in eps), np.zeros(4))
        best = max(best, (f1(totals)[2], -t))
    return -best[1]


def cross_validate(eps: list[Episode]) -> dict:
    """Leave-one-episode-out figures per source (gold claims, extracted claims), the threshold chosen
    inside each fold on the other episodes only; pooled over war-dev's episodes (another set's fold is
    reported on its own: our own writing is training data, not evidence)."""
    report: dict = {}
    pooled: dict = defaultdict(lambda: np.zeros(4))
    for held in sorted({e.name for e in eps}):
        train = _train_for(eps, held)
        t = choose_threshold(train)
        model = fit(train)
        for e in (x for x in eps if x.name == held):
            pred = predict(model, e, t)
            row = {"threshold": t}
            for kind in (None, "corroborates", "contradicts"):
                c = counts(pred, e.gold, kind)
                if e.set_name == "war-dev":
                    pooled[(e.source, kind)] += c
                row[kind or "all"] = [round(float(v), 3) for v in f1(c)]
            report[f"{held} ({e.source})"] = row
            print(f"  {held:10s} {e.source:8s} t={t:.2f}  all P/R/F1 {row['all']}  corroborates {row['corroborates']}"
                  f"  contradicts {row['contradicts']}", flush=True)
    for source in sorted({e.source for e in eps}):
        report[f"pooled ({source})"] = {kind or "all": [round(float(v), 3) for v in f1(pooled[(source, kind)])]
                                        for kind in (None, "corroborates", "contradicts")}
        print(f"  pooled war-dev {source:8s} {report[f'pooled ({source})']}")
    return report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", default=[], help="NAME=GOLD_DIR[:ARTICLES_DIR], a set with propositions.json")
    ap.add_argument("--out", type=Path, default=MODEL.parent)
    ap.add_argument("--dry-run", action="store_true", help="report only; do not write the model")
    ap.add_argument("--pipeline", type=Path, default=None,
                    help="a pickle of extract_many output on war-dev's articles (scripts/extract_cache.py): train and "
                         "report on extracted claims too")
    args = ap.parse_args()
    sets = {"war-dev": (SHARED / "war-dev", None), "demo": (REPO / "demo/gold", REPO / "demo/corpus/json")}
    for spec in args.set:
        name, _, where = spec.partition("=")
        gold, _, articles = where.partition(":")
        sets[name] = (Path(gold), Path(articles) if articles else None)
    missing = [str(g) for g, _ in sets.values() if not g.exists()]
    if missing:
        print(f"train_linker: not found: {', '.join(missing)} (the evaluation data lives in ../shared/eval)",
              file=sys.stderr)
        return 2
    eps = episodes(sets, args.pipeline)
    print(f"{len(eps)} folds: " + ", ".join(f"{e.name}/{e.source} ({len(e.claims)} claims, {len(e.y)} pairs, "
                                             f"{int(e.y.sum())} same)" for e in eps), flush=True)
    report = cross_validate(eps)
    threshold = choose_threshold(eps)
    model = fit(eps)
    scorer = PairScorer(FEATURES, model.coef_[0], float(model.intercept_[0]), threshold)
    print(f"shipped threshold {threshold}; weights: " + ", ".join(f"{n} {w:+.2f}" for n, w in zip(FEATURES, model.coef_[0], strict=True)))
    if args.dry_run:
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    meta = {"trained": date.today().isoformat(),
            "data": {n: os.path.relpath(g.resolve(), REPO) for n, (g, _) in sets.items()},
            "folds": [f"{e.name}/{e.source}" for e in eps], "pairs": int(sum(len(e.y) for e in eps)),
            "positives": int(sum(e.y.sum() for e in eps)), "C": C, "leave_one_episode_out": report}
    (args.out / "pair_scorer.json").write_text(scorer.to_json(**meta) + "\n", encoding="utf-8")
    (args.out / "MODEL_CARD.md").write_text(model_card(scorer, meta), encoding="utf-8")
    print(f"wrote {args.out / 'pair_scorer.json'} and {args.out / 'MODEL_CARD.md'}")
    return 0


def model_card(scorer: PairScorer, meta: dict) -> str:
    """The model card: what the scorer is, what it was trained on, how well it does where it was not trained."""
    rows = "\n".join(f"| {fold} | {r['threshold']:.2f} | {_prf(r['all'])} | {_prf(r['corroborates'])} | "
                     f"{_prf(r['contradicts'])} |" for fold, r in meta["leave_one_episode_out"].items() if "threshold" in r)
    pooled = "\n".join(f"| war-dev {fold} | | {_prf(r['all'])} | {_prf(r['corroborates'])} | {_prf(r['contradicts'])} |"
                       for fold, r in meta["leave_one_episode_out"].items() if "threshold" not in r)
    weights = "\n".join(f"| `{n}` | {w:+.3f} |" for n, w in zip(scorer.features, scorer.coef, strict=True))
    return f"""# Model card: the pair scorer of counterclaim's linker

**What it is.** A logistic regression that gives two claims the probability that they assert or deny the
same proposition, from {len(scorer.features)} named features (`src/counterclaim/link/features.py`). Linking
groups claims into proposition clusters by average linkage at the threshold below; relations follow
from the clusters, the claims' polarities and `link/data/questions.yaml`.

**Data.** {', '.join(f'{k}: `{v}`' for k, v in meta['data'].items())}, folds {', '.join(meta['folds'])};
{meta['pairs']:,} claim pairs ({meta['positives']:,} on one proposition). Each episode's gold claims and, when
trained with `--pipeline`, the claims extraction finds in the same articles (labelled through the gold claims
their contents cover, as the scorer matches them). Labels come from `gold/propositions.json` (exhaustive).

**Training.** `make link-model` (`models/train_linker.py`), scikit-learn `LogisticRegression(C={meta['C']})` on
every pair of each fold's claims; trained {meta['trained']}. The clustering threshold is chosen from
{', '.join(str(t) for t in GRID)} by leave-one-episode-out F1; shipped: **{scorer.threshold}**, intercept
{scorer.intercept:+.3f}.

**Leave-one-episode-out** (relations P / R / F1 as `../shared/eval/score.py` counts them, on the held-out
episode, with a scorer trained on the other episodes and a threshold chosen on them only):

| held out | threshold | all | corroborates | contradicts |
|---|---|---|---|---|
{rows}
{pooled}

**Weights** (per unit of each feature; similarities are cosines and shares in [0, 1]):

| feature | weight |
|---|---|
{weights}

**Limits.** Three episodes of real reporting (a prison blast, a village changing hands, a dam's destruction)
are little data: the weights are a calibration of the structured reading (`link/reading.py`), not a
model of language. The scorer has never seen Russian or Ukrainian text. Episode gold differs in grain
(war-dev's Robotyne propositions split "entered the village" from "gained ground nearby"), which the
scorer cannot learn from three folds.
"""


def _prf(values: list[float]) -> str:
    return " / ".join(f"{v:.3f}" for v in values)


if __name__ == "__main__":
    sys.exit(main())
