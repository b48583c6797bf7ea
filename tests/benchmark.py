"""Speed figures, printed: build time, chunk count, warm `ask` latency, memory.

    python tests/benchmark.py [CORPUS_DIR] [--repeat 20]

Not a test: timings belong in a report, not in an assertion.
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

QUESTIONS = [
    "How many apps were checked for breaking the rules?",
    "What did Zhao Zhiguo say about elderly-friendly internet services?",
    "Is it getting easier for small specialised firms to raise money on the stock market?",
    "How many 5G base stations are there?",
    "What will the ministry do next about car consumption?",
]


def main() -> None:
    default = REPO.parent / "shared" / "transcripts"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(default if default.is_dir() else REPO / "corpus" / "samples"))
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    from assistant import Assistant
    from index import ModelSpec, build_index, load_embedder

    print(f"machine: {platform.machine()}, {_cores()} cores, Python {platform.python_version()}")
    started = time.perf_counter()
    embedder = load_embedder(ModelSpec())
    print(f"model load: {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        report = build_index(args.corpus, Path(tmp) / "index", embedder=embedder)
        print(f"build (cold, model loaded): {report.seconds:.1f} s for {report.documents} transcripts, "
              f"{report.chunks} chunks, {report.sentences} sentences ({report.embedded} texts embedded)")
        again = build_index(args.corpus, Path(tmp) / "index", embedder=embedder)
        print(f"rebuild, nothing changed: {again.seconds:.2f} s ({again.reused} vectors reused)")

        assistant = Assistant.open(Path(tmp) / "index", embedder=embedder)
        for q in QUESTIONS:
            assistant.ask(q)  # warm up
        times = []
        for i in range(args.repeat):
            q = QUESTIONS[i % len(QUESTIONS)]
            t = time.perf_counter()
            assistant.ask(q, k=5)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(f"warm ask, k=5: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms over {len(times)} questions")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    main()
