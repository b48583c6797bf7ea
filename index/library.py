"""Adding transcripts to a corpus folder: only files that read as transcripts, safe names, nothing overwritten.

Uploads arrive with whatever name a browser or script sent. A name is reduced to
a plain file name inside the corpus folder; a file the folder already holds is
never replaced: the same bytes again is a no-op, different bytes under a taken
name are stored under the next free name (`name-2.txt`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from corpus import SUFFIXES, find_transcript_files, transcript_from_bytes
from corpus.errors import DecodeError

from .errors import UploadRefused

log = logging.getLogger(__name__)

# A press conference is tens of kilobytes; a few megabytes is already a very long hearing.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_NAME_CHARS = 120
_UNSAFE = re.compile(r"[^\w .()\[\]+,&'@-]+")
_PARTIAL = ".upload-"  # hidden, so the corpus reader never sees a half-written file


@dataclass(frozen=True)
class Added:
    """What happened to one uploaded file."""

    name: str  # the name it arrived with
    stored_as: str | None  # its file name in the corpus folder; None when refused
    outcome: str  # "added", "renamed", "unchanged" or "refused"
    message: str  # one line for a person


def safe_name(name: str) -> str:
    """A plain file name for `name`: no folders, no hidden files, an allowed suffix."""
    if not isinstance(name, str):
        raise UploadRefused("a file arrived without a name")
    base = re.split(r"[/\\]", unicodedata.normalize("NFC", name))[-1]
    stem, dot, suffix = _UNSAFE.sub("-", base).strip().rpartition(".")
    suffix = f".{suffix}" if dot else ""
    allowed = ", ".join(SUFFIXES)
    if suffix.lower() not in SUFFIXES:
        raise UploadRefused(f"{_shown(name)} is not a transcript file; only {allowed} files can be added")
    stem = stem.strip(" .-")[:MAX_NAME_CHARS].strip(" .-")
    if not stem:
        raise UploadRefused(f"{_shown(name)} has no usable file name; rename it (for example briefing{suffix})")
    return stem + suffix


def add_transcript(corpus_dir: str | Path, name: str, data: bytes) -> Added:
    """Store `data` in `corpus_dir` under a safe form of `name`; raises UploadRefused."""
    filename = safe_name(name)
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRefused(f"{_shown(name)} is {_size(len(data))}; the limit for one transcript is "
                            f"{_size(MAX_UPLOAD_BYTES)}")
    try:
        transcript_from_bytes(data, filename)  # refused now, not skipped silently at the next build
    except DecodeError as exc:
        raise UploadRefused(f"{_shown(name)} cannot be added: {exc}") from None
    root = Path(corpus_dir)
    if root.exists() and not root.is_dir():
        raise UploadRefused(f"the corpus folder {root} is a file; serve with --corpus naming a folder")
    root.mkdir(parents=True, exist_ok=True)

    same = _same_bytes(root, data)
    if same is not None:
        return Added(name, same, "unchanged", f"{_shown(name)} is already in the library as {same}; nothing to do")
    stored = _write_new(root, filename, data)
    if stored == filename:
        return Added(name, stored, "added", f"added {stored}")
    return Added(name, stored, "renamed",
                 f"added {_shown(name)} as {stored}: the library already has a different {filename}")


def add_files(corpus_dir: str | Path, files: Iterable[tuple[str, str | Path]]) -> tuple[Added, ...]:
    """Add each (name, path-of-the-uploaded-bytes); one refused file does not stop the others."""
    results = []
    for name, path in files:
        try:
            size = Path(path).stat().st_size
            if size > MAX_UPLOAD_BYTES:  # refuse before reading a huge file into memory
                raise UploadRefused(f"{_shown(name)} is {_size(size)}; the limit for one transcript is "
                                    f"{_size(MAX_UPLOAD_BYTES)}")
            results.append(add_transcript(corpus_dir, name, Path(path).read_bytes()))
        except UploadRefused as exc:
            results.append(Added(str(name), None, "refused", str(exc)))
        except OSError as exc:
            results.append(Added(str(name), None, "refused",
                                 f"{_shown(str(name))} could not be stored ({exc.strerror or type(exc).__name__})"))
    return tuple(results)


def _same_bytes(root: Path, data: bytes) -> str | None:
    """The name of a transcript in the folder with exactly these bytes, if any."""
    digest = None
    for path in find_transcript_files(root):
        try:
            if path.stat().st_size != len(data):
                continue
            digest = digest or hashlib.sha256(data).hexdigest()
            if hashlib.sha256(path.read_bytes()).hexdigest() == digest:
                return path.relative_to(root).as_posix()
        except OSError:
            continue
    return None


def _candidates(filename: str):
    stem, _, suffix = filename.rpartition(".")
    yield filename
    for n in range(2, 1000):
        yield f"{stem}-{n}.{suffix}"


def _write_new(root: Path, filename: str, data: bytes) -> str:
    """Write to a hidden file, then link it under the first free name: an existing name is never replaced."""
    partial = root / f"{_PARTIAL}{secrets.token_hex(6)}.part"
    with open(partial, "xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    try:
        for candidate in _candidates(filename):
            target = root / candidate
            if target.exists() or target.is_symlink():
                continue
            try:
                os.link(partial, target)  # fails if the name was taken a moment ago
            except FileExistsError:
                continue
            log.info("added %s to %s", candidate, root)
            return candidate
        raise UploadRefused(f"too many files named like {filename} in the library; rename it")
    finally:
        partial.unlink(missing_ok=True)


def _shown(name: str) -> str:
    """A name as it can be shown in one line: no folders, no control characters, not too long."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(name))
    text = re.split(r"[/\\]", text)[-1] or text
    return text if len(text) <= 80 else text[:77] + "..."


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"
