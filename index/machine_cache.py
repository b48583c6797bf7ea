"""The folder where this machine keeps what a build or an open can make again.

$TQA_CACHE, else $XDG_CACHE_HOME/transcript-qa (~/.cache/transcript-qa). What is kept
there only saves time: a folder that cannot be written costs the work again, never a
result.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE = "TQA_CACHE"


def cache_root() -> Path:
    """$TQA_CACHE, else $XDG_CACHE_HOME/transcript-qa (~/.cache/transcript-qa)."""
    if os.environ.get(CACHE):
        return Path(os.environ[CACHE]).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "transcript-qa"
