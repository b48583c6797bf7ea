"""Chunks: verbatim spans inside one speaker turn, sized in the model's own tokens.

Sentences are packed into chunks of roughly equal size, never over the budget;
a sentence longer than the budget is cut at a token boundary, preferring a comma.
Consecutive chunks of a turn share one short sentence so an answer split across
the cut is still found whole in one of them.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import Protocol

from .boilerplate import is_boilerplate
from .errors import TranscriptQAError
from .layout import Paragraph
from .records import Chunk, Transcript
from .sentences import sentence_spans


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


def chunk_transcript(transcript: Transcript, paras: tuple[Paragraph, ...], tokenizer: Tokenizer,
                     settings: ChunkSettings) -> list[Chunk]:
    text = transcript.text
    budget = settings.max_tokens - tokenizer.special_tokens
    chunks: list[Chunk] = []
    for turn_index, turn in enumerate(transcript.turns):
        question = None
        if turn.question_turn is not None:
            q = transcript.turns[turn.question_turn]
            question = text[q.start:q.end].strip()
        groups = [g for run in _turn_runs(text, paras, turn.start, turn.end)
                  for g in _pack(_pieces(text, run, tokenizer, budget), budget, settings.overlap_sentences)]
        for group in groups:
            start, end = group[0].start, group[-1].end
            body = text[start:end]
            tokens = tokenizer.count([body])[0] + tokenizer.special_tokens
            chunks.append(Chunk(
                id=chunk_id(transcript.doc_id, start, end, body),
                doc_id=transcript.doc_id, start=start, end=end, text=body,
                speaker=turn.speaker, role=turn.role, turn_index=turn_index,
                question=question, tokens=tokens,
            ))
    return chunks


def chunk_id(doc_id: str, start: int, end: int, text: str) -> str:
    digest = hashlib.sha1(f"{doc_id}\0{start}\0{end}\0{text}".encode("utf-8"))
    return digest.hexdigest()[:16]


def _turn_runs(text, paras, start, end) -> list[list[tuple[int, int]]]:
    """The turn's paragraphs, in runs broken wherever page furniture sits between them."""
    runs: list[list[tuple[int, int]]] = [[]]
    for p in paras:
        s, e = max(p.start, start), min(p.end, end)
        if s >= e:
            continue
        if is_boilerplate(text[p.start:p.end]):
            runs.append([])
        else:
            runs[-1].append((s, e))
    return [r for r in runs if r]


def _pieces(text, spans, tokenizer, budget) -> list[_Piece]:
    sentences = [s for a, b in spans for s in sentence_spans(text, a, b)]
    counts = tokenizer.count([text[a:b] for a, b in sentences]) if sentences else []
    pieces: list[_Piece] = []
    for (a, b), n in zip(sentences, counts):
        if n <= budget:
            pieces.append(_Piece(a, b, n))
        else:
            pieces.extend(_cut(text, a, b, tokenizer, budget))
    return pieces


def _cut(text, start, end, tokenizer, budget) -> list[_Piece]:
    """Cut an over-long sentence at token boundaries, at a comma when one is near."""
    offsets = [(start + a, start + b) for a, b in tokenizer.offsets(text[start:end])]
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
        pieces.append(_Piece(a, b, j - i + 1))
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
