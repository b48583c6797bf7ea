"""Find transcript files in a folder and read each into a Transcript."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import replace
from pathlib import Path, PurePath
from typing import Callable

from .addressed import named_by_address
from .handles import named_by_handles
from .boilerplate import set_aside
from .cleaning import clean_title
from .dates import date_in_name
from .errors import CorpusError, DecodeError
from .examination import named_in_examination
from .folder import scan
from .formats import SUFFIXES, Reading, read_file_bytes
from .layout import paragraphs
from .metadata import front_matter_end, front_matter_speakers, opening_letters, opening_names, read_metadata
from .places import SourceMap
from .records import Skipped, Transcript
from .speakers import given_to_the_one_speaker, named_by_initials_said, named_in_full, parse_turns

log = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024  # a press conference is tens of kilobytes; this is something else


def find_transcript_files(folder: str | Path, outside_links: bool = False) -> list[Path]:
    """The transcript files under `folder` that are read (see corpus.folder for what is skipped)."""
    return scan(folder, outside_links)[0]


# known(doc_id, sha256): the transcript these very bytes were read into before, if the caller kept it.
Known = Callable[[str, str], "Transcript | None"]


def read_transcript(path: Path, root: Path, known: Known | None = None) -> Transcript:
    """Read one file; raises DecodeError when it is not a transcript this can read."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DecodeError(f"it is {size // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit for one transcript")
    data = path.read_bytes()
    doc_id = path.relative_to(root).as_posix()
    if known is not None:
        before = known(doc_id, hashlib.sha256(data).hexdigest())
        if before is not None:
            return replace(before, path=str(path.resolve()))
    return transcript_from_bytes(data, doc_id, str(path.resolve()))


def transcript_from_bytes(data: bytes, doc_id: str, path: str = "") -> Transcript:
    """The transcript in `data`, the bytes of the file `doc_id`; raises DecodeError saying why not."""
    reading = read_file_bytes(data, doc_id)
    text = reading.text
    paras = paragraphs(text)
    turns = reading.turns
    body = tuple(p for p in paras if p.start >= front_matter_end(text))  # YAML front matter is metadata, never a turn
    if turns is None:
        turns = parse_turns(text, body)
        listed = front_matter_speakers(text)
        turns = named_in_full(turns, listed or opening_names(text, turns), opening_letters(text, turns))
        turns = given_to_the_one_speaker(text, turns, body, listed)
    turns = named_by_handles(text, named_by_initials_said(text, named_by_address(text, named_in_examination(text, turns))))
    if not turns:
        raise DecodeError("it holds no transcript text, only page furniture")
    places = SourceMap(text, reading.segments)
    turns = tuple(places.placed(t) for t in turns)
    # What the furniture rules keep out of the turns and chunks, recorded so that no words go unseen: the
    # reader's own (in document order) and then what the rules find in the text it gave.
    furniture = reading.set_aside + set_aside(text, body, places.line)
    stem = PurePath(doc_id).stem
    meta = read_metadata(text, paras, turns, fallback_title=title_from_name(stem))
    return Transcript(
        doc_id=doc_id, path=path, title=clean_title(reading.title or meta.title) or stem,
        date=reading.date or meta.date or date_in_name(stem), text=text,
        turns=turns, published=meta.published, period=meta.period, encoding=reading.encoding,
        sha256=hashlib.sha256(data).hexdigest(), size=len(data), format=reading.format,
        segments=reading.segments, set_aside=furniture,
    )


def title_from_name(stem: str) -> str:
    """A readable title from a file name: words split at dashes and underscores, dates kept whole, and
    the format a name keeps before the one it is read as (`hearing.rst.txt`) left out."""
    inner = PurePath(stem).suffix
    if inner.lower() in SUFFIXES + (".csv",):
        stem = stem[: -len(inner)]
    words = re.split(r"(?<!\d)[-_]+|[-_]+(?!\d)|_+", stem)
    return " ".join(w for w in words if w) or stem


def load_corpus(folder: str | Path, outside_links: bool = False,
                known: Known | None = None) -> tuple[list[Transcript], list[Skipped]]:
    """Every readable transcript under `folder`, and the files skipped with the reason (links that
    resolve outside the folder among them, unless `outside_links`). A file `known` gives a transcript
    for (same name, same SHA-256) is not parsed again."""
    root = Path(folder)
    files, skipped = transcript_files(root, outside_links)
    transcripts: list[Transcript] = []
    for path in files:
        read = read_or_skip(path, root, known)
        (transcripts if isinstance(read, Transcript) else skipped).append(read)
    return transcripts, skipped


def transcript_files(root: Path, outside_links: bool = False) -> tuple[list[Path], list[Skipped]]:
    """(the files to read, the entries skipped); refused in one line when there is nothing to read."""
    files, skipped = scan(root, outside_links)
    if not files:
        raise CorpusError(f"no transcripts in {root}: put transcript files ({', '.join(SUFFIXES)}) there "
                          "(subfolders are read too)" + (f"; skipped: {skipped[0].file} ({skipped[0].reason})"
                                                         if skipped else ""))
    return files, skipped


def read_or_skip(path: Path, root: Path, known: Known | None = None) -> Transcript | Skipped:
    """The file's transcript, or why it was skipped (logged)."""
    rel = path.relative_to(root).as_posix()
    try:
        return read_transcript(path, root, known)
    except DecodeError as exc:
        log.warning("skipped %s: %s", rel, exc)
        return Skipped(rel, str(exc))
    except OSError as exc:
        log.warning("skipped %s: %s", rel, exc.strerror or exc)
        return Skipped(rel, f"it could not be read ({exc.strerror or exc})")


__all__ = ["MAX_BYTES", "Reading", "SUFFIXES", "find_transcript_files", "load_corpus", "read_or_skip",
           "read_transcript", "title_from_name", "transcript_files", "transcript_from_bytes"]
