"""When to say that nothing in the transcripts answers the question closely.

The signal is the closest answering sentence among the first passages: the cosine
between the question (names and background terms taken out) and the sentence of
those passages that comes nearest to it, counting only sentences that could
answer it (`answer_types`):
- a question after a figure ("how many", "by how much", "what share") counts only
  sentences that state one; a figure for another period does not answer "in
  March 2023", so a question naming a period counts only transcripts of it, and
  of those only sentences whose own period, or their paragraph's, is the one
  asked ("In the first quarter, ..." does not answer the second; `stated_periods`);
- a question after a time ("when") counts only sentences that say when, and one
  after a place, a company or a person ("in which city", "who") only sentences
  that name one the question does not;
- a question that names a speaker counts only what that speaker said.
A passage that answers holds one such sentence; a passage that is only about the
same topic holds sentences near the topic, not near the question.

When the sentence nearest the question is not one that could answer it (a figure
for another quarter, a plan with no figure, another speaker's words), the passages
are on the question's topic and its answer is missing from them: the typical near
miss. The score is then the answering cosine less `near_miss_weight` times the gap
to that nearer sentence. Below `low_evidence` the answer is marked low confidence;
the passages are still shown.

The threshold and the weight are set on the bundled model over the gold questions
of tests/eval, as a logistic fit of answerable against the two cosines, checked
leaving each question set out in turn (another model's cosines sit on another
scale: set `RetrievalSettings.low_evidence` for it). It marks most of the
questions the transcripts cannot answer and some they can. A near miss whose
nearest sentence could answer (Guangdong's growth asked, the nation's given, both
figures for the same quarter) is beyond it: telling them apart takes reading, not
matching.
"""

from __future__ import annotations

from typing import Sequence

from corpus import paragraph_at

from .answer_types import FIGURE, answer_type, can_answer
from .context import SearchContext
from .passages import QueryView, Span, layout
from .query import QuestionHints, without_briefing
from .retrieval import period_fit, speaker_affinity
from .settings import RetrievalSettings
from .stated_periods import asked_stretches, briefing_day, for_another_period

LOOK_AT = 3  # passages whose sentences count


def evidence(spans: Sequence[Span], view: QueryView, ctx: SearchContext | None = None,
             question: str = "", hints: QuestionHints | None = None) -> float:
    """The cosine of the sentence of the first passages that is closest to the question
    among those that could answer it; every sentence counts when `ctx` is not given."""
    spans = spans[:LOOK_AT]
    if ctx is not None and hints is not None and hints.speakers:
        # A window stays inside one turn: the chunk that brought it tells whose words it holds.
        theirs = speaker_affinity(ctx, hints.speakers) > 0
        spans = [s for s in spans if theirs[s.best.row]]
    rows = [r for span in spans for r in span.sentences]
    if ctx is not None and rows:
        rows = answering_rows(ctx, rows, question, hints)
    return float(view.sims[rows].max()) if rows else 0.0


def confidence(spans: Sequence[Span], view: QueryView, settings: RetrievalSettings,
               ctx: SearchContext | None = None, question: str = "", hints: QuestionHints | None = None) -> float:
    """The answering evidence, less the weighted gap to a nearer sentence that cannot answer."""
    answering = evidence(spans, view, ctx, question, hints)
    closest = evidence(spans, view)  # without the index every sentence counts, answering or not
    return answering - settings.near_miss_weight * max(0.0, closest - answering)


def answering_rows(ctx: SearchContext, rows: list[int], question: str, hints: QuestionHints | None) -> list[int]:
    kind = answer_type(question)
    store = ctx.ix.store
    if kind == FIGURE and hints is not None and hints.periods:
        fits = period_fit(store, hints.periods, ctx.lag) > 0
        rows = [r for r in rows if fits[store.sentence_doc[r]]]
    if kind == FIGURE:
        asked = asked_stretches(without_briefing(question), hints.periods if hints is not None else ())
        if asked:
            rows = [r for r in rows
                    if not for_another_period(asked, store.sentence_text(r), _day(store, r, ctx.lag), _lead(store, r))]
    return [r for r in rows if can_answer(kind, store.sentence_text(r), question, ctx.vocabulary)]


def is_low_confidence(spans: Sequence[Span], view: QueryView, settings: RetrievalSettings,
                      ctx: SearchContext | None = None, question: str = "",
                      hints: QuestionHints | None = None) -> bool:
    return confidence(spans, view, settings, ctx, question, hints) < settings.low_evidence


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

