"""Speaker layouts beyond the first corpus: White House briefings, a podcast, and fixtures we wrote
for the layouts no shared file has (Q/A interviews, full-stop labels, timed labels, Otter,
diarised labels, earnings calls, hearings, court arguments, text with no labels)."""

import re
from pathlib import Path

import pytest

import corpus
from conftest import REPO, FakeEmbedder
from corpus import ChunkSettings, read_transcript

CORPORA = REPO.parent / "shared" / "corpora"
FIXTURES = Path(__file__).parent / "fixtures" / "layouts"
WH = {
    "psaki": "whitehouse/2021-03-23-press-gaggle-by-press-secretary-jen-psaki-aboard-air-force-one-en-route-columbus-ohio.md",
    "jean-pierre": "whitehouse/2023-01-17-press-briefing-by-press-secretary-karine-jean-pierre-january-17-2023.md",
    "leavitt": "whitehouse/2025-01-29-press-briefing-by-press-secretary-karoline-leavitt.md",
}
PODCAST = "interviews/the-changelog-501.md"
REAL = [*WH.values(), PODCAST]
FIXTURE_FILES = sorted(p.name for p in FIXTURES.iterdir())
DIARISED = {"diarised.txt", "diarised-numbered.txt"}  # names a tool wrote with numbers, kept as written


def real(path: str):
    root = CORPORA
    if not (root / path).is_file():
        pytest.skip(f"the shared corpora are not at {root}")
    return read_transcript(root / path, root)


def fixture(name: str):
    return read_transcript(FIXTURES / name, FIXTURES)


def said(t, turn):
    return t.text[turn.start:turn.end]


def roles(t) -> dict[str, str]:
    return {u.speaker: u.role for u in t.turns if u.speaker}


# -- what each file says --------------------------------------------------------------

@pytest.mark.parametrize("key, title, date, speakers, turns", [
    ("psaki", "Press Gaggle by Press Secretary Jen Psaki Aboard Air Force One en route Columbus, Ohio",
     "2021-03-23", {"MS. PSAKI": "official", "Q": "reporter"}, 105),
    ("jean-pierre", "Press Briefing by Press Secretary Karine Jean-Pierre, January 17, 2023", "2023-01-17",
     {"MS. JEAN-PIERRE": "official", "COACH KERR": "official", "MR. CURRY": "official", "Q": "reporter",
      "WHITE HOUSE AIDE": "official"}, 159),
    ("leavitt", "Press Briefing by Press Secretary Karoline Leavitt", "2025-01-29",
     {"MS. LEAVITT": "official", "Q": "reporter"}, 199),
])
def test_white_house_briefings(key, title, date, speakers, turns):
    t = real(WH[key])
    assert (t.title, t.date) == (title, date)
    assert roles(t) == speakers
    assert len(t.turns) == turns
    assert t.turns[0].role == "narrator"  # the time the briefing began


def test_white_house_reporters_are_bare_q_and_their_words_are_never_a_name():
    t = real(WH["leavitt"])
    questions = [u for u in t.turns if u.role == "reporter"]
    assert len(questions) == 109 and {u.label for u in questions} == {"Q"}
    first = questions[1]
    assert " ".join(said(t, first).split()).startswith("Thank you very much. Karoline, does the president see anything fishy")
    # The indented first label (no-break spaces before MS. LEAVITT) opens Leavitt's first turn.
    assert said(t, t.turns[1]) == "Good afternoon, everybody."


def test_white_house_turns_end_where_the_next_label_begins():
    t = real(WH["psaki"])
    for u in t.turns:
        assert not re.search(r"\n\s*(?:Q|MS\. PSAKI:)[\s\u00a0]", said(t, u)), said(t, u)[:80]
    assert t.turns[-1].role == "narrator" and said(t, t.turns[-1]) == "2:21 P.M. EDT"


def test_podcast_speakers_title_and_times():
    t = real(PODCAST)
    assert roles(t) == {"Jerod Santo": "host", "Liz Rice": "official"}
    assert t.title == "the changelog 501"  # it opens with a turn, so the file name gives the title
    assert t.date is None
    first_mark = min(s.start for s in t.segments)
    assert len(t.segments) == 15  # 17 times, two of them closing a break (`\[17:22\] to \[19:53\]`)
    assert all(u.time is not None for u in t.turns if u.start > first_mark)
    answer = next(u for u in t.turns if u.time and u.time[0] == 741.0 and u.speaker == "Liz Rice")
    assert said(t, answer).startswith("I hope it's not that we don't want to reboot")  # after \[12:21\]
    breaks = [u for u in t.turns if u.label == "Break"]
    assert [u.role for u in breaks] == ["narrator", "narrator"]


def test_podcast_answers_know_the_question_just_before_them():
    t = real(PODCAST)
    linked = [(i, u) for i, u in enumerate(t.turns) if u.question_turn is not None]
    assert len(linked) >= 15
    for i, u in linked:
        q = t.turns[u.question_turn]
        assert u.question_turn == i - 1 and q.speaker != u.speaker
        assert said(t, q).rstrip().endswith("?")


# -- the fixtures ---------------------------------------------------------------------

EXPECTED = {
    "briefing-caps.txt": ({"MS. WHITFIELD": "official", "DR. HADDAD": "official", "Q": "reporter",
                           "SENIOR ADMINISTRATION OFFICIAL": "official"}, None),
    "interview-qa.txt": ({"Q": "reporter", "A": "official"}, None),
    "press-conference-stop.txt": ({"CHAIR ILVES": "official", "MARTA KOSK": "host", "JAAN TAMM": "reporter",
                                   "LIIS SAAR": "reporter"}, "2025-06-11"),
    "timed-brackets.txt": ({"Anna Berg": "official", "Tomas Vik": "official", "Lena Holm": "official"}, None),
    "otter.txt": ({"Priya Nair": "official", "Sam Okafor": "official"}, None),
    "timed-parens.txt": ({"Mayor Ruth Adeyemi": "host", "Councillor Ben Shaw": "official"}, None),
    "diarised.txt": ({"SPEAKER_00": "official", "SPEAKER_01": "official"}, None),
    "diarised-numbered.txt": ({"Speaker 1": "host", "Speaker 2": "official"}, None),
    "earnings-call.txt": ({"Operator": "host", "Maria Lopez": "official", "Tom Reed": "official",
                           "Aiko Tanaka": "official", "Raj Patel": "reporter", "Emma Stone": "reporter"}, None),
    "podcast.md": ({"Mia Chen": "host", "José Ortega": "official"}, "2024-09-03"),
    "hearing.txt": ({"THE CHAIR": "host", "MS. DOYLE": "official", "SENATOR ALVAREZ": "official",
                     "SENATOR BROOKS": "official", "CHAIRMAN": "host"}, None),
    "hearing-printed.txt": ({"Chair Brook": "official", "Senator Holm": "official", "Mr. Ines": "official",
                             "The Chairman": "host", "Senator Nadia Vale": "official"}, "2024-03-07"),
    "court-argument.txt": ({"CHIEF JUSTICE ROBERTS": "official", "MR. PRICE": "official",
                            "JUSTICE KAGAN": "official", "JUSTICE THOMAS": "official"}, None),
    "no-labels.txt": ({}, None),
}


def test_every_fixture_has_its_expectations():
    assert set(EXPECTED) == set(FIXTURE_FILES)


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_fixture_speakers_roles_and_date(name):
    speakers, date = EXPECTED[name]
    t = fixture(name)
    assert roles(t) == speakers
    assert t.date == date


def test_all_caps_labels_one_person_under_one_name():
    t = fixture("briefing-caps.txt")
    whitfield = [u for u in t.turns if u.speaker == "MS. WHITFIELD"]
    assert [u.label for u in whitfield] == ["MS. WHITFIELD", "Ms. Whitfield", "WHITFIELD"]
    assert said(t, whitfield[0]).startswith("Good afternoon, everybody.")  # after an indent of no-break spaces
    assert [u.label for u in t.turns if u.role == "reporter"] == ["Q"] * 5
    assert said(t, t.turns[-1]).startswith("END") and t.turns[-1].role == "narrator"


def test_full_stop_labels_and_a_bare_surname():
    t = fixture("press-conference-stop.txt")
    ilves = [u for u in t.turns if u.speaker == "CHAIR ILVES"]
    assert [u.label for u in ilves] == ["CHAIR ILVES"] * 3 + ["ILVES"]
    assert said(t, ilves[0]).startswith("Good afternoon. My colleagues")
    # "OKAY." inside a turn is what the chair said, not a speaker.
    assert "OKAY. So let me say that again" in said(t, ilves[2])


def test_printed_hearing_paragraphs_open_with_an_indent_and_a_label_after_a_word_of_address():
    t = fixture("hearing-printed.txt")
    # The bracketed notes and the catalogue number above it are not the title.
    assert t.title == "THE SEMIANNUAL HARBOUR FINANCE REPORT"
    ines = [u for u in t.turns if u.speaker == "Mr. Ines"]
    # The hard-wrapped lines after an indented one are its paragraph, up to the next indent.
    assert said(t, ines[0]).startswith("Thank you, Chair Brook") and said(t, ines[0]).endswith("at 3.9 million.")
    assert said(t, ines[1]) == ("We will decide that at the spring board meeting. We \nneed greater confidence that "
                                "tonnage is recovering before \nwe cut the dues.")
    assert ines[1].question_turn is not None and t.turns[ines[1].question_turn].speaker == "Chair Brook"
    headings = [said(t, u) for u in t.turns if u.speaker is None]
    assert "STATEMENT OF TOMAS INES, GOVERNOR, NORTHPORT HARBOUR BOARD" in headings


@pytest.mark.parametrize("lines, paragraphs", [
    # first-line indents, no blank lines: a paragraph from each indented line to the next
    (["    Mr. Ines. Thank you, Chair Brook, and Ranking Member Holm. ", "I am pleased to present the report today.",
      "    Chair Brook. Governor, when will the dues come down at last?", "    Mr. Ines. We will decide that at the",
      "spring board meeting, once tonnage recovers."], 3),
    # a hanging indent carries a sentence on into its indented lines: one paragraph
    (["Mr. Ines: Thank you, Chair Brook, and Ranking Member Holm, for",
      "    the chance to present the report on the harbour today, and",
      "    to answer the committee's questions on the dues and the bridge",
      "    which the board has considered at length this spring."], 1),
])
def test_first_line_indents_split_only_prose_written_that_way(lines, paragraphs):
    text = "\n".join(lines) + "\n"
    assert len(corpus.paragraphs(text)) == paragraphs


def test_lines_that_each_end_a_sentence_are_read_alike_indented_or_not():
    lines = ["Chair Brook: The Committee will come to order.", "Senator Holm: Thank you, Madam Chair.",
             "Chair Brook: Governor, when will the dues come down?", "Mr. Ines: At the spring board meeting."]
    indented = [("    " if i % 2 else "") + line for i, line in enumerate(lines)]
    plain = [(p.start, p.end) for p in corpus.paragraphs("\n".join(lines) + "\n")]
    shifted = corpus.paragraphs("\n".join(indented) + "\n")
    assert len(shifted) == len(plain)


@pytest.mark.parametrize("opening, speaker", [
    ("Senator Holm.", "Senator Holm"), ("Mr. INES.", "Mr. INES"), ("Councilmember Ada Brook.", "Councilmember Ada Brook"),
    ("Thank you.", None), ("The Committee.", None), ("Housing Costs.", None),
])
def test_a_mixed_case_full_stop_label_follows_a_word_of_address(opening, speaker):
    # The document opens three paragraphs so, one name twice: its layout, if the label reads as one.
    body = "\n\n".join(f"{opening} Paragraph {i} says what was said at length." for i in range(3))
    text = "Hearing on the harbour\n\n" + body + "\n"
    t = corpus.transcript_from_bytes(text.encode(), "hearing.txt")
    assert {u.speaker for u in t.turns if u.speaker} == ({speaker} if speaker else set())


def test_a_bare_time_after_a_label_alone_on_its_line_is_the_turn_time_not_its_words():
    text = "Ada Brook: 00:00:07\n\nWelcome to the panel.\n\nTomas Ines: 00:01:15\n\nThank you for having me.\n"
    t = corpus.transcript_from_bytes(text.encode(), "panel.md")
    assert [(u.speaker, said(t, u), u.time) for u in t.turns] == [
        ("Ada Brook", "Welcome to the panel.", (7.0, 7.0)), ("Tomas Ines", "Thank you for having me.", (75.0, 75.0))]


@pytest.mark.parametrize("listed, speaker", [
    ('["Ada Brook", "Tomas Ines"]', "Ada Brook"),
    ('["Ada Brook", "Anna Berg"]', "AB"),  # two listed people have those initials: left as written
    ('"Ada Brook"', "AB"),  # not a list
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


@pytest.mark.parametrize("under, roster", [
    ("Yes.", False),  # a short answer is still speech
    ("We agree.\n\nKARL VALE", False),
    ("KARL VALE\n\nPort Office\n\nPanelists:\n\nADA BROOK\n\nDirector, Port Office", True),
    ("KARL VALE, ESQ.,\nPort Office, Washington, D.C.", True),  # its lines close on a title or initials
    ("I did it.\nWe agree.", False),
])
def test_a_label_alone_over_names_and_offices_is_a_list_of_participants_not_a_turn(under, roster):
    text = (f"PARTICIPANTS:\n\nModerator:\n\n{under}\n\n"
            "MS. BROOK: The dues come down in spring, as the board agreed.\n\nModerator: Thank you.\n")
    t = corpus.transcript_from_bytes(text.encode(), "briefing.md")
    first = next(u for u in t.turns if said(t, u).startswith(under.split()[0]))
    assert first.speaker == (None if roster else "Moderator")
    assert [u.speaker for u in t.turns][-2:] == ["MS. BROOK", "Moderator"]


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


def test_a_presiding_label_naming_its_holder_is_one_host_with_the_holders_own_label():
    text = ("MODERATOR (TOM): Good evening. Ms. Brook, how will you pay for the bridge?\n\n"
            "ADA BROOK: With the harbour dues, over ten years.\n\n"
            "TOM: And the ferry, Ms. Brook?\n\nADA BROOK: The ferry stays as it is.\n\n"
            "MODERATOR (MIRA): Mr. Vale, the same question to you.\n\nKARL VALE: No new dues.\n")
    t = corpus.transcript_from_bytes(text.encode(), "debate.txt")
    by = [(u.speaker, u.role) for u in t.turns]
    assert by[0] == by[2] == ("MODERATOR (TOM)", "host")
    assert by[4] == ("MODERATOR (MIRA)", "host") and by[1] == ("ADA BROOK", "official")


def test_an_office_alone_as_a_label_is_a_title_not_the_one_holder_named_in_full():
    text = ("Senator Black: Thank you, chair, for the time today.\n\nAda Brook: Glad to be here.\n\n"
            "Senator: What about the harbour dues?\n\nAda Brook: They come down in spring.\n\n"
            "[Tomas Ines]: And the bridge?\n\nSenator M: And the ferry?\n")
    t = corpus.transcript_from_bytes(text.encode(), "hearing.txt")
    assert [u.speaker for u in t.turns] == ["Senator Black", "Ada Brook", "Senator", "Ada Brook", "Tomas Ines",
                                            "Senator M"]


@pytest.mark.parametrize("introduction", [
    "Mira Holm, Harbour Post.", "Mira Holm with the Harbour Post.", "Chairman, Mira Holm, with the Harbour Post.",
    "[Laughter] Mira Holm from the Harbour Post.", "Thank you. Mira Holm of the Harbour Post.",
])
def test_an_asker_who_names_themselves_and_an_outlet_is_a_reporter(introduction):
    text = (f"TOMAS INES: Good afternoon. The board met today.\n\nMIRA HOLM: {introduction} Will the dues fall "
            "this year?\n\nTOMAS INES: They will fall in the spring.\n")
    t = corpus.transcript_from_bytes(text.encode(), "presser.txt")
    assert [u.role for u in t.turns] == ["official", "reporter", "official"]


@pytest.mark.parametrize("asker, role", [("Mr. Holm", "official"), ("Ms. Mira Holm", "official"), ("MIRA HOLM", "reporter")])
def test_thanked_for_a_question_is_a_reporter_unless_named_as_a_member_or_counsel(asker, role):
    text = (f"Chair Brook: The committee will come to order.\n\n{asker}: Will the dues fall this year?\n\n"
            "Tomas Ines: Thank you for your question. They will fall in the spring.\n")
    t = corpus.transcript_from_bytes(text.encode(), "hearing.txt")
    assert t.turns[1].role == role


def test_a_heading_that_abbreviates_an_honorific_is_not_a_full_stop_label():
    statement = "\n\n".join(["OPENING STATEMENT OF HON. ADA BROOK, CHAIR", "Mr. Ines. The dues fall in spring."] * 3)
    t = corpus.transcript_from_bytes((statement + "\n").encode(), "hearing.txt")
    assert {u.speaker for u in t.turns} == {None, "Mr. Ines"}


def test_a_title_set_on_two_lines_is_one_title():
    text = ("[House Hearing]\n\n        HARBOUR DUES AND THE FUTURE OF THE\n              NORTHPORT BRIDGE\n"
            "=============\n\nChair Brook: The committee will come to order.\n")
    t = corpus.transcript_from_bytes(text.encode(), "hearing.txt")
    assert t.title == "HARBOUR DUES AND THE FUTURE OF THE NORTHPORT BRIDGE"


@pytest.mark.parametrize("call, role", [("Steve.", "reporter"), ("Go ahead, Steve.", "reporter"),
                                        ("Mr. Vale.", "official")])
def test_an_asker_the_host_calls_by_first_name_is_a_reporter(call, role):
    text = ("ADA BROOK: Good afternoon. The chair will take questions. Howard.\n\n"
            "HOWARD LEE: Howard Lee, Harbour Post. Will the dues fall?\n\nTOMAS INES: In the spring.\n\n"
            # his turn ends on no question, so that only the call can make him an asker
            f"ADA BROOK: {call}\n\nSTEVE VALE: What about the bridge? It was due in May.\n\nTOMAS INES: Next year.\n")
    t = corpus.transcript_from_bytes(text.encode(), "presser.txt")
    roles = {u.speaker: u.role for u in t.turns}
    assert roles["HOWARD LEE"] == "reporter" and roles["STEVE VALE"] == role


@pytest.mark.parametrize("opening, role", [
    ("HOWARD LEE: Howard Lee, Harbour Post. Will the dues fall?\n\nTOMAS INES: In the spring.", "reporter"),
    # the introduction alone, the question in the next turn
    ("HOWARD LEE: Minister, Howard Lee from the Harbour Post.\n\nTOMAS INES: Yes.\n\n"
     "HOWARD LEE: Will the dues fall, and when the new board sits, will it\n\nTOMAS INES: In the spring.", "reporter"),
    ("HOWARD LEE: Good morning. Will the dues fall, Minister?\n\nTOMAS INES: In the spring.", "official"),
])
def test_one_who_only_asks_is_a_reporter_where_reporters_ask(opening, role):
    text = (f"{opening}\n\nSTEVE VALE: What about the bridge?\n\nTOMAS INES: Next year.\n\n"
            "STEVE VALE: Thanks, Minister.\n\nSTEVE VALE: And the ferry?\n\nTOMAS INES: It stays.\n")
    roles = {u.speaker: u.role for u in corpus.transcript_from_bytes(text.encode(), "presser.txt").turns}
    assert roles["STEVE VALE"] == role and roles["TOMAS INES"] == "official"


def test_an_analyst_the_operator_hands_the_next_question_to_is_an_asker():
    text = ("Operator: Our first question comes from the line of Ada Brook with Harbour Capital. Your line is open.\n\n"
            "Ada R. Brook: Thanks. Could you talk about freight margins\n\nKarl Vale: They rose in the quarter.\n\n"
            "Operator: And our next question comes from Tomas Ines with Port Securities.\n\n"
            "Tomas Ines: On the ferries, then, and the new berths this year.\n\nKarl Vale: Both open in May.\n")
    roles = {u.speaker: u.role for u in corpus.transcript_from_bytes(text.encode(), "call.md").turns}
    assert roles == {"Operator": "host", "Ada R. Brook": "reporter", "Karl Vale": "official", "Tomas Ines": "reporter"}


@pytest.mark.parametrize("label, role", [("The Speaker", "host"), ("Madam Deputy Speaker", "host"),
                                         ("Keynote speaker", None)])
def test_a_legislatures_speaker_named_by_office_alone_presides(label, role):
    text = (f"{label}:\nOrder, please. I have the honour to report to the House on the session.\n\n"
            "Ms. Ada Brook (Harbour, Lib.): Mr. Speaker, the dues must fall this spring.\n")
    t = corpus.transcript_from_bytes(text.encode(), "hansard.txt")
    assert next((u.role for u in t.turns if u.label == label), None) == role


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


def test_an_interview_printed_with_the_questions_in_bold_has_an_askers_turn_and_an_answer_for_each():
    text = ("# The Harbour Master on the Year Ahead\n\n*Last Friday the harbour master sat down with us.*\n\n"
            "**Will the dues fall this year, and by [how much](https://example.org/dues)?**\n\n"
            "They fall in spring, by a tenth.\n\nThe board agreed it in May.\n\n"
            "**And the ferries, which run at a loss?**\n\nThe ferries keep their timetable.\n\n"
            "**Some say the pier should close on Sundays.**\n\nIt opens on Sundays from July.\n\n"
            "**What comes next for the bridge?**\n\nA survey, then the repairs.\n")
    t = corpus.transcript_from_bytes(text.encode(), "interview.md")
    assert [u.role for u in t.turns] == ["narrator"] * 2 + ["reporter", "official"] * 4
    assert t.text[t.turns[3].start:t.turns[3].end] == "They fall in spring, by a tenth.\n\nThe board agreed it in May."
    assert [u.question_turn for u in t.turns[3::2]] == [2, 4, 6, 8]
    assert all(u.speaker is None for u in t.turns)


def test_bold_that_runs_on_paragraph_after_paragraph_is_emphasis_not_questions():
    text = "".join(f"**Item {n}: is the harbour open on day {n}?**\n\n" for n in range(5)) + "Closing words here.\n"
    t = corpus.transcript_from_bytes(text.encode(), "notes.md")
    assert {u.role for u in t.turns} == {"narrator"}


@pytest.mark.parametrize("label", ["Attendee 2", "Audience member", "Questioner"])
def test_who_asks_from_the_floor_is_an_asker_not_the_last_panellist(label):
    text = ("Ada Brook: Welcome to the panel on harbour dues.\n\nTomas Ines: Thank you. The dues fall in spring.\n\n"
            f"{label}: Will the ferries pay less too?\n\nTomas Ines: They will.\n")
    t = corpus.transcript_from_bytes(text.encode(), "panel.md")
    asker = t.turns[2]
    assert asker.speaker == label and asker.role == "reporter" and said(t, asker) == "Will the ferries pay less too?"


def test_times_beside_labels_are_not_names_and_the_words_start_after_them():
    for name, first_words, time in [("timed-brackets.txt", "Good evening.", 4.0), ("otter.txt", "Okay, let's start.", 3.0),
                                    ("timed-parens.txt", "Welcome, everyone.", 12.0)]:
        t = fixture(name)
        first = next(u for u in t.turns if u.speaker)
        assert said(t, first).startswith(first_words)
        assert first.time == (time, time)
    t = fixture("timed-parens.txt")
    alone = t.turns[3]  # `Mayor Ruth Adeyemi (00:01:15)` alone on its line
    assert said(t, alone) == "Are there any objections to making them permanent?" and alone.time == (75.0, 75.0)


def test_markdown_podcast_names_and_title_are_clean():
    t = fixture("podcast.md")
    assert t.title == "Open Source Hour #12: José Ortega on package managers"
    answer = t.turns[3]
    assert answer.speaker == "José Ortega" and answer.label == "Jos&eacute;\u2060 Ortega"
    assert said(t, answer).startswith("By accident, really.") and answer.time[0] == 80.0
    assert "OKAY. That took a month" in said(t, answer)


def test_earnings_call_lines():
    t = fixture("earnings-call.txt")
    raj = next(u for u in t.turns if u.speaker == "Raj Patel")
    assert raj.label == "Raj Patel -- Harbor Securities -- Analyst"
    assert said(t, raj).startswith("Thanks for taking my question.")
    answer = t.turns[t.turns.index(raj) + 1]
    assert answer.speaker == "Aiko Tanaka" and answer.question_turn == t.turns.index(raj)
    assert [u.label for u in t.turns if u.speaker == "Tom Reed"] == [
        "Tom Reed -- Chief Executive Officer", "Tom Reed — Northwind Traders - Chief Executive Officer"]


def test_interview_q_and_a():
    t = fixture("interview-qa.txt")
    for i, u in enumerate(t.turns):
        if u.speaker == "A":
            assert u.question_turn == i - 1 and t.turns[i - 1].speaker == "Q"
    assert said(t, t.turns[-1]).startswith("Almost.")  # `A   Almost.`, spaced like a bare Q


def test_court_argument_answers_the_question_just_asked():
    t = fixture("court-argument.txt")
    links = {i: u.question_turn for i, u in enumerate(t.turns) if u.question_turn is not None}
    assert links == {4: 3, 6: 5}  # Justice Thomas's statement asks nothing


def test_a_text_without_labels_is_narration_one_turn_per_paragraph():
    t = fixture("no-labels.txt")
    assert [u.role for u in t.turns] == ["narrator"] * 4
    assert [said(t, u) for u in t.turns] == [t.text[p.start:p.end] for p in corpus.paragraphs(t.text)]


# -- contracts on every file ----------------------------------------------------------

def _all():
    return [pytest.param(("real", p), id=Path(p).name[:40]) for p in REAL] + \
           [pytest.param(("fixture", n), id=n) for n in FIXTURE_FILES]


def _load(case):
    kind, name = case
    return real(name) if kind == "real" else fixture(name)


@pytest.mark.parametrize("case", _all())
def test_speaker_names_and_titles_are_clean(case):
    t = _load(case)
    for name in {u.speaker for u in t.turns if u.speaker}:
        assert len(name.split()) <= 6, name
        assert not re.search(r"[*\\\[\]<>&;:\u00a0\u2060\u200b]|\d{1,2}:\d{2}", name), name
        if case[1] not in DIARISED:
            assert not re.search(r"\d", name), name
    assert t.title and not re.search(r"[*\\\u00a0\u2060\u200b]|&\w+;|^#", t.title), t.title


@pytest.mark.parametrize("case", _all())
def test_every_answer_knows_its_question(case):
    t = _load(case)
    asked = False
    for i, u in enumerate(t.turns):
        if u.question_turn is not None:
            assert u.question_turn < i and u.role in ("official", "host", "reporter")
        if u.role == "reporter":
            asked = True
            continue
        if asked and u.role == "official":
            q = t.turns[u.question_turn]
            assert q.role == "reporter", said(t, u)[:60]


@pytest.mark.parametrize("case", _all())
def test_turns_and_chunks_keep_the_contracts(case):
    t = _load(case)
    end = 0
    for u in t.turns:
        assert end <= u.start < u.end <= len(t.text)
        assert said(t, u) == said(t, u).strip()
        end = u.end
    settings = ChunkSettings()
    chunks = corpus.chunk_transcript(t, corpus.paragraphs(t.text), FakeEmbedder(), settings)
    assert chunks
    for c in chunks:
        assert t.text[c.start:c.end] == c.text
        assert c.tokens <= settings.max_tokens
        turn = t.turns[c.turn_index]
        assert turn.start <= c.start and c.end <= turn.end
        assert c.speaker == turn.speaker


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


def test_a_name_introducing_what_is_read_out_is_not_a_label():
    text = ("THE SECRETARY: Senator Holm, from the Committee on Ports, reports: Senate Print 12, by Senator Vale.\n\n"
            "Senator Holm, from the Committee on Ports, reports: Senate Print 14, by Senator Ines.\n\n"
            "SENATOR VALE: Thank you, Mr. President.\n")
    t = corpus.transcript_from_bytes(text.encode(), "senate.txt")
    assert [u.speaker for u in t.turns] == ["THE SECRETARY", "SENATOR VALE"]


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


@pytest.mark.parametrize("breaking_in, headline", [("your", False), ("Thank you.", True)])
def test_speech_cut_off_by_someone_breaking_in_is_no_headline(breaking_in, headline):
    text = ("**Speaker 1** (00:01:50): Good morning, justices.\n\n"
            "So with respect to context, the ferry sank on a reef that cut its\n\n"
            f"**Overlapping speakers** (00:02:17): {breaking_in}\n\n"
            "**Speaker 1** (00:02:18): At trial, no evidence was called.\n")
    t = corpus.transcript_from_bytes(text.encode(), "hearing.md")
    cut = next(u for u in t.turns if "the ferry sank" in said(t, u))
    assert (cut.speaker is None) == headline
    assert "Overlapping speakers" in {u.speaker for u in t.turns}  # speech no one could be given


@pytest.mark.parametrize("second_call, named", [("Mr. Brook, and the ferry?", "Ms. Brook"),
                                                ("Mr. Vale, and the ferry? Mr. Vale?", "Speaker 1")])  # two names
def test_a_numbered_speaker_is_named_by_the_name_the_others_address_them_by(second_call, named):
    text = ("**Justice Holm** (00:00:10): For the appellant, Ada Brook. Ms. Brook.\n\n"
            "**Speaker 1** (00:00:20): Good morning. The dues were never lawful.\n\n"
            "**Justice Ines** (00:01:00): Ms. Brook, why were they paid for ten years?\n\n"
            "**Speaker 1** (00:01:10): No one knew the by-law had lapsed.\n\n"
            f"**Justice Holm** (00:02:00): {second_call}\n\n"
            "**Speaker 1** (00:02:10): The ferry is another matter.\n")
    t = corpus.transcript_from_bytes(text.encode(), "hearing.md")
    assert {u.speaker for u in t.turns if u.label == "Speaker 1"} == {named}  # the label stays as written


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


def test_a_surname_alone_opening_paragraph_after_paragraph_is_a_speaker():
    interview = "".join(f"MSB: Question {n} about the harbour?\n\nOkafor: Answer {n}, the dredging began.\n\n"
                        for n in range(3))
    t = corpus.transcript_from_bytes(f"Interview with D. Okafor\n\n{interview}".encode(), "interview.txt")
    assert [u.speaker for u in t.turns if u.speaker] == ["MSB", "Okafor"] * 3
    # A word the text also writes in lower case is a common word, however often it opens a paragraph.
    notes = "".join(f"MSB: Question {n}?\n\nNote: the note on item {n} stands.\n\n" for n in range(3))
    t = corpus.transcript_from_bytes(notes.encode(), "minutes.txt")
    assert [u.speaker for u in t.turns if u.speaker] == ["MSB"] * 3


def test_initials_stand_for_the_person_the_opening_names():
    text = ("Interview with Ada Brook\n\nNorthport, 3 May 1991\n\nTomas R. Ines, interviewer\n\n"
            + "".join(f"TRI: What came of the harbour plan in year {n}?\n\nBrook: It was built in part {n}.\n\n"
                      for n in range(3)))
    t = corpus.transcript_from_bytes(text.encode(), "interview.txt")
    assert [u.speaker for u in t.turns if u.speaker][:2] == ["Tomas R. Ines", "Ada Brook"]
    assert {u.label for u in t.turns if u.speaker == "Tomas R. Ines"} == {"TRI"}


def test_people_labelled_by_first_name_alone_are_named_by_the_header_that_lists_them():
    text = ("Keeping Harbour Records for the Long Term\nSession facilitator(s): Ada Brook, Tomas Ines\n\n"
            + "".join(f"Ada: Who keeps the harbour logs from year {n}?\n\nFrom the floor: The archive does.\n\n"
                      f"Tomas: We moved them in year {n}.\n\n" for n in range(3)))
    t = corpus.transcript_from_bytes(text.encode(), "session.txt")
    assert [u.speaker for u in t.turns if u.speaker][:2] == ["Ada Brook", "Tomas Ines"]
    assert {u.label for u in t.turns if u.speaker == "Tomas Ines"} == {"Tomas"}


def test_one_recurring_capitalised_word_alone_is_no_label():
    text = "".join(f"Update: the harbour logs of year {n} were moved.\n\nThe archive keeps them.\n\n" for n in range(4))
    t = corpus.transcript_from_bytes(text.encode(), "notes.txt")
    assert not any(u.speaker for u in t.turns)


def test_a_name_with_a_middle_initial_is_a_label():
    text = ("Operator: The first question comes from Karl Vale with Northport Securities.\n\n"
            "Karl Vale: How fast did harbour revenue grow?\n\nAda R. Brook: Up 12%, Karl. Dredging held it back.\n\n"
            "Tomas Ines: And the ferries grew faster.\n")
    t = corpus.transcript_from_bytes(text.encode(), "call.md")
    assert [u.speaker for u in t.turns] == ["Operator", "Karl Vale", "Ada R. Brook", "Tomas Ines"]
    # A sentence that ends on a capital letter is still a sentence.
    t = corpus.transcript_from_bytes(b"Tomas Ines: We chose Plan B. Then we built: the quay first.\n", "call.md")
    assert [u.speaker for u in t.turns] == ["Tomas Ines"]


def test_captions_running_on_in_one_line_give_no_title():
    words = "GOOD AFTERNOON EVERYONE THE HARBOUR COMMITTEE WILL COME TO ORDER. " * 30
    t = corpus.transcript_from_bytes(words.encode(), "harbour-committee-hearing-2031-01-09.txt")
    assert t.title == "harbour committee hearing 2031-01-09"


@pytest.mark.parametrize("text, name, speakers", [
    # a preposition before a colon
    ("APPEARANCES\n\nNORTHPORT HARBOUR TRUST\n\nBY: ADA BROOK\n\nBY: TOMAS INES\n\n"
     "THE COURT: Be seated.\n\nMS. BROOK: Thank you, your Honor.\n", "trial.txt", ["THE COURT", "MS. BROOK"]),
    # a letter opening a few lines: a list's items, not speakers
    ("ADA BROOK: We have three options.\n\nA: keep the ferry.\n\nB: sell it.\n\nADA BROOK: I prefer the first.\n",
     "meeting.txt", ["ADA BROOK", "ADA BROOK"]),
])
def test_words_before_a_colon_that_name_no_one(text, name, speakers):
    t = corpus.transcript_from_bytes(text.encode(), name)
    assert [u.speaker for u in t.turns if u.speaker] == speakers


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


def test_a_colon_inside_brackets_is_no_label():
    text = ("# The Harbour Master\n\nAda Brook meets with reporters from the Harbour Post (Photo: Tomas Ines)\n\n"
            "*Last Friday the harbour master sat down with us.*\n\n**Will the dues fall this year at all?**\n\nThey fall in spring."
            "\n\n**And the ferries, which run at a loss?**\n\nThey keep their timetable.\n\n"
            "**What about the pier on Sundays?**\n\nIt opens on Sundays.\n")
    t = corpus.transcript_from_bytes(text.encode(), "interview.md")
    assert [u.role for u in t.turns][:5] == ["narrator", "narrator", "narrator", "reporter", "official"]
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


def test_bold_lines_of_a_body_a_name_and_a_role_parted_by_bars_name_the_person():
    text = ("# Working group, session 7\n\n**WG | Co-Chair**\n\nI call the meeting to order.\n\n"
            "**WG | Ada Brook | Co-Chair**\n\nI give the floor to Mr. Holm.\n\n"
            "**Harbour Office | Tomas Holm | Director, Ports Division**\n\nThe ferries run again.\n\n"
            "**WG | Ada Brook | Co-Chair**\n\nI thank Mr. Holm. Ruritania has the floor.\n\n"
            "**Ruritania | PR**\n\nWhen will the piers open?\n\n"
            "**WG | Ada Brook | Co-Chair**\n\nI thank Ruritania.\n")
    t = corpus.transcript_from_bytes(text.encode(), "session.md")
    assert [u.speaker for u in t.turns if u.speaker] == [
        "WG | Co-Chair", "Ada Brook", "Tomas Holm", "Ada Brook", "Ruritania | PR", "Ada Brook"]
    assert said(t, next(u for u in t.turns if u.speaker == "Tomas Holm")) == "The ferries run again."


def test_a_linked_name_labels_a_turn_and_initials_that_spell_a_word_label_speech():
    text = ("# Questions answered\n\n**[Ada Brook](https://example.org/ada):** Thank you all for coming today.\n\n"
            "**Audience member:** What will the harbour look like in ten years?\n\n"
            "**AB:** Busier, and cleaner, I hope.\n\n**AM:** And the ferries?\n\n**AB:** They stay.\n\n"
            "**AM:** Thanks, that is good to hear.\n\n**AB:** Next question.\n\n**AM:** Will the pier open on Sundays?\n")
    t = corpus.transcript_from_bytes(text.encode(), "talk.md")
    assert [u.speaker for u in t.turns if u.speaker] == ["Ada Brook", "Audience member", "Ada Brook"] + [
        "Audience member", "Ada Brook"] * 2 + ["Audience member"]
    assert said(t, t.turns[1]) == "Thank you all for coming today."


def test_a_field_in_capitals_over_a_list_of_names_is_no_label():
    text = "".join(f"BY: ADA BROOK, ESQ.\nTOMAS INES, ESQ.\n\n" for _ in range(3)) + (
        "THE COURT: Good morning.\n\nMR. VALE: Good morning, Your Honor.\n")
    t = corpus.transcript_from_bytes(text.encode(), "trial.txt")
    assert "BY" not in {u.speaker for u in t.turns}


def test_a_known_label_cutting_the_words_off_with_a_dash_opens_a_turn():
    text = ("ADA BROOK: Good evening. The board will now vote on the ferry timetable.\n\n"
            "TOMAS INES: I move that we adopt it.\n\n"
            "ADA BROOK: Thank you. Do I have a second? At this time-TOMAS INES: Point of order, Madam Chair.\n\n"
            "ADA BROOK: Go ahead, Director Ines. A well-known fact-checker said so.\n")
    t = corpus.transcript_from_bytes(text.encode(), "board.txt")
    assert [(u.speaker, said(t, u)) for u in t.turns][2:4] == [
        ("ADA BROOK", "Thank you. Do I have a second? At this time-"), ("TOMAS INES", "Point of order, Madam Chair.")]
    assert said(t, t.turns[-1]).endswith("A well-known fact-checker said so.")


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


def test_the_letters_an_attendee_list_spells_out_name_their_speaker():
    text = ("# Working Group Meeting Notes\n\nAda Brook (AB), Lars Holm (LHN), Mark S. Vale (MV), Zoë Ines (ZI)\n\n"
            "## Ferry timetable\n\nLHN: The timetable should change in spring.\n\nMV: I agree.\n\n"
            "ZI: Only on weekdays.\n\nAB: Noted.\n")
    t = corpus.transcript_from_bytes(text.encode(), "notes.md")
    assert [u.speaker for u in t.turns if u.speaker] == ["Lars Holm", "Mark S. Vale", "Zoë Ines", "Ada Brook"]
    assert [u.label for u in t.turns if u.speaker] == ["LHN", "MV", "ZI", "AB"]


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


def test_a_question_from_the_floor_given_whole_in_brackets_is_the_askers_turn_alone():
    text = ("# Harbour Dues in Practice\n\n* **Speaker: Ada Brook**\n\nThe dues fall in spring.\n\n"
            "[Audience member: Do the ferries pay them too?]\n\nThey do, at half the rate.\n\n"
            "[Note: the recording skips here]\n\nSo that is the spring.\n")
    t = corpus.transcript_from_bytes(text.encode(), "talk.md")
    said = [(u.speaker, u.role, t.text[u.start:u.end]) for u in t.turns]
    assert ("Audience member", "reporter", "Do the ferries pay them too?]") in said
    assert ("Ada Brook", "official", "They do, at half the rate.") in said
    assert ("Ada Brook", "official", "So that is the spring.") in said
    assert not any(role == "reporter" and "recording" in words for _, role, words in said)


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


def test_speakers_named_in_italics_alone_on_their_lines():
    text = ("### Harbour Town Hall\n#### 29 May 2031\n\n*Ada*\n\nWelcome, everyone. Tonight is about the dues.\n\n"
            "*Tomas Ines*\n\nThank you. The dues fall in spring.\n\n*Ada*\n\nAnd the ferries?\n\n"
            "*Tomas*\n\nThey pay half.\n\n*Ada*\n\nThank you all.\n\n*Tomas*\n\nGood night.\n\n*Tomas*\n\nOne more thing.\n")
    t = corpus.transcript_from_bytes(text.encode(), "townhall.md")
    said = [(u.speaker, t.text[u.start:u.end]) for u in t.turns if u.speaker]
    assert said[:4] == [("Ada", "Welcome, everyone. Tonight is about the dues."),
                        ("Tomas Ines", "Thank you. The dues fall in spring."), ("Ada", "And the ferries?"),
                        ("Tomas Ines", "They pay half.")]
    # an emphasised line of a word the text also writes in lower case is no one's name
    noted = text.replace("*Ada*", "*Pause*") + "\n\nA pause followed.\n"
    t = corpus.transcript_from_bytes(noted.encode(), "townhall.md")
    assert "Pause" not in {u.speaker for u in t.turns}
