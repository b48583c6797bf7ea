"""Where a span of a transcript's text lies in the file it came from: line, page, time.

A transcript's segments (see `Segment`) are sorted by offset. The line of an
offset is its segment's first line plus the line breaks between the two; with no
segment before it, the text is the file's own and lines are counted from the top.
Words before the first segment on their line of text (a label the reader wrote)
belong to that segment.
The page and time of an offset are those of the last segment before it that has
one: a timestamp written in a plain transcript holds until the next.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from .records import Segment, Time, Transcript, Turn


@dataclass(frozen=True)
class Place:
    """Where `text[start:end]` lies in the source file."""

    line_start: int
    line_end: int
    page: int | None
    time: Time | None


class SourceMap:
    """Offsets of one transcript's text mapped to lines, pages and times of its file."""

    def __init__(self, text: str, segments: tuple[Segment, ...] = ()):
        self._segments = tuple(sorted(segments, key=lambda s: s.start))
        self._starts = [s.start for s in self._segments]
        self._paged = [i for i, s in enumerate(self._segments) if s.page is not None]
        self._timed = [i for i, s in enumerate(self._segments) if s.time is not None]
        self._newlines = [m.start() for m in re.finditer("\n", text)]

    @classmethod
    def of(cls, transcript: Transcript) -> "SourceMap":
        return cls(transcript.text, transcript.segments)

    def line(self, offset: int) -> int:
        i = self._owner(offset)
        base_line, base = (self._segments[i].line, self._segments[i].start) if i >= 0 else (1, 0)
        return base_line + self._breaks(min(base, offset), offset)

    def page(self, offset: int) -> int | None:
        seg = self._last(self._paged, offset)
        return seg.page if seg else None

    def time(self, start: int, end: int) -> Time | None:
        """From the time of the segment `start` lies in to the end time of the one `end` closes."""
        first = self._last(self._timed, start)
        if first is None:
            return None
        last = self._last(self._timed, max(start, end - 1)) or first
        return (first.time[0], max(first.time[0], last.time[1]))

    def place(self, start: int, end: int) -> Place:
        return Place(self.line(start), self.line(max(start, end - 1)), self.page(start), self.time(start, end))

    def placed(self, turn: Turn) -> Turn:
        """`turn` with the page it starts on and the time it spans, where the source gives them."""
        return replace(turn, page=turn.page if turn.page is not None else self.page(turn.start),
                       time=turn.time if turn.time is not None else self.time(turn.start, turn.end))

    def _breaks(self, start: int, end: int) -> int:
        return bisect.bisect_left(self._newlines, end) - bisect.bisect_left(self._newlines, start)

    def _owner(self, offset: int) -> int:
        """Index of the segment `offset` belongs to; -1 for text before every segment.

        Words a reader wrote before the first segment of their line of text (a speaker's
        label) belong to that segment."""
        i = bisect.bisect_right(self._starts, offset) - 1
        j = i + 1
        if (j < len(self._segments) and not self._breaks(offset, self._segments[j].start)
                and (i < 0 or self._breaks(self._segments[i].start, offset))):
            return j
        return i

    def _last(self, subset: list[int], offset: int) -> Segment | None:
        """The last segment of `subset` (indexes into the segments) at or before `offset`'s owner."""
        i = self._owner(offset)
        j = bisect.bisect_right(subset, i) - 1
        return self._segments[subset[j]] if j >= 0 else None


def clock(seconds: float) -> str:
    """00:12:34 for 754.2 seconds: how a citation names a moment of a recording."""
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
