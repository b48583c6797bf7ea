"""Build throughput of the embedders: sentence-transformers, its ONNX export (fp32), and the export
quantised to int8 (ONNX Runtime dynamic quantisation), on the texts of an index (its chunks and
sentences, as a build embeds them). Prints figures; asserts nothing.

    PYTHONPATH=. python tests/embedding_speed.py --index INDEX [--repeat 2] [--limit N]

The embedders take turns within each repeat, so that a machine shared with other work
slows each of them alike; each one's best repeat is printed.
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


def timed(embed, texts: list[str]) -> tuple[np.ndarray, float]:
    started = time.perf_counter()
    vecs = embed(texts)
    return np.asarray(vecs, dtype=np.float32), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="embed only this many texts (every n-th)")
    args = parser.parse_args()

    from onnxruntime.quantization import QuantType, quantize_dynamic

    from index import ModelSpec, load_embedder
    from index.exporting import check, export
    from index.onnx_embedding import ONNX_MODEL, OnnxConfig, OnnxEmbedder

    texts = index_texts(args.index)
    if args.limit and args.limit < len(texts):
        texts = texts[::len(texts) // args.limit][:args.limit]
    st = load_embedder(ModelSpec())
    with tempfile.TemporaryDirectory() as tmp:
        fp32, int8, matmul = Path(tmp) / "fp32", Path(tmp) / "int8", Path(tmp) / "int8-matmul"
        fp32.mkdir()
        started = time.perf_counter()
        config = export(st, fp32)
        exported = time.perf_counter() - started
        problem = check(st, fp32, config)
        checked = time.perf_counter() - started - exported
        config = OnnxConfig.from_json((fp32 / "query-model.json").read_text())
        for folder in (int8, matmul):
            folder.mkdir()
            for f in fp32.iterdir():
                if f.name != ONNX_MODEL:
                    (folder / f.name).write_bytes(f.read_bytes())
        started = time.perf_counter()
        quantize_dynamic(str(fp32 / ONNX_MODEL), str(int8 / ONNX_MODEL), weight_type=QuantType.QInt8)
        quantised = time.perf_counter() - started
        # The gentler variant: only the matrix products, a scale per output channel.
        quantize_dynamic(str(fp32 / ONNX_MODEL), str(matmul / ONNX_MODEL), weight_type=QuantType.QInt8,
                         op_types_to_quantize=["MatMul"], per_channel=True)
        print(f"{len(texts)} texts ({sum(map(len, texts)) / len(texts):.0f} characters on average) from {args.index}")
        print(f"export {exported:.1f} s, check {checked:.1f} s ({problem or 'passed'}); "
              f"int8 quantisation {quantised:.1f} s; model.onnx {(fp32 / ONNX_MODEL).stat().st_size / 1e6:.1f} MB "
              f"fp32, {(int8 / ONNX_MODEL).stat().st_size / 1e6:.1f} MB int8")
        runs = {"sentence-transformers": st, "ONNX fp32": OnnxEmbedder(fp32, config),
                "ONNX int8": OnnxEmbedder(int8, config), "ONNX int8 MatMul/channel": OnnxEmbedder(matmul, config)}
        best = {name: float("inf") for name in runs}
        out = {}
        for _ in range(args.repeat):
            for name, embedder in runs.items():
                out[name], seconds = timed(embedder.embed_documents, texts)
                best[name] = min(best[name], seconds)
        reference = out["sentence-transformers"]
        for name, vecs in out.items():
            seconds = best[name]
            cos = np.einsum("ij,ij->i", vecs, reference)
            # Nearest neighbours among the texts themselves: how much of each text's top 10 survives.
            top = np.argsort(-(vecs @ vecs.T), axis=1)[:, 1:11]
            ref_top = np.argsort(-(reference @ reference.T), axis=1)[:, 1:11]
            overlap = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(top, ref_top)])
            print(f"{name:26s} {len(texts) / seconds:7.1f} texts/s ({seconds:.1f} s, best of {args.repeat}); "
                  f"cosine to sentence-transformers min {cos.min():.6f} mean {cos.mean():.6f}; "
                  f"top-10 neighbours kept {overlap:.3f}")


if __name__ == "__main__":
    main()
