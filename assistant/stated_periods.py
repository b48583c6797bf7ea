"""Which period a sentence's figures are for, and whether it is the period a question asks about.

"What did output grow by in the second quarter of 2023?" reads close to "In the
first quarter of this year, output rose by 3%", and that sentence states a figure;
it still does not answer. Speakers give periods without a year ("the first quarter",
"from January to September", "as of the end of August", "last year"): the year
comes from the day the transcript was said (`corpus.periods`). A sentence that
names no period is taken to fit any.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from datetime import date, timedelta

from corpus import Period
from corpus.periods import Stretch, stretches, without_baselines
from corpus.sentences import sentence_spans

__all__ = ["Stretch", "asked_stretches", "briefing_day", "fits", "for_another_period", "for_the_period",
           "stated_stretches"]

# Reports run to a month's end, speakers round it: "since the start of the year" said
# on 23 October is the first three quarters.
_SLACK = timedelta(days=31)
_POINT_SLACK = timedelta(days=7)


def asked_stretches(question: str, periods: tuple[Period, ...] = ()) -> tuple[Stretch, ...]:
    """The periods a question asks about, written with their year: a year named alone is loose,
    any part of it fits. `question` should be without the transcript it names ("the April 2023
    briefing" says when words were said, not what they are about)."""
    del periods  # the question's own words say it all; kept for callers that pass retrieval's
    # "in 2024" asks about anything within the year; "the whole of 2024" about the year as a whole.
    return tuple(replace(s, loose=True) if s.kind == "year" else s
                 for s in stretches(question, today=None, bare_years=True))


@lru_cache(maxsize=8192)
def stated_stretches(sentence: str, now: date | None) -> tuple[Stretch, ...]:
    """The periods a sentence gives figures for; yearless ones placed by `now`, the day it was said.
    What a figure is compared with ("than the same period last year") is not what it is for.
    Kept per sentence: the same answering sentences come back question after question."""
    return tuple(stretches(without_baselines(sentence), today=now, bare_years=False))


def fits(asked: Stretch, stated: Stretch) -> bool:
    if stated.point:
        if asked.loose:
            return asked.start <= stated.start <= asked.end + _SLACK
        return abs(stated.start - asked.end) <= _POINT_SLACK
    if asked.loose or stated.loose:
        return stated.start <= asked.end and asked.start <= stated.end
    return abs(stated.start - asked.start) <= _SLACK and abs(stated.end - asked.end) <= _SLACK


def for_another_period(asked: tuple[Stretch, ...], sentence: str, now: date | None, lead: str = "") -> bool:
    """The sentence gives its figures for periods, and none of them is one asked about.

    A sentence that names no period is about the one its paragraph last named:
    "In 2022, ... . The annual output rose by 3.4%." `lead` is the paragraph before it."""
    if not asked:
        return False
    stated = _stated_here(sentence, now, lead)
    return bool(stated) and not any(fits(a, s) for a in asked for s in stated)


def for_the_period(asked: tuple[Stretch, ...], sentence: str, now: date | None, lead: str = "") -> bool:
    """The sentence, or its paragraph before it, names one of the periods asked about: a transcript
    held after a period may look back on it ("Over the whole of 2022, output rose by 3.4%")."""
    return any(fits(a, s) for a in asked for s in _stated_here(sentence, now, lead))


def _stated_here(sentence: str, now: date | None, lead: str) -> tuple[Stretch, ...]:
    stated: tuple[Stretch, ...] = stated_stretches(sentence, now)
    if not stated:
        for a, b in reversed(sentence_spans(lead, 0, len(lead))):
            stated = stated_stretches(lead[a:b], now)
            if stated:
                break
    return stated


def briefing_day(held: str | None, period: Period | None, lag: timedelta = timedelta(0)) -> date | None:
    """When the transcript was said; failing that, `lag` after the end of the period it reviews
    (the usual lag of the corpus, learned from transcripts that give both)."""
    if held:
        try:
            return date.fromisoformat(held)
        except ValueError:
            pass
    if period is not None:
        return date.fromisoformat(period.end) + lag
    return None
