"""Filler is not an answer: stage notes, a corpus's formulas, datelines and titles."""

import pytest

from assistant import Assistant
from conftest import FakeEmbedder, fake_index_of
from corpus.filler import formulas, is_dateline, is_filler, is_stage_note


@pytest.mark.parametrize("sentence", ["(Laughter.)", "[inaudible]", "\\[laughs\\]", "(The witness nodded.)"])
def test_stage_notes(sentence):
    assert is_stage_note(sentence) and is_filler(sentence)


@pytest.mark.parametrize("sentence, dateline", [
    ("1:06 P.M. EST", True), ("END 2:21 P.M. EST", True), ("Wednesday, November 5, 2025", True),
    ("Washington, D.C., March 3, 2025", True), ("The hearing was held on March 3, 2025.", False),
    ("It is 9:30.", False), ("Exports grew 5.2% y/y and 1.3% q/q", False),
])
def test_datelines(sentence, dateline):
    assert is_dateline(sentence) is dateline


def test_formulas_are_what_the_corpus_repeats_short():
    said = ["Thank you.", "Thank you!", "thank you", "Next question.", "Next question.", "Next question?",
            "We raised rates by 25 basis points in March and June.",
            "We raised rates by 25 basis points in March and June.",
            "We raised rates by 25 basis points in March and June."]
    known = formulas(said)
    assert known == {"thank you", "next question"}  # the long one is repeated, but says something
    assert is_filler("Thank you.", known) and not is_filler("Thank you for the rate decision, which was 25.", known)
    assert is_filler("Quarterly review", title="Quarterly Review") and not is_filler("A quarterly review", title="x")


BRIEFING = """Ferry services after the storm
1:59 P.M. EDT
Reporter A: Thank you. How many ferries are back in service?
Ilse Brandt: Thank you. Thank you. (Laughter.) Thank you.
Reporter B: Thank you. When will the night ferries run again?
Ilse Brandt: Thank you. Fourteen of the twenty ferries are back in service, and the night ferries run again from Monday.
Reporter C: Thank you. What about the harbour?
Ilse Brandt: Thank you. The harbour reopened on Friday after the storm damage was cleared.
"""


def test_filler_is_never_the_best_answer(tmp_path):
    index = fake_index_of(tmp_path, {"ferries.txt": BRIEFING})
    assistant = Assistant.open(index, embedder=FakeEmbedder())
    answer = assistant.ask("Thank you. How many ferries are back in service?", k=3)
    for p in answer.passages:
        best = p.quote[p.highlight[0]:p.highlight[1]]
        assert best.strip() not in ("Thank you.", "(Laughter.)") and "ferries" in best or "harbour" in best
    # A passage of nothing but thanks and a stage note is not a passage at all.
    assert all("Fourteen" in p.quote or "harbour" in p.quote for p in answer.passages)


def test_filler_is_an_answer_when_asked_for(tmp_path):
    index = fake_index_of(tmp_path, {"ferries.txt": BRIEFING})
    answer = Assistant.open(index, embedder=FakeEmbedder()).ask("(Laughter.)", k=5)
    assert any("(Laughter.)" in p.quote for p in answer.passages)


@pytest.mark.model
def test_a_window_of_nothing_but_thanks_left_over_from_a_chunk_is_no_passage(tmp_path):
    # The samples, real model: at 120 words the answer's window stops short of its "Thank you for your
    # question.", and the chunk that holds it is found again; what is left of it is filler, not a passage.
    from assistant import RetrievalSettings
    from index import build_index
    from conftest import SAMPLES

    build_index(SAMPLES, tmp_path / "index")
    assistant = Assistant.open(tmp_path / "index").with_settings(RetrievalSettings(window_words=120))
    answer = assistant.ask("How fast does a flood warning reach a village?", k=2, speaker="Edvin Kaar")
    assert len(answer.passages) == 2
    assert all(p.quote.strip() != "Thank you for your question." for p in answer.passages)
