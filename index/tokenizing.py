"""The model's tokenizer for chunking: whole transcripts tokenized in one call.

Chunking asks for the token count of every sentence and chunk. Asked one span at a
time through `transformers`, that is most of the time a build spends reading. Here
each whole transcript gets the character offsets of its tokens as the model's own
fast tokenizer (`tokenizers`) gives them for the whole text in one call (assembled
from its words' offsets, each word encoded once: `index.word_tokens`), and a span's
count is read off those offsets (`corpus.tokenspans`), which is the count the model
gives the span on its own wherever the tokenizer cannot join characters across the
span's ends.

That holds for BERT's WordPiece pipeline (lower-casing and accent stripping per
character, then words split at whitespace, punctuation and CJK characters): this
module uses offsets only for such a tokenizer; for any other, or a text holding a
special token's name, it returns None and chunking counts each span with the model.
"""

from __future__ import annotations

import json
import string
import unicodedata
from functools import lru_cache

import numpy as np

from corpus.tokenspans import TokenSpans

from .embedding import Embedder
from .word_tokens import WordTokens

_ASCII = np.zeros(128, dtype=bool)
for _c in " \t\n\r" + string.punctuation:
    _ASCII[ord(_c)] = True
_CJK = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F), (0x2B740, 0x2B81F),
        (0x2B920, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))


class WholeTextTokenizer:
    """An embedder's tokenizer as chunking uses it (`corpus.Tokenizer`), plus `token_spans`."""

    def __init__(self, embedder: Embedder, backend=None):
        self._embedder = embedder
        self.special_tokens = embedder.special_tokens
        self._backend = backend
        self._added = _added_tokens(backend) if backend is not None else ()
        self._words = WordTokens(backend) if backend is not None else None

    def count(self, texts: list[str]) -> list[int]:
        return self._embedder.count(texts)

    def offsets(self, text: str) -> list[tuple[int, int]]:
        return self._embedder.offsets(text)

    def token_spans(self, texts: list[str]) -> list[TokenSpans | None]:
        """Each text's tokens with their character offsets, as the tokenizer gives them for the whole
        text (assembled from its words, `index.word_tokens`); None for a text whose spans must be
        counted by the model one by one."""
        if self._words is None:
            return [None] * len(texts)
        return [_spans(text, self._words, self._added) for text in texts]

    def portable(self) -> tuple[str, int] | None:
        """What rebuilds this tokenizer in another process, with the same counts: its `tokenizers`
        pipeline and special tokens. None when counting needs the model itself."""
        return None if self._backend is None else (self._backend.to_str(), self.special_tokens)

    @classmethod
    def from_portable(cls, state: tuple[str, int]) -> "WholeTextTokenizer":
        from tokenizers import Tokenizer

        backend = Tokenizer.from_str(state[0])
        return cls(TokenCounter(backend, state[1]), backend)


class TokenCounter:
    """Counts and offsets from a `tokenizers` pipeline alone (no truncation, no padding): what the
    model's tokenizer gives for it (the ONNX export's check compares both)."""

    def __init__(self, backend, special_tokens: int):
        self._backend = backend
        self.special_tokens = special_tokens

    def count(self, texts: list[str]) -> list[int]:
        return [len(e.ids) for e in self._backend.encode_batch(texts, add_special_tokens=False)] if texts else []

    def offsets(self, text: str) -> list[tuple[int, int]]:
        return [(a, b) for a, b in self._backend.encode(text, add_special_tokens=False).offsets if b > a]


def whole_text_tokenizer(embedder: Embedder) -> WholeTextTokenizer:
    """`embedder`'s tokenizer for chunking; spans read off offsets when its tokenizer allows."""
    return WholeTextTokenizer(embedder, _wordpiece_backend(embedder))


def _wordpiece_backend(embedder: Embedder):
    """A copy of the embedder's `tokenizers` tokenizer (no truncation, no padding) when it is
    BERT's WordPiece pipeline; None otherwise."""
    # sentence-transformers keeps a transformers tokenizer; the ONNX embedder its `tokenizers` one.
    backend = (getattr(getattr(embedder, "_tokenizer", None), "backend_tokenizer", None)
               or getattr(embedder, "backend_tokenizer", None))
    if backend is None:
        return None
    try:
        from tokenizers import Tokenizer

        config = json.loads(backend.to_str())
        normalizer, pre, model = (config.get("normalizer") or {}), (config.get("pre_tokenizer") or {}), config["model"]
        if (normalizer.get("type"), pre.get("type"), model.get("type")) != ("BertNormalizer", "BertPreTokenizer",
                                                                            "WordPiece"):
            return None
        if not normalizer.get("clean_text", False) or not normalizer.get("handle_chinese_chars", False):
            return None  # the separators below assume both
        copy = Tokenizer.from_str(backend.to_str())
        copy.no_truncation()
        copy.no_padding()
        return copy
    except Exception:  # an unusual tokenizer only costs counting span by span
        return None


def _added_tokens(backend) -> tuple[str, ...]:
    try:
        return tuple(t.content.lower() for t in backend.get_added_tokens_decoder().values() if t.content)
    except Exception:
        return ("[",)  # unknown: every text with a bracket is counted span by span


def _spans(text: str, words: WordTokens, added: tuple[str, ...]) -> TokenSpans | None:
    lowered = text.lower() if added else ""
    if any(a in lowered for a in added):
        return None  # a special token's name is matched before words are split
    codes = _codes(text)
    starts, ends = words.offsets(text, codes)
    if len(starts) and (np.any(ends <= starts) or np.any(np.diff(starts) < 0) or np.any(np.diff(ends) < 0)):
        return None  # empty or unordered tokens: offsets cannot tell a span's count
    return TokenSpans(starts=starts, ends=ends, separator=_separators(codes))


def separators(text: str) -> np.ndarray:
    """Per character: BERT's pre-tokenizer always splits before and after it (space, tab, newline,
    a space separator, punctuation, a CJK ideograph). Control characters are not: the normalizer
    removes them, joining what is on either side."""
    return _separators(_codes(text))


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _separators(codes: np.ndarray) -> np.ndarray:
    out = np.zeros(len(codes), dtype=bool)
    ascii_ = codes < 128
    out[ascii_] = _ASCII[codes[ascii_]]
    other = ~ascii_
    if other.any():
        wide = codes[other]
        uniq, inverse = np.unique(wide, return_inverse=True)
        out[other] = np.array([_separates(int(c)) for c in uniq], dtype=bool)[inverse]
    return out


@lru_cache(maxsize=65536)
def _separates(code: int) -> bool:
    category = unicodedata.category(chr(code))
    return category == "Zs" or category.startswith("P") or any(a <= code <= b for a, b in _CJK)
