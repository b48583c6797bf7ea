"""Speech-to-text JSON and transcripts kept as JSON records: a list of utterances, each with its words.

Whisper and WhisperX `segments` (also as `[start, end, text]` rows, in a list or numbered in an
object, as some datasets keep them), CouncilDataProject `sentences`, and any list of objects with a
`text` field, or with a `content` or `utterance` field and a speaker (a meeting corpus's
`{"speaker": "Grad B", "content": ...}`), bare or under one of the record's keys
(`{"metadata": {...}, "transcript": [...]}`), are read as utterances in order. The same JSON saved in a text file, alone or as a script's data, is
read the same way.

An utterance's time is its start and end (`start`, `start_time`, `offset`, ...: seconds, or a
clock `00:09:25`). A speaker is taken from `speaker` (WhisperX diarisation), `speaker_name`, a
diarising service's `speakerLabel` / `speaker_label` named by the file's `speakers` map where it has
one (`"spk_0": "Ada"`), a `name`, or a first and a last name in fields of their own; a
`speaker_index` without a name, or name fields left empty, mark where the speaker changes, unnamed.
The date and title are the record's own or its metadata's (`json_records`). The line of each
utterance is the file line where its text is written, so citations point into the JSON itself.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import re
from typing import Any

from ..assembly import Utterance
from ..decoding import decode_bytes
from ..errors import DecodeError
from . import Reading
from ..timestamps import CLOCK, seconds
from .article_json import article_from
from .cues import share, speaker_changes
from .json_records import record_date, record_title
from .spoken import name_title, spoken_reading

SHAPES = ('Whisper/WhisperX {"segments": [{"start", "end", "text", "speaker"?}]} or [[start, end, "text"]]',
          'CDP {"sentences": [{"start_time", "end_time", "text", "speaker_name"?}]}',
          'a list of utterances [{"text", "speaker"?, "start"?}] or [{"speaker", "content" or "dialogue"}], bare or under a key')
# Keys that say when the words were said (never when the file was made: created_datetime is not one).
_DATE_KEYS = ("session_datetime", "session_date", "recording_date", "recorded_at", "date")
# Where the utterances are, by preference; any other key holding a list of them is taken after these.
_LIST_KEYS = ("segments", "sentences", "utterances", "transcript", "turns", "results", "items")
# Where an utterance's words are: speech-to-text's `text`; a meeting corpus's `content`, a dialogue
# corpus's `dialogue` (each with a speaker).
WORDS_KEYS = ("text", "content", "utterance", "dialogue", "dialog")
# When an utterance starts and ends, in the names speech-to-text tools and record exports give them.
START_KEYS = ("start", "start_time", "startTime", "begin", "offset", "start_offset", "timestamp")
END_KEYS = ("end", "end_time", "endTime", "stop", "end_offset")
# How long the words last, where no end is given (`{"text", "start", "duration"}`, as a video site's captions).
DURATION_KEYS = ("duration", "dur")
_CLOCK = re.compile(rf"\s*{CLOCK}\s*$")
# Where an utterance names its speaker: CDP, WhisperX, the label a diarising service gives, a record's name.
SPEAKER_KEYS = ("speaker_name", "speaker", "speakerLabel", "speaker_label", "speakerName", "name")
# A name split in two fields: (first, last).
_NAME_PARTS = (("first name", "last name"), ("first_name", "last_name"), ("firstName", "lastName"),
               ("given_name", "family_name"))
# A speaker the recogniser could not tell: no name at all.
UNKNOWN = re.compile(r"(?:unknown|unidentified)(?:[ _-]?speaker)?(?:[ _-]?\d{1,3})?", re.IGNORECASE)
# Where a text file's one JSON value opens: at once, or after `//` comment lines and a script's assignment.
_EMBEDDED = re.compile(r"\A\s*(?://[^\n]*\n\s*)*(?:(?:export\s+)?(?:const|let|var)\s+[\w$]+\s*=\s*"
                       r"|(?:window|module\.exports|exports)(?:\.[\w$]+)?\s*=\s*)?[\[{]")


class _Located(str):
    """A string value of the JSON and the offset in the file where it is written."""

    at: int = 0


def read(data: bytes, name: str) -> Reading:
    text, encoding = decode_bytes(data)
    text = text.removeprefix("\ufeff")
    doc = _load(text)
    shape = _shape(doc)
    if shape is None:
        article = article_from(doc, text, name, "json", encoding)
        if article is not None:
            return article
        raise DecodeError(f"it is JSON but not speech-to-text output this reads; the shapes read are "
                          f"{' and '.join(SHAPES)}, and a page saved as JSON (its words in `content`, `body`, ...)")
    return _reading(text, doc, shape, name, encoding, "json")


def read_embedded(text: str, name: str, fmt: str, encoding: str) -> Reading | None:
    """Speech-to-text output a text file holds as its one value: JSON saved as `.txt`, or a script's
    data (`const TURNS = [...];` after `//` comments). None when `text` holds no such value."""
    m = _EMBEDDED.match(text)
    if not m:
        return None
    # The value read where it stands, the rest of the file left: offsets and lines stay the file's own.
    try:
        doc, _ = _located_decoder().raw_decode(text, m.end() - 1)
    except (json.JSONDecodeError, RecursionError):
        return None
    shape = _shape(doc)
    if shape is None:
        return None
    return _reading(text, doc, shape, name, encoding, f"{fmt} (speech-to-text JSON)")


def _reading(text: str, doc: Any, shape, name: str, encoding: str, fmt: str) -> Reading:
    items, words_key, start_key, end_key = shape
    lasting = None if end_key else next((k for k in DURATION_KEYS if all(k in i for i in items)), None)
    lines = _LineCounter(text)
    named = _speaker_names(doc)
    utterances: list[Utterance] = []
    last_index = None
    marked = False  # a `>>` closing the last words: the next ones are a new speaker's
    for item in items:
        words = item.get(words_key)
        if not isinstance(words, str) or not words.strip():
            continue
        speaker, unnamed = _speaker(item)
        speaker = named.get(speaker, speaker)
        index = item.get("speaker_index")
        change = unnamed or (speaker is None and index is not None and index != last_index)
        last_index = index if index is not None else last_index
        time = _time(item.get(start_key), _ended(item.get(start_key), item.get(lasting)) if lasting else
                     item.get(end_key))
        line = lines.line_of(getattr(words, "at", None))
        # Captions mark an unnamed new speaker with `>>` anywhere in a segment: the segment is cut there, each
        # part taking its share of the segment's time.
        parts = speaker_changes(str(words)) if ">" in words or "&gt;" in words else [(str(words), False)]
        total, done = sum(len(p.split()) for p, _ in parts) or 1, 0
        for part, opens in parts:
            if not part:
                marked = True
                continue
            size = len(part.split())
            timed = share(*time, done, size, total) if time is not None and len(parts) > 1 else time
            done += size
            utterances.append(Utterance(words=part, line=line, speaker=speaker,
                                        change=change or opens or marked, time=timed))
            change = marked = False
    return spoken_reading(fmt, utterances, title=record_title(doc) or name_title(name),
                          date=record_date(doc, _DATE_KEYS, any_date_field=True), encoding=encoding)


def _speaker(item: dict) -> tuple[str | None, bool]:
    """(the name the utterance gives its speaker, whether it has name fields left empty)."""
    for key in SPEAKER_KEYS:
        value = item.get(key)
        if isinstance(value, str) and value.strip() and not UNKNOWN.fullmatch(value.strip()):
            return " ".join(value.split()), False
    for first, last in _NAME_PARTS:
        if first in item or last in item:
            parts = [item.get(first), item.get(last)]
            name = " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
            return (name or None), not name
    return None, False


def _speaker_names(doc: Any) -> dict[str, str]:
    """The names a file gives its diarised labels (`"speakers": {"spk_0": "Ada"}`), if it does."""
    given = doc.get("speakers") if isinstance(doc, dict) else None
    if not isinstance(given, dict):
        return {}
    return {str(label): name.strip() for label, name in given.items() if isinstance(name, str) and name.strip()}


def _load(text: str) -> Any:
    """The JSON value, each string in it a `_Located` carrying its offset in `text`."""
    try:
        return _located_decoder().decode(text)
    except json.JSONDecodeError as exc:
        raise DecodeError(f"it is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise DecodeError("it is not JSON this reads: it is nested too deeply") from None


def _located_decoder() -> json.JSONDecoder:
    """A decoder whose strings are `_Located`, each carrying its offset in the text decoded."""
    decoder = json.JSONDecoder()

    def parse_string(s: str, end: int, strict: bool) -> tuple[str, int]:
        value, after = json.decoder.scanstring(s, end, strict)
        located = _Located(value)
        located.at = end - 1
        return located, after

    decoder.parse_string = parse_string
    decoder.scan_once = json.scanner.py_make_scanner(decoder)
    return decoder


def _shape(doc: Any) -> tuple[list[dict], str, str | None, str | None] | None:
    """(the utterance objects, the key of their words, start key, end key); None when the JSON holds no
    list of utterances."""
    # The document itself (a bare list), then its keys' values, the usual places first.
    places = [doc]
    if isinstance(doc, dict):
        places += [doc[k] for k in _LIST_KEYS if k in doc] + [v for k, v in doc.items() if k not in _LIST_KEYS]
    for value in places:
        items = _triples(value)
        words = _words_key(items)
        if words:
            return items, words, *_time_keys(items)
    return None


def _triples(items: Any) -> Any:
    """Segments written as `[start, end, text]`, in a list or numbered in an object (`{"0": [0.0, 6.7,
    "..."]}`, as some datasets keep them), as the objects other tools write; anything else as it is."""
    if isinstance(items, dict) and items and all(isinstance(k, str) and k.isdigit() for k in items):
        items = [items[k] for k in sorted(items, key=int)]
    if not isinstance(items, list) or not items or not all(
            isinstance(i, list) and len(i) == 3 and _is_number(i[0]) and _is_number(i[1]) and isinstance(i[2], str)
            for i in items):
        return items
    return [{"start": a, "end": b, "text": words} for a, b, words in items]


def _words_key(items: Any) -> str | None:
    """The key every object of `items` writes its words under, when `items` is a list of utterances: `text`,
    or `content` / `utterance` where most name a speaker too (else a page's blocks could be taken)."""
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
        return None
    for key in WORDS_KEYS:
        if all(isinstance(i.get(key), str) for i in items) and (
                key == "text" or 2 * sum(any(k in i for k in SPEAKER_KEYS) for i in items) > len(items)):
            return key
    return None


def _time_keys(items: list[dict]) -> tuple[str | None, str | None]:
    """The keys every utterance gives its start and end in (None: it gives none)."""
    start = next((k for k in START_KEYS if all(k in i for i in items)), None)
    end = next((k for k in END_KEYS if all(k in i for i in items)), None)
    return start, end


def _time(start: Any, end: Any) -> tuple[float, float] | None:
    start, end = seconds_of(start), seconds_of(end)
    if start is None:
        return None
    return start, (end if end is not None and end >= start else start)


def _ended(start: Any, duration: Any) -> float | None:
    """Where words that start at `start` and last `duration` end; None when either is not a time."""
    start, duration = seconds_of(start), seconds_of(duration)
    return None if start is None or duration is None else start + duration


def seconds_of(value: Any) -> float | None:
    if _is_number(value):
        return float(value)
    if isinstance(value, str) and _CLOCK.match(value):
        return seconds(value.strip())
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value and value >= 0


class _LineCounter:
    def __init__(self, text: str):
        self._breaks = [m.start() for m in re.finditer("\n", text)]

    def line_of(self, offset: int | None) -> int:
        return 1 if offset is None else bisect.bisect_left(self._breaks, offset) + 1
