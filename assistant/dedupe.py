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
        # id(chosen span) -> its sentence vectors: a chosen span is compared with every later one
        # (kept by id like `found`: chosen spans live as long as this object, so no id is reused).
        self._chosen: dict[int, np.ndarray] = {}

    def __call__(self, span: Span, chosen: list[Span]) -> bool:
        if self.threshold >= 1.0:
            return False
        others = [c for c in chosen if c.doc != span.doc]
        if not others:
            return False
        vecs = self._vectors(span)
        if not len(vecs):
            return False
        for c in others:
            if any(r.doc == span.doc for r in self.found.get(id(c), ())):
                continue  # one mention per document is enough
            theirs = self._chosen.get(id(c))
            if theirs is None:
                theirs = self._chosen[id(c)] = self._vectors(c)
            if similarity(vecs, theirs) >= self.threshold and self._same_figures(span, c):
                self.found.setdefault(id(c), []).append(span)
                return True
        return False

    def of(self, span: Span) -> list[Span]:
        return self.found.get(id(span), [])

    def _vectors(self, span: Span) -> np.ndarray:
        store = self.ctx.ix.store
        rows = list(span.sentences) or sentence_rows(store, span.doc, span.start, span.end)
        rows = [r for r in rows if self.ctx.sentence_words(r) >= MIN_WORDS]
        vectors = self.ctx.ix.sentence_vectors  # float16, memory-mapped: only these rows are read
        return np.asarray(vectors[rows], dtype=np.float32) if rows else np.zeros((0, vectors.shape[1]), np.float32)

    def _same_figures(self, a: Span, b: Span) -> bool:
        store = self.ctx.ix.store
        return figures_agree(store.text(a.doc)[a.start:a.end], store.text(b.doc)[b.start:b.end])


MIN_WORDS = 5
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Mean cosine of each sentence to its closest on the other side, on the better covered side."""
    if not len(a) or not len(b):
        return 0.0
    m = a @ b.T
    return float(max(m.max(axis=1).mean(), m.max(axis=0).mean()))


def figures_agree(a: str, b: str) -> bool:
    """Both without figures, or at least half of the figures of the one with fewer found in the other."""
    fa, fb = set(_FIGURE.findall(a)), set(_FIGURE.findall(b))
    if not fa and not fb:
        return True
    if not fa or not fb:
        return False
    return len(fa & fb) >= 0.5 * min(len(fa), len(fb))
