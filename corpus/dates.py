"""Dates written in running text and file names, as ISO strings (periods: `corpus.periods`).

Only what the text states is returned: a month and day without a year gets its
year from the same sentence or from the document's own dateline, or no date at all.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date


MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"

_FULL_DATE = re.compile(
    r"(?<![\d.])(?P<y1>\d{4})[./-](?P<m1>\d{1,2})[./-](?P<d1>\d{1,2})(?![\d])"
    r"|(?P<y2>\d{4})\s*年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日"
    rf"|\b{_MONTH.replace('month', 'm3')}\s+{_DAY.replace('day', 'd3')},?\s+(?P<y3>\d{{4}})\b"
    rf"|\b{_DAY.replace('day', 'd4')}\s+{_MONTH.replace('month', 'm4')},?\s+(?P<y4>\d{{4}})\b",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s*\d{{4}})|(?<!\d)(?P<m2>\d{{1,2}})\s*月\s*(?P<d2>\d{{1,2}})\s*日", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d.])(?:19|20)\d{2}(?![\d])")
_EVENT_WORDS = re.compile(
    r"\b(?:press|news)\s+conferences?\b|\bbriefings?\b|\bheld\b|\bhosted\b|\bconvened\b|发布会", re.IGNORECASE
)
_ON_DATE = re.compile(r"\b(?:on|dated)\s+(?:the\s+(?:morning|afternoon|evening)\s+of\s+)?$", re.IGNORECASE)
_EVENT_REACH = 90
_SENTENCE = re.compile(r"[^.!?。！？]+(?:[.!?。！？]+|$)")


@dataclass(frozen=True)
class DateMention:
    iso: str
    start: int
    end: int


_FOUR_DIGITS = re.compile(r"\d{4}")


def full_dates(text: str) -> list[DateMention]:
    """Every complete date written in `text`, in order."""
    if not _FOUR_DIGITS.search(text):
        return []  # every form writes its year in four digits; most sentences have none, and the month names are slow
    found = []
    for m in _FULL_DATE.finditer(text):
        g = m.groupdict()
        if g["y1"]:
            y, mo, d = g["y1"], g["m1"], g["d1"]
        elif g["y2"]:
            y, mo, d = g["y2"], g["m2"], g["d2"]
        elif g["y3"]:
            y, mo, d = g["y3"], MONTHS[g["m3"].lower()], g["d3"]
        else:
            y, mo, d = g["y4"], MONTHS[g["m4"].lower()], g["d4"]
        iso = _iso(int(y), int(mo), int(d))
        if iso:
            found.append(DateMention(iso, m.start(), m.end()))
    return found


_NAME_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-_.]?(?P<m>[01]\d)[-_.]?(?P<d>[0-3]\d)(?!\d)")


def date_in_name(name: str) -> str | None:
    """The date a file name carries: `2023-01-17-press-briefing`, `westminster2009-10-29a`."""
    for m in _NAME_DATE.finditer(name):
        iso = _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if iso:
            return iso
    return None


def event_date(header: str, dateline: str | None) -> str | None:
    """The date of the press conference a document's opening describes, if stated."""
    for sentence in _SENTENCE.finditer(header):
        s = sentence.group()
        if not _EVENT_WORDS.search(s):
            continue
        mention = _month_day(s)
        if mention is None:
            continue
        month, day, full = mention
        if full:
            return full
        year = _year_for(s, month, dateline)
        if year and _iso(year, month, day):
            return _iso(year, month, day)
    return None


def _month_day(sentence: str) -> tuple[int, int, str | None] | None:
    covered = [(full.start, full.end) for full in full_dates(sentence)]
    events = [m.start() for m in _EVENT_WORDS.finditer(sentence)]
    for m in _MONTH_DAY.finditer(sentence):
        if any(s <= m.start() < e for s, e in covered):
            continue
        # "held ... on April 20", "On the afternoon of October 23, ... held": the date
        # must be the event's own, not one mentioned near it ("around September 9").
        if not _ON_DATE.search(sentence[: m.start()]):
            continue
        if not any(abs(m.start() - e) <= _EVENT_REACH for e in events):
            continue
        month = MONTHS[m.group("month").lower()] if m.group("month") else int(m.group("m2"))
        day = int(m.group("day") or m.group("d2"))
        return month, day, None
    # A full date inside an event sentence ("press conference, date 2024-11-05").
    dates = full_dates(sentence)
    if dates:
        iso = dates[0].iso
        return int(iso[5:7]), int(iso[8:10]), iso
    return None


def _year_for(sentence: str, month: int, dateline: str | None) -> int | None:
    years = {int(y) for y in _YEAR.findall(sentence)}
    if len(years) == 1:
        return years.pop()
    if dateline:
        year, dl_month = int(dateline[:4]), int(dateline[5:7])
        # Reported after the event: a December event in a January dateline is last year's.
        return year if month <= dl_month else year - 1
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
