"""A "when" question's first passages: those that say when, beside what was asked, come first."""

import pytest

from assistant import Assistant
from assistant.answer_order import REORDER, answers_first
from assistant.passages import Span
from assistant.retrieval import Candidate
from conftest import FakeEmbedder, fake_index_of


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    index = fake_index_of(tmp_path_factory.mktemp("order"), {
        "council.txt": "Council meeting\n\nDate: 2025-05-02\n\n"
                       "Ada Brook: The full council will vote on the vacancy after the interviews.\n\n"
                       "Ben Stone: The vacancy drew eleven applicants from across the city.\n\n"
                       "Ada Brook: We will hold the final special meeting on the vacancy. It starts tomorrow at 2 p.m.\n\n"
                       "Ben Stone: In March we moved the library's opening hours, and the vacancy is still open.\n"})
    return Assistant.open(index, embedder=FakeEmbedder())._ctx


def _spans(ctx, *needles: str | tuple[str, ...]) -> list[Span]:
    """One span per needle (or tuple of needles) over the sentences holding it, in the order given."""
    store = ctx.ix.store
    out = []
    for needle in needles:
        wanted = (needle,) if isinstance(needle, str) else needle
        rows = tuple(r for r in range(len(store.sentence_doc)) if any(w in store.sentence_text(r) for w in wanted))
        out.append(Span(0, 0, 1, Candidate(row=0, fused=1.0, cosine=0.5), sentences=rows))
    return out


def test_a_passage_that_says_when_moves_ahead_of_those_on_the_topic_alone(ctx):
    spans = _spans(ctx, "will vote", "eleven applicants", ("final special meeting", "starts tomorrow"))
    ordered = answers_first(spans, ctx, "When will the council hold its special meeting on the vacancy?")
    # The time is in the sentence after the one naming the meeting: the passage counts as a whole.
    assert ordered[0] is spans[2]
    assert ordered[1:] == spans[:2]  # the others keep retrieval's order


def test_a_time_far_from_what_was_asked_does_not_count(ctx):
    spans = _spans(ctx, "eleven applicants", "library's opening hours")
    # "In March" dates the library's hours, not the special meeting asked about.
    assert answers_first(spans, ctx, "When is the special council meeting on the vacancy?") == spans


def test_other_questions_keep_retrievals_order(ctx):
    spans = _spans(ctx, "will vote", "eleven applicants", "final special meeting")
    assert answers_first(spans, ctx, "What will the council do about the vacancy?") == spans


def test_only_the_first_passages_are_reordered(ctx):
    spans = _spans(ctx, *["will vote"] * REORDER, "final special meeting")
    assert answers_first(spans, ctx, "When will the council hold its special meeting?") == spans
