"""A question's words that name its transcript by its title."""

import pytest

from assistant.locators import Titles, named_titles

TITLES = Titles(("Harbour Authority v. Craig Vale", "PORT DUES (AMENDMENT) BILL 2021", "ferry bites ep55 mvp podcast 2022",
                 "Seattle council briefing 2021 08 02"))


@pytest.mark.parametrize("question, named", [
    ("What sentence did Craig Vale receive?", ("Craig Vale",)),
    ("How much is the allowance under the Port Dues (Amendment) Bill 2021?", ("Port Dues (Amendment) Bill 2021",)),
    ("What is an MVP, according to the Ferry Bites episode?", ("Ferry Bites",)),
    ("When will the Seattle council decide?", ()),  # a body the answer names again, not a title's name
    ("What did Vale say about the dues?", ()),  # one word of a title may well be what the answer says
    ("Craig Vale said what?", ()),  # a question's first word is capitalised whatever it is
])
def test_the_run_of_a_title_a_question_names_its_transcript_by(question, named):
    assert named_titles(question, TITLES) == named


def test_no_titles_name_nothing():
    assert named_titles("What sentence did Craig Vale receive?", Titles(())) == ()

