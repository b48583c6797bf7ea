"""Dates and reporting periods written in running text, as ISO strings.

Only what the text states is returned: a month and day without a year gets its
year from the same sentence or from the document's own dateline, or no date at all.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .records import Period

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


def full_dates(text: str) -> list[DateMention]:
    """Every complete date written in `text`, in order."""
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


# -- reporting periods --------------------------------------------------------

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_PERIODS = re.compile(
    r"\b(?P<three>first\s+three\s+quarters)\s+of\s+(?:the\s+year\s+)?(?P<y_three>\d{4})"
    r"|\b(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of\s+(?:the\s+year\s+)?(?P<y_q>\d{4})"
    r"|\bQ(?P<qn>[1-4])\s*(?:of\s+)?(?P<y_qn>\d{4})\b|\b(?P<y_qn2>\d{4})\s*Q(?P<qn2>[1-4])\b"
    r"|\b(?P<h>first|second)\s+half\s+(?:of\s+)?(?:the\s+year\s+)?(?P<y_h>\d{4})"
    r"|\bH(?P<hn>[12])\s*(?P<y_hn>\d{4})\b"
    r"|\bfirst\s+(?P<months>\w+)\s+months\s+of\s+(?:the\s+year\s+)?(?P<y_m>\d{4})",
    re.IGNORECASE,
)


def find_periods(text: str) -> list[Period]:
    """Reporting periods named in `text`: quarters, halves, first N months."""
    periods = []
    for m in _PERIODS.finditer(text):
        g = m.groupdict()
        if g["three"]:
            span = (int(g["y_three"]), 1, 9)
        elif g["q"] or g["qn"] or g["qn2"]:
            q = ORDINALS[g["q"].lower()] if g["q"] else int(g["qn"] or g["qn2"])
            span = (int(g["y_q"] or g["y_qn"] or g["y_qn2"]), 3 * q - 2, 3 * q)
        elif g["h"] or g["hn"]:
            h = 1 if (g["h"] or "").lower() == "first" or g["hn"] == "1" else 2
            span = (int(g["y_h"] or g["y_hn"]), 6 * h - 5, 6 * h)
        else:
            n = g["months"].lower()
            count = int(n) if n.isdigit() else NUMBER_WORDS.get(n)
            if not count or count > 12:
                continue
            span = (int(g["y_m"]), 1, count)
        year, first, last = span
        periods.append(Period(
            start=date(year, first, 1).isoformat(),
            end=date(year, last, calendar.monthrange(year, last)[1]).isoformat(),
            label=" ".join(m.group().split()),
        ))
    return periods


# Capitalised only: "may" and "march" are also verbs.
_MONTH_NAME = r"(?:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
_MONTH_SPAN = re.compile(
    rf"\b(?P<m1>{_MONTH_NAME})(?:\s*(?:[-–—]|to|through|and)\s*(?P<m2>{_MONTH_NAME}))?,?\s+(?:of\s+)?(?P<year>(?:19|20)\d{{2}})\b",
)


def find_month_spans(text: str) -> list[Period]:
    """Months and month ranges named with a year: "March 2023", "January–September 2024"."""
    out = []
    for m in _MONTH_SPAN.finditer(text):
        first = MONTHS[m.group("m1").lower().rstrip(".")]
        last = MONTHS[m.group("m2").lower().rstrip(".")] if m.group("m2") else first
        year = int(m.group("year"))
        if last < first:
            continue
        out.append(Period(
            start=date(year, first, 1).isoformat(),
            end=date(year, last, calendar.monthrange(year, last)[1]).isoformat(),
            label=" ".join(m.group().split()),
        ))
    return out
