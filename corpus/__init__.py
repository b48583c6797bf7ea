"""Reading transcripts: formats, decoding, speaker turns, metadata and chunks with exact offsets.

Names are imported from their modules on first use, so that asking, which reads no
transcript file, does not import the readers of every format.
"""

from importlib import import_module
from pathlib import Path

SAMPLES_DIR = Path(__file__).resolve().parent / "samples"

_WHERE = {
    "chunking": ("ChunkSettings", "Tokenizer", "chunk_transcript"),
    "errors": ("CorpusError", "DecodeError", "TranscriptQAError"),
    "layout": ("LineIndex", "Paragraph", "paragraph_at", "paragraphs"),
    "places": ("Place", "SourceMap", "clock"),
    "reading": ("SUFFIXES", "find_transcript_files", "load_corpus", "read_transcript", "transcript_from_bytes"),
    "records": ("ROLES", "Chunk", "Period", "Segment", "SetAside", "Skipped", "Time", "Transcript", "Turn"),
}
_MODULE = {name: module for module, names in _WHERE.items() for name in names}

__all__ = sorted(["SAMPLES_DIR", *_MODULE])


def __getattr__(name: str):
    if name not in _MODULE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_MODULE[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_MODULE))
