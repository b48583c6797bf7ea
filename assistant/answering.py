"""The Python API: `Assistant.open(index_dir).ask(question) -> Answer`."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corpus import Transcript
from index import Embedder, OpenIndex, current_version, open_index
from index.threads import asking

from .answer_order import answers_first
from .calibration import UNCALIBRATED, Calibration, calibration_for
from .confidence import outside_the_corpus, signals
from .defaults import default_index_dir
from .dedupe import Repeats
from .errors import QuestionError
from .locators import named_titles
from .passages import QueryView, cite, make_passage, merged_chunks, windows
from .query import analyse
from .records import Answer, Filters, checked_k, checked_question
from .reranking import RERANK_DEPTH, Reranker
from .retrieval import SearchContext, max_fused, retrieve, speaker_affinity
from .settings import RetrievalSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SpeakerInfo:
    name: str
    role: str
    chunks: int


@dataclass(frozen=True)
class DocumentInfo:
    file: str
    title: str
    date: str | None
    published: str | None
    period: str | None
    speakers: tuple[str, ...]
    chunks: int


class Assistant:
    """Answers questions from one index directory; reopens it when a rebuild publishes."""

    def __init__(self, ix: OpenIndex, settings: RetrievalSettings | None = None,
                 context: SearchContext | None = None, reranker: Reranker | None = None):
        self.settings = settings or RetrievalSettings()
        self.reranker = reranker
        self._ctx = context if context is not None and context.ix is ix else SearchContext(ix)
        self._swap = threading.Lock()

    @classmethod
    def open(cls, index_dir: str | Path | None = None, model: str | None = None,
             embedder: Embedder | None = None, settings: RetrievalSettings | None = None,
             verify: bool = False, reranker: Reranker | None = None) -> "Assistant":
        """The assistant on the version in service; verify=True checks every file's SHA-256 first.
        `reranker` (see reranking.py), when given, orders the passages retrieval found."""
        return cls(open_index(index_dir or default_index_dir(), model=model, embedder=embedder, verify=verify),
                   settings, reranker=reranker)

    def with_settings(self, settings: RetrievalSettings, reranker: Reranker | None = None) -> "Assistant":
        """Another assistant over the same open index, answering with other settings, and with `reranker`
        only when given: a baseline is retrieval alone."""
        return Assistant(self._ctx.ix, settings, context=self._ctx, reranker=reranker)

    # -- state ------------------------------------------------------------------

    @property
    def index(self) -> OpenIndex:
        return self._ctx.ix

    def refresh(self, verify: bool = False) -> bool:
        """Switch to a newer published version, if there is one and it opens (verify=True: and every file's
        SHA-256 is as recorded). True when switched; raises the one-line reason, still on the old version."""
        ix = self._ctx.ix
        if current_version(ix.root) in (None, ix.version):
            return False
        fresh = SearchContext(open_index(ix.root, embedder=ix.embedder, verify=verify))
        with self._swap:
            # Questions in flight keep the context they started with.
            self._ctx = fresh
        log.info("switched to index version %s", fresh.ix.version)
        return True

    # -- asking -----------------------------------------------------------------

    def ask(self, question: str, k: int = 5, speaker: str | list[str] | None = None,
            doc: str | list[str] | None = None, date_from: str | None = None, date_to: str | None = None,
            filters: Filters | None = None) -> Answer:
        filters = filters or Filters(speakers=_many(speaker), docs=_many(doc), date_from=date_from, date_to=date_to)
        return self.ask_with_signals(question, k=k, filters=filters)[0]

    def ask_with_signals(self, question: str, k: int = 5, filters: Filters | None = None) -> tuple[Answer, dict]:
        """The answer and the signals its confidence weighs (what `tests/calibrate.py` fits)."""
        with asking():
            return self._answer(question, k, filters)

    def _answer(self, question: str, k: int, filters: Filters | None) -> tuple[Answer, dict]:
        text = checked_question(question)
        k = checked_k(k)
        filters = filters or Filters()
        ctx = self._ctx
        allowed = self._allowed(ctx, filters)
        hints = None
        if self.settings.understands_questions:
            # The words of a title the question names its transcript by are matched no more than the background.
            named = named_titles(text, ctx.titles) if self.settings.title_locates else ()
            hints = analyse(text, ctx.names, ctx.background + named, ctx.vocabulary, ctx.askers, ctx.offices)
        query = hints.content if hints else text
        qvec = ctx.ix.embedder.embed_queries([query])[0]
        wants_reporters = (bool(filters.speakers) and allowed is not None and bool((allowed & ctx.is_reporter).any())
                           or hints is not None and (hints.from_reporters or _mostly_asks(ctx, hints.speakers[:1])))
        view = QueryView.of(ctx, qvec, query, item=hints.item if hints is not None else 0)
        candidates = retrieve(ctx, qvec, query, allowed, self.settings, include_reporters=wants_reporters,
                              hints=hints, sentence_sims=view.sims)
        repeats = Repeats(ctx, self.settings.also_in_threshold)
        cut = windows if self.settings.quote == "window" else merged_chunks
        spans = cut(ctx, candidates, view, k, self.settings, same=repeats)
        if hints is not None:
            spans = answers_first(spans, ctx, text)
        top = max_fused(self.settings)
        if self.reranker is None:
            passages = tuple(_passage(ctx, span, min(1.0, span.best.fused / top), repeats) for span in spans)
        else:
            passages = self._reranked(ctx, text, candidates, view, k, cut)
        # Judged on retrieval's own first passages whatever is shown: the calibration was fitted on them.
        found = signals(spans, view, ctx, text, hints, most=top)
        cal = self.calibration
        if cal is None:
            return Answer(question=text, passages=passages, low_confidence=None, note=UNCALIBRATED), found
        p = cal.probability(found)
        low = bool(passages) and (cal.flags(p) or outside_the_corpus(found))
        return Answer(question=text, passages=passages, low_confidence=low, confidence=round(p, 4)), found

    def _reranked(self, ctx: SearchContext, question: str, candidates, view: QueryView, k: int, cut) -> tuple:
        """The first k of retrieval's first `RERANK_DEPTH` passages by the reranker's relevance, which
        becomes their score; ties keep retrieval's order."""
        # Cut again, deeper, beside the first k: a deeper cut may widen a chunk span or move a "when"
        # passage among the first, and the flag must be judged on exactly the passages retrieval gives.
        repeats = Repeats(ctx, self.settings.also_in_threshold)
        pool = cut(ctx, candidates, view, max(k, RERANK_DEPTH), self.settings, same=repeats)
        store = ctx.ix.store
        relevance = self.reranker.score(question, [store.text(s.doc)[s.start:s.end] for s in pool])
        if len(relevance) != len(pool):
            raise ValueError(f"the reranker {self.reranker.name!r} gave {len(relevance)} scores for {len(pool)} "
                             "passages")
        order = sorted(range(len(pool)), key=lambda i: -relevance[i])[:k]
        return tuple(_passage(ctx, pool[i], min(1.0, max(0.0, float(relevance[i]))), repeats) for i in order)

    @property
    def calibration(self) -> Calibration | None:
        """The calibration of this index's model, or the one the settings give."""
        return self.settings.calibration or calibration_for(self._ctx.ix.manifest.model.probe)

    def _allowed(self, ctx: SearchContext, filters: Filters) -> np.ndarray | None:
        if not filters.active:
            return None
        store = ctx.ix.store
        mask = np.ones(len(store), dtype=bool)
        if filters.speakers:
            # A speaker is a label, or an asker a `Q` label hides, known by the name the chair called them.
            names = self._match(filters.speakers, {s for s in store.chunk_speaker if s} | ctx.askers, "speaker")
            theirs = np.array([s in names for s in store.chunk_speaker], dtype=bool)
            mask &= theirs | (speaker_affinity(ctx, tuple(sorted(names & ctx.askers))) > 0)
        if filters.docs:
            files = self._match(filters.docs, {d.doc_id for d in store.documents}, "document")
            docs = np.array([d.doc_id in files for d in store.documents], dtype=bool)
            mask &= docs[store.chunk_doc]
        if filters.date_from or filters.date_to:
            lo, hi = filters.date_from or "0000-01-01", filters.date_to or "9999-12-31"
            docs = np.array([bool(d.date) and lo <= d.date <= hi for d in store.documents], dtype=bool)
            if not docs.any():
                raise QuestionError(f"no transcript in this index is dated {_range(filters)}; {_dates(store)}")
            mask &= docs[store.chunk_doc]
        if not mask.any():
            raise QuestionError(f"no passage matches these filters together ({_described(filters)}); "
                                "drop one of them")
        return mask

    @staticmethod
    def _match(wanted: tuple[str, ...], known: set[str], what: str) -> set[str]:
        """Known values each wanted value names: exactly, by file name, or as a part (case-insensitive)."""
        chosen: set[str] = set()
        for w in wanted:
            needle = w.strip().lower()
            exact = {k for k in known if k.lower() == needle or k.lower().rsplit("/", 1)[-1] == needle}
            hits = exact or {k for k in known if needle and needle in k.lower()}
            if not hits:
                examples = ", ".join(sorted(known)[:6])
                raise QuestionError(f"no {what} matches {w!r} in this index; try one of: {examples}")
            chosen |= hits
        return chosen

    # -- what the index holds ------------------------------------------------------

    def speakers(self) -> list[SpeakerInfo]:
        store = self._ctx.ix.store
        counts: dict[tuple[str, str], int] = {}
        for s, r in zip(store.chunk_speaker, store.chunk_role):
            if s:
                counts[(s, r)] = counts.get((s, r), 0) + 1
        return [SpeakerInfo(s, r, n) for (s, r), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))]

    def documents(self) -> list[DocumentInfo]:
        store = self._ctx.ix.store
        chunks = np.bincount(store.chunk_doc, minlength=len(store.documents))
        out = []
        for d in store.documents:
            names = tuple(dict.fromkeys(t.speaker for t in store.turns[d.doc] if t.speaker and t.role != "reporter"))
            out.append(DocumentInfo(file=d.doc_id, title=d.title, date=d.date, published=d.published,
                                    period=d.period.label if d.period else None, speakers=names,
                                    chunks=int(chunks[d.doc])))
        return out

    def source_text(self, file: str) -> str:
        """The full text of an indexed transcript, as it was indexed."""
        return self._ctx.ix.store.text(self._doc(file))

    def transcript(self, file: str) -> Transcript:
        """An indexed transcript as it was read: text, turns, and where its text lies in the file."""
        return self._ctx.ix.store.transcript(self._doc(file))

    def _doc(self, file: str) -> int:
        for d in self._ctx.ix.store.documents:
            if d.doc_id == file:
                return d.doc
        raise QuestionError(f"no transcript {file!r} in this index")


def _mostly_asks(ctx: SearchContext, names: tuple[str, ...]) -> bool:
    """Whether the speaker a question is about mostly asks (a lawyer examining a witness, under `Q`): then
    their questions are what it asks for."""
    speakers = ctx.ix.store.chunk_speaker
    for name in names:
        rows = [r for r in ctx.by_speaker.get(name, ((),))[0] if speakers[r] == name]  # their own turns
        if rows and 2 * int(ctx.is_reporter[rows].sum()) >= len(rows):
            return True
    return False


def _passage(ctx: SearchContext, span, score: float, repeats: Repeats):
    return make_passage(ctx, span, score,
                        also_in=tuple(cite(ctx, r.doc, r.start, r.end, r.best.row) for r in repeats.of(span)))


def _many(value: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise QuestionError(f"a filter must be a name or a list of names, not {value!r:.60}")
    return tuple(v for v in value if v.strip())


def _range(f: Filters) -> str:
    if f.date_from and f.date_to:
        return f"from {f.date_from} to {f.date_to}"
    return f"on or after {f.date_from}" if f.date_from else f"on or before {f.date_to}"


def _dates(store) -> str:
    dates = sorted(d.date for d in store.documents if d.date)
    undated = len(store.documents) - len(dates)
    held = f"its transcripts are dated {dates[0]} to {dates[-1]}" if dates else "none of its transcripts is dated"
    return held + (f" ({undated} undated)" if dates and undated else "")


def _described(f: Filters) -> str:
    parts = []
    if f.speakers:
        parts.append("speaker " + ", ".join(f"{s!r:.40}" for s in f.speakers))
    if f.docs:
        parts.append("document " + ", ".join(f"{d!r:.40}" for d in f.docs))
    if f.date_from or f.date_to:
        parts.append("dated " + _range(f))
    return "; ".join(parts)
