"""How many threads a build embeds with: a build started beside a serving page leaves a core
to the questions, so they keep their latency while it runs. And what else this process is
doing while a question is embedded (`crowded`): other questions, or a build embedding."""

from __future__ import annotations

import os
import sys
import threading
from contextlib import contextmanager

_setting = threading.Lock()
_counting = threading.Lock()
_busy = {"asking": 0, "embedding": 0}


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def worker_count(threads: int | None) -> int:
    """How many workers a build runs at once (reading processes, embedding runs): the threads it may use,
    at most the cores (None: every core)."""
    return max(1, min(cores(), threads or cores()))


def serving_threads() -> int:
    """Threads for a build while questions are being answered: all cores but one."""
    return max(1, cores() - 1)


@contextmanager
def embedding_threads(threads: int | None):
    """torch's intra-op threads set to `threads` for the block, then restored; None leaves them.

    The setting is process-wide: a question embedded by torch meanwhile uses as many, which is
    what a one-sentence batch needs anyway. While the block runs the process counts as
    embedding for a build (`crowded`)."""
    with _doing("embedding"):
        torch = sys.modules.get("torch")  # a model that is not torch's needs no setting
        if not threads or torch is None:
            yield
            return
        with _torch_threads(torch, threads):
            yield


@contextmanager
def _torch_threads(torch, threads: int):
    with _setting:
        before = torch.get_num_threads()
        torch.set_num_threads(max(1, int(threads)))
    try:
        yield
    finally:
        with _setting:
            torch.set_num_threads(before)


def asking():
    """Marks a question being answered in this process while the block runs (see `crowded`)."""
    return _doing("asking")


def crowded() -> bool:
    """Whether this process is answering more than one question, or embedding for a build: a question's
    embedding then leaves the cores to that work instead of spinning its threads (index.onnx_embedding)."""
    with _counting:
        return _busy["asking"] > 1 or _busy["embedding"] > 0


@contextmanager
def _doing(what: str):
    with _counting:
        _busy[what] += 1
    try:
        yield
    finally:
        with _counting:
            _busy[what] -= 1
