"""Open a published index for searching, after checking it is what it says it is."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from . import vectors
from .build import CURRENT, current_version
from .embedding import Embedder, ModelSpec, load_embedder
from .errors import IndexNotFound, IndexRefused
from .manifest import CHUNK_VECTORS, FILES, MANIFEST, SENTENCE_VECTORS, STORE, Manifest, read_manifest
from .store import Store

log = logging.getLogger(__name__)


@dataclass
class OpenIndex:
    root: Path  # the directory the user named
    version: str  # the version in service when opened
    manifest: Manifest
    store: Store
    chunk_index: faiss.Index
    sentence_vectors: np.ndarray  # float16, memory-mapped
    embedder: Embedder

    def close(self) -> None:
        self.store.close()


def locate(index_dir: str | Path) -> tuple[Path, str]:
    """(version directory, version name) of the index in service at `index_dir`."""
    root = Path(index_dir)
    build = f"build one with `transcript-qa build CORPUS_DIR --index {root}`"
    if not root.exists():
        raise IndexNotFound(f"there is no index at {root}; {build}")
    if not root.is_dir():
        raise IndexRefused(f"{root} is a file, not an index folder; {build}")
    name = current_version(root)
    if name is None:
        if (root / MANIFEST).exists():
            return root, root.name  # a version folder named directly
        raise IndexNotFound(f"there is no index at {root}; {build}")
    directory = root / name
    if not directory.is_dir():
        raise IndexRefused(f"the index at {root} is damaged ({CURRENT} names {name}, which is missing); "
                           f"rebuild it with `transcript-qa build CORPUS_DIR --index {root}`")
    return directory, name


def open_index(index_dir: str | Path, model: str | None = None, embedder: Embedder | None = None) -> OpenIndex:
    root = Path(index_dir)
    directory, version = locate(root)
    manifest = read_manifest(directory, str(root))
    rebuild = f"rebuild it with `transcript-qa build CORPUS_DIR --index {root}`"
    built_with = manifest.model.name
    wanted = model or (embedder.name if embedder else None)
    if wanted and wanted != built_with:
        raise IndexRefused(
            f"the index at {root} was built with the model {built_with!r}; it cannot be searched with {wanted!r}. "
            f"Drop --model, or rebuild with `transcript-qa build CORPUS_DIR --index {root} --model {wanted}`"
        )
    missing = [f for f in FILES if not (directory / f).is_file()]
    if missing:
        raise IndexRefused(f"the index at {root} is missing {', '.join(missing)}; {rebuild}")
    try:
        chunk_index = vectors.load(directory / CHUNK_VECTORS)
    except RuntimeError:
        raise IndexRefused(f"the vector file of the index at {root} is unreadable; {rebuild}") from None
    expected = (manifest.counts.get("chunks"), manifest.model.dimension)
    if (chunk_index.ntotal, chunk_index.d) != expected:
        raise IndexRefused(
            f"the vector file of the index at {root} holds {chunk_index.ntotal} vectors of dimension "
            f"{chunk_index.d}, but its manifest says {expected[0]} of dimension {expected[1]}; {rebuild}"
        )
    try:
        sentence_vectors = np.load(directory / SENTENCE_VECTORS, mmap_mode="r")
        store = Store(directory / STORE)
    except Exception as exc:
        raise IndexRefused(f"the index at {root} is unreadable ({type(exc).__name__}); {rebuild}") from None
    if len(store) != chunk_index.ntotal or sentence_vectors.shape != (manifest.counts.get("sentences"), chunk_index.d):
        store.close()
        raise IndexRefused(f"the files of the index at {root} do not agree with each other; {rebuild}")
    embedder = embedder or load_embedder(ModelSpec(built_with))
    if embedder.dimension != manifest.model.dimension:
        store.close()
        raise IndexRefused(
            f"the model {built_with!r} now gives vectors of dimension {embedder.dimension}, but the index at "
            f"{root} holds dimension {manifest.model.dimension}; {rebuild}"
        )
    log.info("opened index %s version %s (%d chunks)", root, version, len(store))
    return OpenIndex(root=root, version=version, manifest=manifest, store=store, chunk_index=chunk_index,
                     sentence_vectors=sentence_vectors, embedder=embedder)


def read_index_manifest(index_dir: str | Path) -> tuple[Manifest, str]:
    """The manifest and version in service, checked, without loading the model."""
    directory, version = locate(index_dir)
    return read_manifest(directory, str(index_dir)), version
