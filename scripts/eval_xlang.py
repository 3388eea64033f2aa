"""Relations scored across languages only: pairs whose two claims come from documents in different scripts.

``../shared/eval/score.py`` scores every relation; on a mixed set (war-dev-ru-uk: English articles
and Russian/Ukrainian ones sharing propositions) the pairs within one language hide how well the
linker relates an English claim to a Cyrillic one. This script scores the same prediction JSON with
the gold relations and the predicted ones both restricted to pairs across languages (a document's
language here is its script: mostly Cyrillic or not), with the scorer's own counting, and prints the
overall figures beside them.

Usage: python scripts/eval_xlang.py GOLD_DIR PRED.json [--json]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

from counterclaim.link.reading import cyrillic

SHARED = Path(__file__).resolve().parents[1] / "../shared"


def _scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def script_of(gold_dir: Path) -> dict[str, bool]:
    """Document id -> True when its text is mostly Cyrillic."""
    out = {}
    for path in sorted((gold_dir / "articles").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        out[str(doc["id"])] = cyrillic(doc["text"])
    return out


def cross_only(score, gold_dir: Path, pred: dict) -> dict:
    """The scorer's result with gold and predicted relations kept only across scripts."""
    scripts = script_of(gold_dir)

    def across(a: str, b: str, sep: str) -> bool:
        da, db = a.split(sep)[0], b.split(sep)[0]
        return da in scripts and db in scripts and scripts[da] != scripts[db]

    load = score.load_gold

    def load_across(path: Path):
        texts, claims, relations = load(path)
        return texts, claims, [r for r in relations if across(r["a"], r["b"], "#")]

    score.load_gold = load_across
    try:
        kept = dict(pred, relations=[r for r in pred.get("relations", []) if across(r["a"], r["b"], "/")])
        return score.score(gold_dir, kept)
    finally:
        score.load_gold = load


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("pred_json", type=Path)
    ap.add_argument("--json", action="store_true", help="print both results' relation figures as JSON")
    args = ap.parse_args()
    for path in (args.gold_dir / "articles", args.pred_json):
        if not path.exists():
            print(f"eval_xlang: {path} not found", file=sys.stderr)
            return 2
    try:
        pred = json.loads(args.pred_json.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        print(f"eval_xlang: {args.pred_json} is not JSON ({exc})", file=sys.stderr)
        return 2
    score = _scorer(SHARED / "eval" / "score.py")
    every, cross = score.score(args.gold_dir, pred), cross_only(score, args.gold_dir, pred)
    if args.json:
        print(json.dumps({"all": {"relations": every["relations"], "relations_all": every["relations_all"]},
                          "cross": {"relations": cross["relations"], "relations_all": cross["relations_all"]}},
                         indent=1))
        return 0
    for name, result in (("all pairs", every), ("across languages", cross)):
        for kind, r in [*result["relations"].items(), ("all", result["relations_all"])]:
            print(f"{name:17s} {kind:13s} P {r['p']:.3f}  R {r['r']:.3f}  F1 {r['f1']:.3f}  "
                  f"({r['tp']}/{r['pred']} pred, {r['gold']} gold)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
