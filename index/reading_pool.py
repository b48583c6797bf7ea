"""A build's reading, parsing and chunking, on as many cores as it may use.

Files are independent until their chunks are embedded: each is read, parsed into turns,
chunked with the model's tokenizer and split into the sentences the index stores. Python
threads would take turns on the interpreter, so a large corpus is shared among worker
processes; a small one, a build told to leave cores free, or a tokenizer that cannot
travel to another process is read here, by the same function. Either way the result is
the same, file for file.

A file the version in service can carry over whole (same name, same bytes, same reading
and chunking) is not parsed again: its transcript comes from that version and it has no
chunks here (the build takes them from the version too).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from corpus import ChunkSettings, Skipped
from corpus.chunking import Chunk, chunk_transcripts
from corpus.reading import MAX_BYTES, read_or_skip, transcript_files
from corpus.records import Transcript

from .tokenizing import WholeTextTokenizer

if TYPE_CHECKING:  # its import (FAISS among it) would cost every reading worker a tenth of a second at start
    from .incremental import Previous

log = logging.getLogger(__name__)

PARALLEL_BYTES = 2_000_000  # below this, starting workers costs more than they save
_TASK_BYTES = 250_000  # files handed to a worker at a time


@dataclass(frozen=True)
class ReadFile:
    """One file as the build needs it: its transcript, and (unless carried over whole) its chunks
    and the spans of the sentences stored on their own."""

    transcript: Transcript
    chunks: tuple[Chunk, ...] | None
    sentences: tuple[tuple[int, int], ...] | None


def read_corpus(corpus_dir: Path, outside_links: bool, previous: Previous, tokenizer: WholeTextTokenizer,
                chunking: ChunkSettings, workers: int) -> tuple[list[ReadFile], list[Skipped]]:
    """Every readable file of the corpus, in order, and the files skipped with the reason."""
    root = Path(corpus_dir)
    paths, skipped = transcript_files(root, outside_links)
    out: list[ReadFile | Skipped | None] = [None] * len(paths)
    fresh: list[int] = []
    for i, path in enumerate(paths):
        key = _key(path, root)
        if key is not None and previous.carried_file(*key) is not None:
            out[i] = _carried(read_or_skip(path, root, previous.transcript))
        else:
            fresh.append(i)
    with _collector_paused():
        reads = _read_fresh(root, [paths[i] for i in fresh], tokenizer, chunking, workers)
    for i, read in zip(fresh, reads):
        out[i] = read
    files = [r for r in out if isinstance(r, ReadFile)]
    return files, skipped + [r for r in out if isinstance(r, Skipped)]


@contextmanager
def _collector_paused():
    """Python's cycle collector off while files are read: reading makes hundreds of thousands of
    small objects and no cycles, and each collection walks every object still alive (the files read
    so far, and in a served page its open index): with it on, reading ../shared/corpora took 0.93 s
    after a first reading was still held, 0.62 s before. What reading leaves is freed by reference
    counts as usual; the collector runs again as soon as reading ends."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _key(path: Path, root: Path) -> tuple[str, str] | None:
    try:
        if path.stat().st_size > MAX_BYTES:
            return None  # refused by the reader, with its reason
        return path.relative_to(root).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # the reader says why


def _carried(read: Transcript | Skipped) -> ReadFile | Skipped:
    return ReadFile(read, None, None) if isinstance(read, Transcript) else read


def _read_fresh(root: Path, paths: list[Path], tokenizer: WholeTextTokenizer, chunking: ChunkSettings,
                workers: int) -> list[ReadFile | Skipped]:
    sizes = [_size(p) for p in paths]
    state = tokenizer.portable() if workers > 1 and sum(sizes) >= PARALLEL_BYTES else None  # costs ~10 ms
    if state is None:
        return _read_files(root, paths, tokenizer, chunking)
    # The largest files first, so that the last tasks are small and no worker is left reading alone at the end.
    order = sorted(range(len(paths)), key=lambda i: -sizes[i])
    tasks, task, task_bytes = [], [], 0
    for i in order:
        task.append(i)
        task_bytes += sizes[i]
        if task_bytes >= _TASK_BYTES:
            tasks.append(task)
            task, task_bytes = [], 0
    if task:
        tasks.append(task)
    try:
        with ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=_context(),
                                 initializer=_start_worker, initargs=(state, chunking)) as pool:
            parts = pool.map(_worker_task, [(root, [paths[i] for i in t]) for t in tasks])
            out: list[ReadFile | Skipped | None] = [None] * len(paths)
            for t, part in zip(tasks, parts):
                for i, read in zip(t, part):
                    out[i] = _unpacked(read)
            return out
    except (OSError, RuntimeError, ValueError) as exc:  # no processes, or no forkserver, here: read in this one
        log.info("reading in one process: %s", exc)
        return _read_files(root, paths, tokenizer, chunking)


def _context():
    # forkserver: workers forked from a fresh process, never from this one's threads (ONNX Runtime, torch, a server).
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def start_workers_ahead(paths: list[Path], workers: int) -> None:
    """Start now the process reading workers are forked from, when reading `paths` will use workers: it
    imports the readers (about 0.2 s) on another core while the build loads its model, instead of while
    the build waits for its first files. Nothing happens when the files are read in this process."""
    if workers < 2 or sum(_size(p) for p in paths) < PARALLEL_BYTES:
        return
    try:
        from multiprocessing import forkserver

        _context()
        forkserver.ensure_running()
    except (OSError, RuntimeError, ValueError) as exc:  # reading will say so, and read in this process
        log.info("reading workers not started ahead: %s", exc)


def _read_files(root: Path, paths: list[Path], tokenizer, chunking: ChunkSettings) -> list[ReadFile | Skipped]:
    reads = [read_or_skip(p, root) for p in paths]
    transcripts = [r for r in reads if isinstance(r, Transcript)]
    # Not tokenized ahead on a thread: the whole-text offsets are mostly Python now (`index.word_tokens`),
    # and a thread taking turns at the interpreter made reading a small corpus slower, not faster.
    chunked = chunk_transcripts(transcripts, tokenizer, chunking, ahead=False)
    out: list[ReadFile | Skipped] = []
    for r in reads:
        if isinstance(r, Skipped):
            out.append(r)
            continue
        done = next(chunked)
        out.append(ReadFile(r, tuple(done.chunks), tuple(done.sentences)))
    return out


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


_worker: dict = {}


def _start_worker(state, chunking: ChunkSettings) -> None:
    _worker["tokenizer"] = WholeTextTokenizer.from_portable(state)
    _worker["chunking"] = chunking


def _worker_task(job: tuple[Path, list[Path]]) -> list[tuple | Skipped]:
    root, paths = job
    with _collector_paused():
        return [_packed(r) for r in _read_files(root, paths, _worker["tokenizer"], _worker["chunking"])]


# A chunk's text is a slice of its transcript's, so it does not travel back from a worker: the chunks of a
# file, with their overlaps, are about as large as its text again, and the results come through one pipe.
def _packed(read: ReadFile | Skipped) -> tuple | Skipped:
    if isinstance(read, Skipped):
        return read
    rows = tuple(tuple(getattr(c, name) for name in _CARRIED) for c in read.chunks)
    return read.transcript, rows, read.sentences


def _unpacked(packed: tuple | Skipped) -> ReadFile | Skipped:
    if isinstance(packed, Skipped):
        return packed
    t, rows, sentences = packed
    chunks = (dict(zip(_CARRIED, row)) for row in rows)
    return ReadFile(t, tuple(Chunk(**c, text=t.text[c["start"]:c["end"]]) for c in chunks), sentences)


_CARRIED = tuple(f.name for f in fields(Chunk) if f.name != "text")  # every field of a chunk but its text
