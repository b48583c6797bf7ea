"""Times written beside labels and opening paragraphs become segments; times of day in sentences do not."""

import pytest

import corpus
from corpus.timestamps import is_time_of_day, paragraph_time, seconds, time_marks


@pytest.mark.parametrize("clock, value", [
    ("0:03", 3.0), ("12:21", 741.0), ("1:02:03", 3723.0), ("00:00:01.500", 1.5), ("01:02:03,250", 3723.25),
])
def test_seconds(clock, value):
    assert seconds(clock) == value


@pytest.mark.parametrize("paragraph, value", [
    ("[00:01:23] Dana Whitfield: We start with the budget.", 83.0),
    ("Dana Whitfield  0:03", 3.0),
    ("Speaker 2  1:02:03", 3723.0),
    ("Dana Whitfield (00:01:23): We start with the budget.", 83.0),
    ("Dana Whitfield (00:01:23)", 83.0),
    ("**Dana Whitfield:** \\[12:21\\] We start with the budget.", 741.0),
    ("\\[07:58\\] And the second point is the budget.", 478.0),
    ("SPEAKER_01 [00:00:01.500]: Hello.", 1.5),
    ("Dana Whitfield: 00:01:23", 83.0),
    ("Dana Whitfield: 00:01:23\nWe start with the budget.", 83.0),
])
def test_the_forms_exporters_write(paragraph, value):
    assert paragraph_time(paragraph) == value


@pytest.mark.parametrize("paragraph", [
    "1:59 P.M. EDT",
    "END                1:52 P.M. EST",
    "The session resumed at 10:30 and ran until noon.",
    "We met at  10:30",
    "In 2020 (12:30) we met again.",
    "MS. PSAKI:  Okay.  Welcome to our trip to Ohio.",
    "Meeting start: 10:30",
    "Dana Whitfield: 10:30 is when we start.",
])
def test_times_of_day_and_plain_sentences_are_not_marks(paragraph):
    assert paragraph_time(paragraph) is None


def test_one_segment_per_timed_paragraph_at_its_line():
    text = ("**Ann Lee:** Welcome back.\n\n"
            "**Bo Chen:** \\[04:23\\] Thanks, it is good to be here.\n\n"
            "More of what Bo said.\n\n"
            "\\[07:58\\] And the rest of it.\n")
    marks = time_marks(text)
    assert [(m.line, m.time) for m in marks] == [(3, (263.0, 263.0)), (7, (478.0, 478.0))]
    assert text[marks[0].start:marks[0].end].startswith("**Bo Chen:**")
    assert all(text[m.start:m.end].strip() == text[m.start:m.end] for m in marks)


@pytest.mark.parametrize("line, expected", [
    ("1:59 P.M. EDT", True), ("END\u00a0\u00a0\u00a0 1:52 P.M. EST", True), ("10:30", True),
    ("The briefing began at 1:59 P.M.", False), ("[00:01:23]", False),
])
def test_a_time_of_day_standing_alone(line, expected):
    assert is_time_of_day(line) is expected


def test_a_link_to_a_moment_of_the_video_alone_on_a_line_times_the_words_after_it():
    text = ("# Main Part\n[![Thumbnail 0](https://example.org/0.jpg)](https://video.example.org/watch?v=x7Q&t=0)\n\n"
            "All right, welcome everyone to the harbour board's talk.\n\n"
            "[![Thumbnail 40](https://example.org/40.jpg)](https://video.example.org/watch?v=x7Q&t=40)\n\n"
            "We've got a packed agenda today, starting with the dredging.\n")
    t = corpus.transcript_from_bytes(text.encode(), "talk.md")
    said = [(t.text[u.start:u.end], u.time and u.time[0]) for u in t.turns if "Thumbnail" not in t.text[u.start:u.end]]
    assert said[-2:] == [("All right, welcome everyone to the harbour board's talk.", 0.0),
                         ("We've got a packed agenda today, starting with the dredging.", 40.0)]
