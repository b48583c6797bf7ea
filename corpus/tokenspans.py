"""Token counts of spans of a text, from one tokenizer call over the whole text.

Chunking counts every sentence and every chunk in the model's own tokens. Tokenizing
each span on its own costs one call per span and reads the text twice; instead the
whole transcript is tokenized once and a span's tokens are those that lie inside it.

That is the same count only where the tokenizer cannot join characters across the
span's ends: the tokenizer says which characters it always splits at (`separator`),
and a span end that is not next to one, or that a token straddles, is not counted
here (None): the caller asks the tokenizer about that span itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class TokenSpans:
    starts: np.ndarray  # character offset where each token of the text starts, in order
    ends: np.ndarray  # ... and one past where it ends
    separator: np.ndarray  # per character: the tokenizer always splits before and after it

    def counts(self, spans: list[tuple[int, int]]) -> list[int | None]:
        """Tokens inside each span, or None where the span's ends are not safe to count at."""
        if not spans:
            return []
        pos = np.asarray(spans, dtype=np.int64)
        a, b = pos[:, 0], pos[:, 1]
        i = np.searchsorted(self.starts, a, "left")  # first token starting at or after a
        j = np.searchsorted(self.ends, b, "right")  # first token ending after b
        ok = self._splits_at(a) & self._splits_at(b)
        n = len(self.starts)
        if n:  # no token straddles either end
            ok &= (i == 0) | (self.ends[np.maximum(i - 1, 0)] <= a)
            ok &= (j >= n) | (self.starts[np.minimum(j, n - 1)] >= b)
        counts = np.maximum(j - i, 0)
        return [int(c) if good else None for c, good in zip(counts.tolist(), ok.tolist())]

    def offsets(self, start: int, end: int) -> list[tuple[int, int]] | None:
        """Character span of each token inside `start:end`, or None as for `counts`."""
        if self.counts([(start, end)])[0] is None:
            return None
        i = int(np.searchsorted(self.starts, start, "left"))
        j = int(np.searchsorted(self.ends, end, "right"))
        return list(zip(self.starts[i:j].tolist(), self.ends[i:j].tolist()))

    def _splits_at(self, p: np.ndarray) -> np.ndarray:
        n = len(self.separator)
        before = self.separator[np.clip(p - 1, 0, max(n - 1, 0))] if n else np.zeros(len(p), bool)
        after = self.separator[np.clip(p, 0, max(n - 1, 0))] if n else np.zeros(len(p), bool)
        return (p <= 0) | (p >= n) | ((p > 0) & before) | ((p < n) & after)
