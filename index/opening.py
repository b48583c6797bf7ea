"""Open a published index for searching, after checking it is what it says it is; verify one in full."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from .checked import already_checked, remember_checked
from .versions import CURRENT, current_version
from .embedding import Embedder, ModelSpec, load_embedder
from .errors import IndexNotFound, IndexRefused
from .integrity import probe_differs
from .onnx_embedding import ONNX_FILES, onnx_embedder
from .lexicon import read_postings
from .manifest import MANIFEST, STORE, Manifest, read_manifest
from .store import Store
from .structure import Learned, Structure
from .structure_files import read_learned, read_structure
from .verifying import (check_files, load_chunk_vectors, load_sentence_index, load_sentence_vectors, model_problems,
                        rebuild_hint, version_problems)

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
    structure: Structure  # derived at build time; arrays memory-mapped
    sentence_index: faiss.Index | None = None  # the sentence vectors again, searchable (flat, IVF or HNSW, float16)

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


def open_index(index_dir: str | Path, model: str | None = None, embedder: Embedder | None = None,
               verify: bool = False) -> OpenIndex:
    """Open the version in service after checking it: sizes, vectors (read through at the first open of
    the version on this machine, `checked`), agreement of its files, the model's probe vector; with
    verify=True every file's SHA-256 and every vector too. Raises IndexRefused with one line."""
    root = Path(index_dir)
    directory, version = locate(root)
    manifest = read_manifest(directory, str(root))
    rebuild = rebuild_hint(root)
    built_with = manifest.model.name
    wanted = ModelSpec(model).name if model else (embedder.name if embedder else None)
    if wanted and wanted != built_with:
        raise IndexRefused(
            f"the index at {root} was built with the model {built_with!r}; it cannot be searched with {wanted!r}. "
            f"Drop --model, or rebuild with `transcript-qa build CORPUS_DIR --index {root} --model {wanted}`"
        )
    check_files(directory, manifest, root, hashes=verify)
    started = time.time_ns()
    read_through = verify or not already_checked(directory, manifest)
    chunk_index = load_chunk_vectors(directory, manifest, root, read_through)
    sentence_vectors = load_sentence_vectors(directory, manifest, root, read_through)
    structure = read_structure(directory, manifest, root)
    sentence_index = load_sentence_index(directory, manifest, root, sentence_vectors, read_through)
    postings = read_postings(directory, manifest.counts["chunks"], str(root), rebuild)
    store = Store(directory / STORE, str(root), rows=structure.rows, postings=postings)
    try:
        _check_agreement(store, manifest, directory, root)
        embedder = embedder or _query_embedder(directory, manifest) or load_embedder(ModelSpec(built_with))
        if embedder.dimension != manifest.model.dimension:
            raise IndexRefused(
                f"the model {built_with!r} now gives vectors of dimension {embedder.dimension}, but the index at "
                f"{root} holds dimension {manifest.model.dimension}; {rebuild}"
            )
        _check_probe(embedder, manifest, root)
    except BaseException:
        store.close()
        raise
    if read_through:
        remember_checked(directory, manifest, started)
    log.info("opened index %s version %s (%d chunks)", root, version, len(store))
    return OpenIndex(root=root, version=version, manifest=manifest, store=store, chunk_index=chunk_index,
                     sentence_vectors=sentence_vectors, embedder=embedder, structure=structure,
                     sentence_index=sentence_index)


def read_index_manifest(index_dir: str | Path) -> tuple[Manifest, str]:
    """The manifest and version in service, checked, without loading the model."""
    directory, version = locate(index_dir)
    return read_manifest(directory, str(index_dir)), version


def read_index_learned(index_dir: str | Path) -> Learned:
    """What the version in service learned from its corpus, without loading the model."""
    directory, _ = locate(index_dir)
    read_manifest(directory, str(index_dir))
    return read_learned(directory, Path(index_dir))


def verify_index(index_dir: str | Path) -> Verified:
    """Every hash, then the vectors, of the version in service and of its model's files."""
    started = time.perf_counter()
    started_ns = time.time_ns()
    root = Path(index_dir)
    directory, version = locate(root)
    manifest = read_manifest(directory, str(root))
    problems, checked = version_problems(directory, manifest, root)
    if not problems:
        store = Store(directory / STORE, str(root))
        try:
            _check_agreement(store, manifest, directory, root)
        except IndexRefused as exc:
            problems.append(str(exc))
        finally:
            store.close()
    problems += model_problems(manifest, root)
    if not problems:
        remember_checked(directory, manifest, started_ns)
    checks = manifest.contents + manifest.model.files
    manifest_bytes = (directory / MANIFEST).stat().st_size  # checked by its own checksum
    return Verified(index_dir=str(root), version=version, files=len(checks) + 1,
                    bytes=manifest_bytes + sum(c.bytes for c in checks),
                    vectors=checked, model_checked=bool(manifest.model.files), problems=tuple(problems),
                    seconds=round(time.perf_counter() - started, 3))


@dataclass(frozen=True)
class Verified:
    index_dir: str
    version: str
    files: int  # files checked: the manifest (by its checksum), the version's and the model's (by SHA-256)
    bytes: int
    vectors: int  # vectors checked for being finite and unit-length
    model_checked: bool  # False when the index records no model files (a model given in-process)
    problems: tuple[str, ...]  # one line each
    seconds: float


def _check_agreement(store: Store, manifest: Manifest, directory: Path, root: Path) -> None:
    """The store holds what the manifest and the vector files say it holds."""
    problem = None
    if len(store) != manifest.counts["chunks"]:
        problem = f"it holds {len(store)} chunks, the manifest {manifest.counts['chunks']}"
    elif len(store.sentence_doc) != manifest.counts["sentences"]:
        problem = f"it holds {len(store.sentence_doc)} sentences, the manifest {manifest.counts['sentences']}"
    elif [(d.doc_id, d.sha256) for d in store.documents] != [(f.doc_id, f.sha256) for f in manifest.files]:
        problem = "its transcripts are not the ones the manifest lists"
    if problem:
        raise IndexRefused(f"{directory / STORE} does not agree with the manifest ({problem}): the index at {root} "
                           f"is damaged; {rebuild_hint(root)}")


def _query_embedder(directory: Path, manifest: Manifest) -> Embedder | None:
    """The version's ONNX export of its model, when it has one: asking then needs no torch."""
    checks = {c.name: c.sha256 for c in manifest.contents if c.name in ONNX_FILES}
    if len(checks) != len(ONNX_FILES):
        return None
    try:
        return onnx_embedder(directory, "-".join(checks[n] for n in ONNX_FILES), manifest.model.path)
    except Exception as exc:  # a runtime that cannot load it only costs loading the model itself
        log.warning("the ONNX export in %s cannot be loaded (%s); loading the model with sentence-transformers",
                    directory, " ".join(str(exc).split())[:160] or type(exc).__name__)
        return None


def _check_probe(embedder: Embedder, manifest: Manifest, root: Path) -> None:
    if not manifest.model.probe:
        raise IndexRefused(f"the manifest of the index at {root} records no vector of the model to check it by; "
                           f"{rebuild_hint(root)}")
    gap = probe_differs(embedder, manifest.model.probe)
    if gap is not None:
        where = f" at {embedder.path}" if getattr(embedder, "path", None) else ""
        raise IndexRefused(
            f"the model {manifest.model.name!r}{where} no longer gives the vectors the index at {root} was built "
            f"with (its files changed: a fixed sentence's vector moved by {gap:.2g}); restore the model, or "
            f"{rebuild_hint(root)}")
