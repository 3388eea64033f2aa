"""Run `counterclaim analyze` on the evaluation sets and print the scorer's summary lines.

Sets: the seed article, PolNeAR dev and test (../shared/eval), war-dev (24 real articles on
three episodes, ../shared/eval/war-dev; scored as a whole and per episode, so that what was
tuned on two episodes can be read on the third), our demo gold (demo/corpus/json scored against
demo/gold; linking was tuned on it, so it is a dev set for relations), and eval/heldout (a
different episode that nobody tunes on).

Usage: .venv/bin/python scripts/evaluate.py [--sets seed,dev,test,war-dev,demo,heldout] [--spans claim|polnear]
       [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVAL = (REPO / "../shared/eval").resolve()
SETS = {
    "seed": (EVAL / "seed/articles", EVAL / "seed"),
    "dev": (EVAL / "polnear/dev/articles", EVAL / "polnear/dev"),
    "test": (EVAL / "polnear/test/articles", EVAL / "polnear/test"),
    "war-dev": (EVAL / "war-dev/articles", EVAL / "war-dev"),
    "demo": (REPO / "demo/corpus/json", REPO / "demo/gold"),
    "heldout": (REPO / "eval/heldout/articles", REPO / "eval/heldout"),  # never tuned on: report only
}
SUMMARY = ("attributed claims", "content only", "speaker ", "cue ", "content ", "on claims", "quantities",
           "relation", "summary")


def demo_gold_dir(out_dir: Path) -> tuple[Path, Path]:
    """score.py wants articles/ beside gold/: build that for the demo set (JSON files and JSONL lines)."""
    corpus, gold = SETS["demo"]
    root = out_dir / "demo-gold"
    (root / "articles").mkdir(parents=True, exist_ok=True)
    for path in sorted(corpus.glob("*.json")):
        shutil.copy(path, root / "articles" / path.name)
    for path in sorted(corpus.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc_id = json.loads(line)["id"]
                (root / "articles" / f"{doc_id}.json").write_text(line, encoding="utf-8")
    if not (root / "gold").exists():
        (root / "gold").symlink_to(gold.resolve())
    return root / "articles", root


def episodes(gold: Path) -> list[str]:
    """The episodes of a set whose documents are named EPISODE-NN (war-dev), in order."""
    return sorted({p.stem.rsplit("-", 1)[0] for p in (gold / "articles").glob("*-[0-9]*.json")})


def episode_dir(gold: Path, episode: str, out_dir: Path) -> Path:
    """A gold folder holding only one episode's articles and claims (score.py scores every
    document of its folder; documents of other episodes in the prediction are ignored)."""
    root = out_dir / f"episode-{episode}"
    for sub in ("articles", "gold"):
        (root / sub).mkdir(parents=True, exist_ok=True)
        for path in sorted((gold / sub).glob(f"{episode}-*.json")):
            target = root / sub / path.name
            if not target.exists():
                target.symlink_to(path.resolve())
    props = gold / "gold" / "propositions.json"
    if props.exists():  # relations among this episode's claims only
        data = json.loads(props.read_text(encoding="utf-8"))
        data["assign"] = {k: v for k, v in data.get("assign", {}).items() if k.startswith(f"{episode}-")}
        (root / "gold" / "propositions.json").write_text(json.dumps(data), encoding="utf-8")
    return root


def score_lines(gold: Path, pred: Path) -> list[str]:
    """The scorer's summary lines for one gold folder and one prediction file."""
    scored = subprocess.run([sys.executable, str(EVAL / "score.py"), str(gold), str(pred)],
                            capture_output=True, text=True, check=True).stdout
    return [line for line in scored.splitlines() if line.startswith(SUMMARY)]


def run_set(name: str, out_dir: Path, spans: str = "claim") -> None:
    """Analyze one set with a span convention, score it (and each of its episodes), print the summary lines."""
    articles, gold = SETS[name]
    if name == "demo" and articles.exists() and gold.exists():
        articles, gold = demo_gold_dir(out_dir)
    if not articles.exists() or not gold.exists():
        print(f"== {name}: skipped ({articles} or {gold} missing)")
        return
    pred = out_dir / f"{name}-{spans}.json"
    t0 = time.time()
    with pred.open("w", encoding="utf-8") as handle:
        subprocess.run([str(REPO / ".venv/bin/counterclaim"), "analyze", str(articles), "--format", "json",
                        "--spans", spans],
                       stdout=handle, check=True)
    seconds = time.time() - t0
    print(f"== {name}, {spans} spans (analyze {seconds:.1f}s)")
    for line in score_lines(gold, pred):
        print("  " + line)
    for episode in episodes(gold) if name == "war-dev" else []:
        print(f"== {name}: episode {episode}")
        for line in score_lines(episode_dir(gold, episode, out_dir), pred):
            if not line.startswith("relation"):
                print("  " + line)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="seed,dev,test,war-dev,demo,heldout")
    ap.add_argument("--spans", default="claim", choices=["claim", "polnear"],
                    help="span convention passed to `counterclaim analyze --spans` (PolNeAR's own: polnear)")
    ap.add_argument("--keep", type=Path, default=None, help="keep the prediction files in this folder")
    args = ap.parse_args()
    if not EVAL.exists():
        print(f"{EVAL} not found: the evaluation data lives in ../shared/eval next to the repository", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = args.keep or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for name in args.sets.split(","):
            run_set(name.strip(), out_dir, args.spans)
    return 0


if __name__ == "__main__":
    sys.exit(main())
