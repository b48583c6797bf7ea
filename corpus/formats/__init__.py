"""Readers, one per file format: bytes in, the transcript's text and what the format says of it out.

Plain text and Markdown are indexed as the file holds them; the speaker layouts are
found in the text afterwards (`corpus.speakers`). Every other format is read with a
maintained library, and its reader writes the transcript's text itself: the spoken
words with timings and markup removed, turns already known, and segments mapping
the text back to the file's lines, pages and times.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable

from ..errors import DecodeError
from ..records import Segment, SetAside, Turn


@dataclass(frozen=True)
class Reading:
    """What a reader makes of one file."""

    format: str  # a name from FORMATS, with what the reader saw in brackets: "pdf (12 pages)"
    text: str  # the transcript's text, as indexed and quoted
    turns: tuple[Turn, ...] | None = None  # None: the speaker layouts are found in `text`
    segments: tuple[Segment, ...] = ()
    title: str | None = None  # when the format states one
    date: str | None = None  # ISO, when the format states one
    encoding: str = "utf-8"
    set_aside: tuple[SetAside, ...] = ()  # furniture the reader removed from `text` (headers, footers)


Reader = Callable[[bytes, str], Reading]

# How a file was read: Reading.format and Transcript.format start with one of these.
FORMATS = ("text", "markdown", "pdf", "webvtt", "srt", "json", "csv", "hansard", "akoma-ntoso", "tei", "ohms", "html", "docx",
           "xml")


def _readers() -> dict[str, Reader]:
    # Each reader imports its library inside `read`, so reading plain text loads none of them.
    from . import hansard, pdf, plain, speech_json, subrip, table, vtt, webpage, word

    return {".txt": plain.read, ".md": plain.read, ".markdown": plain.read, ".rst": plain.read, ".log": plain.read,
            ".tsv": plain.read,
            ".pdf": pdf.read,
            ".vtt": vtt.read, ".srt": subrip.read, ".json": speech_json.read, ".csv": table.read, ".xml": hansard.read,
            ".html": webpage.read, ".htm": webpage.read, ".docx": word.read}


# Suffix -> reader. Imported lazily by `reader_for`, so reading plain text loads no PDF or HTML library.
SUFFIXES = (".txt", ".md", ".markdown", ".rst", ".log", ".tsv", ".csv", ".pdf", ".vtt", ".srt", ".json", ".xml", ".html", ".htm",
            ".docx")


def reader_for(name: str) -> Reader:
    suffix = PurePath(name).suffix.lower()
    readers = _readers()
    if suffix not in readers:
        raise DecodeError(f"{suffix or 'a file without a suffix'} is not a transcript format this reads; "
                          f"use one of {', '.join(SUFFIXES)}")
    return readers[suffix]


def read_file_bytes(data: bytes, name: str) -> Reading:
    """Read `data`, the bytes of a file called `name`; raises DecodeError saying why it cannot be."""
    return reader_for(name)(data, name)
