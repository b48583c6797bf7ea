"""Reading transcripts: formats, decoding, speaker turns, metadata and chunks with exact offsets.

Names are imported from their modules on first use, so that asking, which reads no
transcript file, does not import the readers of every format.
"""

from pathlib import Path

from .exports import lazy_exports

SAMPLES_DIR = Path(__file__).resolve().parent / "samples"

_WHERE = {
    "chunking": ("ChunkSettings", "Tokenizer", "chunk_transcript"),
    "errors": ("CorpusError", "DecodeError", "TranscriptQAError"),
    "layout": ("LineIndex", "Paragraph", "paragraph_at", "paragraphs"),
    "places": ("Place", "SourceMap", "clock"),
    "reading": ("SUFFIXES", "find_transcript_files", "load_corpus", "read_transcript", "transcript_from_bytes"),
    "records": ("ROLES", "Chunk", "Period", "Segment", "SetAside", "Skipped", "Time", "Transcript", "Turn"),
}
__getattr__, __dir__, __all__ = lazy_exports(__name__, _WHERE)
__all__ = sorted(["SAMPLES_DIR", *__all__])
