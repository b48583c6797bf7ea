"""Build an index directory from a corpus folder and publish it atomically (see
`index.versions` for the layout). Vectors of texts that did not change are carried
over from the version in service (see `index.reuse`), and the manifest records
what makes the new version checkable: sizes and SHA-256 of its files and of the
model's, and the model's probe vector.

A build that fails says why in one line, removes what it wrote, and leaves the
version in service answering; a build that is killed leaves a staging folder
the next build clears.
"""

from __future__ import annotations

import errno
import logging
import re
import secrets
import shutil
import sqlite3
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import numpy as np

from corpus import ChunkSettings, Skipped, find_transcript_files

from . import vectors
from .checked import remember_checked
from .embedding import Embedder, ModelSpec, document_precision, load_embedder
from .errors import BuildFailed, IndexRefused
from .export_cache import cached_export, keep_export
from .exporting import export_ahead, export_in_service, write_query_model
from .onnx_embedding import in_float
from .lexicon import extract, write_lexicon
from .integrity import file_check, folder_checks, hashes_remembered, probe_vector
from .manifest import (CHUNK_VECTORS, FILES, SENTENCE_INDEX, SENTENCE_VECTORS, STORE, FileRecord, Manifest,
                       ModelRecord, write_manifest)
from .incremental import build_key, previous_version, reader_fingerprint, up_to_date
from .reading_pool import read_corpus, start_workers_ahead
from .reuse import embed
from .store import Sentence, Store, write_doc_parts, write_store
from .structure import derive
from .structure_files import write_structure
from .threads import embedding_threads, worker_count
from .tokenizing import whole_text_tokenizer
from .vectors import SearchSettings
from .versions import (CURRENT, LOCK, STAGING, BuildLock, build_running, clear_leftovers, current_version,
                       fsync_tree, prune, publish)

log = logging.getLogger(__name__)

__all__ = ["CURRENT", "LOCK", "BuildReport", "BuildSettings", "build_index", "build_running", "current_version"]

# progress(stage, done, total); stages: "reading", "chunking", "embedding", "writing"
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildSettings:
    model: ModelSpec = field(default_factory=ModelSpec)
    chunking: ChunkSettings = field(default_factory=ChunkSettings)
    outside_links: bool = False  # read links in the corpus folder that resolve outside it
    float_vectors: bool = False  # embed the texts with the model's float graph, not its int8 one (index.quantizing)
    threads: int | None = None  # the most threads embedding uses (None: torch's own choice, every core)
    search: SearchSettings = field(default_factory=SearchSettings)  # flat or graph FAISS indexes, by size


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
    set_aside: dict[str, int] = field(default_factory=dict)  # lines of page furniture kept out, by rule
    unchanged: bool = False  # nothing to do: the version in service holds these files as they are


def build_index(corpus_dir: str | Path, index_dir: str | Path, settings: BuildSettings | None = None,
                embedder: Embedder | None = None, progress: Progress | None = None,
                force: bool = False) -> BuildReport:
    """Build `corpus_dir` into a new version of `index_dir` and publish it; nothing is written when the
    version in service already holds these very files, built the same way (force=True: build anyway)."""
    settings = settings or BuildSettings()
    index_dir = Path(index_dir)
    corpus_dir = Path(corpus_dir)
    # A missing corpus is refused before anything is made.
    paths = find_transcript_files(corpus_dir, settings.outside_links)
    created = _make_folder(index_dir)
    try:
        with _locked(index_dir), hashes_remembered():
            start_workers_ahead(paths, worker_count(settings.threads))  # while the model loads
            return _build(corpus_dir, index_dir, settings, embedder, _note(progress), force)
    except BaseException:
        _remove_created(index_dir, created)
        raise


@contextmanager
def _locked(index_dir: Path):
    """The build lock held, and what a killed build left cleared; one line when the folder refuses."""
    lock = BuildLock(index_dir)
    try:
        lock.__enter__()
    except OSError as exc:
        raise BuildFailed(f"cannot write to the index folder {index_dir} ({_reason(exc)}); "
                          f"{_advice(exc, index_dir)}") from None
    try:
        clear_leftovers(index_dir)
        yield
    finally:
        lock.__exit__()


def _build(corpus_dir: Path, index_dir: Path, settings: BuildSettings, embedder: Embedder | None,
           report: Progress, force: bool) -> BuildReport:
    started = time.perf_counter()
    # First: a model that is not there is refused at once. A rebuild with the model files of the version in
    # service embeds with that version's ONNX export (see index.exporting), without torch; so does a build
    # of a model exported by an earlier build on this machine (index.export_cache).
    given = embedder is not None
    embedder = embedder or export_in_service(settings.model, index_dir, settings.threads)
    kept = None if embedder is not None else cached_export(settings.model, settings.threads)
    folder, scratch = None, None
    if kept is not None:
        embedder, folder = kept
    elif embedder is None:
        # A first build exports the model now and embeds with the export (see index.exporting.export_ahead).
        embedder = load_embedder(settings.model)
        ahead = export_ahead(embedder, index_dir, settings.threads)
        if ahead is not None:
            embedder, folder = ahead
            scratch = folder
            keep_export(settings.model.name, embedder.path, folder)
    if settings.float_vectors:
        embedder = in_float(embedder)
    try:
        return _build_with(corpus_dir, index_dir, settings, embedder, report, started, folder, export_here=given,
                           force=force)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _build_with(corpus_dir: Path, index_dir: Path, settings: BuildSettings, embedder: Embedder,
                report: Progress, started: float, ahead: Path | None, export_here: bool,
                force: bool) -> BuildReport:
    chunking = settings.chunking.fitted_to(embedder.max_tokens)
    chunking_record = {"max_tokens": chunking.max_tokens, "overlap_sentences": chunking.overlap_sentences,
                       "tokenizer": embedder.name, "reader": reader_fingerprint()}
    probe = probe_vector(embedder)
    key = build_key({"chunking": chunking_record, "search": asdict(settings.search),
                     "outside_links": settings.outside_links, "corpus": str(corpus_dir.resolve())})
    same = None if force else up_to_date(index_dir, embedder, probe, key, corpus_dir)
    if same is not None:
        return _unchanged(index_dir, *same, started)
    previous = previous_version(index_dir, embedder, probe, chunking_record)
    files, skipped = read_corpus(corpus_dir, settings.outside_links, previous, whole_text_tokenizer(embedder),
                                 chunking, worker_count(settings.threads))
    transcripts = [f.transcript for f in files]
    report("reading", len(transcripts), len(transcripts) + len(skipped))
    if not transcripts:
        raise IndexRefused(f"none of the files in {corpus_dir} could be read; the index was not changed")

    carried = [previous.carried(f.transcript) if f.chunks is None else None for f in files]
    chunks, sentences, per_doc = [], [], []
    old_chunk_rows, old_sentence_rows = [], []  # (new row, old row) of what is carried over
    for i, (f, c) in enumerate(zip(files, carried)):
        if c is not None:
            old_chunk_rows.extend(zip(range(len(chunks), len(chunks) + len(c.chunks)), c.chunk_rows.tolist()))
            old_sentence_rows.extend(zip(range(len(sentences), len(sentences) + len(c.sentences)),
                                         c.sentence_rows.tolist()))
            doc_chunks = list(c.chunks)
            sentences.extend(c.sentences if c.doc == i else (Sentence(i, s.start, s.end) for s in c.sentences))
        else:
            doc_chunks = list(f.chunks)
            sentences.extend(Sentence(i, a, b) for a, b in f.sentences)
        chunks.extend(doc_chunks)
        per_doc.append(len(doc_chunks))
        report("chunking", i + 1, len(transcripts))

    known = previous.known({(t.doc_id, t.sha256) for t, c in zip(transcripts, carried) if c is not None})
    with embedding_threads(settings.threads):
        chunk_vecs, reused_c, embedded_c = _vectors(
            [c.text for c in chunks], old_chunk_rows, previous.chunk_vectors, known["chunks"], embedder,
            lambda d, n: report("embedding", d, n + len(sentences)))
        sent_vecs, reused_s, embedded_s = _vectors(
            [transcripts[s.doc].text[s.start:s.end] for s in sentences], old_sentence_rows, previous.sentence_vectors,
            known["sentences"], embedder, lambda d, n: report("embedding", len(chunks) + d, len(chunks) + n))
    model = _model_record(embedder, probe)

    version = f"v{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
    staging = index_dir / f"{STAGING}{version}"
    try:
        staging.mkdir()
        report("writing", 0, 3)
        write_store(staging / STORE, transcripts, chunks, sentences)
        # FAISS and SQLite work without Python's lock: the vector indexes are built and the postings read
        # out while Python derives the structure, each on a core (a block waits for all of them, even on error).
        with ThreadPoolExecutor(max_workers=2) as pool:
            searched = pool.submit(_write_vectors, staging, chunk_vecs, sent_vecs, settings.search)
            postings = pool.submit(extract, staging / STORE)
            structure = _structure(staging / STORE, transcripts, chunks, sentences,
                                   [c.parts if c is not None else None for c in carried])
        write_structure(staging, structure)
        write_doc_parts(staging / STORE, structure.parts)
        write_lexicon(staging / STORE, staging, postings.result())
        search = searched.result()
        query_model = write_query_model(embedder, model, index_dir, staging, ahead, export_here)
        report("writing", 2, 3)
        manifest = Manifest(
            model=model,
            chunking=chunking_record,
            counts={"documents": len(transcripts), "turns": sum(len(t.turns) for t in transcripts),
                    "chunks": len(chunks), "sentences": len(sentences)},
            files=tuple(FileRecord(doc_id=t.doc_id, sha256=t.sha256, bytes=t.size,
                                   encoding=t.encoding, title=t.title, date=t.date, chunks=n, format=t.format)
                        for t, n in zip(transcripts, per_doc)),
            skipped=tuple({"file": s.file, "reason": s.reason} for s in skipped),
            corpus=str(corpus_dir.resolve()),
            outside_links=settings.outside_links,
            search=search,
            built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            build_key=key,
            build_seconds=round(time.perf_counter() - started, 2),
            contents=tuple(file_check(staging / name, name) for name in FILES) + query_model,
        )
        write_manifest(staging, manifest)
        fsync_tree(staging)
        publish(index_dir, staging, version)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, (OSError, sqlite3.Error, RuntimeError)):
            raise BuildFailed(f"could not write the new version into {index_dir} ({_reason(exc)}); "
                              f"{_advice(exc, index_dir)}; the version in service is unchanged") from None
        raise
    report("writing", 3, 3)
    # The vectors were checked in memory and written from there into a folder no one else knew of until now: the
    # first open need not read them back, unless they were written too shortly before now to be told apart later.
    remember_checked(index_dir / version, manifest, time.time_ns())
    prune(index_dir, keep=version)
    return BuildReport(
        index_dir=str(index_dir), version=version, files=len(transcripts) + len(skipped),
        documents=len(transcripts), turns=sum(len(t.turns) for t in transcripts), chunks=len(chunks),
        sentences=len(sentences), embedded=embedded_c + embedded_s, reused=reused_c + reused_s,
        skipped=tuple(skipped), seconds=round(time.perf_counter() - started, 2),
        set_aside=dict(Counter(s.reason for t in transcripts for s in t.set_aside).most_common()),
    )


def _unchanged(index_dir: Path, version: str, manifest: Manifest, started: float) -> BuildReport:
    counts = manifest.counts
    return BuildReport(
        index_dir=str(index_dir), version=version, files=len(manifest.files), documents=counts["documents"],
        turns=counts["turns"], chunks=counts["chunks"], sentences=counts["sentences"], embedded=0,
        reused=counts["chunks"] + counts["sentences"], skipped=(), seconds=round(time.perf_counter() - started, 2),
        unchanged=True)


def _write_vectors(staging: Path, chunk_vecs: np.ndarray, sent_vecs: np.ndarray,
                   settings: SearchSettings) -> dict:
    """The chunk and sentence FAISS indexes, each chosen by its size; what was chosen, for the manifest."""
    chunk_index, chunk_record = vectors.build_chosen(chunk_vecs, settings)
    vectors.save(chunk_index, staging / CHUNK_VECTORS)
    del chunk_index
    half = sent_vecs.astype(np.float16)
    np.save(staging / SENTENCE_VECTORS, half)
    sentence_index, sentence_record = vectors.build_chosen(half.astype(np.float32), settings, half=True, seed=1)
    vectors.save(sentence_index, staging / SENTENCE_INDEX)
    for name, record in (("chunks", chunk_record), ("sentences", sentence_record)):
        for tried in (*record.get("rejected", ()), record):
            if "recall_at_10" in tried:
                log.info("%s: %s index, recall@10 %.3f against exact search%s", name, tried["kind"],
                         tried["recall_at_10"], "" if tried is record else ", set aside")
    return {"chunks": chunk_record, "sentences": sentence_record}


def _model_record(embedder: Embedder, probe: tuple[float, ...]) -> ModelRecord:
    path = getattr(embedder, "path", None)
    try:
        files = folder_checks(Path(path)) if path else ()
    except OSError as exc:
        raise BuildFailed(f"cannot read the files of the model {embedder.name!r} in {path} ({_reason(exc)}); "
                          "check that folder; the index was not changed") from None
    return ModelRecord(name=embedder.name, dimension=embedder.dimension, max_tokens=embedder.max_tokens,
                       query_prompt=embedder.query_prompt, document_prompt=embedder.document_prompt,
                       path=path, files=files, probe=probe,
                       documents=document_precision(embedder))


def _make_folder(index_dir: Path) -> list[Path]:
    """Make the index folder and any missing parents; the ones made, deepest first."""
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexRefused(f"{index_dir} is a file; name a folder for the index")
    missing = []
    for folder in (index_dir, *index_dir.absolute().parents):
        if folder.exists():
            break
        missing.append(folder)
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _remove_created(index_dir, missing)
        raise BuildFailed(f"cannot make the index folder {index_dir} ({_reason(exc)}); "
                          f"{_advice(exc, index_dir)}") from None
    return missing


def _remove_created(index_dir: Path, created: list[Path]) -> None:
    """After a failed build, remove the folders it made, if nothing was published in them."""
    if not created or not index_dir.is_dir():
        return
    try:
        if current_version(index_dir):
            return
    except IndexRefused:
        return
    (index_dir / LOCK).unlink(missing_ok=True)
    for entry in index_dir.iterdir():
        if entry.name.startswith(STAGING):
            shutil.rmtree(entry, ignore_errors=True)
    for folder in created:  # deepest first; a folder someone else filled meanwhile stays
        try:
            folder.rmdir()
        except OSError:
            break


_FULL = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
_NOT_FOLDER = (errno.ENOTDIR, errno.EEXIST)
_DENIED = (errno.EACCES, errno.EPERM, errno.EROFS)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = " ".join(str(exc).split())
    system = re.search(r"\(([^()]+)\)$", text)  # FAISS ends a long message with the system's reason
    if system:
        return system.group(1)
    if re.search(r"requested and \d+ written", text):  # NumPy's word for a write the disk cut short
        return f"a short write, {text}"
    return text[:120] or type(exc).__name__


def _advice(exc: BaseException, index_dir: Path) -> str:
    text = str(exc).lower()
    if (isinstance(exc, OSError) and exc.errno in _FULL) or any(
            words in text for words in ("full", "no space", "too large", "requested and")):
        return f"free some space where {index_dir} is, then build again"
    if (isinstance(exc, OSError) and exc.errno in _DENIED) or "permission" in text or "read-only" in text:
        return f"make {index_dir} writable, or build into another folder with --index"
    if isinstance(exc, OSError) and exc.errno in _NOT_FOLDER:
        return "a part of that path is a file; name a folder for the index with --index"
    return "check the folder and the disk, then build again"


# -- steps ----------------------------------------------------------------------


def _note(progress: Progress | None) -> Progress:
    def report(stage: str, done: int, total: int) -> None:
        if progress:
            progress(stage, done, total)
    return report


def _vectors(texts: list[str], carried: list[tuple[int, int]], old: np.ndarray, known, embedder: Embedder,
             progress: Callable[[int, int], None]) -> tuple[np.ndarray, int, int]:
    """Vectors for `texts`: rows carried over from the old version's `old` by (new row, old row), the
    rest reused by text or embedded. (vectors, reused, embedded)."""
    out = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    if carried:
        new_rows, old_rows = (np.array(x, dtype=np.int64) for x in zip(*carried))
        out[new_rows] = old[old_rows]
    todo = np.ones(len(texts), dtype=bool)
    todo[[r for r, _ in carried]] = False
    rows = np.flatnonzero(todo)
    fresh, reused, embedded = embed([texts[r] for r in rows], embedder, known,
                                    lambda d, n: progress(len(carried) + d, len(carried) + n))
    out[rows] = fresh
    return out, reused + len(carried), embedded


def _structure(store_path: Path, transcripts, chunks, sentences, parts):
    """The structure of the new version's rows; background terms are counted by its own lexical index;
    `parts`, per transcript, what it gives the whole, carried over from the version in service (or None)."""
    store = Store(store_path)
    try:
        return derive(transcripts, chunks, sentences, lambda match: len(store.lexical(match)[0]), parts)
    finally:
        store.close()
