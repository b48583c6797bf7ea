"""Speaker labels and roles written inline, one small transcript each: the many ways transcripts
mark who speaks and in what part, each a case some real file showed."""

import pytest

import corpus
from corpus.sentences import sentence_spans


def said(t, turn):
    return t.text[turn.start:turn.end]


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


def test_a_one_word_name_after_a_time_is_a_label_where_it_opens_turn_after_turn():
    text = "\n\n".join(f"[0{i}:17] **{who}**: Point {i} on the harbour dues, said at length." for i, who in
                       enumerate(["Okafor", "Okafor", "Ada Brook", "Okafor", "Tomas Ines", "Okafor"])) + "\n"
    t = corpus.transcript_from_bytes(text.encode(), "ama.txt")
    assert [u.speaker for u in t.turns] == ["Okafor", "Okafor", "Ada Brook", "Okafor", "Tomas Ines", "Okafor"]
    assert said(t, t.turns[0]).startswith("Point 0") and t.turns[2].time == (137.0, 137.0)


def test_a_time_inside_the_bold_of_its_label_opens_the_turn_and_times_it():
    # A transcription service's Markdown: `**[mm:ss] SPEAKER_00:** words`.
    text = ("**[00:14] SPEAKER_00:** Welcome to the harbour office, everyone.\n\n"
            "**[06:08] SPEAKER_01:** Great.\n\n**[06:10] SPEAKER_00:** The dues fall in May.\n")
    t = corpus.transcript_from_bytes(text.encode(), "kickoff.md")
    assert [(u.speaker, said(t, u), u.time[0]) for u in t.turns] == [
        ("SPEAKER_00", "Welcome to the harbour office, everyone.", 14.0), ("SPEAKER_01", "Great.", 368.0),
        ("SPEAKER_00", "The dues fall in May.", 370.0)]


_CAPTION_LINES = ["When we first met, I think it", "was down at the harbour office,", "and you were like,",
                  "\"Can I please stop", "counting the boats now?\"", "Exactly.", "We laughed about it for",
                  "years after that.", "Yeah.", "And then the dredging", "started the next spring,", "right?",
                  "That's right. The spring."]


def test_captions_saved_as_text_without_speakers_are_one_paragraph_of_sentences_across_lines():
    # A video's captions kept as text: no times, no speakers, a sentence running on over the screen's line breaks.
    text = "\n".join(_CAPTION_LINES) + "\n"
    assert [(p.start, p.end) for p in corpus.paragraphs(text)] == [(0, len(text) - 1)]
    t = corpus.transcript_from_bytes(text.encode(), "captions.txt")
    assert len(t.turns) == 1 and said(t, t.turns[0]).endswith("The spring.")
    spans = sentence_spans(t.text, t.turns[0].start, t.turns[0].end)
    sentences = [t.text[a:b] for a, b in spans]
    assert any("please stop\ncounting the boats" in x for x in sentences)
    assert "And then the dredging\nstarted the next spring,\nright?" in sentences


@pytest.mark.parametrize("opening", [">> ", "Q ", "A. ", "Ada Brook: ", "MR. INES: "])
def test_narrow_lines_that_open_as_a_speaker_s_keep_a_paragraph_each(opening):
    # A court's or a live captioner's narrow lines open with labels or `>>`: their lines are not run together.
    lines = _CAPTION_LINES[:6] + [opening + _CAPTION_LINES[6]] + _CAPTION_LINES[7:]
    assert len(corpus.paragraphs("\n".join(lines) + "\n")) == len(lines)


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


def test_a_presiding_label_naming_its_holder_is_one_host_with_the_holders_own_label():
    text = ("MODERATOR (TOM): Good evening. Ms. Brook, how will you pay for the bridge?\n\n"
            "ADA BROOK: With the harbour dues, over ten years.\n\n"
            "TOM: And the ferry, Ms. Brook?\n\nADA BROOK: The ferry stays as it is.\n\n"
            "MODERATOR (MIRA): Mr. Vale, the same question to you.\n\nKARL VALE: No new dues.\n")
    t = corpus.transcript_from_bytes(text.encode(), "debate.txt")
    by = [(u.speaker, u.role) for u in t.turns]
    assert by[0] == by[2] == ("MODERATOR (TOM)", "host")
    assert by[4] == ("MODERATOR (MIRA)", "host") and by[1] == ("ADA BROOK", "official")


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


def test_a_panellist_the_chair_calls_by_first_name_and_who_answers_at_length_is_no_reporter():
    answer = " ".join(["The dues have come down every spring since the new board sat."] * 14)
    text = ("ADA BROOK: Welcome to the panel on the harbour. Howard Lee will answer first. Howard?\n\n"
            f"HOWARD LEE: Thank you. Why do the dues fall? {answer}\n\n"
            "ADA BROOK: Thank you. Steve, what about the bridge?\n\n"
            f"STEVE VALE: {answer} Who pays for it? The port does, and has since May.\n")
    t = corpus.transcript_from_bytes(text.encode(), "panel.txt")
    roles = {u.speaker: u.role for u in t.turns}
    assert roles == {"ADA BROOK": "host", "HOWARD LEE": "official", "STEVE VALE": "official"}


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


def test_a_name_introducing_what_is_read_out_is_not_a_label():
    text = ("THE SECRETARY: Senator Holm, from the Committee on Ports, reports: Senate Print 12, by Senator Vale.\n\n"
            "Senator Holm, from the Committee on Ports, reports: Senate Print 14, by Senator Ines.\n\n"
            "SENATOR VALE: Thank you, Mr. President.\n")
    t = corpus.transcript_from_bytes(text.encode(), "senate.txt")
    assert [u.speaker for u in t.turns] == ["THE SECRETARY", "SENATOR VALE"]


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


def test_a_colon_inside_brackets_is_no_label():
    text = ("# The Harbour Master\n\nAda Brook meets with reporters from the Harbour Post (Photo: Tomas Ines)\n\n"
            "*Last Friday the harbour master sat down with us.*\n\n**Will the dues fall this year at all?**\n\nThey fall in spring."
            "\n\n**And the ferries, which run at a loss?**\n\nThey keep their timetable.\n\n"
            "**What about the pier on Sundays?**\n\nIt opens on Sundays.\n")
    t = corpus.transcript_from_bytes(text.encode(), "interview.md")
    assert [u.role for u in t.turns][:5] == ["narrator", "narrator", "narrator", "reporter", "official"]
    assert not any(u.speaker for u in t.turns)


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
    text = "".join("BY: ADA BROOK, ESQ.\nTOMAS INES, ESQ.\n\n" for _ in range(3)) + (
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


def test_the_letters_an_attendee_list_spells_out_name_their_speaker():
    text = ("# Working Group Meeting Notes\n\nAda Brook (AB), Lars Holm (LHN), Mark S. Vale (MV), Zoë Ines (ZI)\n\n"
            "## Ferry timetable\n\nLHN: The timetable should change in spring.\n\nMV: I agree.\n\n"
            "ZI: Only on weekdays.\n\nAB: Noted.\n")
    t = corpus.transcript_from_bytes(text.encode(), "notes.md")
    assert [u.speaker for u in t.turns if u.speaker] == ["Lars Holm", "Mark S. Vale", "Zoë Ines", "Ada Brook"]
    assert [u.label for u in t.turns if u.speaker] == ["LHN", "MV", "ZI", "AB"]


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


def test_a_name_written_family_name_first_and_last_is_one_speaker():
    text = ("Vale Ada-mei: I am the deputy minister.\n\nAda Brook: Welcome.\n\n"
            "Ada-mei Vale: The dues fall in May.\n\nVale Ada-mei: And the ferries in June.\n\n"
            "Brook Ada: Thank you.\n\nAda Brook: And the pier?\n")
    t = corpus.transcript_from_bytes(text.encode(), "meeting.md")
    assert [u.speaker for u in t.turns] == ["Vale Ada-mei", "Ada Brook", "Vale Ada-mei", "Vale Ada-mei",
                                            "Ada Brook", "Ada Brook"]
