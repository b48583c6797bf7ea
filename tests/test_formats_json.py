"""Speech-to-text JSON: Whisper/WhisperX segments and CDP sentences."""

import json
from pathlib import Path

import pytest

from corpus import DecodeError, SourceMap, transcript_from_bytes
from corpus.formats import read_file_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


def test_whisperx_speakers_times_and_file_lines():
    data = (FIXTURES / "library-podcast-whisperx.json").read_bytes()
    t = transcript_from_bytes(data, "library-podcast-whisperx.json")
    assert t.format == "json"
    assert [(turn.speaker, t.text[turn.start:turn.end]) for turn in t.turns] == [
        ("SPEAKER_00", "Welcome back to Shelf Life, the podcast about public libraries. "
                       "Today I am talking with the head of the county archive."),
        ("SPEAKER_01", "Thanks for having me. We digitised forty thousand maps last year."),
        ("SPEAKER_00", "How long did that take?"),
        ("SPEAKER_01", "Almost three years, with a team of six."),
    ]
    assert [turn.time for turn in t.turns] == [(0.031, 7.9), (8.4, 12.75), (13.1, 15.0), (15.2, 19.6)]
    assert t.title == "library podcast whisperx"
    lines = data.decode().splitlines()
    for seg in t.segments:
        line = lines[seg.line - 1]
        assert line.strip().startswith('"text"') and t.text[seg.start:seg.end] in line


def test_whisper_without_speakers_is_narration_cut_at_pauses():
    doc = {"text": " One. Two. Three.", "segments": [
        {"id": 0, "start": 0.0, "end": 1.0, "text": " One."},
        {"id": 1, "start": 1.0, "end": 2.0, "text": " Two."},
        {"id": 2, "start": 9.0, "end": 10.0, "text": " Three."},
    ], "language": "en"}
    t = transcript_from_bytes(json.dumps(doc).encode(), "memo.json")
    assert [(turn.speaker, turn.role, t.text[turn.start:turn.end]) for turn in t.turns] == [
        (None, "narrator", "One. Two."), (None, "narrator", "Three.")]


def test_captions_with_durations_run_on_across_segments_and_turn_at_each_speaker_mark():
    # A video site's captions: each segment a start and a duration (overlapping the next), `>>` where the
    # speaker changes unnamed. A segment starting two seconds after the last is no pause.
    segments = [("GOOD AFTERNOON. THE CLERK WILL", 10.0, 4.0), ("PRESENT THE REPORT. >> THANK YOU.", 12.0, 4.5),
                ("SINCE JANUARY THE HARBOUR BOARD HAS", 14.5, 4.0), ("APPROVED 12 NEW BERTHS. >>", 16.5, 3.8),
                ("HOW MANY WERE RETURNED?", 18.6, 2.0), ("ONLY ONE.", 30.0, 1.5)]
    data = json.dumps([{"text": w, "start": a, "duration": d} for w, a, d in segments]).encode()
    t = transcript_from_bytes(data, "council-captions.json")
    assert [t.text[u.start:u.end] for u in t.turns] == [
        "GOOD AFTERNOON. THE CLERK WILL PRESENT THE REPORT.",
        "THANK YOU. SINCE JANUARY THE HARBOUR BOARD HAS APPROVED 12 NEW BERTHS.",
        "HOW MANY WERE RETURNED?",
        "ONLY ONE.",
    ]
    assert t.turns[0].time == (10.0, 14.7) and t.turns[2].time == (18.6, 20.6)  # a share of its segment


def test_cdp_sentences_with_a_session_date_and_speaker_indexes():
    doc = {"session_datetime": "2023-10-05T09:30:00", "created_datetime": "2024-01-11T05:28:03",
           "sentences": [
               {"index": 0, "start_time": 0.0, "end_time": 2.0, "text": "Good morning.",
                "speaker_index": 0, "speaker_name": None},
               {"index": 1, "start_time": 2.0, "end_time": 4.0, "text": "We begin.",
                "speaker_index": 0, "speaker_name": None},
               {"index": 2, "start_time": 4.5, "end_time": 6.0, "text": "Thank you, chair.",
                "speaker_index": 1, "speaker_name": None},
               {"index": 3, "start_time": 6.0, "end_time": 7.0, "text": "Next item.",
                "speaker_index": 2, "speaker_name": "Chair Mosqueda"},
           ]}
    t = transcript_from_bytes(json.dumps(doc, indent=2).encode(), "council.json")
    assert t.date == "2023-10-05"
    assert [(turn.speaker, t.text[turn.start:turn.end]) for turn in t.turns] == [
        (None, "Good morning. We begin."), (None, "Thank you, chair."), ("Chair Mosqueda", "Next item.")]


@pytest.mark.parametrize("data", [
    b"\x00\x01\x02garbage\xff\xfe" * 40,
    b'{"segments": [{"start": 0.0, "end": 1.0, "text": "cut off',
    b'{"results": {"channels": []}}',
    b'[1, 2, 3]',
    b'{"segments": []}',
    b'[' * 100000,
])
def test_unreadable_json_raises_decode_error(data):
    with pytest.raises(DecodeError) as exc:
        read_file_bytes(data, "x.json")
    assert "\n" not in str(exc.value)


def test_json_of_another_shape_names_the_shapes_read():
    with pytest.raises(DecodeError, match="Whisper/WhisperX.*CDP"):
        read_file_bytes(b'{"utterances": [{"speaker": "A", "words": "hi"}]}', "x.json")


def test_a_record_list_of_utterances_with_split_names_clock_offsets_and_metadata():
    doc = {"metadata": {"hid": "7", "committee_name": "Harbour Board Finance Committee", "hearing_date": "2026-03-15",
                        "created_date": "2026-04-01"},
           "transcript": [
               {"offset": "00:09:25", "first name": "Ada", "last name": "Brook", "text": "The dues item is next."},
               {"offset": "00:09:29", "first name": "Tomas", "last name": "Ines", "text": "The dues fall in May."},
               {"offset": "00:10:02", "first name": "", "last name": "", "text": "Aye."},
               {"offset": "00:10:05", "first name": "Ada", "last name": "Brook", "text": "The motion carries."},
           ]}
    data = json.dumps(doc, indent=2).encode()
    t = transcript_from_bytes(data, "finance.json")
    assert (t.title, t.date) == ("Harbour Board Finance Committee", "2026-03-15")
    assert [(u.speaker, t.text[u.start:u.end]) for u in t.turns] == [
        ("Ada Brook", "The dues item is next."), ("Tomas Ines", "The dues fall in May."), (None, "Aye."),
        ("Ada Brook", "The motion carries."),
    ]
    assert [u.time[0] for u in t.turns] == [565.0, 569.0, 602.0, 605.0]
    lines = data.decode().splitlines()
    assert all(t.text[seg.start:seg.end] in lines[seg.line - 1] for seg in t.segments)


def test_a_dialogue_corpus_s_records_are_utterances_with_their_clock_times():
    # A tutoring or dialogue corpus: the words under `dialogue`, the times as minutes:seconds strings.
    records = [{"start": "00:00.00", "stop": "00:04.56", "speaker": "Tutor", "dialogue": "Where is the ferry now?"},
               {"start": "00:04.56", "stop": "00:09.10", "speaker": "Student", "dialogue": "Past the second buoy."},
               {"start": "01:02.50", "stop": "01:05.00", "speaker": "Tutor", "dialogue": "How far is that?"}]
    t = transcript_from_bytes(json.dumps(records).encode(), "session.json")
    assert [(u.speaker, t.text[u.start:u.end]) for u in t.turns] == [
        ("Tutor", "Where is the ferry now?"), ("Student", "Past the second buoy."), ("Tutor", "How far is that?")]
    assert [u.time for u in t.turns] == [pytest.approx((0.0, 4.56)), pytest.approx((4.56, 9.1)), (62.5, 65.0)]


def test_records_of_dialogue_without_speakers_are_not_taken_for_utterances():
    # `dialogue` holds a dialogue corpus's words only where the records name speakers too.
    with pytest.raises(DecodeError):
        transcript_from_bytes(json.dumps({"rows": [{"dialogue": "Harbour dues, page one."},
                                                   {"dialogue": "Harbour dues, page two."}]}).encode(), "rows.json")


def test_a_bare_list_of_texts_is_read_in_order_without_times():
    t = transcript_from_bytes(json.dumps([{"name": "Ada Brook", "text": "Welcome."},
                                          {"name": "Tomas Ines", "text": "Thank you."}]).encode(), "talk.json")
    assert [(u.speaker, u.time) for u in t.turns] == [("Ada Brook", None), ("Tomas Ines", None)]


def _segments(speakers):
    return [{"speaker": who, "start": 10.0 * n, "end": 10.0 * n + 9, "text": f"Harbour point {n} on the dredging."}
            for n, who in enumerate(speakers)]


def test_speech_json_saved_as_text_or_as_a_script_s_data_is_read_as_json():
    segments = json.dumps(_segments(["Ada Brook", "Tomas Ines", "Ada Brook"]), indent=2)
    script = f"// Transcript turns\n// generated\nconst TURNS = {segments};\n\nif (module) {{ module.exports = TURNS; }}\n"
    for name, data in (("turns.txt", segments), ("turns.js.txt", script)):
        t = transcript_from_bytes(data.encode(), name)
        assert t.format == "text (speech-to-text JSON)"
        assert [(u.speaker, t.text[u.start:u.end], u.time) for u in t.turns] == [
            ("Ada Brook", "Harbour point 0 on the dredging.", (0.0, 9.0)),
            ("Tomas Ines", "Harbour point 1 on the dredging.", (10.0, 19.0)),
            ("Ada Brook", "Harbour point 2 on the dredging.", (20.0, 29.0))]
        # Each turn cites the file line its words are written on.
        lines = data.split("\n")
        places = SourceMap.of(t)
        assert all("Harbour point" in lines[places.line(u.start) - 1] for u in t.turns)


def test_a_speaker_the_recogniser_could_not_tell_is_no_speaker():
    t = transcript_from_bytes(json.dumps(_segments(["Unknown Speaker", "Unknown Speaker"])).encode(), "meeting.json")
    assert [u.speaker for u in t.turns] == [None]


def test_text_that_only_opens_like_json_stays_text():
    for text in ("[Ada Brook]: The dues fall in spring.\n\n[Tomas Ines]: Not before the board meets.\n",
                 '{"note": "not a transcript"}\nAda Brook: The dues fall.\n'):
        t = transcript_from_bytes(text.encode(), "notes.txt")
        assert t.format == "text"


def test_a_diarising_services_labels_are_named_by_the_files_speakers_map():
    doc = {"speakers": {"spk_0": "Ada", "spk_1": "Karl"}, "segments": [
        {"speakerLabel": "spk_0", "start": 0, "end": 3.8, "text": " Welcome to the harbour podcast."},
        {"speakerLabel": "spk_1", "start": 3.8, "end": 6.0, "text": " Glad to be here."},
        {"speakerLabel": "spk_2", "start": 6.0, "end": 8.0, "text": " And so am I."},
        {"speaker_label": "spk_0", "start": 8.0, "end": 9.5, "text": " Let us start."},
    ]}
    t = transcript_from_bytes(json.dumps(doc).encode(), "episode.json")
    assert [(turn.speaker, t.text[turn.start:turn.end]) for turn in t.turns] == [
        ("Ada", "Welcome to the harbour podcast."), ("Karl", "Glad to be here."), ("spk_2", "And so am I."),
        ("Ada", "Let us start."),
    ]


@pytest.mark.parametrize("name", ["briefing.json", "briefing.json.txt"])
def test_a_page_saved_as_json_is_read_from_its_longest_page_field(name):
    said = "".join(f"<p>QUESTION: Will the dues fall in {m}?</p>\n<p>MS. BROOK: Not before the board meets in {m}.</p>\n"
                   for m in ("May", "June", "July", "August", "September", "October", "November", "December") * 2)
    doc = {"guid": "https://example.org/releases/1", "title": "Harbour Office Briefing",
           "published": "2026-07-20T05:23:20+00:00", "fetched_at": "2026-07-21T00:00:00+00:00",
           "summary": "<p>A briefing on the harbour dues.</p>", "content": f"<p>Ada Brook, Harbour Office</p>\n{said}"}
    data = json.dumps(doc, indent=2).encode()
    t = transcript_from_bytes(data, name)
    assert (t.title, t.date) == ("Harbour Office Briefing", "2026-07-20")
    assert "a page saved as JSON" in t.format and "<p>" not in t.text and "guid" not in t.text
    assert [u.speaker for u in t.turns if u.speaker][:2] == ["QUESTION", "MS. BROOK"]
    line = data.decode().splitlines().index(next(ln for ln in data.decode().splitlines() if '"content"' in ln)) + 1
    assert {s.line for s in t.segments} == {line}  # every passage cites the line the field is written on


def test_json_with_no_page_field_is_refused_with_what_is_read():
    with pytest.raises(DecodeError, match="page saved as JSON"):
        transcript_from_bytes(json.dumps({"title": "x", "summary": "short"}).encode(), "x.json")


@pytest.mark.parametrize("numbered", [True, False])
def test_segments_kept_as_start_end_text_rows_are_read_with_their_times(numbered):
    rows = [[0.0, 6.5, "The harbour dues rise in spring."], [8.0, 13.25, "The ferries pay half of them."],
            [13.25, 18.0, "The pier opens in June."]]
    doc = {"segments": {str(n): row for n, row in enumerate(rows)} if numbered else rows}
    t = transcript_from_bytes(json.dumps(doc, indent=2).encode(), "match.json")
    assert "The ferries pay half of them." in t.text
    assert t.segments[0].time == (0.0, 6.5) and t.segments[-1].time == (13.25, 18.0)
