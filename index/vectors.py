"""FAISS over L2-normalised vectors: inner product is cosine similarity.

Which index holds the vectors depends on how many there are (`SearchSettings`):
- up to `flat_limit`, a flat index: exact, and at that size a scan answers in a few milliseconds;
- above it, the approximate kinds in `approximate`'s order, the first that passes its check:
  IVF (the vectors parted into about sqrt(n) lists by k-means, a question scanning the lists
  nearest it) and HNSW (a graph walk whose time grows with the logarithm of the count). Whether
  one finds what the exact search finds is measured at build time (recall@10 of sample queries
  against the exact answer); its search effort (lists probed, graph breadth) is raised until
  `recall_target` is met, and a kind that cannot meet it is not used. When none can, the index
  is flat. The outcome, with what was tried and set aside, is written to the manifest.
IVF comes first: it trains in seconds where a graph takes minutes, and near-copies (the same
statement read at every briefing) fall into one list where they cut a graph's paths.
Sentence vectors are held as float16 (what sentences.npy holds), so the two agree to the bit.

Filters run inside the search. A flat index takes an ID selector. An approximate search with
a selective filter loses its way (most neighbours are not allowed), so a filter that keeps
fewer than `EXACT_FILTERED` vectors is answered by an exact scan of just those vectors; a
wider one goes through the index with the selector and a search effort widened to match.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

EXACT_FILTERED = 20_000  # filtered searches over at most this many vectors are exact scans
RECALL_K = 10
# Cosines this close are one result: float16 sentence vectors hold a cosine to about 1e-3, and a large
# archive holds near-copies (a statement read at every briefing) that differ by less; the graph that returns
# one copy where the scan returned another has found the answer. (ann-benchmarks' "epsilon recall" is looser:
# a distance within 1% of the k-th, about 3e-3 in cosine here.)
TIE = 1e-3


@dataclass(frozen=True)
class SearchSettings:
    """How the chunk and sentence indexes are chosen; see the module's doc."""

    flat_limit: int = 20_000  # vectors; above it an approximate index, checked against the exact search
    recall_target: float = 0.95  # recall@10 an approximate index must reach on the build-time check
    approximate: tuple[str, ...] = ("ivf", "hnsw")  # tried in this order above flat_limit
    nprobe: int = 8  # IVF: lists probed first; doubled until the target is met
    max_probed_share: float = 0.25  # IVF: probing more of the lists than this is not worth the approximation
    hnsw_m: int = 32  # neighbours per node
    ef_construction: int = 80
    ef_search: int = 64  # the first search effort tried; doubled until the target is met
    max_ef_search: int = 1024
    check_queries: int = 200  # sample queries of the recall check

    def __post_init__(self):
        if self.flat_limit < 0 or not 0.0 < self.recall_target <= 1.0 or self.hnsw_m < 4:
            raise ValueError("flat_limit must be zero or more, recall_target in (0, 1], hnsw_m at least 4")
        if self.ef_search < 1 or self.max_ef_search < self.ef_search or self.check_queries < 1:
            raise ValueError("ef_search must be at least 1 and at most max_ef_search; check_queries at least 1")
        if not set(self.approximate) <= set(APPROXIMATE) or self.nprobe < 1 or not 0 < self.max_probed_share <= 1:
            raise ValueError(f"approximate may name only {', '.join(APPROXIMATE)}; nprobe must be at least 1 "
                             "and max_probed_share in (0, 1]")


APPROXIMATE = ("ivf", "hnsw")


def build_flat(vectors: np.ndarray) -> faiss.Index:
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    index = faiss.IndexFlatIP(vectors.shape[1])
    if len(vectors):
        index.add(vectors)
    return index


def build_chosen(vectors: np.ndarray, settings: SearchSettings | None = None, half: bool = False,
                 seed: int = 0) -> tuple[faiss.Index, dict]:
    """The index `settings` choose for these vectors, and the record of the choice for the manifest:
    kind, count, and for an approximate index its parameters and the recall@10 measured against
    exact search; kinds tried and set aside are listed under "rejected" with their recall.
    half=True holds the vectors as float16 (the sentence vectors)."""
    settings = settings or SearchSettings()
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n, d = vectors.shape
    record = {"kind": "flat", "vectors": int(n), "precision": "float16" if half else "float32"}
    if n <= settings.flat_limit or not settings.approximate:
        return _flat(vectors, half), record
    queries = _check_queries(vectors, settings.check_queries, seed)
    exact = _exact_top(vectors, queries, RECALL_K, half)  # (scores, rows)
    rejected = []
    for kind in settings.approximate:
        index, tried = (_checked_ivf if kind == "ivf" else _checked_graph)(vectors, settings, half, queries, exact)
        tried.update(kind=kind, recall_at_10=round(tried["recall_at_10"], 4))
        if tried["recall_at_10"] >= settings.recall_target:
            record.update(tried, check_queries=len(queries), recall_target=settings.recall_target)
            if rejected:
                record["rejected"] = rejected
            return index, record
        del index  # a kind that misses answers is not worth its speed
        rejected.append(tried)
    record.update(rejected=rejected, check_queries=len(queries), recall_target=settings.recall_target)
    return _flat(vectors, half), record


def _checked_graph(vectors, settings, half, queries, exact) -> tuple[faiss.Index, dict]:
    graph = _graph(vectors, settings, half)

    def recall_at(ef: int) -> float:
        graph.hnsw.efSearch = ef
        return _recall(graph.search(queries, RECALL_K), exact)

    ef, recall = _least_effort(recall_at, settings.ef_search, settings.max_ef_search, settings.recall_target)
    return graph, dict(recall_at_10=recall, hnsw_m=settings.hnsw_m, ef_construction=settings.ef_construction,
                       ef_search=ef)


def _checked_ivf(vectors, settings, half, queries, exact) -> tuple[faiss.Index, dict]:
    index = _ivf(vectors, half)

    def recall_at(probe: int) -> float:
        index.nprobe = probe
        return _recall(index.search(queries, RECALL_K), exact)

    most = max(1, int(settings.max_probed_share * index.nlist))
    probe, recall = _least_effort(recall_at, min(settings.nprobe, most), most, settings.recall_target)
    return index, dict(recall_at_10=recall, lists=int(index.nlist), nprobe=probe)


def _least_effort(recall_at, first: int, most: int, target: float) -> tuple[int, float]:
    """The search effort doubled from `first` until `recall_at(effort)` reaches `target` or `most` is
    tried, and the recall there; the index is left searching with that effort."""
    effort = first
    while True:
        recall = recall_at(effort)
        if recall >= target or effort >= most:
            return effort, recall
        effort = min(2 * effort, most)


def _ivf(vectors: np.ndarray, half: bool, seed: int = 0) -> faiss.Index:
    """About sqrt(n) lists, trained on a sample of 64 vectors a list: k-means' time grows with what
    it is given, and whether the lists it makes serve is what the recall check judges."""
    n, d = vectors.shape
    lists = max(1, int(round(math.sqrt(n))))
    quantizer = faiss.IndexFlatIP(d)
    if half:
        index = faiss.IndexIVFScalarQuantizer(quantizer, d, lists, faiss.ScalarQuantizer.QT_fp16,
                                              faiss.METRIC_INNER_PRODUCT)
        index.by_residual = False  # the codes are the float16 vectors themselves, as sentences.npy holds them
    else:
        index = faiss.IndexIVFFlat(quantizer, d, lists, faiss.METRIC_INNER_PRODUCT)
    index.cp.min_points_per_centroid = 1  # a small sample is intended, not a mistake to warn about
    index.cp.seed = seed
    sample = np.random.default_rng(seed).choice(n, min(n, 64 * lists), replace=False)
    index.train(vectors[np.sort(sample)])
    index.add(vectors)
    index.make_direct_map()  # rows read back by number (reconstruct) without a scan of the lists
    return index


def _flat(vectors: np.ndarray, half: bool) -> faiss.Index:
    if not half:
        return build_flat(vectors)
    index = faiss.IndexScalarQuantizer(vectors.shape[1], faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT)
    index.train(vectors[:1] if len(vectors) else np.zeros((1, vectors.shape[1]), dtype=np.float32))
    if len(vectors):
        index.add(vectors)
    return index


def _graph(vectors: np.ndarray, settings: SearchSettings, half: bool) -> faiss.Index:
    d = vectors.shape[1]
    if half:
        index = faiss.IndexHNSWSQ(d, faiss.ScalarQuantizer.QT_fp16, settings.hnsw_m, faiss.METRIC_INNER_PRODUCT)
        index.train(vectors[:1])
    else:
        index = faiss.IndexHNSWFlat(d, settings.hnsw_m, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = settings.ef_construction
    index.add(vectors)
    return index


def _check_queries(vectors: np.ndarray, count: int, seed: int) -> np.ndarray:
    """Questions land near the text that answers them, not on it: each sample query is a stored
    vector moved by noise of its own length (cosine about 0.7 to it, as a question to its answer)."""
    rng = np.random.default_rng(seed)
    n, d = vectors.shape
    noise = rng.normal(0.0, 1.0, (count, d)).astype(np.float32)
    q = vectors[rng.integers(0, n, count)] + noise / np.linalg.norm(noise, axis=1, keepdims=True)
    return np.ascontiguousarray(q / np.linalg.norm(q, axis=1, keepdims=True), dtype=np.float32)


def _exact_top(vectors: np.ndarray, queries: np.ndarray, k: int, half: bool) -> tuple[np.ndarray, np.ndarray]:
    base = vectors.astype(np.float16).astype(np.float32) if half else vectors
    return build_flat(base).search(queries, k)


def _recall(found: tuple[np.ndarray, np.ndarray], exact: tuple[np.ndarray, np.ndarray]) -> float:
    """Share of the k places filled by a row scoring at least the exact k-th score, less `TIE`:
    a row within that of the exact answer's last one serves as well as it."""
    (found_scores, found_rows), (exact_scores, exact_rows) = found, exact
    kth = np.where(exact_rows >= 0, exact_scores, np.inf).min(axis=1, keepdims=True)
    good = (found_rows >= 0) & (found_scores >= kth - TIE)
    return float(good.sum() / max(1, int((exact_rows >= 0).sum())))


def recall_at(found: tuple[np.ndarray, np.ndarray], exact: tuple[np.ndarray, np.ndarray]) -> float:
    """Recall of a search's (scores, rows) against the exact search's, ties with the exact k-th counted."""
    return _recall(found, exact)


def is_graph(index: faiss.Index) -> bool:
    return isinstance(index, faiss.IndexHNSW)


def is_ivf(index: faiss.Index) -> bool:
    return isinstance(index, faiss.IndexIVF)


def kind_of(index: faiss.Index) -> str:
    return "hnsw" if is_graph(index) else "ivf" if is_ivf(index) else "flat"


def save(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def load(path: Path) -> faiss.Index:
    """A FAISS file, its vectors memory-mapped and read-only, not read into memory: opening an index of
    100k chunks read 360 MB in 0.33 s, now 6 ms (the pages come in as searches touch them). A file whose
    header promises more than it holds is refused by FAISS (RuntimeError), never mapped past its end."""
    return faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY)


def search(index: faiss.Index, queries: np.ndarray, k: int,
           allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(scores, rows) per query, best first; rows of -1 mark empty places. `allowed`: the rows
    that may be found (sorted), or None for all."""
    if len(queries) != 1:
        return _search(index, queries, k, allowed)
    # One question is searched on one thread: splitting a single scan over OpenMP threads cost twice
    # its time on two cores (measured at 97k chunks: 14.5 ms against 6.8 ms), and other questions, the
    # page or a build want the other core. The setting is this thread's own (an OpenMP ICV) and restored.
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        return _search(index, queries, k, allowed)
    finally:
        faiss.omp_set_num_threads(before)


def _search(index: faiss.Index, queries: np.ndarray, k: int,
            allowed: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    queries = np.ascontiguousarray(queries, dtype=np.float32)
    k = max(1, min(k, index.ntotal))
    kind = kind_of(index)
    if allowed is None:
        return _approximate(index, queries, k, None) if kind != "flat" else index.search(queries, k)
    allowed = np.ascontiguousarray(allowed, dtype=np.int64)
    if not len(allowed):
        return (np.full((len(queries), k), -np.inf, dtype=np.float32), np.full((len(queries), k), -1, dtype=np.int64))
    if kind != "flat" and len(allowed) <= EXACT_FILTERED:
        return _exact_among(index, queries, k, allowed)
    if kind != "hnsw" and 2 * len(allowed) > index.ntotal:
        found = _filtered_after(index, queries, k, allowed)
        if found is not None:
            return found
    if kind == "flat":
        params = faiss.SearchParameters()
        params.sel, bits = _selector(index, allowed)
        return index.search(queries, k, params=params)
    return _approximate(index, queries, k, allowed)


def _approximate(index: faiss.Index, queries: np.ndarray, k: int, allowed: np.ndarray | None):
    """A graph or IVF search, its effort widened for a large k and for a filter (the fewer rows
    allowed, the more of the index is passed over). An IVF search that found fewer rows than there
    are to find (the lists probed held too few) is done again over every list: exact, never short."""
    share = 1.0 if allowed is None else len(allowed) / max(1, index.ntotal)
    if is_graph(index):
        params = faiss.SearchParametersHNSW()
        params.efSearch = int(min(4096, max(index.hnsw.efSearch, k) / max(share, 0.05)))
    else:
        params = faiss.SearchParametersIVF()
        per_list = index.ntotal / max(1, index.nlist)
        params.nprobe = int(min(index.nlist, math.ceil(max(index.nprobe, 2 * k / per_list) / max(share, 0.05))))
    if allowed is not None:
        params.sel, bits = _selector(index, allowed)
    found = index.search(queries, k, params=params)
    if is_ivf(index) and params.nprobe < index.nlist:
        available = min(k, index.ntotal if allowed is None else len(allowed))
        if int((found[1] >= 0).sum(axis=1).min()) < available:
            params.nprobe = int(index.nlist)
            found = index.search(queries, k, params=params)
    return found


def _selector(index: faiss.Index, allowed: np.ndarray):
    """A FAISS selector of the `allowed` rows, and the bitmap it reads (keep it while searching). A bitmap:
    a batch selector hashes every allowed row first, 1.4 ms for 25,000 of them, then 1 ms more a search."""
    mask = np.zeros(index.ntotal, dtype=bool)
    mask[allowed] = True
    bits = np.packbits(mask, bitorder="little")
    return faiss.IDSelectorBitmap(index.ntotal, faiss.swig_ptr(bits)), bits


def _filtered_after(index: faiss.Index, queries: np.ndarray, k: int, allowed: np.ndarray):
    """A search over most rows: the best of all rows, wide enough that `k` allowed ones are among
    them, then kept to those; an allowed row outside them scores no higher than the last kept.
    Cheaper than a selector consulted at every row. None when too few allowed rows were among them."""
    wide = min(index.ntotal, 2 * k + 64)
    scores, rows = _search(index, queries, wide, None)
    at = np.minimum(np.searchsorted(allowed, rows), len(allowed) - 1)
    keep = (rows >= 0) & (allowed[at] == rows)
    if wide < index.ntotal and int(keep.sum(axis=1).min()) < k:
        return None
    out_s = np.full((len(queries), k), -np.inf, dtype=np.float32)
    out_r = np.full((len(queries), k), -1, dtype=np.int64)
    for q in range(len(queries)):
        s, r = scores[q][keep[q]][:k], rows[q][keep[q]][:k]
        out_s[q, :len(s)], out_r[q, :len(r)] = s, r
    return out_s, out_r


def _exact_among(index: faiss.Index, queries: np.ndarray, k: int, allowed: np.ndarray):
    vecs = index.reconstruct_batch(allowed) if not isinstance(index, faiss.IndexHNSWFlat) \
        else stored(index)[allowed]
    scores = queries @ vecs.T
    k_here = min(k, len(allowed))
    top = np.argpartition(-scores, k_here - 1, axis=1)[:, :k_here]
    part = np.take_along_axis(scores, top, axis=1)
    order = np.argsort(-part, axis=1, kind="stable")
    top, part = np.take_along_axis(top, order, axis=1), np.take_along_axis(part, order, axis=1)
    out_s = np.full((len(queries), k), -np.inf, dtype=np.float32)
    out_r = np.full((len(queries), k), -1, dtype=np.int64)
    out_s[:, :k_here], out_r[:, :k_here] = part, allowed[top]
    return out_s, out_r


def half_codes(index: faiss.Index) -> np.ndarray | None:
    """The float16 codes of a half-precision index, as bytes in row order (without copying, but for
    IVF, whose lists hold them in another order); None for another kind."""
    if isinstance(index, faiss.IndexIVFScalarQuantizer):
        return _ivf_codes(index).reshape(-1) if index.sq.qtype == faiss.ScalarQuantizer.QT_fp16 else None
    sq = faiss.downcast_index(index.storage) if isinstance(index, faiss.IndexHNSW) else index
    if not isinstance(sq, faiss.IndexScalarQuantizer) or sq.sq.qtype != faiss.ScalarQuantizer.QT_fp16:
        return None
    if not sq.ntotal:
        return np.zeros(0, dtype=np.uint8)
    return faiss.rev_swig_ptr(sq.codes.data(), sq.codes.size())


def _ivf_codes(index: faiss.IndexIVF) -> np.ndarray:
    """The codes of an IVF index's lists, one row of bytes per vector, put back in row order."""
    lists, size = index.invlists, index.code_size
    out = np.zeros((index.ntotal, size), dtype=np.uint8)
    for number in range(index.nlist):
        count = lists.list_size(number)
        if count:
            ids = faiss.rev_swig_ptr(lists.get_ids(number), count)
            out[ids] = faiss.rev_swig_ptr(lists.get_codes(number), count * size).reshape(count, size)
    return out


def stored(index: faiss.Index) -> np.ndarray:
    """The vectors an index holds, in row order. Of a flat index (or a graph over a flat one), a
    read-only view without copying them: valid only while `index` is alive, so keep a reference to it
    as long as the view is used. Of another kind, a copy."""
    flat = faiss.downcast_index(index.storage) if isinstance(index, faiss.IndexHNSWFlat) else index
    if index.ntotal and isinstance(flat, faiss.IndexFlat):
        view = faiss.rev_swig_ptr(flat.get_xb(), index.ntotal * index.d).reshape(index.ntotal, index.d)
        view.flags.writeable = False
        return view
    if index.ntotal and isinstance(index, faiss.IndexIVFFlat):
        return _ivf_codes(index).view(np.float32)
    return all_vectors(index)


def all_vectors(index: faiss.Index) -> np.ndarray:
    return index.reconstruct_n(0, index.ntotal) if index.ntotal else np.zeros((0, index.d), dtype=np.float32)
