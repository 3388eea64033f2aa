"""Train the attribution tagger shipped in ``src/counterclaim/extract/model/``.

Reads PolNeAR ``train`` (FORMAT.md articles + gold), parses it with the same
spaCy pipeline the extractor uses, learns the cue lexicon, and trains a CRF
(python-crfsuite, L-BFGS) over the features of ``extract/attribution_crf.py``.
Prints token-level span scores on ``dev``. Never reads ``test``.

Usage (what ``make model`` runs):
    nice -n 10 .venv/bin/python models/train_attribution.py ../shared/eval/polnear [--out DIR]
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import sys
import time
from pathlib import Path

from counterclaim.extract import attribution_crf as crf
from counterclaim.extract.pipeline import base_nlp

ROLE = {"speaker": "S", "cue": "C", "content": "Q"}


def load_split(root: Path, split: str) -> list[tuple[str, list[tuple[str, int, int]]]]:
    """(text, [(role, start, end), ...]) for every article of a PolNeAR split."""
    out = []
    for path in sorted((root / split / "articles").glob("*.json")):
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
        gold = json.loads((root / split / "gold" / path.name).read_text(encoding="utf-8"))
        spans = [(ROLE[r], c[r]["start"], c[r]["end"]) for c in gold["claims"] for r in ROLE if c.get(r)]
        out.append((text, sorted(set(spans))))
    return out


def parsed(nlp, split, cache: Path | None):
    """The spaCy docs of a split, from ``cache`` when it holds them (written there otherwise)."""
    from spacy.tokens import DocBin

    if cache is not None and cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    docs = list(nlp.pipe((t for t, _ in split), batch_size=16))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs, store_user_data=True).to_disk(cache)
    return docs


def learn_lexicon(docs, spans_per_doc) -> dict[str, float]:
    """lemma -> share of its occurrences inside a cue span (smoothed, frequent lemmas only)."""
    total, cue = collections.Counter(), collections.Counter()
    for doc, spans in zip(docs, spans_per_doc, strict=True):
        cue_chars = [(a, b) for r, a, b in spans if r == "C"]
        for tok in doc:
            lemma = tok.lemma_.lower()
            total[lemma] += 1
            if any(a <= tok.idx < b for a, b in cue_chars):
                cue[lemma] += 1
    return {lem: round(cue[lem] / (total[lem] + 2), 4) for lem in cue if cue[lem] >= 2}


def sequences(docs, spans_per_doc, lex):
    """(features, labels) per paragraph."""
    for doc, spans in zip(docs, spans_per_doc, strict=True):
        for para in crf.paragraphs(doc):
            a, b = para[0].idx, para[-1].idx + len(para[-1])
            local = [s for s in spans if s[1] < b and s[2] > a]
            yield crf.token_features(para, lex), crf.labels_for(para, local)


def span_f1(gold_seqs, pred_seqs) -> dict[str, float]:
    """Exact span F1 per role on token spans (a quick dev check; score.py is the real measure)."""
    res = {}
    for role in ("source", "cue", "content"):
        tp = n_p = n_g = 0
        for g, p in zip(gold_seqs, pred_seqs, strict=True):
            gs = {(s.start, s.end) for s in crf.decode(g) if s.role == role}
            ps = {(s.start, s.end) for s in crf.decode(p) if s.role == role}
            tp, n_p, n_g = tp + len(gs & ps), n_p + len(ps), n_g + len(gs)
        pr, rc = tp / max(n_p, 1), tp / max(n_g, 1)
        res[role] = round(2 * pr * rc / max(pr + rc, 1e-9), 4)
    return res


def main() -> int:
    import pycrfsuite

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("polnear", type=Path)
    ap.add_argument("--out", type=Path, default=crf.MODEL_DIR)
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--cache", type=Path, default=None, help="keep the parsed articles here (DocBin) for re-runs")
    args = ap.parse_args()
    nlp = base_nlp()
    t0 = time.time()
    train, dev = load_split(args.polnear, "train"), load_split(args.polnear, "dev")
    train_docs = parsed(nlp, train, args.cache and args.cache / "train.spacy")
    dev_docs = parsed(nlp, dev, args.cache and args.cache / "dev.spacy")
    print(f"parsed {len(train_docs)} train + {len(dev_docs)} dev articles in {time.time() - t0:.0f}s", file=sys.stderr)
    lex = learn_lexicon(train_docs, [s for _, s in train])
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / crf.LEXICON_FILE).write_text(json.dumps(lex, sort_keys=True, indent=0), encoding="utf-8")
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in sequences(train_docs, [s for _, s in train], lex):
        trainer.append(pycrfsuite.ItemSequence(x), y)
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.possible_transitions": True})
    model_path = args.out / crf.CRF_FILE
    trainer.train(str(model_path))
    print(f"trained in {time.time() - t0:.0f}s; {model_path} sha256 "
          f"{hashlib.sha256(model_path.read_bytes()).hexdigest()}", file=sys.stderr)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    gold, pred = [], []
    for x, y in sequences(dev_docs, [s for _, s in dev], lex):
        gold.append(y)
        pred.append(tagger.tag(pycrfsuite.ItemSequence(x)))
    print(json.dumps({"dev_token_span_exact_f1": span_f1(gold, pred)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
