"""What a corpus's own words say about them, learned when it is indexed.

- Common words: in more than a share of the chunks. "President" in a year of a
  president's briefings, "Ministry" in a ministry's: they say nothing about where an
  answer is, and a capitalised one names nothing a question could be after.
- Ordinary words: written in lower case at least as often as capitalised inside a
  sentence. "Ministry", "Information", "Technology" are; "Holm", "Kaar", "Lind" are not. A run of capitalised words holding an ordinary word is an institution or
  a title, not a person's name.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from .sentences import sentence_spans
from .words import STOPWORDS, content_stems, word_texts

COMMON_SHARE = 0.15  # a word in more than this share of the chunks is too common to discriminate


@dataclass(frozen=True)
class Vocabulary:
    common: frozenset[str]  # lower-cased words in more than COMMON_SHARE of the texts
    ordinary: frozenset[str]  # lower-cased words written in lower case at least as often as capitalised
    stems: tuple[tuple[str, int], ...] = ()  # (stem, in how many texts) for every stem of the corpus
    texts: int = 0

    def __post_init__(self):
        object.__setattr__(self, "_df", dict(self.stems))

    def document_frequency(self, stem: str) -> int:
        return self._df.get(stem, 0)

    def rarity(self, stem: str) -> float:
        """Inverse document frequency: how much finding this stem tells one text from another."""
        return math.log((self.texts + 1) / (self.document_frequency(stem) + 0.5))

    def is_name_word(self, word: str) -> bool:
        """A capitalised word that can be part of a person's or a place's name here."""
        w = word.lower()
        return bool(word[:1].isupper()) and w not in STOPWORDS and w not in self.ordinary

    def names_something(self, word: str) -> bool:
        """A name word that is not everywhere in the corpus: naming it tells one passage from another."""
        return self.is_name_word(word) and word.lower() not in self.common


@dataclass(frozen=True)
class WordCounts:
    """What learning a vocabulary counts over some texts. The counts of two sets of texts add up
    to those of both: an index keeps each document's, and a rebuild counts only the files that
    changed (`index.build`)."""

    texts: int = 0
    in_texts: Counter = field(default_factory=Counter)  # lower-cased word -> texts holding it
    stem_texts: Counter = field(default_factory=Counter)  # content stem -> texts holding it
    lower: Counter = field(default_factory=Counter)  # lower-cased word -> times written in lower case
    capital: Counter = field(default_factory=Counter)  # ... and capitalised inside a sentence

    def as_record(self) -> dict:
        return {"texts": self.texts, "in_texts": dict(self.in_texts), "stem_texts": dict(self.stem_texts),
                "lower": dict(self.lower), "capital": dict(self.capital)}

    @classmethod
    def from_record(cls, raw: dict) -> "WordCounts":
        """Counts as `as_record` wrote them (read from an index whose files were verified: the
        shape is checked, not every count); ValueError (or TypeError, KeyError) for another shape."""
        tables = [raw[name] for name in ("in_texts", "stem_texts", "lower", "capital")]
        if not all(isinstance(t, dict) for t in tables):
            raise ValueError("word counts are not tables of words")
        return cls(int(raw["texts"]), *map(Counter, tables))


def count_words(texts: Iterable[str]) -> WordCounts:
    """The counts a vocabulary is learned from, over `texts` (chunks)."""
    counts = WordCounts()
    in_texts, lower, capital = counts.in_texts, counts.lower, counts.capital
    n = 0
    for text in texts:
        n += 1
        seen = set()
        for a, b in sentence_spans(text, 0, len(text)):
            for i, word in enumerate(word_texts(text, a, b)):
                key = word.lower()
                seen.add(key)
                if not word[:1].isalpha():
                    continue
                if word[:1].islower():
                    lower[key] += 1
                elif i > 0:  # a sentence's first word is capitalised anyway
                    capital[key] += 1
        in_texts.update(seen)
        counts.stem_texts.update(content_stems(text))
    return WordCounts(n, in_texts, counts.stem_texts, lower, capital)


def added(parts: Iterable[WordCounts]) -> WordCounts:
    """The counts of all these parts' texts together."""
    total = WordCounts()
    texts = 0
    for part in parts:
        texts += part.texts
        for mine, theirs in ((total.in_texts, part.in_texts), (total.stem_texts, part.stem_texts),
                             (total.lower, part.lower), (total.capital, part.capital)):
            mine.update(theirs)
    return WordCounts(texts, total.in_texts, total.stem_texts, total.lower, total.capital)


def vocabulary_of(counts: WordCounts, share: float = COMMON_SHARE) -> Vocabulary:
    """The vocabulary these counts teach."""
    n = counts.texts
    common = frozenset(w for w, c in counts.in_texts.items() if n and c > share * n and w not in STOPWORDS)
    ordinary = frozenset(w for w, c in counts.lower.items() if c >= counts.capital[w])
    return Vocabulary(common=common, ordinary=ordinary, stems=tuple(sorted(counts.stem_texts.items())), texts=n)


def learn_vocabulary(texts: Iterable[str], share: float = COMMON_SHARE) -> Vocabulary:
    """The vocabulary of `texts` (the chunks of an index)."""
    return vocabulary_of(count_words(texts), share)
