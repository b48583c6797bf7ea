"""Open time, printed: how long `Assistant.open` takes with the model already loaded.

    python tests/benchmark_open.py INDEX_DIR [--build CORPUS_DIR] [--repeat 5]

With --build the index is built first (same loaded model; vectors of identical texts are
embedded once). Not a test: timings belong in a report, not in an assertion.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", type=Path)
    parser.add_argument("--build", type=Path, metavar="CORPUS_DIR")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from assistant import Assistant
    from index import ModelSpec, build_index, load_embedder, open_index

    started = time.perf_counter()
    embedder = load_embedder(ModelSpec())
    print(f"model load (excluded below): {time.perf_counter() - started:.1f} s")
    if args.build:
        report = build_index(args.build, args.index, embedder=embedder)
        print(f"build: {report.seconds:.1f} s, {report.documents} transcripts, {report.chunks} chunks, "
              f"{report.sentences} sentences ({report.embedded} texts embedded, {report.reused} reused)")
    opens, cpu, indexes = [], [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        ix = open_index(args.index, embedder=embedder)
        indexes.append(time.perf_counter() - t)
        ix.close()
        t, c = time.perf_counter(), time.process_time()
        assistant = Assistant.open(args.index, embedder=embedder)
        opens.append(time.perf_counter() - t)
        # CPU time of this process too: on a machine shared with other jobs, wall time mostly measures them.
        cpu.append(time.process_time() - c)
        chunks = len(assistant.index.store)
        assistant.index.close()
    print(f"{chunks} chunks: Assistant.open median {statistics.median(opens) * 1000:.0f} ms wall "
          f"(min {min(opens) * 1000:.0f}, max {max(opens) * 1000:.0f}), {statistics.median(cpu) * 1000:.0f} ms CPU; "
          f"of it open_index median {statistics.median(indexes) * 1000:.0f} ms wall; {args.repeat} opens")


if __name__ == "__main__":
    main()
