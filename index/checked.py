"""Vector files read through once per version on this machine, then known by their file identity.

Every open refuses vectors that are not finite or not unit-length, and a sentence index
that does not hold sentences.npy bit for bit. Reading every vector for that grows with
the index (about a second at 100,000 chunks, most of an open). So the first open of a
version on this machine reads them all and, when they pass, remembers each file's
identity: device, inode, size, modification and change times. A later open whose files
have that very identity does not read them again.

Any write to a file sets its change time, which no user call can set back, so a file
written since it was read through is read through again. File times are kept coarser than
the clock, so, as git does with its index, a file written within `MARGIN_NS` before the
reading began is not remembered: a write in the same tick after the reading could not be
told apart from it. `transcript-qa verify` reads every byte whatever is remembered.

A build remembers the version it publishes the same way: it checked the vectors in memory
and wrote them from there into a folder no other process knew of until the publish, so the
files are as checked unless written since. At 100,000 chunks the vector files are written
tens of seconds before the publish; a small build's are too fresh, and its first open
reads them (milliseconds at that size).

Kept under the machine's cache folder (`machine_cache`), subfolder `checked`, one record
per version folder; a record whose folder is gone is removed when another is written. A
folder that cannot be written only costs reading the vectors at every open.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
from pathlib import Path

from .machine_cache import cache_root
from .manifest import CHUNK_VECTORS, SENTENCE_INDEX, SENTENCE_VECTORS, Manifest

log = logging.getLogger(__name__)

VECTOR_FILES = (CHUNK_VECTORS, SENTENCE_VECTORS, SENTENCE_INDEX)
MARGIN_NS = 2_000_000_000  # well above the coarsest file-time tick of common file systems
_FORMAT = 1


def already_checked(directory: Path, manifest: Manifest) -> bool:
    """The version's vector files are the very files that passed a full reading on this machine."""
    try:
        record = json.loads(_record_path(directory).read_text(encoding="utf-8"))
        if (record.get("format") != _FORMAT or record.get("directory") != _key(directory)
                or record.get("sha256") != _recorded_hashes(manifest)):
            return False
        started = int(record["started_ns"])
        for name in VECTOR_FILES:
            identity = _identity(directory / name)
            if identity != record["files"][name] or _too_fresh(identity, started):
                return False
        return True
    except (OSError, ValueError, KeyError, TypeError):
        return False


def remember_checked(directory: Path, manifest: Manifest, started_ns: int) -> None:
    """Record that the version's vector files were as checked at `started_ns` (`time.time_ns()`: when a full
    reading began, or when the build that wrote them published them), unless a file was written too shortly
    before it to be told apart later."""
    try:
        files = {name: _identity(directory / name) for name in VECTOR_FILES}
        if any(_too_fresh(identity, started_ns) for identity in files.values()):
            return
        folder = cache_root() / "checked"
        folder.mkdir(parents=True, exist_ok=True)
        _forget_gone(folder)
        record = {"format": _FORMAT, "directory": _key(directory), "sha256": _recorded_hashes(manifest),
                  "started_ns": started_ns, "files": files}
        target = _record_path(directory)
        scratch = target.with_name(f".{target.name}.{secrets.token_hex(4)}")
        scratch.write_text(json.dumps(record), encoding="utf-8")
        os.replace(scratch, target)
    except OSError as exc:  # only costs reading the vectors at the next open
        log.debug("could not remember the checked vectors of %s: %s", directory, exc)


def _identity(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _too_fresh(identity: list[int], started_ns: int) -> bool:
    return max(identity[3], identity[4]) + MARGIN_NS > started_ns


def _recorded_hashes(manifest: Manifest) -> dict[str, str]:
    return {c.name: c.sha256 for c in manifest.contents if c.name in VECTOR_FILES}


def _key(directory: Path) -> str:
    return str(Path(directory).resolve())


def _record_path(directory: Path) -> Path:
    return cache_root() / "checked" / f"{hashlib.sha256(_key(directory).encode()).hexdigest()[:40]}.json"


def _forget_gone(folder: Path) -> None:
    for path in folder.glob("*.json"):
        try:
            if not Path(json.loads(path.read_text(encoding="utf-8"))["directory"]).is_dir():
                path.unlink()
        except (OSError, ValueError, KeyError, TypeError):
            path.unlink(missing_ok=True)
