"""Build throughput of the embedders: sentence-transformers, its ONNX export (fp32), and the export
quantised to int8 (ONNX Runtime dynamic quantisation), on the texts of an index (its chunks and
sentences, as a build embeds them). Prints figures; asserts nothing.

    PYTHONPATH=. python tests/embedding_speed.py --index INDEX [--repeat 2]
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

import numpy as np


def index_texts(index_dir: Path) -> list[str]:
    from index import locate

    directory, _ = locate(index_dir)
    con = sqlite3.connect(f"file:{directory / 'store.sqlite'}?mode=ro", uri=True)
    try:
        chunks = [r[0] for r in con.execute("SELECT text FROM chunks ORDER BY row")]
        docs = {r[0]: r[1] for r in con.execute("SELECT doc, text FROM documents")}
        sentences = [docs[d][s:e] for d, s, e in con.execute("SELECT doc, start_char, end_char FROM sentences ORDER BY row")]
    finally:
        con.close()
    return chunks + sentences


def timed(embed, texts: list[str], repeat: int) -> tuple[np.ndarray, float]:
    best, vecs = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        vecs = embed(texts)
        best = min(best, time.perf_counter() - started)
    return np.asarray(vecs, dtype=np.float32), best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    from onnxruntime.quantization import QuantType, quantize_dynamic

    from index import ModelSpec, load_embedder
    from index.exporting import check, export
    from index.onnx_embedding import ONNX_MODEL, OnnxConfig, OnnxEmbedder

    texts = index_texts(args.index)
    st = load_embedder(ModelSpec())
    with tempfile.TemporaryDirectory() as tmp:
        fp32, int8 = Path(tmp) / "fp32", Path(tmp) / "int8"
        fp32.mkdir()
        started = time.perf_counter()
        config = export(st, fp32)
        exported = time.perf_counter() - started
        problem = check(st, fp32, config)
        checked = time.perf_counter() - started - exported
        config = OnnxConfig.from_json((fp32 / "query-model.json").read_text())
        int8.mkdir()
        for f in fp32.iterdir():
            if f.name != ONNX_MODEL:
                (int8 / f.name).write_bytes(f.read_bytes())
        started = time.perf_counter()
        quantize_dynamic(str(fp32 / ONNX_MODEL), str(int8 / ONNX_MODEL), weight_type=QuantType.QInt8)
        quantised = time.perf_counter() - started
        print(f"{len(texts)} texts ({sum(map(len, texts)) / len(texts):.0f} characters on average) from {args.index}")
        print(f"export {exported:.1f} s, check {checked:.1f} s ({problem or 'passed'}); "
              f"int8 quantisation {quantised:.1f} s; model.onnx {(fp32 / ONNX_MODEL).stat().st_size / 1e6:.1f} MB "
              f"fp32, {(int8 / ONNX_MODEL).stat().st_size / 1e6:.1f} MB int8")
        runs = {"sentence-transformers": st, "ONNX fp32": OnnxEmbedder(fp32, config),
                "ONNX int8": OnnxEmbedder(int8, config)}
        reference = None
        for name, embedder in runs.items():
            vecs, seconds = timed(embedder.embed_documents, texts, args.repeat)
            if reference is None:
                reference = vecs
            cos = np.einsum("ij,ij->i", vecs, reference)
            # Nearest neighbours among the texts themselves: how much of each text's top 10 survives.
            top = np.argsort(-(vecs @ vecs.T), axis=1)[:, 1:11]
            ref_top = np.argsort(-(reference @ reference.T), axis=1)[:, 1:11]
            overlap = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(top, ref_top)])
            print(f"{name:22s} {len(texts) / seconds:7.1f} texts/s ({seconds:.1f} s, best of {args.repeat}); "
                  f"cosine to sentence-transformers min {cos.min():.6f} mean {cos.mean():.6f}; "
                  f"top-10 neighbours kept {overlap:.3f}")


if __name__ == "__main__":
    main()
