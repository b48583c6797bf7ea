"""The index directory: manifest, FAISS against brute force, save/load, refusals, atomic publish."""

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import asdict

import numpy as np
import pytest

from assistant import Assistant
from conftest import REPO, SAMPLES, FakeEmbedder
from index.manifest import LEXICON_FILES, STRUCTURE_FILES
from index import (FORMAT_VERSION, BuildBusy, IndexNotFound, IndexRefused, build_index, current_version, open_index,
                   read_index_manifest)
from index import vectors
from index.manifest import checksum

QUESTIONS = ["How many residents are covered by evacuation plans?", "What happened to rail passenger trips?",
             "cooling centers heat alert", "gross domestic product first quarter"]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(SAMPLES, folder)
    return folder


@pytest.fixture
def built(corpus, tmp_path):
    root = tmp_path / "index"
    build_index(corpus, root, embedder=FakeEmbedder())
    return root


def answers(root, embedder=None):
    assistant = Assistant.open(root, embedder=embedder or FakeEmbedder())
    return [asdict(assistant.ask(q, k=4)) for q in QUESTIONS]


# -- the manifest --------------------------------------------------------------------

def test_manifest_describes_the_index(built, corpus):
    import hashlib

    manifest, version = read_index_manifest(built)
    assert version == current_version(built)
    assert manifest.format_version == FORMAT_VERSION and manifest.package_version
    assert (manifest.model.name, manifest.model.dimension) == ("fake-hash-64", 64)
    assert manifest.chunking["max_tokens"] == 128
    assert manifest.corpus == str(corpus.resolve())
    files = {f.doc_id: f for f in manifest.files}
    assert set(files) == {p.name for p in corpus.iterdir()}
    for name, record in files.items():
        data = (corpus / name).read_bytes()
        assert record.sha256 == hashlib.sha256(data).hexdigest() and record.bytes == len(data)
    assert manifest.counts["chunks"] == sum(f.chunks for f in manifest.files) > 0
    raw = json.loads((built / version / "manifest.json").read_text())
    assert raw["format"] == "transcript-qa index" and raw["built_at"].endswith("+00:00")
    # No pickle anywhere: every file is JSON, SQLite, FAISS or NumPy.
    names = sorted(p.name for p in (built / version).iterdir())
    assert names == sorted(["chunks.faiss", "manifest.json", "sentences.faiss", "sentences.npy", "store.sqlite",
                            *STRUCTURE_FILES, *LEXICON_FILES])
    for name in names:
        if name.endswith(".npy"):
            np.load(built / version / name, allow_pickle=False)
        elif name.endswith(".json"):
            json.loads((built / version / name).read_text(encoding="utf-8"))
    # Every file but the manifest is size- and hash-checked.
    assert sorted(c.name for c in manifest.contents) == sorted(n for n in names if n != "manifest.json")


def test_building_never_modifies_the_corpus(corpus, tmp_path):
    before = {p: p.read_bytes() for p in corpus.rglob("*")}
    build_index(corpus, tmp_path / "index", embedder=FakeEmbedder())
    assert before == {p: p.read_bytes() for p in corpus.rglob("*")}


# -- FAISS against NumPy -----------------------------------------------------------------

def test_faiss_search_equals_numpy_brute_force_on_seeded_vectors():
    rng = np.random.default_rng(7)
    data = rng.standard_normal((2000, 48)).astype(np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    queries = rng.standard_normal((25, 48)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    index = vectors.build_flat(data)
    scores, rows = vectors.search(index, queries, 10)
    truth = np.argsort(-(queries @ data.T), axis=1)[:, :10]
    assert (rows == truth).all()
    np.testing.assert_allclose(scores, np.take_along_axis(queries @ data.T, truth, axis=1), rtol=1e-5)
    # With a filter the search stays exact inside the allowed rows and still returns k of them.
    allowed = np.flatnonzero(rng.random(2000) < 0.2)
    scores, rows = vectors.search(index, queries, 10, allowed)
    masked = np.full((25, 2000), -np.inf, dtype=np.float32)
    masked[:, allowed] = (queries @ data.T)[:, allowed]
    assert (rows == np.argsort(-masked, axis=1)[:, :10]).all()
    assert np.isin(rows, allowed).all()


def test_faiss_file_round_trip_gives_identical_results(tmp_path):
    rng = np.random.default_rng(3)
    data = rng.standard_normal((300, 16)).astype(np.float32)
    index = vectors.build_flat(data / np.linalg.norm(data, axis=1, keepdims=True))
    vectors.save(index, tmp_path / "x.faiss")
    q = data[:5] / np.linalg.norm(data[:5], axis=1, keepdims=True)
    a, b = vectors.search(index, q, 7), vectors.search(vectors.load(tmp_path / "x.faiss"), q, 7)
    assert (a[1] == b[1]).all() and np.array_equal(a[0], b[0])


# -- save, load, rebuild -----------------------------------------------------------------

def test_save_load_gives_the_same_answers_and_a_rebuild_the_same_ids(built, corpus, tmp_path):
    first = answers(built)
    assert all(a["passages"] for a in first)
    assert answers(built) == first
    again = tmp_path / "again"
    build_index(corpus, again, embedder=FakeEmbedder())
    ids = lambda root: [c.id for c in open_index(root, embedder=FakeEmbedder()).store.chunks(list(range(20)))]
    assert ids(again) == ids(built)
    assert answers(again) == first


def test_a_document_is_read_by_a_row_number_off_an_index_array(built):
    store = open_index(built, embedder=FakeEmbedder()).store
    doc = store.chunk_doc[0]  # a NumPy integer
    assert isinstance(doc, np.integer)
    assert store.text(doc) == store.text(int(doc)) and store.segments(doc) == store.segments(int(doc))


def test_rebuild_reuses_vectors_of_unchanged_text(built, corpus):
    fake = FakeEmbedder()
    report = build_index(corpus, built, embedder=fake)
    assert fake.calls == 0 and report.embedded == 0 and report.reused > 0
    path = corpus / "transport-briefing.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nOskar Lind:A new closing remark about fares.\n",
                    encoding="utf-8")
    fake = FakeEmbedder()
    report = build_index(corpus, built, embedder=fake)
    assert 0 < fake.calls <= 3 and report.embedded == fake.calls


def test_rebuild_publishes_a_new_version_and_keeps_one_previous(built, corpus):
    versions = []
    for _ in range(3):
        time.sleep(1.1)  # versions are named by the second
        versions.append(build_index(corpus, built, embedder=FakeEmbedder(), force=True).version)
    assert current_version(built) == versions[-1]
    kept = sorted(p.name for p in built.iterdir() if p.name.startswith("v"))
    assert kept == versions[-2:]


# -- refusing indexes that do not match ----------------------------------------------------

def test_no_index_is_one_clear_error(tmp_path):
    with pytest.raises(IndexNotFound, match="no index at .* build one with `transcript-qa build"):
        open_index(tmp_path / "missing", embedder=FakeEmbedder())
    (tmp_path / "empty").mkdir()
    with pytest.raises(IndexNotFound, match="no index"):
        open_index(tmp_path / "empty", embedder=FakeEmbedder())


def _version_dir(root):
    return root / current_version(root)


@pytest.mark.parametrize("damage, message", [
    (lambda d: (d / "manifest.json").unlink(), "has no manifest"),
    (lambda d: (d / "manifest.json").write_text("{not json"), "manifest .* is unreadable"),
    (lambda d: (d / "manifest.json").write_text("[]"), "does not hold a transcript-qa index manifest"),
    (lambda d: _edit(d, format_version=99), f"is format 99, this transcript-qa .* reads format {FORMAT_VERSION}"),
    (lambda d: _edit(d, reseal=False, built_at="2020-01-01"), "manifest .* does not match its checksum"),
    (lambda d: _edit(d, counts={"chunks": 5, "sentences": 1, "documents": 1, "turns": 1}),
     "manifest .* is damaged \\(it lists 4 transcripts but counts 1\\)"),
    (lambda d: _one_more_chunk(d), "chunks.faiss holds .* vectors .* but the manifest .* says .* of dimension 64"),
    (lambda d: _edit(d, model={"name": "fake-hash-64", "dimension": 32, "max_tokens": 256}),
     "chunks.faiss holds .* of dimension 64, but the manifest .* says .* of dimension 32"),
    (lambda d: _edit(d, model={"name": "fake-hash-64", "dimension": "64", "max_tokens": 256}),
     "model.dimension is '64', not a whole number"),
    (lambda d: _drop_key(d, "files"), "incomplete .*missing 'files'"),
    (lambda d: (d / "chunks.faiss").unlink(), "chunks.faiss is missing"),
    (lambda d: (d / "chunks.faiss").write_bytes(b"garbage"), "chunks.faiss is 7 bytes, but was written as"),
    (lambda d: _same_size(d / "chunks.faiss", b"garbage"), "chunks.faiss is unreadable"),
    (lambda d: vectors.save(vectors.build_flat(np.eye(64, dtype=np.float32)[:3]), d / "chunks.faiss"),
     "chunks.faiss is .* bytes, but was written as"),
])
def test_a_damaged_or_different_index_is_refused(built, damage, message):
    damage(_version_dir(built))
    with pytest.raises(IndexRefused, match=message) as err:
        open_index(built, embedder=FakeEmbedder())
    assert "\n" not in str(err.value) and "rebuild" in str(err.value)


def test_current_pointing_nowhere_is_refused(built):
    (built / "CURRENT").write_text("v20990101T000000-abcdef\n")
    with pytest.raises(IndexRefused, match="damaged"):
        open_index(built, embedder=FakeEmbedder())


def test_another_model_is_refused(built):
    with pytest.raises(IndexRefused, match="built with the model 'fake-hash-64'; it cannot be searched with 'other'"):
        open_index(built, embedder=FakeEmbedder(name="other"))
    with pytest.raises(IndexRefused, match="cannot be searched with 'all-MiniLM-L6-v2'"):
        open_index(built, model="all-MiniLM-L6-v2")
    with pytest.raises(IndexRefused, match="now gives vectors of dimension 32"):
        open_index(built, embedder=FakeEmbedder(dimension=32, name="fake-hash-64"))


def _edit(directory, reseal=True, **changes):
    path = directory / "manifest.json"
    raw = json.loads(path.read_text())
    raw.update(changes)
    _write(path, raw, reseal)


def _drop_key(directory, key):
    path = directory / "manifest.json"
    raw = json.loads(path.read_text())
    del raw[key]
    _write(path, raw, True)


def _one_more_chunk(directory):
    path = directory / "manifest.json"
    raw = json.loads(path.read_text())
    raw["files"][0]["chunks"] += 1
    raw["counts"]["chunks"] += 1
    _write(path, raw, True)


def _write(path, raw, reseal):
    """A manifest as a build would have written it, had it said this (its checksum made to fit)."""
    if reseal:
        raw["checksum"] = checksum(raw)
    path.write_text(json.dumps(raw))


def _same_size(path, data):
    size = path.stat().st_size
    path.write_bytes((data * (size // len(data) + 1))[:size])


# -- one build at a time; a killed build changes nothing -------------------------------------

def test_a_second_build_is_told_one_is_running(built, corpus):
    with open(built / ".lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(BuildBusy, match="already running"):
            build_index(corpus, built, embedder=FakeEmbedder())


_SLOW_BUILD = """
import sys, time, pathlib
sys.path[:0] = [{repo!r}, {tests!r}]
from conftest import FakeEmbedder
import index.build as build

marker = pathlib.Path({marker!r})
stage = {stage!r}

class Slow(FakeEmbedder):
    def embed_documents(self, texts, progress=None):
        if stage == "embedding":
            marker.write_text("embedding")
            time.sleep(60)
        return super().embed_documents(texts, progress)

if stage == "writing":
    real = build.vectors.save
    def slow_save(index, path):
        real(index, path)
        marker.write_text("writing")
        time.sleep(60)
    build.vectors.save = slow_save

build.build_index({corpus!r}, {index!r}, embedder=Slow())
"""


@pytest.mark.parametrize("stage", ["embedding", "writing"])
def test_a_build_killed_half_way_leaves_the_old_index_answering(built, corpus, tmp_path, stage):
    before_version = current_version(built)
    before = answers(built)
    (corpus / "extra.txt").write_text("Runa Falk: A brand new statement about night trains.", encoding="utf-8")
    marker = tmp_path / "marker"
    code = _SLOW_BUILD.format(repo=str(REPO), tests=str(REPO / "tests"), marker=str(marker), stage=stage,
                              corpus=str(corpus), index=str(built))
    proc = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.time() + 60
        while not marker.exists():
            assert proc.poll() is None, "the build ended before it could be killed"
            assert time.time() < deadline
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert current_version(built) == before_version
    assert answers(built) == before
    # The next build clears what the killed one left and publishes.
    report = build_index(corpus, built, embedder=FakeEmbedder())
    assert current_version(built) == report.version != before_version
    assert not [p for p in built.iterdir() if p.name.startswith(".staging-")]
    assert "extra.txt" in {f.doc_id for f in read_index_manifest(built)[0].files}


# -- the reference sample ------------------------------------------------------------

def test_the_reference_sample_is_a_fixed_draw_of_sentences_that_say_something():
    from index.structure import REFERENCE_CHARS, reference_sample

    filler = np.arange(5000) % 7 == 0
    lengths = np.where(np.arange(5000) % 5 == 0, REFERENCE_CHARS - 1, 80)
    rows = reference_sample(filler, lengths, size=300)
    assert len(rows) == 300 and rows.dtype == np.int64 and bool((np.diff(rows) > 0).all())
    assert not filler[rows].any() and bool((lengths[rows] >= REFERENCE_CHARS).all())
    assert np.array_equal(rows, reference_sample(filler, lengths, size=300))  # the same corpus, the same sample
    assert rows.max() > 4000  # drawn from the whole corpus, not its first sentences
    few = reference_sample(filler[:20], lengths[:20], size=300)
    assert few.tolist() == [r for r in range(20) if not filler[r] and lengths[r] >= REFERENCE_CHARS]


def test_an_index_keeps_its_reference_sentences_and_checks_them(built):
    ix = open_index(built, embedder=FakeEmbedder())
    rows = np.asarray(ix.structure.reference_rows)
    assert len(rows) == ix.structure.learned.reference_sentences > 0
    assert not np.asarray(ix.structure.filler)[rows].any()
    manifest, version = read_index_manifest(built)
    record = {f.name: f for f in manifest.contents}["structure-reference_rows.npy"]  # size- and hash-checked
    assert record.bytes == (built / version / "structure-reference_rows.npy").stat().st_size
