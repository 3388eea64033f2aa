"""The MiniLM attribution tagger: valid label sequences, windows that cover every word, the
shipped weights tagging plain reported speech, and a clear error when they are missing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counterclaim.errors import ModelError
from counterclaim.extract import attribution_labels as scheme
from counterclaim.extract import attribution_tagger as tagger

torch = pytest.importorskip("torch")


def valid(labels: list[str]) -> bool:
    prev = ""
    for lab in labels:
        if not tagger.allowed(prev, lab):
            return False
        prev = lab
    return True


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.floats(-20, 0), min_size=len(tagger.LABELS), max_size=len(tagger.LABELS)),
                min_size=1, max_size=30))
def test_viterbi_never_returns_an_invalid_sequence(rows):
    labels = tagger.viterbi(torch.tensor(rows))
    assert len(labels) == len(rows) and valid(labels)


def test_viterbi_repairs_an_orphan_inside_tag():
    """Argmax would say I-C straight after O; the constrained decoder cannot."""
    scores = torch.full((3, len(tagger.LABELS)), -10.0)
    scores[0, tagger.LABELS.index("O")] = 0
    scores[1, tagger.LABELS.index("I-C")] = 0
    scores[1, tagger.LABELS.index("B-C")] = -1
    scores[2, tagger.LABELS.index("O")] = 0
    assert tagger.viterbi(scores) == ["O", "B-C", "O"]


@pytest.fixture(scope="module")
def tokenizer():
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(tagger.encoder_dir()))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["said", "the", "ministry", ".", "counteroffensive", "Bakhmut", "“", "2,600"]),
                min_size=1, max_size=900),
       st.sets(st.integers(0, 900)))
def test_windows_cover_every_word_once_within_the_size_limit(tokenizer, words, breaks):
    wins = tagger.windows(words, breaks, tokenizer)
    assert wins[0].start == 0 and wins[-1].end == len(words)
    for a, b in zip(wins, wins[1:], strict=False):
        assert a.end == b.start
    for w in wins:
        assert len(w.input_ids) <= tagger.MAX_PIECES + 2
        assert len(w.first_piece) == w.end - w.start


def test_windows_cut_at_paragraph_breaks_when_they_can(tokenizer):
    words = ["word"] * 200 + ["next"] * 200
    wins = tagger.windows(words, {0, 200}, tokenizer)
    assert [(w.start, w.end) for w in wins] == [(0, 200), (200, 400)]


@pytest.mark.slow
def test_shipped_tagger_marks_source_cue_and_content(nlp):
    doc = nlp("The defence ministry said on Friday that its forces had repelled every attack near Bakhmut.")
    paras = scheme.paragraphs(doc)
    spans = scheme.decode(tagger.tag_paragraphs(paras)[0])
    text = {s.role: doc[s.start: s.end].text for s in spans}
    assert "ministry" in text["source"]
    assert "said" in text["cue"]
    assert "repelled every attack" in text["content"]


def test_missing_weights_name_the_file_and_the_fix(tmp_path):
    with pytest.raises(ModelError, match=r"attribution_tagger\.safetensors.*make model"):
        tagger.load.__wrapped__(tmp_path)


def test_model_card_records_the_hash_of_every_shipped_file():
    import hashlib

    card = (tagger.MODEL_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    for name in (tagger.WEIGHTS_FILE, scheme.LEXICON_FILE):
        digest = hashlib.sha256((tagger.MODEL_DIR / name).read_bytes()).hexdigest()
        assert digest in card, f"MODEL_CARD.md does not record the sha256 of {name}"
