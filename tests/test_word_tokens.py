"""Whole-text token offsets assembled word by word (`index.word_tokens`) are exactly the offsets the
bundled model's tokenizer gives the whole text in one call: for any text, and for every file here
and in ../shared."""

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLES, SHARED_ROOT
from corpus import load_corpus
from corpus.reading import find_transcript_files
from corpus.tokenspans import TokenSpans
from index.embedding import bundled_model_path
from index.tokenizing import WholeTextTokenizer, separators
from index.word_tokens import WordTokens

REPO = Path(__file__).resolve().parents[1]
FOLDERS = [SHARED_ROOT / "transcripts", SHARED_ROOT / "corpora", SAMPLES, REPO / "tests" / "fixtures"]


@pytest.fixture(scope="module")
def backend():
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(bundled_model_path() / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def _codes(text):
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _whole(backend, text):
    offsets = np.array(backend.encode(text, add_special_tokens=False).offsets, dtype=np.int64).reshape(-1, 2)
    return offsets[:, 0], offsets[:, 1]


def _same(backend, words, text):
    starts, ends = words.offsets(text, _codes(text))
    want_starts, want_ends = _whole(backend, text)
    assert starts.tolist() == want_starts.tolist() and ends.tolist() == want_ends.tolist(), repr(text)


# Every whitespace character Python knows (the seven the normalizer deletes among them), control and
# format characters, accents precomposed and combining, case that changes length, CJK, punctuation of
# every script, an added token's pieces, emoji, and the odd word too long for WordPiece.
_PIECES = st.sampled_from(
    [c for c in map(chr, range(0x3001)) if c.isspace()]
    + ["\x00", "\x01", "\x7f", "\u200b", "\u200d", "\u2060", "\ufeff", "\ufffd", "\u00ad", "\ue000",
       "é", "e\u0301", "\u0301", "\u0308", "Å", "ñ", "İ", "ß", "ﬁ", "Σ", "ς", "ΌΣΟΣ", "ǅ",
       "中", "日本", "\u3400", "\U00020000", "\uf900", "。", "，", "「", "」", "、",
       ".", ",", "'", "-", "—", "…", "¿", "«", "»", "$", "%", "&", "[", "]", "cls", "sep",
       "😀", "👍🏽", "\U0001f1ec\U0001f1e7", "a", "the", "budget", "Exports", "5.2%", "un", "##",
       "x" * 101, "supercalifragilistic"])
_TEXT = st.one_of(st.lists(_PIECES, max_size=40).map("".join), st.text(max_size=60),
                  st.text(st.characters(codec="utf-8"), max_size=60))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_TEXT, min_size=1, max_size=4))
def test_any_text_gets_the_offsets_of_one_call_cold_and_warm(backend, texts):
    words = WordTokens(backend)
    for text in texts + texts:  # the second time round every run is cached
        _same(backend, words, text)


def test_edge_texts(backend):
    words = WordTokens(backend)
    for text in ["", " ", "\n\n", "\x0b", "a\x0bb", " a", "a ", "a\x85b c\x1cd", "x" * 101 + " y",
                 "a\u3000b\u2028c\u00a0d", "\x00 \x00a", "e\u0301 \u0301e"]:
        _same(backend, words, text)


def _file_texts():
    for folder in FOLDERS:
        if not folder.is_dir():
            continue
        for path in find_transcript_files(folder):
            yield path.read_bytes().decode("utf-8", errors="replace")
        yield from (t.text for t in load_corpus(folder)[0])


def test_every_file_gets_the_offsets_of_one_call(backend):
    """Every file's text as read and as indexed, here and in ../shared (when beside the repository)."""
    words = WordTokens(backend)
    texts = list(_file_texts())
    assert len(texts) > 40
    for text in texts:
        _same(backend, words, text)


def test_token_spans_are_those_of_one_call(backend):
    """What chunking reads (`token_spans`): the whole-text call's offsets, None where they were refused."""
    tokenizer = WholeTextTokenizer.from_portable((backend.to_str(), 2))
    texts = list(_file_texts()) + ["the [CLS] token", "Exports grew 5.2%.", "a\x00b [Mask]"]
    got = tokenizer.token_spans(texts)
    for text, spans in zip(texts, got):
        if "[cls]" in text.lower() or "[mask]" in text.lower():
            assert spans is None
            continue
        starts, ends = _whole(backend, text)
        assert isinstance(spans, TokenSpans)
        assert spans.starts.tolist() == starts.tolist() and spans.ends.tolist() == ends.tolist()
        assert spans.separator.tolist() == separators(text).tolist()
