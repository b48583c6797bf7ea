"""Words, stems and stopwords: the one text layer every module matches words with.

A word is a run of letters or digits, with inner apostrophes, hyphens and decimal
marks kept ("it's", "COVID-19", "2.61"). Stems come from the Porter stemmer
(PyStemmer), the algorithm SQLite FTS5's `porter` tokenizer applies to the lexical
index, so a stem here is a stem there. Stopwords are the Snowball list for English
(the `stopwords` package): words that say nothing about where an answer is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import Stemmer
import stopwords as _stopwords

_WORD = re.compile(r"[^\W_]+(?:['’.,-][^\W_]+)*")
_DECIMAL = re.compile(r"^\d+(?:[.,]\d+)+$")
_STEMMER = Stemmer.Stemmer("porter")
STOPWORDS = frozenset(w.replace("'", "’") for w in _stopwords.get_stopwords("english")) | frozenset(
    _stopwords.get_stopwords("english"))


@dataclass(frozen=True)
class Word:
    text: str  # as written
    start: int
    end: int


def words(text: str) -> list[Word]:
    """The words of `text`, with their offsets."""
    out = []
    for m in _WORD.finditer(text):
        token = m.group()
        # "end." or "1,200," at a sentence end: the mark is punctuation, not part of the word.
        trimmed = token.rstrip(".,")
        out.append(Word(trimmed, m.start(), m.start() + len(trimmed)))
    return out


def word_texts(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The words of `text[start:end]` as written, as `words` gives them, without their offsets (no Word
    per match: the build reads every text this way)."""
    return [token.rstrip(".,") for token in _WORD.findall(text, start, len(text) if end is None else end)]


def tokens(text: str) -> list[str]:
    """The words of `text`, lower-cased."""
    return [w.lower() for w in word_texts(text)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Porter stem of a lower-case word; numbers stay as written."""
    if _DECIMAL.match(word) or word.isdigit():
        return word
    return _STEMMER.stemWord(word.replace("’", "'"))


def is_stopword(word: str) -> bool:
    return word.lower() in STOPWORDS


def content_words(text: str) -> list[str]:
    """The lower-cased words of `text` that are not stopwords, in order."""
    return [w for w in tokens(text) if w not in STOPWORDS]


def content_stems(text: str) -> frozenset[str]:
    """Stems of the words of `text` that carry meaning: no stopwords, no single letters."""
    return frozenset(stem(w) for w in tokens(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit()))
