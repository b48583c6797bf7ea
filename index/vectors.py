"""FAISS over L2-normalised vectors: inner product is cosine similarity.

A flat index is exact, and at press-conference scale (thousands to a few hundred
thousand chunks) it answers in milliseconds. Filters run inside the search with an
ID selector, so a filtered query still gets its full k.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np


def build_flat(vectors: np.ndarray) -> faiss.Index:
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    index = faiss.IndexFlatIP(vectors.shape[1])
    if len(vectors):
        index.add(vectors)
    return index


def save(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def load(path: Path) -> faiss.Index:
    return faiss.read_index(str(path))


def search(index: faiss.Index, queries: np.ndarray, k: int,
           allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(scores, rows) per query, best first; rows of -1 mark empty places."""
    queries = np.ascontiguousarray(queries, dtype=np.float32)
    k = max(1, min(k, index.ntotal))
    if allowed is None:
        return index.search(queries, k)
    allowed = np.ascontiguousarray(allowed, dtype=np.int64)
    if not len(allowed):
        return (np.full((len(queries), k), -np.inf, dtype=np.float32), np.full((len(queries), k), -1, dtype=np.int64))
    params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed))
    return index.search(queries, k, params=params)


def stored(index: faiss.Index) -> np.ndarray:
    """The vectors a flat index holds, as a read-only view without copying them: valid only while
    `index` is alive, so keep a reference to it as long as the view is used."""
    if index.ntotal and isinstance(index, faiss.IndexFlat):
        view = faiss.rev_swig_ptr(index.get_xb(), index.ntotal * index.d).reshape(index.ntotal, index.d)
        view.flags.writeable = False
        return view
    return all_vectors(index)


def all_vectors(index: faiss.Index) -> np.ndarray:
    return index.reconstruct_n(0, index.ntotal) if index.ntotal else np.zeros((0, index.d), dtype=np.float32)
