"""How the attribution tagger is run: the runtime switch, the pre-filter that skips windows
without any sign of attribution, and batching across docs that changes no label."""

from __future__ import annotations

import pytest
import spacy

from counterclaim.errors import ModelError
from counterclaim.extract import attribution_labels as scheme
from counterclaim.extract import attribution_tagger as tagger


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def _paras(nlp, text: str):
    return scheme.paragraphs(nlp(text))


def test_an_unknown_runtime_is_refused_with_the_choices(monkeypatch):
    monkeypatch.setenv("COUNTERCLAIM_TAGGER", "gpu")
    with pytest.raises(ModelError, match="onnx, onnx-int8, torch, reference"):
        tagger.runtime()


@pytest.mark.parametrize("text, expected", [
    ("Heavy rain fell overnight.", False),
    ("Shelling damaged houses.", False),
    ("The governor said houses were damaged.", True),  # a cue word
    ("Houses were damaged, according to officials.", True),
    ("“Houses were damaged.”", True),  # a quotation: maybe the next speaker's words
    ("Governor: houses damaged", True),  # "Name: statement"
])
def test_prefilter_keeps_paragraphs_with_a_sign_of_attribution(nlp, text, expected):
    assert tagger.may_attribute(_paras(nlp, text)[0]) is expected


def test_a_window_without_any_sign_of_attribution_is_not_run(nlp, monkeypatch):
    calls = []
    monkeypatch.setattr(tagger, "scorer", lambda name: lambda batch: calls.append(batch) or [])
    labels = tagger.tag_many([_paras(nlp, "Heavy rain fell overnight.")], runtime_name="onnx")
    assert labels == [[["O"] * 5]]
    assert calls == []


@pytest.mark.slow
def test_batching_docs_together_changes_no_label(nlp):
    """A doc's labels do not depend on the docs that share its batch (Dask batches and local
    runs must agree)."""
    texts = ["The ministry said 40 attacks were repelled near the town.",
             "Rain fell overnight.\n\n“We held the line,” the commander told reporters on Friday."]
    docs = [_paras(nlp, t) for t in texts]
    alone = [tagger.tag_many([d])[0] for d in docs]
    assert tagger.tag_many(docs) == alone
    assert any(lab != "O" for para in alone[0] for lab in para)
