"""Times written in a plain transcript, beside a speaker's label or opening a paragraph.

Exporters write them as `[00:01:23] Name:`, `Name  0:03` or `Name (00:01:23):` on
a line of its own, `**Name:** \\[12:21\\]` in Markdown, or `\\[07:58\\]` opening a
paragraph. Each becomes a segment at its paragraph, so the turn and the passages
after it are cited at that time until the next one.
"""

from __future__ import annotations

from .records import Segment


def time_marks(text: str) -> tuple[Segment, ...]:
    """One segment per paragraph that carries a time, in order."""
    return ()
