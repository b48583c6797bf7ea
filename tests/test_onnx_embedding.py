"""Asking without torch: the ONNX export a build writes, checked, linked on rebuild, used on open."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import SAMPLES, FakeEmbedder
from index import build_index, open_index, read_index_manifest
from index.manifest import FILES
from index.onnx_embedding import ONNX_FILES

REPO = Path(__file__).resolve().parent.parent
HEAVY = ("torch", "sentence_transformers", "transformers", "gradio")


def _document_graph(version: Path, threads: int | None = None):
    """The embedder a build lends from `version`: its texts embedded by the version's document graph."""
    from index.onnx_embedding import OnnxConfig, OnnxEmbedder

    config = OnnxConfig.from_json((version / ONNX_FILES[2]).read_text(encoding="utf-8"))
    return OnnxEmbedder(version, config, threads=threads, building=True)


def _texts() -> list[str]:
    """Sentences of every sample transcript, and a few that are not sentences."""
    lines = [line.strip() for p in sorted(SAMPLES.glob("*")) for line in p.read_text(encoding="utf-8").splitlines()]
    picked = [line for line in lines if len(line) > 20][:60]
    return picked + ["", "OK", "Q:", " ".join(picked)]  # the last runs past the model's 256 tokens


def test_an_index_built_by_an_in_process_embedder_has_no_export_and_opens_with_it(tmp_path):
    fake = FakeEmbedder()
    build_index(SAMPLES, tmp_path / "ix", embedder=fake)
    manifest, _ = read_index_manifest(tmp_path / "ix")
    assert sorted(c.name for c in manifest.contents) == sorted(FILES)
    assert open_index(tmp_path / "ix", embedder=fake).embedder is fake


def _rewrite_manifest(directory: Path, change) -> None:
    from index.manifest import checksum

    raw = json.loads((directory / "manifest.json").read_text())
    change(raw)
    raw["checksum"] = checksum(raw)
    (directory / "manifest.json").write_text(json.dumps(raw))


def test_a_manifest_with_part_of_an_export_is_refused(tmp_path):
    from index import IndexRefused
    from index.integrity import file_check

    build_index(SAMPLES, tmp_path / "ix", embedder=FakeEmbedder())
    directory = tmp_path / "ix" / (tmp_path / "ix" / "CURRENT").read_text().strip()
    (directory / ONNX_FILES[2]).write_text("{}")
    _rewrite_manifest(directory, lambda raw: raw["contents"].append(
        {"name": ONNX_FILES[2], "bytes": 2, "sha256": file_check(directory / ONNX_FILES[2]).sha256}))
    with pytest.raises(IndexRefused, match="and the ONNX export"):
        read_index_manifest(tmp_path / "ix")


# -- the real model ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(tmp_path_factory, real_embedder):
    from index.exporting import check, export
    from index.onnx_embedding import OnnxConfig, OnnxEmbedder

    folder = tmp_path_factory.mktemp("onnx")
    config = export(real_embedder, folder)
    assert check(real_embedder, folder, config) is None
    return OnnxEmbedder(folder, OnnxConfig.from_json((folder / ONNX_FILES[2]).read_text()))


@pytest.mark.model
def test_onnx_vectors_match_sentence_transformers_to_1e_4_cosine(exported, real_embedder):
    texts = _texts()
    for mine, theirs in ((exported.embed_queries(texts), real_embedder.embed_queries(texts)),
                         (exported.embed_documents(texts), real_embedder.embed_documents(texts)),
                         (exported.embed_queries(texts[:1]), real_embedder.embed_queries(texts[:1]))):
        assert mine.shape == theirs.shape
        cosines = np.einsum("ij,ij->i", mine.astype(np.float64), theirs.astype(np.float64))
        assert cosines.min() >= 1 - 1e-4, texts[int(np.argmin(cosines))]
        assert np.allclose(np.linalg.norm(mine, axis=1), 1, atol=1e-5)
    assert exported.count(texts) == real_embedder.count(texts)
    assert all(exported.offsets(t) == real_embedder.offsets(t) for t in texts)
    assert (exported.dimension, exported.max_tokens, exported.special_tokens) == (
        real_embedder.dimension, real_embedder.max_tokens, real_embedder.special_tokens)


@pytest.mark.model
def test_a_question_asked_among_others_gets_the_vector_it_gets_alone(exported):
    """Overlapping questions go to the session whose threads sleep; the vector is the same to the bit."""
    from index.threads import asking

    texts = _texts()[:3]
    alone = exported.embed_queries(texts)
    with asking(), asking():  # another question is being answered
        among_others = exported.embed_queries(texts)
    assert np.array_equal(alone, among_others)


@pytest.mark.model
def test_the_export_honours_the_models_prompts(exported, real_embedder, monkeypatch):
    """A query prompt (as e5 or bge models carry) goes in front of the question, as sentence-transformers puts it."""
    prompt = "query: "
    monkeypatch.setattr(real_embedder, "query_prompt", prompt)
    monkeypatch.setattr(exported, "query_prompt", prompt)
    text = ["What did the minister say about exports?"]
    with_prompt = exported.embed_queries(text)
    assert float(with_prompt[0] @ real_embedder.embed_queries(text)[0]) >= 1 - 1e-4
    assert float(with_prompt[0] @ real_embedder.embed_documents(text)[0]) < 0.999  # the prompt changed it


@pytest.mark.model
def test_a_build_writes_the_export_a_rebuild_links_it_and_open_uses_it(tmp_path, real_embedder):
    from index.onnx_embedding import OnnxEmbedder

    build_index(SAMPLES, tmp_path / "ix", embedder=real_embedder)
    first, v1 = read_index_manifest(tmp_path / "ix")
    assert {c.name for c in first.contents} == set(FILES) | set(ONNX_FILES)
    ix = open_index(tmp_path / "ix")
    assert isinstance(ix.embedder, OnnxEmbedder)
    ix.close()

    build_index(SAMPLES, tmp_path / "ix", embedder=real_embedder, force=True)  # nothing changed: forced
    second, v2 = read_index_manifest(tmp_path / "ix")
    assert v2 != v1
    assert [c for c in second.contents if c.name in ONNX_FILES] == [c for c in first.contents if c.name in ONNX_FILES]
    assert os.path.samefile(tmp_path / "ix" / v1 / ONNX_FILES[0], tmp_path / "ix" / v2 / ONNX_FILES[0])


@pytest.mark.model
def test_an_export_that_does_not_give_the_models_vectors_is_refused_in_one_line(tmp_path, real_embedder, caplog,
                                                                                  monkeypatch):
    from index import exporting
    from index.embedding import SentenceTransformerEmbedder

    monkeypatch.setattr(exporting, "COSINE_TOLERANCE", -1.0)  # no export can be that close
    with caplog.at_level(logging.WARNING, logger="index.exporting"):
        build_index(SAMPLES, tmp_path / "ix", embedder=real_embedder)
    refusals = [r.getMessage() for r in caplog.records if r.name == "index.exporting"]
    assert len(refusals) == 1 and "\n" not in refusals[0] and "in cosine from sentence-transformers'" in refusals[0]
    manifest, version = read_index_manifest(tmp_path / "ix")
    assert sorted(c.name for c in manifest.contents) == sorted(FILES)
    assert not any((tmp_path / "ix" / version / name).exists() for name in ONNX_FILES)
    assert isinstance(open_index(tmp_path / "ix").embedder, SentenceTransformerEmbedder)


_ASK = """
import sys, io, contextlib
from assistant.cli import main
for argv in ({argvs}):
    with contextlib.redirect_stdout(io.StringIO()) as out:
        code = main(argv)
    assert code == 0 and out.getvalue().strip(), argv
print(sorted(m for m in {heavy!r} if m in sys.modules))
"""


@pytest.mark.model
def test_ask_info_and_parse_in_a_new_process_import_no_torch(sample_index):
    argvs = [["ask", "What about the fares?", "--index", str(sample_index), "--json"],
             ["info", "--index", str(sample_index)],
             ["parse", str(next(p for p in sorted(SAMPLES.glob("*.txt"))))]]
    proc = subprocess.run([sys.executable, "-c", _ASK.format(argvs=repr(argvs)[1:-1] + ",", heavy=HEAVY)],
                          capture_output=True, text=True, cwd=REPO, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]", proc.stdout


_REBUILD = """
import sys, io, contextlib
from assistant.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(["build", {corpus!r}, "--index", {index!r}, "--quiet"])
assert code == 0, out.getvalue()
print(sorted(m for m in {heavy!r} if m in sys.modules))
"""


def heavy_imported_by_build(corpus: Path, index: Path) -> str:
    """`transcript-qa build CORPUS --index INDEX` run in a new process, which must succeed; the heavy modules it
    imported, as printed."""
    proc = subprocess.run([sys.executable, "-c", _REBUILD.format(corpus=str(corpus), index=str(index), heavy=HEAVY)],
                          capture_output=True, text=True, cwd=REPO, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.mark.model
def test_a_rebuild_with_the_same_model_embeds_with_the_export_without_torch(tmp_path, real_embedder):
    import shutil

    from index import vectors
    from index.manifest import CHUNK_VECTORS

    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLES, corpus)
    build_index(corpus, tmp_path / "ix", embedder=real_embedder)
    first, _ = read_index_manifest(tmp_path / "ix")
    added = corpus / "added.txt"
    added.write_text("MODERATOR: Welcome.\n\nMINISTER: The new ferry timetable starts in May, with boats every "
                     "twenty minutes at peak hours and a night service on Fridays.\n", encoding="utf-8")
    assert heavy_imported_by_build(corpus, tmp_path / "ix") == "[]"
    second, version = read_index_manifest(tmp_path / "ix")
    assert [c for c in second.contents if c.name in ONNX_FILES] == [c for c in first.contents if c.name in ONNX_FILES]
    assert second.model.files == first.model.files
    assert np.abs(np.subtract(second.model.probe, first.model.probe)).max() <= 1e-4  # the export's own probe
    ix = open_index(tmp_path / "ix", embedder=real_embedder)
    rows = [i for i in range(len(ix.store)) if ix.store.chunks([i])[0].doc_id == "added.txt"]
    assert rows
    stored = vectors.all_vectors(vectors.load(tmp_path / "ix" / version / CHUNK_VECTORS))[rows]
    # The first build's texts were embedded by sentence-transformers, the rebuild's by the export's int8 graph:
    # none of the first version's vectors is carried into the second.
    assert (first.model.documents, second.model.documents) == ("float", "int8")
    fresh = _document_graph(tmp_path / "ix" / version).embed_documents([c.text for c in ix.store.chunks(rows)])
    assert np.einsum("ij,ij->i", stored, fresh).min() >= 1 - 1e-4
    ix.close()


@pytest.mark.model
def test_a_first_build_exports_before_embedding_and_embeds_with_the_export(tmp_path, real_embedder, caplog,
                                                                              monkeypatch):
    from index import exporting, vectors
    from index.manifest import CHUNK_VECTORS

    monkeypatch.setenv("TQA_CACHE", str(tmp_path / "cache"))  # no export kept by an earlier build
    with caplog.at_level(logging.INFO, logger="index.exporting"):
        build_index(SAMPLES, tmp_path / "ix")  # the bundled model, loaded by the build itself
    exported = [r.getMessage() for r in caplog.records if r.getMessage().startswith("exported")]
    assert len(exported) == 1  # once, before embedding; the version's files are those, linked in
    manifest, version = read_index_manifest(tmp_path / "ix")
    assert {c.name for c in manifest.contents} == set(FILES) | set(ONNX_FILES)
    assert not [p.name for p in (tmp_path / "ix").iterdir() if p.name.startswith(".staging")]
    ix = open_index(tmp_path / "ix", embedder=real_embedder)
    rows = list(range(len(ix.store)))
    stored = vectors.all_vectors(vectors.load(tmp_path / "ix" / version / CHUNK_VECTORS))
    texts = [c.text for c in ix.store.chunks(rows)]
    assert manifest.model.documents == "int8"
    ours = _document_graph(tmp_path / "ix" / version).embed_documents(texts)
    assert np.einsum("ij,ij->i", stored, ours).min() >= 1 - 1e-4
    # A text's vector is its own to the bit: the same embedded on one thread as on every core, alone as among others.
    alone = _document_graph(tmp_path / "ix" / version, threads=1).embed_documents(texts[-3:])
    assert np.array_equal(alone, ours[-3:])
    # Close to the model's own vectors, not the same; questions are embedded by the float graph alone.
    theirs = np.einsum("ij,ij->i", stored, real_embedder.embed_documents(texts))
    assert theirs.mean() >= 0.98 and theirs.min() >= 0.9 and theirs.max() < 1 - 1e-4
    asked = ["How often do the ferries run?", "Yes."]
    served = open_index(tmp_path / "ix")
    assert np.einsum("ij,ij->i", served.embedder.embed_queries(asked),
                     real_embedder.embed_queries(asked)).min() >= 1 - 1e-4
    served.close()
    ix.close()

    # A model whose export is refused is embedded by sentence-transformers, and leaves no scratch folder.
    monkeypatch.setattr(exporting, "COSINE_TOLERANCE", -1.0)
    monkeypatch.setenv("TQA_CACHE", str(tmp_path / "cache-2"))
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="index.exporting"):
        build_index(SAMPLES, tmp_path / "other")
    assert len([r for r in caplog.records if r.name == "index.exporting"]) == 1  # tried once, not again at writing
    manifest, _ = read_index_manifest(tmp_path / "other")
    assert sorted(c.name for c in manifest.contents) == sorted(FILES)
    assert not [p.name for p in (tmp_path / "other").iterdir() if p.name.startswith(".staging")]
    assert not list((tmp_path / "cache-2").glob("exports/*"))  # a refused export is not kept for later builds
