"""SubRip (.srt) subtitles, read with `srt`: cue times, `NAME:` labels and `>>` changes.

SRT has no tag syntax of its own; players accept HTML-like `<i>`/`<font>` tags and
ASS override blocks (`{\\an8}`), which are styling and dropped with the entities.
"""

from __future__ import annotations

import html
import re

from ..decoding import decode_bytes
from ..errors import DecodeError
from . import Reading
from .cues import Cue, file_lines, text_lines_of, utterances
from .spoken import name_title, spoken_reading

_STYLING = re.compile(r"</?[A-Za-z][^<>]*>|\{\\[^{}]*\}")


def read(data: bytes, name: str) -> Reading:
    import srt

    text, encoding = decode_bytes(data)
    try:
        subtitles = list(srt.parse(text, ignore_errors=True))
    except (srt.SRTParseError, ValueError) as exc:
        raise DecodeError(f"it is not valid SRT ({str(exc).splitlines()[0][:120]})") from None
    if not subtitles:
        raise DecodeError("it holds no SRT subtitles (numbered blocks with 00:00:01,000 --> 00:00:02,000 timings)")

    timing = re.compile(rf"\s*({srt.RGX_TIMESTAMP}) *-[ -] *> *({srt.RGX_TIMESTAMP})")

    def timing_of(line: str) -> tuple[float, float] | None:
        m = timing.match(line)
        if not m:
            return None
        try:
            return (srt.srt_timestamp_to_timedelta(m.group(1)).total_seconds(),
                    srt.srt_timestamp_to_timedelta(m.group(2)).total_seconds())
        except (srt.TimestampParseError, ValueError):
            return None

    times = [(s.start.total_seconds(), s.end.total_seconds()) for s in subtitles]
    starts = text_lines_of(file_lines(text), times, timing_of)
    cues = [Cue(t[0], t[1], line, tuple(html.unescape(_STYLING.sub("", ln)) for ln in s.content.split("\n")))
            for s, t, line in zip(subtitles, times, starts)]
    return spoken_reading("srt", utterances(cues), title=name_title(name), encoding=encoding)
