"""Reading transcripts: formats, decoding, speaker turns, metadata and chunks with exact offsets."""

from pathlib import Path

from .chunking import ChunkSettings, Tokenizer, chunk_transcript
from .errors import CorpusError, DecodeError, TranscriptQAError
from .layout import LineIndex, Paragraph, paragraph_at, paragraphs
from .places import Place, SourceMap, clock
from .reading import SUFFIXES, find_transcript_files, load_corpus, read_transcript, transcript_from_bytes
from .records import ROLES, Chunk, Period, Segment, SetAside, Skipped, Time, Transcript, Turn

SAMPLES_DIR = Path(__file__).resolve().parent / "samples"

__all__ = [
    "ROLES", "SAMPLES_DIR", "SUFFIXES", "Chunk", "ChunkSettings", "CorpusError", "DecodeError", "LineIndex",
    "Paragraph", "Period", "Place", "Segment", "SetAside", "Skipped", "SourceMap", "Time", "Tokenizer", "Transcript",
    "TranscriptQAError", "Turn", "chunk_transcript", "clock", "find_transcript_files", "load_corpus",
    "paragraph_at", "paragraphs", "read_transcript", "transcript_from_bytes",
]
