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
from dataclasses import dataclass
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


def learn_vocabulary(texts: Iterable[str], share: float = COMMON_SHARE) -> Vocabulary:
    """The vocabulary of `texts` (the chunks of an index)."""
    in_texts: Counter[str] = Counter()
    stem_texts: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
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
        stem_texts.update(content_stems(text))
    common = frozenset(w for w, c in in_texts.items() if n and c > share * n and w not in STOPWORDS)
    ordinary = frozenset(w for w, c in lower.items() if c >= capital[w])
    return Vocabulary(common=common, ordinary=ordinary, stems=tuple(sorted(stem_texts.items())), texts=n)
