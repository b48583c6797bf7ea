"""Hybrid, transcript-aware retrieval over an open index.

Ranked lists of chunks are fused, by weighted scores or reciprocal rank fusion:
- dense: FAISS cosine between the question and each chunk;
- sentence: the cosine of the chunk's sentence closest to the question, so one
  answering sentence is not drowned by the rest of its chunk;
- lexical: SQLite FTS5 BM25 over each chunk's words and the question it answers,
  so numbers, names and acronyms ("2.61 million", "ECMO", "PMI") are found; the
  acronyms the transcripts define and other spellings count too;
- via the question: answers whose reporter question is close to the asked one;
- replies: when the question names a speaker, that speaker's turns by how close the turn
  they reply to (the one just before, another speaker's) comes to the question: in a
  hearing, an argument or an interview the question sets the topic and the reply answers
  it in words of its own ("How did the minister answer the senator's question about
  ..."). When the question names the one replied to as well, only replies to them count,
  and the list weighs more (`named_reply_weight`): the question has said where its answer is.
Filters are applied inside each list, before any cut to the top. A speaker or a
period the question names raises the chunks of that speaker or period by a factor
(`speaker_boost`, `period_boost`), and an item of a list it asks for ("the fourth
measure") the chunk whose sentence opens it (`item_boost`); none hides the others. A
chunk of a turn of a few words is lowered (`short_turn_tokens`): an interjection names
the topic in few words, so it sits close to the question, and rarely holds its answer.
Only its own words' match is lowered: a short reply found through the question it
answers ("How many are unaccompanied?" "There are three.") keeps that score whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

import numpy as np

from corpus import Period
from index import fts_query
from index import vectors as ivectors

from .context import SearchContext, opens_item_at
from .query import QuestionHints, period_affinity
from .settings import RetrievalSettings
from .terms import expanded_fts_query

__all__ = ["Candidate", "RetrievalSettings", "SearchContext", "max_fused", "retrieve"]

_NONE = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)


@dataclass(frozen=True)
class Candidate:
    row: int
    fused: float  # orders the candidates
    cosine: float  # of the chunk's vector to the question's
    evidence: float = 0.0  # the fused score before any preference for a named speaker or period


class Ranked(Sequence[Candidate]):
    """Candidates best first, each made when read: a question reads a few of its hundreds."""

    def __init__(self, rows: np.ndarray, fused: np.ndarray, cosine: np.ndarray, evidence: np.ndarray):
        self._columns = (rows, fused, cosine, evidence)

    def __len__(self) -> int:
        return len(self._columns[0])

    def __getitem__(self, at):
        if isinstance(at, slice):
            return [self[i] for i in range(*at.indices(len(self)))]
        rows, fused, cosine, evidence = self._columns
        return Candidate(int(rows[at]), float(fused[at]), float(cosine[at]), float(evidence[at]))

    def __iter__(self):
        return (self[i] for i in range(len(self)))


def retrieve(ctx: SearchContext, qvec: np.ndarray, question: str, allowed: np.ndarray | None,
             settings: RetrievalSettings, include_reporters: bool = False,
             hints: QuestionHints | None = None, sentence_sims: np.ndarray | None = None) -> Sequence[Candidate]:
    """Candidates best first. `allowed` is a boolean mask over chunk rows, or None for all.
    `sentence_sims`, every stored sentence's cosine to the question, is computed here when not given."""
    n = len(ctx.ix.store)
    if n == 0:
        return Ranked(*[np.zeros(0)] * 4)
    permitted = np.ones(n, dtype=bool) if allowed is None else allowed.copy()
    if not include_reporters:
        permitted &= ~ctx.is_reporter
    # A headline is found through the answer it leads into (see SearchContext), not shown itself.
    permitted &= ~ctx.is_headline
    if sentence_sims is None:
        sentence_sims = ctx.sentence_sims(qvec, question)
    # A chunk of nothing but thanks, hand-overs and stage notes (each put out of reach by
    # `sentence_sims`) answers no question.
    permitted &= _answerable(ctx, sentence_sims)
    if not permitted.any():
        return Ranked(*[np.zeros(0)] * 4)
    # A list with no weight is not searched at all: a baseline that switches a signal
    # off must not see its candidates either.
    dense = _dense(ctx, qvec, permitted, settings.depth) if settings.dense_weight > 0 else _NONE
    sentence = _NONE
    if settings.sentence_weight > 0:
        sentence = _top(ctx.sentence_max(sentence_sims, permitted, settings.depth), permitted, settings.depth)
    lexical = _lexical(ctx, question, permitted, settings) if settings.lexical_weight > 0 else _NONE
    via = _via_question(ctx, qvec, permitted, settings) if settings.question_weight > 0 else _NONE
    replies, reply_weight = _NONE, 0.0
    if settings.reply_weight > 0 or settings.named_reply_weight > 0:
        replies, to_named = _replies(ctx, qvec, permitted, hints, settings)
        asks_reply = to_named or hints is not None and hints.replying
        reply_weight = settings.named_reply_weight if asks_reply else settings.reply_weight
        if reply_weight <= 0:
            replies = _NONE
    factor = preference(ctx, hints, settings)
    preferred = _NONE
    if factor is not None and settings.preferred_depth and (settings.dense_weight or settings.sentence_weight):
        # The preferred chunks may all lie below the cut of the dense list; fetch their best too.
        preferred = _dense(ctx, qvec, permitted & (factor > 1.0), settings.preferred_depth)
    lists = ((dense, settings.dense_weight), (sentence, settings.sentence_weight),
             (lexical, settings.lexical_weight), (via, settings.question_weight), (replies, reply_weight))

    rows = np.unique(np.concatenate([r for (r, _), _ in (*lists, (preferred, 0.0))]).astype(np.int64))
    cosine = np.zeros(len(rows), dtype=np.float32)
    from_dense = np.isin(rows, dense[0])
    if from_dense.any():
        order = np.argsort(dense[0], kind="stable")
        cosine[from_dense] = dense[1][order][np.searchsorted(dense[0][order], rows[from_dense])]
    if (~from_dense).any():
        cosine[~from_dense] = ctx.cosines(qvec, rows[~from_dense])

    if settings.fusion == "rrf":
        fused = np.zeros(len(rows), dtype=np.float64)
        for (found, _), weight in lists:
            if weight and len(found):
                fused[np.searchsorted(rows, found)] += weight / (settings.rrf_k + np.arange(len(found)) + 1)
    else:
        # Scores, not ranks: a chunk far closer than the rest should stay far ahead.
        fused = settings.dense_weight * np.maximum(0.0, cosine.astype(np.float64))
        if settings.sentence_weight > 0:
            best = ctx.sentence_max(sentence_sims, rows=rows)
            fused += settings.sentence_weight * np.maximum(0.0, best.astype(np.float64))
        if len(lexical[1]):
            fused += settings.lexical_weight * _spread(rows, lexical, float(lexical[1][0]))
    # What the turn replies to, scored apart: a short reply to a question like the one asked
    # ("How many are unaccompanied?" "There are three.") is an answer, not an interjection.
    asked = np.zeros(len(rows), dtype=np.float64)
    if settings.fusion != "rrf":
        if len(via[1]):
            asked += settings.question_weight * _spread(rows, via, 1.0)
        if len(replies[1]):
            asked += reply_weight * _spread(rows, replies, 1.0)
    evidence = fused + asked
    if settings.short_turn_tokens and settings.short_turn_discount:
        short = np.maximum(0.0, 1.0 - ctx.turn_tokens[rows] / settings.short_turn_tokens)
        fused = fused * (1.0 - settings.short_turn_discount * short)
    fused = fused + asked
    if factor is not None:
        fused = fused * factor[rows].astype(np.float64)
    if hints is not None and hints.item and settings.item_boost > 0:
        # "the fourth measure": the words match every item of the list alike; the number tells them apart.
        opening = _opening_item(ctx, rows, fused, hints.item, settings.item_boost)
        fused = fused * (1.0 + settings.item_boost * opening)
    order = np.lexsort((-cosine, -fused))
    return Ranked(rows[order], fused[order], cosine[order], evidence[order])


def _spread(rows: np.ndarray, found: tuple[np.ndarray, np.ndarray], top: float) -> np.ndarray:
    """A list's scores (divided by `top`) at the candidate rows holding them; 0 elsewhere.
    A row listed twice keeps its last score, as a dict built from the list would."""
    out = np.zeros(len(rows), dtype=np.float64)
    out[np.searchsorted(rows, found[0])] = found[1].astype(np.float64) / top
    return out


def _answerable(ctx: SearchContext, sims) -> np.ndarray:
    if hasattr(sims, "answerable"):
        return sims.answerable()
    return ctx.sentence_max(sims) > -1.0


def max_fused(settings: RetrievalSettings) -> float:
    """The fused score of a chunk that every signal puts first."""
    total = sum(settings.weights)
    return total / (settings.rrf_k + 1) if settings.fusion == "rrf" else total


def preference(ctx: SearchContext, hints: QuestionHints | None, settings: RetrievalSettings) -> np.ndarray | None:
    """Per chunk row, the factor its fused score is multiplied by; None when nothing is preferred."""
    if hints is None or not (hints.any or hints.from_reporters) or (settings.speaker_boost <= 0
                                                                    and settings.period_boost <= 0):
        return None
    store = ctx.ix.store
    factor = np.ones(len(store), dtype=np.float32)
    if hints.speakers and settings.speaker_boost > 0:
        factor += settings.speaker_boost * speaker_affinity(ctx, hints.speakers)
    elif hints.from_reporters and settings.speaker_boost > 0:
        # "what did a reporter ask": a reporter's words are asked for, as a named speaker's are.
        factor += settings.speaker_boost * np.asarray(ctx.is_reporter, dtype=np.float32)
    if hints.periods and settings.period_boost > 0:
        factor += settings.period_boost * period_fit(store, hints.periods, ctx.lag)[store.chunk_doc]
    return None if np.all(factor == 1.0) else factor


ITEM_REACH = 20  # a list item is looked for among the candidates that could reach the first 20


def _opening_item(ctx: SearchContext, rows: np.ndarray, fused: np.ndarray, item: int, boost: float) -> np.ndarray:
    """Per candidate row, 1.0 where a sentence of its chunk opens list item `item` ("Second, ..."), else 0.
    Only a question asking for an item pays for it, and only for the candidates the boost could lift
    among the first `ITEM_REACH` (the others stay 0)."""
    out = np.zeros(len(rows), dtype=np.float64)
    if not len(rows):
        return out
    bar = np.sort(fused)[::-1][min(ITEM_REACH, len(fused)) - 1]
    within = np.flatnonzero(fused * (1.0 + boost) >= bar)
    held, starts, stops = ctx.sentence_runs(rows[within])
    store = ctx.ix.store
    for i, a, b in zip(within[held].tolist(), starts.tolist(), stops.tolist()):
        out[i] = float(any(opens_item_at(store, r, item) for r in ctx.pair_sentence[a:b].tolist()))
    return out


def speaker_affinity(ctx: SearchContext, names: tuple[str, ...]) -> np.ndarray:
    """Per chunk row, how surely its words are those of one of `names` (0: not theirs)."""
    affinity = np.zeros(len(ctx.ix.store), dtype=np.float32)
    for name in names:
        rows, values = ctx.by_speaker.get(name, _NONE)
        if len(rows):
            affinity[rows] = np.maximum(affinity[rows], values)
    return affinity


def period_fit(store, periods: tuple[Period, ...], lag: timedelta = timedelta(0)) -> np.ndarray:
    """Per document, how well it fits the best fitting of `periods` (0: none)."""
    return np.array([max(period_affinity(p, d.period, d.date, lag) for p in periods) for d in store.documents],
                    dtype=np.float32)


def _dense(ctx, qvec, permitted, depth):
    allowed = None if permitted.all() else np.flatnonzero(permitted)
    scores, rows = ivectors.search(ctx.ix.chunk_index, qvec[None, :], depth, allowed)
    keep = rows[0] >= 0
    return rows[0][keep], scores[0][keep]


def _top(scores: np.ndarray, permitted: np.ndarray, depth: int):
    rows = np.flatnonzero(permitted)
    if len(rows) > depth:
        rows = rows[np.argpartition(-scores[rows], depth - 1)[:depth]]
    rows = rows[np.argsort(-scores[rows], kind="stable")]
    return rows.astype(np.int64), scores[rows]


def _lexical(ctx, question, permitted, settings):
    match = expanded_fts_query(question, ctx.acronyms) if settings.expand_terms else fts_query(question)
    if match and settings.lexical_columns[1] <= 0:
        # A zero BM25 weight still lets a question-column match in; keep to the chunk's own words.
        match = f"text : ({match})"
    # The mask goes into the scoring: the best `depth` permitted matches, however few are permitted.
    return ctx.ix.store.lexical(match, settings.lexical_columns, limit=settings.depth, permitted=permitted)


def _replies(ctx, qvec, permitted, hints, settings) -> tuple[tuple[np.ndarray, np.ndarray], bool]:
    """A named speaker's chunks, by how close the turn they answer (the one just before, another
    speaker's) comes to the question: "how did X answer Y's hypothetical about ...". When the question
    names Y too and X does reply to Y somewhere, only X's replies to Y count, and the list says so."""
    if hints is None or not hints.speakers:
        return _NONE, False
    theirs = np.flatnonzero((speaker_affinity(ctx, hints.speakers) > 0) & permitted)
    order, starts, ends = ctx.prompts()
    theirs = theirs[ends[theirs] > starts[theirs]]
    if not len(theirs):
        return _NONE, False
    lengths = ends[theirs] - starts[theirs]
    offsets = np.cumsum(lengths) - lengths  # where each chunk's prompt begins among them all
    every = order[np.repeat(starts[theirs] - offsets, lengths) + np.arange(int(lengths.sum()))]
    # The chunks of one turn reply to the same turn: each prompt's chunks are compared once.
    distinct, back = np.unique(every, return_inverse=True)
    closeness = ctx.cosines(qvec, distinct)
    to_named = False
    if hints.others:
        by_others = speaker_affinity(ctx, hints.others)[distinct] > 0
        to_named = bool(by_others.any())
        if to_named:
            closeness = np.where(by_others, closeness, -1.0).astype(np.float32)
    best = np.maximum.reduceat(closeness[back], offsets)
    return _top_of(theirs, best, settings.depth), to_named


def _top_of(rows: np.ndarray, scores: np.ndarray, depth: int):
    keep = np.argsort(-scores, kind="stable")[:depth]
    return rows[keep].astype(np.int64), np.maximum(0.0, scores[keep]).astype(np.float32)


def _via_question(ctx, qvec, permitted, settings):
    """Answers to the reporter questions closest to the asked one, with that closeness."""
    if not len(ctx.reporter_rows):
        return _NONE
    ranked, best = ctx.closest_groups(qvec, settings.question_groups)
    rows_out, scores_out = [], []
    for at, closeness in zip(ranked, best):
        if closeness < settings.question_floor:
            break
        group = int(ctx.group_ids[at])
        rows = ctx.answers[group]
        rows = rows[permitted[rows]] if len(rows) else rows
        if not len(rows):
            continue
        # Within one answer, the chunk closest to the question comes first.
        rows_out.append(rows[np.argsort(-ctx.cosines(qvec, rows), kind="stable")])
        scores_out.append(np.full(len(rows), float(closeness), dtype=np.float32))
    if not rows_out:
        return _NONE
    return np.concatenate(rows_out)[: settings.depth].astype(np.int64), np.concatenate(scores_out)[: settings.depth]
