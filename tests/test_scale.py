"""Queries that scale: the FAISS index chosen by size with its recall checked at build time,
filters inside the search of every kind, and the per-sentence signal from the top sentences
ranking what a full scan ranks."""

from __future__ import annotations

import json

import numpy as np
import pytest

import assistant.sentence_scores as sentence_scores
from assistant import Assistant
from assistant.retrieval import RetrievalSettings, retrieve
from conftest import SAMPLES, FakeEmbedder
from index import BuildSettings, build_index, current_version, open_index
from index import vectors
from index.vectors import SearchSettings

QUESTIONS = ["evacuation plans for residents", "How fast does a flood warning reach a village?",
             "high-speed railway passenger trips", "What is the outlook for the second quarter?",
             "cooling centers opening hours", "fares and monthly pass", "thank you"]


def _unit(n: int, d: int, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).normal(size=(n, d)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


@pytest.fixture(scope="module")
def graph_index(tmp_path_factory):
    """The samples indexed with graphs for chunks and sentences (a limit far under their size)."""
    root = tmp_path_factory.mktemp("graph-index")
    settings = BuildSettings(search=SearchSettings(flat_limit=20, approximate=("hnsw",)))
    build_index(SAMPLES, root, settings=settings, embedder=FakeEmbedder())
    return root


@pytest.fixture(scope="module")
def ivf_index(tmp_path_factory):
    """The samples indexed with IVF for chunks and sentences, probing as many lists as the check needs."""
    root = tmp_path_factory.mktemp("ivf-index")
    settings = BuildSettings(search=SearchSettings(flat_limit=20, approximate=("ivf",), nprobe=1,
                                                   max_probed_share=1.0))
    build_index(SAMPLES, root, settings=settings, embedder=FakeEmbedder())
    return root


def _manifest(root):
    return json.loads((root / current_version(root) / "manifest.json").read_text())


# -- the choice by size ------------------------------------------------------------------


def test_small_indexes_are_flat_and_say_so(fake_index):
    search = _manifest(fake_index)["search"]
    assert search["chunks"]["kind"] == "flat" and search["sentences"]["kind"] == "flat"
    assert "recall_at_10" not in search["chunks"]
    ix = open_index(fake_index, embedder=FakeEmbedder())
    assert not vectors.is_graph(ix.chunk_index) and not vectors.is_graph(ix.sentence_index)
    ix.close()


def test_above_the_limit_a_graph_is_used_with_its_recall_recorded(graph_index):
    search = _manifest(graph_index)["search"]
    for name in ("chunks", "sentences"):
        record = search[name]
        assert record["kind"] == "hnsw" and record["recall_at_10"] >= record["recall_target"] == 0.95
        assert record["ef_search"] >= 64 and record["check_queries"] == 200
    ix = open_index(graph_index, embedder=FakeEmbedder())
    assert vectors.is_graph(ix.chunk_index) and vectors.is_graph(ix.sentence_index)
    assert ix.chunk_index.hnsw.efSearch == search["chunks"]["ef_search"]
    # What the callers read of the chunk vectors still works on a graph.
    rows = np.arange(5, dtype=np.int64)
    assert np.allclose(ix.chunk_index.reconstruct_batch(rows), vectors.stored(ix.chunk_index)[rows])
    ix.close()


def test_above_the_limit_ivf_is_used_with_its_lists_and_recall_recorded(ivf_index):
    search = _manifest(ivf_index)["search"]
    ix = open_index(ivf_index, embedder=FakeEmbedder())
    for name, index in (("chunks", ix.chunk_index), ("sentences", ix.sentence_index)):
        record = search[name]
        assert record["kind"] == "ivf" and record["recall_at_10"] >= record["recall_target"] == 0.95
        assert 1 <= record["nprobe"] <= record["lists"] and "rejected" not in record
        assert vectors.is_ivf(index) and index.nprobe == record["nprobe"] and index.nlist == record["lists"]
    # What the callers read of the vectors still works on IVF, in row order.
    rows = np.arange(5, dtype=np.int64)
    assert np.allclose(ix.chunk_index.reconstruct_batch(rows), vectors.stored(ix.chunk_index)[rows])
    assert np.array_equal(vectors.half_codes(ix.sentence_index),
                          np.asarray(ix.sentence_vectors).reshape(-1).view(np.uint8))
    ix.close()


def test_info_says_how_each_index_searches_and_what_was_set_aside(ivf_index, tmp_path, capsys):
    from assistant.cli import main

    assert main(["info", "--index", str(ivf_index)]) == 0
    search = _manifest(ivf_index)["search"]["chunks"]
    assert (f"chunks IVF, {search['nprobe']} of {search['lists']} lists probed, recall@10 "
            f"{search['recall_at_10']:.3f} against exact") in capsys.readouterr().out
    poor = SearchSettings(flat_limit=20, approximate=("ivf",), nprobe=1, max_probed_share=0.01, recall_target=1.0)
    build_index(SAMPLES, tmp_path / "poor", settings=BuildSettings(search=poor), embedder=FakeEmbedder())
    assert main(["info", "--index", str(tmp_path / "poor")]) == 0
    recall = _manifest(tmp_path / "poor")["search"]["chunks"]["rejected"][0]["recall_at_10"]
    assert f"chunks flat (exact) (IVF {recall:.3f} set aside)" in capsys.readouterr().out


def test_a_rebuild_over_an_ivf_index_reuses_its_vectors_in_row_order(tmp_path):
    settings = BuildSettings(search=SearchSettings(flat_limit=20, approximate=("ivf",), max_probed_share=1.0))
    build_index(SAMPLES, tmp_path / "index", settings=settings, embedder=FakeEmbedder())
    fake = FakeEmbedder()
    again = build_index(SAMPLES, tmp_path / "index", settings=settings, embedder=fake, force=True)
    assert fake.calls == 0 and again.embedded == 0
    fresh = FakeEmbedder()
    build_index(SAMPLES, tmp_path / "flat", embedder=fresh)
    a, b = (open_index(root, embedder=FakeEmbedder()) for root in (tmp_path / "index", tmp_path / "flat"))
    assert vectors.kind_of(a.chunk_index) == "ivf" and vectors.kind_of(b.chunk_index) == "flat"
    assert np.array_equal(vectors.stored(a.chunk_index), vectors.stored(b.chunk_index))
    a.close()
    b.close()


@pytest.mark.parametrize("which", ["graph", "ivf"])
def test_an_approximate_index_answers_as_the_flat_index_does_on_a_small_corpus(fake_index, graph_index, ivf_index,
                                                                                which):
    flat, other = (Assistant.open(root, embedder=FakeEmbedder())
                   for root in (fake_index, graph_index if which == "graph" else ivf_index))
    for q in QUESTIONS:
        a, b = flat.ask(q, k=4), other.ask(q, k=4)
        assert [p.citation for p in a.passages] == [p.citation for p in b.passages], q


def test_the_recall_check_measures_against_exact_search():
    data = _unit(3000, 32)
    index, record = vectors.build_chosen(data, SearchSettings(flat_limit=100, approximate=("hnsw",)))
    assert record["kind"] == "hnsw"
    queries = _unit(100, 32, seed=1)
    exact = vectors.build_flat(data).search(queries, 10)
    measured = vectors.recall_at(vectors.search(index, queries, 10), exact)
    assert measured >= 0.9  # on other queries than the check's, the graph is about as good


def test_recall_counts_a_near_copy_of_the_kth_answer_but_not_a_worse_one():
    exact = (np.array([[0.90, 0.80, 0.70]], dtype=np.float32), np.array([[1, 2, 3]]))
    near_copy = (np.array([[0.90, 0.80, 0.6995]], dtype=np.float32), np.array([[1, 2, 9]]))
    worse = (np.array([[0.90, 0.80, 0.69]], dtype=np.float32), np.array([[1, 2, 9]]))
    missing = (np.array([[0.90, 0.80, -1.0]], dtype=np.float32), np.array([[1, 2, -1]]))
    assert vectors.recall_at(near_copy, exact) == 1.0
    assert vectors.recall_at(worse, exact) == pytest.approx(2 / 3)
    assert vectors.recall_at(missing, exact) == pytest.approx(2 / 3)


def test_kinds_that_miss_the_target_are_set_aside_and_recorded():
    data = _unit(4000, 64)
    poor = SearchSettings(flat_limit=100, hnsw_m=4, ef_construction=4, ef_search=1, max_ef_search=1,
                          nprobe=1, max_probed_share=0.02, recall_target=0.999)
    index, record = vectors.build_chosen(data, poor)
    assert record["kind"] == "flat" and "recall_at_10" not in record
    assert [r["kind"] for r in record["rejected"]] == ["ivf", "hnsw"]
    assert all(r["recall_at_10"] < 0.999 for r in record["rejected"])
    assert vectors.kind_of(index) == "flat" and index.ntotal == 4000


def test_the_next_kind_is_tried_when_the_first_misses_and_the_miss_is_recorded():
    data = _unit(4000, 64)  # random points: a few lists hold few of any point's neighbours
    settings = SearchSettings(flat_limit=100, nprobe=1, max_probed_share=0.02, recall_target=0.9)
    index, record = vectors.build_chosen(data, settings)
    assert record["kind"] == "hnsw" and record["recall_at_10"] >= 0.9 and vectors.is_graph(index)
    assert [r["kind"] for r in record["rejected"]] == ["ivf"] and record["rejected"][0]["recall_at_10"] < 0.9


@pytest.mark.parametrize("kind", ["hnsw", "ivf"])
def test_search_effort_is_raised_until_the_target_is_met(kind):
    data = _unit(4000, 64)
    effort = "ef_search" if kind == "hnsw" else "nprobe"

    def chosen(target):
        return vectors.build_chosen(data, SearchSettings(flat_limit=100, approximate=(kind,), hnsw_m=8, ef_search=1,
                                                         nprobe=1, max_probed_share=1.0, recall_target=target))[1]
    low, high = chosen(0.5), chosen(0.97)
    assert low["kind"] == high["kind"] == kind
    assert high["recall_at_10"] >= 0.97 and high[effort] > low[effort]


def test_ivf_keeps_near_copies_together_where_their_neighbours_are():
    """An archive repeats itself (a statement read at every briefing): IVF finds the copies on a
    few lists, and the check passes probing a small share of them."""
    centres = _unit(300, 64, seed=8)
    rng = np.random.default_rng(9)
    noisy = centres[rng.integers(0, len(centres), 9000)] + rng.normal(0, 0.02, (9000, 64)).astype(np.float32)
    data = (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype(np.float32)
    index, record = vectors.build_chosen(data, SearchSettings(flat_limit=100))
    assert record["kind"] == "ivf" and record["recall_at_10"] >= 0.95
    assert record["nprobe"] <= record["lists"] // 4


def test_an_ivf_search_never_comes_back_short():
    """However few lists are probed, k rows come back, all or only the allowed ones, and a search
    probing every list is the exact one."""
    data = _unit(5000, 16)
    index, record = vectors.build_chosen(data, SearchSettings(flat_limit=100, approximate=("ivf",), nprobe=1,
                                                              max_probed_share=1.0, recall_target=0.1))
    assert record["kind"] == "ivf"
    index.nprobe = 1
    queries = _unit(5, 16, seed=10)
    for k in (10, 2000, 5000):
        scores, rows = vectors.search(index, queries, k)
        assert (rows >= 0).all() and all(len(set(r)) == k for r in rows.tolist())
    allowed = np.sort(np.random.default_rng(11).choice(5000, 3000, replace=False)).astype(np.int64)
    scores, rows = vectors.search(index, queries, 2500, allowed)
    assert (rows >= 0).all() and np.isin(rows, allowed).all()
    index.nprobe = index.nlist
    exact = vectors.search(vectors.build_flat(data), queries, 10)
    assert vectors.recall_at(vectors.search(index, queries, 10), exact) == 1.0


def test_settings_are_checked():
    with pytest.raises(ValueError):
        SearchSettings(recall_target=0.0)
    with pytest.raises(ValueError):
        SearchSettings(ef_search=128, max_ef_search=64)
    with pytest.raises(ValueError):
        SearchSettings(approximate=("ivf", "lsh"))
    with pytest.raises(ValueError):
        SearchSettings(max_probed_share=0.0)


# -- filters inside the search -----------------------------------------------------------


@pytest.mark.parametrize("kind", ["hnsw", "ivf"])
@pytest.mark.parametrize("share", [0.01, 0.6])  # an exact scan of few rows; the index with a selector
def test_a_filtered_approximate_search_returns_only_allowed_rows_and_fills_k(share, kind):
    data = _unit(30_000 if share > 0.5 else 3000, 16)
    index, record = vectors.build_chosen(data, SearchSettings(flat_limit=100, approximate=(kind,),
                                                              max_probed_share=1.0))
    assert record["kind"] == kind
    rng = np.random.default_rng(2)
    allowed = np.sort(rng.choice(len(data), int(share * len(data)), replace=False)).astype(np.int64)
    queries = _unit(20, 16, seed=3)
    scores, rows = vectors.search(index, queries, 10, allowed)
    assert (rows >= 0).all() and np.isin(rows, allowed).all()
    exact = vectors.search(vectors.build_flat(data), queries, 10, allowed)
    assert vectors.recall_at((scores, rows), exact) >= 0.9


@pytest.mark.parametrize("share, k", [(0.9, 10), (0.6, 50), (0.55, 400)])
def test_a_flat_search_over_most_rows_is_the_exact_top_of_the_allowed_ones(share, k):
    data = _unit(5000, 16)
    index = vectors.build_flat(data)
    rng = np.random.default_rng(4)
    allowed = np.sort(rng.choice(len(data), int(share * len(data)), replace=False)).astype(np.int64)
    for q in _unit(12, 16, seed=5):
        # With the 300 best rows of all barred, the first wide search finds too few allowed ones.
        kept = np.setdiff1d(allowed, np.argsort(-(data @ q))[:300]) if k == 400 else allowed
        scores, rows = vectors.search(index, q[None, :], k, kept)
        sims = data[kept] @ q
        want = kept[np.argsort(-sims, kind="stable")[:k]]
        assert rows[0].tolist() == want.tolist()
        assert np.allclose(scores[0], np.sort(sims)[::-1][:k], atol=1e-6)


def test_one_question_is_searched_on_one_thread_and_the_setting_restored():
    import faiss

    index = vectors.build_flat(_unit(500, 16))
    before = faiss.omp_get_max_threads()
    vectors.search(index, _unit(1, 16, seed=6), 5)
    vectors.search(index, _unit(3, 16, seed=7), 5, np.arange(400, dtype=np.int64))
    assert faiss.omp_get_max_threads() == before


@pytest.mark.parametrize("which", ["graph", "ivf"])
def test_speaker_and_file_filters_hold_on_an_approximate_index(graph_index, ivf_index, which):
    assistant = Assistant.open(graph_index if which == "graph" else ivf_index, embedder=FakeEmbedder())
    speaker = next(s.name for s in assistant.speakers() if s.role != "reporter")
    answer = assistant.ask("what was said", k=3, speaker=speaker)
    assert answer.passages and all(p.citation.speaker == speaker for p in answer.passages)
    file = assistant.documents()[0].file
    answer = assistant.ask("what was said", k=3, doc=file)
    assert answer.passages and all(p.citation.file == file for p in answer.passages)


# -- the per-sentence signal -------------------------------------------------------------


def _full_scan(ctx, sims) -> np.ndarray:
    """Every stored sentence's score, as the full scan gave them."""
    return np.asarray(sims[np.arange(len(sims))], dtype=np.float32)


@pytest.mark.parametrize("which", ["flat", "graph", "ivf"])
@pytest.mark.parametrize("depth", [3, 10, 100])
def test_top_sentences_rank_the_chunks_a_full_scan_ranks(fake_index, graph_index, ivf_index, monkeypatch, which,
                                                         depth):
    monkeypatch.setattr(sentence_scores, "EXACT_SENTENCES", 0)  # through the index even at this size
    monkeypatch.setattr(sentence_scores, "FIRST_SEARCH", 1)  # and widening the search on the way
    root = {"flat": fake_index, "graph": graph_index, "ivf": ivf_index}[which]
    ctx = Assistant.open(root, embedder=FakeEmbedder())._ctx
    if which == "ivf":  # every list probed: what is tested is the widening, not the approximation
        ctx.ix.sentence_index.nprobe = ctx.ix.sentence_index.nlist
    settings = RetrievalSettings(depth=depth)
    for q in QUESTIONS:
        qvec = ctx.ix.embedder.embed_queries([q])[0]
        sims = ctx.sentence_sims(qvec, q)
        full = _full_scan(ctx, sims)
        permitted = ~ctx.is_reporter & ~ctx.is_headline & (ctx.sentence_max(full) > -1.0)
        fast = ctx.sentence_max(sims, permitted, depth)
        exact = ctx.sentence_max(full)
        top = np.flatnonzero(permitted)[np.argsort(-exact[permitted], kind="stable")][:depth]
        assert np.allclose(fast[top], exact[top], atol=1e-6), q
        others = np.setdiff1d(np.flatnonzero(permitted), top)
        assert (fast[others] <= exact[top].min() + 1e-6).all(), q
        for allowed in (None, np.asarray(ctx.ix.store.chunk_doc) == 0):
            a = retrieve(ctx, qvec, q, allowed, settings, sentence_sims=sims)
            b = retrieve(ctx, qvec, q, allowed, settings, sentence_sims=full)
            assert [c.row for c in a] == [c.row for c in b], q
            assert np.allclose([c.fused for c in a], [c.fused for c in b], atol=1e-6)


def test_scores_read_by_row_are_exact_and_filler_is_out_of_reach(fake_index):
    ctx = Assistant.open(fake_index, embedder=FakeEmbedder())._ctx
    qvec = ctx.ix.embedder.embed_queries(["fares and monthly pass"])[0]
    sims = ctx.sentence_sims(qvec, "fares and monthly pass")
    rows = np.arange(len(sims))
    expected = np.asarray(ctx.ix.sentence_vectors, dtype=np.float32) @ qvec
    expected[ctx.filler] = -1.0
    assert np.allclose(sims[rows], expected, atol=1e-6) and np.isclose(sims[int(rows[-1])], expected[-1])
    best = ctx.sentence_max(sims, rows=np.arange(len(ctx.ix.store)))
    assert np.allclose(best, ctx.sentence_max(expected), atol=1e-6)


@pytest.mark.parametrize("small", [True, False])
def test_scores_read_piecemeal_and_again_are_the_exact_ones(fake_index, monkeypatch, small):
    import assistant.context as context_module
    import assistant.sentence_scores as scores_module

    if not small:  # the path of a large index: rows converted as read, nothing kept between reads
        monkeypatch.setattr(context_module, "COPIED_SENTENCES", 0)
        monkeypatch.setattr(scores_module, "MEMO_SENTENCES", 0)
    ctx = Assistant.open(fake_index, embedder=FakeEmbedder())._ctx
    assert (ctx.exact_vectors is not None) == small
    qvec = ctx.ix.embedder.embed_queries(["fares and monthly pass"])[0]
    sims = ctx.sentence_sims(qvec, "fares and monthly pass")
    expected = np.asarray(ctx.ix.sentence_vectors, dtype=np.float32) @ qvec
    expected[ctx.filler] = -1.0
    rng = np.random.default_rng(7)
    for _ in range(20):
        rows = rng.integers(0, len(sims), size=rng.integers(1, 12))
        assert np.allclose(sims[rows], expected[rows], atol=1e-6)
        assert np.isclose(sims[int(rows[0])], expected[rows[0]], atol=1e-6)
    assert np.allclose(sims[np.arange(len(sims))], expected, atol=1e-6)


@pytest.mark.parametrize("question", ["the", "passenger trips", "water"])
def test_the_lexical_list_fetched_in_part_is_the_one_fetched_whole(fake_index, question):
    from assistant.retrieval import _lexical

    ctx = Assistant.open(fake_index, embedder=FakeEmbedder())._ctx
    for depth in (2, 5, 100):
        settings = RetrievalSettings(depth=depth)
        for permitted in (~ctx.is_reporter, np.asarray(ctx.ix.store.chunk_doc) == 1):
            rows, _ = _lexical(ctx, question, permitted, settings)
            every, _ = ctx.ix.store.lexical(_match(ctx, question), settings.lexical_columns)
            assert list(rows) == list(every[permitted[every]][:depth])


def _match(ctx, question):
    from assistant.terms import expanded_fts_query

    return expanded_fts_query(question, ctx.acronyms)


@pytest.mark.parametrize("which", ["flat", "ivf"])
def test_the_closest_question_groups_from_the_index_are_those_a_full_comparison_finds(fake_index, ivf_index,
                                                                                      monkeypatch, which):
    from assistant.context import SearchContext

    root = {"flat": fake_index, "ivf": ivf_index}[which]
    ix = Assistant.open(root, embedder=FakeEmbedder())._ctx.ix
    if which == "ivf":  # every list probed: what is tested is the grouping, not the approximation
        ix.chunk_index.nprobe = ix.chunk_index.nlist
    compared = SearchContext(ix)
    monkeypatch.setattr(vectors, "EXACT_FILTERED", 0)  # as past that many questions: through the index
    searched = SearchContext(ix)
    assert len(compared.reporter_vectors) and not len(searched.reporter_vectors)
    for q in QUESTIONS:
        qvec = ix.embedder.embed_queries([q])[0]
        for count in (1, 3, 8, 10_000):
            want, want_best = compared.closest_groups(qvec, count)
            got, got_best = searched.closest_groups(qvec, count)
            assert list(got) == list(want), (q, count)
            assert np.allclose(got_best, want_best, atol=1e-6)



@pytest.mark.parametrize("kind", ["flat", "hnsw", "ivf"])
def test_a_selector_search_finds_the_exact_best_allowed_rows_when_the_whole_index_is_searched(kind, monkeypatch):
    monkeypatch.setattr(vectors, "EXACT_FILTERED", 0)  # through the index's selector, however few are allowed
    data = _unit(3000, 16, seed=5)
    index = vectors.build_flat(data)
    if kind != "flat":
        index, _ = vectors.build_chosen(data, SearchSettings(flat_limit=100, approximate=(kind,), max_probed_share=1.0))
        if kind == "ivf":
            index.nprobe = index.nlist
        else:
            index.hnsw.efSearch = 3000
    allowed = np.sort(np.random.default_rng(7).choice(3000, 400, replace=False)).astype(np.int64)
    for q in _unit(6, 16, seed=6):
        scores, rows = vectors.search(index, q[None, :], 10, allowed)
        sims = data[allowed] @ q
        assert np.isin(rows[0], allowed).all()
        assert rows[0].tolist() == allowed[np.argsort(-sims, kind="stable")[:10]].tolist()
