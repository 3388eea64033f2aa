"""Extract the articles of an evaluation set once and keep the result, for training and measuring linking.

Writes a pickle of ``[(Document, [Claim, ...]), ...]`` as ``counterclaim.extract.extract_many`` returns
them; ``models/train_linker.py --pipeline FILE`` trains and reports the pair scorer on these extracted
claims as well as on the gold ones.

Usage: .venv/bin/python scripts/extract_cache.py ARTICLES_DIR [ARTICLES_DIR ...] OUT.pkl
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from counterclaim.extract import extract_many
from counterclaim.ingest import read_file


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    folders, out = [Path(a) for a in sys.argv[1:-1]], Path(sys.argv[-1])
    docs = [d for folder in folders for path in sorted([*folder.glob("*.json"), *folder.glob("*.jsonl")])
            for d in read_file(str(path))]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pickle.dumps(list(extract_many(docs))))
    print(f"{len(docs)} documents extracted into {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
