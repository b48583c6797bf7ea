"""What retrieval needs besides vectors and texts, derived once when an index is built.

Which chunks are questions and which headlines lead into them, the answers of each
question, the sentences inside each chunk, the sentences that are filler, the rows of
each person, and what the corpus taught (`Learned`: its vocabulary, people, acronyms,
background terms, reporting lag, formulas). `derive` loops over chunks and sentences
at build time so that opening an index only maps arrays (see `index.structure_files`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from corpus import Chunk, Transcript
from corpus.acronyms import background_terms, find_acronyms
from corpus.askers import NameWords, askers, handovers, merged, proper_words
from corpus.filler import formulas, kind_given
from corpus.names import REPORTER, names_someone
from corpus.holders import title_holders
from corpus.people import name_words, person_names, reporting_lag
from corpus.offices import offices
from corpus.vocabulary import Vocabulary, added, vocabulary_of
from corpus.words import content_stems

from .doc_parts import DocParts, doc_parts
from .question_groups import asking_hosts, headlines, question_groups
from .store import Sentence

# The sentences a question's cosines are measured against to say how close is close in this
# corpus (`assistant.confidence`): a fixed-size sample, so that a quantile of them means the same
# in a corpus of a thousand sentences and of a million.
REFERENCE_SENTENCES = 1000
REFERENCE_CHARS = 40  # shorter sentences ("Thank you.", "Yes.") say too little to be a reference


class Ragged:
    """Row sets of varying length in one flat array: set i is rows[offsets[i]:offsets[i + 1]]."""

    def __init__(self, rows: np.ndarray, offsets: np.ndarray):
        self.rows = rows
        self.offsets = offsets

    @classmethod
    def of(cls, sets: Sequence[Sequence[int]]) -> "Ragged":
        offsets = np.zeros(len(sets) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(s) for s in sets])
        rows = np.fromiter((r for s in sets for r in s), dtype=np.int64, count=int(offsets[-1]))
        return cls(rows, offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> np.ndarray:
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        i %= len(self)
        return self.rows[int(self.offsets[i]):int(self.offsets[i + 1])]


@dataclass(frozen=True)
class SpeakerRecord:
    name: str  # the label as the transcripts write it
    role: str
    turns: int


@dataclass(frozen=True)
class Learned:
    """What an index learned from its corpus: small, kept as JSON."""

    vocabulary: Vocabulary
    names: tuple[str, ...]  # people a question can name (see corpus.people)
    lag_days: int  # how long after the period it reviews a transcript is held
    acronyms: dict[str, str]  # acronym key -> long form
    background: tuple[str, ...]  # acronyms and long forms in a large share of the chunks
    speakers: tuple[SpeakerRecord, ...]  # every label with a role, by turns, most first
    formulas: tuple[tuple[str, int], ...]  # (formula, sentences set aside), most first
    filler: dict[str, int]  # sentences set aside, by kind
    filler_groups: tuple[frozenset[str], ...]  # content stems of each group of filler sentences
    reference_sentences: int = 0  # how many sentences Structure.reference_rows holds
    # Askers an unnamed label ("Q") hides, by the name the chair called them by (`corpus.askers`), with
    # their turns: a question can name them too, after `names`.
    askers: tuple[SpeakerRecord, ...] = ()
    # Offices the corpus gives its people, with their holders among `names` (`corpus.offices`):
    # "the Minister" names the speaker the corpus calls so.
    offices: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def asker_names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.askers)


@dataclass(frozen=True)
class Rows:
    """Where each chunk and sentence of the store is, so that opening reads no table row by row."""

    chunk_doc: np.ndarray
    chunk_start: np.ndarray
    chunk_end: np.ndarray
    chunk_turn: np.ndarray
    chunk_speaker: np.ndarray  # index into speaker_labels; -1: no speaker
    chunk_role: np.ndarray  # index into role_labels
    turn_tokens: np.ndarray  # per chunk: the model's tokens in the chunks of its whole turn
    sentence_doc: np.ndarray
    sentence_start: np.ndarray
    sentence_end: np.ndarray
    speaker_labels: tuple[str, ...]
    role_labels: tuple[str, ...]

    def speakers(self) -> list[str | None]:
        labels = np.array([*self.speaker_labels, None], dtype=object)
        return labels[self.chunk_speaker].tolist()  # -1 picks the None at the end

    def roles(self) -> list[str]:
        return np.array(self.role_labels, dtype=object)[self.chunk_role].tolist() if len(self.chunk_role) else []


@dataclass(frozen=True)
class Structure:
    """Per chunk and per sentence arrays (memory-mapped when opened), and what was learned."""

    is_reporter: np.ndarray  # bool per chunk
    is_headline: np.ndarray  # bool per chunk
    reporter_rows: np.ndarray  # chunks of questions and of the headlines leading into them
    reporter_group: np.ndarray  # the question group of each of those
    answers: Ragged  # per question group, the chunks answering it
    pair_sentence: np.ndarray  # (chunk, sentence) pairs grouped by chunk: the sentences ...
    pair_offsets: np.ndarray  # ... where each chunk's pairs start
    pair_chunks: np.ndarray  # ... and the chunk of each run
    filler: np.ndarray  # bool per sentence
    filler_rows: Ragged  # per group of Learned.filler_groups, its sentences
    speaker_rows: Ragged  # per name of Learned.names, then of Learned.askers, its chunks ...
    speaker_affinity: Ragged  # ... and how surely each is theirs (float32)
    reference_rows: np.ndarray  # a sample of the corpus's sentences, its background (`reference_sample`)
    learned: Learned
    rows: Rows
    # Per transcript, what it gives the whole (`index.doc_parts`): kept with the index (in the store, not a
    # structure file) so that a rebuild computes it for the files that changed only. Empty when read back.
    parts: tuple[DocParts, ...] = ()


def derive(transcripts: Sequence[Transcript], chunks: Sequence[Chunk], sentences: Sequence[Sentence],
           frequency: Callable[[str], int], known: Sequence[DocParts | None] = ()) -> Structure:
    """The structure of an index's rows; `frequency(fts_query)` counts the chunks matching a query.
    `known`: per transcript, its parts where already computed (None: compute them)."""
    doc_of = {t.doc_id: i for i, t in enumerate(transcripts)}
    chunk_doc = np.array([doc_of[c.doc_id] for c in chunks], dtype=np.int64)
    roles = [c.role for c in chunks]
    asking = asking_hosts(transcripts)
    is_reporter = np.array([r == "reporter" or (int(d), c.turn_index) in asking
                            for r, d, c in zip(roles, chunk_doc, chunks)], dtype=bool)
    is_headline = headlines(transcripts, chunks, chunk_doc)
    reporter_rows, reporter_group, answers = question_groups(transcripts, chunks, chunk_doc, is_reporter,
                                                              is_headline)
    sentence_doc = np.array([s.doc for s in sentences], dtype=np.int64)
    sentence_start = np.array([s.start for s in sentences], dtype=np.int64)
    sentence_end = np.array([s.end for s in sentences], dtype=np.int64)
    pair_sentence, pair_offsets, pair_chunks = _pairs(chunks, chunk_doc, sentence_doc, sentence_start, sentence_end)

    texts = [c.text for c in chunks]
    sentence_texts = [transcripts[s.doc].text[s.start:s.end] for s in sentences]
    parts = _parts(transcripts, texts, chunk_doc, sentence_texts, sentence_doc, known)
    counts = added(p.words for p in parts)
    vocabulary = vocabulary_of(counts)
    narration = {row: texts[row] for row in range(len(chunks)) if roles[row] == "narrator"}
    held = _held(transcripts, chunks, chunk_doc)
    names = tuple(sorted({*person_names([(c.speaker, c.role) for c in chunks], list(narration.values()), vocabulary),
                          *held}))
    spoken: dict[str | None, list[int]] = {}
    for row, c in enumerate(chunks):
        spoken.setdefault(c.speaker, []).append(row)
    per_name = [_speaker_rows(transcripts, spoken.get(name, ()), chunk_doc, name, narration, vocabulary,
                              held.get(name, ()))
                for name in names]
    asked = _askers(transcripts, chunks, chunk_doc, NameWords(vocabulary, proper_words(counts)), set(names))
    filler, kinds, groups, keys = _filler(parts, sentence_doc, sentence_texts)
    acronyms = find_acronyms(t.text for t in transcripts)
    reference = reference_sample(filler, sentence_end - sentence_start)
    formula_counts = Counter(k for k, kind in zip(keys, kinds) if kind == "formula")
    learned = Learned(
        vocabulary=vocabulary, names=names, lag_days=reporting_lag(transcripts).days, acronyms=acronyms,
        background=background_terms(acronyms, frequency, len(chunks)),
        speakers=_speakers(transcripts),
        formulas=tuple(sorted(formula_counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        filler=dict(Counter(k for k in kinds if k).most_common()),
        filler_groups=tuple(groups), reference_sentences=len(reference),
        askers=tuple(SpeakerRecord(name, "reporter", turns) for name, (_, turns) in asked.items()),
        offices=offices(transcripts, names, vocabulary))
    return Structure(
        is_reporter=is_reporter, is_headline=is_headline, reporter_rows=reporter_rows, reporter_group=reporter_group,
        answers=Ragged.of(answers), pair_sentence=pair_sentence, pair_offsets=pair_offsets, pair_chunks=pair_chunks,
        filler=filler, filler_rows=Ragged.of(list(groups.values())),
        speaker_rows=Ragged.of([rows for rows, _ in per_name] + [rows for rows, _ in asked.values()]),
        speaker_affinity=_ragged_values([values for _, values in per_name]
                                        + [[1.0] * len(rows) for rows, _ in asked.values()]),
        reference_rows=reference, learned=learned,
        rows=_rows(chunks, chunk_doc, sentence_doc, sentence_start, sentence_end), parts=parts)


def sentence_rows(sentence_doc: np.ndarray, sentence_start: np.ndarray, sentence_end: np.ndarray,
                  doc: int, start: int, end: int) -> list[int]:
    """Rows of the sentences of `doc` lying inside [start, end); sentences sorted by (doc, start)."""
    lo = int(np.searchsorted(sentence_doc, doc, side="left"))
    hi = int(np.searchsorted(sentence_doc, doc, side="right"))
    starts = sentence_start[lo:hi]
    first = lo + int(np.searchsorted(starts, start, side="left"))
    last = lo + int(np.searchsorted(starts, end, side="left"))
    return [r for r in range(first, last) if sentence_end[r] <= end]


def reference_sample(filler: np.ndarray, lengths: np.ndarray, size: int = REFERENCE_SENTENCES) -> np.ndarray:
    """Sorted rows of up to `size` sentences that are not filler nor short, drawn with a fixed
    seed: the same corpus gets the same sample. How near a question comes to these, sentences
    of the corpus that were not chosen for it, is how near it comes to anything in this corpus."""
    eligible = np.flatnonzero(~np.asarray(filler, dtype=bool) & (np.asarray(lengths) >= REFERENCE_CHARS))
    if len(eligible) > size:
        eligible = np.sort(np.random.default_rng(0).choice(eligible, size=size, replace=False))
    return eligible.astype(np.int64)


# -- steps ----------------------------------------------------------------------


def _parts(transcripts, texts, chunk_doc, sentence_texts, sentence_doc, known) -> tuple[DocParts, ...]:
    chunks_of: list[list[int]] = [[] for _ in transcripts]
    for row, doc in enumerate(chunk_doc.tolist()):
        chunks_of[doc].append(row)
    sentences_of: list[list[int]] = [[] for _ in transcripts]
    for row, doc in enumerate(sentence_doc.tolist()):
        sentences_of[doc].append(row)
    out = []
    for doc, t in enumerate(transcripts):
        given = known[doc] if doc < len(known) else None
        if given is None or len(given.keys) != len(sentences_of[doc]):
            given = doc_parts((texts[r] for r in chunks_of[doc]), (sentence_texts[r] for r in sentences_of[doc]),
                              t.title)
        out.append(given)
    return tuple(out)


def _pairs(chunks, chunk_doc, sentence_doc, sentence_start, sentence_end):
    """(chunk, sentence) pairs for every sentence inside a chunk, grouped by chunk: `sentence_rows` of every
    chunk at once (sentences sorted by (doc, start); a loop over the chunks took a second at 20,000 of them)."""
    if not len(chunks) or not len(sentence_doc):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    starts = np.fromiter((c.start for c in chunks), dtype=np.int64, count=len(chunks))
    ends = np.fromiter((c.end for c in chunks), dtype=np.int64, count=len(chunks))
    # (doc, offset) as one sortable number: offsets stay below the span of the largest text.
    span = int(max(sentence_end.max(), ends.max())) + 1
    keys = sentence_doc * span + sentence_start
    first = np.searchsorted(keys, chunk_doc * span + starts, side="left")
    last = np.searchsorted(keys, chunk_doc * span + ends, side="left")
    counts = np.maximum(last - first, 0)
    chunk_of = np.repeat(np.arange(len(chunks), dtype=np.int64), counts)
    # Each chunk's candidate rows first..last-1, laid end to end.
    sentence = np.repeat(first - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()), dtype=np.int64)
    inside = sentence_end[sentence] <= ends[chunk_of]
    pair_chunk, sentence = chunk_of[inside], sentence[inside]
    group = (np.flatnonzero(np.r_[True, pair_chunk[1:] != pair_chunk[:-1]]) if len(pair_chunk)
             else np.zeros(0, dtype=np.int64))
    return sentence.astype(np.int64), group.astype(np.int64), pair_chunk[group]


def _filler(parts, sentence_doc, texts):
    """Per sentence, whether it is filler and why: a stage note, a formula the corpus repeats,
    a dateline, or the transcript's title said again; filler grouped by content words; and
    each sentence's formula key (`corpus.filler.formula_key`)."""
    at = [0] * len(parts)
    keys, own = [], []
    for doc in sentence_doc.tolist():
        keys.append(parts[doc].keys[at[doc]])
        own.append(parts[doc].kinds[at[doc]])
        at[doc] += 1
    known = formulas((), keys)
    kinds = [kind_given(o, k, known) for o, k in zip(own, keys)]
    out = np.array([k is not None for k in kinds], dtype=bool)
    groups: dict[frozenset[str], list[int]] = {}
    for r in np.flatnonzero(out):
        groups.setdefault(content_stems(texts[r]), []).append(int(r))
    return out, kinds, groups, keys


def _held(transcripts, chunks, chunk_doc) -> dict[str, list[int]]:
    """Per person a title label stands for (`corpus.holders`: the judge `THE COURT` is), the rows of
    that label's chunks in the transcripts that say so."""
    by_doc = {doc: held for doc, t in enumerate(transcripts) if (held := title_holders(t))}
    out: dict[str, list[int]] = {}
    if by_doc:
        for row, c in enumerate(chunks):
            name = by_doc.get(int(chunk_doc[row]), {}).get(c.speaker)
            if name is not None:
                out.setdefault(name, []).append(row)
    return out


def _speaker_rows(transcripts, spoken: Sequence[int], chunk_doc, name: str, narration: dict[int, str],
                  vocabulary: Vocabulary, held: Sequence[int] = ()) -> tuple[list[int], list[float]]:
    """(rows, affinity) of chunks by `name`: their turns (`spoken`: the rows of the chunks labelled with the
    name) and those of the title they hold (`held`), narration naming them (1.0), and other narration of a
    transcript whose title names them (0.5: "he said" paragraphs)."""
    words = name_words(name, vocabulary)
    # The full name, or the last word of it, capitalised: "Mira Holm", "Holm", "MS. HOLM".
    named = re.compile(rf"\b(?:{re.escape(name)}|{re.escape(words[-1].capitalize())}|{re.escape(words[-1].upper())})\b"
                       if words else re.escape(name))
    titled = {i for i, t in enumerate(transcripts) if named.search(t.title)}
    out = dict.fromkeys(spoken, 1.0)
    for row in held:
        out[row] = 1.0
    for row, text in narration.items():
        if named.search(text):
            out[row] = 1.0
        elif int(chunk_doc[row]) in titled:
            out[row] = 0.5
    rows = sorted(out)
    return rows, [out[r] for r in rows]


def _askers(transcripts, chunks, chunk_doc, names: NameWords, people: set[str]) -> dict[str, tuple[list[int], int]]:
    """Per asker the chair named (`corpus.askers`) or their label names, most turns first: (their
    chunks, their turns). A name that is also one of `people` is left to them."""
    handed = handovers(transcripts, names)
    turn_of: dict[tuple[int, int], str] = {}
    for doc, t in enumerate(transcripts):
        for turn, name in askers(t, names, handed).items():
            turn_of[(doc, turn)] = name
        # A reporter whose label names them (`MIRA HOLM`, or `MR. PAN` examining a witness) is an asker by
        # that name.
        for turn, said in enumerate(t.turns):
            if (said.role == "reporter" and said.speaker and (doc, turn) not in turn_of
                    and names_someone(said.speaker) and not REPORTER.search(said.speaker)):
                turn_of[(doc, turn)] = said.speaker
    same = merged(sorted(set(turn_of.values())))
    turns = Counter(same[name] for name in turn_of.values())
    rows: dict[str, list[int]] = {}
    for row, c in enumerate(chunks):
        name = turn_of.get((int(chunk_doc[row]), c.turn_index))
        if name is not None:
            rows.setdefault(same[name], []).append(row)
    ordered = sorted((n for n in rows if n not in people), key=lambda n: (-turns[n], n))
    return {n: (rows[n], turns[n]) for n in ordered}


def _rows(chunks, chunk_doc, sentence_doc, sentence_start, sentence_end) -> Rows:
    speakers = sorted({c.speaker for c in chunks if c.speaker is not None})
    roles = sorted({c.role for c in chunks})
    speaker_code, role_code = {s: i for i, s in enumerate(speakers)}, {r: i for i, r in enumerate(roles)}
    turns = list(zip(chunk_doc.tolist(), (c.turn_index for c in chunks)))
    in_turn: Counter = Counter()
    for turn, c in zip(turns, chunks):
        in_turn[turn] += c.tokens
    return Rows(
        chunk_doc=chunk_doc, chunk_start=np.array([c.start for c in chunks], dtype=np.int64),
        chunk_end=np.array([c.end for c in chunks], dtype=np.int64),
        chunk_turn=np.array([c.turn_index for c in chunks], dtype=np.int64),
        chunk_speaker=np.array([speaker_code.get(c.speaker, -1) for c in chunks], dtype=np.int64),
        chunk_role=np.array([role_code[c.role] for c in chunks], dtype=np.int64),
        turn_tokens=np.array([in_turn[turn] for turn in turns], dtype=np.int64),
        sentence_doc=sentence_doc, sentence_start=sentence_start, sentence_end=sentence_end,
        speaker_labels=tuple(speakers), role_labels=tuple(roles))


def _ragged_values(sets: list[list[float]]) -> Ragged:
    offsets = np.zeros(len(sets) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(s) for s in sets])
    values = np.fromiter((v for s in sets for v in s), dtype=np.float32, count=int(offsets[-1]))
    return Ragged(values, offsets)


def _speakers(transcripts: Sequence[Transcript]) -> tuple[SpeakerRecord, ...]:
    counts = Counter((u.speaker, u.role) for t in transcripts for u in t.turns if u.speaker)
    return tuple(SpeakerRecord(name, role, n) for (name, role), n in
                 sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1])))
