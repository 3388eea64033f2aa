"""Relations F1 of linking on gold claims: gold claims -> link -> prediction JSON -> ../shared/eval/score.py.

Linking is measured alone: the claims are the gold ones (FORMAT.md), converted by
``counterclaim.link.gold``; only the relations are predicted. ``refines``
relations are written as ``corroborates`` (a refinement is agreement with more
detail; the scorer knows only corroborates and contradicts) with the detail kept
in ``evidence``.

Usage: python scripts/eval_link.py [GOLD_DIR] [--out PRED.json] [--show]
       python scripts/eval_link.py --gold demo/gold --articles ARTICLES_DIR [--out PRED.json] [--show]

GOLD_DIR holds ``articles/`` and ``gold/`` side by side (the seed layout). With
``--gold`` and ``--articles`` the two live apart (the demo gold, whose articles
are ``*.json`` files and ``*.jsonl`` lines); they are joined in a temporary
folder of links for the scorer.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from counterclaim.export.prediction import prediction_json
from counterclaim.link import link
from counterclaim.link.gold import load_gold

SHARED = Path(__file__).resolve().parents[1] / "../shared"


def prediction(gold_dir: Path, articles: Path | None = None) -> dict:
    """The FORMAT.md prediction JSON for linking the gold claims of ``gold_dir`` (see :func:`load_gold`)."""
    loaded = load_gold(gold_dir, articles)
    claims = [c for _, cs in loaded for c in cs]
    result = link(claims, {d.id: d for d, _ in loaded})
    pred = prediction_json(loaded, result.relations, result.events)
    gold_of = {c.id: f"{c.document_id}#{c.method.removeprefix('gold:')}" for c in claims}
    for r, rel in zip(pred["relations"], result.relations, strict=True):
        r["linked_kind"], r["gold"] = rel.kind, [gold_of[rel.a], gold_of[rel.b]]
    return pred


def _scorer_dir(gold: Path, articles: Path, into: Path) -> Path:
    """A folder with ``articles/`` (one JSON file per document) and ``gold/`` as the scorer wants them."""
    (into / "articles").mkdir()
    for doc, _ in load_gold(gold, articles):
        data = {"id": doc.id, "text": doc.text, "title": doc.title, "outlet": doc.outlet, "url": doc.url,
                "published": doc.published.isoformat() if doc.published else None}
        (into / "articles" / f"{doc.id}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (into / "gold").symlink_to(gold.resolve())
    return into


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir", nargs="?", type=Path, default=SHARED / "eval/seed")
    ap.add_argument("--gold", type=Path, help="gold folder (<id>.json claims + propositions.json or relations.json), with --articles")
    ap.add_argument("--articles", type=Path, help="the articles of --gold: *.json documents or *.jsonl lines")
    ap.add_argument("--out", type=Path, default=Path("var/eval_link_pred.json"))
    ap.add_argument("--show", action="store_true", help="print each predicted relation with its reason")
    args = ap.parse_args()
    if (args.gold is None) != (args.articles is None):
        print("eval_link: --gold and --articles go together; pass both or neither", file=sys.stderr)
        return 2
    wanted = [args.gold, args.articles] if args.gold else [args.gold_dir]
    missing = [str(p) for p in wanted if not p.exists()]
    if missing:
        print(f"eval_link: {', '.join(missing)} not found; pass the gold folder (articles/ + gold/)", file=sys.stderr)
        return 2
    if args.gold:
        with tempfile.TemporaryDirectory() as tmp:
            return _run(args, _scorer_dir(args.gold, args.articles, Path(tmp)), args.gold, args.articles)
    return _run(args, args.gold_dir, args.gold_dir, None)


def _run(args: argparse.Namespace, scorer_dir: Path, gold: Path, articles: Path | None) -> int:
    """Link the gold claims, write the prediction, print it if asked and score it."""
    pred = prediction(gold, articles)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(pred, indent=1, ensure_ascii=False), encoding="utf-8")
    if args.show:
        for r in pred["relations"]:
            print(f"{r['gold'][0]} {r['gold'][1]} {r['linked_kind']:12s} {r['reason']}")
    score = SHARED / "eval" / "score.py"
    return subprocess.call([sys.executable, str(score), str(scorer_dir), str(args.out)])


if __name__ == "__main__":
    sys.exit(main())
