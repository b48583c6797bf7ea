"""One statement found in two documents is shown once.

Two transcripts may hold the same words: two translations of one press
conference, a speech and the article quoting it. When a passage of one document
says what a passage already chosen from another document says, it is not shown
again; the chosen passage lists it in `also_in`.

"Says the same" is measured on the sentence vectors: every sentence of the newer
passage is matched with its closest sentence in the chosen one, and the mean of
those cosines must reach the threshold. Translations differ in wording and their
passages rarely start and end on the same sentence; this alignment tolerates both.
"""

from __future__ import annotations

import numpy as np

from .context import SearchContext, sentence_rows
from .passages import Span


class Repeats:
    """Decides whether a span repeats one already chosen, and remembers where."""

    def __init__(self, ctx: SearchContext, threshold: float):
        self.ctx = ctx
        self.threshold = threshold
        self.found: dict[int, list[Span]] = {}  # id(chosen span) -> its repeats elsewhere

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
            if similarity(vecs, self._vectors(c)) >= self.threshold:
                self.found.setdefault(id(c), []).append(span)
                return True
        return False

    def of(self, span: Span) -> list[Span]:
        return self.found.get(id(span), [])

    def _vectors(self, span: Span) -> np.ndarray:
        rows = list(span.sentences) or sentence_rows(self.ctx.ix.store, span.doc, span.start, span.end)
        return self.ctx.sentence_vectors[rows] if rows else np.zeros((0, self.ctx.sentence_vectors.shape[1]))


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Mean over the sentences of the shorter side of the cosine to their closest sentence on the other."""
    if not len(a) or not len(b):
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return float((a @ b.T).max(axis=1).mean())
