"""Speed figures, printed: build, reading, open, asking, memory, disk and ANN recall, at growing sizes.

    python tests/benchmark.py [CORPUS_DIR] [--repeat 20] [--questions FILE.jsonl]   one corpus as it is
    python tests/benchmark.py --scale 100000 [--million 1000000]  corpora up to 100,000 chunks
    make bench BENCH_ARGS="--scale 100000"

Not a test: timings belong in a report, not in an assertion.

Scale mode builds, for each series (the five briefings of ../shared/transcripts; the transcripts
of ../shared/corpora; without ../shared, the shipped samples), corpora of growing size from
copies of the real text, recombined so that no two copies hold the same chunks: each copy of a
plain-text or Markdown transcript keeps its opening paragraphs (title, date, who is speaking)
and shuffles the rest, and every copy shifts the numbers and years in its text (other formats
are copied with their numbers shifted outside their timestamps). Sizes grow by about 5x up to
--scale chunks.

Vectors. The smallest size of each series is embedded with the real model. Larger sizes reuse
real vectors: every distinct sentence of the series' real text (numbers masked, so a copy's
sentence finds its original) is embedded once by the real model, and a text of a copy gets the
normalised sum of its sentences' real vectors plus noise of norm COPY_NOISE seeded by the text
itself (cosine about 0.98 to the original: the copies of a text are near one another, not
equal); a text with a sentence never seen is embedded by the real model. With far less noise
(0.02, an earlier choice) each text had up to 250 near-identical copies whose scores tied within
float16 precision, and the sentence graph failed its recall check at 134k sentences: an artefact
of copying, not of an archive. Questions are always embedded by the real model. Build times at
those sizes therefore leave out most of the embedding; they measure reading, chunking, the
store, the FAISS indexes (and the graph's recall check) and the writing. Each larger size is built over a copy of the first
size's index, as a rebuild: it links that version's ONNX export (so its cold `ask` needs no torch,
as after `transcript-qa build`) and carries the five unchanged originals among its files.

Each size runs in a process of its own, so its peak memory (max RSS: build, open and asks) is
its own. Per size it prints: build time, reading+parsing+chunking MB/s (timed alone, as a build
reads, just before the build), open time (model already
loaded), warm ask p50/p95 in the process that built the index and again in a new process that
only opened it ("served": as the page or an API process serves questions after a start; over
five rounds of the questions), a cold `ask` in a new process (python -m assistant.cli), peak
memory, index size on disk, and recall@10 against exact search of the chunk and sentence
indexes, as checked at build time (manifest) and on the benchmark's questions.

--million N: a query-side run on N synthetic unit vectors (real sentence vectors with noise, so
they cluster as text does): FAISS only, flat against IVF and HNSW, latency and recall@10.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"

COPY_NOISE = 0.2  # norm of the noise added to a copy's reused vector (see the doc)

QUESTIONS = [
    "How many apps were checked for breaking the rules?",
    "What did Zhao Zhiguo say about elderly-friendly internet services?",
    "Is it getting easier for small specialised firms to raise money on the stock market?",
    "How many 5G base stations are there?",
    "What will the ministry do next about car consumption?",
]
CORPORA_QUESTIONS = [
    "What did the press secretary say about inflation?",
    "What was decided about the budget?",
    "Which arguments did the justices question?",
    "What is planned for the next network upgrade?",
    "How did the council vote on the housing proposal?",
]
SAMPLE_QUESTIONS = [
    "How many residents are covered by evacuation plans?",
    "What happened to rail passenger trips?",
    "When do cooling centers open?",
    "What is the outlook for the second quarter?",
    "How fast does a flood warning reach a village?",
]
TEXT_SUFFIXES = {".txt", ".md"}
KEEP_OPENING = 3  # paragraphs of a copy left in place: title, date, who is speaking


def main() -> None:
    default = SHARED / "transcripts"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(default if default.is_dir() else REPO / "corpus" / "samples"))
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--questions", help="gold questions to ask, one JSON object a line (one corpus as it is; "
                                            "default: the corpus's tune set, where it has one)")
    parser.add_argument("--scale", type=int, help="largest corpus, in chunks (scale mode)")
    parser.add_argument("--series", default="briefings,corpora", help="which series to run (scale mode)")
    parser.add_argument("--million", type=int, default=0, help="synthetic vectors of the query-side run (0: none)")
    parser.add_argument("--work", help="folder for corpora and indexes (default: a temporary one)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # one size, in a process of its own
    parser.add_argument("--served", help=argparse.SUPPRESS)  # warm asks in a process that only opened the index
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_one_size(json.loads(args.one))))
        return
    if args.served:
        print(json.dumps(_served(json.loads(args.served))))
        return
    print(f"machine: {platform.machine()}, {_cores()} cores (shared with other work while measured: timings are "
          f"noisy), Python {platform.python_version()}")
    if args.scale or args.million:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(args.work or tmp)
            work.mkdir(parents=True, exist_ok=True)
            for name in args.series.split(",") if args.scale else ():
                _series(name.strip(), args.scale, args.repeat, work)
            if args.million:
                _million(args.million, work)
        return
    _plain(Path(args.corpus), args.repeat, _questions_for(Path(args.corpus), args.questions))


# -- scale mode ------------------------------------------------------------------------


def _sources(name: str) -> tuple[list[Path], list[str]]:
    if name == "briefings" and (SHARED / "transcripts").is_dir():
        return sorted((SHARED / "transcripts").iterdir()), QUESTIONS
    if name == "corpora" and (SHARED / "corpora").is_dir():
        return sorted(p for p in (SHARED / "corpora").rglob("*") if p.is_file() and p.name != "README.md"), \
            CORPORA_QUESTIONS
    if name in ("briefings", "corpora"):
        print(f"({name}: ../shared is not there; the shipped samples stand in)")
    return sorted((REPO / "corpus" / "samples").iterdir()), SAMPLE_QUESTIONS


def _series(name: str, scale: int, repeat: int, work: Path) -> None:
    from index import ModelSpec, load_embedder

    files, questions = _sources(name)
    base = work / name / "base"
    _write_copies(files, base, 1)
    started = time.perf_counter()
    real = load_embedder(ModelSpec())
    cache = work / name / "vectors.npz"
    texts = _distinct_sentences(base)
    t = time.perf_counter()
    vecs = real.embed_documents([original for _, original in texts])
    import numpy as np

    np.savez(cache, keys=np.array([k for k, _ in texts]), vectors=vecs.astype(np.float32))
    print(f"\n== {name}: {len(files)} real transcripts ({_mb(base):.2f} MB); model load "
          f"{t - started:.1f} s; {len(texts)} distinct sentences embedded by the real model in "
          f"{time.perf_counter() - t:.1f} s, reused for the larger sizes")
    print(f"{'chunks':>8} {'sent.':>8} {'files':>6} {'MB':>6} {'build s':>8} {'read MB/s':>9} {'open s':>7} "
          f"{'ask p50':>8} {'ask p95':>8} {'served':>15} {'cold ask':>9} {'peak MB':>8} {'disk MB':>8} {'index':>12} "
          f"{'recall c/s':>11} {'build-check':>11}")
    first = _one_size_in_process(dict(name=name, copies=1, real=True, work=str(work), questions=questions,
                                      repeat=repeat, cache=str(cache)))
    _row(first)
    per_copy = max(1, first["chunks"])
    copies = 1
    while per_copy * copies < scale:
        copies = min(math.ceil(scale / per_copy), max(copies + 1, copies * 5))
        _row(_one_size_in_process(dict(name=name, copies=copies, real=False, work=str(work), questions=questions,
                                       repeat=repeat, cache=str(cache))))


def _one_size_in_process(job: dict) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, __file__, "--one", json.dumps(job)], capture_output=True, text=True,
                          env=env, cwd=REPO)
    if done.returncode:
        raise SystemExit(f"size with {job['copies']} copies failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _row(r: dict) -> None:
    recall = f"{r['recall_chunks']:.3f}/{r['recall_sentences']:.3f}"
    check = "/".join(f"{x:.3f}" if x is not None else "exact" for x in r["build_check"])
    print(f"{r['chunks']:>8} {r['sentences']:>8} {r['files']:>6} {r['mb']:>6.1f} {r['build_s']:>8.1f} "
          f"{r['read_mbs']:>9.2f} {r['open_s']:>7.2f} {r['p50_ms']:>6.1f}ms {r['p95_ms']:>6.1f}ms "
          f"{r['served_p50_ms']:>6.1f}/{r['served_p95_ms']:>5.1f}ms "
          f"{r['cold_s']:>8.2f}s {r['peak_mb']:>8.0f} {r['disk_mb']:>8.1f} {r['kinds']:>12} {recall:>11} "
          f"{check:>11}", flush=True)


def _reading_mbs(corpus: Path, embedder) -> float:
    """Reading, parsing and chunking the corpus as a build does them (its workers on every core, started
    as a build starts them), timed alone just before the build: the build's own stages overlap."""
    from corpus import ChunkSettings
    from corpus.reading import transcript_files
    from index.incremental import NOTHING
    from index.reading_pool import read_corpus, start_workers_ahead
    from index.threads import worker_count
    from index.tokenizing import whole_text_tokenizer

    count = worker_count(None)
    start_workers_ahead(transcript_files(corpus)[0], count)
    tokenizer = whole_text_tokenizer(embedder)
    t = time.perf_counter()
    read_corpus(corpus, False, NOTHING, tokenizer, ChunkSettings(), count)
    return _mb(corpus) / (time.perf_counter() - t)


def _one_size(job: dict) -> dict:
    import numpy as np

    from assistant import Assistant
    from index import ModelSpec, build_index, load_embedder

    work = Path(job["work"]) / job["name"]
    files, _ = _sources(job["name"])
    corpus = work / f"corpus-{job['copies']}"
    if not corpus.is_dir():
        _write_copies(files, corpus, job["copies"])
    real = load_embedder(ModelSpec())
    embedder = real if job["real"] else Reusing(real, job["cache"])
    index_dir = work / f"index-{job['copies']}"
    shutil.rmtree(index_dir, ignore_errors=True)
    if not job["real"]:
        # Built over the first size's index, as a rebuild: it links that version's ONNX export (a build with the
        # Reusing embedder exports none), so the cold ask runs without torch as after `transcript-qa build`.
        shutil.copytree(work / "index-1", index_dir, copy_function=os.link)
    read_mbs = _reading_mbs(corpus, real)
    started = time.perf_counter()
    report = build_index(corpus, index_dir, embedder=embedder)
    build_s = time.perf_counter() - started

    # Opened as a user opens it (questions embedded by the version's ONNX export); the first open loads the
    # export, the timed one finds it loaded: the open figure leaves the model out.
    Assistant.open(index_dir)
    t = time.perf_counter()
    assistant = Assistant.open(index_dir)
    open_s = time.perf_counter() - t
    questions = job["questions"]
    for q in questions:
        assistant.ask(q)
    times = []
    for i in range(max(job["repeat"], len(questions))):
        t = time.perf_counter()
        assistant.ask(questions[i % len(questions)], k=5)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()

    ix = assistant.index
    from index import vectors

    qv = real.embed_queries(questions)
    recall_c = _recall(ix.chunk_index, vectors.stored(ix.chunk_index), qv)
    recall_s = _recall(ix.sentence_index, np.asarray(ix.sentence_vectors, dtype=np.float32), qv)
    search = ix.manifest.search
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    t = time.perf_counter()
    cli = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", questions[0], "--index", str(index_dir)],
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, cwd=REPO)
    cold_s = time.perf_counter() - t
    if cli.returncode:
        raise SystemExit(f"the CLI ask failed: {cli.stderr[-500:]}")
    served = subprocess.run([sys.executable, __file__, "--served", json.dumps(dict(index=str(index_dir),
                                                                                    questions=questions))],
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, cwd=REPO)
    if served.returncode:
        raise SystemExit(f"the served asks failed: {served.stderr[-500:]}")
    version = index_dir / (index_dir / "CURRENT").read_text().strip()
    return dict(**json.loads(served.stdout.strip().splitlines()[-1]),
                chunks=report.chunks, sentences=report.sentences, files=report.documents, mb=_mb(corpus),
                build_s=build_s, read_mbs=read_mbs, open_s=open_s,
                p50_ms=statistics.median(times), p95_ms=times[min(len(times) - 1, int(0.95 * len(times)))],
                cold_s=cold_s, peak_mb=peak, disk_mb=sum(p.stat().st_size for p in version.iterdir()) / 2**20,
                kinds=f"{search['chunks']['kind']}/{search['sentences']['kind']}",
                recall_chunks=recall_c, recall_sentences=recall_s,
                build_check=[search[n].get("recall_at_10") for n in ("chunks", "sentences")])


def _served(job: dict) -> dict:
    from assistant import Assistant

    assistant = Assistant.open(job["index"])
    for q in job["questions"]:
        assistant.ask(q)
    times = []
    for _ in range(5):
        for q in job["questions"]:
            t = time.perf_counter()
            assistant.ask(q, k=5)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return dict(served_p50_ms=statistics.median(times), served_p95_ms=times[min(len(times) - 1, int(0.95 * len(times)))])


def _recall(index, data, queries) -> float:
    from index import vectors

    exact = vectors.build_flat(data).search(queries, 10)
    return vectors.recall_at(vectors.search(index, queries, 10), exact)


class Reusing:
    """The real model's vectors, reused for recombined copies of the texts it embedded (see the doc)."""

    def __init__(self, real, cache: str):
        import numpy as np

        self.real = real
        data = np.load(cache)
        self.vectors = dict(zip(data["keys"].tolist(), data["vectors"]))
        self.fresh = 0

    def __getattr__(self, name):
        return getattr(self.real, name)

    def embed_documents(self, texts, progress=None):
        import numpy as np

        out = np.zeros((len(texts), self.real.dimension), dtype=np.float32)
        unknown = []
        for i, text in enumerate(texts):
            keys = [_key(text[s:e]) for s, e in _sentences_of(text)]
            if keys and all(k in self.vectors for k in keys):
                vec = np.sum([self.vectors[k] for k in keys], axis=0)
                seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
                vec = vec / np.linalg.norm(vec) + np.random.default_rng(seed).normal(
                    0.0, COPY_NOISE / math.sqrt(len(vec)), len(vec)).astype(np.float32)
                out[i] = vec / np.linalg.norm(vec)
            else:
                unknown.append(i)
        if unknown:  # the probe sentence, and any text with a sentence the real model never saw
            self.fresh += len(unknown)
            out[unknown] = self.real.embed_documents([texts[i] for i in unknown])
        if progress:
            progress(len(texts), len(texts))
        return out


def _key(sentence: str) -> str:
    return re.sub(r"\d+", "#", " ".join(sentence.split()))


def _sentences_of(text: str) -> list[tuple[int, int]]:
    """Sentence spans split paragraph by paragraph, as chunking splits them."""
    from corpus import paragraphs
    from corpus.sentences import sentence_spans

    return [span for p in paragraphs(text) for span in sentence_spans(text, p.start, p.end)]


def _distinct_sentences(folder: Path) -> list[tuple[str, str]]:
    """(key, text) of every distinct sentence of the transcripts in `folder`, as the build reads them."""
    from corpus import load_corpus

    seen: dict[str, str] = {}
    transcripts, _ = load_corpus(folder)
    for t in transcripts:
        for s, e in _sentences_of(t.text):
            seen.setdefault(_key(t.text[s:e]), t.text[s:e])
    return list(seen.items())


def _write_copies(files: list[Path], folder: Path, copies: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        for path in files:
            text = path.read_text(encoding="utf-8", errors="replace")
            if i:
                text = _recombined(text, path.suffix.lower(), i)
            (folder / f"{path.stem}-{i:04d}{path.suffix}").write_text(text, encoding="utf-8")


_NUMBER = re.compile(r"(?<![\d:.,\-/])(\d{1,3})(?![\d:\-/])")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_TIMESTAMP = re.compile(r"\d:\d\d|-->|\"(?:start|end)\"")


def _recombined(text: str, suffix: str, copy: int) -> str:
    rng = random.Random(copy)
    if suffix in TEXT_SUFFIXES:
        paras = re.split(r"(\n\s*\n)", text)
        blocks = [paras[j] for j in range(0, len(paras), 2)]
        head, rest = blocks[:KEEP_OPENING], blocks[KEEP_OPENING:]
        rng.shuffle(rest)
        text = "\n\n".join(head + rest)
    lines = text.split("\n")
    shift = 1 + copy % 9
    for j, line in enumerate(lines):
        if _TIMESTAMP.search(line):
            continue  # cue times and time stamps stay as they are
        line = _YEAR.sub(lambda m: str(int(m.group(1)) - copy % 20), line)
        lines[j] = _NUMBER.sub(lambda m: str(int(m.group(1)) + shift), line)
    return "\n".join(lines)


def _mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def _million(n: int, work: Path) -> None:
    """FAISS alone on n vectors: flat against IVF and HNSW (each as the build would make it), latency
    and recall@10 at the search effort the build chose and around it."""
    import faiss
    import numpy as np

    from index import vectors

    caches = sorted(work.glob("*/vectors.npz"))
    rng = np.random.default_rng(0)
    if caches:
        seeds = np.concatenate([np.load(c)["vectors"] for c in caches])
        where = f"{len(seeds)} real sentence vectors with noise"
    else:
        seeds = rng.normal(size=(2000, 384)).astype(np.float32)
        where = "2,000 random centres with noise"
    seeds /= np.linalg.norm(seeds, axis=1, keepdims=True)
    d = seeds.shape[1]
    data = np.empty((n, d), dtype=np.float32)
    for start in range(0, n, 100_000):
        stop = min(n, start + 100_000)
        part = seeds[rng.integers(0, len(seeds), stop - start)] + rng.normal(0, 0.5 / math.sqrt(d), (stop - start, d))
        data[start:stop] = part / np.linalg.norm(part, axis=1, keepdims=True)
    queries = seeds[rng.integers(0, len(seeds), 200)] + rng.normal(0, 1.0 / math.sqrt(d), (200, d))
    queries = (queries / np.linalg.norm(queries, axis=1, keepdims=True)).astype(np.float32)
    print(f"\n== {n:,} synthetic unit vectors of dimension {d} ({where}); FAISS on "
          f"{faiss.omp_get_max_threads()} threads; one query at a time")
    flat = vectors.build_flat(data)
    exact_s, exact = _timed(flat, queries[:50])
    print(f"flat:  {exact_s:.1f} ms per query (p50), exact")
    exact = flat.search(queries, 10)
    for kind, effort in (("ivf", "nprobe"), ("hnsw", "ef_search")):
        t = time.perf_counter()
        index, record = vectors.build_chosen(data, vectors.SearchSettings(flat_limit=0, approximate=(kind,)))
        build_s = time.perf_counter() - t
        tried = record if record["kind"] == kind else record["rejected"][0]
        shape = (f"{tried['lists']} lists" if kind == "ivf"
                 else f"M {tried['hnsw_m']}, efConstruction {tried['ef_construction']}")
        print(f"{kind}:  built in {build_s:.0f} s ({shape}); build-time check recall@10 "
              f"{tried['recall_at_10']:.3f} at {effort} {tried[effort]}"
              + ("" if record["kind"] == kind else "; set aside"))
        if record["kind"] != kind:
            continue
        for value in sorted({max(1, tried[effort] // 2), tried[effort], 2 * tried[effort]}):
            if kind == "ivf":
                index.nprobe = value
            else:
                index.hnsw.efSearch = value
            ms, _ = _timed(index, queries)
            each = [vectors.search(index, q[None, :], 10) for q in queries]
            found = np.concatenate([s for s, _ in each]), np.concatenate([r for _, r in each])
            print(f"{kind} {effort} {value:>4}: {ms:.2f} ms per query (p50), "
                  f"recall@10 {vectors.recall_at(found, exact):.3f}")
        del index


def _timed(index, queries) -> tuple[float, None]:
    from index import vectors

    times = []
    for q in queries:
        t = time.perf_counter()
        vectors.search(index, q[None, :], 100)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), None


# -- one corpus as it is ---------------------------------------------------------------------


def _questions_for(corpus: Path, given: str | None) -> list[str]:
    """The questions a plain run asks: those of `given`, else of the corpus's tune set (the five briefings',
    the other sources'), else the benchmark's own five for the corpus."""
    tune = {(SHARED / "transcripts").resolve(): REPO / "tests" / "eval" / "questions-tune.jsonl",
            (SHARED / "corpora").resolve(): REPO / "tests" / "eval" / "corpora-tune.jsonl"}
    path = Path(given) if given else tune.get(corpus.resolve())
    if path is not None and path.is_file():
        return [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if corpus.resolve() == (SHARED / "corpora").resolve():
        return CORPORA_QUESTIONS
    return QUESTIONS if corpus.resolve() == (SHARED / "transcripts").resolve() else SAMPLE_QUESTIONS


def _plain(corpus: Path, repeat: int, questions: list[str]) -> None:
    from assistant import Assistant
    from index import ModelSpec, build_index, load_embedder

    started = time.perf_counter()
    embedder = load_embedder(ModelSpec())
    print(f"model load: {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        report = build_index(corpus, Path(tmp) / "index", embedder=embedder)
        print(f"build (cold, model loaded): {report.seconds:.1f} s for {report.documents} transcripts, "
              f"{report.chunks} chunks, {report.sentences} sentences ({report.embedded} texts embedded)")
        again = build_index(corpus, Path(tmp) / "index", embedder=embedder)
        print(f"rebuild, nothing changed: {again.seconds:.2f} s ({again.reused} vectors reused)")

        assistant = Assistant.open(Path(tmp) / "index")  # as `ask` and the page open it: the ONNX export
        for q in questions[:5]:
            assistant.ask(q)  # warm up
        times = []
        for i in range(max(repeat, len(questions))):
            q = questions[i % len(questions)]
            t = time.perf_counter()
            assistant.ask(q, k=5)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(f"warm ask, k=5: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms over {len(times)} asks of {len(questions)} questions")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    main()
