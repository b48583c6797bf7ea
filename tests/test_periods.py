"""Periods named in text, placed by the day the text was said on."""

from datetime import date

import pytest

from corpus.periods import stretches, without_baselines

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
    ("by the end of 2025", "point", "2025-12-31", "2025-12-31"),
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


def test_comparisons_name_no_period_and_verbs_are_not_months():
    assert stretches("up 5.2% year on year and 3% over the same period last year", SAID) == []
    assert "same period" not in without_baselines("sales rose 3% over the same period last year")
    assert stretches("We may march on and sign it", SAID) == []
