"""Chunks: verbatim spans inside one speaker turn, sized in the model's own tokens.

Sentences are packed into chunks of roughly equal size, never over the budget;
a sentence longer than the budget is cut at a token boundary, preferring a comma.
Consecutive chunks of a turn share one short sentence so an answer split across
the cut is still found whole in one of them.
"""

from __future__ import annotations

import bisect
import hashlib
import math
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Iterator, Protocol

from .boilerplate import is_boilerplate_at
from .errors import TranscriptQAError
from .layout import Paragraph, paragraphs
from .records import Chunk, Transcript
from .sentences import sentence_spans
from .tokenspans import TokenSpans

_ASK = object()  # chunk_transcript's default: ask the tokenizer for the text's token spans


class Tokenizer(Protocol):
    """What chunking needs of the embedding model's tokenizer."""

    special_tokens: int  # added to every text ([CLS], [SEP], ...)

    def count(self, texts: list[str]) -> list[int]:
        """Tokens of each text, special tokens excluded."""

    def offsets(self, text: str) -> list[tuple[int, int]]:
        """Character span of each token of `text`, special tokens excluded."""


@dataclass(frozen=True)
class ChunkSettings:
    max_tokens: int = 128  # per chunk, special tokens included
    overlap_sentences: int = 1

    def __post_init__(self):
        if not isinstance(self.max_tokens, int) or not 16 <= self.max_tokens <= 8192:
            raise TranscriptQAError(f"chunk size must be a whole number of tokens from 16 to 8192, not {self.max_tokens!r}")
        if not isinstance(self.overlap_sentences, int) or not 0 <= self.overlap_sentences <= 3:
            raise TranscriptQAError(f"chunk overlap must be 0, 1, 2 or 3 sentences, not {self.overlap_sentences!r}")

    def fitted_to(self, model_max_tokens: int | None) -> "ChunkSettings":
        """These settings, refused if the model cannot read a whole chunk."""
        if model_max_tokens and self.max_tokens > model_max_tokens:
            raise TranscriptQAError(
                f"chunk size {self.max_tokens} is over the model's limit of {model_max_tokens} tokens; "
                f"use --chunk-tokens {model_max_tokens} or less"
            )
        return self


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    tokens: int
    sentence: tuple[int, int]  # the sentence it is, or is a cut of


@dataclass(frozen=True)
class Chunked:
    """A transcript's chunks, and the spans of the sentences inside them, each once, in order: the
    sentences chunking packed, a sentence cut between chunks counted as its part in each."""

    chunks: list[Chunk]
    sentences: list[tuple[int, int]]


def chunk_transcript(transcript: Transcript, paras: tuple[Paragraph, ...], tokenizer: Tokenizer,
                     settings: ChunkSettings, spans: TokenSpans | None = _ASK) -> list[Chunk]:
    """The chunks of one transcript. `spans`: its tokens from one call over the whole text, when
    the tokenizer can give them (see `token_spans`); by default asked of the tokenizer here."""
    return chunk_and_split(transcript, paras, tokenizer, settings, spans).chunks


def chunk_and_split(transcript: Transcript, paras: tuple[Paragraph, ...], tokenizer: Tokenizer,
                    settings: ChunkSettings, spans: TokenSpans | None = _ASK) -> Chunked:
    """The chunks of one transcript and the sentences inside them, as `chunk_transcript`."""
    text = transcript.text
    if spans is _ASK:
        spans = token_spans(tokenizer, [text])[0]
    counter = _Counter(text, tokenizer, spans)
    budget = settings.max_tokens - tokenizer.special_tokens
    index = _Paragraphs(paras)
    # Every sentence of every turn first, so that the tokenizer is asked once for all of them.
    runs = [(turn_index, [sentence for a, b in run for sentence in sentence_spans(text, a, b)])
            for turn_index, turn in enumerate(transcript.turns)
            for run in _turn_runs(text, index, turn.start, turn.end)]
    counts = iter(counter.counts([s for _, sentences in runs for s in sentences]))
    groups = []
    for turn_index, sentences in runs:
        pieces: list[_Piece] = []
        for (a, b), n in zip(sentences, counts):
            if n <= budget:
                pieces.append(_Piece(a, b, n, (a, b)))
            else:
                pieces.extend(_cut(text, a, b, counter.offsets(a, b), budget))
        groups.extend((turn_index, g) for g in _pack(pieces, budget, settings.overlap_sentences))
    bodies = [(g[0].start, g[-1].end) for _, g in groups]
    # A sentence cut over chunks is stored as its part inside each chunk, as the chunk shows it.
    inside = {(max(a, start), min(b, end)) for (_, g), (start, end) in zip(groups, bodies)
              for a, b in dict.fromkeys(p.sentence for p in g)}
    chunks: list[Chunk] = []
    questions: dict[int, str | None] = {}
    for (turn_index, _), (start, end), n in zip(groups, bodies, counter.counts(bodies)):
        turn = transcript.turns[turn_index]
        if turn_index not in questions:
            q = transcript.turns[turn.question_turn] if turn.question_turn is not None else None
            questions[turn_index] = text[q.start:q.end].strip() if q is not None else None
        body = text[start:end]
        chunks.append(Chunk(
            id=chunk_id(transcript.doc_id, start, end, body),
            doc_id=transcript.doc_id, start=start, end=end, text=body,
            speaker=turn.speaker, role=turn.role, turn_index=turn_index,
            question=questions[turn_index], tokens=n + tokenizer.special_tokens,
        ))
    return Chunked(chunks, sorted(inside))


def chunk_transcripts(transcripts: list[Transcript], tokenizer: Tokenizer, settings: ChunkSettings,
                      ahead: bool = True) -> Iterator[Chunked]:
    """The chunks and sentences of each transcript in turn, their texts tokenized whole, many
    transcripts per call.

    `ahead`: the next batch is tokenized on another thread while this one is chunked (the tokenizer
    runs without the interpreter lock, so on two cores its time is mostly hidden)."""
    batches, batch, size = [], [], 0
    for t in transcripts:
        batch.append(t)
        size += len(t.text)
        if size >= _BATCH_CHARS:
            batches.append(batch)
            batch, size = [], 0
    if batch:
        batches.append(batch)
    if not batches:
        return
    with ThreadPoolExecutor(max_workers=1) if ahead else nullcontext() as pool:
        def tokenized(batch):
            texts = [t.text for t in batch]
            return pool.submit(token_spans, tokenizer, texts) if pool else _Done(token_spans(tokenizer, texts))

        coming = tokenized(batches[0])
        for k, batch in enumerate(batches):
            spans = coming.result()
            if k + 1 < len(batches):
                coming = tokenized(batches[k + 1])
            for t, s in zip(batch, spans):
                yield chunk_and_split(t, paragraphs(t.text), tokenizer, settings, s)


class _Done:
    def __init__(self, value):
        self._value = value

    def result(self):
        return self._value


_BATCH_CHARS = 200_000  # text tokenized per call: a few transcripts, so that the next is ready in time


def token_spans(tokenizer: Tokenizer, texts: list[str]) -> list[TokenSpans | None]:
    """The tokens of each whole text, when the tokenizer can give them (`token_spans`); else None."""
    whole = getattr(tokenizer, "token_spans", None)
    return whole(texts) if whole is not None else [None] * len(texts)


def chunk_id(doc_id: str, start: int, end: int, text: str) -> str:
    digest = hashlib.sha1(f"{doc_id}\0{start}\0{end}\0{text}".encode("utf-8"))
    return digest.hexdigest()[:16]


class _Counter:
    """Token counts of spans of one text: read off its whole-text tokens where that gives the
    model's own count, the rest asked of the tokenizer in one call."""

    def __init__(self, text: str, tokenizer: Tokenizer, spans: TokenSpans | None):
        self._text, self._tokenizer, self._spans = text, tokenizer, spans

    def counts(self, spans: list[tuple[int, int]]) -> list[int]:
        if not spans:
            return []
        counts = self._spans.counts(spans) if self._spans is not None else [None] * len(spans)
        ask = [i for i, n in enumerate(counts) if n is None]
        if ask:
            for i, n in zip(ask, self._tokenizer.count([self._text[spans[i][0]:spans[i][1]] for i in ask])):
                counts[i] = n
        return counts

    def offsets(self, start: int, end: int) -> list[tuple[int, int]]:
        found = self._spans.offsets(start, end) if self._spans is not None else None
        if found is not None:
            return found
        return [(start + a, start + b) for a, b in self._tokenizer.offsets(self._text[start:end])]


def _turn_runs(text, paras: "_Paragraphs", start, end) -> list[list[tuple[int, int]]]:
    """The turn's paragraphs, in runs broken wherever page furniture sits between them."""
    runs: list[list[tuple[int, int]]] = [[]]
    for p in paras.overlapping(start, end):
        s, e = max(p.start, start), min(p.end, end)
        if s >= e:
            continue
        if is_boilerplate_at(text, p.start, p.end):
            runs.append([])
        else:
            runs[-1].append((s, e))
    return [r for r in runs if r]


class _Paragraphs:
    """A transcript's paragraphs, found by bisection when they are in order (as `paragraphs` gives them)."""

    def __init__(self, paras: tuple[Paragraph, ...]):
        self._paras = paras
        ordered = all(a.start <= b.start and a.end <= b.end for a, b in zip(paras, paras[1:]))
        self._ends = [p.end for p in paras] if ordered else None

    def overlapping(self, start: int, end: int):
        """The paragraphs that may overlap `start:end`, in order."""
        if self._ends is None:
            return self._paras
        i = j = bisect.bisect_right(self._ends, start)
        while j < len(self._paras) and self._paras[j].start < end:
            j += 1
        return self._paras[i:j]


def _cut(text, start, end, offsets, budget) -> list[_Piece]:
    """Cut an over-long sentence at token boundaries, at a comma when one is near."""
    pieces, i = [], 0
    while i < len(offsets):
        j = min(i + budget, len(offsets)) - 1
        if j < len(offsets) - 1:
            floor = i + budget // 2
            for k in range(j, floor - 1, -1):
                if text[offsets[k][1] - 1] in ",;:，；：":
                    j = k
                    break
        a, b = offsets[i][0], offsets[j][1]
        pieces.append(_Piece(a, b, j - i + 1, (start, end)))
        i = j + 1
    return pieces


def _pack(pieces: list[_Piece], budget: int, overlap: int) -> list[list[_Piece]]:
    if not pieces:
        return []
    total = sum(p.tokens for p in pieces)
    # Aim for equal chunks rather than full ones followed by a scrap.
    target = total / max(1, math.ceil(total / budget))
    groups: list[list[_Piece]] = []
    current: list[_Piece] = []
    size = 0
    fresh = 0  # pieces in `current` not carried over from the previous chunk
    for piece in pieces:
        # +1 per join: the tokenizer may split at the seam between sentences.
        if current and fresh and (size + piece.tokens + len(current) > budget or size >= target):
            groups.append(current)
            carry = current[-overlap:] if overlap and len(current) > overlap else []
            if sum(p.tokens for p in carry) > budget // 4 or sum(p.tokens for p in carry) + piece.tokens + 1 > budget:
                carry = []
            current, size, fresh = list(carry), sum(p.tokens for p in carry), 0
        current.append(piece)
        size += piece.tokens
        fresh += 1
    groups.append(current)
    return groups
