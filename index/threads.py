"""How many threads a build embeds with: a build started beside a serving page leaves a core
to the questions, so they keep their latency while it runs."""

from __future__ import annotations

import os
import sys
import threading
from contextlib import contextmanager

_setting = threading.Lock()


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def serving_threads() -> int:
    """Threads for a build while questions are being answered: all cores but one."""
    return max(1, cores() - 1)


@contextmanager
def embedding_threads(threads: int | None):
    """torch's intra-op threads set to `threads` for the block, then restored; None leaves them.

    The setting is process-wide: a question embedded by torch meanwhile uses as many, which is
    what a one-sentence batch needs anyway."""
    torch = sys.modules.get("torch")  # a model that is not torch's needs no setting
    if not threads or torch is None:
        yield
        return
    with _setting:
        before = torch.get_num_threads()
        torch.set_num_threads(max(1, int(threads)))
    try:
        yield
    finally:
        with _setting:
            torch.set_num_threads(before)
