"""Build speed, printed: reading MB/s, full build, and a rebuild after one file changed.

    python tests/benchmark_build.py [--copies 50] [--distinct] [--folder DIR ...] [--no-build]

Reading is what a build does before embedding: read and parse every file, chunk
with the model's tokenizer and find the sentences inside the chunks
(`index.reading_pool`, in one process and then on every core), and the model's
tokenizer alone over the same texts, the floor under it. It is timed on each
folder and on a corpus of the five briefings copied `--copies` times; then that
corpus is built in full with the bundled model as `transcript-qa build` builds it (the
model's kept ONNX export, its int8 graph embedding the texts), one file is changed and
it is built again.

The copies hold the same texts, so their full build embeds only the five briefings'
texts and is mostly the rest of a build. With --distinct every sentence of every copy
after the first is made its own (a word naming the copy is put before each full stop
followed by a space or a line's end), so the full build embeds every text, as a build
of that many different transcripts would: the rebuild after one changed file is then
measured against the full build a real archive of that size costs.

Not a test: timings belong in a report, not in an assertion. The machine may be
shared: the load average is printed with the figures, and CPU seconds beside wall
seconds (the CPU time is what this process got).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--distinct", action="store_true", help="make every copy's sentences its own (see the doc)")
    parser.add_argument("--folder", action="append", default=None,
                        help="a folder to time reading on (default: ../shared/transcripts and ../shared/corpora)")
    parser.add_argument("--no-build", action="store_true", help="time reading only")
    args = parser.parse_args()
    folders = [Path(f) for f in args.folder] if args.folder else [
        f for f in (SHARED / "transcripts", SHARED / "corpora") if f.is_dir()]

    from index import ModelSpec, build_index, load_embedder

    print(f"{_cores()} cores; load average {_load()} (other work on the machine slows every figure)")
    embedder = load_embedder(ModelSpec())
    with tempfile.TemporaryDirectory() as tmp:
        many = (_copies(SHARED / "transcripts", Path(tmp) / "corpus", args.copies, args.distinct)
                if args.copies else None)
        for folder in folders + ([many] if many else []):
            _reading(folder, embedder)
        if args.no_build or many is None:
            return
        index_dir = Path(tmp) / "index"
        # As the command line builds: no embedder given, so the kept export embeds (index.export_cache).
        full = build_index(many, index_dir)
        print(f"full build, {full.documents} files, {full.chunks} chunks, {full.sentences} sentences: "
              f"{full.seconds:.1f} s (the kept export; {full.embedded} texts embedded)  [load {_load()}]")
        same = build_index(many, index_dir)
        print(f"rebuild, nothing changed: {same.seconds:.2f} s ({same.embedded} embedded, {same.reused} reused)")
        files = sorted(many.iterdir())
        changed = files[len(files) // 2]
        changed.write_text(changed.read_text(encoding="utf-8").replace(". ", ".  ", 3) +
                           "\nA closing remark added for the benchmark, about fares and timetables.\n",
                           encoding="utf-8")
        one = build_index(many, index_dir)
        print(f"rebuild, one file changed ({changed.name}): {one.seconds:.2f} s, {100 * one.seconds / full.seconds:.1f}% "
              f"of the full build ({one.embedded} embedded, {one.reused} reused)  [load {_load()}]")


def _reading(folder: Path, embedder) -> None:
    """Reading as a build does it (`index.reading_pool`): in one process, then on every core."""
    from corpus import ChunkSettings
    from index.incremental import NOTHING
    from corpus.reading import transcript_files
    from index.reading_pool import PARALLEL_BYTES, read_corpus, start_workers_ahead
    from index.threads import worker_count
    from index.tokenizing import whole_text_tokenizer

    tokenizer = whole_text_tokenizer(embedder)
    # On more than one core, twice when the folder is large enough for workers: first with the process they
    # are forked from started when reading asks for them, then as a build reads, which starts it as the build
    # begins (`index.reading_pool.start_workers_ahead`) and loads its model meanwhile.
    workers = worker_count(None)
    paths = transcript_files(folder)[0]
    small = sum(p.stat().st_size for p in paths) < PARALLEL_BYTES
    runs = [(1, "", False)] + ([] if workers < 2 else [(workers, "", False)] if small else
                               [(workers, "its workers started on the spot", False),
                                (workers, "its workers started ahead, as a build does", True)])
    for count, how, ahead in runs:
        if ahead:
            start_workers_ahead(paths, count)
        wall, cpu = time.perf_counter(), time.process_time()
        files, _ = read_corpus(folder, False, NOTHING, tokenizer, ChunkSettings(), count)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        mb = sum(f.transcript.size for f in files) / 1e6
        chunks = sum(len(f.chunks) for f in files)
        sentences = sum(len(f.sentences) for f in files)
        many = f"{count} process{'es' if count > 1 else ''}{', ' + how if how else ''}"
        print(f"reading {folder.name} with {many}: "
              f"{len(files)} files, {mb:.2f} MB, {chunks} chunks, {sentences} sentences: {wall:.2f} s wall = "
              f"{mb / wall:.2f} MB/s ({cpu:.2f} s CPU in this process)  [load {_load()}]")
    # The floor under reading: the model's tokenizer alone, with the offsets chunking reads spans off,
    # over the same texts in one process (best of three). Its words are cached after the reading above
    # (`index.word_tokens`); a fresh tokenizer's first call, which encodes every distinct word, and the
    # Rust tokenizer's own call over the whole texts (what it replaced) are printed beside it.
    texts = [f.transcript.text for f in files]
    best = min(_timed(lambda: tokenizer.token_spans(texts)) for _ in range(3))
    fresh = whole_text_tokenizer(embedder)
    cold = _timed(lambda: fresh.token_spans(texts))
    backend = getattr(tokenizer, "_backend", None)
    rust = min(_timed(lambda: backend.encode_batch(texts, add_special_tokens=False)) for _ in range(3)) if backend else 0
    print(f"  the model's tokenizer alone on {folder.name}, 1 process: {best:.2f} s = {mb / best:.2f} MB/s of the files"
          f" (first call, no word cached: {mb / cold:.2f} MB/s"
          + (f"; the Rust tokenizer's one call over whole texts: {mb / rust:.2f} MB/s)" if rust else ")"))


def _copies(source: Path, target: Path, copies: int, distinct: bool = False) -> Path:
    """`copies` copies of every file in `source`, side by side (distinct: see the module's doc)."""
    target.mkdir(parents=True)
    for i in range(copies):
        for f in sorted(source.iterdir()):
            if not f.is_file():
                continue
            if distinct and i:
                text = f.read_text(encoding="utf-8")
                (target / f"{i:03d}_{f.name}").write_text(_STOP.sub(f" copy{i}.", text), encoding="utf-8")
            else:
                shutil.copyfile(f, target / f"{i:03d}_{f.name}")
    return target


_STOP = re.compile(r"\.(?= |$)", re.MULTILINE)


def _timed(step) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    main()
