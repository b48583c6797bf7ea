"""From ranked chunks to passages: merge overlaps, pick the highlight, cite the source."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from corpus import LineIndex, paragraph_at, paragraphs
from index.store import STOPWORDS

from .records import Citation, Passage
from .retrieval import Candidate, SearchContext

_WORD = re.compile(r"\w+(?:[.,]\d+)*")


@dataclass
class _Group:
    doc: int
    start: int
    end: int
    best: Candidate


def merge_overlapping(ctx: SearchContext, candidates: list[Candidate], k: int) -> list[_Group]:
    """The first k distinct spans; a chunk overlapping an earlier one widens it instead."""
    store = ctx.ix.store
    groups: list[_Group] = []
    for cand in candidates:
        doc, s, e = int(store.chunk_doc[cand.row]), int(store.chunk_start[cand.row]), int(store.chunk_end[cand.row])
        home = next((g for g in groups if g.doc == doc and s < g.end and e > g.start), None)
        if home is not None:
            home.start, home.end = min(home.start, s), max(home.end, e)
        elif len(groups) < k:
            groups.append(_Group(doc, s, e, cand))
        else:
            break
    return groups


def make_passage(ctx: SearchContext, group: _Group, qvec: np.ndarray, question: str, score: float) -> Passage:
    store = ctx.ix.store
    text = store.text(group.doc)
    quote = text[group.start:group.end]
    chunk = store.chunks([group.best.row])[0]
    hs, he = best_sentences(ctx, group.doc, group.start, group.end, qvec, question)
    return Passage(
        quote=quote,
        highlight=(hs - group.start, he - group.start),
        citation=cite(ctx, group.doc, group.start, group.end, chunk.speaker),
        score=round(score, 4),
        question=chunk.question,
        role=chunk.role,
    )


def cite(ctx: SearchContext, doc: int, start: int, end: int, speaker: str | None) -> Citation:
    store = ctx.ix.store
    info = store.documents[doc]
    text = store.text(doc)
    paras, lines = _layout(text)
    para = paragraph_at(paras, start)
    return Citation(
        file=info.doc_id, title=info.title, date=info.date, speaker=speaker,
        paragraph=para.number if para else 1,
        line_start=lines.line_of(start), line_end=lines.line_of(max(start, end - 1)),
        start=start, end=end,
    )


def best_sentences(ctx: SearchContext, doc: int, start: int, end: int, qvec: np.ndarray,
                   question: str) -> tuple[int, int]:
    """The span of the one or two adjacent sentences that best answer the question."""
    store = ctx.ix.store
    lo = int(np.searchsorted(store.sentence_doc, doc, side="left"))
    hi = int(np.searchsorted(store.sentence_doc, doc, side="right"))
    first = lo + int(np.searchsorted(store.sentence_start[lo:hi], start, side="left"))
    rows = [r for r in range(first, hi) if store.sentence_start[r] < end and store.sentence_end[r] <= end]
    if not rows:
        return start, end
    text = store.text(doc)
    vecs = np.asarray(ctx.ix.sentence_vectors[rows[0]:rows[-1] + 1], dtype=np.float32)
    vecs = vecs[[r - rows[0] for r in rows]]
    terms = content_terms(question)
    scores = vecs @ qvec + 0.15 * np.array([_overlap(terms, text[store.sentence_start[r]:store.sentence_end[r]])
                                              for r in rows])
    i = int(np.argmax(scores))
    s, e = int(store.sentence_start[rows[i]]), int(store.sentence_end[rows[i]])
    # A close runner-up next to the best sentence usually completes it.
    neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(rows) and scores[j] >= scores[i] - 0.03]
    if neighbours:
        j = max(neighbours, key=lambda j: scores[j])
        s, e = min(s, int(store.sentence_start[rows[j]])), max(e, int(store.sentence_end[rows[j]]))
    return s, e


def content_terms(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1}


def coverage(question: str, passage: str) -> float:
    """Share of the question's content words that the passage contains."""
    terms = content_terms(question)
    return _overlap(terms, passage) if terms else 0.0


def _overlap(terms: set[str], text: str) -> float:
    if not terms:
        return 0.0
    return len(terms & content_terms(text)) / len(terms)


def _stem(word: str) -> str:
    for suffix in ("ies", "es", "s", "ing", "ed"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=256)
def _layout(text: str):
    return paragraphs(text), LineIndex(text)
