"""Writing the ONNX export of the index's model into a new version (read by `index.onnx_embedding`).

The export is the sentence-transformers model as it embeds (transformer, its pooling,
normalisation) traced by torch's TorchScript exporter, with the tokenizer it uses, its
graph fused where ONNX Runtime's transformer optimizer can (`index.fusing`). It is
kept only if it gives sentence-transformers' own vectors, to 1e-4 cosine, for every probe
text, batched and alone; otherwise the build says so in one line and questions are
embedded with sentence-transformers. Beside it goes the graph a build embeds texts with,
its int8 form (`index.quantizing`). A rebuild with the same model files links the export
of the version in service instead of exporting again, and embeds with it.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import time
import warnings
from pathlib import Path

import numpy as np

from .embedding import ModelSpec, SentenceTransformerEmbedder, model_folder
from .fusing import attention_shape, eager_attention, fuse
from .integrity import PROBE, FileCheck, file_check, folder_checks, hash_problems
from .manifest import Manifest, ModelRecord, read_manifest
from .onnx_embedding import (DOCUMENT_MODEL, ONNX_CONFIG, ONNX_FILES, ONNX_MODEL, ONNX_TOKENIZER, OnnxConfig,
                             OnnxEmbedder)
from .quantizing import quantised
from .versions import STAGING, current_version

log = logging.getLogger(__name__)

COSINE_TOLERANCE = 1e-4
# Short, long (past the model's reach, so truncated), accented, numbers, punctuation, empty.
PROBE_TEXTS = (
    PROBE,
    "Yes.",
    "",
    "Q: Can you give us an update on the négociations — and the 3.5% figure? A: Not today; thank you.",
    "Naïve café résumé: “quoted” words, em—dashes, ½ and 2,400,000 people in Zürich.",
    "The committee met on 12 March 2024 at 10:30 to discuss the budget.\n\nNew paragraph after a blank line.",
    " ".join(["Every sentence of this long text repeats so that it runs past the most tokens the model reads."] * 40),
)
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def export_ahead(embedder, index_dir: Path, threads: int | None = None) -> tuple[OnnxEmbedder, Path] | None:
    """A build with no export to lend exports the model before embedding, into a scratch folder of the index,
    and embeds with the export: the same vectors to 1e-4 cosine, faster than sentence-transformers on CPU.
    (the export as an embedder, its folder for `write_query_model`), or None when the model cannot be
    exported (the build then embeds with sentence-transformers)."""
    if not isinstance(embedder, SentenceTransformerEmbedder) or not embedder.path:
        return None
    folder = index_dir / f"{STAGING}export-{secrets.token_hex(3)}"  # a killed build's leftovers are cleared
    if not _exported(embedder, folder):
        shutil.rmtree(folder, ignore_errors=True)
        return None
    config = OnnxConfig.from_json((folder / ONNX_CONFIG).read_text(encoding="utf-8"))
    return OnnxEmbedder(folder, config, path=embedder.path, threads=threads, building=True), folder


def write_query_model(embedder, model: ModelRecord, index_dir: Path, staging: Path,
                      ahead: Path | None = None, export_here: bool = True) -> tuple[FileCheck, ...]:
    """The export's file records in `staging`: linked from `ahead` (the folder of the export the build embedded
    with: `export_ahead`'s, or one kept by `index.export_cache`), or from the version in service when its
    model's files are the same, else (`export_here`: not tried before this build embedded) exported and
    checked; () when the model cannot be exported or its export is refused."""
    if ahead is not None:
        for name in ONNX_FILES:
            link_file(ahead / name, staging / name)
        return tuple(file_check(staging / name) for name in ONNX_FILES)
    reused = _reuse(model, index_dir, staging)
    if reused:
        return reused
    if not export_here or not isinstance(embedder, SentenceTransformerEmbedder) or not model.files:
        return ()  # refused already, or a model given in-process with no files to tie an export to
    if not _exported(embedder, staging):
        return ()
    return tuple(file_check(staging / name) for name in ONNX_FILES)


def _exported(embedder, folder: Path) -> bool:
    """Export and check the model into `folder`; when refused, say why in one line and leave none of it."""
    started = time.perf_counter()
    try:
        folder.mkdir(exist_ok=True)
        config = export(embedder, folder)
        problem = check(embedder, folder, config)
        if problem is None:
            document_graph(folder)
    except Exception as exc:  # the exporter raises many kinds; the build goes on without an export
        problem = f"it could not be exported ({' '.join(str(exc).split())[:160] or type(exc).__name__})"
    if problem:
        for name in ONNX_FILES:
            (folder / name).unlink(missing_ok=True)
        log.warning("no ONNX export of the model %r in this index: %s; questions are embedded with "
                    "sentence-transformers", embedder.name, problem)
        return False
    log.info("exported %s to ONNX in %.1f s", embedder.name, time.perf_counter() - started)
    return True


def document_graph(folder: Path) -> None:
    """The graph the export's texts are embedded with, in `folder` beside the checked float one: its int8 form
    when that gives about the same vectors (index.quantizing), else the float graph itself, linked."""
    config = OnnxConfig.from_json((folder / ONNX_CONFIG).read_text(encoding="utf-8"))
    documents = quantised(folder, config, list(PROBE_TEXTS))
    if documents is None:
        link_file(folder / ONNX_MODEL, folder / DOCUMENT_MODEL)
    else:
        (folder / ONNX_CONFIG).write_text(documents.to_json(), encoding="utf-8")


def export_in_service(spec: ModelSpec, index_dir: Path, threads: int | None = None) -> OnnxEmbedder | None:
    """The export of the version in service as the build's embedder, when the model's files are the ones it was
    exported from: a rebuild then embeds with ONNX Runtime (faster than sentence-transformers on CPU, the same
    vectors to 1e-4 cosine) and never imports torch. None otherwise."""
    try:
        name = current_version(index_dir)
        folder = model_folder(spec) if name else None
        if folder is None:
            return None
        directory = index_dir / name
        previous = read_manifest(directory, str(index_dir))
        checks = query_files(previous)
        if (not checks or previous.model.name != spec.name or not previous.model.files
                or folder_checks(folder) != previous.model.files or hash_problems(directory, checks)):
            return None
        return lent_embedder(directory, spec, folder, threads)
    except Exception as exc:  # a version that cannot lend its export only costs loading the model
        log.info("not embedding with the ONNX export in service: %s", exc)
        return None


def lent_embedder(directory: Path, spec: ModelSpec, folder: Path, threads: int | None) -> OnnxEmbedder | None:
    """The export in `directory` as the embedder of a build of `spec`, whose files are in `folder`; None when
    it was exported from a model of another name."""
    config = OnnxConfig.from_json((directory / ONNX_CONFIG).read_text(encoding="utf-8"))
    if config.name != spec.name:
        return None
    return OnnxEmbedder(directory, config, path=os.path.abspath(folder), threads=threads, building=True)


def export(embedder, folder: Path) -> OnnxConfig:
    """Write the ONNX graph, tokenizer and config of a SentenceTransformerEmbedder into `folder`."""
    import torch

    st = embedder._model
    tokenizer = embedder._tokenizer
    sample = st.preprocess(["A short text.", "A somewhat longer text, so that the batch is padded."])
    inputs = tuple(k for k in _INPUTS if k in sample)
    extra = {k for k, v in sample.items() if isinstance(v, torch.Tensor)} - set(inputs)
    if "input_ids" not in inputs or "attention_mask" not in inputs or extra:
        raise ValueError(f"its inputs are {sorted(k for k in sample if k != 'modality')}, not ones the export feeds")

    class Embedding(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.st = st

        def forward(self, *tensors):
            features = dict(zip(inputs, tensors), modality="text")
            vecs = self.st(features)["sentence_embedding"]
            return torch.nn.functional.normalize(vecs, p=2, dim=1)

    args = tuple(sample[k] for k in inputs)
    path = folder / ONNX_MODEL
    with torch.no_grad(), warnings.catch_warnings(), eager_attention(st):
        warnings.simplefilter("ignore")
        # The TorchScript exporter: here five times faster than the dynamo one for the same vectors, and it
        # needs onnx but not onnxscript; torch is pinned, so its deprecation cannot surprise us.
        torch.onnx.export(Embedding().eval(), args, str(path), input_names=list(inputs),
                          output_names=["sentence_vector"], opset_version=17, dynamo=False,
                          dynamic_axes={k: {0: "batch", 1: "tokens"} for k in inputs})
    tokenizer.backend_tokenizer.save(str(folder / ONNX_TOKENIZER))
    config = OnnxConfig(name=embedder.name, dimension=embedder.dimension, max_tokens=embedder.max_tokens,
                        special_tokens=embedder.special_tokens, query_prompt=embedder.query_prompt,
                        document_prompt=embedder.document_prompt, inputs=inputs,
                        pad_id=int(tokenizer.pad_token_id or 0), pad_token=str(tokenizer.pad_token or "[PAD]"))
    if fuse(folder, config, attention_shape(st), list(PROBE_TEXTS)):
        config = OnnxConfig(**{**config.__dict__, "fused": True})
    (folder / ONNX_CONFIG).write_text(config.to_json(), encoding="utf-8")
    return config


def check(embedder, folder: Path, config: OnnxConfig) -> str | None:
    """Why the export in `folder` is not the model (one clause), or None when it gives the model's vectors;
    the config records what was compared."""
    onnx = OnnxEmbedder(folder, config)
    texts = list(PROBE_TEXTS)
    pairs = [("question", embedder.embed_queries(texts), onnx.embed_queries(texts)),
             ("text", embedder.embed_documents(texts), onnx.embed_documents(texts)),
             ("question alone", embedder.embed_queries(texts[:1]), onnx.embed_queries(texts[:1]))]
    lowest = 1.0
    for kind, want, got in pairs:
        cosines = np.einsum("ij,ij->i", np.asarray(want, dtype=np.float64), np.asarray(got, dtype=np.float64))
        worst = int(np.argmin(cosines))
        lowest = min(lowest, float(cosines[worst]))
        if not cosines[worst] >= 1 - COSINE_TOLERANCE:
            return (f"its vector for the {kind} {texts[worst][:40]!r} is {1 - cosines[worst]:.2g} in cosine from "
                    f"sentence-transformers' (tolerance {COSINE_TOLERANCE:g})")
    if onnx.count(texts) != embedder.count(texts):
        return "its tokenizer counts tokens differently from the model's"
    if any(onnx.offsets(t) != embedder.offsets(t) for t in texts):
        return "its tokenizer places tokens differently from the model's"
    checked = OnnxConfig(**{**config.__dict__, "checked_texts": len(texts), "min_cosine": round(lowest, 8)})
    (folder / ONNX_CONFIG).write_text(checked.to_json(), encoding="utf-8")
    return None


def query_files(manifest: Manifest) -> tuple[FileCheck, ...]:
    """The export's records in a manifest: all of them, or () when it has none."""
    found = {c.name: c for c in manifest.contents if c.name in ONNX_FILES}
    return tuple(found[n] for n in ONNX_FILES) if len(found) == len(ONNX_FILES) else ()


def _reuse(model: ModelRecord, index_dir: Path, staging: Path) -> tuple[FileCheck, ...]:
    try:
        name = current_version(index_dir)
        if not name or not model.files:
            return ()
        directory = index_dir / name
        previous = read_manifest(directory, str(index_dir))
        before = previous.model
        same = (before.name, before.dimension, before.max_tokens, before.query_prompt, before.document_prompt,
                before.files) == (model.name, model.dimension, model.max_tokens, model.query_prompt,
                                  model.document_prompt, model.files)
        checks = query_files(previous) if same else ()
        if not checks or hash_problems(directory, checks):
            return ()
        for check_ in checks:
            link_file(directory / check_.name, staging / check_.name)
        return checks
    except Exception as exc:  # a version that cannot lend its export only costs exporting again
        log.info("not reusing the ONNX export: %s", exc)
        for name in ONNX_FILES:
            (staging / name).unlink(missing_ok=True)
        return ()


def link_file(source: Path, target: Path) -> None:
    # Versions and kept exports never change a file once written, so both can share the bytes.
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
