"""Example questions come from the index: self-contained questions its reporters asked."""

import pytest

from assistant import Assistant
from assistant.examples import example_questions
from conftest import SAMPLES, FakeEmbedder
from index import build_index

BRIDGES = """Bridge repairs in the northern region
Ministry of Works press conference, 2024-03-01
Daily Courier reporter
May I ask, how many bridges will be repaired in the northern region this year?
Jana Aalto:Thank you for your question. We will repair 120 bridges before the winter.
Morning Post reporter
Can it last?
Jana Aalto:Yes.
"""

ARTICLE = """Harbour cranes replaced after storm damage

PORT SALDEN, May 3, 2024 -- The port authority said on Friday that four harbour cranes damaged in the
April storm had been replaced and that container traffic was back to normal.
"""


@pytest.fixture(scope="module")
def sample_assistant(fake_index):
    return Assistant.open(fake_index, embedder=FakeEmbedder())


def test_examples_are_reporter_questions_from_the_transcripts(sample_assistant):
    examples = example_questions(sample_assistant, limit=6)
    texts = [(SAMPLES / d.file).read_text(encoding="utf-8") for d in sample_assistant.documents()]
    assert len(examples) == 6 and len(set(examples)) == 6
    for q in examples:
        assert q.endswith("?") and 5 <= len(q.split()) <= 16
        assert any(q in t for t in texts), q
    # One transcript at a time: the first three come from three different transcripts.
    homes = [next(i for i, t in enumerate(texts) if q in t) for q in examples[:3]]
    assert len(set(homes)) == 3


def test_polite_openings_are_dropped_and_questions_that_lean_on_context_are_left_out(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bridges.txt").write_text(BRIDGES, encoding="utf-8")
    build_index(corpus, tmp_path / "index", embedder=FakeEmbedder())
    examples = example_questions(Assistant.open(tmp_path / "index", embedder=FakeEmbedder()))
    assert examples == ["How many bridges will be repaired in the northern region this year?"]


def test_a_corpus_without_reporter_questions_offers_its_headlines(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "cranes.txt").write_text(ARTICLE, encoding="utf-8")
    build_index(corpus, tmp_path / "index", embedder=FakeEmbedder())
    assert example_questions(Assistant.open(tmp_path / "index", embedder=FakeEmbedder())) == [
        "Harbour cranes replaced after storm damage"]
