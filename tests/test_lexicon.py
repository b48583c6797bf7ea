"""The lexical scores read from the postings are the ones SQLite FTS5's bm25() gives, row for
row and in the same order, for any question, column weights and limit."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLES, FakeEmbedder
from index import build_index, current_version, fts_query, open_index
from index.manifest import STORE
from index.store import Store
from assistant.terms import expanded_fts_query


@pytest.fixture(scope="module")
def opened(tmp_path_factory):
    root = tmp_path_factory.mktemp("lexicon") / "index"
    build_index(SAMPLES, root, embedder=FakeEmbedder())
    ix = open_index(root, embedder=FakeEmbedder())
    fts = Store(root / current_version(root) / STORE)  # no postings: every score from FTS5 itself
    yield ix, fts
    ix.close()
    fts.close()


def _sample_words() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.iterdir()) if p.is_file())
    return sorted(set(text.split()))


WORDS = _sample_words()
question = st.lists(st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=12)), min_size=1, max_size=9)
weights = st.sampled_from([(1.0, 0.5), (1.0, 0.0), (0.7, 0.3), (1.0, 1.0), (0.0, 1.0)])


def _query(words: list[str], text_only: bool) -> str:
    match = fts_query(" ".join(words))
    return f"text : ({match})" if match and text_only else match


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=question, w=weights, limit=st.one_of(st.none(), st.integers(1, 60)))
def test_postings_score_every_row_as_fts5_does(opened, words, w, limit):
    ix, fts = opened
    match = _query(words, text_only=w[1] <= 0)
    rows, scores = ix.store.lexical(match, w, limit=limit)
    want_rows, want_scores = fts.lexical(match, w, limit=limit)
    assert rows.tolist() == want_rows.tolist()
    assert np.allclose(scores, want_scores, rtol=1e-6, atol=1e-9)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=question, w=weights, limit=st.one_of(st.none(), st.integers(1, 60)), seed=st.integers(0, 2**16))
def test_a_mask_leaves_rows_out_before_the_cut_to_the_limit(opened, words, w, limit, seed):
    ix, fts = opened
    match = _query(words, text_only=w[1] <= 0)
    permitted = np.random.default_rng(seed).random(len(ix.store)) < 0.4
    every, every_scores = fts.lexical(match, w)
    keep = permitted[every]
    for store in (ix.store, fts):  # from the postings, and from FTS5 itself
        rows, scores = store.lexical(match, w, limit=limit, permitted=permitted)
        assert rows.tolist() == every[keep][:limit].tolist()
        assert np.allclose(scores, every_scores[keep][:limit], rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("question_text", [
    "How many 2.61 million passenger trips?",  # "2.61" is the phrase "2 61"
    "high-speed railway and the flood-control season",
    "What did the MTA say?",
    "fares, fares and FARES",
])
def test_phrases_and_repeated_words_score_as_fts5_does(opened, question_text):
    ix, fts = opened
    for match in (fts_query(question_text), expanded_fts_query(question_text, {"mta": "metro transit authority"})):
        rows, scores = ix.store.lexical(match, (1.0, 0.5))
        want_rows, want_scores = fts.lexical(match, (1.0, 0.5))
        assert rows.tolist() == want_rows.tolist() and len(rows) > 0
        assert np.allclose(scores, want_scores, rtol=1e-6, atol=1e-9)


def test_a_word_the_corpus_never_uses_matches_nothing(opened):
    ix, _ = opened
    rows, scores = ix.store.lexical('"zzyzxquor"', (1.0, 0.5))
    assert len(rows) == 0 and len(scores) == 0


def test_postings_read_in_one_pass_are_the_ones_sqlite_groups(tmp_path):
    import sqlite3

    from index.lexicon import extract

    files = {"a.txt": "MODERATOR: Zürich's café — naïve résumé?\n\n"
                      "MINISTER: Café prices rose 2.61% in Zürich; café, café.\n",
             "b.txt": "Q: What about fares and ferries?\n\n"
                      "MINISTER: Fares fall. Ferries run at night, fares at noon.\n"}
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    for folder in (corpus, SAMPLES):
        root = tmp_path / f"ix-{folder.name}"
        build_index(folder, root, embedder=FakeEmbedder())
        store = root / current_version(root) / STORE
        found = extract(store)
        con = sqlite3.connect(store)
        con.execute("CREATE VIRTUAL TABLE temp.i USING fts5vocab(main, 'chunks_fts', 'instance')")
        con.execute("CREATE VIRTUAL TABLE temp.r USING fts5vocab(main, 'chunks_fts', 'row')")
        want = np.array(con.execute("SELECT doc, sum(col = 'text'), sum(col = 'question') FROM temp.i "
                                    "GROUP BY term, doc ORDER BY term, doc").fetchall(), dtype=np.int64)
        terms = con.execute("SELECT term, doc FROM temp.r ORDER BY term").fetchall()
        con.close()
        assert found.terms == terms
        assert np.array_equal(found.pairs, want)
        assert int(want[:, 2].sum()) > 0  # the question column is counted too
