"""Periods named in English text: "Q3 2024", "the first half of 2023", "fiscal year 2022",
"January to March", "last month", "since January", "as of the end of September".

A period written with its year is placed as written. One written without ("the first
quarter", "in March", "last year", "so far this year") is placed by the reference day
the text was said on (`today`): the latest such period that had begun by then. Without
a reference day such periods are not returned.

Comparisons name a baseline, not the period a figure is for ("than the same period
last year", "year on year"): `without_baselines` removes them first where that matters.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import MONTHS
from .records import Period

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


@dataclass(frozen=True)
class Stretch:
    """A stretch of days a text speaks of; a single day when it is a level on that day."""

    start: date
    end: date
    label: str = ""  # as written
    kind: str = ""  # quarter, half, months, month, year, whole year, fiscal year, mid-year, relative, point
    point: bool = False  # "as of the end of September": a level, not a flow
    loose: bool = False  # "in 2024", "mid-2022": any part of it will do
    at: int = 0  # offset of the mention in the text it was found in


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def months(year: int, first: int, last: int, **kw) -> Stretch:
    return Stretch(date(year, first, 1), month_end(year, last), **kw)


_Y = r"(?:19|20)\d{2}"
# Capitalised month names only: "may" and "march" are verbs too.
_MON = r"(?:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_NUM = r"(?:\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"
_OF_YEAR = r"(?:\s*,?\s+(?:of\s+)?(?:the\s+)?(?:(?:fiscal|financial|calendar)\s+)?(?:year\s+)?(?:FY\s*)?)"
# "the first quarter of this year": a yearless period, the words after it part of it.
_THIS_YEAR = r"(?:\s+of\s+(?:the|this)\s+year)?"

_PATTERNS = [
    ("baseline", r"(?i:\b(?:(?:compared\s+)?(?:with|to|over|than|from)\s+)?(?:the\s+)?same\s+(?:period|quarter|month)"
                 r"\s+(?:of\s+|in\s+)?(?:last|the\s+previous|the\s+prior)\s+year\b|\byear[\s-](?:on|over)[\s-]year\b"
                 r"|\b(?:compared\s+)?(?:with|to|over|than)\s+(?:the\s+)?(?:last|previous|prior)\s+(?:year|quarter|month)\b)"),
    ("quarters", rf"(?i:\bfirst\s+(?P<nq>two|three|2|3)\s+quarters)(?:{_OF_YEAR}(?P<y_nq>{_Y})|{_THIS_YEAR})\b"),
    ("quarter", rf"(?i:\b(?P<q>{_ORD})[\s-]+quarter)(?:{_OF_YEAR}(?P<y_q>{_Y})|(?i:{_THIS_YEAR}))\b"
                rf"|\bQ(?P<qn>[1-4])(?:\s*(?:of\s+)?(?:FY\s*)?(?P<y_qn>{_Y}|'\d{{2}}))?\b"
                rf"|\b(?P<y_qn2>{_Y})\s*Q(?P<qn2>[1-4])\b|\b(?P<qn3>[1-4])Q\s*(?P<y_qn3>{_Y}|\d{{2}})\b"),
    ("half", rf"(?i:\b(?P<h>first|second|1st|2nd)\s+half)(?:{_OF_YEAR}(?P<y_h>{_Y})|(?i:{_THIS_YEAR}))\b"
             rf"|\bH(?P<hn>[12])(?:\s*(?P<y_hn>{_Y}))?\b|\b(?P<y_hn2>{_Y})\s*H(?P<hn2>[12])\b"),
    ("months", rf"(?i:\bfirst\s+(?P<n>{_NUM})\s+months)(?:{_OF_YEAR}(?P<y_n>{_Y})|(?i:{_THIS_YEAR}))\b"),
    ("range", rf"\b(?i:from\s+)?(?P<m1>{_MON})(?:\s+\d{{1,2}})?\s*(?:[-–—]|(?i:to|through|until|and))\s*"
              rf"(?P<m2>{_MON})(?:\s+\d{{1,2}})?(?:,?\s+(?:of\s+)?(?P<y_r>{_Y}))?\b"),
    ("end", rf"(?i:\b(?:as\s+of\s+|by\s+|at\s+|until\s+)?(?:the\s+)?end\s+of\s+)(?:(?P<end_m>{_MON})(?:,?\s+(?P<y_em>{_Y}))?"
            rf"|(?P<y_end>{_Y})|(?i:(?P<end_rel>last|this|next)\s+year)|(?i:the\s+(?P<end_this>year|quarter|month)))\b"),
    ("day", rf"(?i:\b(?:as\s+of|by|on|until|since)\s+)(?P<day_m>{_MON})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
            rf"(?:,?\s+(?P<y_day>{_Y}))?"),
    # A date written whole, with its year: "January 17, 2023", "17 January 2023", "2023-01-17".
    ("date", rf"\b(?P<date_m>{_MON})\s+(?P<date_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y_date>{_Y})\b"
             rf"|\b(?P<date_d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<date_m2>{_MON}),?\s+(?P<y_date2>{_Y})\b"
             rf"|\b(?P<y_iso>{_Y})-(?P<m_iso>0[1-9]|1[0-2])-(?P<d_iso>0[1-9]|[12]\d|3[01])\b"),
    ("month", rf"\b(?P<mm>{_MON}),?\s+(?:of\s+)?(?P<y_mm>{_Y})\b"),
    ("since", rf"(?i:\bsince\s+)(?P<since_m>{_MON})\b(?!\s+\d)"),
    ("in_month", rf"(?i:\b(?:in|during|for|over|throughout)\s+)(?P<in_m>{_MON})\b(?!\s*(?:\d|[-–—]|(?i:to|through|and)\b))"),
    ("fiscal", rf"(?i:\b(?:fiscal|financial)\s+(?:year\s+)?(?P<y_f>{_Y})\b|\bFY\s*(?P<y_f2>{_Y}|\d{{2}})\b)"),
    ("mid", rf"(?i:\b(?:mid-?|the\s+middle\s+of\s+)(?P<y_mid>{_Y})\b)"),
    ("whole", rf"(?i:\b(?:(?:the\s+)?(?:full|whole|entire)\s+(?:of\s+)?(?:the\s+)?(?:year\s+)?(?:of\s+)?(?P<y_w>{_Y})"
              rf"|all\s+of\s+(?P<y_w2>{_Y})|(?P<y_w3>{_Y})\s+as\s+a\s+whole)\b)"),
    ("year_long", r"(?i:\b(?:throughout|for|in|over|during)\s+the\s+(?:(?:whole|full|entire)\s+)?year\b"
                  r"(?!\s+(?:of\s+)?(?:19|20)\d{2}))"),
    ("relative", r"(?i:\b(?P<rel>(?:so\s+far\s+)?this\s+year|year[\s-]to[\s-]date|since\s+the\s+(?:beginning|start)\s+of\s+"
                 r"(?:the|this)\s+year|(?:last|next|this)\s+(?:year|quarter|month)|the\s+(?:past|last|previous)\s+"
                 r"(?:(?P<past_n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?(?P<past_unit>years?|months?|quarters?))\b)"),
    ("in_year", rf"(?i:\b(?:in|during|for|throughout|over)\s+)(?:the\s+year\s+)?(?P<y_in>{_Y})\b(?!\s*[-–/]\s*\d)"),
    ("year", rf"(?<![\d-])(?P<y_bare>{_Y})(?!\s*[-–/]\s*\d)(?!\d)"),
]
_MONTH_STARTS = tuple(sorted({name[:3] for name in MONTHS}))  # every name holds one


# What each pattern cannot match without, tested on the lower-cased text, whether it has a digit
# and whether it has the start of a month's name. Tried as one alternation, every pattern is tried
# at every character; most sentences can match few of them, and searching only those, each on its
# own, gives the same matches at about a fifth of the cost (the confidence check reads the periods
# of every sentence it weighs, during each question).
_NEEDS = {
    "baseline": lambda t, d, m: "year" in t or "quarter" in t or "month" in t,
    "quarters": lambda t, d, m: "quarters" in t,
    "quarter": lambda t, d, m: "quarter" in t or (d and "q" in t),
    "half": lambda t, d, m: "half" in t or (d and "h" in t),
    "months": lambda t, d, m: "months" in t,
    "range": lambda t, d, m: m,
    "end": lambda t, d, m: "end" in t,
    "day": lambda t, d, m: d and m,
    "date": lambda t, d, m: d,
    "month": lambda t, d, m: d and m,
    "since": lambda t, d, m: "since" in t and m,
    "in_month": lambda t, d, m: m,
    "fiscal": lambda t, d, m: d and ("fiscal" in t or "financial" in t or "fy" in t),
    "mid": lambda t, d, m: d and "mid" in t,
    "whole": lambda t, d, m: d and ("full" in t or "whole" in t or "entire" in t or "all" in t),
    "year_long": lambda t, d, m: "year" in t,
    "relative": lambda t, d, m: "year" in t or "month" in t or "quarter" in t,
    "in_year": lambda t, d, m: d,
    "year": lambda t, d, m: d,
}
assert set(_NEEDS) == {name for name, _ in _PATTERNS}
_DIGIT = re.compile(r"\d")
# The letters besides A-Z that match one of a-z when case is ignored (every code point tried).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _folded(word: str) -> str:
    """A word as the patterns matched it, case ignored: "Firſt" is "first"."""
    return word.translate(_FOLD).lower()


_BRANCHES = {name: re.compile(f"(?P<_{name}>{p})") for name, p in _PATTERNS}


def _alternation(text: str, names: tuple[str, ...]):
    """The matches of the patterns named, as one alternation of them in this order would give them:
    the leftmost, the first pattern at a tie, then on from its end. Each pattern is searched on its
    own and again only once the scan has passed the match it found."""
    ahead = {name: _BRANCHES[name].search(text) for name in names}
    pos = 0
    while True:
        best = None
        for name in names:
            m = ahead[name]
            if m is not None and m.start() < pos:
                m = ahead[name] = _BRANCHES[name].search(text, pos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return
        yield best
        pos = max(best.end(), best.start() + 1)


def stretches(text: str, today: date | None = None, bare_years: bool = True) -> list[Stretch]:
    """Every period `text` names, in order. Years standing alone count as loose years when
    `bare_years`; comparisons with a baseline ("than the same period last year") never count."""
    lowered, digits = _folded(text), _DIGIT.search(text) is not None
    month = any(start in lowered for start in _MONTH_STARTS)
    names = tuple(name for name, needs in _NEEDS.items() if needs(lowered, digits, month))
    found = []
    for m in _alternation(text, names):
        kind = m.lastgroup  # each pattern's own group closes last
        if kind == "_baseline" or (kind == "_year" and not bare_years):
            continue
        stretch = _place(kind[1:], m.groupdict(), today)
        if stretch is not None:
            found.append(Stretch(stretch.start, stretch.end, " ".join(m.group().split()), stretch.kind or kind[1:],
                                 stretch.point, stretch.loose, m.start()))
    return found


def without_baselines(text: str) -> str:
    return re.sub(_PATTERNS[0][1], " ", text)


def _year(value: str | None) -> int | None:
    if not value:
        return None
    value = value.lstrip("'")
    return int(value) if len(value) == 4 else 2000 + int(value)


def _latest(make, today: date | None) -> Stretch | None:
    """A yearless period: the latest one that had begun by `today`."""
    if today is None:
        return None
    s = make(today.year)
    return s if s.start <= today else make(today.year - 1)


def _placed(make, year: int | None, today: date | None) -> Stretch | None:
    return make(year) if year is not None else _latest(make, today)


def _place(kind: str, g: dict, today: date | None) -> Stretch | None:
    if kind == "quarters":
        last = 3 * (NUMBER_WORDS.get(_folded(g["nq"])) or int(g["nq"]))
        return _placed(lambda y: months(y, 1, last, kind="months"), _year(g["y_nq"]), today)
    if kind == "quarter":
        q = ORDINALS[_folded(g["q"])] if g["q"] else int(g["qn"] or g["qn2"] or g["qn3"])
        year = _year(g["y_q"] or g["y_qn"] or g["y_qn2"] or g["y_qn3"])
        return _placed(lambda y: months(y, 3 * q - 2, 3 * q, kind="quarter"), year, today)
    if kind == "half":
        h = 1 if _folded(g["h"] or "") in ("first", "1st") or "1" in (g["hn"] or "", g["hn2"] or "") else 2
        year = _year(g["y_h"] or g["y_hn"] or g["y_hn2"])
        return _placed(lambda y: months(y, 6 * h - 5, 6 * h, kind="half"), year, today)
    if kind == "months":
        n = _folded(g["n"])
        count = int(n) if n.isdigit() else NUMBER_WORDS.get(n)
        if not count or count > 12:
            return None
        return _placed(lambda y: months(y, 1, count, kind="months"), _year(g["y_n"]), today)
    if kind == "range":
        first, last = _month(g["m1"]), _month(g["m2"])
        if last < first:
            return None
        return _placed(lambda y: months(y, first, last, kind="months"), _year(g["y_r"]), today)
    if kind == "end":
        return _end(g, today)
    if kind == "day":
        month, day = _month(g["day_m"]), int(g["day"])
        year = _year(g["y_day"])

        def make(y):
            d = min(day, calendar.monthrange(y, month)[1])
            return Stretch(date(y, month, d), date(y, month, d), kind="point", point=True)
        return _placed(make, year, today)
    if kind == "date":
        return _date(g)
    if kind == "month":
        month = _month(g["mm"])
        return months(int(g["y_mm"]), month, month, kind="month")
    if kind == "since":
        if today is None:
            return None
        start = _latest(lambda y: months(y, _month(g["since_m"]), _month(g["since_m"])), today).start
        return Stretch(start, today, kind="relative")
    if kind == "in_month":
        month = _month(g["in_m"])
        return _latest(lambda y: months(y, month, month, kind="month"), today)
    if kind == "fiscal":
        # Fiscal years start in different months: any part of the named year will do.
        return months(_year(g["y_f"] or g["y_f2"]), 1, 12, kind="fiscal year", loose=True)
    if kind == "mid":
        y = int(g["y_mid"])
        return Stretch(date(y, 6, 1), date(y, 7, 31), kind="mid-year", loose=True)
    if kind == "whole":
        return months(int(g["y_w"] or g["y_w2"] or g["y_w3"]), 1, 12, kind="whole year")
    if kind == "relative":
        return _relative(g, today)
    if kind == "year_long":
        return months(today.year, 1, 12, kind="year") if today else None
    if kind == "in_year":
        return months(int(g["y_in"]), 1, 12, kind="year")
    if kind == "year":
        return months(int(g["y_bare"]), 1, 12, kind="year", loose=True)
    return None


def _date(g: dict) -> Stretch | None:
    if g["y_iso"]:
        year, month, day = int(g["y_iso"]), int(g["m_iso"]), int(g["d_iso"])
    else:
        year = int(g["y_date"] or g["y_date2"])
        month, day = _month(g["date_m"] or g["date_m2"]), int(g["date_d"] or g["date_d2"])
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None  # "February 30, 2023" names no day
    return Stretch(date(year, month, day), date(year, month, day), kind="point", point=True)


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _end(g: dict, today: date | None) -> Stretch | None:
    def point(day: date) -> Stretch:
        return Stretch(day, day, kind="point", point=True)

    if g["end_m"]:
        month = _month(g["end_m"])
        year = _year(g["y_em"])
        s = _placed(lambda y: months(y, month, month), year, today)
        return point(s.end) if s else None
    if g["y_end"]:
        return point(date(int(g["y_end"]), 12, 31))
    if today is None:
        return None
    if g["end_rel"]:
        year = today.year + {"last": -1, "this": 0, "next": 1}[_folded(g["end_rel"])]
        return point(date(year, 12, 31))
    unit = _folded(g["end_this"])
    if unit == "year":
        return point(date(today.year, 12, 31))
    if unit == "quarter":
        q = (today.month - 1) // 3 + 1
        return point(month_end(today.year, 3 * q))
    return point(month_end(today.year, today.month))


def _relative(g: dict, today: date | None) -> Stretch | None:
    if today is None:
        return None
    rel = " ".join(_folded(g["rel"]).replace("-", " ").split())
    if rel.endswith("this year") or rel.startswith(("year to date", "since the")):
        return Stretch(date(today.year, 1, 1), today, kind="relative")
    if g["past_unit"]:
        n = g["past_n"]
        count = 1 if not n else (int(n) if n.isdigit() else NUMBER_WORDS[_folded(n)])
        unit = _folded(g["past_unit"]).rstrip("s")
        days = {"year": 365, "quarter": 91, "month": 30}[unit] * count
        return Stretch(today - timedelta(days=days), today, kind="relative")
    which, unit = rel.split()
    step = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "year":
        return months(today.year + step, 1, 12, kind="relative")
    if unit == "quarter":
        q = (today.month - 1) // 3 + step  # 0-based, may leave the year
        year, q = today.year + q // 4, q % 4
        return months(year, 3 * q + 1, 3 * q + 3, kind="relative")
    index = today.year * 12 + today.month - 1 + step
    year, month = divmod(index, 12)
    return months(year, month + 1, month + 1, kind="relative")


REPORTING_KINDS = ("quarter", "half", "months")  # what a transcript reviews: "the first quarter of 2023"


# Without one of these, or a range of months, no pattern that gives a reporting period can match.
_REPORTING_MARKS = re.compile(r"Q[1-4]|[1-4]Q|H[12]")


def reporting_period(text: str) -> Period | None:
    """The first reporting period `text` names with its year: a quarter, a half, the first months."""
    # Read from every file's opening at build time; an opening that names no such period (a hearing, a
    # podcast) is told so by looking for the words first, without every pattern searching all of it.
    lowered = _folded(text)
    if not ("quarter" in lowered or "half" in lowered or "months" in lowered or _REPORTING_MARKS.search(text)
            or (any(start in lowered for start in _MONTH_STARTS) and _BRANCHES["range"].search(text))):
        return None
    found = [s for s in stretches(text) if s.kind in REPORTING_KINDS]
    return as_period(found[0]) if found else None


def as_period(s: Stretch) -> Period:
    return Period(start=s.start.isoformat(), end=s.end.isoformat(), label=s.label)
