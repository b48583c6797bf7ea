"""Vectors carried over from the version in service, and the checks every vector passes.

A rebuild reuses the vector of every chunk and sentence whose text did not change,
but only from a version that verifies in full (every SHA-256 as recorded), built with
a model that still gives the same vector for the probe sentence; a vector that is not
finite or not unit-length is never carried over, and a fresh one that is not is refused.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from pathlib import Path
from typing import Callable

import numpy as np

from . import vectors
from .embedding import Embedder, document_precision
from .errors import BuildFailed
from .integrity import bad_vectors, hash_problems
from .manifest import CHUNK_VECTORS, SENTENCE_VECTORS, STORE, read_manifest
from .versions import current_version

log = logging.getLogger(__name__)

Known = dict[str, np.ndarray]


def key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def verified_previous(index_dir: Path, embedder: Embedder, probe: tuple[float, ...]):
    """(folder, manifest) of the version in service when it verifies in full and its model is the same;
    None otherwise (logged: it only costs reading and embedding everything again)."""
    try:
        name = current_version(index_dir)
    except Exception as exc:  # a damaged pointer only costs re-embedding
        log.warning("not reusing vectors: %s", exc)
        return None
    if not name:
        return None
    directory = index_dir / name
    try:
        manifest = read_manifest(directory, str(index_dir))
        model = manifest.model
        if (model.name, model.dimension, model.document_prompt) != (embedder.name, embedder.dimension,
                                                                     embedder.document_prompt):
            return None
        if model.documents != document_precision(embedder):
            log.info("not reusing the vectors of version %s: its texts were embedded by the %s graph, and now by "
                     "the %s one; every text is embedded again", name, model.documents, document_precision(embedder))
            return None
        if not model.probe or np.max(np.abs(np.subtract(model.probe, probe))) > 1e-4:
            log.warning("not reusing the vectors of version %s: the model %r gives other vectors than when it was "
                        "built; every text is embedded again", name, model.name)
            return None
        problems = hash_problems(directory, manifest.contents)
        if problems:
            file, what = problems[0]
            log.warning("not reusing the vectors of version %s: %s %s; every text is embedded again",
                        name, directory / file, what)
            return None
        return directory, manifest
    except Exception as exc:  # a damaged old version only costs re-embedding
        log.warning("not reusing the vectors of version %s: %s", name, str(exc).splitlines()[0] if str(exc) else exc)
        return None


def previous_vectors(index_dir: Path, embedder: Embedder, probe: tuple[float, ...]) -> dict[str, Known]:
    """Vectors of the version in service, by text, when it verifies and its model is the same."""
    found = verified_previous(index_dir, embedder, probe)
    if found is None:
        return {}
    directory = found[0]
    try:
        chunk_texts, sent_texts = _texts(directory / STORE)
        chunk_vecs = vectors.all_vectors(vectors.load(directory / CHUNK_VECTORS))
        sent_vecs = np.load(directory / SENTENCE_VECTORS, allow_pickle=False).astype(np.float32)
        if len(chunk_vecs) != len(chunk_texts) or len(sent_vecs) != len(sent_texts):
            return {}
        return {"chunks": _good(chunk_texts, chunk_vecs, directory / CHUNK_VECTORS),
                "sentences": _good(sent_texts, sent_vecs, directory / SENTENCE_VECTORS)}
    except Exception as exc:  # a damaged old version only costs re-embedding
        log.warning("not reusing the vectors of version %s: %s", directory.name,
                    str(exc).splitlines()[0] if str(exc) else exc)
        return {}


def embed(texts: list[str], embedder: Embedder, known: Known,
          progress: Callable[[int, int], None]) -> tuple[np.ndarray, int, int]:
    """Vectors for `texts`: known ones reused, the rest embedded (each distinct text once) and checked."""
    out = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    todo: dict[str, list[int]] = {}
    reused = 0
    for i, text in enumerate(texts):
        k = key(text)
        if k in known:
            out[i] = known[k]
            reused += 1
        else:
            todo.setdefault(k, []).append(i)
    unique = [texts[rows[0]] for rows in todo.values()]
    if unique:
        fresh = np.asarray(embedder.embed_documents(unique, progress=lambda d, n: progress(reused + d, reused + n)),
                           dtype=np.float32)
        bad = bad_vectors(fresh) if fresh.shape == (len(unique), embedder.dimension) else np.arange(len(unique))
        if len(bad):
            raise BuildFailed(
                f"the model {embedder.name!r} gave {len(bad)} vectors that are not finite or not unit-length (the "
                f"first for {unique[bad[0]][:60]!r}); its files may be damaged: check them, or build with another "
                "model; the index was not changed")
        for vec, rows in zip(fresh, todo.values()):
            out[rows] = vec
    progress(len(texts), len(texts))
    return out, reused, len(unique)


def _texts(store: Path) -> tuple[list[str], list[str]]:
    con = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        chunk_texts = [r[0] for r in con.execute("SELECT text FROM chunks ORDER BY row")]
        docs = {r[0]: r[1] for r in con.execute("SELECT doc, text FROM documents")}
        sent_texts = [docs[d][s:e] for d, s, e in
                      con.execute("SELECT doc, start_char, end_char FROM sentences ORDER BY row")]
    finally:
        con.close()
    return chunk_texts, sent_texts


def _good(texts: list[str], vecs: np.ndarray, path: Path) -> Known:
    bad = set(bad_vectors(vecs).tolist())
    if bad:
        log.warning("not reusing %d vectors of %s that are not finite or not unit-length", len(bad), path)
    return {key(t): v for i, (t, v) in enumerate(zip(texts, vecs)) if i not in bad}
