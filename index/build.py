"""Build an index directory from a corpus folder and publish it atomically.

Layout of an index directory:

    INDEX/CURRENT          name of the version in service (replaced atomically)
    INDEX/v<time>-<id>/    one complete version: manifest.json, store.sqlite,
                           chunks.faiss, sentences.npy
    INDEX/.lock            held by the one build allowed at a time

A build writes a new version beside the one in service and switches CURRENT with
os.replace; a build that dies half-way leaves the old version answering, and the
next build clears what it left behind. Vectors of chunks whose text did not
change are carried over from the version in service instead of re-embedded.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import re
import secrets
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import numpy as np

from corpus import ChunkSettings, Skipped, chunk_transcript, load_corpus, paragraphs
from corpus.sentences import sentence_spans

from . import vectors
from .embedding import Embedder, ModelSpec, load_embedder
from .errors import BuildBusy, IndexRefused
from .manifest import (CHUNK_VECTORS, SENTENCE_VECTORS, STORE, FileRecord, Manifest, ModelRecord,
                       read_manifest, write_manifest)
from .store import Sentence, write_store

log = logging.getLogger(__name__)

CURRENT = "CURRENT"
LOCK = ".lock"
_VERSION = re.compile(r"^v\d{8}T\d{6}-[0-9a-f]{6}$")
_STAGING = ".staging-"

# progress(stage, done, total); stages: "reading", "chunking", "embedding", "writing"
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildSettings:
    model: ModelSpec = field(default_factory=ModelSpec)
    chunking: ChunkSettings = field(default_factory=ChunkSettings)


@dataclass(frozen=True)
class BuildReport:
    index_dir: str
    version: str
    files: int
    documents: int
    turns: int
    chunks: int
    sentences: int
    embedded: int
    reused: int
    skipped: tuple[Skipped, ...]
    seconds: float


def build_index(corpus_dir: str | Path, index_dir: str | Path, settings: BuildSettings | None = None,
                embedder: Embedder | None = None, progress: Progress | None = None) -> BuildReport:
    settings = settings or BuildSettings()
    started = time.perf_counter()
    index_dir = Path(index_dir)
    corpus_dir = Path(corpus_dir)
    report = _note(progress)
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexRefused(f"{index_dir} is a file; name a folder for the index")
    index_dir.mkdir(parents=True, exist_ok=True)
    with _build_lock(index_dir):
        _clear_leftovers(index_dir)
        transcripts, skipped = load_corpus(corpus_dir)
        report("reading", len(transcripts), len(transcripts) + len(skipped))
        if not transcripts:
            raise IndexRefused(f"none of the files in {corpus_dir} could be read; the index was not changed")
        embedder = embedder or load_embedder(settings.model)
        chunking = settings.chunking.fitted_to(embedder.max_tokens)

        chunks, sentences, per_doc = [], [], []
        for i, t in enumerate(transcripts):
            paras = paragraphs(t.text)
            doc_chunks = chunk_transcript(t, paras, embedder, chunking)
            chunks.extend(doc_chunks)
            sentences.extend(_sentences(i, t.text, doc_chunks))
            per_doc.append(len(doc_chunks))
            report("chunking", i + 1, len(transcripts))
        sentence_texts = [transcripts[s.doc].text[s.start:s.end] for s in sentences]

        previous = _previous_vectors(index_dir, embedder)
        chunk_vecs, reused_c, embedded_c = _embed([c.text for c in chunks], embedder, previous.get("chunks", {}),
                                                  lambda d, n: report("embedding", d, n + len(sentences)))
        sent_vecs, reused_s, embedded_s = _embed(sentence_texts, embedder, previous.get("sentences", {}),
                                                 lambda d, n: report("embedding", len(chunks) + d, len(chunks) + n))

        version = f"v{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
        staging = index_dir / f"{_STAGING}{version}"
        staging.mkdir()
        report("writing", 0, 3)
        write_store(staging / STORE, transcripts, chunks, sentences)
        vectors.save(vectors.build_flat(chunk_vecs), staging / CHUNK_VECTORS)
        np.save(staging / SENTENCE_VECTORS, sent_vecs.astype(np.float16))
        report("writing", 2, 3)
        seconds = round(time.perf_counter() - started, 2)
        write_manifest(staging, Manifest(
            model=ModelRecord(name=embedder.name, dimension=embedder.dimension, max_tokens=embedder.max_tokens,
                              query_prompt=embedder.query_prompt, document_prompt=embedder.document_prompt),
            chunking={"max_tokens": chunking.max_tokens, "overlap_sentences": chunking.overlap_sentences,
                      "tokenizer": embedder.name},
            counts={"documents": len(transcripts), "turns": sum(len(t.turns) for t in transcripts),
                    "chunks": len(chunks), "sentences": len(sentences)},
            files=tuple(FileRecord(doc_id=t.doc_id, sha256=t.sha256, bytes=t.size,
                                   encoding=t.encoding, title=t.title, date=t.date, chunks=n, format=t.format)
                        for t, n in zip(transcripts, per_doc)),
            skipped=tuple({"file": s.file, "reason": s.reason} for s in skipped),
            corpus=str(corpus_dir.resolve()),
            built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            build_seconds=seconds,
        ))
        _fsync_tree(staging)
        _publish(index_dir, staging, version)
        report("writing", 3, 3)
        _prune(index_dir, keep=version)
    return BuildReport(
        index_dir=str(index_dir), version=version, files=len(transcripts) + len(skipped),
        documents=len(transcripts), turns=sum(len(t.turns) for t in transcripts), chunks=len(chunks),
        sentences=len(sentences), embedded=embedded_c + embedded_s, reused=reused_c + reused_s,
        skipped=tuple(skipped), seconds=round(time.perf_counter() - started, 2),
    )


def current_version(index_dir: Path) -> str | None:
    try:
        name = (index_dir / CURRENT).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return name or None


def build_running(index_dir: str | Path) -> bool:
    """Whether some process holds the build lock of `index_dir` now."""
    path = Path(index_dir) / LOCK
    if not path.exists():
        return False
    with open(path, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fh, fcntl.LOCK_UN)
    return False


# -- steps ----------------------------------------------------------------------


def _note(progress: Progress | None) -> Progress:
    def report(stage: str, done: int, total: int) -> None:
        if progress:
            progress(stage, done, total)
    return report


class _build_lock:
    def __init__(self, index_dir: Path):
        self.path = index_dir / LOCK

    def __enter__(self):
        self.fh = open(self.path, "a+")
        try:
            fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.fh.seek(0)
            holder = self.fh.read().strip() or "another process"
            self.fh.close()
            raise BuildBusy(f"a build of {self.path.parent} is already running ({holder}); wait for it to finish") from None
        self.fh.seek(0)
        self.fh.truncate()
        self.fh.write(f"pid {os.getpid()}")
        self.fh.flush()
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()


def _sentences(doc: int, text: str, chunks) -> list[Sentence]:
    """The sentences inside the chunks of one document, each once."""
    seen: dict[tuple[int, int], Sentence] = {}
    for c in chunks:
        for line in re.finditer(r"[^\n]+", text[c.start:c.end]):
            a, b = c.start + line.start(), c.start + line.end()
            for s, e in sentence_spans(text, a, b):
                seen.setdefault((s, e), Sentence(doc, s, e))
    return sorted(seen.values(), key=lambda s: s.start)


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _embed(texts: list[str], embedder: Embedder, known: dict[str, np.ndarray],
           progress: Callable[[int, int], None]) -> tuple[np.ndarray, int, int]:
    out = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    todo: dict[str, list[int]] = {}
    reused = 0
    for i, text in enumerate(texts):
        key = _key(text)
        if key in known:
            out[i] = known[key]
            reused += 1
        else:
            todo.setdefault(key, []).append(i)
    unique = [texts[rows[0]] for rows in todo.values()]
    if unique:
        fresh = embedder.embed_documents(unique, progress=lambda d, n: progress(reused + d, reused + n))
        for vec, rows in zip(fresh, todo.values()):
            out[rows] = vec
    progress(len(texts), len(texts))
    return out, reused, len(unique)


def _previous_vectors(index_dir: Path, embedder: Embedder) -> dict[str, dict[str, np.ndarray]]:
    """Vectors of the version in service, by text, when its model is the same."""
    name = current_version(index_dir)
    if not name:
        return {}
    directory = index_dir / name
    try:
        manifest = read_manifest(directory, str(index_dir))
        same = (manifest.model.name == embedder.name and manifest.model.dimension == embedder.dimension
                and manifest.model.document_prompt == embedder.document_prompt)
        if not same:
            return {}
        con = sqlite3.connect(f"file:{directory / STORE}?mode=ro", uri=True)
        try:
            chunk_texts = [r[0] for r in con.execute("SELECT text FROM chunks ORDER BY row")]
            docs = {r[0]: r[1] for r in con.execute("SELECT doc, text FROM documents")}
            sent_texts = [docs[d][s:e] for d, s, e in
                          con.execute("SELECT doc, start_char, end_char FROM sentences ORDER BY row")]
        finally:
            con.close()
        chunk_vecs = vectors.all_vectors(vectors.load(directory / CHUNK_VECTORS))
        sent_vecs = np.load(directory / SENTENCE_VECTORS).astype(np.float32)
        if len(chunk_vecs) != len(chunk_texts) or len(sent_vecs) != len(sent_texts):
            return {}
        return {"chunks": {_key(t): v for t, v in zip(chunk_texts, chunk_vecs)},
                "sentences": {_key(t): v for t, v in zip(sent_texts, sent_vecs)}}
    except Exception as exc:  # a damaged old version only costs re-embedding
        log.info("not reusing vectors of %s: %s", name, exc)
        return {}


def _publish(index_dir: Path, staging: Path, version: str) -> None:
    final = index_dir / version
    os.replace(staging, final)
    pointer = index_dir / f"{CURRENT}.{version}.tmp"
    pointer.write_text(version + "\n", encoding="utf-8")
    with open(pointer, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(pointer, index_dir / CURRENT)
    _fsync_dir(index_dir)


def _clear_leftovers(index_dir: Path) -> None:
    """Remove what a killed build left: staging folders and stray pointer files."""
    for entry in index_dir.iterdir():
        if entry.name.startswith(_STAGING) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(f"{CURRENT}.") and entry.name.endswith(".tmp"):
            entry.unlink(missing_ok=True)


def _prune(index_dir: Path, keep: str) -> None:
    # Keep the previous version too: a reader that opened it a moment ago may still use it.
    versions = sorted(e.name for e in index_dir.iterdir() if e.is_dir() and _VERSION.match(e.name))
    for name in versions[:-2]:
        if name != keep:
            shutil.rmtree(index_dir / name, ignore_errors=True)


def _fsync_tree(directory: Path) -> None:
    for entry in directory.iterdir():
        with open(entry, "rb") as fh:
            os.fsync(fh.fileno())
    _fsync_dir(directory)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class CorpusChanges:
    changed: tuple[str, ...]
    missing: tuple[str, ...]
    added: tuple[str, ...]

    @property
    def any(self) -> bool:
        return bool(self.changed or self.missing or self.added)


def changes_since(manifest: Manifest) -> CorpusChanges | None:
    """How the corpus folder differs from what the index holds; None if the folder is gone."""
    from corpus import find_transcript_files
    from corpus.errors import CorpusError

    root = Path(manifest.corpus)
    try:
        on_disk = {p.relative_to(root).as_posix(): p for p in find_transcript_files(root)}
    except CorpusError:
        return None
    indexed = {f.doc_id: f.sha256 for f in manifest.files}
    skipped = {s["file"] for s in manifest.skipped}
    changed = []
    for doc_id, sha in indexed.items():
        path = on_disk.get(doc_id)
        if path is not None and hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            changed.append(doc_id)
    return CorpusChanges(
        changed=tuple(changed),
        missing=tuple(d for d in indexed if d not in on_disk),
        added=tuple(d for d in on_disk if d not in indexed and d not in skipped),
    )
