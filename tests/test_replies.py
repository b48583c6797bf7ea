"""A named speaker's reply is found through the turn it answers: the question sets the topic,
the reply answers it in words of its own."""

import pytest

from assistant import RetrievalSettings
from assistant.query import analyse
from conftest import fake_assistant_of

QUESTION = "How did Ben Stone answer Ada Brook on lighthouse tariffs for ferries?"
REPLY = "We think that power lies with the harbour board and nowhere else."


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return fake_assistant_of(tmp_path_factory.mktemp("replies"), {
        "hearing.txt": "Hearing on the harbour\n\nDate: 2025-03-04\n\n"
                       "Ada Brook: The minister wants to put lighthouse tariffs on ferries without a vote.\n\n"
                       f"Ben Stone: {REPLY}\n\n"
                       "Cy Dale: The ferries ran late all winter, and the timetable changed twice.\n\n"
                       "Ben Stone: The ferries ran on time once the new timetable was out, and the "
                       "passengers came back.\n",
        "later.txt": "Hearing on the docks\n\nDate: 2025-03-05\n\n"
                     "Ben Stone: We think that power over the ferries lies with the dock company.\n\n"
                     "Ada Brook: Thank you.\n",
    })


def _rank(assistant, question, quote):
    passages = assistant.ask(question, k=5).passages
    return next((i for i, p in enumerate(passages) if quote in p.quote), len(passages))


def test_the_reply_to_the_turn_the_question_describes_comes_before_the_speakers_other_turns(assistant):
    passages = assistant.ask(QUESTION, k=5).passages
    bens = [p for p in passages if p.citation.speaker == "Ben Stone"]
    assert bens and REPLY in bens[0].quote


def test_without_the_reply_signal_the_reply_ranks_lower(assistant):
    # The reply shares no word with the question: only the turn it answers ties it to the question.
    plain = assistant.with_settings(RetrievalSettings(reply_weight=0.0, named_reply_weight=0.0))
    assert _rank(assistant, QUESTION, REPLY) < _rank(plain, QUESTION, REPLY)


def test_a_turn_replies_only_to_another_speakers_turn_before_it_in_the_same_transcript(assistant):
    ctx = assistant._ctx
    store = ctx.ix.store
    order, starts, ends = ctx.prompts()
    docs = {d.doc_id: d.doc for d in store.documents}
    prompts = {}
    for r in range(len(store)):
        doc = int(store.chunk_doc[r])
        text = store.text(doc)[int(store.chunk_start[r]):int(store.chunk_end[r])]
        before = {store.chunk_speaker[x] for x in order[starts[r]:ends[r]]}
        assert store.chunk_speaker[r] not in before
        prompts[(doc, store.chunk_speaker[r], text.split()[0])] = before
    hearing, later = docs["hearing.txt"], docs["later.txt"]
    assert prompts[(hearing, "Ben Stone", "We")] == {"Ada Brook"}
    assert prompts[(hearing, "Ben Stone", "The")] == {"Cy Dale"}
    # The first turn of a transcript answers nothing but its own heading, not the last turn of the one
    # before it.
    assert prompts[(later, "Ben Stone", "We")] <= {None}


TO_ADA = "Not before the board has met in April."
TO_CY = "Pensioners travel free until the scheme ends."


@pytest.fixture(scope="module")
def panel(tmp_path_factory):
    return fake_assistant_of(tmp_path_factory.mktemp("panel"), {
        "panel.txt": "Panel on the ferries\n\nDate: 2025-04-01\n\n"
                     "Ada Brook: Will the ferry fares rise next spring?\n\n"
                     f"Ben Stone: {TO_ADA}\n\n"
                     "Cy Dale: And will the ferry fares rise next spring for pensioners as well?\n\n"
                     f"Ben Stone: {TO_CY}\n",
    })


@pytest.mark.parametrize("asker, reply", [("Ada Brook", TO_ADA), ("Cy Dale", TO_CY)])
def test_when_the_question_names_whom_the_speaker_answered_that_reply_comes_first(panel, asker, reply):
    # Both prompts are about the same fares: only the name of the one who asked tells the replies apart.
    question = f"How did Ben Stone answer {asker} on whether ferry fares rise next spring?"
    bens = [p for p in panel.ask(question, k=5).passages if p.citation.speaker == "Ben Stone"]
    assert bens and reply in bens[0].quote


def test_the_reply_weights_are_validated():
    with pytest.raises(ValueError, match="zero or more"):
        RetrievalSettings(reply_weight=-0.1)
    with pytest.raises(ValueError, match="zero or more"):
        RetrievalSettings(named_reply_weight=-0.1)


ASKED = "How did Ben Stone respond when asked about lighthouse tariffs on ferries?"


def test_a_question_asking_how_the_speaker_responded_weighs_the_reply_as_one_naming_the_asker(assistant):
    assert analyse(ASKED, ("Ben Stone", "Ada Brook")).replying
    assert _rank(assistant, ASKED, REPLY) == 0
    # Weighed as a reply to no one named, the speaker's turns that share the question's words come first.
    weak = assistant.with_settings(RetrievalSettings(named_reply_weight=RetrievalSettings().reply_weight))
    assert _rank(weak, ASKED, REPLY) > 0


@pytest.mark.parametrize("question", [
    "What did Ben Stone say about lighthouse tariffs?",
    "Does Ben Stone have an answer to the lighthouse tariffs?",
    "Who responded to the question on lighthouse tariffs?",
])
def test_a_question_not_about_a_named_speakers_reply_asks_for_none(question):
    assert not analyse(question, ("Ben Stone", "Ada Brook")).replying
