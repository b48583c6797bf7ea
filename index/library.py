"""The corpus folder as a library: adding, renaming and removing transcripts; nothing overwritten.

Uploads arrive with whatever name a browser or script sent. A name is reduced to
a plain file name inside the corpus folder; a file the folder already holds is
never replaced: the same bytes again is a no-op, different bytes under a taken
name are stored under the next free name (`name-2.txt`).

A rename keeps the file's folder and suffix and never takes a name in use. A
removed transcript is moved into the hidden `.removed/` folder inside the corpus
folder (the corpus reader skips hidden folders), so a removal can be undone by
hand. Nothing outside the corpus folder is ever touched.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable

from corpus import SUFFIXES, find_transcript_files, transcript_from_bytes
from corpus.errors import DecodeError

from .errors import LibraryRefused, UploadRefused

log = logging.getLogger(__name__)

# A press conference is tens of kilobytes; a few megabytes is already a very long hearing.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_NAME_CHARS = 120
_UNSAFE = re.compile(r"[^\w .()\[\]+,&'@-]+")
_PARTIAL = ".upload-"  # hidden, so the corpus reader never sees a half-written file
REMOVED = ".removed"  # hidden, for the same reason


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


def rename_transcript(corpus_dir: str | Path, name: str, new_name: str) -> str:
    """Rename the transcript `name` (its path in the corpus folder) to a safe form of `new_name`, in the
    same folder and with the same suffix; returns its new path. Raises LibraryRefused."""
    root = Path(corpus_dir)
    path = _library_file(root, name)
    wanted = str(new_name or "").strip()
    suffix = path.suffix
    if not wanted.lower().endswith(suffix.lower()):
        if PurePosixPath(wanted).suffix.lower() in SUFFIXES:
            raise LibraryRefused(f"{_shown(name)} stays a {suffix} file; give a name ending in {suffix} or none")
        wanted += suffix
    try:
        filename = safe_name(wanted)
    except UploadRefused as exc:
        raise LibraryRefused(str(exc)) from None
    filename = filename[:-len(suffix)] + suffix  # the suffix as the file has it
    if filename == path.name:
        raise LibraryRefused(f"{_shown(name)} already has that name")
    target = path.parent / filename
    if target.exists() or target.is_symlink():
        raise LibraryRefused(f"the library already has a {filename}; choose another name")
    if not _link_free(path, target):
        raise LibraryRefused(f"the library already has a {filename}; choose another name")
    path.unlink()
    log.info("renamed %s to %s in %s", name, filename, root)
    return target.relative_to(root).as_posix()


def remove_transcript(corpus_dir: str | Path, name: str) -> str:
    """Move the transcript `name` out of the library into `.removed/` in the corpus folder; returns
    where it now is, relative to the corpus folder. Raises LibraryRefused."""
    root = Path(corpus_dir)
    path = _library_file(root, name)
    bin_ = root / REMOVED
    if bin_.is_symlink() or (bin_.exists() and not bin_.is_dir()):
        raise LibraryRefused(f"{bin_} is not a folder; move it away to remove transcripts from the page")
    bin_.mkdir(exist_ok=True)
    for candidate in _candidates(path.name):
        target = bin_ / candidate
        if not (target.exists() or target.is_symlink()) and _link_free(path, target):
            path.unlink()
            log.info("moved %s to %s", name, target)
            return target.relative_to(root).as_posix()
    raise LibraryRefused(f"too many removed files named like {path.name} in {bin_}; empty it")


def _library_file(root: Path, name: str) -> Path:
    """The transcript file `name` names inside `root`; refused for anything else."""
    text = name if isinstance(name, str) else ""
    rel = PurePosixPath(text)
    if (not text.strip() or "\\" in text or rel.is_absolute()
            or any(part in ("", ".", "..") or part.startswith(".") for part in rel.parts)):
        raise LibraryRefused(f"{_shown(text) or 'an empty name'} is not a transcript in the library")
    path = root.joinpath(*rel.parts)
    if path.suffix.lower() not in SUFFIXES or not (path.is_file() or path.is_symlink()) or path.is_dir():
        raise LibraryRefused(f"there is no transcript {_shown(text)} in {root}")
    try:
        inside = path.parent.resolve().is_relative_to(root.resolve())
    except OSError:
        inside = False
    if not inside:  # a linked folder that leads out of the corpus folder
        raise LibraryRefused(f"{_shown(text)} is not inside {root}; it is left alone")
    return path


def _link_free(path: Path, target: Path) -> bool:
    """Give `path`'s file (or link) the name `target` too, only if that name is free."""
    try:
        os.link(path, target, follow_symlinks=False)
    except FileExistsError:
        return False
    return True


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
