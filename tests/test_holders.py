"""Who holds a title a label gives instead of a name: the judge behind `THE COURT`, the chair behind
`The President`, learned at build time so that a question naming them finds the label's words."""

from dataclasses import replace

from corpus.holders import title_holders
from corpus.reading import transcript_from_bytes
from corpus.records import SetAside
from conftest import fake_assistant_of

TRIAL = """UNITED STATES DISTRICT COURT
SOUTHERN DISTRICT OF RURITANIA
New York, N.Y.
May 28, 2024
Before:
HON. ADA R. BROOK,
District Judge
THE COURT: Good morning. The exhibits must be numbered the same on both sides by noon.
MR. VALE: Your Honor, the harbour ledgers are numbered already.
THE COURT: Then number the ferry tickets too, and do it before the jury comes in.
MR. VALE: Yes, your Honor.
"""

MEETING = """Security Council
President: Mr. Ines ........................ (Ruritania)
The President: I call the meeting to order and give the floor to Ms. Holm.
Ms. Holm: The harbour convoy reached the port on Tuesday.
The President: I thank Ms. Holm. I shall now make a statement in my national capacity: the ferries run again.
"""


def _holders(text: str, name: str) -> dict[str, str]:
    return title_holders(transcript_from_bytes(text.encode(), name))


def test_the_judge_a_courts_caption_names_holds_the_court():
    assert _holders(TRIAL, "trial.txt") == {"THE COURT": "ADA R. BROOK"}


def test_the_judge_named_across_a_page_number_set_aside_holds_the_court():
    # A PDF's text may give a caption page's line numbers on lines of their own, set aside between its lines.
    said = "THE COURT: Call the case of the State versus Ada Roe.\nMR. VALE: The State is ready, Your Honor.\n"
    t = transcript_from_bytes(said.encode(), "hearing.txt")
    caption = (SetAside(7, "IN THE ABOVE-STYLED CAUSE, BEFORE THE", "front matter"), SetAside(8, "9", "page number"),
               SetAside(9, "HONORABLE TOMAS INES, CIRCUIT JUDGE, ON THE", "front matter"))
    assert title_holders(replace(t, set_aside=caption)) == {"THE COURT": "TOMAS INES"}


def test_the_chair_named_after_the_title_and_a_colon_holds_the_title():
    assert _holders(MEETING, "meeting.txt") == {"The President": "Mr. Ines"}


def test_one_said_to_preside():
    hearing = ("The subcommittee met, pursuant to notice, at 10 a.m., Hon. Tomas Berg [chairman of the "
               "subcommittee] presiding.\n\nMR CHAIRMAN: The subcommittee will come to order.\n\n"
               "Ms. Holm: Thank you, Mr. Chairman.\n")
    assert _holders(hearing, "hearing.txt") == {"MR CHAIRMAN": "Tomas Berg"}


def test_no_holder_where_the_record_names_none_or_two():
    assert _holders("THE COURT: Be seated.\n\nMR. VALE: Thank you, your Honor.\n", "a.txt") == {}
    two = ("Ms. Ines in the Chair.\n\nTHE CHAIR: We begin.\n\nMr. Vale in the Chair.\n\nTHE CHAIR: We resume.\n\n"
           "Ms. Holm: Thank you.\n")
    assert _holders(two, "b.txt") == {}


def test_a_question_naming_the_judge_finds_the_courts_words(tmp_path):
    assistant = fake_assistant_of(tmp_path, {"2024-05-28-trial.txt": TRIAL})
    answer = assistant.ask("What did Judge Brook tell the lawyers about the ferry tickets?", k=2)
    assert answer.passages[0].citation.speaker == "THE COURT"
    assert "ADA R. BROOK" in assistant.index.structure.learned.names

