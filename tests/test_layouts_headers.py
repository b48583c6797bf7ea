"""Titles, dates, times and headers written inline, one small transcript each: what heads a
transcript or times its turns, told from what is said."""

import pytest

import corpus
from conftest import FakeEmbedder
from corpus import ChunkSettings


def said(t, turn):
    return t.text[turn.start:turn.end]


def test_a_bare_time_after_a_label_alone_on_its_line_is_the_turn_time_not_its_words():
    text = "Ada Brook: 00:00:07\n\nWelcome to the panel.\n\nTomas Ines: 00:01:15\n\nThank you for having me.\n"
    t = corpus.transcript_from_bytes(text.encode(), "panel.md")
    assert [(u.speaker, said(t, u), u.time) for u in t.turns] == [
        ("Ada Brook", "Welcome to the panel.", (7.0, 7.0)), ("Tomas Ines", "Thank you for having me.", (75.0, 75.0))]


@pytest.mark.parametrize("listed, speaker", [
    ('["Ada Brook", "Tomas Ines"]', "Ada Brook"),
    ('["Ada Brook", "Anna Berg"]', "AB"),  # two listed people have those initials: left as written
    ('"Ada Brook"', "Ada Brook"),  # not a list, but the one name with those initials the opening writes
    ('"the harbour board"', "AB"),  # no name with those initials: left as written
])
def test_initials_as_label_name_the_speaker_the_front_matter_lists(listed, speaker):
    text = (f"---\ntitle: Harbour panel\nspeakers: {listed}\n---\n\nAB: The dues come down in spring.\n\n"
            "Tomas Ines: Not before the board meets.\n\nAB: Then in summer.\n")
    t = corpus.transcript_from_bytes(text.encode(), "panel.md")
    first = t.turns[0]
    assert (first.speaker, first.label) == (speaker, "AB") and said(t, first) == "The dues come down in spring."
    assert t.turns[2].speaker == speaker


def test_fields_heading_an_unlabelled_document_are_its_header_not_speakers():
    header = "Channel: 56 - HARBOUR\nRecorded On: 9/10/2025 2:15:00 PM\nOriginal Air Date: 9/10/2025\n\n"
    body = "\n\n".join(f">> Paragraph {i} of the hearing says what was said at some length." for i in range(12))
    t = corpus.transcript_from_bytes((header + body + "\n").encode(), "hearing.txt")
    assert {u.speaker for u in t.turns} == {None}
    assert said(t, t.turns[-1]).startswith(">> Paragraph 11")


@pytest.mark.parametrize("fields, header", [
    ("**Participants**: Ada Brook (D) and Karl Vale (R)\n**Moderators**: Mira Holm and Tomas Ines\n"
     "**Duration**: 53 minutes, 55 seconds\n**Source**: Channel 4\n\n---", True),
    ("Location: Port Hall\nDate: May 10, 2024\nRecorded by: Channel 4", True),
    ("Ada Brook: We will lower the dues.\nKarl Vale: We will not.\nMira Holm: Why not?", False),
    # unpunctuated speech, but its speakers speak again
    ("MIRA HOLM: Welcome to the debate\nADA BROOK: Thank you, Mira\nKARL VALE: Glad to be here", False),
])
def test_a_header_of_fields_is_not_a_speaker_turn(fields, header):
    text = (f"# Port debate\n\n{fields}\n\nMS. BROOK: The dues come down in spring, as the board agreed.\n\n"
            "MIRA HOLM: Mr. Vale?\n\nKARL VALE: They do not.\n\nMS. BROOK: They do.\n")
    t = corpus.transcript_from_bytes(text.encode(), "debate.md")
    value = fields.split(": ", 1)[1][:6]
    first = next(u for u in t.turns if value in said(t, u))
    assert (first.speaker is None) == header
    assert t.turns[-1].label == "MS. BROOK"


def test_a_records_header_of_fields_one_a_line_is_narration_and_gives_no_title():
    text = ("Record Form\n\nAGENCY: PORT OFFICE\nRECORD NUMBER: 17-2040\n\nSUBJECTS:\nHARBOUR DUES\n"
            "BROOK, ADA R.\nFERRIES\n\nPAGES: 8\n\n"
            "MR. VALE: Will you state your name for the record?\n\nMS. BROOK: Ada Brook.\n\n"
            "MR. VALE: When did the dues rise?\n\nMS. BROOK: In the spring of 1974.\n")
    t = corpus.transcript_from_bytes(text.encode(), "record.txt")
    assert [u.speaker for u in t.turns if u.speaker] == ["MR. VALE", "MS. BROOK", "MR. VALE", "MS. BROOK"]
    assert t.title == "Record Form"
    # the same lines are speech when their labels speak again
    again = text.replace("PAGES: 8", "PAGES: 8\n\nAGENCY: The port office confirms it.")
    assert "AGENCY" in {u.speaker for u in corpus.transcript_from_bytes(again.encode(), "record.txt").turns}


def test_an_office_alone_as_a_label_is_a_title_not_the_one_holder_named_in_full():
    text = ("Senator Black: Thank you, chair, for the time today.\n\nAda Brook: Glad to be here.\n\n"
            "Senator: What about the harbour dues?\n\nAda Brook: They come down in spring.\n\n"
            "[Tomas Ines]: And the bridge?\n\nSenator M: And the ferry?\n")
    t = corpus.transcript_from_bytes(text.encode(), "hearing.txt")
    assert [u.speaker for u in t.turns] == ["Senator Black", "Ada Brook", "Senator", "Ada Brook", "Tomas Ines",
                                            "Senator M"]


def test_a_heading_that_abbreviates_an_honorific_is_not_a_full_stop_label():
    statement = "\n\n".join(["OPENING STATEMENT OF HON. ADA BROOK, CHAIR", "Mr. Ines. The dues fall in spring."] * 3)
    t = corpus.transcript_from_bytes((statement + "\n").encode(), "hearing.txt")
    assert {u.speaker for u in t.turns} == {None, "Mr. Ines"}


def test_a_title_set_on_two_lines_is_one_title():
    text = ("[House Hearing]\n\n        HARBOUR DUES AND THE FUTURE OF THE\n              NORTHPORT BRIDGE\n"
            "=============\n\nChair Brook: The committee will come to order.\n")
    t = corpus.transcript_from_bytes(text.encode(), "hearing.txt")
    assert t.title == "HARBOUR DUES AND THE FUTURE OF THE NORTHPORT BRIDGE"


def test_captions_that_open_with_a_change_of_speaker_have_no_title_line():
    text = ">> All right. You came back!\n\n(applause)\n\n>> Welcome back. Oh, and one more thing. The dues fall in May.\n"
    assert corpus.transcript_from_bytes(text.encode(), "harbour-keynote-2014.txt").title == "harbour keynote 2014"


def test_a_converters_stamp_is_not_the_date_of_what_the_file_records():
    text = ("# 20080929_call.pdf\n\n*Extracted on: 2025-08-20 17:11:41*\n\nSeptember 29, 2008\n"
            "Conference call of the Harbour Board\n\nCHAIR INES: The call will come to order.\n")
    assert corpus.transcript_from_bytes(text.encode(), "call.md").date == "2008-09-29"


def test_a_sentence_said_at_the_start_is_no_title_and_a_links_date_is_not_the_documents():
    text = ("Good afternoon, the Vice-President and I welcome you to our press conference.\n\n"
            "The harbour dues stay unchanged, as [the board said](https://example.org/2017/11/02/dues.html).\n")
    t = corpus.transcript_from_bytes(text.encode(), "harbour-press-conference-2017-12-15.md")
    assert (t.title, t.date) == ("harbour press conference 2017-12-15", "2017-12-15")


def test_counsel_labelled_by_honorific_and_surname_and_a_markup_directive_not_the_title():
    text = (".. raw:: html\n\n   <a href=\"https://example.org/day-3\">Hearing page</a>\n\nHearing Day 03\n"
            "==============\n\n*(10.00 am)*\n\n**Mr Ines**: Chair, the first statement today is given by Ms Brook.\n\n"
            "**The Chair**: Thank you.\n\n**Ms Brook**: Good morning, Chair. The harbour trust accepts the findings.\n\n"
            "**Mr. Vale**: And the trust's own report follows.\n")
    t = corpus.transcript_from_bytes(text.encode(), "inquiry/day-03.rst.txt")
    assert t.title == "Hearing Day 03"
    assert [u.speaker for u in t.turns if u.speaker] == ["Mr Ines", "The Chair", "Ms Brook", "Mr. Vale"]
    # The one presiding is known by the office and presides; no one is named Speaker.
    t = corpus.transcript_from_bytes(b"Mr Speaker: Order. Order.\n\nAda Brook: The dues fall in spring.\n", "debate.txt")
    assert [(u.speaker, u.role) for u in t.turns] == [("Mr Speaker", "host"), ("Ada Brook", "official")]


def test_a_bold_name_before_its_time_and_front_matter_after_blank_lines():
    text = ("\n\n\n---\ntitle: Harbour Authority v. Brook\ndate: 2022-03-21\n---\n\n"
            "**Justice Holm** (00:00:26): Good morning, please be seated.\n\n"
            "::: {.column-margin}\n![](35.png)\n:::\n\n"
            "Ms. Brook.\n\n**Speaker 1** (00:00:49): Good morning, Chief Justice.\n\n"
            "**Justice Vale** (00:01:10): Why was the dues question not put to the jury?\n")
    t = corpus.transcript_from_bytes(text.encode(), "hearing.md")
    assert (t.title, t.date) == ("Harbour Authority v. Brook", "2022-03-21")
    assert [(u.speaker, u.time[0] if u.time else None) for u in t.turns if u.speaker] == [
        ("Justice Holm", 26.0), ("Speaker 1", 49.0), ("Justice Vale", 70.0)]
    assert [a.reason for a in t.set_aside] == ["markup"] * 3
    chunks = corpus.chunk_transcript(t, corpus.paragraphs(t.text), FakeEmbedder(), ChunkSettings())
    assert chunks and not any("column-margin" in c.text or "35.png" in c.text for c in chunks)


def test_one_person_under_a_title_and_surname_a_full_name_and_an_affiliation():
    text = ("### Governor Mira Holm\n\nGood afternoon. The Board held the rate.\n\n"
            "### Karl Vale (Harbour Post)\n\nKarl Vale from the Harbour Post. Why hold it?\n\n"
            "### Governor Holm\n\nInflation is too high.\n\n### Karl Vale\n\nAnd next month?\n\n"
            "### Governor Holm\n\nWe will see the data.\n\n### Ada Brook\n\nAda Brook, Port Daily. When?\n\n"
            "### Governor Holm\n\nIn the new year.\n")
    t = corpus.transcript_from_bytes(text.encode(), "conference.md")
    assert len({u.speaker for u in t.turns if u.speaker}) == 3
    assert {u.speaker for u in t.turns if u.label in ("Governor Mira Holm", "Governor Holm")} == {"Governor Holm"}
    assert {u.speaker for u in t.turns if u.label and "Vale" in u.label} == {"Karl Vale (Harbour Post)"}


def test_a_timed_label_closed_by_a_dash():
    text = ("Ada Brook (00:00:00) - Welcome to the harbour podcast. I'm here with\nTomas Ines.\n\n"
            "Tomas Ines (00:00:15) - Thanks, Ada. Today the dredging.\n\n"
            "Ada Brook (00:01:02) - So, the silt survey.\n")
    t = corpus.transcript_from_bytes(text.encode(), "podcast.txt")
    assert [(u.speaker, u.time) for u in t.turns] == [
        ("Ada Brook", (0.0, 0.0)), ("Tomas Ines", (15.0, 15.0)), ("Ada Brook", (62.0, 62.0))]
    assert t.text[t.turns[1].start:t.turns[1].end] == "Thanks, Ada. Today the dredging."


def test_people_labelled_by_first_name_alone_are_named_by_the_header_that_lists_them():
    text = ("Keeping Harbour Records for the Long Term\nSession facilitator(s): Ada Brook, Tomas Ines\n\n"
            + "".join(f"Ada: Who keeps the harbour logs from year {n}?\n\nFrom the floor: The archive does.\n\n"
                      f"Tomas: We moved them in year {n}.\n\n" for n in range(3)))
    t = corpus.transcript_from_bytes(text.encode(), "session.txt")
    assert [u.speaker for u in t.turns if u.speaker][:2] == ["Ada Brook", "Tomas Ines"]
    assert {u.label for u in t.turns if u.speaker == "Tomas Ines"} == {"Tomas"}


def test_captions_running_on_in_one_line_give_no_title():
    words = "GOOD AFTERNOON EVERYONE THE HARBOUR COMMITTEE WILL COME TO ORDER. " * 30
    t = corpus.transcript_from_bytes(words.encode(), "harbour-committee-hearing-2031-01-09.txt")
    assert t.title == "harbour committee hearing 2031-01-09"


def test_a_time_linked_to_its_recording_opens_a_labelled_paragraph():
    text = ("# Harbour talk\n\n[00:10](https://example.org/v?t=10s) The dredging is a year late.\n\n"
            "[55:16](https://example.org/v?t=55m16s) **Question**: When will the quay open?\n\n"
            "[55:40](https://example.org/v?t=55m40s) **Answer**: In May, once the silt is cleared.\n")
    t = corpus.transcript_from_bytes(text.encode(), "talk.md")
    asked = [u for u in t.turns if u.role == "reporter"]
    assert len(asked) == 1 and t.text[asked[0].start:asked[0].end] == "When will the quay open?"
    assert asked[0].time == (3316.0, 3316.0)


def test_an_address_after_a_colon_is_no_speaker_and_a_cue_no_title():
    text = ("Ada Brook: The dues fall in spring.\n\nTomas Ines: Not before the board meets.\n\n"
            "URL:https://example.org/harbour/briefing\n")
    t = corpus.transcript_from_bytes(text.encode(), "briefing.md")
    assert [u.speaker for u in t.turns if u.speaker] == ["Ada Brook", "Tomas Ines"]
    cues = "*00:00.060- 00:05.560* :  Hello, this is the harbour podcast\n*00:05.560- 00:09.100* :  with the news.\n"
    assert corpus.transcript_from_bytes(cues.encode(), "harbour-podcast-2031-04-04.md").title == \
        "harbour podcast 2031-04-04"


def test_a_label_of_a_titled_name_and_an_office_names_the_person_with_their_title():
    text = ("PRIME MINISTER: The harbour closes at noon.\n\nPROFESSOR ADA BROOK, CHIEF ENGINEER: The bridge stays open."
            "\n\nJOURNALIST: For how long?\n\nPROFESSOR ADA BROOK, CHIEF ENGINEER: Until the storm passes.\n")
    t = corpus.transcript_from_bytes(text.encode(), "briefing.txt")
    assert [u.speaker for u in t.turns] == ["PRIME MINISTER", "PROFESSOR ADA BROOK", "JOURNALIST", "PROFESSOR ADA BROOK"]
    assert t.turns[1].label == "PROFESSOR ADA BROOK, CHIEF ENGINEER"


def test_a_talk_whose_header_names_its_speaker_is_theirs_but_for_stage_notes_code_and_notes():
    text = ("# Harbour Dues in Practice\n\n* **Speaker: Ada Brook**\n* **Meeting: Port Users' Group - March 2008**\n\n"
            "TBD: add the slides.\n\n[Time 0:00:00]\n\n```\nslide title: Harbour Dues\n\nAda Brook\n```\n\n"
            "Hi. Welcome. My name is Ada Brook, and tonight is about the dues.\n\n[Audience laughter]\n\n"
            "The dues fall in spring, once the tonnage recovers.\n")
    t = corpus.transcript_from_bytes(text.encode(), "talk.md")
    said = {t.text[u.start:u.end]: u.speaker for u in t.turns}
    assert said["Hi. Welcome. My name is Ada Brook, and tonight is about the dues."] == "Ada Brook"
    assert said["The dues fall in spring, once the tonnage recovers."] == "Ada Brook"
    assert said["[Audience laughter]"] is None and said["add the slides."] is None
    assert all(speaker is None for words, speaker in said.items() if "slide title" in words)


def test_a_header_naming_two_speakers_gives_the_talk_to_neither():
    text = ("# Harbour Dues\n\nSpeaker: Ada Brook\n\nSpeaker: Tomas Ines\n\nThe dues fall in spring.\n\n"
            "They rose last year.\n")
    t = corpus.transcript_from_bytes(text.encode(), "talk.md")
    assert not any(u.speaker for u in t.turns)


def test_one_letter_labels_that_recur_are_speakers_and_a_time_alone_marks_the_turn_below():
    text = ("[00:00:00:01]\nP: The hatch is closed.\n\n[00:00:00:04]\nCC: Roger, hatch closed.\n\n"
            "[00:00:01:30.5]\nP: Cabin pressure holding.\n\n[01:02:00:10]\nCC: Understood.\n\n"
            "[01:02:00:15]\nP: Switching to the backup radio.\n\n[01:02:01:00]\nP: Radio check.\n")
    t = corpus.transcript_from_bytes(text.encode(), "flight-log.txt")
    assert [u.speaker for u in t.turns] == ["P", "CC", "P", "CC", "P", "P"]
    assert t.text[t.turns[0].start:t.turns[0].end] == "The hatch is closed."
    # days, hours, minutes and seconds from the start
    assert [u.time[0] for u in t.turns] == [1.0, 4.0, 90.5, 86400 + 7210.0, 86400 + 7215.0, 86400 + 7260.0]


def test_a_bare_time_set_above_each_speaker_times_the_turn_and_is_no_ones_words():
    text = ("# Harbour press questions\n\n00:00\n{:.muted}\nAda Brook:\n{:.strong}\n\n> The dues fall in spring.\n\n"
            "01:26\n{:.muted}\nQuestion Asker 1:\n{:.strong}\n\n> And the ferries?\n\n"
            "01:34\n{:.muted}\nAda Brook:\n{:.strong}\n\n> They keep their timetable.\n")
    t = corpus.transcript_from_bytes(text.encode(), "press.md")
    spoken = [u for u in t.turns if u.role != "narrator"]
    assert [(u.speaker, u.time[0]) for u in spoken] == [("Ada Brook", 0.0), ("Question Asker 1", 86.0), ("Ada Brook", 94.0)]
    assert not any(t.text[u.start:u.end].strip() in ("00:00", "01:26", "01:34") for u in t.turns)


def test_lines_each_opened_by_their_time_are_cues_joined_into_speech():
    lines = ["[00:01] All right.", "[00:05] Welcome to the second lecture on", "[00:09] harbour engineering.",
             "[00:14] Last time we talked about tides,", "[00:17] and today about the piers.",
             "[00:21] A pier stands on piles,", "[00:24] driven into the bed of the harbour.",
             "[00:29] The piles carry the deck,", "[00:33] and the deck carries the cranes.",
             "[00:38] We will see why that matters.", "[01:02] Any questions so far?"]
    t = corpus.transcript_from_bytes("\n".join(lines).encode(), "lecture-2.txt")
    assert "[00:" not in t.text
    assert "Welcome to the second lecture on harbour engineering." in t.text
    assert t.turns[0].time[0] == 1.0 and t.turns[-1].time[1] >= 62.0


@pytest.mark.parametrize("mark", [">>", "&gt;&gt;"])
def test_a_change_of_speaker_inside_a_timed_line_cuts_the_turn_escaped_or_not(mark):
    # A video's captions saved as `[mm:ss] words` lines, `>>` at each change of speaker, as a page escaped it or not.
    lines = [f"[00:00] {mark} Where were you on the night {mark} At the harbour.",
             f"[00:04] I was at the harbour office {mark} Until when?",
             "[00:09] Until ten, when the ferry left.", "[00:13] The clerk saw me there.",
             "[00:17] He locked the door at ten.", "[00:21] Then I walked home.",
             f"[00:25] {mark} Thank you. {mark} Yes, sir.", "[00:29] Next case.", "[00:33] The dues appeal.",
             "[00:37] Counsel is here.", "[00:41] We begin."]
    t = corpus.transcript_from_bytes("\n".join(lines).encode(), "court.txt")
    said = [t.text[u.start:u.end] for u in t.turns]
    assert said[:3] == ["Where were you on the night", "At the harbour. I was at the harbour office", "Until when? "
                        "Until ten, when the ferry left. The clerk saw me there. He locked the door at ten. "
                        "Then I walked home."]
    assert "&gt;" not in t.text and ">>" not in t.text


def test_a_markdown_heading_ends_the_turn_before_it():
    text = ("# Harbour Working Group\n\nAB: The timetable should change in spring.\n\nCD: Agreed, on weekdays only.\n\n"
            "#### Conclusion\n\nThe timetable changes in spring, on weekdays.\n\n## Dredging\n\nAB: The survey is late.\n")
    t = corpus.transcript_from_bytes(text.encode(), "notes.md")
    said = [(u.speaker, t.text[u.start:u.end]) for u in t.turns]
    assert ("CD", "Agreed, on weekdays only.") in said
    assert (None, "The timetable changes in spring, on weekdays.") in said
    assert not any(speaker and "#" in words for speaker, words in said)


def test_a_time_written_with_its_word_alone_on_its_line_times_the_words_after_it():
    text = ("# Harbour Dues in Practice\n\n* **Speaker: Ada Brook**\n\n[Time 0:00:00]\n\n"
            "Hi. Welcome. Tonight is about the dues.\n\n[Time 0:02:06]\n\nThe dues fall in spring.\n\n"
            "[Timestamp: 0:04:10]\n\nThey rose last year.\n")
    t = corpus.transcript_from_bytes(text.encode(), "talk.md")
    said = [(t.text[u.start:u.end], u.speaker, u.time[0] if u.time else None) for u in t.turns if u.speaker]
    assert said == [("Hi. Welcome. Tonight is about the dues.", "Ada Brook", 0.0),
                    ("The dues fall in spring.", "Ada Brook", 126.0), ("They rose last year.", "Ada Brook", 250.0)]
    assert not any("[Time" in t.text[u.start:u.end] for u in t.turns)


def test_a_toml_front_matter_and_initials_of_names_labelled_in_full_elsewhere():
    text = ('+++\nauthor = "harbour.example"\ndate = 2031-06-26T05:02:56Z\ntitle = "Pilots\' press conference - Northport"\n'
            '+++\n**Q: What can we expect this weekend?**\n\n**Ada Brook:** A close race.\n\n**Q: And you?**\n\n'
            "**Tomas Ines:** We will see.\n\n**Q: Ada, the tides?**\n\n**AB:** Calm, they say.\n\n**TI:** Not for us.\n")
    t = corpus.transcript_from_bytes(text.encode(), "press.md")
    assert t.title == "Pilots' press conference - Northport" and t.date == "2031-06-26"
    assert [u.speaker for u in t.turns if u.role == "official"] == ["Ada Brook", "Tomas Ines", "Ada Brook", "Tomas Ines"]
    assert "author" not in t.text[t.turns[0].start:t.turns[-1].end]


def test_a_date_spoken_of_in_a_long_unlabelled_transcript_is_not_its_date():
    speech = ("And we are back on the air with the calls about the harbour bill. " + "The callers keep calling about "
              "the fees. " * 10 + "The council passed it six weeks after the storm of March 3, 2031 flooded the quay. "
              + "The callers keep calling about the fees. " * 40)
    t = corpus.transcript_from_bytes(speech.encode(), "harbour-radio-hour-2-2032-06-09.txt")
    assert t.date == "2032-06-09"
    dated = "NORTHPORT, June 9, 2032 - " + speech
    assert corpus.transcript_from_bytes(dated.encode(), "harbour-radio.txt").date == "2032-06-09"


@pytest.mark.parametrize("opening, title", [
    ("Monday, 22 September 2031\n(10.00 am)\n(Proceedings delayed)\n", "harbour inquest day 1-2031-09-22"),
    ("Harbour Inquest, 22 September 2031\n(10.00 am)\n", "Harbour Inquest, 22 September 2031 (10.00 am)")])
def test_a_day_and_the_records_notes_are_no_title_but_a_title_may_carry_a_day(opening, title):
    text = opening + "\nSIR ADA BROOK: Mr Vale?\n\nMR VALE: Sir, the jury is ready.\n\nSIR ADA BROOK: Thank you.\n"
    t = corpus.transcript_from_bytes(text.encode(), "harbour-inquest-day-1-2031-09-22.txt")
    assert (t.title, t.date) == (title, "2031-09-22")


@pytest.mark.parametrize("opening, speaker", [
    ("Ada Brook. Brook with a k, and we are in my office.", "Ada Brook"),
    # An editor's note in brackets names a place as often as a person.
    ("Good morning. [Ada Brook Harbour]", "AB"),
    ("Ada Brook, and my sister Anna Berg is here too.", "AB"),  # two names fit the label: neither's
])
def test_initials_as_label_take_the_one_name_with_those_initials_the_opening_writes(opening, speaker):
    text = (f"TI: Would you state your name and where we are?\n\nAB: {opening}\n\n"
            "TI: What do you work on?\n\nAB: The harbour dues, mostly.\n")
    t = corpus.transcript_from_bytes(text.encode(), "interview.txt")
    assert [u.speaker for u in t.turns] == ["TI", speaker, "TI", speaker]
    assert all(u.label in ("TI", "AB") for u in t.turns)  # the label stays as written


def test_a_table_of_initials_takes_the_name_its_speaker_says():
    rows = ("speaker,words\nTI:,Would you state your name?\nAB:,\"Ada Brook, in my office on the quay.\"\n"
            "TI:,And your work?\nAB:,The harbour dues.\n")
    t = corpus.transcript_from_bytes(rows.encode(), "interview.csv")
    assert [u.speaker for u in t.turns] == ["TI", "Ada Brook", "TI", "Ada Brook"]


def test_a_title_written_as_a_field_is_the_title_without_its_field_name():
    text = "Title: Opening of the Harbour Library\n\nThank you all for coming. The library opens today.\n"
    assert corpus.transcript_from_bytes(text.encode(), "opening.txt").title == "Opening of the Harbour Library"


def test_a_heading_naming_the_transcript_is_no_speaker_and_the_fields_above_it_no_turn():
    speech = " ".join(f"The dredging of berth {n} starts in spring." for n in range(150))
    text = (f"Title: Harbour board, spring meeting\nVideo ID: x7Qz0aB\nURL: https://example.org/watch?v=x7Qz0aB\n"
            f"--------\n\nFULL TRANSCRIPT:\n{speech}\n")
    t = corpus.transcript_from_bytes(text.encode(), "board.txt")
    assert {u.speaker for u in t.turns} == {None}
    assert any(said(t, u).startswith("The dredging of berth 0") for u in t.turns)


CALL = """COMPANY PARTICIPANTS
 
Ada Brook
Harbour Freight, Inc. - CFO
 
Tomas Ines
Harbour Freight, Inc. - CEO
CONFERENCE CALL PARTICIPANTS
 
Anna Berg
Quay Securities, Research Division - United States Shipping Analyst
PRESENTATION
 
Operator
Good afternoon, and welcome to the Harbour Freight call. I will turn it over to Tomas Ines.
 
Tomas Ines
Harbour Freight, Inc. - CEO
Thank you. Before we start, a reminder that some of what we say today looks ahead and may not come to pass,
and that the risks are set out in our filings, which you will find on our site with the slides for this call.
We will take questions from analysts once the two of us have spoken, and the call will end on the hour.
Our annual report, filed on February 18, 2031, set out the plan for the new quay. The dredging starts in spring.
 
Ada Brook
Harbour Freight, Inc. - CFO
Revenue rose 9% on the year, and the dues come down in summer.
 
Operator
Our first question is from Anna Berg.
 
Anna Berg
Quay Securities, Research Division - United States Shipping Analyst
How much of the dredging is paid for already?
 
Ada Brook
Harbour Freight, Inc. - CFO
About half of it, from the bond we issued.
"""


def test_a_name_over_its_company_and_office_labels_the_words_below_as_a_call_transcript_prints_them():
    t = corpus.transcript_from_bytes(CALL.encode(), "harbour-freight-call.txt")
    spoken = [(u.speaker, u.role, said(t, u).split("\n")[0]) for u in t.turns if u.speaker]
    assert spoken == [
        ("Operator", "host", "Good afternoon, and welcome to the Harbour Freight call. I will turn it over to Tomas Ines."),
        ("Tomas Ines", "official", "Thank you. Before we start, a reminder that some of what we say today looks ahead and may not come to pass,"),
        ("Ada Brook", "official", "Revenue rose 9% on the year, and the dues come down in summer."),
        ("Operator", "host", "Our first question is from Anna Berg."),
        ("Anna Berg", "reporter", "How much of the dredging is paid for already?"),
        ("Ada Brook", "official", "About half of it, from the bond we issued."),
    ]
    # The name and office, printed in the roster and over each turn, are no page's running header.
    assert not [a for a in t.set_aside if a.reason == "a running header"]
    # A list of who takes part is no title; a date a speaker names well into their words is not the call's.
    assert t.title != "COMPANY PARTICIPANTS" and t.date is None


def test_an_analyst_the_call_cannot_name_alone_on_a_line_asks_the_words_below():
    more = CALL + (" \nOperator\nOur next question is from Ben Holm.\n \nUnidentified Analyst\n"
                   "This is Kit on for Ben. How deep will the new berth be?\n \nAda Brook\nHarbour Freight, Inc. - CFO\n"
                   "Fourteen metres at low water.\n")
    t = corpus.transcript_from_bytes(more.encode(), "harbour-freight-call.txt")
    spoken = [(u.speaker, u.role, said(t, u)) for u in t.turns if u.speaker][-3:]
    assert spoken == [("Operator", "host", "Our next question is from Ben Holm."),
                      ("Unidentified Analyst", "reporter", "This is Kit on for Ben. How deep will the new berth be?"),
                      ("Ada Brook", "official", "Fourteen metres at low water.")]


def test_captions_wrapped_near_a_hundred_characters_are_one_paragraph_and_no_title():
    sentences = [f"Berth {n} of the harbour will be dredged in {1930 + n}. The silt is taken to the north bank, where"
                 f" it is spread and left to dry over the summer months" for n in range(12)]
    words = " ".join(sentences).split()
    lines, line = [], []
    for w in words:  # wrapped at about a hundred characters, as a recorder's captions saved as text are
        if len(" ".join(line + [w])) > 104:
            lines.append(" ".join(line))
            line = []
        line.append(w)
    text = "ready. Good afternoon, and welcome to the harbour board's grand rounds.\n" + "\n".join(lines + [" ".join(line)]) + "\n"
    t = corpus.transcript_from_bytes(text.encode(), "harbour-grand-rounds.txt")
    assert len(t.turns) == 1 and said(t, t.turns[0]).endswith("summer months")
    assert t.title == "harbour grand rounds"  # the file's name: a line of running speech is no title
