"""Build speed, printed: reading MB/s, full build, and a rebuild after one file changed.

    python tests/benchmark_build.py [--copies 50] [--folder DIR ...] [--no-build]

Reading is what a build does before embedding: read and parse every file
(`load_corpus`), chunk (`chunk_transcripts`, the model's tokenizer) and find the
sentences inside the chunks. It is timed on each folder and on a corpus of the
five briefings copied `--copies` times; then that corpus is built in full with the
bundled model, one file is changed and it is built again.

Not a test: timings belong in a report, not in an assertion. The machine may be
shared: the load average is printed with the figures, and CPU seconds beside wall
seconds (the CPU time is what this process got).
"""

from __future__ import annotations

import argparse
import os
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
        many = _copies(SHARED / "transcripts", Path(tmp) / "corpus", args.copies) if args.copies else None
        for folder in folders + ([many] if many else []):
            _reading(folder, embedder)
        if args.no_build or many is None:
            return
        index_dir = Path(tmp) / "index"
        full = build_index(many, index_dir, embedder=embedder)
        print(f"full build, {full.documents} files, {full.chunks} chunks, {full.sentences} sentences: "
              f"{full.seconds:.1f} s (model loaded; {full.embedded} texts embedded)  [load {_load()}]")
        same = build_index(many, index_dir, embedder=embedder)
        print(f"rebuild, nothing changed: {same.seconds:.2f} s ({same.embedded} embedded, {same.reused} reused)")
        files = sorted(many.iterdir())
        changed = files[len(files) // 2]
        changed.write_text(changed.read_text(encoding="utf-8").replace(". ", ".  ", 3) +
                           "\nA closing remark added for the benchmark, about fares and timetables.\n",
                           encoding="utf-8")
        one = build_index(many, index_dir, embedder=embedder)
        print(f"rebuild, one file changed ({changed.name}): {one.seconds:.2f} s, {100 * one.seconds / full.seconds:.1f}% "
              f"of the full build ({one.embedded} embedded, {one.reused} reused)  [load {_load()}]")


def _reading(folder: Path, embedder) -> None:
    from corpus import ChunkSettings, load_corpus
    from corpus.chunking import chunk_transcripts
    from index.build import _sentences
    from index.tokenizing import whole_text_tokenizer

    tokenizer = whole_text_tokenizer(embedder)
    wall, cpu = time.perf_counter(), time.process_time()
    transcripts, _ = load_corpus(folder)
    read_wall, read_cpu = time.perf_counter() - wall, time.process_time() - cpu
    chunks = sentences = 0
    for i, (t, doc_chunks) in enumerate(zip(transcripts, chunk_transcripts(transcripts, tokenizer, ChunkSettings()))):
        chunks += len(doc_chunks)
        sentences += len(_sentences(i, t.text, doc_chunks))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    mb = sum(t.size for t in transcripts) / 1e6
    print(f"reading {folder.name}: {len(transcripts)} files, {mb:.2f} MB, {chunks} chunks, {sentences} sentences: "
          f"{wall:.2f} s wall ({read_wall:.2f} s reading and parsing) = {mb / wall:.2f} MB/s; "
          f"{cpu:.2f} s CPU ({read_cpu:.2f}) = {mb / cpu:.2f} MB/s of CPU  [load {_load()}]")


def _copies(source: Path, target: Path, copies: int) -> Path:
    """`copies` copies of every file in `source`, side by side."""
    target.mkdir(parents=True)
    for i in range(copies):
        for f in sorted(source.iterdir()):
            if f.is_file():
                shutil.copyfile(f, target / f"{i:03d}_{f.name}")
    return target


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    main()
