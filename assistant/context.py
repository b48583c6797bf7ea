"""What retrieval reads from an open index besides vectors and texts: question-answer
links, sentences per chunk, filler, the people the transcripts name, and the acronyms
they define. All of it was derived when the index was built (index.structure) and is
memory-mapped here: opening loops over neither chunks nor sentences."""

from __future__ import annotations

import threading
from datetime import timedelta

import numpy as np

from index import OpenIndex
from index import vectors as ivectors
from index.structure import sentence_rows as _rows_inside

from corpus.enumeration import opens_item
from corpus.words import content_stems

from .locators import Titles
from .sentence_scores import COPIED_SENTENCES, SentenceScores
from .terms import content_terms


class SearchContext:
    def __init__(self, ix: OpenIndex):
        self.ix = ix
        s = ix.structure
        learned = s.learned
        self.is_reporter = s.is_reporter
        self.is_headline = s.is_headline
        self.reporter_rows = s.reporter_rows
        self.reporter_group = s.reporter_group
        # Up to EXACT_FILTERED questions, a copy of their vectors that every question asked is compared with
        # in full; beyond, the chunk index finds the closest (`closest_groups`) among their rows, sorted,
        # each with its group.
        if len(s.reporter_rows) <= ivectors.EXACT_FILTERED:
            self.reporter_vectors = (ix.chunk_index.reconstruct_batch(np.asarray(s.reporter_rows))
                                     if len(s.reporter_rows) else np.zeros((0, ix.chunk_index.d), dtype=np.float32))
            self._reporter_sorted = self._sorted_group = None
        else:
            self.reporter_vectors = np.zeros((0, ix.chunk_index.d), dtype=np.float32)
            by_row = np.argsort(s.reporter_rows, kind="stable")
            self._reporter_sorted = np.asarray(s.reporter_rows, dtype=np.int64)[by_row]
            self._sorted_group = np.asarray(s.reporter_group)[by_row]
        self.answers = s.answers  # per question group, its answer chunks: answers[group]
        # The questions ordered by group once, so that each question asked takes every group's best
        # with one reduceat: group ids held, where each group starts in that order, and the row of
        # its first question (ties between groups go to the one met first).
        order = np.argsort(s.reporter_group, kind="stable")
        grouped = np.asarray(s.reporter_group)[order]
        starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]]) if len(grouped) else np.zeros(0, np.int64)
        self.reporter_order, self.group_starts = order, starts
        self.group_ids, self.group_first = grouped[starts], order[starts]
        self.pair_sentence = s.pair_sentence
        self.pair_offsets = s.pair_offsets
        self.pair_chunks = s.pair_chunks
        self.vocabulary = learned.vocabulary
        # The people a question can name, then the askers the chair called by name (their rows follow
        # the people's in speaker_rows).
        self.names = learned.names + learned.asker_names
        self.askers = frozenset(learned.asker_names)
        self.offices = learned.offices  # "the Minister": the speakers a question can name by office
        self.by_speaker = {name: (s.speaker_rows[i], s.speaker_affinity[i]) for i, name in enumerate(self.names)}
        # Each chunk row of an asker's turn, with their name: citations show it (a few hundred rows at most
        # per briefing, so a plain dict).
        self.asker_of = {int(row): name for name in learned.asker_names for row in self.by_speaker[name][0]}
        self.lag = timedelta(days=learned.lag_days)
        self.filler = s.filler
        self._filler_groups = {stems: s.filler_rows[i] for i, stems in enumerate(learned.filler_groups)}
        self.acronyms = learned.acronyms
        self.background = learned.background
        self.titles = Titles(tuple(d.title for d in ix.store.documents))  # what a question may name them by
        # The corpus's reference sentences (index.structure.reference_sample), a small float32 copy:
        # every question's confidence measures against all of them.
        self.reference_vectors = np.asarray(ix.sentence_vectors[np.asarray(s.reference_rows)], dtype=np.float32)
        self.turn_tokens = s.rows.turn_tokens
        self._rows = s.rows
        self._sentence_terms: dict[int, frozenset[str]] = {}
        self._sentence_words: dict[int, int] = {}
        self._vectors: np.ndarray | None = None
        self._prompts: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._vectors_lock = threading.Lock()

    @property
    def exact_vectors(self) -> np.ndarray | None:
        """The sentence vectors as float32 for an index small enough to score many of its sentences
        for each question (`COPIED_SENTENCES`), converted once on first use: converting float16 costs
        twenty times the product. None for a larger index, whose few rows read are converted as read."""
        if self._vectors is None and len(self.ix.store.sentence_doc) <= COPIED_SENTENCES:
            with self._vectors_lock:
                if self._vectors is None:
                    self._vectors = np.asarray(self.ix.sentence_vectors, dtype=np.float32)
        return self._vectors

    def sentence_terms(self, row: int) -> frozenset[str]:
        """Content words of one stored sentence; computed once, on first use."""
        terms = self._sentence_terms.get(row)
        if terms is None:
            terms = content_terms(self.ix.store.sentence_text(row))
            self._sentence_terms[row] = terms
        return terms

    def sentence_words(self, row: int) -> int:
        """How many words one stored sentence has (split at white space); counted once, on first use:
        choosing windows and telling repeats apart count the same sentences again and again."""
        count = self._sentence_words.get(row)
        if count is None:
            count = self._sentence_words[row] = len(self.ix.store.sentence_text(row).split())
        return count

    def sentence_sims(self, qvec: np.ndarray, question: str) -> SentenceScores:
        """Every stored sentence's cosine to the question, indexable by sentence rows and scored
        where read (see `sentence_scores`); filler (thanks, stage notes, datelines) is put out of
        reach (-1) unless the question asks for it: holds all its words, and they are at least
        half of the question's."""
        asked = content_stems(question)
        wanted = [rows for stems, rows in self._filler_groups.items()
                  if stems and stems <= asked and 2 * len(stems) >= len(asked)]
        return SentenceScores(self, qvec, np.concatenate(wanted) if wanted else np.zeros(0, dtype=np.int64))

    def closest_groups(self, qvec: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
        """The `count` question groups holding the questions closest to `qvec`, closest first (positions in
        `group_ids`), and each one's closest cosine. A tie goes to the group met first, as a stable sort of
        the groups in order met does."""
        if not len(self.reporter_rows):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        if len(self.reporter_vectors):
            sims = (self.reporter_vectors @ qvec).astype(np.float32)
            best = np.maximum.reduceat(sims[self.reporter_order], self.group_starts)  # per group, in group order
            ranked = np.lexsort((self.group_first, -best))[:count]
            return ranked, best[ranked]
        # Too many questions to compare with each: the closest from the chunk index (approximate when it
        # is), as many as hold `count` groups.
        k = 8 * count + 32
        while True:
            scores, rows = ivectors.search(self.ix.chunk_index, qvec[None, :], k, self._reporter_sorted)
            keep = rows[0] >= 0
            scores, rows = scores[0][keep], rows[0][keep]
            groups = np.searchsorted(self.group_ids, self._sorted_group[np.searchsorted(self._reporter_sorted, rows)])
            held, first = np.unique(groups, return_index=True)  # found best first: a group's first is its best
            if len(held) >= count or k >= len(self._reporter_sorted):
                break
            k *= 4
        best = scores[first]
        ranked = np.lexsort((self.group_first[held], -best))[:count]
        return held[ranked], best[ranked]

    def prompts(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(rows, starts, ends): the chunk rows of the turn just before each chunk's own, when another
        speaker's, are `rows[starts[r]:ends[r]]` (empty: none). Made on first use, in array steps."""
        if self._prompts is None:
            rows = self._rows
            doc, turn = rows.chunk_doc.astype(np.int64), rows.chunk_turn.astype(np.int64)
            speaker = rows.chunk_speaker  # label numbers, -1 for none: compared as numbers, not names
            order = np.lexsort((rows.chunk_start, turn, doc))
            change = np.flatnonzero((np.diff(doc[order]) != 0) | (np.diff(turn[order]) != 0)) + 1
            firsts = np.r_[0, change].astype(np.int64)
            lasts = np.r_[change, len(order)].astype(np.int64)
            group = np.empty(len(order), dtype=np.int64)
            group[order] = np.repeat(np.arange(len(firsts)), lasts - firsts)
            prev = np.maximum(group - 1, 0)
            before = order[firsts][prev]  # a row of the turn before each row's own
            ok = (group > 0) & (doc[before] == doc) & (turn[before] == turn - 1) & (speaker[before] != speaker)
            self._prompts = (order, np.where(ok, firsts[prev], 0), np.where(ok, lasts[prev], 0))
        return self._prompts

    def sentence_runs(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(held, starts, stops): which of these chunk rows hold sentences, and for each that does, where
        its run of (chunk, sentence) pairs lies in `pair_sentence`."""
        rows = np.asarray(rows, dtype=np.int64)
        if not len(rows) or not len(self.pair_chunks):
            empty = np.zeros(0, dtype=np.int64)
            return np.zeros(len(rows), dtype=bool), empty, empty
        at = np.minimum(np.searchsorted(self.pair_chunks, rows), len(self.pair_chunks) - 1)
        held = self.pair_chunks[at] == rows
        ends = np.r_[self.pair_offsets[1:], len(self.pair_sentence)]
        return held, self.pair_offsets[at[held]], ends[at[held]]

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


def sentence_rows(store, doc: int, start: int, end: int) -> list[int]:
    """Rows of the stored sentences of `doc` lying inside [start, end)."""
    return _rows_inside(store.sentence_doc, store.sentence_start, store.sentence_end, doc, start, end)


def opens_item_at(store, row: int, item: int) -> bool:
    """Whether stored sentence `row` opens list item `item` ("Second, ..."; `corpus.enumeration`): its
    opening words say it, so the rest of the sentence is never read."""
    start = int(store.sentence_start[row])
    text = store.text(int(store.sentence_doc[row]))[start:min(start + 60, int(store.sentence_end[row]))]
    return opens_item(text) == item
