"""What verifying an index costs, printed: the checks every open makes and `transcript-qa verify`, on the
five shared briefings (bundled model) and on a synthetic index of about 100,000 chunks.

    python tests/benchmark_verify.py [CORPUS_DIR] [--chunks 100000] [--repeat 3]

Not a test: timings belong in a report, not in an assertion. The synthetic index is built by
`build_index` from generated transcripts with the tests' fake embedder (hashed words, 384 dimensions,
the bundled model's), so it holds every file a real index holds; its verify hashes no model files and
its open embeds the probe sentence in microseconds.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]


def main() -> None:
    default = REPO.parent / "shared" / "transcripts"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(default if default.is_dir() else REPO / "corpus" / "samples"))
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from index import ModelSpec, build_index, load_embedder

    with tempfile.TemporaryDirectory() as tmp:
        embedder = load_embedder(ModelSpec())
        report = build_index(args.corpus, Path(tmp) / "briefings", embedder=embedder)
        print(f"{Path(args.corpus).name}: {report.documents} transcripts, {report.chunks} chunks, "
              f"{report.sentences} sentences, bundled model")
        measure(Path(tmp) / "briefings", embedder, args.repeat)

        from conftest import FakeEmbedder

        started = time.perf_counter()
        fake = FakeEmbedder(dimension=384, name="synthetic-384")
        made = synthetic(Path(tmp) / "synthetic", args.chunks, fake)
        print(f"\nsynthetic: {made} chunks of generated text, 384 dimensions "
              f"(built in {time.perf_counter() - started:.0f} s)")
        measure(Path(tmp) / "synthetic", fake, args.repeat)


def measure(root: Path, embedder, repeat: int) -> None:
    from index import ModelSpec, open_index, vectors, verify_index
    from index.checked import MARGIN_NS
    from index.embedding import model_folder
    from index.integrity import bad_vectors, hash_problems, probe_differs, size_problems
    from index.manifest import read_manifest
    from index.opening import _check_agreement, locate
    from index.store import Store
    from index.verifying import load_chunk_vectors, load_sentence_vectors

    directory, _ = locate(root)
    sizes = {p.name: p.stat().st_size for p in directory.iterdir()}
    print("  files: " + ", ".join(f"{name} {size / 1e6:.1f} MB" for name, size in sorted(sizes.items())))
    manifest = read_manifest(directory, str(root))
    chunk_index = load_chunk_vectors(directory, manifest, root)
    chunk_vectors = vectors.stored(chunk_index)  # a view into chunk_index, which must outlive it
    sentence_vectors = load_sentence_vectors(directory, manifest, root)
    store = Store(directory / "store.sqlite", str(root))
    folder = model_folder(ModelSpec(manifest.model.name)) if manifest.model.files else None
    time.sleep(MARGIN_NS / 1e9 + 0.2)  # files written within the margin are read through at every open
    known = Path(tempfile.mkdtemp(prefix="cache-known-", dir=root.parent))
    _kept_cache(known)
    open_index(root, embedder=embedder).close()  # remembers the files
    steps = {
        "open: manifest parsed, its checksum": lambda: read_manifest(directory, str(root)),
        "open: sizes of the files": lambda: size_problems(directory, manifest.contents),
        "open: chunk vectors finite and unit-length": lambda: bad_vectors(chunk_vectors),
        "open: sentence vectors finite and unit-length (memory-mapped)": lambda: bad_vectors(sentence_vectors),
        "open: store agrees with the manifest": lambda: _check_agreement(store, manifest, directory, root),
        "open: the model's probe vector": lambda: probe_differs(embedder, manifest.model.probe),
        "open_index as a whole, first open of the version on this machine (vectors read through)": lambda: (
            _fresh_cache(root.parent), open_index(root, embedder=embedder).close()),
        "open_index as a whole, a later open of the same files (known from the first)": lambda: (
            _kept_cache(known), open_index(root, embedder=embedder).close()),
        "verify: SHA-256 of the version's files": lambda: hash_problems(directory, manifest.contents),
        "verify: SHA-256 of the model's files": lambda: hash_problems(folder, manifest.model.files) if folder else 0,
        "verify_index as a whole": lambda: verify_index(root),
    }
    for name, step in steps.items():
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            step()
            times.append(time.perf_counter() - started)
        print(f"  {name}: median {_ms(statistics.median(times))} (min {_ms(min(times))}) over {repeat}")
    store.close()
    del chunk_vectors, chunk_index
    checked = verify_index(root)
    print(f"  verify hashed {checked.files} files, {checked.bytes / 1e6:.1f} MB; checked {checked.vectors} vectors; "
          f"problems: {len(checked.problems)}")


def _fresh_cache(parent: Path) -> None:
    """A cache folder that remembers nothing: the open reads every vector through."""
    os.environ["TQA_CACHE"] = tempfile.mkdtemp(prefix="cache-fresh-", dir=parent)


def _kept_cache(folder: Path) -> None:
    os.environ["TQA_CACHE"] = str(folder)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def synthetic(root: Path, chunks: int, embedder, per_doc: int = 100) -> int:
    """An index of about `chunks` chunks of generated transcripts, built as any index is (`build_index`) with
    the tests' fake embedder; the chunks it holds."""
    from index import build_index

    rng = random.Random(5)
    words = [f"{a}{b}" for a in ("ta", "ko", "mi", "ru", "se", "na", "vo", "li") for b in
             ("ran", "tel", "mos", "dik", "pun", "gar", "sol", "ven", "bri", "cad")]
    corpus = root.parent / f"{root.name}-corpus"
    corpus.mkdir(parents=True)
    for d in range((chunks + per_doc - 1) // per_doc):
        turns = []
        for c in range(min(per_doc, chunks - d * per_doc)):
            body = ". ".join(" ".join(rng.choices(words, k=20)).capitalize() for _ in range(4)) + "."
            turns.append(f"SPEAKER {c % 7}: {body}")
        (corpus / f"doc{d:05}.txt").write_text(f"Briefing {d}\n\n" + "\n\n".join(turns) + "\n", encoding="utf-8")
    return build_index(corpus, root, embedder=embedder).chunks


if __name__ == "__main__":
    main()
