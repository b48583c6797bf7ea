"""Layouts of transcripts pasted from a tool's export into a page or a corpus: Otter's name-and-time lines set in
bold, a bold label that holds its time, speakers hidden behind numbered placeholders in brackets, and a
machine's words with no capitals, each a case a real file showed."""

import corpus


def said(t, turn):
    return t.text[turn.start:turn.end]


def test_an_otter_line_set_in_bold_labels_and_times_the_words_below_it():
    text = ("---\n_build:\n  list: false\n---\n\n"
            "Ada Brook  0:16  \nThank you for having me at the harbour forum tonight.\n\n"
            "**Tomas Ines**  1:07  \nThe ferry timetable changes in May, with boats every twenty minutes.\n\n"
            "**Ada Brook**  2:31  \nAnd the night service on Fridays starts in June.\n")
    t = corpus.transcript_from_bytes(text.encode(), "forum-talk.md")
    voiced = [u for u in t.turns if u.speaker]
    assert [u.speaker for u in voiced] == ["Ada Brook", "Tomas Ines", "Ada Brook"]
    assert [u.time for u in voiced] == [(16.0, 16.0), (67.0, 67.0), (151.0, 151.0)]
    assert said(t, voiced[1]).startswith("The ferry timetable") and "**" not in said(t, voiced[1])
    assert "0:16" not in t.title and "Ada Brook" not in t.title  # a label line is no title


def test_a_bold_label_holding_its_time_leaves_the_bold_out_of_the_words_and_times_paragraphs_that_go_on():
    text = ("# Harbour hour\n\n"
            "**Ada Brook: (00:00:02)** Welcome to the harbour hour.\n\n"
            "**Tomas Ines: (00:00:07)** And what changes at the port this year?\n\n"
            "**Ada Brook: (00:00:12)** The dues fall by a tenth in April.\n\n"
            "**(00:01:40)** And the new crane arrives in the autumn.\n")
    t = corpus.transcript_from_bytes(text.encode(), "harbour-hour.md")
    voiced = [u for u in t.turns if u.speaker]
    assert [u.speaker for u in voiced] == ["Ada Brook", "Tomas Ines", "Ada Brook"]
    assert said(t, voiced[0]).startswith("Welcome to the harbour hour.")
    assert said(t, voiced[2]).startswith("The dues fall") and said(t, voiced[2]).rstrip().endswith("in the autumn.")
    # The paragraph that goes on the turn is timed by its own mark.
    assert voiced[2].time == (12.0, 100.0)


def test_numbered_placeholders_in_brackets_name_the_speakers_of_a_meeting():
    text = ("(PERSON1) Good morning, can everyone hear me?\n\n"
            "(PERSON2) Yes, loud and clear.\n\n"
            "(PERSON1) Then let us start with the timetable.\n"
            "The ferries run every twenty minutes from May,\n"
            "and the night service starts in June.\n\n"
            "(PERSON3) What about the fares?\n\n"
            "(PERSON2) They stay as they are.\n\n"
            "(PERSON1) Thank you. Next item.\n\n"
            "(PERSON2) The crane.\n")
    t = corpus.transcript_from_bytes(text.encode(), "meeting-en-001.txt")
    assert [u.speaker for u in t.turns] == ["PERSON1", "PERSON2", "PERSON1", "PERSON3", "PERSON2", "PERSON1",
                                            "PERSON2"]
    third = said(t, t.turns[2])
    assert third.startswith("Then let us start") and third.rstrip().endswith("starts in June.")
    assert "(PERSON" not in third  # the label is no part of the words


def test_a_note_in_brackets_opening_lines_is_no_speaker():
    text = ("(Laughter) Well, that is one way to put it.\n\n"
            "(Laughter) And the dues fall by a tenth.\n\n"
            "(Laughter) Thank you all for coming.\n\n"
            "(Applause) Good night.\n")
    t = corpus.transcript_from_bytes(text.encode(), "notes.txt")
    assert not [u.speaker for u in t.turns if u.speaker]


def test_a_machines_words_without_capitals_give_no_title():
    text = ("so um the first question tonight is about fares going up again since many riders are asking what "
            "the board will do about the night service\n\n"
            "well we met three weeks ago and agreed to keep the boats running on fridays\n")
    t = corpus.transcript_from_bytes(text.encode(), "candidate-forum-2015.txt")
    assert t.title == "candidate forum 2015"


def test_a_sentence_a_line_with_no_one_named_runs_into_turns_of_a_paragraphs_length():
    # Lines of every length, as an interpreter speaks them (not a paragraph wrapped at a width).
    sentences = [("Thank you." if i % 3 == 0 else f"The ferry number {i} leaves the harbour at dawn." if i % 3 == 1
                  else f"And the night boat {i} returns before the evening tide, with the last of the day's "
                       f"passengers and the mail for the islands.") for i in range(45)]
    t = corpus.transcript_from_bytes(("\n".join(sentences) + "\n").encode(), "interpreted-panel.txt")
    assert 2 <= len(t.turns) <= 4  # about 420 words: turns of 120 words or more, not one a line
    assert all(len(t.text[u.start:u.end].split()) >= 120 for u in t.turns[:-1])
    assert all(t.text[u.start:u.end].rstrip().endswith(".") for u in t.turns)
    # Paragraphs a blank line apart stay turns of their own: each may quote someone else.
    report = "\n\n".join(sentences[:4]) + "\n"
    assert len(corpus.transcript_from_bytes(report.encode(), "report.txt").turns) == 4
