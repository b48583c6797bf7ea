"""Times written in a plain transcript, beside a speaker's label or opening a paragraph.

Exporters write them as `[00:01:23] Name:`, `Name  0:03` or `Name (00:01:23):` on
a line of its own, `**Name:** \\[12:21\\]` in Markdown, or `\\[07:58\\]` opening a
paragraph. Each becomes a segment at its paragraph, so the turn and the passages
after it are cited at that time until the next one.

Only a time in brackets, one closing a short name line, or one standing alone as a
paragraph (a page that sets `01:26` above each speaker), is read as a moment of the
recording: a time of day in a sentence ("at 1:59 P.M.") is not.
"""

from __future__ import annotations

import re

from .layout import LineIndex, paragraphs
from .records import Segment

_SPACE = r"[ \t\u00a0]"
# 1:02:03, 01:02:03.250, 12:21, 0:03
CLOCK = r"(?:\d{1,2}:)?[0-5]?\d:[0-5]\d(?:[.,]\d{1,3})?"
# A time as exporters enclose it: [00:01:23], \[12:21\] (Markdown-escaped), (00:01:23).
# Days, hours, minutes and seconds from a start, as a mission's log counts them: [01:04:30:12.5].
_DAYS_CLOCK = r"\d{1,3}:[0-2]?\d:[0-5]?\d:[0-5]\d(?:[.,]\d{1,3})?"
_ANY_CLOCK = re.compile(rf"{_DAYS_CLOCK}|{CLOCK}")
# The word before it in some (`[Time 1:14:11]`, `[Timestamp: 00:12]`).
BRACKETED = (rf"(?:\\?\[{_SPACE}*(?:(?i:time(?:stamp)?):?{_SPACE}+)?(?:{_DAYS_CLOCK}|{CLOCK}){_SPACE}*\\?\]"
             rf"|\({_SPACE}*{CLOCK}{_SPACE}*\))")
# A bracketed time opening a paragraph, with the spaces after it.
# With a link after it, `[55:16](url)`, or set in bold, `**(00:04:06)**`, as a paragraph that goes on a turn is timed.
LEADING_TIME = re.compile(rf"{_SPACE}*(?P<bold>\*\*|__)?{BRACKETED}(?:\([^()\s]*\))?(?(bold)(?P=bold)){_SPACE}*")
# The same inside the bold of the label it opens: `**[00:14] SPEAKER_00:** text`, as a transcription service writes it.
TIME_IN_BOLD_LABEL = re.compile(rf"{_SPACE}*(?:\*\*|__){_SPACE}*{BRACKETED}{_SPACE}+(?=[^\s*_])")
# A short label beside the time, the colon before it or after it:
# `**Name:** \\[12:21\\] text`, `Name (00:01:23): text`, `**Name** (00:01:23): text`, `Name (00:01:23) - text`,
# `Name (00:01:23)` alone on its line.
# What closes a label beside its time: a colon, or a dash before the words (`Name (00:01:23) - text`).
TIMED_LABEL_END = rf"(?:[:：]|[-–—](?={_SPACE}))"
_NAME = r"(?:\*\*|__)?(?P<name>[A-Z][^\n:：?!\[\]()*]{0,160}?)"
_BOLD = r"(?:\*\*|__)?"
_LABEL_THEN_TIME = (
    re.compile(rf"{_SPACE}*{_NAME}{_SPACE}*{_BOLD}{_SPACE}*[:：]{_SPACE}*{_BOLD}{_SPACE}*(?P<time>{BRACKETED})"),
    re.compile(rf"{_SPACE}*{_NAME}{_BOLD}{_SPACE}*(?P<time>{BRACKETED}){_SPACE}*{_BOLD}{_SPACE}*(?:{TIMED_LABEL_END}|$)",
               re.MULTILINE),
)
# A label, its colon, then a time unbracketed closing the line: `Name: 00:00:07`.
_LABEL_THEN_CLOCK = re.compile(rf"{_SPACE}*{_NAME}{_SPACE}*{_BOLD}{_SPACE}*[:：]{_SPACE}*{_BOLD}{_SPACE}*(?P<time>{CLOCK})")
# A paragraph of nothing but a time, unbracketed: `01:26`, `1:02:03`.
_CLOCK_ALONE = re.compile(rf"{_SPACE}*{CLOCK}{_SPACE}*")
# A time unbracketed alone where a label's words would begin, closing its line.
CLOCK_CLOSING_LINE = re.compile(rf"{_SPACE}*{CLOCK}{_SPACE}*(?=\n|$)")
# A bold line holding a time and then the speaker, the words below it: `**00:01:39 MS. HOLM**`.
BOLD_TIMED_LINE = re.compile(rf"{_SPACE}*(?:\*\*|__){_SPACE}*(?P<time>{CLOCK}){_SPACE}+(?P<name>[^*_\n]{{1,80}}?)"
                             rf"{_SPACE}*(?:\*\*|__){_SPACE}*")
# A bold closing: its marker, then a space or the end.
_BOLD_CLOSED = re.compile(r"(?:\*\*|__)(?=\s|$)")
# An Otter line: the speaker, two spaces or more, and the time closing the line; the name may be set in bold,
# as a page that pastes the export writes it (`**Ada Brook**  0:07`).
OTTER_LINE = re.compile(rf"(?P<bold>\*\*|__)?(?P<name>[A-Z][^\n:：.?!\[\]()*]{{0,80}}?)(?(bold)(?P=bold))"
                        rf"{_SPACE}{{2,}}(?P<time>{CLOCK})")
# A time of day standing alone, as a transcript opens or closes ("1:59 P.M. EDT", "END 2:21 P.M."):
# when the words were said, not a moment of a recording and not words said.
_TIME_OF_DAY = re.compile(
    r"(?:END[ \t\u00a0]+)?\d{1,2}[:.]\d{2}[ \t\u00a0]*(?:[AP]\.?[ \t\u00a0]?M\.?)?(?:[ \t\u00a0]*[A-Z]{2,4})?",
    re.IGNORECASE,
)
_PARTICLES = frozenset("de da del der di du la le van von bin al".split())
_CLOCK_PARTS = re.compile(r"(?:(\d+):)?(?:(\d+):)?(\d+):(\d+)(?:[.,](\d+))?")


def time_marks(text: str) -> tuple[Segment, ...]:
    """One segment per paragraph that carries a time, in order."""
    lines = LineIndex(text)
    marks: list[Segment] = []
    for para in paragraphs(text):
        t = paragraph_time(text[para.start:para.end])
        if t is not None:
            marks.append(Segment(para.start, para.end, lines.line_of(para.start), time=(t, t)))
    return tuple(marks)


def time_alone(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` holds a time and nothing else (`[00:12:04]`, `[Time 1:14:11]`, or `01:26` as
    a page sets the time above each speaker): no one's words, but the time of the turns after it."""
    if text.startswith(("[", "\\[", "("), start):
        return LEADING_TIME.fullmatch(text, start, end) is not None or _VIDEO_MOMENT.fullmatch(text, start, end) is not None
    return _CLOCK_ALONE.fullmatch(text, start, end) is not None


# A line that is only a link to a moment of the video (a keyframe's thumbnail, `[![Frame 40](img)](url&t=40)`,
# or `[0:40](url?t=40)`), as a talk's write-up sets one between its paragraphs: the time of the words after it.
_VIDEO_MOMENT = re.compile(r"[ \t]*\[(?:!\[[^\]\n]*\]\([^)\s]*\)|[^\]\n]*)\]"
                           r"\([^)\s]*[?&#]t=(?P<seconds>\d+(?:\.\d+)?)s?(?:&[^)\s]*)?\)[ \t]*")


def _label_length(name: str) -> bool:
    """Whether a label beside a time is a label's length, not a sentence's: six words, or a record's parts set
    apart (`Body · Role · Name`, `Body | Name | Role`), each of a few words."""
    parts = re.split(r"[ \t]+[·|][ \t]+", name)
    return len(name.split()) <= 6 or 2 <= len(parts) <= 4 and all(len(p.split()) <= 12 for p in parts)


def paragraph_time(body: str) -> float | None:
    """The time a paragraph is marked with, in seconds, or None."""
    line = body.split("\n", 1)[0]
    # A bracketed time stands on the first line, and an Otter clock has a colon: a paragraph of
    # speech without them (most of them) is not tried against the patterns.
    if "[" in line or "(" in line:
        moment = _VIDEO_MOMENT.fullmatch(body)
        if moment:
            return float(moment.group("seconds"))
        m = LEADING_TIME.match(body) or TIME_IN_BOLD_LABEL.match(body)
        if m:
            return seconds(_ANY_CLOCK.search(m.group()).group())
        for pattern in _LABEL_THEN_TIME:
            m = pattern.match(body)
            if m and _label_length(m.group("name")):
                return seconds(re.search(CLOCK, m.group("time")).group())
    if ":" not in line:
        return None
    if _CLOCK_ALONE.fullmatch(body):
        return seconds(body.strip())
    m = otter_line(line) or _label_then_clock(line) or BOLD_TIMED_LINE.fullmatch(line)
    return seconds(m.group("time")) if m else None


def otter_line(line: str) -> re.Match | None:
    """`Name  0:03`: a line holding only a speaker's name and a time, as Otter exports it."""
    if ":" not in line:  # every clock has one; most first lines of speech have none
        return None
    m = OTTER_LINE.fullmatch(line.strip())
    if not m:
        return None
    return m if _reads_as_name(m.group("name")) else None


def _reads_as_name(name: str) -> bool:
    words = name.split()
    return len(words) <= 6 and all(w[0].isupper() or w[0].isdigit() or w in _PARTICLES for w in words)


def _label_then_clock(line: str) -> re.Match | None:
    """`Name: 00:00:07`: a line holding only a speaker's label and a time after its colon."""
    m = _LABEL_THEN_CLOCK.fullmatch(line.rstrip())
    return m if m and _reads_as_name(m.group("name")) else None


def is_time_of_day(line: str) -> bool:
    """Whether a line holds only a time of day (`1:59 P.M. EDT`, `END 2:21 P.M.`)."""
    return bool(_TIME_OF_DAY.fullmatch(line.strip(" \t\u00a0")))


def seconds(clock: str) -> float:
    """Seconds from the start for `1:02:03`, `12:21`, `0:03.250` or, with days, `01:04:30:12.5`."""
    m = _CLOCK_PARTS.fullmatch(clock.strip())
    if not m:
        raise ValueError(f"not a time: {clock!r}")
    first, second, minutes, secs, fraction = m.groups()
    days, hours = (first, second) if second is not None else (None, first)
    value = int(days or 0) * 86400 + int(hours or 0) * 3600 + int(minutes) * 60 + int(secs)
    return value + (float(f"0.{fraction}") if fraction else 0.0)


def words_from(text: str, pos: int, end: int, past_time: bool = True) -> int:
    """Where the words after a label begin: past spaces, line breaks and a time written there
    (bracketed, or bare closing the label's line: `Name: 00:00:07`)."""
    bare = CLOCK_CLOSING_LINE.match(text, pos, end) if past_time else None
    if bare:
        pos = bare.end()
    while pos < end and text[pos].isspace():
        pos += 1
    lead = LEADING_TIME.match(text, pos, end) if past_time else None
    if lead and lead.end() > pos:
        pos = lead.end()
        if _BOLD_CLOSED.match(text, pos, end):  # `**Name: (00:00:02)** Words`: the bold closes after the time
            pos += 2
        while pos < end and text[pos].isspace():
            pos += 1
    return pos
