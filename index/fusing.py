"""ONNX Runtime's transformer fusions of a model's export, kept only when they give the same vectors.

A question is embedded alone: a dozen tokens, where the graph's many small operators
(the attention's reshapes, transposes, masking and softmax, each layer norm) cost more
than its arithmetic. ONNX Runtime's transformer optimizer rewrites them as a few fused
kernels (Attention, SkipLayerNormalization, BiasGelu, EmbedLayerNormalization); on the
bundled model a question then embeds in about 3.9 ms instead of 5.4-5.6 (a document batch
no faster). Only its graph fusions are applied (optimization level 0), so the graph runs
on any CPU, not only the one that built it. The optimizer recognises attention only as the
eager implementation writes it, so the model is traced with eager attention
(`eager_attention`). The fused graph replaces the plain one only if it gives the plain
graph's vectors to `FUSED_TOLERANCE` cosine on the probe texts, batched and alone; the
export as a whole is then checked against sentence-transformers as before.
"""

from __future__ import annotations

import logging
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from .onnx_embedding import ONNX_MODEL, ONNX_TOKENIZER, OnnxConfig, OnnxEmbedder

log = logging.getLogger(__name__)

FUSED_TOLERANCE = 1e-5
_SCRATCH = ".fused"


@contextmanager
def eager_attention(module):
    """The transformers models inside `module` (a torch module) switched to eager attention for the block,
    then switched back; a model that cannot switch is left as it is."""
    changed = []
    try:
        from transformers import PreTrainedModel
    except ImportError:
        PreTrainedModel = ()
    for model in module.modules():
        before = getattr(getattr(model, "config", None), "_attn_implementation", None)
        if isinstance(model, PreTrainedModel) and before not in (None, "eager"):
            try:
                model.set_attn_implementation("eager")
                changed.append((model, before))
            except Exception:  # an attention with no eager form: traced as it is, and not fused
                continue
    try:
        yield
    finally:
        for model, before in changed:
            model.set_attn_implementation(before)


def attention_shape(module) -> tuple[int, int] | None:
    """(heads, hidden size) of the first transformers model inside `module`, which the optimizer needs to
    recognise its attention; None when it does not say."""
    for model in module.modules():
        config = getattr(model, "config", None)
        heads, hidden = getattr(config, "num_attention_heads", None), getattr(config, "hidden_size", None)
        if isinstance(heads, int) and isinstance(hidden, int) and heads > 0 and hidden > 0:
            return heads, hidden
    return None


def fuse(folder: Path, config: OnnxConfig, shape: tuple[int, int] | None, texts: list[str]) -> bool:
    """Replace the graph in `folder` by its fusions when any attention fuses and the fused graph gives the
    plain graph's vectors for `texts`; True when replaced."""
    if shape is None:
        return False
    scratch = folder / _SCRATCH
    try:
        scratch.mkdir(exist_ok=True)
        stats = _optimized(folder / ONNX_MODEL, scratch / ONNX_MODEL, *shape)
        if not stats.get("Attention") and not stats.get("MultiHeadAttention"):
            return False  # nothing that saves time fused
        shutil.copyfile(folder / ONNX_TOKENIZER, scratch / ONNX_TOKENIZER)
        plain, fused = OnnxEmbedder(folder, config), OnnxEmbedder(scratch, config)
        for embed in ("embed_queries", "embed_documents"):
            for batch in (texts, texts[:1]):
                cosines = np.einsum("ij,ij->i", getattr(plain, embed)(batch).astype(np.float64),
                                    getattr(fused, embed)(batch).astype(np.float64))
                if not cosines.min() >= 1 - FUSED_TOLERANCE:
                    log.info("the fused graph is not used: %.2g in cosine from the plain one", 1 - cosines.min())
                    return False
        del plain, fused
        os.replace(scratch / ONNX_MODEL, folder / ONNX_MODEL)
        log.info("fused the export's graph: %s", ", ".join(f"{k} {v}" for k, v in sorted(stats.items()) if v))
        return True
    except Exception as exc:  # the optimizer raises many kinds; the plain graph serves
        log.info("the export's graph was not fused: %s", " ".join(str(exc).split())[:160] or type(exc).__name__)
        return False
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _optimized(source: Path, target: Path, heads: int, hidden: int) -> dict[str, int]:
    from onnxruntime.transformers.optimizer import optimize_model

    quiet = logging.getLogger("onnxruntime.transformers")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # it warns of each pattern it does not find
    try:
        model = optimize_model(str(source), model_type="bert", num_heads=heads, hidden_size=hidden, opt_level=0)
        model.save_model_to_file(str(target))
        return dict(model.get_fused_operator_statistics())
    finally:
        quiet.setLevel(level)
