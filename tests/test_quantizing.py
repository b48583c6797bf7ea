"""A build's texts embedded by the export's int8 graph, recorded, never mixed with float vectors."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from conftest import SAMPLES, FakeEmbedder
from index import build_index, read_index_manifest


class Int8Fake(FakeEmbedder):
    """A fake whose texts count as embedded by an int8 graph (its vectors are the fake's own)."""

    document_precision = "int8"


def test_a_rebuild_whose_texts_are_embedded_another_way_carries_no_vector_over(tmp_path):
    build_index(SAMPLES, tmp_path / "ix", embedder=FakeEmbedder())
    first, _ = read_index_manifest(tmp_path / "ix")
    report = build_index(SAMPLES, tmp_path / "ix", embedder=Int8Fake())
    second, _ = read_index_manifest(tmp_path / "ix")
    assert (first.model.documents, second.model.documents) == ("float", "int8")
    assert not report.unchanged and report.reused == 0 and report.embedded > 0
    again = build_index(SAMPLES, tmp_path / "ix", embedder=Int8Fake(), force=True)
    assert again.embedded == 0 and again.reused >= report.embedded  # the same way: every vector carried over


def test_a_manifest_naming_another_precision_is_refused(tmp_path):
    import json

    from index import IndexRefused
    from index.manifest import checksum

    build_index(SAMPLES, tmp_path / "ix", embedder=FakeEmbedder())
    _, version = read_index_manifest(tmp_path / "ix")
    path = tmp_path / "ix" / version / "manifest.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["model"]["documents"] = "int4"
    raw["checksum"] = checksum(raw)
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(IndexRefused, match="model.documents is 'int4'"):
        read_index_manifest(tmp_path / "ix")


@pytest.mark.model
def test_an_int8_graph_that_strays_leaves_the_texts_to_the_float_graph(tmp_path, real_embedder, caplog,
                                                                       monkeypatch):
    from index import open_index, quantizing, vectors
    from index.manifest import CHUNK_VECTORS
    from index.onnx_embedding import DOCUMENT_MODEL, ONNX_MODEL

    monkeypatch.setenv("TQA_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(quantizing, "MIN_COSINE", 1.01)  # no int8 graph is that close
    with caplog.at_level(logging.WARNING, logger="index.quantizing"):
        build_index(SAMPLES, tmp_path / "ix")
    said = [r.getMessage() for r in caplog.records if r.name == "index.quantizing"]
    assert len(said) == 1 and "float graph" in said[0] and "\n" not in said[0]
    manifest, version = read_index_manifest(tmp_path / "ix")
    folder = tmp_path / "ix" / version
    assert manifest.model.documents == "float"
    assert (folder / DOCUMENT_MODEL).read_bytes() == (folder / ONNX_MODEL).read_bytes()
    ix = open_index(tmp_path / "ix", embedder=real_embedder)
    stored = vectors.all_vectors(vectors.load(folder / CHUNK_VECTORS))
    theirs = real_embedder.embed_documents([c.text for c in ix.store.chunks(list(range(len(ix.store))))])
    assert np.einsum("ij,ij->i", stored, theirs).min() >= 1 - 1e-4
    ix.close()


@pytest.mark.model
def test_a_build_asked_for_float_vectors_stores_the_models_own(tmp_path, real_embedder):
    from index import BuildSettings, open_index, vectors
    from index.manifest import CHUNK_VECTORS

    build_index(SAMPLES, tmp_path / "ix", BuildSettings(float_vectors=True))
    manifest, version = read_index_manifest(tmp_path / "ix")
    assert manifest.model.documents == "float"
    ix = open_index(tmp_path / "ix", embedder=real_embedder)
    stored = vectors.all_vectors(vectors.load(tmp_path / "ix" / version / CHUNK_VECTORS))
    theirs = real_embedder.embed_documents([c.text for c in ix.store.chunks(list(range(len(ix.store))))])
    assert np.einsum("ij,ij->i", stored, theirs).min() >= 1 - 1e-4
    ix.close()
    # The default build after it embeds every text again, by the int8 graph.
    report = build_index(SAMPLES, tmp_path / "ix")
    assert report.reused == 0 and read_index_manifest(tmp_path / "ix")[0].model.documents == "int8"
