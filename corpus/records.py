"""Plain records the corpus stage produces; every offset indexes `Transcript.text`."""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("host", "official", "reporter", "narrator")


@dataclass(frozen=True)
class Period:
    """A reporting period a transcript covers, e.g. the first quarter of 2023."""

    start: str  # ISO date, first day
    end: str  # ISO date, last day
    label: str  # as written, e.g. "first quarter of 2023"


@dataclass(frozen=True)
class Turn:
    """One speaker's uninterrupted words: `text[start:end]`, label excluded."""

    speaker: str | None
    role: str
    start: int
    end: int
    label: str | None = None  # the label as written, title included
    question_turn: int | None = None  # index of the reporter turn this answers


@dataclass(frozen=True)
class Transcript:
    doc_id: str  # path relative to the corpus folder, POSIX separators
    path: str
    title: str
    date: str | None  # ISO date the words were said, when the text says so
    text: str  # the file's decoded text, unchanged
    turns: tuple[Turn, ...]
    published: str | None = None  # the document's own dateline, if any
    period: Period | None = None
    encoding: str = "utf-8"
    sha256: str = ""  # of the file's bytes, to tell when it changed
    size: int = 0  # bytes on disk


@dataclass(frozen=True)
class Chunk:
    """A verbatim span of one turn: `transcript.text[start:end] == text`."""

    id: str
    doc_id: str
    start: int
    end: int
    text: str
    speaker: str | None
    role: str
    turn_index: int
    question: str | None  # the reporter question this chunk answers, if any
    tokens: int = 0


@dataclass(frozen=True)
class Skipped:
    """A file the corpus reader could not use, and why."""

    file: str
    reason: str
