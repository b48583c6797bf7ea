"""Plain records the corpus stage produces; every offset indexes `Transcript.text`."""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("host", "official", "reporter", "narrator")

# (start, end) in seconds from the start of the recording.
Time = tuple[float, float]


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
    question_turn: int | None = None  # index of the turn whose question this answers
    time: Time | None = None  # when it was said, for timed transcripts
    page: int | None = None  # the page it starts on, for paginated ones


@dataclass(frozen=True)
class Segment:
    """Where a stretch of `Transcript.text` came from in the file it was read from.

    Plain text is indexed as the file holds it and needs segments only to carry
    times written in the text. Other formats (captions, PDF, a line-numbered court
    transcript) are indexed as the words the reader extracted; their segments,
    starting at offset 0, map every stretch back to its line, page and time.
    """

    start: int  # offsets into Transcript.text
    end: int
    line: int  # 1-based line of the file where the stretch starts
    page: int | None = None
    time: Time | None = None


@dataclass(frozen=True)
class SetAside:
    """Something of the file a furniture rule kept out of every turn: a page header, a footer,
    a breadcrumb. Recorded so that no words disappear unseen (`parse` and the build summary show them)."""

    line: int  # 1-based line of the file
    text: str  # what was set aside, as written (one line)
    reason: str  # the rule, in a few words: "page header", "page footer", "navigation"


@dataclass(frozen=True)
class Transcript:
    doc_id: str  # path relative to the corpus folder, POSIX separators
    path: str
    title: str
    date: str | None  # ISO date the words were said, when the text says so
    text: str  # what was said, as indexed: the decoded file for plain text, the extracted words otherwise
    turns: tuple[Turn, ...]
    published: str | None = None  # the document's own dateline, if any
    period: Period | None = None
    encoding: str = "utf-8"
    sha256: str = ""  # of the file's bytes, to tell when it changed
    size: int = 0  # bytes on disk
    format: str = "text"  # how the file was read; see corpus.formats
    segments: tuple[Segment, ...] = ()  # where stretches of `text` lie in the file (lines, pages, times)
    set_aside: tuple[SetAside, ...] = ()  # furniture kept out of the turns, in file order


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


@dataclass(frozen=True)
class Label:
    text: str  # as written, title included
    kind: str  # "person", "title", "reporter" or "note" (not speech: `Break:`)
    name: str | None  # a person's name, when the label has one
    content_start: int  # where the words begin; equals the paragraph end when alone
