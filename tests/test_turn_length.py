"""A chunk of a turn of a few words ranks lower: an interjection names the topic, not the answer."""

import numpy as np
import pytest

from assistant.query import analyse
from assistant.context import SearchContext
from assistant.retrieval import retrieve
from assistant.settings import RetrievalSettings
from conftest import fake_assistant_of

LONG = " ".join(f"The harbour fees paid by ship {i} went to the dredging fund of the port." for i in range(12))


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    text = ("Harbour hearing\n\nDate: 2025-04-15\n\n"
            "Ana Ruiz: Harbour fees?\n\n"
            f"Ben Okafor: {LONG}\n\n"
            "Ana Ruiz: And the dredging fund holds the harbour fees of every ship, I take it.\n")
    return SearchContext(fake_assistant_of(tmp_path_factory.mktemp("turns"), {"h.txt": text}).index)


def _turn_tokens(store):
    """Each chunk's turn, counted from the chunks themselves."""
    tokens = {r: c.tokens for r, c in zip(range(len(store)), store.chunks(list(range(len(store)))))}
    key = list(zip(store.chunk_doc.tolist(), store.chunk_turn.tolist()))
    return np.array([sum(tokens[j] for j in range(len(store)) if key[j] == key[r]) for r in range(len(store))])


def test_each_chunk_knows_the_tokens_of_its_whole_turn(ctx):
    assert np.array_equal(ctx.turn_tokens, _turn_tokens(ctx.ix.store))
    assert ctx.turn_tokens.max() > RetrievalSettings().short_turn_tokens > ctx.turn_tokens.min()


def _fused(ctx, settings, question):
    hints = analyse(question, ctx.names, ctx.background, ctx.vocabulary)
    qvec = ctx.ix.embedder.embed_queries([hints.content])[0]
    return {c.row: c.fused for c in retrieve(ctx, qvec, hints.content, None, settings, hints=hints)}


def test_a_short_turn_is_lowered_in_proportion_to_how_short_it_is(ctx):
    question = "What harbour fees went to the dredging fund?"
    on = RetrievalSettings()
    off = RetrievalSettings(short_turn_discount=0.0)
    with_prior, without = _fused(ctx, on, question), _fused(ctx, off, question)
    assert set(with_prior) == set(without)
    short = [r for r in with_prior if ctx.turn_tokens[r] < on.short_turn_tokens]
    long = [r for r in with_prior if ctx.turn_tokens[r] >= on.short_turn_tokens]
    assert short and long
    for r in long:
        assert with_prior[r] == pytest.approx(without[r])
    for r in short:
        expected = 1.0 - on.short_turn_discount * (1.0 - ctx.turn_tokens[r] / on.short_turn_tokens)
        assert with_prior[r] == pytest.approx(without[r] * expected)
        assert with_prior[r] < without[r]


@pytest.mark.parametrize("bad", [dict(short_turn_tokens=-1), dict(short_turn_discount=1.0),
                                 dict(short_turn_discount=-0.1)])
def test_turn_length_settings_are_checked_where_they_are_made(bad):
    with pytest.raises(ValueError, match="short_turn"):
        RetrievalSettings(**bad)


def test_a_short_reply_keeps_the_score_of_the_question_it_answers(tmp_path):
    """A short turn's own words may only name the topic, but what it was asked is not its words:
    a reply found by its question is not lowered for its length."""
    text = ("Harbour briefing\n\nDate: 2025-04-15\n\n"
            "Q: How many of the ships in the harbour have no pilot on board?\n\n"
            "Ben Okafor: There are three.\n\n"
            f"Q: What went to the dredging fund?\n\nBen Okafor: {LONG}\n")
    ctx = SearchContext(fake_assistant_of(tmp_path, {"h.txt": text}).index)
    only_asked = dict(dense_weight=0.0, sentence_weight=0.0, lexical_weight=0.0, question_weight=1.0,
                      reply_weight=0.0, named_reply_weight=0.0, question_floor=0.0)
    question = "How many of the ships in the harbour have no pilot on board?"
    on = _fused(ctx, RetrievalSettings(**only_asked), question)
    off = _fused(ctx, RetrievalSettings(**only_asked, short_turn_discount=0.0), question)
    short = [r for r in on if ctx.turn_tokens[r] < RetrievalSettings().short_turn_tokens]
    assert short and on[short[0]] > 0 and on[short[0]] == pytest.approx(off[short[0]])
