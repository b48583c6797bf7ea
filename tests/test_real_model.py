"""The real path on the five shared transcripts: bundled model, FAISS, store, answers."""

from dataclasses import asdict

import numpy as np
import pytest

from assistant import Assistant
from conftest import SHARED
from index import open_index, read_index_manifest
from index import vectors

pytestmark = pytest.mark.model

QUESTIONS = [
    "How many 5G base stations had been built by the end of September 2024?",
    "What happened with the domestic ECMO machine?",
    "What did the PMI show?",
    "How much have enterprises raised through the industry-finance platform?",
    "What will the ministry do about vicious competition?",
]


@pytest.fixture(scope="module")
def assistant(shared_index, real_embedder):
    return Assistant.open(shared_index, embedder=real_embedder)


def test_manifest_and_store_hold_every_chunk_verbatim(shared_index, real_embedder):
    manifest, _ = read_index_manifest(shared_index)
    assert manifest.model.name == "all-MiniLM-L6-v2" and manifest.model.dimension == 384
    assert manifest.model.max_tokens == 256 and manifest.chunking["max_tokens"] <= 256
    assert [f.doc_id for f in manifest.files] == sorted(p.name for p in SHARED.glob("*.txt"))
    ix = open_index(shared_index, embedder=real_embedder)
    chunks = ix.store.chunks(list(range(len(ix.store))))
    assert len(chunks) == manifest.counts["chunks"] > 300
    sources = {p.name: p.read_text(encoding="utf-8") for p in SHARED.glob("*.txt")}
    for c in chunks:
        assert sources[c.doc_id][c.start:c.end] == c.text
        assert c.tokens <= manifest.chunking["max_tokens"]


def test_faiss_equals_numpy_brute_force_on_real_vectors(shared_index, real_embedder):
    ix = open_index(shared_index, embedder=real_embedder)
    data = vectors.all_vectors(ix.chunk_index)
    np.testing.assert_allclose(np.linalg.norm(data, axis=1), 1.0, rtol=1e-4)
    queries = real_embedder.embed_queries(QUESTIONS)
    scores, rows = vectors.search(ix.chunk_index, queries, 20)
    exact = queries @ data.T
    for i in range(len(QUESTIONS)):
        np.testing.assert_allclose(scores[i], np.sort(exact[i])[::-1][:20], rtol=1e-5, atol=1e-6)
        assert set(rows[i][:10]) == set(np.argsort(-exact[i])[:10])


def test_save_load_gives_identical_answers(shared_index, real_embedder):
    first = [asdict(Assistant.open(shared_index, embedder=real_embedder).ask(q)) for q in QUESTIONS]
    second = [asdict(Assistant.open(shared_index, embedder=real_embedder).ask(q)) for q in QUESTIONS]
    assert first == second


@pytest.mark.parametrize("question, file, words", [
    (QUESTIONS[0], "001", "4.089 million"),
    (QUESTIONS[1], ("000", "004"), "ECMO"),
    (QUESTIONS[2], ("000", "002"), "PMI"),
    ("How many apps were taken down or flagged for breaking the rules?", "000", "101 illegal APPs"),
])
def test_numbers_and_acronyms_are_found_in_the_top_three(assistant, question, file, words):
    answer = assistant.ask(question, k=3)
    hits = [p for p in answer.passages if p.citation.file.startswith(file) and words in p.quote]
    assert hits, [p.quote[:80] for p in answer.passages]


def test_a_question_the_transcripts_cannot_answer_is_flagged(assistant):
    assert assistant.ask("What is the recipe for banana bread?").low_confidence
    assert not assistant.ask(QUESTIONS[0]).low_confidence
