"""The index's model without torch: an ONNX export run by ONNX Runtime, tokenised by `tokenizers`.

A build writes the export into the version (see `index.exporting`): the transformer
with the model's own pooling and normalisation, its tokenizer, and what the
sentence-transformers model adds around them (prompts, the most tokens it reads). Asking
needs only this, so a new process answers without importing torch.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from .embedding import Progress
from .errors import ModelError
from .manifest import OPTIONAL_FILES
from .threads import crowded, worker_count
from .tokenizing import TokenCounter

log = logging.getLogger(__name__)

ONNX_FILES = OPTIONAL_FILES
ONNX_MODEL, ONNX_TOKENIZER, ONNX_CONFIG, DOCUMENT_MODEL = ONNX_FILES
_BATCH = 32
_BATCH_CHARS = 4000


@dataclass(frozen=True)
class OnnxConfig:
    """What the export needs around the graph to give the model's vectors."""

    name: str
    dimension: int
    max_tokens: int
    special_tokens: int
    query_prompt: str
    document_prompt: str
    inputs: tuple[str, ...]  # graph inputs, of input_ids, attention_mask, token_type_ids
    pad_id: int
    pad_token: str
    checked_texts: int = 0  # probe texts compared with sentence-transformers when written
    min_cosine: float = 0.0  # the lowest cosine among them
    fused: bool = False  # the graph is ONNX Runtime's transformer fusions of the traced one (index.fusing)
    # The graph a build embeds texts with (index.quantizing): "int8", or "float" when it is the query graph.
    documents: str = "float"
    document_min_cosine: float = 1.0  # the lowest cosine of its vectors for the probe texts to the float graph's

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "OnnxConfig":
        raw = json.loads(text)
        raw["inputs"] = tuple(raw["inputs"])
        return cls(**raw)


def tokenizers_for(tokenizer_file: Path, config: OnnxConfig):
    """(counting tokenizer: no truncation, no padding; embedding tokenizer: truncated and padded as the model is)."""
    from tokenizers import Tokenizer

    counting = Tokenizer.from_file(str(tokenizer_file))
    counting.no_truncation()
    counting.no_padding()
    embedding = Tokenizer.from_file(str(tokenizer_file))
    embedding.enable_truncation(max_length=config.max_tokens)
    embedding.enable_padding(pad_id=config.pad_id, pad_token=config.pad_token)
    return counting, embedding


class OnnxEmbedder:
    """The `Embedder` of an index version that holds an ONNX export of its model."""

    def __init__(self, directory: Path, config: OnnxConfig, path: str | None = None, threads: int | None = None,
                 building: bool = False):
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        try:
            import onnxruntime as ort
        except ImportError:
            raise ModelError("onnxruntime is not installed; run `make install`") from None
        self.name = config.name
        self._folder = directory
        self.path = path  # the model folder the manifest records, for messages
        self.config = config
        self.dimension = config.dimension
        self.max_tokens = config.max_tokens
        self.special_tokens = config.special_tokens
        self.query_prompt = config.query_prompt
        self.document_prompt = config.document_prompt
        self._counting, self._embedding = tokenizers_for(directory / ONNX_TOKENIZER, config)
        self._counter = TokenCounter(self._counting, self.special_tokens)
        self._ort = ort
        self._threads = threads
        # A build with every core to itself lets the threads spin, which embeds about a tenth faster; one beside a
        # serving page does not, so the questions keep a core (index.threads).
        self._session = self._open(spin=not threads if building else True, stop=not building)
        # Only a build embeds texts, so only a build loads the int8 graph; a question is always embedded by the
        # float graph checked against sentence-transformers.
        # Its texts are embedded one a run (see `embed_documents`), each run on one thread and as many runs at once
        # as the build has threads: a text's run is too small to share among threads well (two threads on one
        # run took 6.1-6.9 s for the five briefings' 1,465 texts, one thread on each of two runs 4.7 s), and a
        # vector does not depend on the thread count (the same to the last bit).
        self._documents = (self._open(spin=False, stop=False, graph=DOCUMENT_MODEL, threads=1)
                           if building and config.documents == "int8" else None)
        self._runners = worker_count(threads)
        self.document_precision = "int8" if self._documents is not None else "float"
        # A question: its run hands the graph's many small operators to the other thread one after another, and
        # waking a parked thread for each costs about a fifth of the run, so a question asked alone spins within
        # its run and stops as it returns. While other questions are answered or a build embeds in this process,
        # spinning would take the core their work needs (fewer asks answered under load), so those questions go
        # to a second session whose threads sleep, opened the first time it is needed.
        self._building = building
        self._sleeping = None
        self._opening_sleeping = threading.Lock()
        self._lock = threading.Lock()  # a Tokenizer's padding state is not for two threads at once

    def _open(self, spin: bool, stop: bool, graph: str = ONNX_MODEL, threads: int | None = None):
        options = self._ort.SessionOptions()
        options.log_severity_level = 3
        options.add_session_config_entry("session.intra_op.allow_spinning", "1" if spin else "0")
        if stop:
            options.add_session_config_entry("session.force_spinning_stop", "1")
        if threads or self._threads:
            options.intra_op_num_threads = max(1, int(threads or self._threads))
        return self._ort.InferenceSession(str(self._folder / graph), options, providers=["CPUExecutionProvider"])

    def _session_now(self):
        if self._building or not crowded():
            return self._session
        with self._opening_sleeping:
            if self._sleeping is None:
                self._sleeping = self._open(spin=False, stop=False)
            return self._sleeping

    @property
    def backend_tokenizer(self):
        """The `tokenizers` tokenizer that counts (no truncation, no padding), for chunking's batch calls."""
        return self._counting

    def count(self, texts: list[str]) -> list[int]:
        return self._counter.count(texts)

    def offsets(self, text: str) -> list[tuple[int, int]]:
        return self._counter.offsets(text)

    def embed_documents(self, texts: list[str], progress: Progress | None = None) -> np.ndarray:
        prompted = [self.document_prompt + t for t in texts]
        if self._documents is None:
            return self._embed(prompted, progress)
        # One text a run: the int8 graph scales each run's activations by their largest, so a text batched with
        # others would get a vector that depends on them (cosine 0.93 to its own at worst); alone it is as fast,
        # with no padding to compute.
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))  # the long runs first, none left alone at the end
        with ThreadPoolExecutor(self._runners) as pool:
            for done, (i, vector) in enumerate(pool.map(lambda i: (i, self._run([prompted[i]], self._documents)),
                                                        order), 1):
                out[i] = vector
                if progress:
                    progress(done, len(texts))
        return out

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed([self.query_prompt + t for t in texts])

    def _embed(self, texts: list[str], progress: Progress | None = None) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        # Longest first, as sentence-transformers batches: a batch pads to its own longest text. Batches of about
        # the same size in characters: long texts a few at a time (faster here than 32 of them), short ones more.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        start = 0
        while start < len(order):
            size = max(1, min(_BATCH, _BATCH_CHARS // max(1, len(texts[order[start]]))))
            rows = order[start:start + size]
            out[rows] = self._run([texts[i] for i in rows])
            start += size
            if progress:
                progress(min(start, len(texts)), len(texts))
        return out

    def _run(self, texts: list[str], session=None) -> np.ndarray:
        with self._lock:
            encoded = self._embedding.encode_batch(texts)
        feeds = {"input_ids": [e.ids for e in encoded], "attention_mask": [e.attention_mask for e in encoded],
                 "token_type_ids": [e.type_ids for e in encoded]}
        inputs = {k: np.asarray(feeds[k], dtype=np.int64) for k in self.config.inputs}
        vecs = (session or self._session_now()).run(None, inputs)[0]
        # The graph normalises already; again here so float rounding never leaves a norm off 1.
        return vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)


def in_float(embedder):
    """`embedder` embedding texts with the float graph: a build asked for the model's own vectors
    (`BuildSettings.float_vectors`); any embedder that already does is returned as it is."""
    if not isinstance(embedder, OnnxEmbedder) or embedder.document_precision == "float":
        return embedder
    config = OnnxConfig(**{**embedder.config.__dict__, "documents": "float"})
    return OnnxEmbedder(embedder._folder, config, embedder.path, embedder._threads, building=True)


_opened: dict[str, OnnxEmbedder] = {}
_opening = threading.Lock()


def onnx_embedder(directory: Path, key: str, path: str | None = None) -> OnnxEmbedder:
    """The export in `directory`, loaded once per process per export (`key`: its SHA-256), so reopening an index
    after a rebuild that reused the export is instant."""
    with _opening:
        if key not in _opened:
            config = OnnxConfig.from_json((directory / ONNX_CONFIG).read_text(encoding="utf-8"))
            _opened[key] = OnnxEmbedder(directory, config, path)
            log.info("loaded the ONNX export of %s from %s", config.name, directory)
        return _opened[key]
