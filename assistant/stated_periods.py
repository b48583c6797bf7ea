"""Which period a sentence's figures are for, and whether it is the period a question asks about.

"What did industrial value added grow by in the second quarter of 2023?" reads
close to "In the first quarter of this year, the added value ... rose by 3%", and
that sentence states a figure; it still does not answer. Briefings give their
periods without a year ("the first quarter", "from January to September", "as of
the end of August", "last year"): the year comes from the day the briefing was
held. A sentence that names no period is taken to fit any.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from corpus import Period
from corpus.dates import MONTHS, NUMBER_WORDS, ORDINALS, find_month_spans, find_periods

# Reports run to a month's end, briefings round it: "since the start of the year" said
# on 23 October is the first three quarters.
_SLACK = timedelta(days=31)
_POINT_SLACK = timedelta(days=7)


@dataclass(frozen=True)
class Stretch:
    """A stretch of days a figure is for; a single day when it is a level on that day."""

    start: date
    end: date
    point: bool = False  # "as of the end of September": a level, not a flow
    loose: bool = False  # asked as "in 2024" or "by mid-2022": any part of it will do


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, first: int, last: int) -> Stretch:
    return Stretch(date(year, first, 1), _month_end(year, last))


def _iso(period: Period) -> Stretch:
    return Stretch(date.fromisoformat(period.start), date.fromisoformat(period.end))


_YEAR = r"(?:19|20)\d{2}"
_FULL_YEAR = re.compile(rf"\b(?:(?:the\s+)?(?:full|whole|entire)\s+(?:of\s+)?(?:the\s+)?(?:year\s+)?(?:of\s+)?(?P<a>{_YEAR})"
                        rf"|all\s+of\s+(?P<b>{_YEAR})|(?P<c>{_YEAR})\s+as\s+a\s+whole)\b", re.IGNORECASE)
_IN_YEAR = re.compile(rf"\b(?:in|during|for|throughout)\s+(?P<y>{_YEAR})\b(?!\s*[-–/]\s*\d)", re.IGNORECASE)
_BARE_YEAR = re.compile(rf"(?<![\d-])(?P<y>{_YEAR})(?!\s*[-–/]\s*\d)(?!\d)")


def asked_stretches(question: str, periods: tuple[Period, ...]) -> tuple[Stretch, ...]:
    """The periods a question asks about: those retrieval found (quarters, halves, months),
    a whole year ("the whole of 2022"), and a year named alone, which any part of it fits.
    Only periods still in `question` count: leave out the briefing it names."""
    periods = tuple(p for p in periods if p.label in question)
    asked = [replace(_iso(p), loose=p.label.lower().startswith(("mid", "the middle"))) for p in periods]
    rest = question
    for p in periods:
        rest = rest.replace(p.label, " ")
    for m in _FULL_YEAR.finditer(rest):
        year = int(m.group("a") or m.group("b") or m.group("c"))
        asked.append(_months(year, 1, 12))
    rest = _FULL_YEAR.sub(" ", rest)
    for m in _BARE_YEAR.finditer(rest):
        year = int(m.group("y"))
        asked.append(Stretch(date(year, 1, 1), date(year, 12, 31), loose=True))
    return tuple(asked)


_MONTH = r"(?:" + "|".join(m.capitalize() for m in MONTHS) + r")"
_YEARLESS = re.compile(
    r"(?i:(?:\bfirst\s+(?P<quarters>two|three)\s+quarters"
    r"|\b(?P<q>first|second|third|fourth)\s+quarter"
    r"|\b(?P<h>first|second)\s+half"
    r"|\bfirst\s+(?P<n>\w+)\s+months)\b(?:\s+of\s+(?:the|this)\s+year)?)"
    rf"|\b(?i:from\s+)?(?P<m1>{_MONTH})\s*(?i:to|through|[-–—])\s*(?P<m2>{_MONTH})\b"
    rf"|\b(?i:(?:the\s+)?end\s+of)\s+(?P<end_m>{_MONTH})\b"
    rf"|\b(?i:as\s+of|by|on|until)\s+(?P<day_m>{_MONTH})\s+(?P<day>\d{{1,2}})\b"
    rf"|\b(?i:in|during|for)\s+(?P<in_m>{_MONTH})\b(?!\s+\d)"
    r"|(?i:\b(?:the\s+)?end\s+of\s+(?P<end_last>last\s+year)"
    r"|\b(?P<last>last\s+year)\b"
    r"|\b(?P<whole>(?:throughout|for|in|over)\s+the\s+(?:(?:whole|full|entire)\s+)?year)\b"
    r"|\b(?P<this>this\s+year|since\s+the\s+(?:beginning|start)\s+of\s+(?:the|this)\s+year)\b)")
# "than the same period last year" says what a figure is compared with, not what it is for.
_BASELINE = re.compile(
    r"\b(?:(?:over|than|from|with|to)\s+(?:the\s+)?(?:same\s+period\s+(?:of\s+)?)?last\s+year"
    r"|same\s+period\s+(?:of\s+)?last\s+year|year[\s-]on[\s-]year)\b", re.IGNORECASE)


def _in_year(make, now: date) -> Stretch:
    """A yearless period is the latest one that had begun by the briefing."""
    stretch = make(now.year)
    return stretch if stretch.start <= now else make(now.year - 1)


def stated_stretches(sentence: str, now: date | None) -> list[Stretch]:
    """The periods a sentence gives figures for; yearless ones placed by `now`, the briefing's day."""
    named = find_periods(sentence) + find_month_spans(sentence)
    found = [_iso(p) for p in named]
    rest = sentence
    for p in named:
        rest = rest.replace(p.label, " ")
    rest = _BASELINE.sub(" ", rest)
    for m in _IN_YEAR.finditer(rest):
        found.append(_months(int(m.group("y")), 1, 12))
    if now is None:
        return found
    for m in _YEARLESS.finditer(rest):
        g = m.groupdict()
        if g["quarters"]:
            last = 3 * NUMBER_WORDS[g["quarters"].lower()]
            found.append(_in_year(lambda y: _months(y, 1, last), now))
        elif g["q"]:
            q = ORDINALS[g["q"].lower()]
            found.append(_in_year(lambda y: _months(y, 3 * q - 2, 3 * q), now))
        elif g["h"]:
            h = ORDINALS[g["h"].lower()]
            found.append(_in_year(lambda y: _months(y, 6 * h - 5, 6 * h), now))
        elif g["n"]:
            word = g["n"].lower()
            count = int(word) if word.isdigit() else NUMBER_WORDS.get(word)
            if count and count <= 12:
                found.append(_in_year(lambda y: _months(y, 1, count), now))
        elif g["m1"]:
            first, last = MONTHS[g["m1"].lower()], MONTHS[g["m2"].lower()]
            if first <= last:
                found.append(_in_year(lambda y: _months(y, first, last), now))
        elif g["end_m"]:
            month = MONTHS[g["end_m"].lower()]
            day = _in_year(lambda y: _months(y, month, month), now).end
            found.append(Stretch(day, day, point=True))
        elif g["day_m"]:
            month, d = MONTHS[g["day_m"].lower()], int(g["day"])
            if d <= calendar.monthrange(now.year, month)[1]:
                day = date(now.year, month, d)
                day = day if day <= now else date(now.year - 1, month, d)
                found.append(Stretch(day, day, point=True))
        elif g["in_m"]:
            month = MONTHS[g["in_m"].lower()]
            found.append(_in_year(lambda y: _months(y, month, month), now))
        elif g["end_last"]:
            day = date(now.year - 1, 12, 31)
            found.append(Stretch(day, day, point=True))
        elif g["last"]:
            found.append(_months(now.year - 1, 1, 12))
        elif g["whole"]:
            found.append(_months(now.year, 1, 12))
        elif g["this"]:
            found.append(Stretch(date(now.year, 1, 1), now))
    return found


def fits(asked: Stretch, stated: Stretch) -> bool:
    if stated.point:
        if asked.loose:
            return asked.start <= stated.start <= asked.end + _SLACK
        return abs(stated.start - asked.end) <= _POINT_SLACK
    if asked.loose:
        return stated.start <= asked.end and asked.start <= stated.end
    return abs(stated.start - asked.start) <= _SLACK and abs(stated.end - asked.end) <= _SLACK


_SENTENCE = re.compile(r"[^.!?;。！？；]+[.!?;。！？；]*")


def for_another_period(asked: tuple[Stretch, ...], sentence: str, now: date | None, lead: str = "") -> bool:
    """The sentence gives its figures for periods, and none of them is one asked about.

    A sentence that names no period is about the one its paragraph last named:
    "In 2022, ... . The annual output rose by 3.4%." `lead` is the paragraph before it."""
    if not asked:
        return False
    stated = stated_stretches(sentence, now)
    for earlier in reversed(_SENTENCE.findall(lead) if not stated else []):
        stated = stated_stretches(earlier, now)
        if stated:
            break
    return bool(stated) and not any(fits(a, s) for a in asked for s in stated)


def briefing_day(held: str | None, period: Period | None) -> date | None:
    """When the briefing was held; failing that, soon after the period it reviews."""
    if held:
        try:
            return date.fromisoformat(held)
        except ValueError:
            pass
    if period is not None:
        return date.fromisoformat(period.end) + timedelta(days=20)
    return None
