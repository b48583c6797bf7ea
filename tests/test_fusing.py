"""The export's graph fused by ONNX Runtime's transformer optimizer, and kept only when it gives the same vectors."""

from __future__ import annotations

import numpy as np
import pytest

from index.onnx_embedding import ONNX_CONFIG, ONNX_MODEL, OnnxConfig, OnnxEmbedder


def _operators(folder) -> set[str]:
    import onnx

    return {node.op_type for node in onnx.load(str(folder / ONNX_MODEL), load_external_data=False).graph.node}


def test_a_module_without_a_transformer_config_has_no_attention_shape_and_is_not_fused(tmp_path):
    import torch

    from index.fusing import attention_shape, fuse

    assert attention_shape(torch.nn.Linear(4, 4)) is None
    (tmp_path / ONNX_MODEL).write_bytes(b"not a graph")
    config = OnnxConfig(name="m", dimension=4, max_tokens=8, special_tokens=2, query_prompt="", document_prompt="",
                        inputs=("input_ids", "attention_mask"), pad_id=0, pad_token="[PAD]")
    assert fuse(tmp_path, config, None, ["text"]) is False
    assert fuse(tmp_path, config, (2, 4), ["text"]) is False  # the optimizer cannot read it: left as it was
    assert (tmp_path / ONNX_MODEL).read_bytes() == b"not a graph"
    assert sorted(p.name for p in tmp_path.iterdir()) == [ONNX_MODEL]


@pytest.mark.model
def test_the_bundled_models_export_is_fused_and_gives_sentence_transformers_vectors(tmp_path, real_embedder):
    from index.exporting import check, export
    from index.fusing import attention_shape

    assert attention_shape(real_embedder._model) == (12, 384)
    config = export(real_embedder, tmp_path)
    assert config.fused and "Attention" in _operators(tmp_path)
    assert check(real_embedder, tmp_path, config) is None
    assert OnnxConfig.from_json((tmp_path / ONNX_CONFIG).read_text(encoding="utf-8")).fused
    texts = ["What did the minister say about exports?", "Fares rise in May.", ""]
    got = OnnxEmbedder(tmp_path, config).embed_documents(texts)
    assert np.einsum("ij,ij->i", got, real_embedder.embed_documents(texts)).min() >= 1 - 1e-4


@pytest.mark.model
def test_tracing_with_eager_attention_leaves_the_model_as_it_was(real_embedder):
    from index.fusing import eager_attention

    models = [m for m in real_embedder._model.modules() if hasattr(getattr(m, "config", None), "_attn_implementation")]
    before = [m.config._attn_implementation for m in models]
    vector = real_embedder.embed_queries(["How many ferries run at night?"])
    with eager_attention(real_embedder._model):
        assert all(m.config._attn_implementation == "eager" for m in models)
    assert [m.config._attn_implementation for m in models] == before
    assert np.allclose(real_embedder.embed_queries(["How many ferries run at night?"]), vector, atol=1e-6)


@pytest.mark.model
def test_a_fused_graph_that_moves_the_vectors_is_not_used(tmp_path, real_embedder, monkeypatch):
    from index import fusing
    from index.exporting import check, export

    monkeypatch.setattr(fusing, "FUSED_TOLERANCE", -1.0)  # no graph can be that close
    config = export(real_embedder, tmp_path)
    assert not config.fused and "Attention" not in _operators(tmp_path)
    assert check(real_embedder, tmp_path, config) is None  # the plain graph serves
    assert not (tmp_path / ".fused").exists()
