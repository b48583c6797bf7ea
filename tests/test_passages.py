"""Windows: the sentences quoted for each ranked chunk."""

import numpy as np
import pytest

import assistant.passages as passages
from assistant import Assistant
from assistant.passages import QueryView, windows
from assistant.retrieval import Candidate
from assistant.settings import RetrievalSettings
from conftest import FakeEmbedder, fake_index_of

SENTENCES = [f"Sentence number {i} talks about harbour topic {i} with some extra words here." for i in range(40)]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    # One long narrated paragraph: chunks overlap by a sentence or two.
    index = fake_index_of(tmp_path_factory.mktemp("passages"), {
        "n.txt": "Harbour briefing\n\nDate: 2025-04-15\n\n" + " ".join(SENTENCES) + "\n"})
    return Assistant.open(index, embedder=FakeEmbedder())


def _row_of(store, number: int) -> int:
    (row,) = [r for r in range(len(store.sentence_doc)) if f"number {number} " in store.sentence_text(r)]
    return row


def _paragraph_chunks(store) -> list[int]:
    """Rows of the chunks of the long paragraph (the heading and the date are turns of their own)."""
    return [r for r in range(len(store.chunk_start)) if "Sentence number" in store.text(0)[store.chunk_start[r]:store.chunk_end[r]]]


def test_a_chunk_overlapping_a_shown_window_brings_its_other_best_sentence(assistant):
    ctx = assistant._ctx
    store = ctx.ix.store
    first, second = _paragraph_chunks(store)[:2]
    assert store.chunk_start[second] < store.chunk_end[first]  # the first two chunks overlap
    shared = next(r for r in range(len(store.sentence_doc))
                  if store.sentence_start[r] >= store.chunk_start[second] and store.sentence_end[r] <= store.chunk_end[first])
    early = _row_of(store, 1)
    sims = np.zeros(len(store.sentence_doc), dtype=np.float32)
    sims[shared], sims[early] = 0.9, 0.6
    view = QueryView(qvec=np.zeros(3, dtype=np.float32), terms=frozenset(), sims=sims)
    one_sentence = RetrievalSettings(window_words=15)
    ranked = [Candidate(row=second, fused=1.0, cosine=0.9), Candidate(row=first, fused=0.9, cosine=0.8)]

    spans = windows(ctx, ranked, view, 5, one_sentence)

    assert [s.sentences for s in spans] == [(shared,), (early,)]
    assert spans[0].end <= spans[1].start or spans[1].end <= spans[0].start
    text = store.text(0)
    assert text[spans[1].start:spans[1].end] == SENTENCES[1]


def test_a_chunk_wholly_on_screen_brings_nothing(assistant):
    ctx = assistant._ctx
    store = ctx.ix.store
    sims = np.linspace(0.1, 0.5, len(store.sentence_doc)).astype(np.float32)
    view = QueryView(qvec=np.zeros(3, dtype=np.float32), terms=frozenset(), sims=sims)
    wide = RetrievalSettings(window_words=1000)
    first = _paragraph_chunks(store)[0]
    ranked = [Candidate(row=first, fused=1.0, cosine=0.9), Candidate(row=first, fused=0.9, cosine=0.8)]
    assert len(windows(ctx, ranked, view, 5, wide)) == 1


def test_a_window_is_the_one_grown_over_the_whole_turn(fake_index, monkeypatch):
    """Only the sentences a window can reach are scored; the windows are those scoring every sentence gives."""
    questions = ["evacuation plans for residents", "How fast does a flood warning reach a village?",
                 "high-speed railway passenger trips", "What is the outlook for the second quarter?",
                 "fares and monthly pass", "What did the mayor say about cooling centers?"]
    for words in (20, 60, 120, 400):
        reached = Assistant.open(fake_index, embedder=FakeEmbedder(), settings=RetrievalSettings(window_words=words))
        cut = [reached.ask(q, k=8) for q in questions]
        with monkeypatch.context() as m:
            m.setattr(passages, "_reach", lambda ctx, doc, turn_rows, inside, budget: turn_rows)
            whole = [reached.ask(q, k=8) for q in questions]
        assert cut == whole
        assert sum(len(a.passages) for a in cut) > 20


@pytest.mark.parametrize("left_out", [
    "<!--\n\nGenerated notes on the harbour dues and the spring meeting of the board.\n\n-->",
    "Summary\n\n- The harbour dues come down in spring.\n- The board meets in June.",
])
def test_a_window_never_reaches_across_what_was_set_aside(tmp_path, left_out):
    from conftest import fake_assistant_of

    talk = " ".join(f"The harbour dues of berth {i} come down in spring, as the board agreed." for i in range(6))
    # Labels later on make the unlabelled talk, title and all, one turn (as a keynote's questions do).
    text = (f"# Harbour keynote\n\n[00:00](https://example.org/t=0) Welcome to the talk on the harbour dues.\n\n"
            f"{left_out}\n\n[00:01](https://example.org/t=1) {talk}\n\n"
            "Ada Brook: And the ferries?\n\nKarl Vale: They keep their fares.\n")
    a = fake_assistant_of(tmp_path, {"keynote.md": text})
    answer = a.ask("When do the harbour dues come down?", k=10)
    quotes = [p.quote for p in answer.passages]
    assert any("berth 5" in q for q in quotes) and any("Welcome to the talk" in q for q in quotes)
    assert not any(line in q for q in quotes for line in left_out.splitlines() if len(line) > 3)
