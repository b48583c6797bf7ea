"""A court's examination: `Q.` turns are the examining lawyer's (`BY MR. PAN:`), `A.` turns and
`THE WITNESS:` the witness's (introduced before the oath, or named by a deposition's title), in plain
text and in a court reporter's numbered lines."""

from hypothesis import given, settings, strategies as st

from corpus.reading import transcript_from_bytes
from conftest import fake_assistant_of

DEPOSITION = """DEPOSITION OF JANE ROE
Taken on March 3, 2021

JANE ROE,
having been first duly sworn, was examined and testified as follows:
EXAMINATION
BY MR. PAN:
Q. Good morning. Please state your name for the record.
A. Jane Roe.
Q. Where do you work?
A. I work at the harbour authority as an inspector of cranes.
MS. DARLING: Objection, form.
THE WITNESS: May I answer that?
BY MR. PAN:
Q. When did you first see the crack in the boom?
A. On the morning of the second of June, during the weekly check.
CROSS-EXAMINATION
BY MS. DARLING:
Q. Did anyone tell you to keep the crane running?
A. No one did. My supervisor agreed with me at once.
"""


def _said(text: str, name: str = "deposition.txt") -> list[tuple[str | None, str | None, str]]:
    t = transcript_from_bytes(text.encode(), name)
    return [(u.speaker, u.label, t.text[u.start:u.end]) for u in t.turns]


def test_questions_are_the_examiners_and_answers_the_witnesses():
    said = _said(DEPOSITION)
    by_words = {words: (speaker, label) for speaker, label, words in said}
    assert by_words["Where do you work?"] == ("MR. PAN", "Q")
    assert by_words["I work at the harbour authority as an inspector of cranes."] == ("JANE ROE", "A")
    assert by_words["Did anyone tell you to keep the crane running?"] == ("MS. DARLING", "Q")
    assert by_words["No one did. My supervisor agreed with me at once."] == ("JANE ROE", "A")
    assert by_words["May I answer that?"] == ("JANE ROE", "THE WITNESS")
    # A lawyer speaking under a label of their own keeps it.
    assert any(s == "MS. DARLING" and w.startswith("Objection, form.") for s, _, w in said)


def test_the_oath_line_is_no_speaker():
    t = transcript_from_bytes(DEPOSITION.encode(), "deposition.txt")
    assert not any(u.speaker and "sworn" in (u.label or "") for u in t.turns)
    assert {u.speaker for u in t.turns if u.role != "narrator"} == {"MR. PAN", "MS. DARLING", "JANE ROE"}


def test_the_witness_introduced_in_open_court_answers():
    trial = ("THE COURT: Would the prosecution call its next witness.\n"
             "MS. VALE: We call Tomas Berg.\n"
             "TOMAS BERG,\ncalled as a witness by the Government,\nhaving been duly sworn, testified as follows:\n"
             "DIRECT EXAMINATION\nBY MS. VALE:\n"
             "Q. In what state do you live?\nA. Florida.\nQ. What do you do for work?\nA. I'm a licensed realtor.\n")
    said = _said(trial, "trial.txt")
    assert ("TOMAS BERG", "A", "Florida.") in said
    assert ("MS. VALE", "Q", "What do you do for work?") in said
    assert any(s == "THE COURT" for s, _, _ in said)


def test_questions_before_any_examiner_keep_their_label():
    said = _said("Q. Where were you on the night of the storm?\nA. At the lighthouse.\n"
                 "Q. Alone?\nA. With the keeper.\n", "interview.txt")
    assert [s for s, _, _ in said] == ["Q", "A", "Q", "A"]


def test_a_text_that_does_not_ask_with_q_is_read_as_before():
    text = "CHAIR ILVES: The committee will come to order.\n\nMR. BY: By Mr. Pan: the report is late.\n"
    assert [s for s, _, _ in _said(text, "committee.txt")] == ["CHAIR ILVES", "MR. BY"]


def _numbered(lines: list[str]) -> str:
    """The lines as a court reporter prints them: 25 numbered lines a page, a page number above."""
    out = []
    for i, line in enumerate(lines):
        if i % 25 == 0:
            out.append(f"{'':50}{i // 25 + 1}")
        out.append(f"{i % 25 + 1:>2}   {line}")
    return "\n".join(out) + "\n"


def test_numbered_lines_open_a_turn_at_each_question_and_answer():
    lines = DEPOSITION.splitlines() + ["Q. And after that?", "A. I wrote the report for the", "board that evening."]
    said = _said(_numbered(lines), "numbered.txt")
    assert ("MR. PAN", "Q", "Where do you work?") in said
    assert ("JANE ROE", "A", "Jane Roe.") in said
    # An answer running on to the next line stays one answer.
    assert ("JANE ROE", "A", "I wrote the report for the board that evening.") in said


def test_a_record_that_opens_every_turn_with_by_names_the_speaker_after_it():
    lines = ["BY THE COURT: Call the case of the State versus Ada Roe.",
             "BY MR. PAN: Your Honor, the State would call Ines Vale.",
             "INES VALE,",
             "upon being called to testify via zoom as a witness on",
             "behalf of the State after having been first duly sworn,",
             "testified as follows:",
             "DIRECT EXAMINATION",
             "BY MR. PAN:",
             "Q. Where do you work?",
             "A. At the harbour police.",
             "Q. Since when?",
             "A. Since the spring.",
             "BY MS. ROE: I object to this witness.",
             "BY THE COURT: Overruled."]
    said = _said(_numbered(lines * 2), "hearing.txt")
    assert ("THE COURT", "BY THE COURT", "Overruled.") in said
    assert ("MS. ROE", "BY MS. ROE", "I object to this witness.") in said
    assert ("MR. PAN", "Q", "Where do you work?") in said
    assert ("INES VALE", "A", "At the harbour police.") in said
    # The examiner's line alone heads the examination and says nothing.
    assert not any(words.startswith("BY") for _, _, words in said)


def test_numbered_prose_with_an_initial_is_not_cut():
    lines = ["MR. INES: The march was led by", "A. Philip Randolph and the porters' union, and the", "crowd sang."]
    said = _said(_numbered(lines * 12), "speech.txt")
    assert [s for s, _, _ in said] == ["MR. INES"] * 12
    assert all(words.endswith("crowd sang.") for _, _, words in said)


def test_a_question_naming_the_witness_finds_the_answers(tmp_path):
    assistant = fake_assistant_of(tmp_path, {"2021-03-03-deposition.txt": DEPOSITION})
    answer = assistant.ask("What did Jane Roe say about the crack in the boom?", k=3)
    assert answer.passages[0].citation.speaker == "JANE ROE"
    filtered = assistant.ask("crane", k=5, speaker="Jane Roe")
    assert filtered.passages and all(p.citation.speaker == "JANE ROE" for p in filtered.passages)


_LAWYERS = st.sampled_from(["MR. PAN", "MS. DARLING", "MR. HOOK", "DR. SMEE"])
_WITNESSES = st.sampled_from(["JANE ROE", "TOM HOOK", "TOMAS BERG", "ADA BROOK"])
_EXCHANGE = st.tuples(st.sampled_from(["Where were you?", "What did you see?", "Who called you?"]),
                      st.sampled_from(["At the dock.", "Nothing at all.", "My supervisor did."]))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.none() | _WITNESSES, _LAWYERS, st.lists(_EXCHANGE, min_size=1, max_size=3)),
                min_size=1, max_size=5))
def test_each_question_is_the_last_named_examiners_and_each_answer_the_last_sworn_witnesss(blocks):
    lines, expected, witness = ["UNITED STATES DISTRICT COURT", ""], [], None
    for new_witness, lawyer, exchanges in blocks:
        if new_witness:
            witness = new_witness
            lines += [f"{witness},", "having been duly sworn, testified as follows:", "EXAMINATION"]
        lines.append(f"BY {lawyer}:")
        for q, a in exchanges:
            lines += [f"Q. {q}", f"A. {a}"]
            expected += [(lawyer, "Q", q), (witness or "A", "A", a)]
    said = [s for s in _said("\n".join(lines) + "\n", "court.txt") if s[1] in ("Q", "A")]
    assert said == expected


def test_an_examination_typed_with_one_space_after_q_and_a():
    typed = ("PROCEEDINGS\n\nBY MR. PAN:\n\nQ Ms. Roe, will you state your full name for the\nrecord?\nA Jane Roe.\n"
             "Q Where do you work?\nA At the harbour, as an inspector of\ncranes since 1990.\n")
    said = _said(typed, "typed.txt")
    assert ("MR. PAN", "Q", "Where do you work?") in said
    assert ("A", "A", "At the harbour, as an inspector of\ncranes since 1990.") in said


def test_a_sentence_opening_with_a_is_no_answer_where_answers_have_names():
    briefing = ("MS. HOLM: Good afternoon.\n\nQ Will the fares rise?\n\nMS. HOLM: In June.\n\n"
                "Q And the night ferries?\n\nMS. HOLM: They keep their timetable.\n\n"
                "A new timetable comes in the autumn.\n")
    said = _said(briefing, "briefing.txt")
    assert said[-1][0] == "MS. HOLM" and said[-1][2].endswith("A new timetable comes in the autumn.")


FOLLOW_UP = """EXAMINATION
BY MR. PAN:
Q. Did you work at the harbour in June?
A. I did, as an inspector.
Q. Have you had the harbour authority's files on the lighthouse crane searched for any inspection report?
A. I have.
Q. What came of it?
A. Nothing at all turned up; the crane was never once inspected before the collapse.
Q. Who keeps the ferry timetable?
A. The port office keeps it, and prints it every spring.
"""


def test_an_answer_after_a_short_one_answers_the_question_before_too(tmp_path):
    # "What came of it?" says nothing of what "it" is: the question two turns before does.
    assistant = fake_assistant_of(tmp_path, {"2021-06-01-deposition.txt": FOLLOW_UP})
    answer = assistant.ask("Were the harbour authority's files on the lighthouse crane searched for an "
                           "inspection report?", k=3)
    quotes = [p.quote for p in answer.passages]
    assert any(q.startswith("Nothing at all turned up") for q in quotes[:2]), quotes


def test_a_question_about_a_lawyer_who_mostly_asks_finds_their_questions(tmp_path):
    # Ms. Darling speaks once under her own label and asks the rest: what she asked is what is wanted.
    assistant = fake_assistant_of(tmp_path, {"2021-03-03-deposition.txt": DEPOSITION})
    answer = assistant.ask("What did Ms. Darling ask about keeping the crane running?", k=3)
    first = answer.passages[0]
    assert (first.citation.speaker, first.quote) == ("MS. DARLING", "Did anyone tell you to keep the crane running?")
