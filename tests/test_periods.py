"""Periods named in text, placed by the day the text was said on."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.periods import REPORTING_KINDS, as_period, reporting_period, stretches, without_baselines

SAID = date(2024, 10, 23)


@pytest.mark.parametrize("text, kind, start, end", [
    ("Revenue in Q3 2024 rose", "quarter", "2024-07-01", "2024-09-30"),
    ("in the third quarter of 2023", "quarter", "2023-07-01", "2023-09-30"),
    ("3Q24 results", "quarter", "2024-07-01", "2024-09-30"),
    ("2024 Q2", "quarter", "2024-04-01", "2024-06-30"),
    ("the first half of 2022", "half", "2022-01-01", "2022-06-30"),
    ("H1 2024", "half", "2024-01-01", "2024-06-30"),
    ("the first eight months of 2023", "months", "2023-01-01", "2023-08-31"),
    ("the first three quarters of 2023", "months", "2023-01-01", "2023-09-30"),
    ("from January to March 2023", "months", "2023-01-01", "2023-03-31"),
    ("March 2023", "month", "2023-03-01", "2023-03-31"),
    ("fiscal year 2023", "fiscal year", "2023-01-01", "2023-12-31"),
    ("FY2022", "fiscal year", "2022-01-01", "2022-12-31"),
    ("mid-2022", "mid-year", "2022-06-01", "2022-07-31"),
    ("the whole of 2022", "whole year", "2022-01-01", "2022-12-31"),
    ("during 2021", "year", "2021-01-01", "2021-12-31"),
    ("the middle of 2021", "mid-year", "2021-06-01", "2021-07-31"),
    ("all of 2020", "whole year", "2020-01-01", "2020-12-31"),
    ("2019 as a whole", "whole year", "2019-01-01", "2019-12-31"),
    ("financial year 2021", "fiscal year", "2021-01-01", "2021-12-31"),
    ("FY23", "fiscal year", "2023-01-01", "2023-12-31"),
    ("the fir\u017ft half of 2024", "half", "2024-01-01", "2024-06-30"),  # a long s matches "s" when case is ignored
    ("by the end of 2025", "point", "2025-12-31", "2025-12-31"),
    ("at the January 17, 2023 briefing", "point", "2023-01-17", "2023-01-17"),
    ("on 17 January 2023", "point", "2023-01-17", "2023-01-17"),
    ("the August 2nd, 2021 council briefing", "point", "2021-08-02", "2021-08-02"),
    ("held 2023-01-17", "point", "2023-01-17", "2023-01-17"),
])
def test_periods_written_with_their_year(text, kind, start, end):
    found = stretches(text)
    assert [(s.kind, s.start.isoformat(), s.end.isoformat()) for s in found] == [(kind, start, end)]
    assert found[0].label in text


@pytest.mark.parametrize("text, start, end", [
    ("the first quarter", "2024-01-01", "2024-03-31"),
    ("the fourth quarter", "2024-10-01", "2024-12-31"),  # begun by the day it was said
    ("the first half", "2024-01-01", "2024-06-30"),
    ("from January to September", "2024-01-01", "2024-09-30"),
    ("in November", "2023-11-01", "2023-11-30"),
    ("last month", "2024-09-01", "2024-09-30"),
    ("last quarter", "2024-07-01", "2024-09-30"),
    ("last year", "2023-01-01", "2023-12-31"),
    ("next year", "2025-01-01", "2025-12-31"),
    ("since January", "2024-01-01", "2024-10-23"),
    ("\u017fince January", "2024-01-01", "2024-10-23"),
    ("the first two quarters", "2024-01-01", "2024-06-30"),
    ("the past two years", "2022-10-24", "2024-10-23"),
    ("so far this year", "2024-01-01", "2024-10-23"),
    ("as of the end of September", "2024-09-30", "2024-09-30"),
])
def test_periods_without_a_year_are_placed_by_the_day_they_were_said(text, start, end):
    found = stretches(text, SAID)
    assert [(s.start.isoformat(), s.end.isoformat()) for s in found] == [(start, end)]
    assert stretches(text) == []  # nothing to place them by


def test_a_level_on_a_day_is_a_point_and_a_bare_year_is_loose():
    end, = stretches("as of the end of September 2024")
    assert end.point and end.start == end.end == date(2024, 9, 30)
    year, = stretches("What happened in the 2022 season?")
    assert year.loose and (year.start, year.end) == (date(2022, 1, 1), date(2022, 12, 31))
    assert stretches("What happened in the 2022 season?", bare_years=False) == []


def test_a_date_that_names_no_day_is_not_one():
    assert [s.kind for s in stretches("the February 30, 2023 meeting", bare_years=False)] == []
    assert stretches("held 2023-02-30", bare_years=False) == []


def test_comparisons_name_no_period_and_verbs_are_not_months():
    assert stretches("up 5.2% year on year and 3% over the same period last year", SAID) == []
    assert "same period" not in without_baselines("sales rose 3% over the same period last year")
    assert stretches("We may march on and sign it", SAID) == []


# Words and phrases of every period pattern, and letters that match a-z when case is ignored.
_WORDS = ("the first second third fourth 1st 2nd quarter quarters half H1 H2 Q1 Q3 3Q 2Q24 months two three "
          "eight of this year last next month from to through and January March Sept. May mid- middle end as by at "
          "until since on in during for over throughout fiscal financial FY FY23 full whole entire all so far "
          "year-to-date same period compared with than previous prior past 2023 2024 1999 '23 23 5 - , "
          "\u017fince \u0130n \u212aey QUARTER Year").split()
_PHRASES = ("first two quarters", "the first three quarters of 2023", "third quarter of 2024", "Q3 2024", "3Q24",
            "the first half", "H1 2024", "the first eight months", "from January to March 2023", "March 2023",
            "fiscal year 2023", "FY2022", "financial 2021", "mid-2022", "the middle of 2021", "the whole of 2022",
            "all of 2020", "2019 as a whole", "for the entire year", "during 2021", "by the end of 2025",
            "as of the end of September", "the end of the quarter", "on March 5", "since January", "in November",
            "last month", "the past two years", "so far this year", "year-to-date", "\u017fince March", "\u0130n May",
            "the fir\u017ft quarter", "the f\u0130rst half", "the past f\u0131ve years")
_BASELINES = ("over the same period last year", "year on year", "compared with last quarter")
# Names every kind of period, after a mark no pattern reads across.
_EVERY_KIND = ("; the same period last year, quarters, months, half, H1, Q1, FY, fiscal, financial, since May, "
               "the end, mid, whole, full, entire, all of 1999")


def test_each_period_is_read_alike_alone_and_followed_by_every_kind():
    for phrase in _PHRASES + _BASELINES:
        for said in (None, SAID):
            for bare_years in (True, False):
                alone = stretches(phrase, said, bare_years)
                assert alone == [s for s in stretches(phrase + _EVERY_KIND, said, bare_years) if s.at < len(phrase)]
        assert bool(stretches(phrase, SAID)) == (phrase not in _BASELINES), phrase


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.sampled_from(_WORDS), st.sampled_from(_PHRASES)),
                          st.sampled_from([" ", "  ", "\n", ", ", "-", ""])), max_size=10),
       st.sampled_from([None, SAID]), st.booleans())
def test_what_a_text_names_does_not_depend_on_what_follows_it(pieces, said, bare_years):
    text = "".join(word + gap for word, gap in pieces)
    alone = stretches(text, said, bare_years)
    followed = stretches(text + _EVERY_KIND, said, bare_years)
    assert alone == [s for s in followed if s.at < len(text)]
    assert all(s.label in " ".join(text.split()) for s in alone)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.sampled_from(_WORDS), st.sampled_from(_PHRASES),
                                    st.sampled_from(["Q3 2024", "2023Q1", "3Q 2022", "H2 2021", "2020 H1", "QUARTER",
                                                     "January to March 2023", "Jan - Jun 2024", "May and June",
                                                     "Half", "MONTHS", "the fir\u017ft two quarters of 2022"])),
                          st.sampled_from([" ", "  ", "\n", ", ", "-", ""])), max_size=10))
def test_a_reporting_period_is_the_first_stretch_of_a_reporting_kind(pieces):
    # reporting_period looks for the words such a period needs before searching every pattern.
    text = "".join(word + gap for word, gap in pieces)
    first = next((s for s in stretches(text) if s.kind in REPORTING_KINDS), None)
    assert reporting_period(text) == (as_period(first) if first else None)


def test_an_opening_with_dates_but_no_reporting_period_names_none():
    opening = "Press Briefing\nJanuary 17, 2023\nMs. Lee: Good afternoon. On Monday, in 2022, since May, we met."
    assert reporting_period(opening) is None
    assert reporting_period(opening + " Results for the first quarter of 2023.").label == "first quarter of 2023"
    assert reporting_period("Sales, January to March 2023").start == "2023-01-01"
