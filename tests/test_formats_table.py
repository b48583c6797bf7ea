"""Transcripts kept as a table: a header naming the columns, one utterance a row."""

import pytest

from corpus import DecodeError, SourceMap, transcript_from_bytes

TABLE = (
    "row_id,text_clean,page,line_type,speaker,speaker_standardized\n"
    '1,"--- Upon commencing on Thursday, March 27, 2031 at 9:30 a.m.",8,start,NA,NA\n'
    "2,Order. The harbour inquiry is now in session.,8,speaker_start,THE REGISTRAR,the registrar\n"
    "3,--- OPENING REMARKS BY COMMISSIONER BROOK:,8,section_header,NA,NA\n"
    '4,"Good morning. The dredging is a year late,\nand the silt survey came back twice over budget.",8,speaker_start,'
    "COMMISSIONER BROOK,commissioner brook\n"
    "5,Thank you. We will hear the harbour board first.,9,speaker_start,MR. INES,mr. ines\n"
)


@pytest.mark.parametrize("name, fmt", [("inquiry-day-1.csv", "csv"), ("inquiry-day-1.csv.txt", "text")])
def test_rows_are_utterances_and_a_row_naming_no_one_is_narration(name, fmt):
    t = transcript_from_bytes(TABLE.encode(), name)
    assert t.format == f"{fmt} (table, 5 rows)"
    said = [(u.speaker, u.role, t.text[u.start:u.end]) for u in t.turns]
    assert said[0] == (None, "narrator", "--- Upon commencing on Thursday, March 27, 2031 at 9:30 a.m.")
    assert said[1][0] == "THE REGISTRAR"  # the name as written, not the standardised one
    assert said[2] == (None, "narrator", "--- OPENING REMARKS BY COMMISSIONER BROOK:")
    assert said[3][0] == "COMMISSIONER BROOK" and said[3][2].endswith("twice over budget.")
    assert said[4][0] == "MR. INES"
    # Each turn is cited at the line its row begins on; a quoted field may run over two lines.
    lines = TABLE.split("\n")
    places = SourceMap.of(t)
    assert lines[places.line(t.turns[3].start) - 1].startswith("4,")
    assert lines[places.line(t.turns[4].start) - 1].startswith("5,")


def test_tab_separated_rows_with_times_carry_them():
    rows = "start\tend\tspeaker\ttext\n" + "".join(
        f"{10 * n}\t{10 * n + 8}\t{who}\tHarbour point {n} on the dredging.\n"
        for n, who in enumerate(["Ada Brook", "Tomas Ines", "Ada Brook"]))
    t = transcript_from_bytes(rows.encode(), "meeting.tsv")
    assert [(u.speaker, u.time) for u in t.turns] == [
        ("Ada Brook", (0.0, 8.0)), ("Tomas Ines", (10.0, 18.0)), ("Ada Brook", (20.0, 28.0))]


@pytest.mark.parametrize("text", [
    "Text of the address, as delivered\nGood morning, everyone.\nThe dues fall in spring, as agreed.\n"
    "The ferries pay half, as before.\nThank you, all.\n",
    "speaker,role\nAda Brook,chair\nTomas Ines,member\nCy Dale,member\n",
    "speaker,text\r,role\nAda Brook,chair\n",  # a carriage return alone inside the first line
])
def test_prose_with_commas_and_a_table_with_no_column_of_words_stay_text(text):
    assert not transcript_from_bytes(text.encode(), "notes.txt").format.startswith("text (table")


def test_a_csv_file_that_is_no_table_of_utterances_is_refused_with_one_line():
    with pytest.raises(DecodeError) as exc:
        transcript_from_bytes(b"name,role\nAda Brook,chair\nTomas Ines,member\n", "people.csv")
    assert "name the columns" in str(exc.value) and "\n" not in str(exc.value)


def test_of_two_columns_named_for_the_time_the_one_holding_times_times_the_rows():
    # One `timestamp` holds a clock with a note on some rows, the other the same time in seconds.
    rows = ("timestamp,speaker,words,timestamp\n[00:03:43] interview begins,TI:,Your name?,223\n"
            ",AB:,Ada Brook.,\n[00:04:28],TI:,And your work?,268\n,AB:,The harbour dues.,\n")
    t = transcript_from_bytes(rows.encode(), "interview.csv")
    assert [u.time[0] if u.time else None for u in t.turns] == [223.0, 223.0, 268.0, 268.0]


def test_a_row_of_speech_with_its_speaker_cell_left_blank_goes_on_with_the_speaker_above():
    rows = ("speaker,timestamp,words\n"
            "Ada Brook,0:00,What did the dredging cost the town?\n"
            'Tomas Ines,0:05,"Twice the estimate, in the end."\n'
            ',0:41,"And the silt went to the north bank, which nobody had planned for."\n'
            ",1:02,--- SECOND PART:\n"
            'Ada Brook,1:10,"Thank you."\n')
    t = transcript_from_bytes(rows.encode(), "interview.csv")
    said = [(u.speaker, u.role, t.text[u.start:u.end]) for u in t.turns]
    assert said[1][0] == "Tomas Ines" and said[1][2].startswith("Twice") and said[1][2].endswith("planned for.")
    assert said[2] == (None, "narrator", "--- SECOND PART:")  # a heading left unnamed is no one's words
    assert [s[0] for s in said] == ["Ada Brook", "Tomas Ines", None, "Ada Brook"]
