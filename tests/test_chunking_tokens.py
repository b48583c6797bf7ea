"""Chunks counted from one tokenizer call per transcript are the chunks counted span by span:
the same spans, the same token counts, the model's own."""

import json
import re
from pathlib import Path

import numpy as np
import pytest

from conftest import SHARED, FakeEmbedder
from corpus import ChunkSettings, chunk_transcript, load_corpus, paragraphs
from corpus.chunking import chunk_transcripts
from corpus.tokenspans import TokenSpans

REPO = Path(__file__).resolve().parents[1]
FOLDERS = ["corpus/samples", "tests/fixtures/formats", "tests/fixtures/layouts", "tests/fixtures/pages"]
SETTINGS = [(128, 1), (40, 2)]
GOLDEN = Path(__file__).parent / "golden" / "chunks.json"
_WORD = re.compile(r"\w+|[^\w\s]")


class WholeTextFake(FakeEmbedder):
    """The fake tokenizer, also giving whole-text token spans: it splits at every non-word character."""

    def token_spans(self, texts):
        out = []
        for text in texts:
            spans = np.array([m.span() for m in _WORD.finditer(text)], dtype=np.int64).reshape(-1, 2)
            separator = np.array([not (c.isalnum() or c == "_") for c in text], dtype=bool)
            out.append(TokenSpans(spans[:, 0].copy(), spans[:, 1].copy(), separator))
        return out


def _fields(chunks):
    return [[c.id, c.start, c.end, c.turn_index, c.tokens] for c in chunks]


def test_a_span_is_counted_from_the_whole_text_only_where_no_word_is_cut():
    text = "Exports grew, said Ms. Li; imports fell."
    spans = WholeTextFake().token_spans([text])[0]
    assert spans.counts([(0, 12), (0, len(text)), (14, 25)]) == [2, 11, 4]  # "Exports grew", all, "said Ms. Li"
    assert spans.counts([(0, 5), (3, 12)]) == [None, None]  # "Expor|ts", "Exp|orts"
    assert spans.offsets(0, 12) == [(0, 7), (8, 12)]
    assert spans.offsets(2, 12) is None


@pytest.mark.parametrize("max_tokens, overlap", SETTINGS)
def test_whole_text_counts_give_the_chunks_of_span_by_span_counts(max_tokens, overlap):
    settings = ChunkSettings(max_tokens=max_tokens, overlap_sentences=overlap)
    for folder in FOLDERS:
        transcripts, _ = load_corpus(REPO / folder)
        batched = list(chunk_transcripts(transcripts, WholeTextFake(), settings))
        for t, done in zip(transcripts, batched):
            chunks = done.chunks
            one_by_one = chunk_transcript(t, paragraphs(t.text), FakeEmbedder(), settings)
            assert chunks == one_by_one, f"{folder}/{t.doc_id}"
            assert all(c.tokens == len(_WORD.findall(c.text)) + 2 for c in chunks)


def _real_tokenizer(embedder):
    from index.tokenizing import whole_text_tokenizer

    tokenizer = whole_text_tokenizer(embedder)
    assert tokenizer.token_spans(["one text"])[0] is not None  # the bundled model's tokenizer gives spans
    return tokenizer


@pytest.mark.model
def test_the_fixtures_are_chunked_as_before_with_the_bundled_model(real_embedder):
    """tests/golden/chunks.json was written by the chunking that counted each sentence with its own
    tokenizer call (before whole-text counting)."""
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    tokenizer = _real_tokenizer(real_embedder)
    got = {}
    for folder in FOLDERS:
        transcripts, _ = load_corpus(REPO / folder)
        for max_tokens, overlap in SETTINGS:
            settings = ChunkSettings(max_tokens=max_tokens, overlap_sentences=overlap)
            for t, done in zip(transcripts, chunk_transcripts(transcripts, tokenizer, settings)):
                got[f"{folder}/{t.doc_id}@{max_tokens}/{overlap}"] = _fields(done.chunks)
    assert got.keys() == golden.keys()
    for name in golden:
        assert got[name] == golden[name], name


@pytest.mark.model
@pytest.mark.parametrize("folder", [SHARED, SHARED.parent / "corpora"], ids=["transcripts", "corpora"])
def test_every_shared_transcript_is_chunked_as_span_by_span_and_counted_by_the_model(real_embedder, folder):
    if not folder.is_dir():
        pytest.skip(f"{folder} is not there")
    tokenizer = _real_tokenizer(real_embedder)
    transcripts, _ = load_corpus(folder)
    for max_tokens, overlap in SETTINGS:
        settings = ChunkSettings(max_tokens=max_tokens, overlap_sentences=overlap)
        for t, done in zip(transcripts, chunk_transcripts(transcripts, tokenizer, settings)):
            chunks = done.chunks
            one_by_one = chunk_transcript(t, paragraphs(t.text), real_embedder, settings, spans=None)
            assert chunks == one_by_one, t.doc_id
            counts = real_embedder.count([c.text for c in chunks])
            assert [c.tokens for c in chunks] == [n + real_embedder.special_tokens for n in counts], t.doc_id
            assert all(c.tokens <= max_tokens for c in chunks), t.doc_id
