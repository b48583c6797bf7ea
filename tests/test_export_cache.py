"""The model's export kept once per machine: a build into a new index folder embeds with it, without torch."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest

from conftest import SAMPLES
from index import build_index, open_index, read_index_manifest, vectors
from index.export_cache import RECORD
from index.machine_cache import cache_root
from index.manifest import CHUNK_VECTORS
from index.onnx_embedding import ONNX_FILES, OnnxEmbedder
from test_onnx_embedding import heavy_imported_by_build


def test_the_cache_folder_is_tqa_cache_else_the_users_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("TQA_CACHE", str(tmp_path / "mine"))
    assert cache_root() == tmp_path / "mine"
    monkeypatch.delenv("TQA_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "transcript-qa"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_root() == Path.home() / ".cache" / "transcript-qa"


def _entries(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "exports").glob("*") if not p.name.startswith("."))


def _onnx_records(index: Path):
    manifest, _ = read_index_manifest(index)
    return [c for c in manifest.contents if c.name in ONNX_FILES]


def _chunk_vectors(index: Path) -> np.ndarray:
    _, version = read_index_manifest(index)
    return vectors.all_vectors(vectors.load(index / version / CHUNK_VECTORS))


@pytest.mark.model
def test_a_build_into_a_new_folder_embeds_with_the_kept_export_and_never_imports_torch(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("TQA_CACHE", str(cache))
    build_index(SAMPLES, tmp_path / "first")  # loads the model, exports it, keeps the export
    entries = _entries(cache)
    assert len(entries) == 1
    record = json.loads((entries[0] / RECORD).read_text(encoding="utf-8"))
    assert [c["sha256"] for c in record["export"]] == [c.sha256 for c in _onnx_records(tmp_path / "first")]

    assert heavy_imported_by_build(SAMPLES, tmp_path / "second") == "[]"
    assert _onnx_records(tmp_path / "second") == _onnx_records(tmp_path / "first")
    np.testing.assert_allclose(_chunk_vectors(tmp_path / "second"), _chunk_vectors(tmp_path / "first"), atol=1e-6)
    ix = open_index(tmp_path / "second")
    assert isinstance(ix.embedder, OnnxEmbedder)
    ix.close()
    assert _entries(cache) == entries  # kept once


@pytest.mark.model
def test_a_kept_export_whose_bytes_changed_is_passed_over_and_made_again(tmp_path, monkeypatch, caplog):
    cache = tmp_path / "cache"
    monkeypatch.setenv("TQA_CACHE", str(cache))
    build_index(SAMPLES, tmp_path / "first")
    [entry] = _entries(cache)
    damaged = entry / ONNX_FILES[1]
    text = damaged.read_text(encoding="utf-8")
    damaged.unlink()  # a new file: the first index's own link keeps its bytes
    damaged.write_text(text.replace('"[UNK]"', '"[UNKNOWN]"', 1), encoding="utf-8")

    with caplog.at_level(logging.INFO):
        build_index(SAMPLES, tmp_path / "second")
    messages = [r.getMessage() for r in caplog.records]
    passed_over = [m for m in messages if "passed over" in m]
    assert len(passed_over) == 1 and ONNX_FILES[1] in passed_over[0] and "\n" not in passed_over[0]
    assert len([m for m in messages if m.startswith("exported")]) == 1
    assert _onnx_records(tmp_path / "second") == _onnx_records(tmp_path / "first")
    [again] = _entries(cache)
    assert (again / ONNX_FILES[1]).read_text(encoding="utf-8") == text  # the entry made anew from the export
    np.testing.assert_allclose(_chunk_vectors(tmp_path / "second"), _chunk_vectors(tmp_path / "first"), atol=1e-6)


@pytest.mark.model
def test_a_cache_folder_that_cannot_be_written_costs_only_the_export(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache would be\n", encoding="utf-8")
    monkeypatch.setenv("TQA_CACHE", str(blocker))
    report = build_index(SAMPLES, tmp_path / "ix")
    assert report.chunks > 0
    assert {c.name for c in _onnx_records(tmp_path / "ix")} == set(ONNX_FILES)
    assert blocker.read_text(encoding="utf-8") == "a file where the cache would be\n"
    ix = open_index(tmp_path / "ix")
    assert isinstance(ix.embedder, OnnxEmbedder)
    ix.close()
