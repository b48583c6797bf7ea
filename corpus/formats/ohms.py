"""Oral histories in OHMS XML, the Oral History Metadata Synchronizer's export many archives publish.

The record holds the interview's title and date, and its transcript as one escaped text
element: speakers' labels (`INES:`) opening paragraphs, blank lines between them,
footnotes after `[[footnotes]]`. The transcript's words are read as text (entities
decoded), the labels are found by the plain-text speaker layouts, and each paragraph
cites the file line its words stand on. The `<sync>` field says at which transcript line
each minute of the recording begins (`1:|25(2)|40(7)`: every minute; minute 1 at line 25,
minute 2 at line 40); a paragraph's time is the minute it starts in. The footnotes are
the editor's, not speech: set aside.
"""

from __future__ import annotations

import bisect
import html
import re

from ..records import Segment, SetAside
from . import Reading

_MARK = re.compile(r"<ROOT\b[^>]*nunncenter/ohms|<record\b[^>]*>\s*<version>", re.IGNORECASE)
_TRANSCRIPT = re.compile(r"<transcript>(?P<body>.*?)</transcript>", re.DOTALL)
_TITLE = re.compile(r"<title>(?P<title>[^<]*)</title>")
_DATE = re.compile(r"<date\s+value=\"(?P<date>\d{4}-\d{2}-\d{2})\"")
_SYNC = re.compile(r"<sync>(?P<interval>\d+):(?P<points>[^<]*)</sync>")
_POINT = re.compile(r"(\d+)\(\d+\)")
_FOOTNOTES = "[[footnotes]]"
_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n(?![ \t\r]*(?:\n|\Z))[^\n]*)*")  # lines up to a blank one


def read_ohms(text: str, fmt: str, encoding: str) -> Reading | None:
    """The interview in `text`, or None when `text` is not an OHMS record."""
    if "<transcript>" not in text or not _MARK.search(text[:4000]):
        return None
    m = _TRANSCRIPT.search(text)
    if not m:
        return None
    start, body = m.start("body"), m.group("body")
    cut = body.find(_FOOTNOTES)
    spoken = body if cut < 0 else body[:cut]
    minute_lines, interval = _minutes(text)
    out, segments, at = [], [], 0
    for p in _PARAGRAPH.finditer(spoken):
        words = " ".join(html.unescape(p.group()).split())
        if not words:
            continue
        line = text.count("\n", 0, start + p.start()) + 1
        body_line = spoken.count("\n", 0, p.start()) + 1
        if out:
            at += 2
        out.append(words)
        minute = bisect.bisect_right(minute_lines, body_line)
        seconds = float(60 * minute * interval) if minute_lines else None
        segments.append(Segment(at, at + len(words), line, time=(seconds, seconds) if seconds is not None else None))
        at += len(words)
    if not out:
        return None
    aside = ()
    if cut >= 0:
        first = text.count("\n", 0, start + cut) + 1
        aside = tuple(SetAside(first + k, ln.strip(), "footnotes")
                      for k, ln in enumerate(body[cut:].split("\n")) if html.unescape(ln).strip())
    title = _TITLE.search(text)
    date = _DATE.search(text)
    return Reading(format=f"{fmt} ({'oral history' if fmt == 'ohms' else 'OHMS oral history'})", text="\n\n".join(out), segments=tuple(segments),
                   title=html.unescape(title.group("title")).strip() or None if title else None,
                   date=date.group("date") if date else None, encoding=encoding, set_aside=aside)


def _minutes(text: str) -> tuple[list[int], int]:
    """The transcript line each interval of the recording begins at, in order, and the interval in minutes."""
    m = _SYNC.search(text)
    return ([int(n) for n in _POINT.findall(m.group("points"))], int(m.group("interval"))) if m else ([], 1)
