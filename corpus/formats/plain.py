"""Plain text and Markdown: indexed as the file holds them.

The speaker layouts are found in the text afterwards. Times written beside labels
(`[00:01:23] Name:`, `**Name:** \\[12:21\\]`) become segments, so turns and
citations carry them.
"""

from __future__ import annotations

from pathlib import PurePath

from ..decoding import decode_bytes
from ..timestamps import time_marks
from . import Reading


def read(data: bytes, name: str) -> Reading:
    text, encoding = decode_bytes(data)
    fmt = "markdown" if PurePath(name).suffix.lower() in (".md", ".markdown") else "text"
    return Reading(format=fmt, text=text, segments=time_marks(text), encoding=encoding)
