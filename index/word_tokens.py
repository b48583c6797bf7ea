"""Whole-text token offsets for BERT's WordPiece pipeline, assembled word by word from a cache.

Encoding a whole transcript in Rust costs about 0.45 s per MB, most of it spent on
words the tokenizer has seen many times before. Python's whitespace characters, but
for seven, are whitespace to BERT's normalizer (kept, as a space) and to its
pre-tokenizer (split at, dropped), and nothing in that pipeline looks past one:
lower-casing, accent stripping and CJK spacing act per character, control characters
are deleted only between their neighbours, and WordPiece works inside one pre-token.
So a text's tokens are the tokens of each of its runs between such whitespace, each
encoded alone and shifted to where the run starts: this module encodes each distinct
run once (all of a call's new runs in one call) and keeps their relative offsets.
Runs are Zipfian, so after the first few pages almost every one is found here.

The seven (\\x0b, \\x0c, \\x1c-\\x1f, \\x85) are control characters to the normalizer,
which deletes them and so joins their neighbours: a text holding one is cut into runs
by a regular expression that does not split there, instead of by `str.split`.

The caller must refuse texts holding an added token's name (those are matched before
normalizing) and must hand this only BERT's WordPiece pipeline (`index.tokenizing`).
tests/test_word_tokens.py holds the proof that the offsets are the tokenizer's own.
"""

from __future__ import annotations

import re
import threading

import numpy as np

_JOINING = "\x0b\x0c\x1c\x1d\x1e\x1f\x85"  # str.split splits at these; the normalizer deletes them
_SPLITS = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c not in _JOINING)  # up to U+3000
_RUN = re.compile(f"[^{re.escape(_SPLITS)}]+")
_WHITE = np.zeros(0x3002, dtype=bool)  # per code point up to U+3001 (standing for all above): a split
_WHITE[[ord(c) for c in _SPLITS]] = True
_JOINS = np.zeros(0x100, dtype=bool)  # per code point up to U+00FF (standing for all above): deleted
_JOINS[[ord(c) for c in _JOINING]] = True
_MAX_RUNS = 500_000  # distinct runs kept (tens of MB); past that the cache starts again


class WordTokens:
    """Token offsets of whole texts, from one tokenizer's offsets of each distinct run, cached."""

    def __init__(self, backend):
        self._backend = backend
        self._lock = threading.Lock()
        self._clear()

    def _clear(self) -> None:
        self._ids: dict[str, int] = {}  # run -> its number
        self._count = np.zeros(0, dtype=np.int64)  # tokens of each run
        self._first = np.zeros(0, dtype=np.int64)  # where each run's tokens start in the two below
        self._starts = np.zeros(0, dtype=np.int64)  # token starts relative to the run's start
        self._ends = np.zeros(0, dtype=np.int64)

    def offsets(self, text: str, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Start and end (character offsets) of each token of `text`, as `encode` gives them;
        `codes`: the text's code points (uint32)."""
        white = _WHITE[np.minimum(codes, len(_WHITE) - 1)]
        runs = _RUN.findall(text) if _JOINS[np.minimum(codes, len(_JOINS) - 1)].any() else text.split()
        # A run starts at a non-whitespace character after whitespace or at the text's start.
        begins = np.flatnonzero(~white & np.concatenate(([True], white[:-1])))
        with self._lock:
            if len(self._ids) > _MAX_RUNS:
                self._clear()
            fresh = set(runs).difference(self._ids)
            if fresh:
                self._learn(sorted(fresh))
            ids = np.fromiter(map(self._ids.__getitem__, runs), dtype=np.int64, count=len(runs))
            count, first, rel_starts, rel_ends = self._count, self._first, self._starts, self._ends
        per_run = count[ids]
        total = int(per_run.sum())
        # Token k of the text is token k - (tokens before its run) of its run.
        before = np.cumsum(per_run) - per_run
        where = np.repeat(first[ids] - before, per_run) + np.arange(total, dtype=np.int64)
        shift = np.repeat(begins, per_run)
        return shift + rel_starts[where], shift + rel_ends[where]

    def _learn(self, runs: list[str]) -> None:
        """Encode new runs in one call: joined by spaces, which the tokenizer splits at."""
        joined = " ".join(runs)
        lengths = np.fromiter(map(len, runs), dtype=np.int64, count=len(runs))
        begins = np.cumsum(lengths + 1) - lengths - 1
        offsets = self._backend.encode(joined, add_special_tokens=False).offsets
        flat = np.array(offsets, dtype=np.int64).reshape(-1, 2)
        run_of = np.searchsorted(begins, flat[:, 0], "right") - 1
        counts = np.bincount(run_of, minlength=len(runs)).astype(np.int64)
        base = len(self._starts)
        self._first = np.concatenate((self._first, base + np.cumsum(counts) - counts))
        self._count = np.concatenate((self._count, counts))
        self._starts = np.concatenate((self._starts, flat[:, 0] - begins[run_of]))
        self._ends = np.concatenate((self._ends, flat[:, 1] - begins[run_of]))
        start = len(self._ids)
        self._ids.update(zip(runs, range(start, start + len(runs))))
