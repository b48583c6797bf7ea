"""Editors' headlines between answers lead to the answer; they are not shown as passages."""

import numpy as np
import pytest

from assistant import Assistant
from assistant.confidence import evidence
from assistant.passages import QueryView, Span
from assistant.retrieval import Candidate
from conftest import FakeEmbedder, fake_index_of

HEADLINE = "Harbour dredging will finish before the autumn storms"
# A note the record writes as sentences between two turns: a conclusion reached, not a headline.
NOTED = "Agreed: the pilots' fees stay as they are. Reviewed again in the autumn."


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    index = fake_index_of(tmp_path_factory.mktemp("headlines"), {"port.txt": (
        "Port authority briefing on the spring season\n\n"
        "On May 2, the port authority held a press conference on the spring season.\n\n"
        "Ada Brook: Welcome, everyone. Let us begin.\n\n"
        f"{HEADLINE}\n\n"
        "Tide Weekly reporter: When will the channel be deep enough for the large ships?\n\n"
        "Ben Stone: Thank you for your question. The contractor expects to reach fourteen metres by September.\n\n"
        "Ferries get two new routes\n\n"
        "Port Daily reporter: What about ferries?\n\n"
        "Ben Stone: Thank you for your question. Two routes to the islands open in June.\n\n"
        f"{NOTED}\n\n"
        "Ada Brook: Thank you all.\n")})
    return Assistant.open(index, embedder=FakeEmbedder())


def test_headlines_are_found_and_the_opening_narration_is_not_one(assistant):
    ctx = assistant._ctx
    store = ctx.ix.store
    texts = [c.text for c in store.chunks(list(np.flatnonzero(ctx.is_headline)))]
    assert texts == [HEADLINE, "Ferries get two new routes"]  # not the note written as sentences
    lead = store.chunks([0])[0]
    assert lead.role == "narrator" and not ctx.is_headline[0]


def test_a_headline_joins_the_question_it_leads_into(assistant):
    ctx = assistant._ctx
    headline = int(np.flatnonzero(ctx.is_headline)[0])
    group = ctx.reporter_group[list(ctx.reporter_rows).index(headline)]
    answer_text = " ".join(c.text for c in ctx.ix.store.chunks(list(ctx.answers[group])))
    assert "fourteen metres by September" in answer_text


def test_a_question_in_the_headlines_words_gets_the_answer_not_the_headline(assistant):
    answer = assistant.ask("harbour dredging autumn storms", k=5)
    assert answer.passages
    assert all(HEADLINE not in p.quote for p in answer.passages)
    # Found only through the headline: the answer shares none of the question's words.
    assert any("fourteen metres by September" in p.quote for p in answer.passages[:2])


def test_confidence_evidence_is_the_closest_sentence_of_the_first_passages():
    sims = np.array([0.2, 0.9, 0.4, 0.7, 0.95], dtype=np.float32)
    view = QueryView(qvec=np.zeros(3, dtype=np.float32), terms=frozenset(), sims=sims)
    cand = Candidate(row=0, fused=1.0, cosine=0.5)
    spans = [Span(0, 0, 1, cand, sentences=(0, 2)), Span(0, 1, 2, cand, sentences=(3,)),
             Span(0, 2, 3, cand, sentences=(0,)), Span(0, 3, 4, cand, sentences=(4,))]
    assert evidence(spans, view) == pytest.approx(0.7)  # the fourth passage does not count
    assert evidence([], view) == 0.0


def test_a_note_written_as_sentences_between_turns_is_found_itself(assistant):
    answer = assistant.ask("pilots' fees stay as they are", k=3)
    assert any(NOTED in p.quote for p in answer.passages)
