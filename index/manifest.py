"""The manifest: what an index directory holds and how it was made.

It is written last, read first, and checked on every open: an index made with
another format, model or dimension is refused rather than searched wrongly.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from .errors import IndexRefused

FORMAT_NAME = "transcript-qa index"
FORMAT_VERSION = 2  # 2: formats, segments (lines, pages, times of the source file)
MANIFEST = "manifest.json"
STORE = "store.sqlite"
CHUNK_VECTORS = "chunks.faiss"
SENTENCE_VECTORS = "sentences.npy"
FILES = (STORE, CHUNK_VECTORS, SENTENCE_VECTORS)


def package_version() -> str:
    try:
        return metadata.version("transcript-qa")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@dataclass(frozen=True)
class ModelRecord:
    name: str
    dimension: int
    max_tokens: int
    query_prompt: str = ""
    document_prompt: str = ""


@dataclass(frozen=True)
class FileRecord:
    doc_id: str
    sha256: str
    bytes: int
    encoding: str
    title: str
    date: str | None
    chunks: int
    format: str = "text"


@dataclass(frozen=True)
class Manifest:
    model: ModelRecord
    chunking: dict
    counts: dict
    files: tuple[FileRecord, ...]
    skipped: tuple[dict, ...]
    corpus: str
    built_at: str
    build_seconds: float
    format: str = FORMAT_NAME
    format_version: int = FORMAT_VERSION
    package_version: str = field(default_factory=package_version)
    similarity: str = "inner product of L2-normalised vectors (cosine)"
    lexical: str = "SQLite FTS5 BM25, porter unicode61 tokenizer"

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)


def write_manifest(directory: Path, manifest: Manifest) -> None:
    path = directory / MANIFEST
    path.write_text(manifest.to_json(), encoding="utf-8")


def read_manifest(directory: Path, shown_as: str) -> Manifest:
    """Parse and check a version directory's manifest; refuse with one line otherwise."""
    rebuild = f"rebuild it with `transcript-qa build CORPUS --index {shown_as}`"
    path = directory / MANIFEST
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexRefused(f"the index at {shown_as} has no manifest; {rebuild}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IndexRefused(f"the manifest of the index at {shown_as} is unreadable ({_reason(exc)}); {rebuild}") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT_NAME:
        raise IndexRefused(f"{shown_as} does not hold a transcript-qa index manifest; {rebuild}")
    version = raw.get("format_version")
    if version != FORMAT_VERSION:
        raise IndexRefused(
            f"the index at {shown_as} is format {version}, this transcript-qa ({package_version()}) "
            f"reads format {FORMAT_VERSION}; {rebuild}"
        )
    try:
        return Manifest(
            model=ModelRecord(**raw["model"]),
            chunking=dict(raw["chunking"]),
            counts=dict(raw["counts"]),
            files=tuple(FileRecord(**f) for f in raw["files"]),
            skipped=tuple(dict(s) for s in raw["skipped"]),
            corpus=str(raw["corpus"]),
            built_at=str(raw["built_at"]),
            build_seconds=float(raw["build_seconds"]),
            format=raw["format"],
            format_version=version,
            package_version=str(raw.get("package_version", "")),
            similarity=str(raw.get("similarity", "")),
            lexical=str(raw.get("lexical", "")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise IndexRefused(f"the manifest of the index at {shown_as} is incomplete ({_reason(exc)}); {rebuild}") from None


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing {exc.args[0]!r}"
    return str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
