"""What retrieval derives once from an open index: question-answer links, sentence
vectors per chunk, the people the transcripts name, and the acronyms they define."""

from __future__ import annotations

import re

import numpy as np

from index import OpenIndex

from corpus.filler import formulas, is_filler
from corpus.vocabulary import learn_vocabulary
from corpus.words import content_stems

from .sentence_scores import SentenceScores
from .query import name_words, person_names, reporting_lag
from .terms import background_terms, content_terms, find_acronyms

HEADLINE_WORDS = 60  # an editor's headline between two answers is short


class SearchContext:
    def __init__(self, ix: OpenIndex):
        self.ix = ix
        store = ix.store
        n = len(store)
        self.is_reporter = np.array([r == "reporter" for r in store.chunk_role], dtype=bool)
        self.is_headline = self._headlines()
        self._link_answers_to_questions()
        self._map_sentences_to_chunks()
        texts = [c.text for c in store.chunks(list(range(n)))]
        self.vocabulary = learn_vocabulary(texts)
        narration = {row: texts[row] for row in range(n) if store.chunk_role[row] == "narrator"}
        self.names = person_names(list(zip(store.chunk_speaker, store.chunk_role)), list(narration.values()),
                                  self.vocabulary)
        self.by_speaker = {name: _speaker_rows(store, name, narration, self.vocabulary) for name in self.names}
        self.lag = reporting_lag(store.documents)
        self.filler = self._filler()
        self.acronyms = find_acronyms(store.text(d.doc) for d in store.documents)
        self.background = background_terms(self.acronyms, lambda match: len(store.lexical(match)[0]), n)
        self._sentence_terms: dict[int, frozenset[str]] = {}

    def sentence_terms(self, row: int) -> frozenset[str]:
        """Content words of one stored sentence; computed once, on first use."""
        terms = self._sentence_terms.get(row)
        if terms is None:
            terms = content_terms(self.ix.store.sentence_text(row))
            self._sentence_terms[row] = terms
        return terms

    def sentence_sims(self, qvec: np.ndarray, question: str) -> SentenceScores:
        """Every stored sentence's cosine to the question, indexable by sentence rows and scored
        where read (see `sentence_scores`); filler (thanks, stage notes, datelines) is put out of
        reach (-1) unless the question asks for it: holds all its words, and they are at least
        half of the question's."""
        asked = content_stems(question)
        wanted = [rows for stems, rows in self._filler_groups.items()
                  if stems and stems <= asked and 2 * len(stems) >= len(asked)]
        return SentenceScores(self, qvec, np.concatenate(wanted) if wanted else np.zeros(0, dtype=np.int64))

    def _filler(self) -> np.ndarray:
        """Per stored sentence, whether it is filler: a stage note, a formula the corpus repeats,
        a dateline, or the transcript's title said again."""
        store = self.ix.store
        texts = [store.sentence_text(r) for r in range(len(store.sentence_doc))]
        known = formulas(texts)
        titles = [d.title for d in store.documents]
        out = np.array([is_filler(t, known, titles[int(store.sentence_doc[r])]) for r, t in enumerate(texts)],
                       dtype=bool)
        groups: dict[frozenset[str], list[int]] = {}
        for r in np.flatnonzero(out):
            groups.setdefault(content_stems(texts[r]), []).append(int(r))
        self._filler_groups = {stems: np.array(rows, dtype=np.int64) for stems, rows in groups.items()}
        return out

    def cosines(self, qvec: np.ndarray, rows: np.ndarray) -> np.ndarray:
        if not len(rows):
            return np.zeros(0, dtype=np.float32)
        return self.ix.chunk_index.reconstruct_batch(np.asarray(rows, dtype=np.int64)) @ qvec

    def sentence_max(self, sims, permitted: np.ndarray | None = None, depth: int | None = None,
                     rows: np.ndarray | None = None) -> np.ndarray:
        """Per chunk, the cosine of its sentence closest to the question (-1: only filler), from
        `sentence_sims`. With `rows`, exactly, for those chunks only. Otherwise for every chunk:
        exact for the `depth` best of the `permitted` ones and every chunk ranking with them,
        and for the others a value below theirs (`SentenceScores.chunk_max`). A plain array of
        every sentence's cosine is reduced in full."""
        if isinstance(sims, SentenceScores):
            if rows is not None:
                return sims.chunk_best(rows)
            return sims.chunk_max(permitted, len(self.ix.store) if depth is None else depth)
        out = np.full(len(self.ix.store), -1.0, dtype=np.float32)
        if len(self.pair_sentence):
            out[self.pair_chunks] = np.maximum.reduceat(np.asarray(sims)[self.pair_sentence], self.pair_offsets)
        return out if rows is None else out[np.asarray(rows, dtype=np.int64)]

    def _headlines(self) -> np.ndarray:
        """Chunks of an editor's headline between the turns of a conference ("Focus on three
        aspects", "Warnings will reach village duty officers within 15 minutes"): they say
        what the next answer is about, in the editor's words, not the speaker's."""
        store = self.ix.store
        out = np.zeros(len(store), dtype=bool)
        for row in range(len(store)):
            if store.chunk_role[row] != "narrator":
                continue
            doc, turn = int(store.chunk_doc[row]), int(store.chunk_turn[row])
            turns = store.turns[doc]
            spoken_before = any(t.role != "narrator" for t in turns[:turn])
            after = next((t for t in turns[turn + 1:] if t.role != "narrator"), None)
            short = len(store.text(doc)[turns[turn].start:turns[turn].end].split()) <= HEADLINE_WORDS
            out[row] = spoken_before and after is not None and short
        return out

    def _question_of(self, doc: int, turn: int) -> int | None:
        """The reporter turn a headline leads into: the next question, or the question of the next answer."""
        for t in range(turn + 1, len(self.ix.store.turns[doc])):
            nxt = self.ix.store.turns[doc][t]
            if nxt.role == "reporter":
                return t
            if nxt.role != "narrator":
                return nxt.question_turn
        return None

    def _link_answers_to_questions(self) -> None:
        """Group the chunks of each reporter turn, with the headline leading into it; map every
        answer chunk to its question's group. A group is as close to a question as its closest member."""
        store, ix = self.ix.store, self.ix
        group_of: dict[tuple[int, int], int] = {}
        members, member_group = [], []
        for row in np.flatnonzero(self.is_reporter | self.is_headline):
            doc, turn = int(store.chunk_doc[row]), int(store.chunk_turn[row])
            question = turn if self.is_reporter[row] else self._question_of(doc, turn)
            if question is None:
                continue
            members.append(row)
            member_group.append(group_of.setdefault((doc, question), len(group_of)))
        reporter_rows = np.array(members, dtype=np.int64)
        reporter_group = np.array(member_group, dtype=np.int64)
        self.reporter_rows = reporter_rows
        self.reporter_group = reporter_group
        self.reporter_vectors = (ix.chunk_index.reconstruct_batch(reporter_rows) if len(reporter_rows)
                                 else np.zeros((0, ix.chunk_index.d), dtype=np.float32))
        answers: list[list[int]] = [[] for _ in group_of]
        for row in range(len(store)):
            doc, turn = int(store.chunk_doc[row]), int(store.chunk_turn[row])
            q = store.turns[doc][turn].question_turn
            if q is not None and (doc, q) in group_of:
                answers[group_of[(doc, q)]].append(row)
        self.answers = [np.array(a, dtype=np.int64) for a in answers]

    def _map_sentences_to_chunks(self) -> None:
        """(chunk, sentence) pairs for every sentence inside a chunk, grouped by chunk."""
        store = self.ix.store
        # float32 once: the memory-mapped float16 file is converted on every product otherwise.
        self.sentence_vectors = np.asarray(self.ix.sentence_vectors, dtype=np.float32)
        chunks, sentences = [], []
        for row in range(len(store)):
            doc, start, end = int(store.chunk_doc[row]), int(store.chunk_start[row]), int(store.chunk_end[row])
            rows = sentence_rows(store, doc, start, end)
            chunks.extend([row] * len(rows))
            sentences.extend(rows)
        pair_chunk = np.array(chunks, dtype=np.int64)
        self.pair_sentence = np.array(sentences, dtype=np.int64)
        starts = np.flatnonzero(np.r_[True, pair_chunk[1:] != pair_chunk[:-1]]) if len(pair_chunk) else pair_chunk
        self.pair_offsets = starts
        self.pair_chunks = pair_chunk[starts] if len(pair_chunk) else pair_chunk


def sentence_rows(store, doc: int, start: int, end: int) -> list[int]:
    """Rows of the stored sentences of `doc` lying inside [start, end)."""
    lo = int(np.searchsorted(store.sentence_doc, doc, side="left"))
    hi = int(np.searchsorted(store.sentence_doc, doc, side="right"))
    starts = store.sentence_start[lo:hi]
    first = lo + int(np.searchsorted(starts, start, side="left"))
    last = lo + int(np.searchsorted(starts, end, side="left"))
    return [r for r in range(first, last) if store.sentence_end[r] <= end]


def _speaker_rows(store, name: str, narration: dict[int, str], vocabulary) -> tuple[np.ndarray, np.ndarray]:
    """(rows, affinity) of chunks by `name`: their turns, narration naming them (1.0), and
    other narration of a transcript whose title names them (0.5: "he said" paragraphs)."""
    words = name_words(name, vocabulary)
    # The full name, or the last word of it, capitalised: "Mira Holm", "Holm", "MS. HOLM".
    named = re.compile(rf"\b(?:{re.escape(name)}|{re.escape(words[-1].capitalize())}|{re.escape(words[-1].upper())})\b"
                       if words else re.escape(name))
    titled = {d.doc for d in store.documents if named.search(d.title)}
    out: dict[int, float] = {}
    for row, speaker in enumerate(store.chunk_speaker):
        if speaker == name:
            out[row] = 1.0
    for row, text in narration.items():
        if named.search(text):
            out[row] = 1.0
        elif int(store.chunk_doc[row]) in titled:
            out[row] = 0.5
    rows = np.array(sorted(out), dtype=np.int64)
    return rows, np.array([out[r] for r in rows], dtype=np.float32)
