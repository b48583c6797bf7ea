"""One statement found in two documents is shown once.

Two transcripts may hold the same words: two translations of one press
conference, a speech and the article quoting it. When a passage of one document
says what a passage already chosen from another document says, it is not shown
again; the chosen passage lists it in `also_in`.

"Says the same" is measured on the sentence vectors: every sentence of one
passage is matched with its closest sentence in the other, and the mean of those
cosines, on the side that is better covered, must reach the threshold.
Translations differ in wording and their passages rarely start and end on the
same sentence; this alignment tolerates both. Sentences under five words ("Thank
you for your question.") are left out: every transcript has them.

Meaning alone is not enough: two briefings a year apart say "the production and
sales of new energy vehicles were ... million" in nearly the same words, with
other figures. Two passages are one statement only if their figures agree too.
"""

from __future__ import annotations

import re

import numpy as np

from .context import SearchContext, sentence_rows
from .passages import Span


class Repeats:
    """Decides whether a span repeats one already chosen, and remembers where."""

    def __init__(self, ctx: SearchContext, threshold: float):
        self.ctx = ctx
        self.threshold = threshold
        self.found: dict[int, list[Span]] = {}  # id(chosen span) -> its repeats elsewhere
        # The chosen spans' sentence vectors, stacked in the order first compared, so that a new span
        # is compared with all of them in one product (on a large archive many candidates in a row
        # repeat what is shown): each one's place in the stack (by id: chosen spans live as long as
        # this object, so no id is reused), how many rows each has, and the rows.
        self._at: dict[int, int] = {}
        self._lengths: list[int] = []
        self._stack = np.zeros((0, ctx.ix.sentence_vectors.shape[1]), dtype=np.float32)
        self._chosen_figures: dict[int, set[str]] = {}

    def __call__(self, span: Span, chosen: list[Span]) -> bool:
        if self.threshold >= 1.0:
            return False
        others = [c for c in chosen if c.doc != span.doc
                  and not any(r.doc == span.doc for r in self.found.get(id(c), ()))]  # one mention per document
        if not others:
            return False
        vecs = self._vectors(span)
        if not len(vecs):
            return False
        scores = self._similarities(vecs, others)
        mine = None
        for c, score in zip(others, scores):
            if score < self.threshold:
                continue
            if mine is None:
                mine = self._figures(span)
            theirs = self._chosen_figures.get(id(c))
            if theirs is None:
                theirs = self._chosen_figures[id(c)] = self._figures(c)
            if sets_agree(mine, theirs):
                self.found.setdefault(id(c), []).append(span)
                return True
        return False

    def of(self, span: Span) -> list[Span]:
        return self.found.get(id(span), [])

    def _similarities(self, vecs: np.ndarray, others: list[Span]) -> np.ndarray:
        """`similarity` of `vecs` to each of `others`' sentence vectors, from one product."""
        fresh = [c for c in others if id(c) not in self._at]
        if fresh:
            parts = [self._vectors(c) for c in fresh]
            for c, part in zip(fresh, parts):
                self._at[id(c)] = len(self._lengths)
                self._lengths.append(len(part))
            self._stack = np.concatenate([self._stack, *parts])
        return similarities(vecs, self._stack, self._lengths)[[self._at[id(c)] for c in others]]

    def _vectors(self, span: Span) -> np.ndarray:
        store = self.ctx.ix.store
        rows = list(span.sentences) or sentence_rows(store, span.doc, span.start, span.end)
        rows = [r for r in rows if self.ctx.sentence_words(r) >= MIN_WORDS]
        vectors = self.ctx.ix.sentence_vectors  # float16, memory-mapped: only these rows are read
        return np.asarray(vectors[rows], dtype=np.float32) if rows else np.zeros((0, vectors.shape[1]), np.float32)

    def _figures(self, span: Span) -> set[str]:
        return figures(self.ctx.ix.store.text(span.doc)[span.start:span.end])


MIN_WORDS = 5
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Mean cosine of each sentence to its closest on the other side, on the better covered side."""
    return float(similarities(a, b, [len(b)])[0])


def similarities(a: np.ndarray, stack: np.ndarray, lengths) -> np.ndarray:
    """`similarity` of `a` to each of several passages whose sentence vectors are stacked in
    `stack`, `lengths[i]` rows for the i-th (0 for a passage without sentences: similarity 0)."""
    lengths = np.asarray(lengths, dtype=np.int64)
    out = np.zeros(len(lengths), dtype=np.float64)
    filled = lengths > 0
    if not len(a) or not filled.any():
        return out
    m = a @ stack.T
    # Every passage's columns at once; a passage without sentences owns no column.
    starts = (np.cumsum(lengths) - lengths)[filled]
    each_row = np.maximum.reduceat(m, starts, axis=1).mean(axis=0)
    each_column = np.add.reduceat(m.max(axis=0), starts) / lengths[filled]
    out[filled] = np.maximum(each_row, each_column)
    return out


def figures(text: str) -> set[str]:
    """The figures a text states, as written."""
    return set(_FIGURE.findall(text))


def figures_agree(a: str, b: str) -> bool:
    """Both without figures, or at least half of the figures of the one with fewer found in the other."""
    return sets_agree(figures(a), figures(b))


def sets_agree(fa: set[str], fb: set[str]) -> bool:
    """`figures_agree` on the figures already found in each side."""
    if not fa and not fb:
        return True
    if not fa or not fb:
        return False
    return len(fa & fb) >= 0.5 * min(len(fa), len(fb))
