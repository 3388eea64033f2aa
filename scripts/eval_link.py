"""Relations F1 of linking on gold claims: gold claims -> link -> prediction JSON -> ../shared/eval/score.py.

Linking is measured alone: the claims are the gold ones (FORMAT.md), converted by
``counterclaim.link.gold``; only the relations are predicted. ``refines``
relations are written as ``corroborates`` (a refinement is agreement with more
detail; the scorer knows only corroborates and contradicts) with the detail kept
in ``evidence``.

Usage: python scripts/eval_link.py [GOLD_DIR] [--out PRED.json] [--show]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from counterclaim.export.prediction import prediction_json
from counterclaim.link import link
from counterclaim.link.gold import load_gold

SHARED = Path(__file__).resolve().parents[1] / "../shared"


def prediction(gold_dir: Path) -> dict:
    """The FORMAT.md prediction JSON for linking the gold claims of ``gold_dir``."""
    loaded = load_gold(gold_dir)
    claims = [c for _, cs in loaded for c in cs]
    result = link(claims, {d.id: d for d, _ in loaded})
    pred = prediction_json(loaded, result.relations, result.events)
    gold_of = {c.id: c.method for c in claims}
    for r, rel in zip(pred["relations"], result.relations, strict=True):
        r["linked_kind"], r["gold"] = rel.kind, [gold_of[rel.a], gold_of[rel.b]]
        r["kind"] = "corroborates" if rel.kind == "refines" else rel.kind
    return pred


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir", nargs="?", type=Path, default=SHARED / "eval/seed")
    ap.add_argument("--out", type=Path, default=Path("var/eval_link_pred.json"))
    ap.add_argument("--show", action="store_true", help="print each predicted relation with its reason")
    args = ap.parse_args()
    if not args.gold_dir.exists():
        print(f"eval_link: {args.gold_dir} not found; pass the gold folder (articles/ + gold/)", file=sys.stderr)
        return 2
    pred = prediction(args.gold_dir)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(pred, indent=1, ensure_ascii=False), encoding="utf-8")
    if args.show:
        for r in pred["relations"]:
            print(f"{r['gold'][0][5:]:>4} {r['gold'][1][5:]:>4} {r['linked_kind']:12s} {r['reason']}")
    score = args.gold_dir.resolve().parent / "score.py"
    return subprocess.call([sys.executable, str(score), str(args.gold_dir), str(args.out)])


if __name__ == "__main__":
    sys.exit(main())
