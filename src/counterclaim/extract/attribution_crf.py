"""The statistical half of attribution: a CRF that tags SOURCE / CUE / CONTENT tokens.

Each paragraph is one sequence of spaCy tokens. Labels are BIO tags for the three
roles plus two extra tags for a source (``QS``) or cue (``QC``) *inside* its own
content (``"A," he said, "B"`` is one content), so the tagger can express
interrupted quotes. Features are lexical, quote state, and the dependency path
to the nearest speech predicate (from a cue lexicon learned on the training data).
The model is trained by ``models/train_attribution.py`` and shipped in ``extract/model/``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from counterclaim.errors import ModelError

MODEL_DIR = Path(__file__).parent / "model"
CRF_FILE = "attribution_crf.bin"  # .bin: shipped as package data (pyproject)
LEXICON_FILE = "cue_lexicon.json"

OPEN_QUOTES = {"“", "«", "‘‘", "``"}
CLOSE_QUOTES = {"”", "»", "’’", "''"}
ROLE_OF = {"S": "source", "C": "cue", "Q": "content"}


@dataclass
class TaggedSpan:
    """A run of tokens ``[start, end)`` (token indices) the tagger gave one role."""

    role: str  # "source" | "cue" | "content"
    start: int
    end: int
    inside_content: bool = False


@lru_cache(maxsize=1)
def load_lexicon(model_dir: Path = MODEL_DIR) -> dict[str, float]:
    """The learned cue lexicon: lemma -> share of its occurrences that are inside a cue."""
    path = model_dir / LEXICON_FILE
    if not path.exists():
        raise ModelError(f"{path}: cue lexicon missing; run `make model` to train the attribution model")
    return json.loads(path.read_text(encoding="utf-8"))


def paragraphs(doc: Doc) -> list[list[Token]]:
    """The doc's tokens grouped into paragraphs (split at whitespace tokens holding a newline)."""
    out: list[list[Token]] = [[]]
    for tok in doc:
        if tok.is_space:
            if "\n" in tok.text and out[-1]:
                out.append([])
            continue
        out[-1].append(tok)
        if "\n" in tok.whitespace_ and out[-1]:
            out.append([])
    return [p for p in out if p]


def quote_states(tokens: list[Token]) -> list[int]:
    """For each token, 1 when it lies inside quotation marks (the marks themselves count as inside)."""
    states, inside = [], False
    for tok in tokens:
        t = tok.text
        if t in OPEN_QUOTES:
            inside = True
            states.append(1)
        elif t in CLOSE_QUOTES:
            states.append(1)
            inside = False
        elif t == '"':
            states.append(1)
            inside = not inside
        else:
            states.append(int(inside))
    return states


def _rate_bucket(rate: float) -> str:
    return "0" if rate < 0.02 else "lo" if rate < 0.1 else "mid" if rate < 0.35 else "hi"


def _predicate_path(tok: Token, lex: dict[str, float]) -> tuple[str, str]:
    """(dep of the child on the path, bucket) to the nearest ancestor that is a likely cue."""
    if lex.get(tok.lemma_.lower(), 0.0) >= 0.1 and tok.pos_ in ("VERB", "NOUN", "ADP"):
        return "SELF", _rate_bucket(lex[tok.lemma_.lower()])
    child = tok
    for _ in range(8):
        head = child.head
        if head is child:
            break
        rate = lex.get(head.lemma_.lower(), 0.0)
        if rate >= 0.1:
            side = "L" if tok.i < head.i else "R"
            return f"{child.dep_}{side}", _rate_bucket(rate)
        child = head
    return "NONE", "0"


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n < 6 else "6-10" if n < 11 else "far"


def _relative_to_cues(tokens: list[Token], lex: dict[str, float], quotes: list[int]) -> list[str]:
    """For each token: side, distance and lemma of the nearest likely cue in its sentence,
    and whether a quotation mark lies between ("R|3-5|say|q")."""
    cues = [k for k, t in enumerate(tokens) if lex.get(t.lemma_.lower(), 0.0) >= 0.35]
    out = []
    for k, tok in enumerate(tokens):
        same = [j for j in cues if tokens[j].sent.start == tok.sent.start]
        if not same:
            out.append("none")
            continue
        j = min(same, key=lambda j: abs(j - k))
        lo, hi = sorted((j, k))
        marks = any(tokens[m].text in OPEN_QUOTES | CLOSE_QUOTES | {'"'} for m in range(lo + 1, hi))
        side = "S" if j == k else "L" if k < j else "R"
        out.append(f"{side}|{_bucket(abs(j - k))}|{tokens[j].lemma_.lower()}|{'q' if marks else ''}")
    return out


def token_features(tokens: list[Token], lex: dict[str, float]) -> list[dict[str, object]]:
    """The CRF feature dicts for one paragraph."""
    quotes = quote_states(tokens)
    rel = _relative_to_cues(tokens, lex, quotes)
    para_quote = str(tokens[0].text in OPEN_QUOTES | {'"'})
    base = []
    for k, tok in enumerate(tokens):
        path, bucket = _predicate_path(tok, lex)
        low = tok.lower_
        side, dist, lemma, marks = rel[k].split("|") if rel[k] != "none" else ("N", "", "", "")
        base.append({
            "w": low, "l": tok.lemma_.lower(), "p": tok.pos_, "t": tok.tag_, "d": tok.dep_,
            "hl": tok.head.lemma_.lower(), "hp": tok.head.pos_, "dhl": f"{tok.dep_}|{tok.head.lemma_.lower()}",
            "sh": tok.shape_[:4], "suf": low[-3:], "e": f"{tok.ent_iob_}{tok.ent_type_}",
            "q": quotes[k], "ss": tok.is_sent_start, "se": tok.is_sent_end,
            "cue": _rate_bucket(lex.get(tok.lemma_.lower(), 0.0)),
            "path": path, "pb": f"{path}|{bucket}",
            "rs": side, "rsd": f"{side}|{dist}", "rsl": f"{side}|{lemma}", "rsq": f"{side}|{marks}|{quotes[k]}",
            "pq": para_quote, "sq": f"{side}|{path}",
        })
    feats = []
    n = len(tokens)
    for k, f in enumerate(base):
        d: dict[str, object] = {"b": 1.0}
        d.update({key: str(v) for key, v in f.items()})
        for off in (-2, -1, 1, 2):
            j = k + off
            if 0 <= j < n:
                g = base[j]
                d[f"{off}w"], d[f"{off}p"], d[f"{off}q"] = g["w"], g["p"], str(g["q"])
                d[f"{off}cue"], d[f"{off}path"] = g["cue"], g["path"]
            else:
                d[f"{off}w"] = "<pad>"
        d["qt"] = f"{base[k - 1]['q'] if k else 'S'}{f['q']}"
        d["bi"] = f"{base[k - 1]['w'] if k else '<s>'}|{f['w']}"
        d["bi+"] = f"{f['w']}|{base[k + 1]['w'] if k + 1 < n else '</s>'}"
        feats.append(d)
    return feats


def labels_for(tokens: list[Token], spans: list[tuple[str, int, int]]) -> list[str]:
    """Gold labels for a paragraph from char spans ``(role, start, end)``, role in S/C/Q."""
    labels = ["O"] * len(tokens)
    in_content = [False] * len(tokens)
    contents = sorted((s for s in spans if s[0] == "Q"), key=lambda s: s[1] - s[2])  # longest first
    for _, a, b in contents:
        idx = [k for k, t in enumerate(tokens) if a <= t.idx < b]
        if not idx or any(in_content[k] for k in idx):
            continue
        for n_, k in enumerate(idx):
            labels[k] = "B-Q" if n_ == 0 else "I-Q"
            in_content[k] = True
    for role, a, b in spans:
        if role == "Q":
            continue
        idx = [k for k, t in enumerate(tokens) if a <= t.idx < b]
        for n_, k in enumerate(idx):
            if in_content[k]:
                labels[k] = f"Q{role}"
            else:
                labels[k] = f"{'B' if n_ == 0 else 'I'}-{role}"
    return labels


def decode(labels: list[str]) -> list[TaggedSpan]:
    """Spans from a label sequence; QS/QC tokens continue the enclosing content."""
    out: list[TaggedSpan] = []
    cur: dict[str, TaggedSpan | None] = {"S": None, "C": None, "Q": None}
    inner: dict[str, TaggedSpan | None] = {"S": None, "C": None}
    for k, lab in enumerate(labels + ["O"]):
        if lab.startswith("Q") and len(lab) == 2:  # QS / QC: inside content
            role = lab[1]
            if cur["Q"] is not None:
                cur["Q"].end = k + 1
            if inner[role] is not None and inner[role].end == k:
                inner[role].end = k + 1
            else:
                inner[role] = TaggedSpan(ROLE_OF[role], k, k + 1, inside_content=True)
                out.append(inner[role])
            continue
        tag, _, role = lab.partition("-")
        for r in ("S", "C", "Q"):
            if cur[r] is not None and (r != role or tag == "B" or tag == "O"):
                out.append(cur[r])
                cur[r] = None
        if tag == "B" or (tag == "I" and cur[role] is None):
            cur[role] = TaggedSpan(ROLE_OF[role], k, k + 1)
        elif tag == "I":
            cur[role].end = k + 1
    return sorted(out, key=lambda s: (s.start, s.end))


@lru_cache(maxsize=1)
def load_tagger(model_dir: Path = MODEL_DIR):
    """The trained CRF (python-crfsuite Tagger), loaded once per process."""
    import pycrfsuite

    path = model_dir / CRF_FILE
    if not path.exists():
        raise ModelError(f"{path}: attribution model missing; run `make model` to train it")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def _crf_items(feats: list[dict[str, object]]):
    import pycrfsuite

    return pycrfsuite.ItemSequence(feats)


def tag_paragraph(tokens: list[Token]) -> list[str]:
    """The most likely label sequence for one paragraph."""
    feats = token_features(tokens, load_lexicon())
    return load_tagger().tag(_crf_items(feats))
