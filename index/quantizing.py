"""The graph a build embeds its texts with: the export's, its matrix products in 8-bit integers.

Embedding is most of a build: 10.7 of the 12.3 s of the five sample briefings on two
cores. ONNX Runtime's dynamic quantisation (int8 weights with a scale per output channel,
each batch's activations quantised as it runs) embeds the same texts in about half the
time. The vectors move a little (mean cosine 0.992 to the float graph's over the
briefings' 1,362 texts); on 4,007 questions with answers the ranking was the same within
noise, and so was the flag (docs/speed.md), so a build embeds its texts with it.
Questions are always embedded by the float graph, checked against sentence-transformers
to 1e-4, and the index records which graph embedded its texts (`ModelRecord.documents`):
vectors of the two are never mixed in one version.

Another model may quantise worse: the int8 graph is kept only when its vector for each
probe text lies within `MIN_COSINE` of the float graph's, and within `MEAN_COSINE` on
average; otherwise the build says so in one line and embeds with the float graph.
"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import numpy as np

from .onnx_embedding import DOCUMENT_MODEL, ONNX_MODEL, OnnxConfig, OnnxEmbedder

log = logging.getLogger(__name__)

# The bundled model's lowest over the probe texts is 0.966, its mean 0.986; a graph that quantises badly
# (weights with outliers) falls far below, where neighbours change.
MIN_COSINE = 0.95
MEAN_COSINE = 0.98


def quantised(folder: Path, config: OnnxConfig, texts: list[str]) -> OnnxConfig | None:
    """Write the int8 graph of the float one in `folder` as its document graph, and the config that says so;
    None, with nothing of it left, when it cannot be made or strays from the float graph on `texts`."""
    target = folder / DOCUMENT_MODEL
    scratch = folder / f".{DOCUMENT_MODEL}"
    try:
        _quantise(folder / ONNX_MODEL, scratch)
        os.replace(scratch, target)
        candidate = replace(config, documents="int8")
        got = OnnxEmbedder(folder, candidate, building=True).embed_documents(texts)
        want = OnnxEmbedder(folder, config).embed_documents(texts)
        cosines = np.einsum("ij,ij->i", got.astype(np.float64), want.astype(np.float64))
        if cosines.min() >= MIN_COSINE and cosines.mean() >= MEAN_COSINE:
            return replace(candidate, document_min_cosine=round(float(cosines.min()), 6))
        worst = int(np.argmin(cosines))
        problem = (f"its vectors lie {1 - cosines.mean():.2g} in cosine from the float graph's on average and "
                   f"{1 - cosines[worst]:.2g} for {texts[worst][:40]!r} (at most {1 - MEAN_COSINE:g} and "
                   f"{1 - MIN_COSINE:g})")
    except Exception as exc:  # the quantiser raises many kinds; the float graph embeds as before
        problem = f"it could not be made ({' '.join(str(exc).split())[:160] or type(exc).__name__})"
    target.unlink(missing_ok=True)
    scratch.unlink(missing_ok=True)
    log.warning("texts are embedded by the float graph of the model %r, not its int8 one: %s", config.name, problem)
    return None


def _quantise(source: Path, target: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with _quiet_quantiser():
        # The fused graph's custom operators have no types for the quantiser's shape inference; their outputs
        # are float, which the option says.
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True,
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})


@contextmanager
def _quiet_quantiser():
    """The quantiser's advice to pre-process the graph (given on the root logger at every call) kept out."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(max(level, logging.ERROR))
    try:
        yield
    finally:
        root.setLevel(level)
