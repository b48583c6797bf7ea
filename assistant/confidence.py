"""When to say that nothing in the transcripts answers the question closely.

The signal is the closest answering sentence among the first passages: the cosine
between the question (names and background terms taken out) and the sentence of
those passages that comes nearest to it, counting only sentences that could
answer it (`answer_types`):
- a question after a figure ("how many", "by how much", "what share") counts only
  sentences that state one, beside the words for what it counts or measures when
  the question names that ("how many wells", "what tariff rate"); a figure for
  another period does not answer "in March 2023", so a question naming a period
  counts only transcripts of it, and of those only sentences whose own period, or
  their paragraph's, is the one asked ("In the first quarter, ..." does not answer
  the second; `stated_periods`);
- a question after a time ("when") counts only sentences that say when, beside one
  of the question's words (a date elsewhere in the sentence dates something else),
  and one after a place, a company or a person ("in which city", "who") only
  sentences that name one the question does not;
- a question that names a speaker counts only what that speaker said.
A passage that answers holds one such sentence; a passage that is only about the
same topic holds sentences near the topic, not near the question.

How close is close differs by corpus and by question: sentences of one narrow
field (a ministry's briefings) sit nearer to each other, and to any question on it,
than those of a mix of sources, and a question made of common words comes near
many sentences. So the answering cosine is weighed as its lift: how far it rises
above the question's cosine to the corpus at large, the `CORPUS_QUANTILE` quantile of
its cosines to a fixed sample of the corpus's sentences drawn at build time
(`index.structure.reference_sample`). Fitted on one corpus, the lift carries to
another better than the raw cosine (see `tests/calibrate.py`, README).

When the sentence nearest the question is not one that could answer it (a figure
for another quarter, a plan with no figure, another speaker's words), the passages
are on the question's topic and its answer is missing from them: the typical near
miss. How far these signals (`signals`), the question's words found in the passages
and the first passage's retrieval score say that the passages answer is weighed by a
calibration fitted for the
index's model (`calibration`); under its threshold the answer is marked low
confidence, and the passages are still shown. A near miss whose nearest sentence
could answer (one region's growth asked, the nation's given, both for the same
quarter) is beyond it: telling them apart takes reading, not matching.
"""

from __future__ import annotations

from datetime import date
from typing import Sequence

import numpy as np

from corpus import paragraph_at

from .answer_types import FIGURE, answer_type, can_answer
from .calibration import FEATURES
from .context import SearchContext
from .passages import QueryView, Span, layout
from .query import QuestionHints, without_briefing
from .retrieval import period_fit, speaker_affinity
from .stated_periods import asked_stretches, briefing_day, for_another_period, for_the_period

LOOK_AT = 3  # passages whose sentences count
# The question's cosine to the corpus at large: this quantile of its cosines to the reference
# sample, about its 20th nearest of 1000; the quantiles 0.9 to 0.995 carried alike when measured.
CORPUS_QUANTILE = 0.98


def evidence(spans: Sequence[Span], view: QueryView, ctx: SearchContext | None = None,
             question: str = "", hints: QuestionHints | None = None) -> float:
    """The cosine of the sentence of the first passages that is closest to the question
    among those that could answer it; every sentence counts when `ctx` is not given."""
    return _closest(per_passage(spans, view, ctx, question, hints))


def _closest(each: list[float | None]) -> float:
    return max((e for e in each if e is not None), default=0.0)


def per_passage(spans: Sequence[Span], view: QueryView, ctx: SearchContext | None = None,
                question: str = "", hints: QuestionHints | None = None) -> list[float | None]:
    """`evidence` of each of the first passages alone (None for one with no sentence that could
    answer); the sentences are judged once for all of them."""
    spans = spans[:LOOK_AT]
    if ctx is not None and hints is not None and hints.speakers:
        # A window stays inside one turn: the chunk that brought it tells whose words it holds.
        theirs = speaker_affinity(ctx, hints.speakers) > 0
        counted = [bool(theirs[s.best.row]) for s in spans]
    else:
        counted = [True] * len(spans)
    rows = [r for span, ok in zip(spans, counted) if ok for r in span.sentences]
    if ctx is not None and rows:
        rows = answering_rows(ctx, rows, question, hints)
    if not rows:
        return [None] * len(spans)
    sims = dict(zip(rows, view.sims[rows].tolist()))
    return [max((sims[r] for r in span.sentences if r in sims), default=None) if ok else None
            for span, ok in zip(spans, counted)]


def signals(spans: Sequence[Span], view: QueryView, ctx: SearchContext, question: str,
            hints: QuestionHints | None, most: float = 1.0) -> dict[str, float]:
    """What the first passages show of whether they answer: the features `calibration` weighs.
    `most`: the fused score of a chunk every retrieval signal puts first (`retrieval.max_fused`).

    - answering: the cosine of the closest sentence that could answer (see `evidence`);
    - lift: how far that rises above the question's cosine to the corpus at large (`corpus_cosine`);
    - lift_first: the same for the first passage alone, the one a reader takes as the answer: an
      answering sentence in the third passage says less than one in the first;
    - near_miss: how much closer still the closest sentence of all comes, answering or
      not: the passages are on the topic and the answer is missing from them;
    - coverage: the share of the question's words found in the passages, each weighed by
      how rare it is in the corpus;
    - unseen: the share, weighed alike, of the question's words the corpus never uses;
    - score: the first passage's fused retrieval score, as a share of `most`: how far meaning,
      words and the reporters' questions agree on it.
    """
    if not spans:
        return dict.fromkeys(("answering", *FEATURES), 0.0)
    each = per_passage(spans, view, ctx, question, hints)
    answering = _closest(each)
    found = set().union(*(ctx.sentence_terms(r) for s in spans[:LOOK_AT] for r in s.sentences))
    asked = view.terms
    vocabulary = ctx.vocabulary
    at_large = corpus_cosine(ctx, view.qvec)
    return {
        "answering": answering,
        "lift": answering - at_large,
        "lift_first": (each[0] or 0.0) - at_large,
        "near_miss": max(0.0, evidence(spans, view) - answering),
        "coverage": _weighted(asked & found, asked, vocabulary),
        "unseen": _weighted({t for t in asked if not vocabulary.document_frequency(t)}, asked, vocabulary),
        "score": min(1.0, spans[0].best.fused / most) if most > 0 else 0.0,
    }


def outside_the_corpus(found: dict[str, float]) -> bool:
    """The corpus never uses any of the question's words ("What is the recipe for banana bread?"):
    flagged whatever the calibration gives, since none of the questions it was fitted on was so far
    off (the most, 79% of their weight unseen) and its line says little that far out."""
    return found.get("unseen", 0.0) >= 1.0


def corpus_cosine(ctx: SearchContext, qvec: np.ndarray) -> float:
    """The question's cosine to the corpus at large: the `CORPUS_QUANTILE` quantile of its cosines to
    the corpus's reference sentences (0.0 when it has none)."""
    refs = ctx.reference_vectors
    if not len(refs):
        return 0.0
    return float(np.quantile(refs @ np.asarray(qvec, dtype=np.float32), CORPUS_QUANTILE))


def _weighted(some: set[str], asked: frozenset[str], vocabulary) -> float:
    """The share of the question's words `some` are, each weighed by how rare it is in the corpus."""
    total = sum(vocabulary.rarity(t) for t in asked)
    return sum(vocabulary.rarity(t) for t in some) / total if total > 0 else 0.0


def answering_rows(ctx: SearchContext, rows: list[int], question: str, hints: QuestionHints | None) -> list[int]:
    kind = answer_type(question)
    store = ctx.ix.store
    if kind == FIGURE:
        periods = hints.periods if hints is not None else ()
        asked = asked_stretches(without_briefing(question), periods)
        of_period = period_fit(store, periods, ctx.lag) > 0 if periods else None
        after = _held_after(store, periods, ctx.lag) if periods else None
        rows = [r for r in rows if _for_the_asked_period(store, r, ctx.lag, asked, of_period, after)]
    return [r for r in rows if can_answer(kind, store.sentence_text(r), question, ctx.vocabulary)]


def _for_the_asked_period(store, row: int, lag, asked, of_period, after) -> bool:
    """Whether sentence `row` may give a figure for the period asked: in a transcript of that period
    (`of_period`, per document; None: any) unless it names another; in one held after it (`after`),
    only where it names it, looking back."""
    doc = store.sentence_doc[row]
    if of_period is not None and not of_period[doc]:
        return bool(after[doc] and asked and for_the_period(asked, store.sentence_text(row), _day(store, row, lag),
                                                             _lead(store, row)))
    return not (asked and for_another_period(asked, store.sentence_text(row), _day(store, row, lag),
                                             _lead(store, row)))


def _held_after(store, periods, lag) -> list[bool]:
    """Per document, whether it was held after each of `periods` had ended."""
    last = date.fromisoformat(max(p.end for p in periods))
    days = [briefing_day(d.date, d.period, lag) for d in store.documents]
    return [day is not None and day > last for day in days]


def _day(store, row: int, lag):
    doc = store.documents[int(store.sentence_doc[row])]
    return briefing_day(doc.date, doc.period, lag)


def _lead(store, row: int) -> str:
    """The paragraph's words before the sentence; a hard-wrapped paragraph is one paragraph."""
    text = store.text(int(store.sentence_doc[row]))
    start = int(store.sentence_start[row])
    para = paragraph_at(layout(text), start)
    begin = para.start if para is not None and para.start <= start else text.rfind("\n", 0, start) + 1
    return text[begin:start]

