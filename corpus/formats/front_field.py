"""A page whose front matter holds the transcript: a static site's video page keeps it in a field
(`transcript: >-` then the words as HTML, each word in a `<span m="19220">` timed in milliseconds, as
course sites publish an interactive transcript), and the page's body is empty.

The field's paragraphs (`<p>`, or blank-line blocks where it holds plain text) are read as captions are: a `NAME:` opening one names who speaks from
there on (`cues`), and a paragraph is timed by its first timed word. Each is cited at the line of the
file where its `<p>` stands.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace

from ..metadata import front_matter_end, front_matter_fields
from .cues import Cue, utterances
from .spoken import name_title, spoken_reading
from . import Reading

_FIELDS = ("transcript", "transcription", "captions")
_LEAST_WORDS = 100  # a field this long is the transcript, not a summary of it
_BODY_WORDS = 20  # a body with more words than this is the page's own text: read as Markdown
_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)(?:</p\s*>|(?=<p\b)|\Z)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_OPENING_LABEL = re.compile(r"([A-Z][A-Z .'’-]{1,40}):\s")  # `PATRICK WINSTON: ...`, `STUDENT: ...`
_MILLISECONDS = re.compile(r"""\b(?:data-)?m\s*=\s*["'](\d+)["']""")


def read_front_transcript(text: str, name: str, fmt: str, encoding: str) -> Reading | None:
    """The transcript a front matter field holds, or None when the page keeps none there."""
    end = front_matter_end(text)
    if not end or len(text[end:].split()) > _BODY_WORDS:
        return None
    fields = front_matter_fields(text) or {}
    key = next((k for k in _FIELDS if isinstance(fields.get(k), str) and len(fields[k].split()) >= _LEAST_WORDS), None)
    if key is None:
        return None
    value = fields[key]
    blocks = [m.group(1) for m in _PARAGRAPH.finditer(value)] or value.split("\n\n")
    lines = _paragraph_lines(text[:end], key, blocks)
    said_in = [" ".join(html.unescape(_TAG.sub(" ", block)).split()) for block in blocks]
    # A label that opens a paragraph names a speaker wherever it follows a sentence's end inside one too
    # ("Yeah. PROFESSOR: Is there ..."): the paragraph is cut there, as captions cut a cue.
    opening = {m.group(1) for words in said_in if (m := _OPENING_LABEL.match(words))}
    cut = re.compile(rf"(?<=[.?!\-]) (?=(?:{'|'.join(map(re.escape, sorted(opening)))}):\s)") if opening else None
    cues = []
    for block, words, line in zip(blocks, said_in, lines):
        if not words:
            continue
        times = [int(t) / 1000 for t in _MILLISECONDS.findall(block)]
        start, stop = (times[0], times[-1]) if times else (0.0, 0.0)
        parts = tuple(cut.split(words)) if cut else (words,)
        cues.append(Cue(start=start, end=max(start, stop), line=line, lines=parts))
    if not cues:
        return None
    said = utterances(cues)
    if not any(_MILLISECONDS.search(b) for b in blocks):
        said = [replace(u, time=None) for u in said]
    title = fields.get("title") if isinstance(fields.get("title"), str) else None
    return spoken_reading(f"{fmt} (a transcript in its front matter)", said, title=title or name_title(name),
                          encoding=encoding)


def _paragraph_lines(front: str, key: str, blocks: list[str]) -> list[int]:
    """The 1-based line where each block stands in the front matter's field `key`, in order: its `<p>`, or
    where its first words are written (a field of plain text); the line before, where neither is found."""
    field = re.search(rf"^{re.escape(key)}[ \t]*:", front, re.IGNORECASE | re.MULTILINE)
    start = field.start() if field else 0
    marks = [m.start() for m in re.finditer(r"<p\b", front[start:], re.IGNORECASE)]
    places, at = [], start
    for k, block in enumerate(blocks):
        if marks:
            at = start + marks[min(k, len(marks) - 1)]
        else:
            opening = " ".join(block.split()[:3])
            found = front.find(opening, at) if opening else -1
            at = found if found >= 0 else at
        places.append(front.count("\n", 0, at) + 1)
    return places


__all__ = ["read_front_transcript"]
