"""The label scheme the attribution tagger speaks, and the units it tags.

A doc is cut into paragraphs of spaCy tokens. Labels are BIO tags for the three
roles (source ``S``, cue ``C``, content ``Q``) plus two extra tags for a source
(``QS``) or cue (``QC``) *inside* its own content (``"A," he said, "B"`` is one
content), so a tagger with one label per token can express interrupted quotes.
Also here: quotation state, and the cue lexicon learned on the training data
(``models/train_tagger.py``), which the rules use to recognise speech verbs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from counterclaim.errors import ModelError

MODEL_DIR = Path(__file__).parent / "model"
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


NOT_SPEAKERS = {"plan", "schedule", "script"}  # "according to plan" names no speaker
IDIOMS = {("according", "to", word) for word in NOT_SPEAKERS}


def repair_idioms(tokens: list[Token], labels: list[str]) -> list[str]:
    """Idioms that look like attributions but name no speaker ("going according to plan"):
    their tokens take the label of what they sit in (content or nothing)."""
    out = list(labels)
    for k in range(len(tokens) - 2):
        if tuple(t.lower_ for t in tokens[k: k + 3]) not in IDIOMS:
            continue
        inside = k > 0 and out[k - 1] in ("B-Q", "I-Q", "QS", "QC")
        for j in range(k, k + 3):
            out[j] = "I-Q" if inside else "O"
        j = k + 3
        while j < len(out) and out[j] == "I-S":  # "according to plan for the Kremlin"
            out[j] = "I-Q" if inside else "O"
            j += 1
    return out
