"""WebVTT captions, read with webvtt-py: cue times, voice tags, `>>` changes and `Name:` labels.

NOTE, STYLE and REGION blocks and cue settings are the library's to skip; the
words of each cue are what is indexed (see `cues` for how speakers are found).
"""

from __future__ import annotations

import html

from ..decoding import decode_bytes
from ..errors import DecodeError
from . import Reading
from .cues import Cue, file_lines, text_lines_of, utterances
from .spoken import name_title, spoken_reading


def read(data: bytes, name: str) -> Reading:
    import webvtt
    from webvtt.errors import MalformedCaptionError, MalformedFileError

    text, encoding = decode_bytes(data)
    try:
        captions = webvtt.from_string(text)
    except MalformedFileError:
        raise DecodeError("it is not WebVTT: the first line should be WEBVTT") from None
    except (MalformedCaptionError, ValueError) as exc:
        raise DecodeError(f"it is not valid WebVTT ({_first_line(exc)})") from None
    if not captions.captions:
        raise DecodeError("it is a WebVTT file with no cues in it")

    timing = webvtt.vtt.WebVTTCueBlock.CUE_TIMINGS_PATTERN

    def timing_of(line: str) -> tuple[float, float] | None:
        m = timing.match(line)
        if not m:
            return None
        try:
            cue = webvtt.Caption(m.group(1), m.group(2))
        except (MalformedCaptionError, ValueError):
            return None
        return _seconds(cue.start_time), _seconds(cue.end_time)

    times = [(_seconds(c.start_time), _seconds(c.end_time)) for c in captions.captions]
    starts = text_lines_of(file_lines(text), times, timing_of)
    cues = [_cue(c, t, line) for c, t, line in zip(captions.captions, times, starts)]
    title = captions.header_text.strip(" \t-–—:") or name_title(name)
    return spoken_reading("webvtt", utterances(cues), title=title, encoding=encoding)


def _cue(caption, times: tuple[float, float], line: int) -> Cue:
    voices = []
    for raw in caption.lines:
        m = caption.VOICE_SPAN_PATTERN.match(raw.lstrip())
        voices.append(html.unescape(m.group(1)).strip() if m else None)
    words = tuple(html.unescape(t) for t in caption.text.split("\n")) if caption.lines else ()
    return Cue(times[0], times[1], line, words, tuple(voices))


def _seconds(timestamp) -> float:
    return timestamp.in_milliseconds() / 1000


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:120]
