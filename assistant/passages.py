"""From ranked chunks to passages: the span to quote, its highlight, its citation.

Two ways to cut the quote (`RetrievalSettings.quote`):
- "window": the sentences of the chunk that best answer the question, widened by
  whole sentences of the same turn (across chunk boundaries) while the quote stays
  within `window_words`. Short enough to read; never cut at a chunk boundary.
- "chunk": the retrieved chunk, widened by every later candidate overlapping it.
Either way the quote is a verbatim span of the transcript.
"""

from __future__ import annotations

import re

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from corpus import paragraph_at, paragraphs

from .context import SearchContext, opens_item_at, sentence_rows
from .records import Citation, Passage
from .retrieval import Candidate
from .sentence_scores import OUT_OF_REACH
from .settings import RetrievalSettings
from .terms import content_terms, overlap


@dataclass
class Span:
    """A stretch of one transcript chosen to be shown, and why."""

    doc: int
    start: int
    end: int
    best: Candidate  # the candidate that brought it
    sentences: tuple[int, ...] = ()  # stored sentence rows inside the span
    highlight: tuple[int, int] | None = None  # character offsets in the document


@dataclass(frozen=True)
class QueryView:
    """What choosing sentences needs of the question, computed once per question."""

    qvec: np.ndarray
    terms: frozenset[str]
    sims: np.ndarray  # cosine of every stored sentence to the question
    item: int = 0  # the item of a list the question asks for ("the fourth measure": 4), 0 for none

    @classmethod
    def of(cls, ctx: SearchContext, qvec: np.ndarray, question: str, item: int = 0) -> "QueryView":
        return cls(qvec=qvec, terms=content_terms(question), sims=ctx.sentence_sims(qvec, question), item=item)


def sentence_scores(ctx: SearchContext, view: QueryView, rows: list[int], lexical: float,
                    item_boost: float = 0.0) -> np.ndarray:
    """How well each sentence answers: its meaning's closeness plus a share of the question's words, and
    `item_boost` more for a sentence opening the list item the question asks for."""
    sims = view.sims[rows] if rows else np.zeros(0, dtype=np.float32)
    if lexical > 0 and view.terms:
        sims = sims + lexical * np.array([overlap(view.terms, ctx.sentence_terms(r)) for r in rows], dtype=np.float32)
    if view.item and item_boost > 0 and rows:
        opening = np.array([opens_item_at(ctx.ix.store, r, view.item) for r in rows], dtype=bool)
        # Added, not multiplied: within its turn the item's opening is the sentence to show, however its
        # words compare with its neighbours'.
        sims = (sims + item_boost * opening).astype(np.float32)
    return sims


# -- "window" ------------------------------------------------------------------------


def windows(ctx: SearchContext, candidates: Sequence[Candidate], view: QueryView, k: int,
            settings: RetrievalSettings, same=None) -> list[Span]:
    """The first k distinct windows. `same(span, spans)` may claim a span as a repeat of one
    already chosen (another document saying the same); claimed spans are not counted."""
    store = ctx.ix.store
    spans: list[Span] = []
    for cand in candidates:
        if len(spans) >= k:
            break
        row = cand.row
        doc = int(store.chunk_doc[row])
        turn = store.turns[doc][int(store.chunk_turn[row])]
        inside = sentence_rows(store, doc, int(store.chunk_start[row]), int(store.chunk_end[row]))
        if not inside:
            continue
        shown = [s for s in spans if s.doc == doc]
        # A chunk overlapping a window already shown brings the best of its other sentences:
        # the one before a shown window often holds the answer it only goes on about.
        if shown:
            starts = store.sentence_start[np.asarray(inside, dtype=np.int64)]
            bounds = np.array([(s.start, s.end) for s in shown], dtype=np.int64)
            covered = ((bounds[:, :1] <= starts) & (starts < bounds[:, 1:])).any(axis=0)
            inside = [r for r, c in zip(inside, covered) if not c]
        if not inside:
            continue  # all of it is already on screen
        if np.all(view.sims[inside] <= OUT_OF_REACH):
            continue  # what is left of it is thanks or a hand-over the question does not ask for
        # Every sentence's score is its own, whatever else it is scored with: the turn's are
        # scored once and read for the chunk's sentences, the window grown and its highlight.
        turn_rows = _reach(ctx, doc, sentence_rows(store, doc, turn.start, turn.end), inside, settings.window_words)
        at = {r: i for i, r in enumerate(turn_rows)}
        turn_scores = None
        if all(r in at for r in inside):
            turn_scores = sentence_scores(ctx, view, turn_rows, settings.highlight_lexical, settings.item_boost)
            scores = turn_scores[[at[r] for r in inside]]
        else:
            scores = sentence_scores(ctx, view, inside, settings.highlight_lexical, settings.item_boost)
        best = inside[int(np.argmax(scores))]
        if best not in at:  # a turn whose sentences the index does not hold whole
            turn_rows, turn_scores, at = inside, scores, {r: i for i, r in enumerate(inside)}
        elif turn_scores is None:
            turn_scores = sentence_scores(ctx, view, turn_rows, settings.highlight_lexical, settings.item_boost)
        lo, hi = _grow(ctx, turn_rows, turn_scores, at[best], settings, shown, set(inside))
        chosen = turn_rows[lo:hi + 1]
        span = Span(doc, int(store.sentence_start[chosen[0]]), int(store.sentence_end[chosen[-1]]), cand,
                    tuple(chosen), _highlight(ctx, chosen, turn_scores[lo:hi + 1], at[best] - lo))
        if same is not None and same(span, spans):
            continue
        spans.append(span)
    return spans


def _reach(ctx, doc: int, turn_rows: list[int], inside: list[int], budget: int) -> list[int]:
    """The turn's sentences a window grown from `inside` may take: those within `budget` words of the
    chunk's first or last sentence (a long answer's other sentences are never scored), and none past
    words that no sentence holds: what was set aside there (an editor's summary, a markup comment,
    page furniture) is never quoted by a window reaching across it. A time, a rule or a paragraph
    break between sentences is no such break."""
    try:
        first, last = turn_rows.index(inside[0]), turn_rows.index(inside[-1])
    except ValueError:
        return turn_rows  # a turn whose sentences the index does not hold whole
    words = ctx.sentence_words
    store = ctx.ix.store

    def parted(a: int, b: int) -> bool:
        begin, end = int(store.sentence_end[a]), int(store.sentence_start[b])
        return end - begin > _NARROW_GAP and len(_GAP_WORDS.findall(store.text(doc), begin, end)) >= _GAP_WORDS_BREAK

    lo, total = first, 0
    while lo > 0 and total + words(turn_rows[lo - 1]) <= budget and not parted(turn_rows[lo - 1], turn_rows[lo]):
        lo -= 1
        total += words(turn_rows[lo])
    hi, total = last, 0
    while (hi + 1 < len(turn_rows) and total + words(turn_rows[hi + 1]) <= budget
           and not parted(turn_rows[hi], turn_rows[hi + 1])):
        hi += 1
        total += words(turn_rows[hi])
    return turn_rows[lo:hi + 1]


_NARROW_GAP = 12  # characters between two sentences that cannot hold two words and what parts them
_GAP_WORDS = re.compile(r"[^\W\d_]{2,}")
_GAP_WORDS_BREAK = 2  # words left out between two sentences that part a window


def _grow(ctx, rows: list[int], scores: np.ndarray, at: int, settings: RetrievalSettings, shown: list[Span],
          found: set[int]) -> tuple[int, int]:
    """Widen [at, at] by whole sentences within the budget: first over the chunk that was
    found (its sentences matched together), then beyond it; the better-answering side first.
    `scores`: how well each of `rows` answers."""
    store = ctx.ix.store
    words = ctx.sentence_words

    def free(r: int) -> bool:
        return not any(s.start < store.sentence_end[r] and store.sentence_start[r] < s.end for s in shown)

    lo = hi = at
    total = words(rows[at])
    while True:
        options = [j for j in (lo - 1, hi + 1) if 0 <= j < len(rows) and free(rows[j])
                   and total + words(rows[j]) <= settings.window_words]
        if not options:
            return lo, hi
        # Ties go forward: an answer usually goes on after its best sentence.
        j = max(options, key=lambda j: (settings.window_chunk_first and rows[j] in found, scores[j], j))
        total += words(rows[j])
        lo, hi = min(lo, j), max(hi, j)


def _highlight(ctx, rows: list[int], scores: np.ndarray, at: int) -> tuple[int, int]:
    """The best sentence, with its neighbour when that answers almost as well (`scores`: of `rows`)."""
    store = ctx.ix.store
    s, e = int(store.sentence_start[rows[at]]), int(store.sentence_end[rows[at]])
    neighbours = [j for j in (at - 1, at + 1) if 0 <= j < len(rows) and scores[j] >= scores[at] - 0.03]
    if neighbours:
        j = max(neighbours, key=lambda j: scores[j])
        s, e = min(s, int(store.sentence_start[rows[j]])), max(e, int(store.sentence_end[rows[j]]))
    return s, e


# -- "chunk" -------------------------------------------------------------------------


def merged_chunks(ctx: SearchContext, candidates: Sequence[Candidate], view: QueryView, k: int,
                  settings: RetrievalSettings, same=None) -> list[Span]:
    """The first k distinct chunk spans; a chunk overlapping an earlier one widens it instead."""
    store = ctx.ix.store
    spans: list[Span] = []
    for cand in candidates:
        doc, s, e = int(store.chunk_doc[cand.row]), int(store.chunk_start[cand.row]), int(store.chunk_end[cand.row])
        home = next((g for g in spans if g.doc == doc and s < g.end and e > g.start), None)
        if home is not None:
            home.start, home.end = min(home.start, s), max(home.end, e)
        elif len(spans) < k:
            span = Span(doc, s, e, cand)
            if same is None or not same(span, spans):
                spans.append(span)
        else:
            break
    for span in spans:
        rows = sentence_rows(store, span.doc, span.start, span.end)
        span.sentences = tuple(rows)
        if rows:
            scores = sentence_scores(ctx, view, rows, settings.highlight_lexical, settings.item_boost)
            span.highlight = _highlight(ctx, rows, scores, int(np.argmax(scores)))
    return spans


# -- passages ------------------------------------------------------------------------


def make_passage(ctx: SearchContext, span: Span, score: float, also_in: tuple[Citation, ...] = ()) -> Passage:
    store = ctx.ix.store
    text = store.text(span.doc)
    chunk = store.chunks([span.best.row])[0]
    hs, he = span.highlight or (span.start, span.end)
    return Passage(
        quote=text[span.start:span.end],
        highlight=(hs - span.start, he - span.start),
        citation=cite(ctx, span.doc, span.start, span.end, span.best.row),
        score=round(score, 4),
        question=chunk.question,
        role=chunk.role,
        also_in=also_in,
    )


def cite(ctx: SearchContext, doc: int, start: int, end: int, row: int) -> Citation:
    """The citation of text[start:end] of `doc`, spoken in the turn of chunk `row`: its speaker, and the
    asker the chair called by name when the label names no one."""
    store = ctx.ix.store
    info = store.documents[doc]
    para = paragraph_at(layout(store.text(doc)), start)
    place = store.places(doc).place(start, end)
    return Citation(
        file=info.doc_id, title=info.title, date=info.date, speaker=store.chunk_speaker[row],
        paragraph=para.number if para else 1, line_start=place.line_start, line_end=place.line_end,
        start=start, end=end, time=place.time, page=place.page, asker=ctx.asker_of.get(row),
    )


@lru_cache(maxsize=256)
def layout(text: str):
    """A transcript's paragraphs (hard-wrapped lines joined), computed once per text."""
    return paragraphs(text)
