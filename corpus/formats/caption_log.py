"""Captions saved as plain text: a time alone on its line, then what was said until the next,
or a time span opening every line.

Broadcast and meeting capture systems write a log of closed captions as text: a
bracketed time on a line of its own (`[2:35:31 PM]`, `[00:12:04]`) every minute or
so, the words since on the lines after it, `>>` where the speaker changes. The
lines cut the speech wherever the minute ended, in mid-sentence; read line by line
it would be split there, and one paragraph would hold the end of one speaker's
words and the start of the next one's. Read as cues instead, the words are joined
across the times and cut at each change of speaker (`cues`, `assembly`), and every
piece keeps the time written before it: a time of day is kept as the time of day
(seconds from midnight), a running time as written. The fields a log opens with
(`Title:`, `Channel:`, `Recorded On:`) are its header, not speech: set aside, and
read for the title and date.

A broadcast archive keeps a recording's captions as field lines: a code, the time the line was
shown and its words, parted by bars (`CC1|20080808130001.000|WORDS`), under fields that describe
the recording (`TOP|`, `HED|` its headline, `LBT|` its local air time) and among others that mark its
stories or the screen's text (`SegStart|`, `OTS|`). The field holding the most lines of words is
the captions; every other line is set aside as the archive's, and times run from the recording's start.

Speech-to-text tools and caption exports also write one cue a line, its span first:
`[00:00.000 --> 00:05.560]  words` (Whisper's console), `*00:00.060- 00:05.560* :  words`,
`(00:01:02 - 00:01:05) words`, `[0.00 --> 3.28] words` in seconds, or its start alone (`[00:05] words`), SubRip's
numbered blocks pasted into a text (the span alone on its line, the words below), a line closed by its start
(`* words [[00:00:03](https://...)]`, a video's transcript linking each line to its moment), or as tab-separated rows (`0<TAB>4200<TAB>words`, Whisper's
`.tsv`, in milliseconds). Those lines are read the same way, each span the time of its words, so a
sentence the lines cut is joined again.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import datetime, timezone

from ..metadata import front_matter_facts
from ..records import SetAside
from ..timestamps import seconds
from . import Reading
from .cues import Cue, utterances
from .spoken import name_title, spoken_reading

_STAMP = re.compile(
    r"[ \t]*\[[ \t]*(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?[ \t]*(?P<ampm>[AaPp]\.?[Mm]\.?)?[ \t]*\][ \t]*"
)
MIN_STAMPS = 5  # fewer times alone on their lines than this is not a log
STAMP_SHARE = 0.2  # ... nor are they, when fewer than this share of the lines with words


def read_caption_log(text: str, fmt: str, encoding: str) -> Reading | None:
    """The log in `text` read as cues, or None when `text` is not written that way."""
    if text.count("]") < MIN_STAMPS:  # every time is bracketed: most texts are not tried line by line
        return None
    lines = text.split("\n")
    stamps = [(i, _seconds(m)) for i, m in ((i, _STAMP.fullmatch(ln.rstrip("\r"))) for i, ln in enumerate(lines)) if m]
    worded = sum(1 for ln in lines if ln.strip())
    if len(stamps) < MIN_STAMPS or len(stamps) < STAMP_SHARE * worded or not _mostly_rising([s for _, s in stamps]):
        return None
    cues = []
    for k, (i, start) in enumerate(stamps):
        stop = stamps[k + 1][0] if k + 1 < len(stamps) else len(lines)
        end = stamps[k + 1][1] if k + 1 < len(stamps) else start
        body = [j for j in range(i + 1, stop) if lines[j].strip()]
        if body:
            cues.append(Cue(start, max(start, end), body[0] + 1, tuple(lines[j].strip() for j in body)))
    return _cue_reading(f"{fmt} (caption log, {len(stamps)} times)", cues, lines, stamps[0][0], encoding,
                        "the caption log's header")


_FIELD_LINE = re.compile(r"(?P<code>[A-Za-z][\w-]{1,15})\|(?P<rest>.*)")
_STAMPED = re.compile(r"(?P<stamp>\d{14}(?:\.\d{1,3})?)\|(?P<words>.*)")
FIELD_SHARE = 0.9  # lines with words written as fields, at least


def read_field_lines(text: str, name: str, fmt: str, encoding: str) -> Reading | None:
    """The captions of an archive's field lines (see the module), or None when `text` is not so written."""
    if not text.startswith("TOP|") and text.count("|") < 2 * MIN_STAMPS:
        return None
    lines = text.split("\n")
    fields = [(i, m) for i, m in ((i, _FIELD_LINE.fullmatch(ln.rstrip("\r"))) for i, ln in enumerate(lines)) if m]
    worded = sum(1 for ln in lines if ln.strip())
    if len(fields) < FIELD_SHARE * worded:
        return None
    stamped = [(i, m.group("code"), s) for i, m in fields if (s := _STAMPED.fullmatch(m.group("rest").rstrip("\r")))]
    said = Counter(code for _, code, s in stamped if s.group("words").strip())
    if not said or said.most_common(1)[0][1] < MIN_STAMPS:
        return None
    captions, _ = said.most_common(1)[0]
    rows = [(i, _stamp_seconds(s.group("stamp")), s.group("words").strip()) for i, code, s in stamped if code == captions]
    values = {m.group("code"): m.group("rest").strip() for _, m in fields}
    top = _STAMPED.match(values.get("TOP", "") + "|")
    origin = _stamp_seconds(top.group("stamp")) if top else rows[0][1]
    if not _mostly_rising([t for _, t, _ in rows]):
        return None
    cues = [Cue(t - origin, max(t, nxt) - origin, i + 1, (words,))
            for (i, t, words), (_, nxt, _) in zip(rows, rows[1:] + rows[-1:]) if words]
    reading = spoken_reading(f"{fmt} (caption fields, {len(rows)} lines)", utterances(cues),
                             title=values.get("HED") or name_title(name), date=_field_date(values), encoding=encoding)
    kept = {i for i, _, _ in rows}
    aside = tuple(SetAside(i + 1, ln.strip(), "the archive's fields") for i, ln in enumerate(lines)
                  if ln.strip() and i not in kept)
    return replace(reading, set_aside=aside)


def _stamp_seconds(stamp: str) -> float:
    """`20080808130001.561` as seconds since the epoch (a recording may run past midnight, or a month's end)."""
    day = datetime.strptime(stamp[:14], "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
    return day.timestamp() + float(stamp[14:] or 0)


def _field_date(values: dict[str, str]) -> str | None:
    """The day the recording aired where it aired (`LBT|2008-08-08 06:00 ...`), else the day of its start."""
    local = re.match(r"(\d{4}-\d{2}-\d{2})", values.get("LBT", ""))
    if local:
        return local.group(1)
    top = re.match(r"(\d{4})(\d{2})(\d{2})", values.get("TOP", ""))
    return f"{top.group(1)}-{top.group(2)}-{top.group(3)}" if top else None


def _cue_reading(fmt: str, cues: list[Cue], lines: list[str], first: int, encoding: str, reason: str,
                 name: str | None = None) -> Reading:
    """The cues read as speech. The lines before line `first` are the header: set aside for `reason`,
    and read for the title and date; given the file's `name`, a header's `# Title`, else the name,
    is the title where no field gives one."""
    header = "\n".join(lines[:first])
    title, date = front_matter_facts(header)
    if name is not None:
        title = _first_line(header) or title or name_title(name)
    reading = spoken_reading(fmt, utterances(cues), title=_header_title(header) or title, date=date,
                             encoding=encoding)
    aside = tuple(SetAside(i + 1, ln.strip(), reason) for i, ln in enumerate(lines[:first]) if ln.strip())
    return Reading(format=reading.format, text=reading.text, turns=reading.turns, segments=reading.segments,
                   title=reading.title, date=reading.date, encoding=encoding, set_aside=aside)


_CLOCK = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
# Seconds alone, as some speech-to-text tools print a span: `[0.00 --> 3.28]`.
_SECONDS = r"\d+\.\d+"
# A span (`[00:00.000 --> 00:05.560]`, or in seconds), or a start alone in brackets (`[00:05]`, `(1:02:03)`):
# the cue then lasts until the next line's.
_TIMED_LINE = re.compile(
    rf"[ \t]*(?:(?:[\[(*_]{{1,2}}[ \t]*)?(?P<a>{_CLOCK})[ \t]*(?:-->|->|[-–—~]|to)[ \t]*(?P<b>{_CLOCK})[ \t]*"
    rf"[\])*_]{{0,2}}|\[[ \t]*(?P<a2>{_SECONDS})[ \t]*-->[ \t]*(?P<b2>{_SECONDS})[ \t]*\]"
    rf"|[\[(][ \t]*(?P<start>{_CLOCK})[ \t]*[\])])[ \t]*[:|]?[ \t]*(?P<words>.*?)[ \t\r]*"
)
_CUE_NUMBER = re.compile(r"[ \t]*\d+[ \t\r]*")
TIMED_SHARE = 0.5  # lines opening with a span: at least this share of the lines with words
BLOCK_SHARE = 0.8  # ... or SubRip's blocks: at least this share of the spans alone under a cue's number
# A line's start written as the line break before it: a pattern opening with a character is looked for
# several times faster than one opening with `^`.
_TIME_FIRST = re.compile(rf"\n[ \t]*(?:[\[(*_]{{1,2}}[ \t]*)?{_CLOCK}|\n[ \t]*\[[ \t]*{_SECONDS}[ \t]*-->")
_WORDED = re.compile(r"\n[ \t]*\S")
_HEAD = 20_000  # characters of a text looked at first


def read_timed_lines(text: str, name: str, fmt: str, encoding: str) -> Reading | None:
    """The cues in `text` read one a line, each opening with its span, or None when `text` is
    not written that way."""
    # Most texts open few lines with a time: their head, counted in one scan, tells before any line is
    # matched (a file of cues shows them from its first screen on).
    if text.count(":") < 2 * MIN_STAMPS and text.count("-->") < MIN_STAMPS:
        return None
    head = "\n" + text[:_HEAD]
    timed = len(_TIME_FIRST.findall(head))
    if not timed or timed < min(MIN_STAMPS, TIMED_SHARE * len(_WORDED.findall(head))):
        return None
    lines = text.split("\n")
    spans = [(i, m) for i, m in ((i, _TIMED_LINE.fullmatch(ln)) for i, ln in enumerate(lines)) if m]
    # SubRip's blocks saved as text: each span alone on its line under the cue's number, which is no words.
    numbers = {i - 1 for i, m in spans if i and not m.group("words") and _CUE_NUMBER.fullmatch(lines[i - 1])}
    worded = sum(1 for ln in lines if ln.strip()) - len(numbers)
    blocks = len(numbers) >= BLOCK_SHARE * len(spans)  # a block's words may take several lines
    if len(spans) < MIN_STAMPS or (len(spans) < TIMED_SHARE * worded and not blocks):
        return None
    # Paragraphs each opened by its time, blank lines between them, are written as paragraphs: the plain
    # reader reads them so, a label after each time. A start alone cuts the words only where cues follow
    # one another line by line.
    if sum(1 for _, m in spans if m.group("start")) > len(spans) / 2 and len(lines) - worded > len(spans) / 2:
        return None
    starts = [float(m.group("a2")) if m.group("a2") else seconds(m.group("a") or m.group("start")) for _, m in spans]
    ends = [float(m.group("b2")) if m.group("b2") else seconds(m.group("b")) if m.group("b") else None for _, m in spans]
    times = [(a, b if b is not None else nxt) for a, b, nxt in zip(starts, ends, starts[1:] + starts[-1:])]
    if not _mostly_rising([a for a, _ in times]):
        return None
    cues = []
    for k, ((i, m), (start, end)) in enumerate(zip(spans, times)):
        stop = spans[k + 1][0] if k + 1 < len(spans) else len(lines)
        body = [(i, m.group("words"))] + [(j, lines[j].strip()) for j in range(i + 1, stop) if j not in numbers]
        body = [(j, w) for j, w in body if w]
        if body:
            cues.append(Cue(start, max(start, end), body[0][0] + 1, tuple(w for _, w in body)))
    return _cue_reading(f"{fmt} (timed lines, {len(spans)} cues)", cues, lines, spans[0][0], encoding,
                        "the header before the timed lines", name=name)


# A line closed by its time, as a video's transcript links each line to its moment: `* words [[00:00:03](url)]`,
# or `words [00:00:03]`.
_CLOSED_LINE = re.compile(rf"[ \t]*(?:[*+-][ \t]+)?(?P<words>\S.*?)[ \t]*"
                          rf"\[(?:\[(?P<linked>{_CLOCK})\]\([^()\s]*\)|(?P<plain>{_CLOCK}))\][ \t\r]*")
_CLOSING_TIME = re.compile(rf"{_CLOCK}\](?:\([^()\s]*\)\])?[ \t\r]*\n")


def read_time_closed_lines(text: str, name: str, fmt: str, encoding: str) -> Reading | None:
    """The cues in `text` read one a line, each closed by the time it starts at, or None when `text`
    is not written that way."""
    # A file of such lines shows them from its first screen on: most texts are told by their head alone.
    if text.count("]") < 2 * MIN_STAMPS or len(_CLOSING_TIME.findall(text[:_HEAD])) < MIN_STAMPS:
        return None
    lines = text.split("\n")
    cued = [(i, m) for i, m in ((i, _CLOSED_LINE.fullmatch(ln)) for i, ln in enumerate(lines)) if m]
    worded = sum(1 for ln in lines[cued[0][0]:] if ln.strip()) if cued else 0
    if len(cued) < MIN_STAMPS or len(cued) < TIMED_SHARE * worded:
        return None
    starts = [seconds(m.group("linked") or m.group("plain")) for _, m in cued]
    if not _mostly_rising(starts):
        return None
    cues = [Cue(start, max(start, end), i + 1, (m.group("words"),))
            for (i, m), start, end in zip(cued, starts, starts[1:] + starts[-1:])]
    return _cue_reading(f"{fmt} (timed lines, {len(cued)} cues)", cues, lines, cued[0][0], encoding,
                        "the header before the timed lines", name=name)


_TAB_ROW = re.compile(rf"[ \t]*(?P<a>\d+(?:\.\d+)?|{_CLOCK})[ \t]*\t[ \t]*(?P<b>\d+(?:\.\d+)?|{_CLOCK})[ \t]*\t(?P<rest>.*)")
# Whole numbers whose rows typically span this much or more count milliseconds, as Whisper's rows do: no
# caption lasts 100 seconds, and few last 100 milliseconds.
_MILLISECONDS = 100


def read_tab_rows(text: str, name: str, fmt: str, encoding: str) -> Reading | None:
    """Rows of a start, an end and the words between tabs, each a cue; None when `text` is not so
    written. A row with more than one text column (raw and corrected) is read by its last one."""
    if text.count("\t") < 2 * MIN_STAMPS:
        return None
    lines = text.split("\n")
    rows = [(i, m) for i, m in ((i, _TAB_ROW.fullmatch(ln.rstrip("\r"))) for i, ln in enumerate(lines)) if m]
    worded = sum(1 for ln in lines if ln.strip())
    if len(rows) < MIN_STAMPS or len(rows) < TIMED_SHARE * worded:
        return None
    whole = all(re.fullmatch(r"\d+", m.group("a") + m.group("b")) for _, m in rows)
    spans = sorted(int(m.group("b")) - int(m.group("a")) for _, m in rows) if whole else []
    scale = 1000.0 if spans and spans[len(spans) // 2] >= _MILLISECONDS else 1.0
    times = [(_row_time(m.group("a"), scale), _row_time(m.group("b"), scale)) for _, m in rows]
    if not _mostly_rising([a for a, _ in times]):
        return None
    cues = []
    for (i, m), (start, end) in zip(rows, times):
        words = next((w.strip() for w in reversed(m.group("rest").split("\t")) if w.strip()), "")
        if words:
            cues.append(Cue(start, max(start, end), i + 1, (words,)))
    reading = _cue_reading(f"{fmt} (tab-separated rows, {len(rows)} cues)", cues, lines, rows[0][0], encoding,
                           "the header before the rows")
    return replace(reading, title=name_title(name))  # a header row names columns, not the meeting


def _row_time(value: str, scale: float) -> float:
    return seconds(value) if ":" in value else float(value) / scale


def _first_line(header: str) -> str | None:
    """A header's heading (`# Title`, or Markdown's raw `<h1>Title</h1>`), when it has one."""
    m = re.search(r"^[ \t]*(?:#{1,3}[ \t]+(.+?)[ \t#]*|<h[1-3][^>]*>[ \t]*(.+?)[ \t]*</h[1-3]>[ \t\r]*)$", header,
                  re.MULTILINE | re.IGNORECASE)
    return (m.group(1) or m.group(2)) if m else None


def _seconds(m: re.Match) -> float:
    """A time of day as seconds from midnight (`2:35:31 PM`); a running time as written."""
    h, mnt, s = int(m.group("h")), int(m.group("m")), int(m.group("s") or 0)
    ampm = (m.group("ampm") or "").lower()
    if ampm.startswith("p") and h < 12:
        h += 12
    elif ampm.startswith("a") and h == 12:
        h = 0
    return float(h * 3600 + mnt * 60 + s)


def _mostly_rising(times: list[float]) -> bool:
    """Times a log writes in order: each is at or after the one before, but for a rare slip."""
    back = sum(b < a for a, b in zip(times, times[1:]))
    return back <= max(1, len(times) // 20)


def _header_title(header: str) -> str | None:
    """The value of the header's `Title:` field, if it has one."""
    m = re.search(r"^[ \t]*Title[ \t]*:[ \t]*(.+?)[ \t]*$", header, re.MULTILINE | re.IGNORECASE)
    return m.group(1) if m else None
