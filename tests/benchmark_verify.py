"""What verifying an index costs, printed: the checks every open makes and `transcript-qa verify`, on the
five shared briefings (bundled model) and on a synthetic index of about 100,000 chunks.

    python tests/benchmark_verify.py [CORPUS_DIR] [--chunks 100000] [--repeat 3]

Not a test: timings belong in a report, not in an assertion. The synthetic index has random unit
vectors (384 dimensions, the bundled model's) and generated text; its "model" is the tests' fake one, so
its verify hashes no model files and its open embeds the probe sentence in microseconds.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

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
        synthetic(Path(tmp) / "synthetic", args.chunks, fake)
        print(f"\nsynthetic: {args.chunks} chunks, {4 * args.chunks} sentences, 384 dimensions "
              f"(written in {time.perf_counter() - started:.0f} s)")
        measure(Path(tmp) / "synthetic", fake, args.repeat)


def measure(root: Path, embedder, repeat: int) -> None:
    from index import ModelSpec, open_index, vectors, verify_index
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
    steps = {
        "open: manifest parsed, its checksum": lambda: read_manifest(directory, str(root)),
        "open: sizes of the files": lambda: size_problems(directory, manifest.contents),
        "open: chunk vectors finite and unit-length": lambda: bad_vectors(chunk_vectors),
        "open: sentence vectors finite and unit-length (memory-mapped)": lambda: bad_vectors(sentence_vectors),
        "open: store agrees with the manifest": lambda: _check_agreement(store, manifest, directory, root),
        "open: the model's probe vector": lambda: probe_differs(embedder, manifest.model.probe),
        "open_index as a whole (reading everything, checks included)": lambda: open_index(
            root, embedder=embedder).close(),
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


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


@dataclass(frozen=True)
class _Doc:
    text: str
    spans: list  # (start, end) of each chunk


def synthetic(root: Path, chunks: int, embedder, per_doc: int = 100, dimension: int = 384) -> None:
    """A published index of `chunks` chunks of generated text, random unit vectors and a true manifest."""
    from corpus import Chunk, Transcript, Turn
    from index import vectors
    from index.integrity import file_check, probe_vector
    from index.manifest import FILES, FileRecord, Manifest, ModelRecord, write_manifest
    from index.store import Sentence, write_store
    from index.versions import publish

    rng = random.Random(5)
    words = [f"{a}{b}" for a in ("ta", "ko", "mi", "ru", "se", "na", "vo", "li") for b in
             ("ran", "tel", "mos", "dik", "pun", "gar", "sol", "ven", "bri", "cad")]
    transcripts, all_chunks, sentences = [], [], []
    for d in range((chunks + per_doc - 1) // per_doc):
        parts, turns, spans, at = [], [], [], 0
        for c in range(min(per_doc, chunks - d * per_doc)):
            body = ". ".join(" ".join(rng.choices(words, k=20)).capitalize() for _ in range(4)) + "."
            text = f"Speaker {c % 7}: {body}"
            start = at + len(f"Speaker {c % 7}: ")
            spans.append((start, at + len(text)))
            turns.append(Turn(f"Speaker {c % 7}", "official", start, at + len(text)))
            parts.append(text)
            at += len(text) + 2
        doc_text = "\n\n".join(parts) + "\n"
        doc_id = f"doc{d:05}.txt"
        data = doc_text.encode()
        transcripts.append(Transcript(doc_id=doc_id, path=f"/synthetic/{doc_id}", title=f"Briefing {d}",
                                      date="2024-01-01", text=doc_text, turns=tuple(turns),
                                      sha256=hashlib.sha256(data).hexdigest(), size=len(data)))
        for i, (s, e) in enumerate(spans):
            all_chunks.append(Chunk(id=f"{d}-{i}", doc_id=doc_id, start=s, end=e, text=doc_text[s:e],
                                    speaker=turns[i].speaker, role="official", turn_index=i, question=None,
                                    tokens=90))
            cut = s
            for piece in doc_text[s:e].split(". "):
                sentences.append(Sentence(d, cut, min(e, cut + len(piece) + 1)))
                cut += len(piece) + 2
    root.mkdir(parents=True)
    staging = root / ".staging-synthetic"
    staging.mkdir()
    write_store(staging / "store.sqlite", transcripts, all_chunks, sentences)
    vectors.save(vectors.build_flat(_unit(len(all_chunks), dimension, np.float32)), staging / "chunks.faiss")
    out = np.lib.format.open_memmap(staging / "sentences.npy", mode="w+", dtype=np.float16,
                                    shape=(len(sentences), dimension))
    for start in range(0, len(sentences), 50_000):
        block = _unit(min(50_000, len(sentences) - start), dimension, np.float32, seed=start)
        out[start:start + len(block)] = block.astype(np.float16)
    out.flush()
    del out
    write_manifest(staging, Manifest(
        model=ModelRecord(name=embedder.name, dimension=dimension, max_tokens=256, probe=probe_vector(embedder)),
        chunking={"max_tokens": 128, "overlap_sentences": 1, "tokenizer": embedder.name},
        counts={"documents": len(transcripts), "turns": len(all_chunks), "chunks": len(all_chunks),
                "sentences": len(sentences)},
        files=tuple(FileRecord(doc_id=t.doc_id, sha256=t.sha256, bytes=t.size, encoding="utf-8", title=t.title,
                               date=t.date, chunks=len(t.turns)) for t in transcripts),
        skipped=(), corpus="/synthetic", built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        build_seconds=0.0, contents=tuple(file_check(staging / name) for name in FILES)))
    publish(root, staging, "v20240101T000000-000000")


def _unit(n: int, dimension: int, dtype, seed: int = 0) -> np.ndarray:
    block = np.random.default_rng(seed).standard_normal((n, dimension)).astype(dtype)
    return block / np.linalg.norm(block, axis=1, keepdims=True)


if __name__ == "__main__":
    main()
