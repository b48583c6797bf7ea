"""WebVTT and SRT captions: speakers from voice tags, `>>` and `Name:` labels, cue times, file lines."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import DecodeError, SourceMap, transcript_from_bytes
from corpus.formats import read_file_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


def _read(name: str):
    return transcript_from_bytes((FIXTURES / name).read_bytes(), name)


def _turns(t):
    return [(turn.speaker, t.text[turn.start:turn.end]) for turn in t.turns]


def test_webvtt_voices_changes_mid_cue_and_blocks_that_are_not_cues():
    t = _read("town-hall-2024-03-05.vtt")
    assert t.format == "webvtt"
    assert _turns(t) == [
        ("Mayor Alvarez", "Good evening and welcome to the town hall on the flood levy. "
                          "We will take questions at the end. Thank you all for coming."),
        (None, "When will the levy be finished? Is it before the spring floods?"),
        ("Mayor Alvarez", "The contractor tells us September."),
        (None, "And the cost?"),
        ("Engineer Okafor", "Four point two million, on budget."),
    ]
    for words in ("NOTE", "color", "region", "align", "Captioned live", "-->", "&gt;", ">>"):
        assert words not in t.text


def test_webvtt_title_from_the_header_and_date_from_the_file_name():
    t = _read("town-hall-2024-03-05.vtt")
    assert t.title == "Riverside Town Hall on the Flood Levy"
    assert t.date == "2024-03-05"


def test_webvtt_turns_keep_their_time_span_and_a_split_cue_shares_its_time():
    t = _read("town-hall-2024-03-05.vtt")
    assert [turn.time for turn in t.turns][0][0] == 1.0
    first, question = t.turns[0], t.turns[1]
    assert first.time[1] == question.time[0]  # cue 3 (8.5-12.5 s) is cut where the question begins
    assert 8.5 < first.time[1] < 12.5
    assert question.time[1] == 15.0
    starts = [turn.time[0] for turn in t.turns]
    assert starts == sorted(starts)


def test_webvtt_segments_point_at_the_line_of_each_cue_text():
    data = (FIXTURES / "town-hall-2024-03-05.vtt").read_bytes()
    lines = data.decode("utf-8-sig").splitlines()
    t = transcript_from_bytes(data, "town-hall-2024-03-05.vtt")
    places = SourceMap.of(t)
    for seg in t.segments:
        first_word = t.text[seg.start:seg.end].split()[0]
        assert first_word in lines[seg.line - 1]
        assert places.line(seg.start) == seg.line
    question = t.turns[1]
    assert "When will the levy" in lines[places.line(question.start) - 1]


def test_webvtt_first_cue_is_never_the_title():
    data = b"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nGood morning, everyone.\n\n" \
           b"00:00:03.000 --> 00:00:05.000\nLet us begin.\n"
    t = transcript_from_bytes(data, "budget-hearing.vtt")
    assert t.title == "budget hearing"


def test_zoom_labels_with_affiliations_and_one_speaker_across_cues():
    data = (
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nmaria: Morning all.\n\n"
        "2\n00:00:02.500 --> 00:00:04.000\nmaria: Let us start with the release.\n\n"
        "3\n00:00:04.500 --> 00:00:06.000\nTom Reyes (Core): It ships Tuesday.\n\n"
        "4\n00:00:06.500 --> 00:00:08.000\nTom Reyes (Core): Note: the docs lag.\n\n"
        "5\n00:00:08.500 --> 00:00:09.000\nLi Wei | QA: Tests pass.\n"
    ).encode()
    t = transcript_from_bytes(data, "standup.vtt")
    assert _turns(t) == [("maria", "Morning all. Let us start with the release."),
                         ("Tom Reyes", "It ships Tuesday. Note: the docs lag."),
                         ("Li Wei", "Tests pass.")]
    assert [turn.label for turn in t.turns] == ["maria", "Tom Reyes (Core)", "Li Wei | QA"]
    assert t.turns[0].time == (1.0, 4.0)


def test_a_colon_in_speech_is_not_a_label_unless_it_recurs():
    data = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nThe answer is: we do not know yet.\n\n"
        "00:00:03.000 --> 00:00:05.000\nBut we will find out.\n"
    ).encode()
    t = transcript_from_bytes(data, "talk.vtt")
    assert [turn.speaker for turn in t.turns] == [None]
    assert t.text == "The answer is: we do not know yet. But we will find out."


def test_srt_labels_styling_and_changes():
    t = _read("harbour-board-2023-11-14.srt")
    assert t.format == "srt"
    assert _turns(t) == [
        ("CHAIR WILLIAMS", "The meeting will come to order. First item: the dredging contract."),
        ("DIRECTOR PATEL", "Thank you, Chair. The dredging finished two weeks early and under budget."),
        (None, "How much under budget?"),
        ("DIRECTOR PATEL", "About four percent."),
        ("CHAIR WILLIAMS", "Thank you. Next item. Public comment is closed."),
    ]
    assert "<i>" not in t.text
    assert t.turns[0].time == (0.5, 6.2)
    assert t.title == "harbour board 2023-11-14" and t.date == "2023-11-14"
    lines = (FIXTURES / "harbour-board-2023-11-14.srt").read_text().splitlines()
    for seg in t.segments:
        assert t.text[seg.start:seg.end].split()[0] in lines[seg.line - 1]


@pytest.mark.parametrize("name", ["x.vtt", "x.srt"])
@pytest.mark.parametrize("data", [
    b"\x00\x01\x02garbage\xff\xfe" * 40,
    b"just some words with no timings at all\n",
    b"WEBVTT\n\n00:00:01.000 --> 00:00",
    b"1\n00:00:01,000 --> 00:0",
    b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n",
])
def test_unreadable_captions_raise_decode_error(name, data):
    with pytest.raises(DecodeError) as exc:
        read_file_bytes(data, name)
    assert "\n" not in str(exc.value) and str(exc.value)


def test_a_change_at_the_end_of_a_cue_holds_for_the_words_of_the_next():
    data = (b"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nThe meeting is adjourned.\n>>\n\n"
            b"00:00:03.000 --> 00:00:05.000\nThank you, chair.\n")
    t = transcript_from_bytes(data, "close.vtt")
    assert _turns(t) == [(None, "The meeting is adjourned."), (None, "Thank you, chair.")]
    assert t.turns[1].time == (3.0, 5.0)


def _caption_log(stamps: list[str], pieces: list[str], header: str = "") -> str:
    return header + "".join(f"\n{stamp}\n\n{words}\n" for stamp, words in zip(stamps, pieces))


def test_a_caption_log_in_text_joins_words_across_its_times_and_cuts_at_each_change_of_speaker():
    stamps = ["[2:35:31 PM]", "[2:36:32 PM]", "[2:37:32 PM]", "[2:38:34 PM]", "[2:39:35 PM]"]
    pieces = [">> Welcome to the hearing on the harbour. We begin with the dues, which the board",
              "will cut in the spring once tonnage recovers. Thank you.",
              ">> Thank you, Madam Chair. The bridge is my question today, and the",
              "insurance market after the storm.",
              ">> We will come to that after the break."]
    header = "Title: Harbour hearing\nChannel: 56 - HARBOUR\nRecorded On: 9/10/2025 2:15:00 PM\n=====\n"
    t = transcript_from_bytes(_caption_log(stamps, pieces, header).encode(), "hearing.txt")
    assert t.format == "text (caption log, 5 times)" and t.title == "Harbour hearing"
    said = [t.text[u.start:u.end] for u in t.turns]
    assert said == ["Welcome to the hearing on the harbour. We begin with the dues, which the board will cut in the "
                    "spring once tonnage recovers. Thank you.",
                    "Thank you, Madam Chair. The bridge is my question today, and the insurance market after the storm.",
                    "We will come to that after the break."]
    assert [u.time for u in t.turns] == [(52531.0, 52652.0), (52652.0, 52775.0), (52775.0, 52775.0)]
    assert [s.reason for s in t.set_aside] == ["the caption log's header"] * 4
    assert all(u.speaker is None for u in t.turns)


@pytest.mark.parametrize("stamps", [
    ["[00:01:00]", "[00:02:00]", "[00:03:00]", "[00:04:00]"],  # too few to be a log
    ["[00:05:00]", "[00:01:00]", "[00:04:00]", "[00:02:00]", "[00:03:00]", "[00:00:30]"],  # not in order
])
def test_a_few_or_unordered_times_alone_on_lines_are_not_a_caption_log(stamps):
    text = _caption_log(stamps, [f"Paragraph {i} of what was said." for i in range(len(stamps))])
    assert "caption log" not in transcript_from_bytes(text.encode(), "notes.txt").format


_SPOKEN = ["Welcome to the hearing on the harbour. We begin with the dues, which the board",
           "will cut in the spring once tonnage recovers.",
           "Ada Brook: The bridge is my question today, and the",
           "insurance market after the storm.",
           "Karl Vale: We will come to that after the break.",
           "Ada Brook: Then I will wait."]


@pytest.mark.parametrize("span", [
    "[{a} --> {b}]  ", "*{a}- {b}* :  ", "({a} - {b}) ", "{a} --> {b} ",
])
def test_a_time_span_opening_every_line_is_the_time_of_its_words_and_lines_join_into_sentences(span):
    clocks = ["00:00.060", "00:05.560", "00:11.680", "00:20.260", "00:25.240", "00:29.560", "00:35.300"]
    lines = [span.format(a=a, b=b) + words for a, b, words in zip(clocks, clocks[1:], _SPOKEN)]
    t = transcript_from_bytes(("# Harbour hearing\n\n" + "\n".join(lines) + "\n").encode(), "hearing.md")
    assert t.format == "markdown (timed lines, 6 cues)" and t.title == "Harbour hearing"
    assert _turns(t) == [
        (None, "Welcome to the hearing on the harbour. We begin with the dues, which the board will cut in the "
               "spring once tonnage recovers."),
        ("Ada Brook", "The bridge is my question today, and the insurance market after the storm."),
        ("Karl Vale", "We will come to that after the break."), ("Ada Brook", "Then I will wait.")]
    assert [u.time for u in t.turns] == [(0.06, 11.68), (11.68, 25.24), (25.24, 29.56), (29.56, 35.3)]
    assert [s.reason for s in t.set_aside] == ["the header before the timed lines"]


def test_subtitles_that_open_a_speakers_words_with_a_dash_change_speaker_there():
    said = [("- Calling the meeting to order.", "Please stand."), ("- I make a motion to approve.",),
            ("- Second.", "- Second from Ms. Brook."), ("All in favor?",), ("- Aye.",), ("- Motion carries.",)]
    srt = "".join(f"{n}\n00:00:{2 * n:02d},000 --> 00:00:{2 * n + 1:02d},500\n" + "\n".join(lines) + "\n\n"
                  for n, lines in enumerate(said, 1))
    t = transcript_from_bytes(srt.encode(), "board.srt")
    assert [t.text[u.start:u.end] for u in t.turns] == [
        "Calling the meeting to order. Please stand.", "I make a motion to approve.", "Second.",
        "Second from Ms. Brook. All in favor?", "Aye.", "Motion carries."]


def test_a_time_span_in_seconds_opening_every_line_times_its_words():
    lines = ["[0.00 --> 3.28]  Please hold.", "[8.74 --> 12.16]  Welcome to the harbour show,",
             "[12.56 --> 15.02]  where the ferries run on time.", "[15.34 --> 18.20]  Today we talk about piers.",
             "[18.52 --> 20.72]  And about the dues.", "[20.86 --> 22.64]  Let us begin."]
    t = transcript_from_bytes("\n".join(lines).encode(), "show.txt")
    assert t.format == "text (timed lines, 6 cues)" and "-->" not in t.text
    assert "Welcome to the harbour show, where the ferries run on time." in t.text
    assert t.turns[0].time[0] == 0.0 and t.turns[-1].time[1] == 22.64



def test_subrip_blocks_pasted_into_a_markdown_page_are_cues_under_its_heading():
    said = [("Moderator", "Is it okay if we record this session?"), ("P3", "Yes."),
            ("Moderator", "How did the form go last year?"), ("P3", "It was online,"), ("P3", "and it went fine."),
            ("Notetaker", "Noted.")]
    blocks = "".join(f"{n}\n00:00:{2 * n:02d}.110 --> 00:00:{2 * n + 1:02d}.050\n{who}: {words}\n\n"
                     for n, (who, words) in enumerate(said, 1))
    text = "<h1>Participant 2 Ferry Timetable - 03/04/2031 (Mobile) </h1>\n\n\n" + blocks
    t = transcript_from_bytes(text.encode(), "session-2.md")
    assert t.format == "markdown (timed lines, 6 cues)" and t.title == "Participant 2 Ferry Timetable - 03/04/2031 (Mobile)"
    assert [(u.speaker, t.text[u.start:u.end]) for u in t.turns] == [
        ("Moderator", "Is it okay if we record this session?"), ("P3", "Yes."),
        ("Moderator", "How did the form go last year?"), ("P3", "It was online, and it went fine."),
        ("Notetaker", "Noted.")]
    assert t.turns[1].time == (4.11, 5.05)
    # Numbers alone on lines between the words of a text that has no spans are the text's own.
    plain = "\n\n".join(f"{n}\nThe ferries ran on time, and the dues fell." for n in range(1, 8))
    assert "1" in transcript_from_bytes(plain.encode(), "notes.md").text.split()


def test_lines_closed_by_a_linked_time_are_cues_and_a_files_generated_stamp_does_not_date_them():
    url = "https://video.example/watch?v=abc"
    said = ["Good morning, everyone.", "The ferries ran again this week,", "and the pier opens in May.",
            "Questions, please.", "When will the dues fall?", "In the spring."]
    lines = "".join(f"*  {w} [[00:00:{3 * n:02d}]({url}&t={3 * n}.5s)]\n" for n, w in enumerate(said))
    text = ("---\nDate Generated: May 14, 2031\nVideo Description: A press briefing on the harbour.\n---\n\n"
            f"# Harbour briefing\n**Harbour office:** [June 03, 2030]({url})\n" + lines)
    t = transcript_from_bytes(text.encode(), "briefing.md")
    assert t.format == "markdown (timed lines, 6 cues)" and (t.title, t.date) == ("Harbour briefing", "2030-06-03")
    assert "http" not in t.text and "[" not in t.text
    assert "The ferries ran again this week, and the pier opens in May." in t.text
    assert t.turns[0].time == (0.0, 15.0)

ARCHIVE = """TOP|20080808130001|2008-08-08_1300_US_Harbour_News
COL|A broadcast archive
LBT|2008-08-08 06:00 America/Los_Angeles
HED|Ferries Return; Pier Closed
SegStart|20080808130001.000|Harbour|Ferries
CC1|20080808130001.000|>>> THE FERRIES ARE BACK ON
CC1|20080808130003.005|THE WATER THIS MORNING.
OTS|20080808130003
CC1|20080808130005.010|>> Reporter: THE FIRST BOAT LEFT
CC1|20080808130007.015|AT SIX, AND THE SECOND
SegEnd|20080808130009.000|Harbour|Ferries
CC1|20080808130009.021|FOLLOWED AT SEVEN.
CC1|20080808130011.026|>> THANK YOU. AND THE PIER?
CC1|20080808130013.031|>> Reporter: CLOSED UNTIL MAY.
END|20080808130100|2008-08-08_1300_US_Harbour_News
"""


def test_a_broadcast_archives_caption_fields_are_read_as_captions_timed_from_the_recordings_start():
    t = transcript_from_bytes(ARCHIVE.encode(), "harbour-news.txt")
    assert t.format == "text (caption fields, 7 lines)"
    assert (t.title, t.date) == ("Ferries Return; Pier Closed", "2008-08-08")
    said = [(u.speaker, t.text[u.start:u.end], u.time[0]) for u in t.turns]
    assert said == [(None, "THE FERRIES ARE BACK ON THE WATER THIS MORNING.", 0.0),
                    ("Reporter", "THE FIRST BOAT LEFT AT SIX, AND THE SECOND FOLLOWED AT SEVEN.", 4.01),
                    (None, "THANK YOU. AND THE PIER?", 10.026), ("Reporter", "CLOSED UNTIL MAY.", 12.031)]
    assert {a.reason for a in t.set_aside} == {"the archive's fields"} and len(t.set_aside) == 8
    assert "OTS" not in t.text and "SegStart" not in t.text


def test_hours_in_a_span_and_a_file_named_title():
    lines = [f"[01:0{i}:00.000 --> 01:0{i}:30.000] Line {i} of what was said." for i in range(6)]
    t = transcript_from_bytes("\n".join(lines).encode(), "harbour-hearing-2025-03-04.txt")
    assert t.format.startswith("text (timed lines") and t.turns[0].time[0] == 3600.0
    assert t.title == "harbour hearing 2025-03-04"


@pytest.mark.parametrize("name, header, scale", [
    ("hearing.tsv", "start\tend\ttext\n", 1000), ("hearing.tsv.txt", "Start (ms)\tEnd (ms)\tRaw\tCorrected\n", 1000),
    ("hearing.txt", "", 1.0),
])
def test_tab_separated_rows_are_cues_in_milliseconds_or_seconds(name, header, scale):
    starts = [0.06, 5.56, 11.68, 20.26, 25.24, 29.56, 35.3]
    rows = [f"{round(a * scale, 2) if scale == 1.0 else int(a * scale)}\t"
            f"{round(b * scale, 2) if scale == 1.0 else int(b * scale)}\t{words}"
            for a, b, words in zip(starts, starts[1:], _SPOKEN)]
    t = transcript_from_bytes((header + "\n".join(rows) + "\n").encode(), name)
    assert "tab-separated rows, 6 cues" in t.format and t.title == "hearing"
    assert [speaker for speaker, _ in _turns(t)] == [None, "Ada Brook", "Karl Vale", "Ada Brook"]
    assert _turns(t)[0][1].endswith("once tonnage recovers.")
    assert [u.time for u in t.turns] == [(0.06, 11.68), (11.68, 25.24), (25.24, 29.56), (29.56, 35.3)]


@pytest.mark.parametrize("lines", [
    [f"[00:0{i}:00 --> 00:0{i}:30] Item {i}." for i in range(4)],  # too few to be cues
    [f"{9 - i}:00 - {9 - i}:30 Session {i}, in the hall." for i in range(6)],  # an agenda, not in order
    ["10:00 - 10:30 Opening.", "11:00 - 11:30 Coffee."] + [f"Paragraph {i} of the minutes, said at length." for i in range(6)],
])
def test_a_few_unordered_or_scattered_spans_are_not_timed_lines(lines):
    assert "timed lines" not in transcript_from_bytes("\n\n".join(lines).encode(), "notes.txt").format


_CUE_WORDS = st.lists(st.sampled_from(["the", "harbour", "dues", "rise", "in", "spring", "and", "board", "said",
                                       "we", "will", "see."]), min_size=1, max_size=12).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_CUE_WORDS, st.integers(0, 4000)), min_size=5, max_size=30),
       st.sampled_from(["[{a} --> {b}]  ", "*{a}- {b}* :  ", "({a} - {b}) "]))
def test_every_timed_line_is_in_the_text_once_in_order_within_its_time(cues, span):
    clock = lambda ms: f"{ms // 60000:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"
    lines, at, said = [], 0, []
    for n, (words, length) in enumerate(cues):
        words = f"{words} mark{n}q"  # each cue told apart
        lines.append(span.format(a=clock(at), b=clock(at + length)) + words)
        said.append((words, at / 1000, (at + length) / 1000))
        at += length + 100
    t = transcript_from_bytes(("\n".join(lines) + "\n").encode(), "podcast.md")
    assert t.format.startswith("markdown (timed lines")
    where = [t.text.find(words) for words, _, _ in said]
    assert all(t.text.count(words) == 1 for words, _, _ in said) and where == sorted(where)
    for (words, start, end), pos in zip(said, where):
        turn = next(u for u in t.turns if u.start <= pos < u.end)
        assert turn.time[0] <= start + 1e-6 and end - 1e-6 <= turn.time[1]


def test_a_broadcast_archives_times_run_on_past_a_months_end():
    stamps = ["20080731235958.000", "20080731235959.500", "20080801000001.000", "20080801000003.250", "20080801000005.000"]
    lines = ["TOP|20080731235958|2008-07-31_2359_US_Harbour_News", "HED|Night News"]
    lines += [f"CC1|{s}|>> WORDS {k} OF THE NIGHT." for k, s in enumerate(stamps)]
    t = transcript_from_bytes("\n".join(lines).encode(), "night-news.txt")
    assert [u.time[0] for u in t.turns] == [0.0, 1.5, 3.0, 5.25, 7.0]
