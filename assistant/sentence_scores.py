"""The per-sentence signal of one question, without scoring every stored sentence.

Retrieval needs, per chunk, the cosine of its sentence closest to the question, but only
for two purposes: to rank the chunks by it (the `depth` best), and to add it to the fused
score of each candidate. Both are answered exactly without a full scan:
- the best chunks: the sentence index (flat, IVF or HNSW, `index.vectors`) gives the top
  sentences; a chunk holding one of them has its exact maximum; the search widens until
  these chunks number at least `depth` among the permitted ones, so the ranked list is the
  one a full scan gives. Every other chunk is "not among the top": a value just under the
  lowest sentence found, so it ranks below them and above chunks of nothing but filler (-1).
- a candidate's own value: the exact cosines of its few sentences (`chunk_best`).
A filter that keeps few sentences is scored exactly over just those (`EXACT_SENTENCES`).

Filler (thanks, stage notes, datelines) scores -1 unless the question asks for it, as
`SearchContext.sentence_sims` describes; any sentence's score is exact on request
(`scores[rows]`), which is what choosing and widening a window reads.
"""

from __future__ import annotations

import hashlib
import weakref

import numpy as np

from index import vectors as ivectors

# Permitted sentences up to this many are scored exactly, all of them; more go through the sentence
# index. Scoring 20,000 of 26,900 this way took 12 ms a question, the index 1 ms; at 5,380 sentences
# the index was still a little faster, at 1,076 the two were alike.
EXACT_SENTENCES = 2_000
# Up to this many stored sentences a float32 copy of their vectors is kept (92 MB at most): converting
# many rows from float16 as they are read costs twenty times the product.
COPIED_SENTENCES = 60_000
FIRST_SEARCH = 4  # sentences searched first, per chunk wanted
OUT_OF_REACH = -1.0
MEMO_SENTENCES = 2_000_000  # up to this many sentences, scores once read are kept for the question
KEPT_MASKS = 8  # candidate sentences kept for this many filters (see `_candidates`)

_derived: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


class SentenceScores:
    """Cosines of stored sentences to one question; indexable like an array of all of them."""

    def __init__(self, ctx, qvec: np.ndarray, asked: np.ndarray):
        self.ctx = ctx
        self.qvec = np.ascontiguousarray(qvec, dtype=np.float32)
        self.asked = np.unique(np.asarray(asked, dtype=np.int64))  # filler rows the question asks for
        self.shape = (len(ctx.ix.store.sentence_doc),)
        self._known: np.ndarray | None = None  # scores read so far (NaN: not yet)

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, rows) -> np.ndarray:
        """Exact scores of these sentence rows (filler out of reach unless asked)."""
        single = np.isscalar(rows)
        rows = np.atleast_1d(np.asarray(rows, dtype=np.int64))
        if not len(rows):
            return np.zeros(0, dtype=np.float32)
        if self._known is None:
            if len(self) > MEMO_SENTENCES:
                return self._score(rows)[0] if single else self._score(rows)
            self._known = np.full(len(self), np.nan, dtype=np.float32)
        # Choosing and widening windows reads the same few sentences many times over.
        sims = self._known[rows]
        missing = np.isnan(sims)
        if missing.any():
            fresh = np.unique(rows[missing])
            self._known[fresh] = self._score(fresh)
            sims = self._known[rows]
        return sims[0] if single else sims

    def _score(self, rows: np.ndarray) -> np.ndarray:
        exact = self.ctx.exact_vectors
        if exact is not None:
            sims = exact[rows] @ self.qvec
        else:  # only these rows of the memory-mapped float16 matrix are read and converted
            sims = np.asarray(self.ctx.ix.sentence_vectors[rows], dtype=np.float32) @ self.qvec
        away = self.ctx.filler[rows]
        if len(self.asked) and away.any():
            away &= ~np.isin(rows, self.asked)
        sims[away] = OUT_OF_REACH
        return sims

    def answerable(self) -> np.ndarray:
        """Per chunk, whether it holds a sentence in reach of the question (not only filler)."""
        derived = _of(self.ctx)
        if not len(self.asked):
            if "answerable" not in derived:
                derived["answerable"] = _per_chunk_any(self.ctx, ~self.ctx.filler)
            return derived["answerable"]
        reach = ~self.ctx.filler
        reach[self.asked] = True
        return _per_chunk_any(self.ctx, reach)

    def chunk_best(self, rows: np.ndarray) -> np.ndarray:
        """The exact best score among the sentences of each of these chunk rows (-1: none in reach)."""
        rows = np.asarray(rows, dtype=np.int64)
        out = np.full(len(rows), OUT_OF_REACH, dtype=np.float32)
        ctx = self.ctx
        held, starts, stops = ctx.sentence_runs(rows)
        if not len(starts):
            return out
        lengths = stops - starts
        pairs = np.repeat(starts - np.r_[0, np.cumsum(lengths)[:-1]], lengths) + np.arange(lengths.sum())
        sims = self[ctx.pair_sentence[pairs]]
        out[held] = np.maximum.reduceat(sims, np.r_[0, np.cumsum(lengths)[:-1]])
        return out

    def chunk_max(self, permitted: np.ndarray | None, depth: int) -> np.ndarray:
        """Per chunk, its best sentence's score: exact for every chunk holding one of the top
        sentences, enough of them to rank the `depth` best permitted chunks as a full scan
        does; just under the lowest top sentence for the other chunks in reach; -1 for the rest."""
        ctx = self.ctx
        n_chunks = len(ctx.ix.store)
        answerable = self.answerable()
        wanted = answerable if permitted is None else answerable & permitted
        need = int(min(depth, wanted.sum()))
        out = np.full(n_chunks, OUT_OF_REACH, dtype=np.float32)
        if need == 0:
            return out
        pair_chunk = _pair_chunk(ctx)
        candidate, rows = self._candidates(wanted, pair_chunk)
        index = getattr(ctx.ix, "sentence_index", None)
        if index is None or len(rows) <= EXACT_SENTENCES:
            return self._spread(rows, self[rows], pair_chunk, wanted, out, floor=None)
        k = FIRST_SEARCH * need + 64
        selective = len(rows) < len(self) // 2
        while True:
            found = ivectors.search(index, self.qvec[None, :], k, rows if selective else None)[1][0]
            found = found[found >= 0]
            found = found[candidate[found]]
            exhausted = k >= len(rows)
            sims = self[found]
            covered = self._spread(found, sims, pair_chunk, wanted, out.copy(), floor=None)
            if exhausted or int((covered[wanted] > OUT_OF_REACH).sum()) >= need:
                break
            k *= 4
        if exhausted or not len(found):
            return covered
        below = covered[wanted & (covered > OUT_OF_REACH)].min()
        return self._spread(found, sims, pair_chunk, wanted, out, floor=float(min(below, sims.min())))

    def _candidates(self, wanted: np.ndarray, pair_chunk: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The sentences that may rank the `wanted` chunks (a mask over sentences, and its rows). Most
        questions want the same chunks (no filter, no filler asked for): those are found once."""
        key = None
        if not len(self.asked):
            key = hashlib.blake2b(np.packbits(wanted).tobytes(), digest_size=16).digest()
            kept = _of(self.ctx).setdefault("candidates", {})
            if key in kept:
                return kept[key]
        ctx = self.ctx
        candidate = np.zeros(len(self), dtype=bool)
        candidate[ctx.pair_sentence[wanted[pair_chunk]]] = True
        candidate[ctx.filler] = False
        if len(self.asked):
            candidate[self.asked] = np.isin(self.asked, ctx.pair_sentence[wanted[pair_chunk]])
        candidate.setflags(write=False)
        found = (candidate, np.flatnonzero(candidate))
        if key is not None:
            if len(kept) >= KEPT_MASKS:
                kept.pop(next(iter(kept)))
            kept[key] = found
        return found

    def _spread(self, rows, sims, pair_chunk, wanted, out, floor):
        """Chunk maxima from the scores of these sentences (the chunks holding none of them stay -1);
        chunks in reach holding none of them get `floor` lowered a hair (None: -1)."""
        pairs = _pairs_of(self.ctx, np.asarray(rows, dtype=np.int64))
        if len(pairs[0]):
            np.maximum.at(out, pair_chunk[pairs[0]], np.asarray(sims, dtype=np.float32)[pairs[1]])
        if floor is not None:
            below = np.float32(max(np.nextafter(np.float32(floor), np.float32(-2)), OUT_OF_REACH + 1e-6))
            out[wanted & (out <= OUT_OF_REACH)] = below
        return out


def _of(ctx) -> dict:
    derived = _derived.get(ctx)
    if derived is None:
        derived = _derived[ctx] = {}
    return derived


def _pair_chunk(ctx) -> np.ndarray:
    """The chunk of every (chunk, sentence) pair; computed once per context."""
    derived = _of(ctx)
    if "pair_chunk" not in derived:
        lengths = np.diff(np.r_[ctx.pair_offsets, len(ctx.pair_sentence)])
        derived["pair_chunk"] = np.repeat(ctx.pair_chunks, lengths) if len(lengths) else np.zeros(0, dtype=np.int64)
    return derived["pair_chunk"]


def _pairs_of(ctx, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(pair, index into `rows`) of every (chunk, sentence) pair holding one of these sentence rows: the
    pairs sorted by sentence once per context, then each row's run of them found by bisection."""
    derived = _of(ctx)
    if "by_sentence" not in derived:
        order = np.argsort(ctx.pair_sentence, kind="stable")
        derived["by_sentence"] = (order, np.asarray(ctx.pair_sentence)[order])
    order, sentence = derived["by_sentence"]
    lo, hi = np.searchsorted(sentence, rows, "left"), np.searchsorted(sentence, rows, "right")
    counts = hi - lo
    which = np.repeat(np.arange(len(rows)), counts)
    at = np.repeat(lo - np.r_[0, np.cumsum(counts)[:-1]], counts) + np.arange(int(counts.sum()))
    return order[at], which


def _per_chunk_any(ctx, flags: np.ndarray) -> np.ndarray:
    out = np.zeros(len(ctx.ix.store), dtype=bool)
    if len(ctx.pair_sentence):
        out[ctx.pair_chunks] = np.logical_or.reduceat(flags[ctx.pair_sentence], ctx.pair_offsets)
    return out
