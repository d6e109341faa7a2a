"""The query encoder the service runs: the packaged MiniLM exported to ONNX once, written into the artifact.

Ingest embeds chunks with sentence-transformers (torch); the service embeds one question per request, where
torch costs 9 ms and 560 MB a worker. So ingest also exports the same weights to ONNX (mean pooling and L2
normalisation inside the graph, as sentence-transformers computes them) and writes the file, with the model's
`tokenizer.json`, into the artifact under their sha256: the query model cannot drift from the document model.

Two changes of form, not of maths, make it faster (docs/PERFORMANCE.md): transformers' eager attention is
exported rather than SDPA, whose trace computes its masks and shapes in about 80 more small operators; and
each residual sum that feeds a layer norm is written as `Sum` rather than `Add`, so that ONNX Runtime no
longer fuses the pair into SkipLayerNormalization when it loads the model (that CPU kernel costs about 2 us a
token against 0.4 us for the two operators). One question: 1.84 -> 1.55 ms.

Precision is chosen by measurement (README, "Query encoder"): `int8` is ONNX Runtime's dynamic quantisation
of the weights, per output channel and with 7-bit range (cosine to torch 0.993 mean, 0.987 min; plain
per-tensor int8 gives 0.966), 23 MB; every hybrid retrieval measure within 0.3 points of fp32.
An export is cached in the user's cache folder ($XDG_CACHE_HOME or ~/.cache, then nci-drug-rag/), keyed by the
weights and the settings, so every later build, of any index, copies it instead of exporting again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import warnings
from pathlib import Path

from ingest.model import check_weights, model_dir

PRECISIONS = ("int8", "fp32")
DEFAULT_PRECISION = "int8"
MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length (sentence_bert_config.json)
OPSET = 17
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT = "embedding"


def cache_key(weights_sha256: str, precision: str) -> str:
    settings = json.dumps({"weights": weights_sha256, "precision": precision, "opset": OPSET, "pooling": "mean+l2",
                           "attention": "eager", "residuals": "Sum", "quantisation": "dynamic, per channel, reduced range"})
    return hashlib.sha256(settings.encode("utf-8")).hexdigest()[:16]


def export_onnx(source: Path, target: Path) -> None:
    """torch.onnx.export of BERT + mean pooling over the attention mask + L2 normalisation (batch x 384)."""
    import torch
    from transformers import AutoModel

    class Pooled(torch.nn.Module):
        def __init__(self, bert: torch.nn.Module) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    model = Pooled(AutoModel.from_pretrained(str(source), local_files_only=True, attn_implementation="eager")).eval()
    example = torch.tensor([[101, 2054, 2003, 102]])
    axes = {name: {0: "batch", 1: "tokens"} for name in INPUTS} | {OUTPUT: {0: "batch"}}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's notes on indexing and tracing; the graph is checked in tests
        torch.onnx.export(model, (example, torch.ones_like(example), torch.zeros_like(example)), str(target),
                          input_names=list(INPUTS), output_names=[OUTPUT], dynamic_axes=axes, opset_version=OPSET,
                          dynamo=False)


def residual_sums(source: Path, target: Path, layers: int) -> None:
    """Each `Add` of two computed tensors that feeds a LayerNormalization (the embeddings' sum, and two residual
    sums a layer) becomes a `Sum`, which ONNX Runtime's SkipLayerNormFusion leaves alone."""
    import onnx

    model = onnx.load(str(source))
    weights = {initializer.name for initializer in model.graph.initializer}
    layer_norm_inputs = {name for node in model.graph.node if node.op_type == "LayerNormalization" for name in node.input}
    residuals = [node for node in model.graph.node if node.op_type == "Add" and node.output[0] in layer_norm_inputs
                 and not weights.intersection(node.input)]
    if len(residuals) != 2 * layers + 1:
        raise RuntimeError(f"expected {2 * layers + 1} sums before layer norms in the export, found {len(residuals)} "
                           "(did the exporter change?)")
    for node in residuals:
        node.op_type = "Sum"
    onnx.save(model, str(target))


def quantize(source: Path, target: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # its advice to pre-process the graph is for convolution models
    try:
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True, reduce_range=True)
    finally:
        root.setLevel(level)


def default_cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "nci-drug-rag"


def query_encoder_files(weights_sha256: str, precision: str = DEFAULT_PRECISION, cache_dir: Path | None = None
                        ) -> tuple[Path, Path]:
    """(model.onnx, tokenizer.json) for these weights and this precision, exported once and cached."""
    if precision not in PRECISIONS:
        raise ValueError(f"query encoder precision must be one of {PRECISIONS}, not {precision!r}")
    source = model_dir()
    check_weights(source, weights_sha256)
    folder = Path(cache_dir or default_cache_dir()) / f"query-encoder-{cache_key(weights_sha256, precision)}"
    onnx_file, tokenizer_file = folder / "model.onnx", folder / "tokenizer.json"
    if onnx_file.is_file() and tokenizer_file.is_file():
        return onnx_file, tokenizer_file
    work = folder.with_name(folder.name + f".{os.getpid()}.tmp")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        export_onnx(source, work / "export.onnx")
        layers = json.loads((source / "config.json").read_text("utf-8"))["num_hidden_layers"]
        residual_sums(work / "export.onnx", work / "fp32.onnx", layers)
        (work / "export.onnx").unlink()
        if precision == "int8":
            quantize(work / "fp32.onnx", work / "model.onnx")
            (work / "fp32.onnx").unlink()
        else:
            (work / "fp32.onnx").rename(work / "model.onnx")
        shutil.copyfile(source / "tokenizer.json", work / "tokenizer.json")
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(work, folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return onnx_file, tokenizer_file
