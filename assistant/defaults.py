"""Where the index is when no one says: read by the CLI's help before anything heavy is imported."""

from __future__ import annotations

import os
from pathlib import Path


def default_index_dir() -> Path:
    """$TQA_INDEX, else $XDG_DATA_HOME/transcript-qa/index (~/.local/share/transcript-qa/index)."""
    if os.environ.get("TQA_INDEX"):
        return Path(os.environ["TQA_INDEX"]).expanduser()
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data / "transcript-qa" / "index"
