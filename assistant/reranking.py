"""An optional second stage: a cross-encoder reads the question beside each passage found, and orders them.

Off unless asked for (`--reranker`, TQA_RERANKER). The model is a local folder, a name already in the
Hugging Face cache, or, only when downloads are allowed, a name to download; anything else is refused in
one line before any library is imported. sentence-transformers (and torch) are imported only when a
reranker is loaded: asking without one stays as light as it was.

The reranker only reorders what retrieval found (the first `RERANK_DEPTH` passages) and gives each its
relevance, 0..1; whether the corpus holds an answer at all is still judged on retrieval's own first
passages, which is what the calibration was fitted on.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from typing import Protocol

import numpy as np

from index.embedding import ModelSpec, model_location
from index.errors import ModelError

log = logging.getLogger(__name__)

RERANK_DEPTH = 20  # first-stage passages the reranker reads and reorders
RERANKER = "TQA_RERANKER"  # the reranker of `ask`, `eval` and `serve` when --reranker is not given
# What a sequence-pair model with a trained scoring head is saved as; a plain encoder loads as a
# CrossEncoder too, with a head of random weights.
_SCORING_HEADS = ("ForSequenceClassification", "ForCausalLM")


class Reranker(Protocol):
    """What answering needs of a reranker: a relevance from 0 to 1 for each passage, higher better."""

    name: str

    def score(self, question: str, passages: list[str]) -> list[float]: ...


class CrossEncoderReranker:
    batch_size = 16

    def __init__(self, spec: ModelSpec):
        self.name = spec.name
        self._model = _load(spec)

    def score(self, question: str, passages: list[str]) -> list[float]:
        if not passages:
            return []
        logits = self._model.predict([(question, p) for p in passages], batch_size=self.batch_size,
                                     show_progress_bar=False, convert_to_numpy=True)
        logits = np.asarray(logits, dtype=np.float64).reshape(len(passages))
        # The logistic function written with tanh: no overflow for a logit far below zero.
        return [float(s) for s in 0.5 * (1.0 + np.tanh(logits / 2.0))]


def reranker_spec(name: str) -> ModelSpec:
    """The reranker a person named, checked: a folder is kept by its absolute path."""
    if not isinstance(name, str) or not name.strip():
        raise ModelError("the reranker is empty; give a cross-encoder folder, or a cross-encoder's name")
    return ModelSpec(name.strip())


_loaded: dict[str, CrossEncoderReranker] = {}
_loading = threading.Lock()


def load_reranker(name: str) -> CrossEncoderReranker:
    """The cross-encoder `name` (a folder or a model name), loaded once per process."""
    spec = reranker_spec(name)
    with _loading:
        if spec.name not in _loaded:
            _loaded[spec.name] = CrossEncoderReranker(spec)
        return _loaded[spec.name]


def _load(spec: ModelSpec):
    location, local = model_location(spec, what="reranker", holds="a cross-encoder", organisation="cross-encoder")
    try:
        with _quiet():
            import torch
            from sentence_transformers import CrossEncoder

            # Raw logits, whatever activation the model was saved with (a sigmoid, or none): their
            # logistic is a relevance from 0 to 1 for every model.
            model = CrossEncoder(location, device="cpu", local_files_only=local, activation_fn=torch.nn.Identity())
    except Exception as exc:  # the libraries raise many kinds; a person needs one line
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(f"could not load the reranker {spec.name!r} ({reason[:200]}); "
                         "give a cross-encoder folder, or a cross-encoder's name") from None
    problem = _not_a_reranker(model)
    if problem:
        raise ModelError(f"the reranker {spec.name!r} {problem}; give a cross-encoder: a model that scores a "
                         "question and a passage together with one number")
    log.info("loaded reranker %s from %s", spec.name, location)
    return model


def _not_a_reranker(model) -> str | None:
    if model.num_labels != 1:
        return f"gives {model.num_labels} scores for a passage, not one"
    architectures = getattr(model.config, "architectures", None) or ()
    if len(model) == 1 and architectures and not any(a.endswith(_SCORING_HEADS) for a in architectures):
        return f"is not a cross-encoder (a {architectures[0]}, with no trained scoring head)"
    return None


@contextmanager
def _quiet():
    """The libraries' load reports and their notice of converting a model held back: the command line
    says one line, ours."""
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    library = logging.getLogger("sentence_transformers")
    before = library.level
    library.setLevel(logging.ERROR)
    try:
        yield
    finally:
        library.setLevel(before)
