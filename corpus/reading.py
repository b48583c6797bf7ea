"""Find transcript files in a folder and read each into a Transcript."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from .decoding import decode_bytes
from .errors import CorpusError, DecodeError
from .layout import paragraphs
from .metadata import read_metadata
from .records import Skipped, Transcript
from .speakers import parse_turns

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".markdown")
MAX_BYTES = 20 * 1024 * 1024  # a press conference is tens of kilobytes; this is something else


def find_transcript_files(folder: str | Path) -> list[Path]:
    root = Path(folder)
    if not root.exists():
        raise CorpusError(f"corpus folder {root} does not exist; name the folder that holds your .txt or .md transcripts")
    if not root.is_dir():
        raise CorpusError(f"{root} is a file, not a folder; name the folder that holds your transcripts")
    files = [
        p for p in root.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    ]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def read_transcript(path: Path, root: Path) -> Transcript:
    """Read one file; raises DecodeError when it is not usable text."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DecodeError(f"it is {size // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit for one transcript")
    data = path.read_bytes()
    text, encoding = decode_bytes(data)
    doc_id = path.relative_to(root).as_posix()
    paras = paragraphs(text)
    turns = parse_turns(text, paras)
    if not turns:
        raise DecodeError("it holds no transcript text, only page furniture")
    meta = read_metadata(text, paras, turns, fallback_title=path.stem)
    return Transcript(
        doc_id=doc_id, path=str(path.resolve()), title=meta.title, date=meta.date, text=text,
        turns=turns, published=meta.published, period=meta.period, encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(), size=len(data),
    )


def load_corpus(folder: str | Path) -> tuple[list[Transcript], list[Skipped]]:
    """Every readable transcript under `folder`, and the files skipped with the reason."""
    root = Path(folder)
    files = find_transcript_files(root)
    if not files:
        raise CorpusError(f"no transcripts in {root}: put .txt or .md files there (subfolders are read too)")
    transcripts: list[Transcript] = []
    skipped: list[Skipped] = []
    for path in files:
        rel = path.relative_to(root).as_posix()
        try:
            transcripts.append(read_transcript(path, root))
        except DecodeError as exc:
            log.warning("skipped %s: %s", rel, exc)
            skipped.append(Skipped(rel, str(exc)))
        except OSError as exc:
            log.warning("skipped %s: %s", rel, exc.strerror or exc)
            skipped.append(Skipped(rel, f"it could not be read ({exc.strerror or exc})"))
    return transcripts, skipped
