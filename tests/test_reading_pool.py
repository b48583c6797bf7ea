"""Reading a corpus on several processes gives what reading it in one gives, file for file."""

import gc

import pytest

from conftest import SAMPLES, FakeEmbedder
from corpus import ChunkSettings, Skipped
from index import build_index, open_index
from index import reading_pool
from index.embedding import bundled_model_path
from index.incremental import NOTHING
from index.tokenizing import WholeTextTokenizer, whole_text_tokenizer


@pytest.fixture(scope="module")
def wordpiece():
    """The bundled model's tokenizer alone (`tokenizers`, no torch), as a build's chunking uses it."""
    from tokenizers import Tokenizer

    backend = Tokenizer.from_file(str(bundled_model_path() / "tokenizer.json"))
    backend.no_truncation()
    backend.no_padding()
    return WholeTextTokenizer.from_portable((backend.to_str(), 2))


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for copy in range(3):
        for f in sorted(SAMPLES.iterdir()):
            text = f.read_text(encoding="utf-8")
            (folder / f"{copy}-{f.name}").write_text(text.replace("2025", str(2025 - copy)), encoding="utf-8")
    (folder / "1-empty.txt").write_bytes(b"")  # skipped, between files read by different workers
    (folder / "2-broken.json").write_text("{not json", encoding="utf-8")
    return folder


def test_many_processes_read_what_one_reads(corpus, wordpiece, monkeypatch):
    monkeypatch.setattr(reading_pool, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(reading_pool, "_TASK_BYTES", 5_000)  # several tasks per worker
    one, skipped_one = reading_pool.read_corpus(corpus, False, NOTHING, wordpiece, ChunkSettings(), workers=1)
    reading_pool.start_workers_ahead(sorted(corpus.iterdir()), 2)  # as a build does, while its model loads
    two, skipped_two = reading_pool.read_corpus(corpus, False, NOTHING, wordpiece, ChunkSettings(), workers=2)
    assert len(one) == 12 and one == two  # in the files' order, though the largest are read first
    assert {s.file for s in skipped_one} == {"1-empty.txt", "2-broken.json"} and skipped_one == skipped_two
    assert all(isinstance(s, Skipped) and s.reason for s in skipped_two)
    for f in two:
        assert f.chunks and f.sentences
        text = f.transcript.text
        assert all(text[c.start:c.end] == c.text for c in f.chunks)
        assert all(a < b and text[a:b].strip() == text[a:b] and "\n" not in text[a:b] for a, b in f.sentences)


def test_the_portable_tokenizer_counts_as_the_model_does(wordpiece, corpus):
    texts = [f.read_text(encoding="utf-8") for f in sorted(corpus.glob("0-*"))]
    spans = wordpiece.token_spans(texts)
    assert all(s is not None for s in spans)
    counts = wordpiece.count(["Exports grew 5.2% in the first quarter.", "", "Mr. Smith's question"])
    assert counts[1] == 0 and counts[0] > 8 and counts[2] >= 4
    again = WholeTextTokenizer.from_portable(wordpiece.portable())
    assert again.count(texts) == wordpiece.count(texts)


def test_a_tokenizer_that_cannot_travel_reads_in_this_process(corpus, monkeypatch):
    monkeypatch.setattr(reading_pool, "PARALLEL_BYTES", 0)
    fake = whole_text_tokenizer(FakeEmbedder())
    assert fake.portable() is None
    files, _ = reading_pool.read_corpus(corpus, False, NOTHING, fake, ChunkSettings(), workers=2)
    assert len(files) == 12 and all(f.chunks for f in files)


def test_reading_leaves_the_cycle_collector_as_it_found_it(corpus, wordpiece, monkeypatch):
    def reading_sees_it():
        seen.append(gc.isenabled())
        return []
    seen = []
    monkeypatch.setattr(reading_pool, "_read_files", lambda *args: reading_sees_it())
    assert gc.isenabled()
    reading_pool.read_corpus(corpus, False, NOTHING, wordpiece, ChunkSettings(), workers=1)
    assert seen == [False] and gc.isenabled()  # paused while reading, on again after
    gc.disable()
    try:
        reading_pool.read_corpus(corpus, False, NOTHING, wordpiece, ChunkSettings(), workers=1)
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()


class WordPieceFake(FakeEmbedder):
    """The fake vectors, with the bundled model's tokenizer for counting (as a real model has)."""

    def __init__(self, tokenizer: WholeTextTokenizer):
        super().__init__()
        self._counting = tokenizer
        self.backend_tokenizer = tokenizer._backend

    def count(self, texts):
        return self._counting.count(texts)

    def offsets(self, text):
        return self._counting.offsets(text)


def test_a_build_read_by_two_processes_is_the_build_read_by_one(tmp_path, corpus, wordpiece, monkeypatch):
    import index.build as build_module

    serial = build_index(corpus, tmp_path / "one", embedder=WordPieceFake(wordpiece))
    monkeypatch.setattr(reading_pool, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(reading_pool, "_TASK_BYTES", 5_000)
    monkeypatch.setattr(build_module, "worker_count", lambda threads: 2)
    parallel = build_index(corpus, tmp_path / "two", embedder=WordPieceFake(wordpiece))
    assert (serial.chunks, serial.sentences, serial.documents, serial.skipped) == (
        parallel.chunks, parallel.sentences, parallel.documents, parallel.skipped)
    a = open_index(tmp_path / "one", embedder=WordPieceFake(wordpiece))
    b = open_index(tmp_path / "two", embedder=WordPieceFake(wordpiece))
    everything = list(range(len(a.store)))
    assert [(c.doc_id, c.start, c.end, c.text) for c in a.store.chunks(everything)] == [
        (c.doc_id, c.start, c.end, c.text) for c in b.store.chunks(everything)]
    assert [a.store.sentence_text(r) for r in range(len(a.store.sentence_doc))] == [
        b.store.sentence_text(r) for r in range(len(b.store.sentence_doc))]
