"""Hybrid, transcript-aware retrieval over an open index.

Three ranked lists are fused with weighted reciprocal rank fusion:
- dense: FAISS cosine between the question and each chunk;
- lexical: SQLite FTS5 BM25 over each chunk's words and the question it answers,
  so numbers, names and acronyms ("2.61 million", "ECMO", "PMI") are found;
- via the question: answers whose reporter question is close to the asked one.
Filters are applied inside each list, before any cut to the top.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index import OpenIndex, fts_query
from index import vectors as ivectors


@dataclass(frozen=True)
class RetrievalSettings:
    fusion: str = "weighted"  # "weighted" scores, or "rrf" (reciprocal rank fusion)
    depth: int = 100  # candidates taken from each list
    dense_weight: float = 0.6
    lexical_weight: float = 0.25
    question_weight: float = 0.15
    question_floor: float = 0.5  # a reporter question counts only when this close to the asked one
    question_groups: int = 8  # best-matching reporter questions whose answers are considered
    lexical_columns: tuple[float, float] = (1.0, 0.5)  # BM25 weight of chunk words, question words
    rrf_k: int = 60

    def __post_init__(self):
        if self.fusion not in ("weighted", "rrf"):
            raise ValueError(f"fusion must be 'weighted' or 'rrf', not {self.fusion!r}")


@dataclass(frozen=True)
class Candidate:
    row: int
    fused: float
    cosine: float


class SearchContext:
    """What retrieval derives once from an open index."""

    def __init__(self, ix: OpenIndex):
        self.ix = ix
        store = ix.store
        n = len(store)
        self.is_reporter = np.array([r == "reporter" for r in store.chunk_role], dtype=bool)
        # Group the chunks of each reporter turn; map every answer chunk to its question's group.
        group_of: dict[tuple[int, int], int] = {}
        reporter_rows = np.flatnonzero(self.is_reporter)
        reporter_group = np.empty(len(reporter_rows), dtype=np.int64)
        for i, row in enumerate(reporter_rows):
            key = (int(store.chunk_doc[row]), int(store.chunk_turn[row]))
            reporter_group[i] = group_of.setdefault(key, len(group_of))
        self.reporter_rows = reporter_rows
        self.reporter_group = reporter_group
        self.reporter_vectors = (ix.chunk_index.reconstruct_batch(reporter_rows) if len(reporter_rows)
                                 else np.zeros((0, ix.chunk_index.d), dtype=np.float32))
        answers: list[list[int]] = [[] for _ in group_of]
        for row in range(n):
            doc, turn = int(store.chunk_doc[row]), int(store.chunk_turn[row])
            q = store.turns[doc][turn].question_turn
            if q is not None and (doc, q) in group_of:
                answers[group_of[(doc, q)]].append(row)
        self.answers = [np.array(a, dtype=np.int64) for a in answers]

    def cosines(self, qvec: np.ndarray, rows: np.ndarray) -> np.ndarray:
        if not len(rows):
            return np.zeros(0, dtype=np.float32)
        return self.ix.chunk_index.reconstruct_batch(np.asarray(rows, dtype=np.int64)) @ qvec


def retrieve(ctx: SearchContext, qvec: np.ndarray, question: str, allowed: np.ndarray | None,
             settings: RetrievalSettings, include_reporters: bool = False) -> list[Candidate]:
    """Candidates best first. `allowed` is a boolean mask over chunk rows, or None for all."""
    n = len(ctx.ix.store)
    if n == 0:
        return []
    permitted = np.ones(n, dtype=bool) if allowed is None else allowed.copy()
    if not include_reporters:
        permitted &= ~ctx.is_reporter
    if not permitted.any():
        return []
    dense_rows, dense_scores = _dense(ctx, qvec, permitted, settings.depth)
    lexical_rows, lexical_scores = _lexical(ctx, question, permitted, settings)
    question_rows, question_scores = _via_question(ctx, qvec, permitted, settings)
    lists = ((dense_rows, dense_scores, settings.dense_weight),
             (lexical_rows, lexical_scores, settings.lexical_weight),
             (question_rows, question_scores, settings.question_weight))

    fused: dict[int, float] = {}
    if settings.fusion == "rrf":
        for rows, _, weight in lists:
            for rank, row in enumerate(rows):
                fused[int(row)] = fused.get(int(row), 0.0) + weight / (settings.rrf_k + rank + 1)
    cosine = dict(zip(map(int, dense_rows), map(float, dense_scores)))
    candidates = set(cosine) | set(map(int, lexical_rows)) | set(map(int, question_rows))
    missing = np.array(sorted(c for c in candidates if c not in cosine), dtype=np.int64)
    cosine.update(zip(map(int, missing), map(float, ctx.cosines(qvec, missing))))
    if settings.fusion == "weighted":
        # Scores, not ranks: a chunk far closer than the rest should stay far ahead.
        top_lexical = float(lexical_scores[0]) if len(lexical_scores) else 1.0
        lexical = {int(r): float(s) / top_lexical for r, s in zip(lexical_rows, lexical_scores)}
        via = dict(zip(map(int, question_rows), map(float, question_scores)))
        for row in candidates:
            fused[row] = (settings.dense_weight * max(0.0, cosine[row])
                          + settings.lexical_weight * lexical.get(row, 0.0)
                          + settings.question_weight * via.get(row, 0.0))
    ordered = sorted(fused, key=lambda r: (-fused[r], -cosine[r]))
    return [Candidate(r, fused[r], cosine[r]) for r in ordered]


def max_fused(settings: RetrievalSettings) -> float:
    """The fused score of a chunk that every signal puts first."""
    total = settings.dense_weight + settings.lexical_weight + settings.question_weight
    return total / (settings.rrf_k + 1) if settings.fusion == "rrf" else total


def _dense(ctx, qvec, permitted, depth):
    allowed = None if permitted.all() else np.flatnonzero(permitted)
    scores, rows = ivectors.search(ctx.ix.chunk_index, qvec[None, :], depth, allowed)
    keep = rows[0] >= 0
    return rows[0][keep], scores[0][keep]


def _lexical(ctx, question, permitted, settings):
    rows, scores = ctx.ix.store.lexical(fts_query(question), settings.lexical_columns)
    if not len(rows):
        return rows, scores
    keep = permitted[rows]
    return rows[keep][: settings.depth], scores[keep][: settings.depth]


def _via_question(ctx, qvec, permitted, settings):
    """Answers to the reporter questions closest to the asked one, with that closeness."""
    empty = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    if not len(ctx.reporter_rows) or settings.question_weight <= 0:
        return empty
    sims = ctx.reporter_vectors @ qvec
    best: dict[int, float] = {}
    for group, sim in zip(ctx.reporter_group, sims):
        if sim > best.get(int(group), -2.0):
            best[int(group)] = float(sim)
    rows_out, scores_out = [], []
    for group in sorted(best, key=best.get, reverse=True)[: settings.question_groups]:
        if best[group] < settings.question_floor:
            break
        rows = ctx.answers[group]
        rows = rows[permitted[rows]] if len(rows) else rows
        if not len(rows):
            continue
        # Within one answer, the chunk closest to the question comes first.
        rows_out.extend(rows[np.argsort(-ctx.cosines(qvec, rows), kind="stable")])
        scores_out.extend([best[group]] * len(rows))
    if not rows_out:
        return empty
    return np.array(rows_out[: settings.depth], dtype=np.int64), np.array(scores_out[: settings.depth], dtype=np.float32)
