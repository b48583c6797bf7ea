"""Which period a sentence's figures are for, and whether it is the one asked about."""

from datetime import date, timedelta

import pytest

from assistant.query import find_question_periods, without_briefing
from assistant.stated_periods import (Stretch, asked_stretches, briefing_day, fits, for_another_period,
                                      stated_stretches)
from corpus import Period

APRIL_2023 = date(2023, 4, 20)
OCTOBER_2024 = date(2024, 10, 23)


def _spans(sentence: str, now: date | None) -> list[tuple[str, str, bool]]:
    return [(s.start.isoformat(), s.end.isoformat(), s.point) for s in stated_stretches(sentence, now)]


@pytest.mark.parametrize("sentence, now, expected", [
    # A yearless period is the latest one begun by the briefing.
    ("In the first quarter, output rose by 3% year on year.", APRIL_2023, [("2023-01-01", "2023-03-31", False)]),
    ("In the first quarter of this year, output rose by 3%.", APRIL_2023, [("2023-01-01", "2023-03-31", False)]),
    ("In the fourth quarter, output rose by 2%.", APRIL_2023, [("2022-10-01", "2022-12-31", False)]),
    ("In the first three quarters, revenue reached 325.2 billion yuan.", OCTOBER_2024,
     [("2024-01-01", "2024-09-30", False)]),
    ("From January to September, 220 million phones were shipped.", OCTOBER_2024,
     [("2024-01-01", "2024-09-30", False)]),
    ("Production in March increased by 15.3%.", APRIL_2023, [("2023-03-01", "2023-03-31", False)]),
    ("By the end of August, the number reached 504,000.", OCTOBER_2024, [("2024-08-31", "2024-08-31", True)]),
    ("As of June 25, relief totalled 2.58 trillion yuan.", date(2022, 7, 19), [("2022-06-25", "2022-06-25", True)]),
    ("Last year, output rose by 3.4%.", APRIL_2023, [("2022-01-01", "2022-12-31", False)]),
    ("Strive to open 600,000 base stations throughout the year.", date(2022, 7, 19),
     [("2022-01-01", "2022-12-31", False)]),
    ("In 2022, value added exceeded 40 trillion yuan.", APRIL_2023, [("2022-01-01", "2022-12-31", False)]),
    ("In the first quarter of 2023, output rose by 3%.", None, [("2023-01-01", "2023-03-31", False)]),
    # What a figure is compared with is not what it is for.
    ("Sales grew by 9.7% over the same period last year.", APRIL_2023, []),
    ("Sales grew by 9.7% compared with last year.", APRIL_2023, []),
    ("Plans for new material platforms (2024-2027) were issued.", OCTOBER_2024, []),
    ("The network covers 400 million households.", APRIL_2023, []),
])
def test_the_periods_a_sentence_states(sentence, now, expected):
    assert _spans(sentence, now) == expected


def test_asked_periods_strict_whole_and_loose():
    def asked(question):
        q = without_briefing(question)
        return [(s.start.isoformat(), s.end.isoformat(), s.loose)
                for s in asked_stretches(q, find_question_periods(question))]

    assert asked("What grew in the second quarter of 2023?") == [("2023-04-01", "2023-06-30", False)]
    assert asked("How many cars were produced in the whole of 2022?") == [("2022-01-01", "2022-12-31", False)]
    assert asked("How fast did output grow over the full year 2023?") == [("2023-01-01", "2023-12-31", False)]
    assert asked("How many robots were made in 2024?") == [("2024-01-01", "2024-12-31", True)]
    assert asked("How many were built by mid-2022?") == [("2022-06-01", "2022-07-31", True)]
    # The briefing a question names says when the words were said, not what they are about.
    assert asked("How big was the industry according to the April 2023 briefing?") == []
    assert asked("How many apps were there?") == []


def test_a_figure_for_another_period_is_set_aside():
    q2 = (Stretch(date(2023, 4, 1), date(2023, 6, 30)),)
    assert for_another_period(q2, "In the first quarter, output rose by 3%.", APRIL_2023)
    assert not for_another_period(q2, "Output rose by 3%.", APRIL_2023)  # names no period: may fit
    assert not for_another_period((), "In the first quarter, output rose by 3%.", APRIL_2023)

    third_alone = (Stretch(date(2024, 7, 1), date(2024, 9, 30)),)
    assert for_another_period(third_alone, "In the first three quarters, it rose by 5.8%.", OCTOBER_2024)
    nine_months = (Stretch(date(2024, 1, 1), date(2024, 9, 30)),)
    assert not for_another_period(nine_months, "In the first three quarters, it rose by 5.8%.", OCTOBER_2024)
    # A level at the end of August is not one at the end of September.
    assert for_another_period(nine_months, "By the end of August, it reached 504,000.", OCTOBER_2024)


def test_a_sentence_without_a_period_takes_its_paragraphs():
    whole_2022 = (Stretch(date(2022, 1, 1), date(2022, 12, 31)),)
    whole_2023 = (Stretch(date(2023, 1, 1), date(2023, 12, 31)),)
    lead = "In 2022, the ministry cut the purchase tax. "
    sentence = "Annual production and sales increased by 3.4% and 2.1%."
    assert not for_another_period(whole_2022, sentence, APRIL_2023, lead)
    assert for_another_period(whole_2023, sentence, APRIL_2023, lead)
    # A period the sentence names itself comes first.
    assert for_another_period(whole_2022, "This year, sales rose by 5%.", APRIL_2023, lead)


def test_points_and_loose_periods():
    june_2022 = Stretch(date(2022, 6, 1), date(2022, 6, 30))
    assert fits(june_2022, Stretch(date(2022, 6, 25), date(2022, 6, 25), point=True))
    assert not fits(june_2022, Stretch(date(2022, 5, 31), date(2022, 5, 31), point=True))
    in_2024 = Stretch(date(2024, 1, 1), date(2024, 12, 31), loose=True)
    assert fits(in_2024, Stretch(date(2024, 1, 1), date(2024, 9, 30)))
    assert not fits(in_2024, Stretch(date(2023, 1, 1), date(2023, 3, 31)))


def test_the_briefing_day():
    assert briefing_day("2023-04-20", None) == APRIL_2023
    h1 = Period("2022-01-01", "2022-06-30", "first half of 2022")
    assert briefing_day(None, h1) == date(2022, 6, 30)  # no lag known: the period's end
    assert briefing_day(None, h1, lag=timedelta(days=20)) == date(2022, 7, 20)
    assert briefing_day("not a date", None) is None
    assert briefing_day(None, None) is None
