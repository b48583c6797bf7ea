"""What makes an index trustworthy: the size and SHA-256 of every file, vectors that are
finite and unit-length, and a model that still gives the vectors it gave at build time.

A build records all three in the manifest. Opening checks the cheap ones (sizes, the
vectors, the model's vector for one fixed sentence); `verify` checks every hash.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# The model's vector for this sentence is recorded at build time; a model whose weights
# changed under the same name gives another one.
PROBE = "The minister said exports grew by 5.2 percent in the first quarter, and answered two questions."
PROBE_TOLERANCE = 1e-4
# Cosine search needs unit vectors; float16 storage rounds a norm by about 1e-3.
NORM_TOLERANCE = {np.dtype(np.float32): 1e-3, np.dtype(np.float16): 1e-2}
_BLOCK = 65536  # rows checked at a time, so a memory-mapped file is never copied whole
_READ = 1 << 20


@dataclass(frozen=True)
class FileCheck:
    """A file as the manifest records it: name (relative to its folder), size and SHA-256."""

    name: str
    bytes: int
    sha256: str


_memo: ContextVar[dict | None] = ContextVar("sha256_memo", default=None)


@contextmanager
def hashes_remembered():
    """Within the block, a file's SHA-256 is read once: a rebuild checks the model's files, the export it
    embeds with and links, and the previous version, from several places. A file is known by device, inode,
    size and modification time, so one written or changed meanwhile is read again."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def sha256_of(path: Path) -> str:
    memo = _memo.get()
    if memo is None:
        return _sha256(path)
    st = os.stat(path)
    key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    if key not in memo:
        memo[key] = _sha256(path)
    return memo[key]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_READ):
            digest.update(chunk)
    return digest.hexdigest()


def file_check(path: Path, name: str | None = None) -> FileCheck:
    return FileCheck(name or path.name, path.stat().st_size, sha256_of(path))


def folder_checks(folder: Path) -> tuple[FileCheck, ...]:
    """Every file under `folder` except hidden ones (caches, locks, git metadata), sorted by name."""
    found = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if not name.startswith("."):
                path = Path(top) / name
                found.append(file_check(path, path.relative_to(folder).as_posix()))
    return tuple(sorted(found, key=lambda c: c.name))


def size_problems(folder: Path, expected: tuple[FileCheck, ...]) -> list[tuple[str, str]]:
    """(file, what is wrong) for each recorded file that is missing or not its recorded size."""
    problems = []
    for check in expected:
        path = folder / check.name
        try:
            size = path.stat().st_size if path.is_file() else None
        except OSError:
            size = None
        if size is None:
            problems.append((check.name, "is missing"))
        elif size != check.bytes:
            problems.append((check.name, f"is {size} bytes, but was written as {check.bytes}"))
    return problems


def hash_problems(folder: Path, expected: tuple[FileCheck, ...]) -> list[tuple[str, str]]:
    """Size problems, then each file whose SHA-256 is not the recorded one."""
    problems = size_problems(folder, expected)
    bad = {name for name, _ in problems}
    for check in expected:
        if check.name in bad:
            continue
        try:
            digest = sha256_of(folder / check.name)
        except OSError as exc:
            problems.append((check.name, f"cannot be read ({exc.strerror or type(exc).__name__})"))
            continue
        if digest != check.sha256:
            problems.append((check.name, "does not match its SHA-256 (its bytes changed since the build)"))
    return problems


def bad_vectors(vectors: np.ndarray) -> np.ndarray:
    """Rows that are not finite or not unit-length, checked block by block."""
    tolerance = NORM_TOLERANCE.get(vectors.dtype, 1e-3)
    bad = []
    for start in range(0, len(vectors), _BLOCK):
        block = np.asarray(vectors[start:start + _BLOCK], dtype=np.float32)
        with np.errstate(over="ignore", invalid="ignore"):
            norms = np.sqrt(np.einsum("ij,ij->i", block, block))
        wrong = ~np.isfinite(norms) | (np.abs(norms - 1.0) > tolerance)
        bad.extend((np.flatnonzero(wrong) + start).tolist())
    return np.asarray(bad, dtype=np.int64)


def probe_vector(embedder) -> tuple[float, ...]:
    # As a question: the way every open embeds, one sentence, no document counted as embedded.
    return tuple(float(x) for x in embedder.embed_queries([PROBE])[0])


def probe_differs(embedder, recorded: tuple[float, ...]) -> float | None:
    """How far the model's probe vector now lies from the recorded one, if farther than the tolerance."""
    now = np.asarray(probe_vector(embedder), dtype=np.float64)
    then = np.asarray(recorded, dtype=np.float64)
    if now.shape != then.shape:
        return float("inf")
    gap = float(np.max(np.abs(now - then))) if len(now) else 0.0
    return gap if not gap <= PROBE_TOLERANCE else None
