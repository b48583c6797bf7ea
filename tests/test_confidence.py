"""The low-confidence flag counts only sentences that could answer the question."""

import numpy as np
import pytest

from assistant import RetrievalSettings
from assistant.answer_types import (ANY, FIGURE, NAME, TIME, answer_type, can_answer, counted_thing, counts_it,
                                    names_one, says_when, states_figure, states_time)
from assistant.calibration import FEATURES, Calibration, calibration_for
from assistant.confidence import CORPUS_QUANTILE, corpus_cosine, evidence, signals
from assistant.context import sentence_rows
from assistant.passages import QueryView, Span
from assistant.query import analyse
from assistant.retrieval import Candidate
from conftest import FakeEmbedder, fake_assistant_of
from corpus.words import content_stems


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
    ("Until what date was the tax exemption extended?", TIME),
    ("On what date will the rules take effect?", TIME),
    ("Which cities got new international gateway offices?", NAME),
    ("In which country did the regional jet start overseas service?", NAME),
    ("Who developed the first domestic ECMO machine?", NAME),
    ("What is the name of the first domestically built cruise ship?", NAME),
    ("What operating profit margin did the little giants post?", FIGURE),
    ("What is the price of each container ship?", FIGURE),
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
    assert states_time("It is just a little bit after 9.30 on Thursday, October 5th.")
    assert states_time("We meet again tomorrow at 2 p.m.")
    assert states_time("We expect a decision within two weeks.")
    assert states_time("Maybe we'll have you back a year from now.")
    # Durations and figures that say nothing of when.
    assert not states_time("He spent 10 years on it.")
    assert not states_time("He rejected the 2.5 percent tariff.")


@pytest.mark.parametrize("question, counted", [
    ("How many exploration wells were drilled last quarter?", {"explor", "well"}),
    ("How many jobs would the new colliery create?", {"job"}),
    ("What tariff rate applies to imports of steel?", {"tariff", "rate"}),
    ("What storage capacity does the new site have?", {"storag", "capac"}),
    ("By how much did output grow?", set()),
    ("When does the round close?", set()),
])
def test_what_a_figure_question_counts(question, counted):
    assert counted_thing(question) == counted


def test_a_figure_answers_only_beside_what_is_counted():
    question = "How many exploration wells were drilled in the third quarter?"
    assert can_answer(FIGURE, "Twelve exploration wells were drilled in the quarter.", question)
    assert can_answer(FIGURE, "The wells drilled: 12, against 9 before.", question)
    # Figures in a sentence on the topic that count something else.
    assert not can_answer(FIGURE, "Exploration is key, and the 26th licensing round drew £200 million of "
                                  "interest from companies that have never drilled wells here before.", question)
    assert not can_answer(FIGURE, "We drilled exploration wells in the quarter.", question)
    # A question that names nothing counted takes any figure.
    assert counts_it("Output rose by 6.1%.", counted_thing("By how much did output grow?"))


def test_a_figure_written_in_words_is_a_figure():
    builders = "How many builders were using the devnet?"
    assert can_answer(FIGURE, "We have zero actual builders on the DevNet right now.", builders)
    assert can_answer(FIGURE, "He is a nine-time NBA champion.", "How many NBA champion titles has he won?")
    assert states_figure("Prices fell by more than a buck seventy cents.")
    assert states_figure("Some forty-five members voted.")
    assert not states_figure("Nobody was using the network yet.")


def test_a_time_answers_only_beside_the_question():
    question = "When is the next test network expected to launch?"
    assert says_when("The next test network should launch by the end of next week.", question)
    assert can_answer(TIME, "We expect the launch in March.", "When is the launch expected?")
    # A date in the sentence that dates something else, far from what was asked.
    assert not says_when("In March we spent a long session on the client teams' many bug reports and the "
                         "fixes they still owe, and only then touched the network.", question)
    assert not says_when("The network is close to ready.", question)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return fake_assistant_of(tmp_path_factory.mktemp("confidence"), {
        "q1.txt": "Briefing on the first quarter of 2025\n\nDate: 2025-04-15\n\n"
                  "Ada Brook: The new ferry terminal is a landmark for the harbour. "
                  "In the first quarter, 1.2 million passengers used the harbour ferries.\n",
        "h1.txt": "Briefing on the first half of 2024\n\nDate: 2024-07-16\n\n"
                  "Ben Stone: In the first half of 2024, 2.3 million passengers used the harbour ferries.\n",
    })


def _spans_over_every_sentence(store):
    cand = Candidate(row=0, fused=1.0, cosine=0.5)
    return [Span(0, 0, 1, cand, sentences=tuple(range(len(store.sentence_doc))))]


def _view(store, wanted: dict[str, float], question: str = "") -> QueryView:
    """A question as close to each sentence as `wanted` says of a phrase it holds; 0 to the rest."""
    sims = np.zeros(len(store.sentence_doc), dtype=np.float32)
    for row in range(len(sims)):
        for needle, value in wanted.items():
            if needle in store.sentence_text(row):
                sims[row] = value
    return QueryView(qvec=np.zeros(FakeEmbedder().dimension, dtype=np.float32), terms=content_stems(question),
                     sims=sims)


def _evidence(ctx, spans, view, question: str) -> float:
    return evidence(spans, view, ctx, question, analyse(question, ctx.names))


def test_a_figure_question_counts_only_sentences_with_a_figure(assistant):
    ctx = assistant._ctx
    store = ctx.ix.store
    view = _view(store, {"landmark": 0.9, "1.2 million": 0.6, "2.3 million": 0.5})
    spans = _spans_over_every_sentence(store)
    assert _evidence(ctx, spans, view, "How many passengers used the ferries?") == pytest.approx(0.6)
    assert _evidence(ctx, spans, view, "What is the new ferry terminal?") == pytest.approx(0.9)
    # Without the index, every sentence counts.
    assert evidence(spans, view) == pytest.approx(0.9)


def test_a_figure_for_another_period_does_not_answer(assistant):
    ctx = assistant._ctx
    store = ctx.ix.store
    view = _view(store, {"1.2 million": 0.6, "2.3 million": 0.8})
    spans = _spans_over_every_sentence(store)
    q1 = "How many passengers used the ferries in the first quarter of 2025?"
    assert _evidence(ctx, spans, view, q1) == pytest.approx(0.6)
    h1 = "How many passengers used the ferries in the first half of 2024?"
    assert _evidence(ctx, spans, view, h1) == pytest.approx(0.8)
    # The briefing of April 2025 fits a question on its own quarter, but its sentence
    # gives the first quarter's figure.
    q2 = "How many passengers used the ferries in the second quarter of 2025?"
    assert analyse(q2, ctx.names).periods
    assert _evidence(ctx, spans, view, q2) == 0.0
    neither = "How many passengers used the ferries in the third quarter of 2019?"
    hints = analyse(neither, ctx.names)
    assert hints.periods
    assert evidence(spans, view, ctx, neither, hints) == 0.0


def _context_of(tmp_path, files: dict[str, str]):
    return fake_assistant_of(tmp_path, files)._ctx


def _chunk_spans(store):
    for row in range(len(store)):
        doc, start, end = int(store.chunk_doc[row]), int(store.chunk_start[row]), int(store.chunk_end[row])
        rows = tuple(sentence_rows(store, doc, start, end))
        yield Span(doc, start, end, Candidate(row=row, fused=1.0, cosine=0.5), rows)


def test_a_transcript_held_after_the_period_asked_answers_where_it_names_it(tmp_path):
    ctx = _context_of(tmp_path, {
        "q1.txt": "Briefing on the first quarter of 2025\n\nDate: 2025-04-15\n\n"
                  "Ada Brook: In the first quarter, 1.2 million passengers used the harbour ferries. "
                  "Over the whole of 2024, 4.1 million passengers used the harbour ferries.\n",
        "h1.txt": "Briefing on the first half of 2024\n\nDate: 2024-07-16\n\n"
                  "Ben Stone: In the first half of 2024, 2.3 million passengers used the harbour ferries.\n",
    })
    store = ctx.ix.store
    view = _view(store, {"1.2 million": 0.9, "4.1 million": 0.7, "2.3 million": 0.5})
    spans = _spans_over_every_sentence(store)
    # The April 2025 briefing looks back on 2024 by name; its own quarter's figure does not answer.
    assert _evidence(ctx, spans, view, "How many passengers used the ferries over the whole of 2024?") == \
        pytest.approx(0.7)
    # The July 2024 briefing cannot look back on a quarter of 2025.
    assert _evidence(ctx, spans, view, "How many passengers used the ferries in the first quarter of 2025?") == \
        pytest.approx(0.9)


def test_a_question_naming_a_speaker_counts_only_what_they_said(assistant):
    ctx = assistant._ctx
    store = ctx.ix.store
    view = _view(store, {"landmark": 0.9, "2.3 million": 0.5})
    # the two chunks holding the sentences that matter
    spans = [s for s in _chunk_spans(store) if view.sims[list(s.sentences)].max() > 0]
    assert len(spans) == 2
    assert "Ben Stone" in ctx.names
    assert _evidence(ctx, spans, view, "What did Ben Stone say about the harbour?") == pytest.approx(0.5)
    assert _evidence(ctx, spans, view, "What was said about the harbour?") == pytest.approx(0.9)


def test_a_report_in_the_third_person_counts_for_the_speaker_it_names(tmp_path):
    ctx = _context_of(tmp_path, {
        "briefing.txt": "Harbour briefing\n\nDate: 2025-04-15\n\n"
                        "Ben Stone: The harbour ferries carried 2.3 million passengers.\n\n"
                        "Ada Brook: The terminal opens in May.\n",
        "report.txt": "Harbour news\n\nBen Stone said that a second terminal will open in the harbour next year.\n\n"
                      "The harbour master said that the ferries ran late all winter.\n",
    })
    store = ctx.ix.store
    assert "Ben Stone" in ctx.names
    view = _view(store, {"second terminal": 0.8, "ran late": 0.95, "2.3 million": 0.5, "opens in May": 0.9})
    report_of_him, report_of_another, his, hers = (
        next(s for s in _chunk_spans(store) if phrase in store.chunks([s.best.row])[0].text)
        for phrase in ("second terminal", "ran late", "2.3 million", "opens in May"))
    assert store.chunk_speaker[report_of_him.best.row] is None and store.chunk_speaker[his.best.row] == "Ben Stone"
    question = "What did Ben Stone say about the harbour?"
    # The report naming him counts; Ada Brook's turn and the report of someone else do not.
    spans = [report_of_another, report_of_him, hers]
    assert _evidence(ctx, spans, view, question) == pytest.approx(0.8)
    assert _evidence(ctx, spans, view, "What was said about the harbour?") == pytest.approx(0.95)
    assert _evidence(ctx, [hers, his], view, question) == pytest.approx(0.5)


def test_a_nearer_sentence_that_cannot_answer_is_a_near_miss(assistant):
    ctx = assistant._ctx
    store = ctx.ix.store
    spans = _spans_over_every_sentence(store)
    question = "How many passengers used the ferries?"
    hints = analyse(question, ctx.names)
    # The landmark sentence, with no figure, is nearer than the one that answers: a near miss.
    near_miss = _view(store, {"landmark": 0.8, "1.2 million": 0.6}, question)
    assert evidence(spans, near_miss) == pytest.approx(0.8)  # the nearest sentence, answering or not
    found = signals(spans, near_miss, ctx, question, hints)
    assert found["answering"] == pytest.approx(0.6) and found["near_miss"] == pytest.approx(0.2)
    # The answering sentence is the nearest: no near miss.
    answered = _view(store, {"landmark": 0.5, "1.2 million": 0.6})
    assert signals(spans, answered, ctx, question, hints)["near_miss"] == 0.0
    assert set(FEATURES) <= set(found) and 0.0 < found["coverage"] <= 1.0


def test_the_lift_is_the_answering_cosine_above_the_questions_cosine_to_the_corpus(assistant):
    ctx = assistant._ctx
    store = ctx.ix.store
    spans = _spans_over_every_sentence(store)
    question = "How many passengers used the ferries?"
    hints = analyse(question, ctx.names)
    refs = ctx.reference_vectors
    assert len(refs) == ctx.ix.structure.learned.reference_sentences > 0
    # Near the corpus at large (the mean of its sentences), or near none of it.
    near_all = refs.mean(axis=0) / np.linalg.norm(refs.mean(axis=0))
    near_none = FakeEmbedder().embed_queries(["zeppelin hovercraft quasar"])[0]
    lifts = {}
    for name, qvec in (("near_all", near_all), ("near_none", near_none)):
        view = _view(store, {"1.2 million": 0.6}, question)
        view = QueryView(qvec=qvec.astype(np.float32), terms=view.terms, sims=view.sims)
        found = signals(spans, view, ctx, question, hints)
        assert found["answering"] == pytest.approx(0.6)
        assert found["lift"] == pytest.approx(0.6 - np.quantile(refs @ qvec, CORPUS_QUANTILE), abs=1e-5)
        lifts[name] = found["lift"]
    # The same cosine says less of a question that comes near everything in the corpus.
    assert lifts["near_all"] < lifts["near_none"] - 0.2


def test_the_first_lift_counts_only_the_first_passage(assistant):
    ctx = assistant._ctx
    store = ctx.ix.store
    question = "How many passengers used the ferries?"
    hints = analyse(question, ctx.names)
    view = _view(store, {"landmark": 0.8, "1.2 million": 0.6}, question)
    rows = range(len(store.sentence_doc))
    answering = tuple(r for r in rows if "1.2 million" in store.sentence_text(r))
    landmark = tuple(r for r in rows if "landmark" in store.sentence_text(r))
    cand = Candidate(row=0, fused=1.0, cosine=0.5)
    topic_first = [Span(0, 0, 1, cand, sentences=landmark), Span(0, 1, 2, cand, sentences=answering)]
    found = signals(topic_first, view, ctx, question, hints)
    at_large = corpus_cosine(ctx, view.qvec)
    # The second passage answers, the first (a sentence with no figure) does not.
    assert found["lift"] == pytest.approx(0.6 - at_large, abs=1e-5)
    assert found["lift_first"] == pytest.approx(0.0 - at_large, abs=1e-5)
    answer_first = signals(topic_first[::-1], view, ctx, question, hints)
    assert answer_first["lift_first"] == pytest.approx(answer_first["lift"])


def test_the_score_is_the_first_passages_fused_score_as_a_share_of_the_most(assistant):
    ctx = assistant._ctx
    store = ctx.ix.store
    question = "How many passengers used the ferries?"
    view = _view(store, {"1.2 million": 0.6}, question)
    rows = tuple(range(len(store.sentence_doc)))
    first, second = Candidate(row=0, fused=0.9, cosine=0.5), Candidate(row=1, fused=1.6, cosine=0.7)
    spans = [Span(0, 0, 1, first, sentences=rows), Span(0, 1, 2, second, sentences=rows)]
    hints = analyse(question, ctx.names)
    assert signals(spans, view, ctx, question, hints, most=1.8)["score"] == pytest.approx(0.5)
    assert signals(spans[::-1], view, ctx, question, hints, most=1.8)["score"] == pytest.approx(1.6 / 1.8)
    assert signals(spans, view, ctx, question, hints, most=0.6)["score"] == 1.0  # a preferred speaker's boost
    assert signals([], view, ctx, question, hints, most=1.8)["score"] == 0.0


def test_words_the_corpus_never_uses_are_unseen(assistant):
    ctx = assistant._ctx
    spans = _spans_over_every_sentence(ctx.ix.store)
    def unseen(question):
        view = _view(ctx.ix.store, {"1.2 million": 0.6}, question)
        return signals(spans, view, ctx, question, analyse(question, ctx.names))["unseen"]

    assert unseen("How many zeppelins and hovercraft carried passengers on the ferries?") > \
        unseen("How many passengers did the ferries carry?")


def _calibration(threshold):
    return Calibration(model="fake", probe=(), features=FEATURES, coef=(10.0, 0.0, -10.0, 0.0, 0.0, 0.0), intercept=-5.0,
                       threshold=threshold)


def test_the_flag_is_raised_through_ask_by_the_calibration(assistant):
    low = assistant.with_settings(RetrievalSettings(calibration=_calibration(1.0)))
    answer = low.ask("How many passengers used the ferries?")
    assert answer.low_confidence and 0.0 <= answer.confidence <= 1.0 and answer.note is None
    high = assistant.with_settings(RetrievalSettings(calibration=_calibration(0.0)))
    assert high.ask("How many passengers used the ferries?").low_confidence is False


def test_a_question_none_of_whose_words_the_corpus_uses_is_flagged_whatever_the_calibration(assistant):
    sure = assistant.with_settings(RetrievalSettings(calibration=_calibration(0.0)))
    off = sure.ask("What is the recipe for banana bread?")
    assert off.passages and off.low_confidence
    assert sure.ask("What is the recipe for banana bread with ferries?").low_confidence is False


def test_a_model_with_no_calibration_gets_no_flag_and_a_note(assistant):
    answer = assistant.ask("How many passengers used the ferries?")
    assert answer.low_confidence is None and answer.confidence is None and "no calibration" in answer.note


def test_a_calibration_is_chosen_by_the_models_probe_vector():
    cal = _calibration(0.5)
    mine = Calibration(**{**cal.__dict__, "probe": (0.6, 0.8)})
    assert calibration_for((0.6, 0.8 + 1e-6), (mine,)) is mine
    assert calibration_for((0.8, 0.6), (mine,)) is None and calibration_for((), (mine,)) is None
    assert cal.probability({"lift": 0.9, "lift_first": 0.0, "near_miss": 0.0, "coverage": 0, "unseen": 0, "score": 0}) > 0.9
    with pytest.raises(ValueError, match="calibration"):
        RetrievalSettings(calibration="0.5")


def test_a_hard_wrapped_paragraph_lends_its_period_to_a_sentence_on_a_later_line(tmp_path):
    ctx = fake_assistant_of(tmp_path, {
        "wrapped.txt": "Briefing on the first half of 2025\n\nDate: 2025-07-15\n\n"
                       "Ada Brook: In the first quarter of 2025, harbour traffic grew\n"
                       "faster than planned. Ferries carried 1.2 million passengers on the\n"
                       "harbour routes, more than the terminal was built for.\n",
    })._ctx
    store = ctx.ix.store
    view = _view(store, {"1.2 million": 0.6})
    spans = _spans_over_every_sentence(store)
    first = "How many passengers did the ferries carry in the first quarter of 2025?"
    assert _evidence(ctx, spans, view, first) == pytest.approx(0.6)
    # The figure's sentence starts on the paragraph's second line; its period is on the first.
    second = "How many passengers did the ferries carry in the second quarter of 2025?"
    assert _evidence(ctx, spans, view, second) == 0.0
