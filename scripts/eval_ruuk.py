"""Score Russian and Ukrainian extraction on ../shared/eval/war-dev-ru-uk, Cyrillic articles alone.

Runs `counterclaim analyze` on a temporary folder holding only the ru-*/uk-* articles and their
gold, and prints the scorer's lines. The shared scorer compares speakers by their Latin-letter
words only, so a Cyrillic speaker never disagrees with any prediction there; this script also
prints the same score with speakers compared by words in any script (a stricter check of ours,
not the official figure).

Usage: .venv/bin/python scripts/eval_ruuk.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SET = (REPO / "../shared/eval/war-dev-ru-uk").resolve()
SCORER = SET.parent / "score.py"


def cyrillic_only(root: Path) -> Path:
    """``root`` with articles/ and gold/ holding just the Russian and Ukrainian documents."""
    for sub in ("articles", "gold"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    for path in sorted((SET / "articles").glob("*.json")):
        if path.stem.startswith(("ru-", "uk-")):
            shutil.copy(path, root / "articles" / path.name)
            shutil.copy(SET / "gold" / path.name, root / "gold" / path.name)
    return root


def unicode_scorer():
    """The shared scorer with speaker words taken in any script."""
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    stop = module.STOP | {"и", "і", "й", "та", "в", "у", "на", "по", "за", "о", "об", "про", "с", "з"}
    module.words = lambda text: {w for w in re.findall(r"\w+", (text or "").lower()) if w not in stop}
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", type=Path, default=None, help="keep the prediction file in this folder")
    args = ap.parse_args()
    if not SET.exists():
        print(f"skipped: {SET} missing")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        root = cyrillic_only(Path(tmp) / "set")
        pred = (args.keep or Path(tmp)) / "ruuk.json"
        pred.parent.mkdir(parents=True, exist_ok=True)
        with pred.open("w", encoding="utf-8") as handle:
            subprocess.run([str(REPO / ".venv/bin/counterclaim"), "analyze", str(root / "articles"), "--format", "json"],
                           stdout=handle, check=True)
        print(subprocess.run([sys.executable, str(SCORER), str(root), str(pred)], capture_output=True, text=True,
                             check=True).stdout)
        strict = unicode_scorer().score(root, json.loads(pred.read_text(encoding="utf-8")))
        c, m = strict["claims"], strict["on_matched_claims"]
        print(f"speakers compared in any script: claims P {c['p']:.3f} R {c['r']:.3f} F1 {c['f1']:.3f}, "
              f"speaker {m['speaker_acc']:.3f}, side {m['side_acc']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
