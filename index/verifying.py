"""Checking a published version against what its manifest recorded.

Every open checks sizes and the structure's hashes, and reads every vector through unless
its files passed that reading before on this machine (`checked`); `transcript-qa verify`
(opening.verify_index) checks every hash of the version's files and of the model's files,
then reads the vectors through. Each problem is one line naming the file and what to do.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from . import vectors
from .embedding import ModelSpec, model_folder
from .errors import IndexRefused
from .integrity import bad_vectors, hash_problems, size_problems
from .manifest import CHUNK_VECTORS, SENTENCE_INDEX, SENTENCE_VECTORS, STRUCTURE_FILES, Manifest


def _faiss_file(path: Path, what: str, count: int, manifest: Manifest, root: Path) -> faiss.Index:
    """A FAISS file of the version, readable and of the size the manifest says."""
    try:
        index = vectors.load(path)
    except RuntimeError:
        raise IndexRefused(f"{path} is unreadable: {what} of the index at {root} is damaged; "
                           f"{rebuild_hint(root)}") from None
    if (index.ntotal, index.d) != (count, manifest.model.dimension):
        raise IndexRefused(
            f"{path} holds {index.ntotal} vectors of dimension {index.d}, but the manifest of the index at {root} "
            f"says {count} of dimension {manifest.model.dimension}; {rebuild_hint(root)}")
    return index


def load_chunk_vectors(directory: Path, manifest: Manifest, root: Path, read_through: bool = True) -> faiss.Index:
    """The chunk index; with `read_through`, every vector checked for being finite and unit-length."""
    path = directory / CHUNK_VECTORS
    index = _faiss_file(path, "the vector file", manifest.counts["chunks"], manifest, root)
    if read_through:
        _check_vectors(vectors.stored(index), path, root)
    _searched_as_built(index, manifest.search.get("chunks"))
    return index


def load_sentence_index(directory: Path, manifest: Manifest, root: Path, array: np.ndarray,
                        read_through: bool = True) -> faiss.Index:
    """The FAISS index of the sentence vectors, which must hold `array` (sentences.npy, checked) to the bit
    (compared with `read_through`)."""
    path = directory / SENTENCE_INDEX
    index = _faiss_file(path, "the sentence index", manifest.counts["sentences"], manifest, root)
    if read_through:
        codes = vectors.half_codes(index)
        if codes is None or not np.array_equal(codes, np.asarray(array).reshape(-1).view(np.uint8)):
            raise IndexRefused(f"{path} does not hold the vectors of {SENTENCE_VECTORS}: the index at {root} is "
                               f"damaged; {rebuild_hint(root)}")
    _searched_as_built(index, manifest.search.get("sentences"))
    return index


def _searched_as_built(index: faiss.Index, record: dict | None) -> None:
    """An approximate index searches with the effort its recall was measured at."""
    if record and record.get("kind") == "hnsw" and vectors.is_graph(index):
        index.hnsw.efSearch = int(record["ef_search"])
    if record and record.get("kind") == "ivf" and vectors.is_ivf(index):
        index.nprobe = int(record["nprobe"])


def load_sentence_vectors(directory: Path, manifest: Manifest, root: Path, read_through: bool = True) -> np.ndarray:
    """sentences.npy, memory-mapped, of the recorded shape; with `read_through`, every vector checked."""
    path = directory / SENTENCE_VECTORS
    try:
        array = np.load(path, mmap_mode="r", allow_pickle=False)
    except (OSError, ValueError, EOFError):
        raise IndexRefused(f"{path} is unreadable as an array of vectors: the index at {root} is damaged; "
                           f"{rebuild_hint(root)}") from None
    expected = (manifest.counts["sentences"], manifest.model.dimension)
    if array.shape != expected or array.dtype != np.float16:
        raise IndexRefused(f"{path} holds {array.dtype} vectors of shape {array.shape}, but the manifest of the index "
                           f"at {root} says {expected[0]} of dimension {expected[1]}; {rebuild_hint(root)}")
    if read_through:
        _check_vectors(array, path, root)
    return array


def check_files(directory: Path, manifest: Manifest, root: Path, hashes: bool = False) -> None:
    """Every file of the version is there at its recorded size, and the structure's files (with hashes,
    all files) at their recorded SHA-256."""
    problems = (hash_problems if hashes else size_problems)(directory, manifest.contents)
    if not hashes and not problems:
        # The structure is small next to the vectors, and nothing else would notice a flipped byte in it.
        problems = hash_problems(directory, tuple(c for c in manifest.contents if c.name in STRUCTURE_FILES))
    if problems:
        name, what = problems[0]
        raise IndexRefused(f"{directory / name} {what}: the index at {root} is damaged; {rebuild_hint(root)}")


def version_problems(directory: Path, manifest: Manifest, root: Path) -> tuple[list[str], int]:
    """Every hash of the version's files, then its vectors: (one line per problem, vectors checked)."""
    problems = [f"{directory / name} {what}: the index at {root} is damaged; {rebuild_hint(root)}"
                for name, what in hash_problems(directory, manifest.contents)]
    checked = 0
    if not problems:
        try:
            checked += load_chunk_vectors(directory, manifest, root).ntotal
            sentences = load_sentence_vectors(directory, manifest, root)
            checked += len(sentences)
            load_sentence_index(directory, manifest, root, sentences)
            from .structure_files import read_structure  # here: structure_files imports this module

            read_structure(directory, manifest, root)
        except IndexRefused as exc:
            problems.append(str(exc))
    return problems, checked


def model_problems(manifest: Manifest, root: Path) -> list[str]:
    """Every hash of the model's files, where the model is found on this machine now."""
    if not manifest.model.files:
        return []
    folder = model_folder(ModelSpec(manifest.model.name))
    if folder is None:
        return [f"the model {manifest.model.name!r} the index at {root} was built with is not on this machine; "
                "put it back, or rebuild the index with a model that is"]
    return [f"{folder / name} {what}: the model changed since the index at {root} was built; restore the model's "
            f"files, or {rebuild_hint(root)}" for name, what in hash_problems(folder, manifest.model.files)]


def rebuild_hint(root: Path) -> str:
    return f"rebuild it with `transcript-qa build CORPUS_DIR --index {root}`"


def _check_vectors(array: np.ndarray, path: Path, root: Path) -> None:
    bad = bad_vectors(array)
    if len(bad):
        raise IndexRefused(f"{path} holds {len(bad)} vectors that are not finite or not unit-length (the first is "
                           f"row {bad[0]}): the index at {root} is damaged; {rebuild_hint(root)}")

