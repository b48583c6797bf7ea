"""The low-confidence flag counts only sentences that could answer the question."""

import numpy as np
import pytest

from assistant import Assistant
from assistant.answer_types import ANY, FIGURE, NAME, TIME, answer_type, names_one, states_figure, states_time
from assistant.confidence import evidence
from assistant.passages import QueryView, Span
from assistant.query import analyse
from assistant.retrieval import Candidate
from conftest import FakeEmbedder


@pytest.mark.parametrize("question, kind", [
    ("How many 5G base stations had been built by the end of March?", FIGURE),
    ("By how much did industrial output grow in June 2022?", FIGURE),
    ("What share of passenger car sales were new energy models?", FIGURE),
    ("What was the manufacturing PMI reading for March 2023?", FIGURE),
    ("What year-on-year growth did industrial value added record in the second quarter?", FIGURE),
    ("What did Zhao Zhiguo say about how many apps were checked?", FIGURE),
    ("When is the first large cruise ship due to be delivered?", TIME),
    ("Until when will the reservoirs stay below their flood-limit levels?", TIME),
    ("In what year will the plan end?", TIME),
    ("Which cities got new international gateway offices?", NAME),
    ("In which country did the regional jet start overseas service?", NAME),
    ("Who developed the first domestic ECMO machine?", NAME),
    ("What will the ministry do next about nuisance calls?", ANY),
    ("Which frontier fields will the action plan focus on?", ANY),
])
def test_answer_type_of_a_question(question, kind):
    assert answer_type(question) == kind


@pytest.mark.parametrize("sentence, figure", [
    ("452 websites and apps have completed the aging transformation.", True),
    ("Output rose by 6.1% year on year.", True),
    ("It has been put into operation by three major domestic airlines.", True),
    ("Sales exceeded one million for the first time.", True),
    ("Expand the layout of the National Manufacturing Innovation Center.", False),
    ("Guidelines for new material pilot platforms (2024-2027) were issued.", False),
    ("On April 20, 2023, the State Council Information Office held a press conference.", False),
    ("The second is to promote export stability and quality improvement.", False),
])
def test_a_figure_is_a_quantity_not_a_date_or_numbering(sentence, figure):
    assert states_figure(sentence) is figure


def test_a_name_is_one_the_question_does_not_hold():
    question = "In which city did China open its first engineer practice base?"
    assert names_one("It established the first practice base in Hangzhou last year.", question)
    assert not names_one("China opened its first practice base for engineers.", question)
    # A sentence starts with a capital letter anyway.
    assert not names_one("Practice bases train engineers. Training starts soon.", question)


def test_a_time_is_stated():
    assert states_time("It is expected to be delivered by the end of this year.")
    assert states_time("The reservoirs will stay low until July 31.")
    assert not states_time("Promote export stability and quality improvement.")


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    from index import build_index

    root = tmp_path_factory.mktemp("confidence")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "q1.txt").write_text(
        "Briefing on the first quarter of 2025\n\nDate: 2025-04-15\n\n"
        "Ada Brook: The new ferry terminal is a landmark for the harbour. "
        "In the first quarter, 1.2 million passengers used the harbour ferries.\n", encoding="utf-8")
    (corpus / "h1.txt").write_text(
        "Briefing on the first half of 2024\n\nDate: 2024-07-16\n\n"
        "Ben Stone: In the first half of 2024, 2.3 million passengers used the harbour ferries.\n", encoding="utf-8")
    build_index(corpus, root / "index", embedder=FakeEmbedder())
    return Assistant.open(root / "index", embedder=FakeEmbedder())


def _spans_over_every_sentence(store):
    cand = Candidate(row=0, fused=1.0, cosine=0.5)
    return [Span(0, 0, 1, cand, sentences=tuple(range(len(store.sentence_doc))))]


def _sims(store, wanted: dict[str, float]) -> np.ndarray:
    sims = np.zeros(len(store.sentence_doc), dtype=np.float32)
    for row in range(len(sims)):
        text = store.text(int(store.sentence_doc[row]))[store.sentence_start[row]:store.sentence_end[row]]
        for needle, value in wanted.items():
            if needle in text:
                sims[row] = value
    return sims


def test_a_figure_question_counts_only_sentences_with_a_figure(assistant):
    ctx = assistant._ctx
    store = ctx.ix.store
    sims = _sims(store, {"landmark": 0.9, "1.2 million": 0.6, "2.3 million": 0.5})
    view = QueryView(qvec=np.zeros(3, dtype=np.float32), terms=frozenset(), sims=sims)
    spans = _spans_over_every_sentence(store)
    how_many = "How many passengers used the ferries?"
    assert evidence(spans, view, ctx, how_many, analyse(how_many, ctx.names)) == pytest.approx(0.6)
    what = "What is the new ferry terminal?"
    assert evidence(spans, view, ctx, what, analyse(what, ctx.names)) == pytest.approx(0.9)
    # Without the index, every sentence counts.
    assert evidence(spans, view) == pytest.approx(0.9)


def test_a_figure_for_another_period_does_not_answer(assistant):
    ctx = assistant._ctx
    store = ctx.ix.store
    sims = _sims(store, {"1.2 million": 0.6, "2.3 million": 0.8})
    view = QueryView(qvec=np.zeros(3, dtype=np.float32), terms=frozenset(), sims=sims)
    spans = _spans_over_every_sentence(store)
    q1 = "How many passengers used the ferries in the first quarter of 2025?"
    assert evidence(spans, view, ctx, q1, analyse(q1, ctx.names)) == pytest.approx(0.6)
    h1 = "How many passengers used the ferries in the first half of 2024?"
    assert evidence(spans, view, ctx, h1, analyse(h1, ctx.names)) == pytest.approx(0.8)
    neither = "How many passengers used the ferries in the third quarter of 2019?"
    hints = analyse(neither, ctx.names)
    assert hints.periods
    assert evidence(spans, view, ctx, neither, hints) == 0.0


def test_a_question_naming_a_speaker_counts_only_what_they_said(assistant):
    ctx = assistant._ctx
    store = ctx.ix.store
    sims = _sims(store, {"landmark": 0.9, "2.3 million": 0.5})
    view = QueryView(qvec=np.zeros(3, dtype=np.float32), terms=frozenset(), sims=sims)
    spans = []
    for row in range(len(store)):
        rows = tuple(r for r in range(len(store.sentence_doc)) if store.sentence_doc[r] == store.chunk_doc[row]
                     and store.chunk_start[row] <= store.sentence_start[r] < store.chunk_end[row])
        if sims[list(rows)].max() > 0:  # the two chunks holding the sentences that matter
            spans.append(Span(int(store.chunk_doc[row]), 0, 1, Candidate(row=row, fused=1.0, cosine=0.5), rows))
    assert len(spans) == 2
    assert "Ben Stone" in ctx.names
    asked = "What did Ben Stone say about the harbour?"
    assert evidence(spans, view, ctx, asked, analyse(asked, ctx.names)) == pytest.approx(0.5)
    anyone = "What was said about the harbour?"
    assert evidence(spans, view, ctx, anyone, analyse(anyone, ctx.names)) == pytest.approx(0.9)


def test_the_flag_is_raised_through_ask(assistant):
    low = assistant.with_settings(assistant.settings.__class__(low_evidence=1.0))
    assert low.ask("How many passengers used the ferries?").low_confidence
    high = assistant.with_settings(assistant.settings.__class__(low_evidence=0.0))
    assert not high.ask("How many passengers used the ferries?").low_confidence
