"""Label rules on small texts: what is a label only where the document establishes it, one name
per person, roles and question links for turns a structured format gives."""

from corpus import paragraphs
from corpus.names import classify, name_key, presides
from corpus.reading import transcript_from_bytes
from corpus.records import Turn
from corpus.speakers import parse_turns, settle_turns


def turns_of(text):
    return parse_turns(text, paragraphs(text))


def test_an_all_caps_word_opening_paragraphs_of_another_layout_is_not_a_label():
    text = ("Ann Lee: We looked at the numbers again.\n\n"
            "OKAY. So the numbers were fine.\n\n"
            "Bo Chen: Were they?\n\n"
            "OKAY. Mostly. The March figure was late.\n\n"
            "OKAY. And the rest came in on time.\n\n"
            "Ann Lee: Good.\n")
    assert [u.speaker for u in turns_of(text)] == ["Ann Lee", "Bo Chen", "Ann Lee"]


def test_full_stop_labels_need_a_name_that_recurs():
    once_each = ("MARY ROSS. The board met today.\n\n"
                 "JOHN KANE. It approved the plan.\n\n"
                 "PAUL DEAN. Work starts in May.\n")
    assert {u.role for u in turns_of(once_each)} == {"narrator"}
    recurring = once_each + "\nMARY ROSS. Any questions?\n"
    assert [u.speaker for u in turns_of(recurring)] == ["MARY ROSS", "JOHN KANE", "PAUL DEAN", "MARY ROSS"]


def test_a_single_bare_q_opening_a_sentence_is_not_a_reporter():
    text = "Q and A sessions will follow each talk.\n\nThe talks start at nine.\n"
    assert {u.role for u in turns_of(text)} == {"narrator"}


def test_a_alone_is_an_answer_only_where_q_asks():
    text = "A: The first berth opens in May.\n\nA new crane arrived on Monday.\n"
    assert {u.role for u in turns_of(text)} == {"narrator"}


def test_question_text_never_becomes_a_speaker():
    text = "Q\u00a0\u00a0\u00a0 Senator: is the bill dead?\n\nMS. LANE:  No.\n"
    turns = turns_of(text)
    assert [(u.speaker, u.role) for u in turns] == [("Q", "reporter"), ("MS. LANE", "official")]
    assert turns[1].question_turn == 0


def test_names_by_key_and_classification():
    assert name_key("MS. LEAVITT") == name_key("Ms. Leavitt") == name_key("Leavitt") == "leavitt"
    assert name_key("**Liz&nbsp;Rice**") == "liz rice"
    assert classify("SPEAKER_00") == ("person", "SPEAKER_00")
    assert classify("Speaker 2") == ("person", "Speaker 2")
    assert classify("Break")[0] == "note"
    assert classify("Operator")[0] == "title"
    assert classify("Interviewer")[0] == "reporter"
    assert classify("José Ortega") == ("person", "José Ortega")


def test_a_sentence_before_a_colon_is_no_label_however_it_names_an_office():
    text = ("MR. VALE: The dues rose in spring.\n\nMS. BROOK: They did.\n\n"
            "Earlier, counsel for the President tried to make the argument: Well, the port decides.\n\n"
            "MR. VALE: It does not.\n")
    t = transcript_from_bytes(text.encode(), "record.txt")
    assert {u.speaker for u in t.turns} == {"MR. VALE", "MS. BROOK"}
    assert classify("Counsel for the President")[0] == "title"  # a label's lower-case words name a role


def test_who_presides():
    for label in ["MODERATOR", "Operator", "THE CHAIR", "CHAIRMAN", "Madam Chair", "Shou Xiaoli, host"]:
        assert presides(label), label
    for label in ["CHAIR POWELL", "Speaker 1", "MS. PSAKI", "THE PRESIDENT"]:
        assert not presides(label), label


def test_settle_turns_gives_structured_turns_one_name_roles_and_links():
    text = "Good morning, everyone, and welcome. The bridge is two thirds done. It is slow. Steel is late. Yes."
    spans = [(0, 36), (37, 67), (68, 79), (80, 94), (95, 99)]
    names = ["THE CHAIR", "Dr. Amy Cole", "AMY COLE", "Dr. Amy Cole", "Cole"]
    turns = [Turn(speaker=n, role="official", start=s, end=e, label=n) for n, (s, e) in zip(names, spans)]
    settled = settle_turns(text, turns)
    assert [u.speaker for u in settled] == ["THE CHAIR", "Dr. Amy Cole", "Dr. Amy Cole", "Dr. Amy Cole", "Dr. Amy Cole"]
    assert [u.label for u in settled] == names
    assert [u.role for u in settled] == ["host"] + ["official"] * 4


def test_settle_turns_links_answers_to_the_question_just_before():
    text = "What is the budget? Ten million. And the timeline? Two years."
    spans = [(0, 19), (20, 32), (33, 50), (51, 61)]
    names = ["Ana Diaz", "Ben Ito", "Ana Diaz", "Ben Ito"]
    turns = [Turn(speaker=n, role="official", start=s, end=e, label=n) for n, (s, e) in zip(names, spans)]
    assert [u.question_turn for u in settle_turns(text, turns)] == [None, 0, None, 2]


def test_bold_names_alone_on_their_lines_label_the_words_below():
    text = ("# Harbour debate\n\n**00:01:12 MODERATOR (ADA)**\nWe begin with the ferry fares.\n\n"
            "**00:01:39 HON. T. BERG**\nThe fares rise in June.\n\n**00:02:27 MODERATOR**\nAnd the night ferries?\n\n"
            "**INES VALE**\nThey keep their timetable.\n\n**HON. T. BERG (CONT.)**\nAs I said, in June.\n")
    t = transcript_from_bytes(text.encode(), "debate.md")
    said = [(u.speaker, t.text[u.start:u.end], u.time) for u in t.turns if u.role != "narrator"]
    assert said[0] == ("MODERATOR (ADA)", "We begin with the ferry fares.", (72.0, 72.0))
    assert said[1][:2] == ("HON. T. BERG", "The fares rise in June.") and said[1][2][0] == 99.0
    assert [s for s, _, _ in said[3:]] == ["INES VALE", "HON. T. BERG"]


def test_bold_headings_over_prose_are_no_labels():
    text = ("**Key points**\nThe fares rise in June.\n\n**What comes next**\nThe board meets in May.\n\n"
            "**Background reading**\nThe harbour report of last year.\n")
    assert {u.role for u in turns_of(text)} == {"narrator"}


def test_abbreviated_titles_and_initials_in_a_label():
    assert classify("HON.  P.  BROOK") == ("person", "HON.  P.  BROOK")
    assert classify("LT. GOV. INES-VALE")[0] == "person"
    text = ("MR CHAIRMAN:  The Honourable Member Tomas Berg.\n\n"
            "HON.  T.  BERG:    Thank  you,  Mr  Chairman.  The fares rise in June.\n\n"
            "MR CHAIRMAN:  Thank you Honourable Member.\n")
    assert [u.speaker for u in turns_of(text)] == ["MR CHAIRMAN", "HON. T. BERG", "MR CHAIRMAN"]


def test_a_city_s_officers_labelled_by_office_and_surname_speak():
    assert classify("City Attorney Brook") == ("title", None) and classify("City Clerk Vale") == ("title", None)
    text = ("Mayor Lind:   Any comment from the attorney?\n\n"
            "City Attorney Brook:   It would be an enforcement matter.\n\n"
            "City Clerk Vale:   The next speaker is Tomas Ines.\n\nMayor Lind:   Go ahead.\n")
    said = [(u.speaker, u.role) for u in turns_of(text)]
    assert [s for s, _ in said] == ["Mayor Lind", "City Attorney Brook", "City Clerk Vale", "Mayor Lind"]
    assert "narrator" not in {r for _, r in said}


def test_a_label_s_office_left_on_the_line_before_by_a_pdf_is_read_with_its_surname():
    text = ("Commissioner Vale:   The signs are too small.\n\nAda Brook:   Thank you for your time.\n\n"
            "Commissioner\n\nVale:   Thank you.\n\nMayor Lind:   Next item.\n")
    t = transcript_from_bytes(text.encode(), "meeting.txt")
    said = [(u.speaker, t.text[u.start:u.end]) for u in t.turns]
    assert said == [("Commissioner Vale", "The signs are too small."), ("Ada Brook", "Thank you for your time."),
                    ("Commissioner Vale", "Thank you."), ("Mayor Lind", "Next item.")]


def test_a_word_alone_before_a_surname_label_no_one_has_elsewhere_is_left_as_it_was():
    text = ("Commissioner Vale:   The signs are too small.\n\nAda Brook:   Thank you for your time.\n\n"
            "Commissioner\n\nLind:   Thank you.\n")
    t = transcript_from_bytes(text.encode(), "meeting.txt")
    assert "Commissioner Lind" not in {u.speaker for u in t.turns}


def test_questions_from_the_floor_numbered_are_askers_not_the_speaker_s_words():
    text = ("Ada Brook: The dues fall in May, and the bridge opens in June.\n\n"
            "Q1: Will the ferries run on Sundays?\n\nBrook: From June, yes.\n\n"
            "Q3a2: OK, so the board decides that?\n\nBrook: It does.\n\n"
            "Q3 revenue was higher than planned, the chair said.\n")
    t = transcript_from_bytes(text.encode(), "talk.txt")
    said = [(u.speaker, u.role, t.text[u.start:u.end]) for u in t.turns]
    assert said[1] == ("Q1", "reporter", "Will the ferries run on Sundays?")
    assert said[3] == ("Q3a2", "reporter", "OK, so the board decides that?")
    assert said[4][0] == "Ada Brook" and said[4][2].startswith("It does.")
    assert "Q3 revenue" in said[4][2]  # a quarter's name opening a sentence is no question's label


def test_an_affiliation_in_brackets_stays_with_the_name_and_a_language_note_goes():
    assert classify("Mr. Ines (Ruritania) (spoke in French)") == ("person", "Mr. Ines (Ruritania)")
    assert classify("Senator Holm (D-ME)") == ("person", "Senator Holm (D-ME)")
    assert classify("Ada Brook (through interpreter)") == ("person", "Ada Brook")
    assert classify("MODERATOR (ADA)") == ("title", None)
    assert classify("Ministry of Ports (statement)") == (None, None)
    text = ("The President: I give the floor to the representative of Ruritania.\n\n"
            "Mr. Alfaro de Vale (Ruritania) (spoke in Spanish): We thank the briefers.\n\n"
            "The President: I thank the representative of Ruritania.\n")
    assert [u.speaker for u in turns_of(text)] == ["The President", "Alfaro de Vale (Ruritania)", "The President"]


def test_a_label_wrapped_at_its_bracket_in_a_printed_record_is_read_whole():
    text = ("The President: I give the floor to the representative of Ruritania, and after her to the\n"
            "representative of Norland, who has asked to speak.\n"
            "Mrs. Ines Vale Brook (Democratic Republic of Ruritania) (spoke in\n"
            "French): We thank the briefers for their statements and the\n"
            "Council for its attention.\n"
            "The President: I thank the representative of Ruritania.\n")
    turns = turns_of(text)
    assert [u.speaker for u in turns] == ["The President", "Ines Vale Brook (Democratic Republic of Ruritania)",
                                          "The President"]
    assert text[turns[1].start:turns[1].end].startswith("We thank the briefers")
    assert "\n" not in turns[1].label


def test_a_hansard_label_closed_by_a_full_stop_and_a_dash_with_joined_initials():
    assert classify("HON.  PROFESSOR  B.C.  BROOK")[0] == "person"
    assert classify("HON. LT. COL. I.B. VALE")[0] == "person"
    text = ("HON. A. BROOK.- Mr. Speaker, Sir, I move that the Port Bill be debated.\n\n"
            "HON. SPEAKER.-  Honourable Members, I call on the Minister.\n\n"
            "HON. F.S. VALE.- Thank you, Mr. Speaker. The dues fall in June.\n\n"
            "Part II.- Imposition of Dues. Clauses 10 and 11 stand part of the Bill.\n")
    assert [u.speaker for u in turns_of(text)] == ["HON. A. BROOK", "HON. SPEAKER", "HON. F.S. VALE"]  # Part II no one


def test_a_markdown_heading_over_the_words_is_a_label_where_names_head_turns_again_and_again():
    turns = "\n\n".join(f"### {who}\n\n{said}" for who, said in [
        ("Governor Mira Holm", "Good afternoon. The Board left the rate at 4.35 per cent."),
        ("**Karl Vale (Harbour Post)**", "Karl Vale from the Harbour Post. When will it fall?"),
        ("Governor Holm", "When inflation is back in the band."), ("Ada Brook", "Will the Board meet in March?"),
        ("Governor Holm", "It will."), ("Ada Brook", "Thanks, Governor."), ("Governor Holm", "Thank you."),
        ("Board Minutes", "The minutes of the board are published two weeks after it meets."),  # the page's section
    ])
    t = transcript_from_bytes(f"Transcript\n----------\n\n{turns}\n".encode(), "conference.md")
    spoken = [(u.speaker, u.role) for u in t.turns if u.speaker]
    # one governor, under the name written most often
    assert spoken[:3] == [("Governor Holm", "official"), ("Karl Vale (Harbour Post)", "reporter"),
                          ("Governor Holm", "official")]
    assert ("Ada Brook", "reporter") in spoken  # she only asks, where a reporter asks
    assert "Board Minutes" not in {u.speaker for u in t.turns}
    sections = "\n\n".join(f"## {h}\n\nThe committee heard the dues would fall in {m}." for h, m in [
        ("Opening Remarks", "June"), ("Harbour Dues", "July"), ("Closing Remarks", "May")])
    assert {u.speaker for u in transcript_from_bytes(sections.encode(), "minutes.md").turns} == {None}


def test_a_question_about_a_place_does_not_name_the_speaker_from_there():
    from assistant.query import analyse

    names = ("Mr. Ines (Ruritania)", "Ms. Holm")
    assert analyse("What did Ines say about the ferries?", names).speakers == ("Mr. Ines (Ruritania)",)
    assert analyse("How much does the aid appeal for Ruritania seek?", names).speakers == ()


def test_a_hansards_square_brackets_give_the_members_country_as_round_ones_do():
    text = ("THE CLERK: Honourable Members, I have two announcements.\n\n"
            "HON. ADA BROOK [RURITANIA]: Thank you, Mr. President. If you recall, the last election was held later.\n\n"
            "THE CLERK: Thank you.\n")
    t = transcript_from_bytes(text.encode(), "hansard.txt")
    assert [u.speaker for u in t.turns] == ["THE CLERK", "HON. ADA BROOK (RURITANIA)", "THE CLERK"]


def test_a_records_label_of_parts_set_apart_by_middle_dots_names_the_person_and_times_the_turn():
    text = ("General Assembly, plenary meeting\n\n---\n\nGA · PGA · Ada Brook [16:55]:\n\n"
            "Good morning. The meeting is called to order. I give the floor to the Minister of Ruritania.\n\n"
            "San Ruritania · Minister for External Affairs, Harbours, Shipping, Inland Waterways, and Fisheries"
            " · Tomas Ines Vale [1:05:43]:\n\nMadam President, the harbour agreement is ready to be signed.\n")
    t = transcript_from_bytes(text.encode(), "plenary.txt")
    spoken = [(u.speaker, u.time and u.time[0]) for u in t.turns if u.speaker]
    # The first part is the body, however like a name it reads ("San Ruritania").
    assert spoken == [("Ada Brook", 1015.0), ("Tomas Ines Vale", 3943.0)]


def test_an_office_with_the_holders_name_in_brackets_is_that_person_as_their_own_label_names_them():
    text = ("Senator Ada Brook: I thank the Minister of State for coming in to answer on the harbour school.\n\n"
            "Minister of State at the Department of Harbours (Deputy Tomas Ines): I am taking this matter for the Minister.\n\n"
            "Senator Ada Brook: Will the school open in September?\n\n"
            "Deputy Tomas Ines: It will open in September, as planned.\n")
    t = transcript_from_bytes(text.encode(), "senate.txt")
    assert [u.speaker for u in t.turns] == ["Senator Ada Brook", "Deputy Tomas Ines", "Senator Ada Brook", "Deputy Tomas Ines"]
