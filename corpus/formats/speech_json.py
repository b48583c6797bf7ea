"""Speech-to-text JSON: Whisper and WhisperX `segments`, and CouncilDataProject `sentences`.

The same JSON saved in a text file, alone or as a script's data, is read the same way.

Each segment or sentence is an utterance with its time; a speaker is taken from
`speaker` (WhisperX diarisation), `speaker_name`, or a diarising service's `speakerLabel`
/ `speaker_label`, named by the file's `speakers` map where it has one (`"spk_0": "Ada"`);
a `speaker_index` without a name marks where the speaker changes, unnamed. The line of each utterance is the
file line where its text is written, so citations point into the JSON itself.
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
from .article_json import article_from
from .spoken import name_title, spoken_reading

SHAPES = ('Whisper/WhisperX {"segments": [{"start", "end", "text", "speaker"?}]}',
          'CDP {"sentences": [{"start_time", "end_time", "text", "speaker_name"?}]}')
# Keys that say when the words were said (never when the file was made: created_datetime is not one).
_DATE_KEYS = ("session_datetime", "session_date", "recording_date", "recorded_at", "date")
_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:$|[T ])")
# Where an utterance names its speaker: CDP, WhisperX, and the label a diarising service gives.
_SPEAKER_KEYS = ("speaker_name", "speaker", "speakerLabel", "speaker_label")
# A speaker the recogniser could not tell: no name at all.
_UNKNOWN = re.compile(r"(?:unknown|unidentified)(?:[ _-]?speaker)?(?:[ _-]?\d{1,3})?", re.IGNORECASE)
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
    items, start_key, end_key = shape
    lines = _LineCounter(text)
    named = _speaker_names(doc)
    utterances: list[Utterance] = []
    last_index = None
    for item in items:
        words = item.get("text")
        if not isinstance(words, str) or not words.strip():
            continue
        speaker = next((s.strip() for s in (item.get(k) for k in _SPEAKER_KEYS)
                        if isinstance(s, str) and s.strip() and not _UNKNOWN.fullmatch(s.strip())), None)
        speaker = named.get(speaker, speaker)
        index = item.get("speaker_index")
        change = speaker is None and index is not None and index != last_index
        last_index = index if index is not None else last_index
        utterances.append(Utterance(
            words=str(words), line=lines.line_of(getattr(words, "at", None)), speaker=speaker, change=change,
            time=_time(item.get(start_key), item.get(end_key)),
        ))
    title = doc.get("title") if isinstance(doc, dict) and isinstance(doc.get("title"), str) else None
    return spoken_reading(fmt, utterances, title=(title or "").strip() or name_title(name),
                          date=_date(doc), encoding=encoding)


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


def _shape(doc: Any) -> tuple[list[dict], str, str] | None:
    """(the utterance objects, start key, end key); None when the JSON is neither shape."""
    if isinstance(doc, dict) and _are_utterances(doc.get("segments"), "start", "end"):
        return doc["segments"], "start", "end"
    if isinstance(doc, dict) and _are_utterances(doc.get("sentences"), "start_time", "end_time"):
        return doc["sentences"], "start_time", "end_time"
    if _are_utterances(doc, "start", "end"):  # a bare list of segments
        return doc, "start", "end"
    return None


def _are_utterances(items: Any, start_key: str, end_key: str) -> bool:
    if not isinstance(items, list) or not items:
        return False
    return all(isinstance(i, dict) and isinstance(i.get("text"), str) and start_key in i and end_key in i
               for i in items)


def _time(start: Any, end: Any) -> tuple[float, float] | None:
    if not _is_number(start):
        return None
    return float(start), (float(end) if _is_number(end) and end >= start else float(start))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value and value >= 0


def _date(doc: Any) -> str | None:
    if not isinstance(doc, dict):
        return None
    for key in _DATE_KEYS:
        value = doc.get(key)
        m = _ISO_DATE.match(value.strip()) if isinstance(value, str) else None
        if m:
            return m.group(1)
    return None


class _LineCounter:
    def __init__(self, text: str):
        self._breaks = [m.start() for m in re.finditer("\n", text)]

    def line_of(self, offset: int | None) -> int:
        return 1 if offset is None else bisect.bisect_left(self._breaks, offset) + 1
