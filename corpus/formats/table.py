"""Transcripts kept as a table: comma-, semicolon- or tab-separated rows under a header naming the columns.

Transcript exports and research datasets keep one utterance a row: its words in a column the header
names (`text`, `content`, `utterance`, `transcript`, or a name opening with `text`, `text_clean`), who
said them in another (`speaker`, `speaker_name`, `name`, as speech-to-text JSON names them: the name as
written, before a `speaker_standardized` one), and when (`start`, `end`, `timestamp`, ...: seconds or a
clock). The rows are read in order as utterances, each cited at the file line its row begins on. Where
the table names speakers, a row that names none (a section's heading, "proceedings start", a speaker
cell saying `NA`) is no one's words: a turn of narration, not the last speaker's; but a row of speech
whose speaker cell is left blank under a named row goes on with that speaker, as an export leaves the
name out of a speaker's next paragraph. Quoted fields may hold commas and line breaks.
"""

from __future__ import annotations

import csv
import re

from ..decoding import decode_bytes
from ..errors import DecodeError
from ..assembly import Utterance
from ..timestamps import CLOCK
from . import Reading
from .speech_json import END_KEYS, SPEAKER_KEYS, START_KEYS, UNKNOWN, WORDS_KEYS, seconds_of
from .spoken import name_title, spoken_reading

MIN_ROWS = 3  # fewer rows than this under a header is not a transcript kept as a table
_SHAPED = 0.9  # of the rows, at least, with the header's number of fields
_DELIMITERS = (",", "\t", ";")
# Words a table writes for a value it has not got.
_MISSING = re.compile(r"(?:na|n/a|nan|null|none|-)?", re.IGNORECASE)
_WORDS_NAMES = (*WORDS_KEYS, "transcript", "sentence", "words")
_NAME = re.compile(r"[\w .()/#-]{1,40}")  # a column's name
# A section's heading kept as a row: opening with a heading's marks (`---`, `#`, `**`), a few words closed with a
# colon, or two words or more in capitals; not a row of speech opening with a note (`[laughs] Yes.`) or saying "OK."
_HEADING = re.compile(r"(?:-{2,}|={2,}|#|\*\*)|(?:\S+\s+){0,5}\S*:$|(?=[^a-z]*[A-Z]{2}[^a-z]*\s[^a-z]*[A-Z])[^a-z]*$")
_NOTED_CLOCK = re.compile(rf"\[(?P<clock>{CLOCK})\](?:\s|$)")


def read(data: bytes, name: str) -> Reading:
    text, encoding = decode_bytes(data)
    reading = read_table(text.removeprefix("\ufeff"), name, "csv", encoding)
    if reading is None:
        raise DecodeError("it is not a table this reads: its first line must name the columns, one of them "
                          f"the words ({', '.join(_WORDS_NAMES)}), with at least {MIN_ROWS} rows under it")
    return reading


def read_table(text: str, name: str, fmt: str, encoding: str) -> Reading | None:
    """The rows of `text` read as utterances, or None when `text` is no such table."""
    first = text.split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=first.count)
    if first.count(delimiter) < 1:
        return None
    try:
        header = [h.strip().lower() for h in next(csv.reader([first], delimiter=delimiter))]
    except csv.Error:  # a stray carriage return in the line: no header a table writes
        return None
    if not all(_NAME.fullmatch(h) for h in header):  # a line of prose with a comma names no columns
        return None
    words = _column(header, _WORDS_NAMES, opening="text")
    if words is None:
        return None
    speaker = _column(header, tuple(k.lower() for k in SPEAKER_KEYS))
    rows = _rows(text, delimiter)
    shaped = [(line, row) for line, row in rows if len(row) == len(header)]
    if len(shaped) < MIN_ROWS or len(shaped) < _SHAPED * len(rows):
        return None
    start = _time_column(header, shaped, tuple(k.lower() for k in START_KEYS))
    end = _time_column(header, shaped, tuple(k.lower() for k in END_KEYS))
    utterances = []
    named = False  # the row before this one names its speaker, or goes on with one
    for line, row in shaped:
        said = _value(row[words])
        if not said:
            continue
        who = _value(row[speaker]) if speaker is not None else None
        who = None if who and UNKNOWN.fullmatch(who) else who
        time = None
        if start is not None and (at := _seconds(row[start])) is not None:
            stop = _seconds(row[end]) if end is not None else None
            time = (at, stop if stop is not None and stop >= at else at)
        nameless = speaker is not None and who is None
        goes_on = nameless and named and not row[speaker].strip() and not _HEADING.match(said)
        unnamed = nameless and not goes_on
        named = who is not None or goes_on
        utterances.append(Utterance(words=said, line=line, speaker=who, change=unnamed, time=time, paragraph=goes_on,
                                    role="narrator" if unnamed else None))
    if not utterances:
        return None
    return spoken_reading(f"{fmt} (table, {len(shaped)} rows)", utterances, title=name_title(name))


def _column(header: list[str], names: tuple[str, ...], opening: str | None = None) -> int | None:
    """The first column named one of `names` (in their order), else the first whose name opens with `opening`."""
    for wanted in names:
        if wanted in header:
            return header.index(wanted)
    if opening:
        return next((i for i, h in enumerate(header) if h.startswith(opening) and " " not in h), None)
    return None


def _time_column(header: list[str], rows: list[tuple[int, list[str]]], names: tuple[str, ...]) -> int | None:
    """Of the columns named one of `names`, the one holding the most times: a table may name two
    `timestamp`, one a clock with a note (`[00:03:43] interview begins`), one the seconds."""
    named = [i for i, h in enumerate(header) if h in names]
    if len(named) < 2:
        return _column(header, names)
    return max(named, key=lambda i: sum(_seconds(row[i]) is not None for _, row in rows))


def _rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(the 1-based line each data row begins on, its fields), the header left out."""
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    out, line = [], 1
    try:
        for i, row in enumerate(reader):
            if i and any(field.strip() for field in row):
                out.append((line, row))
            line = reader.line_num + 1
    except csv.Error:
        return []
    return out


def _value(field: str) -> str | None:
    field = " ".join(field.split())
    return None if _MISSING.fullmatch(field) else field


def _seconds(field: str) -> float | None:
    """The time a cell gives: seconds, a clock, or a clock in brackets opening a note (`[00:03:43] begins`)."""
    field = field.strip()
    try:
        return seconds_of(float(field))
    except ValueError:
        pass
    noted = _NOTED_CLOCK.match(field)
    return seconds_of(noted.group("clock") if noted else field)
