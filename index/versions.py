"""The versions of an index directory, and publishing a new one atomically.

Layout of an index directory:

    INDEX/CURRENT          name of the version in service (replaced atomically)
    INDEX/v<time>-<id>/    one complete version: manifest.json, store.sqlite,
                           chunks.faiss, sentences.npy, and the model's ONNX export
                           (query-model.onnx, query-tokenizer.json, query-model.json)
    INDEX/.lock            held by the one build allowed at a time

A build writes a new version in a staging folder beside the one in service and
switches CURRENT with os.replace; a build that dies half-way leaves the old version
answering, and the next build clears what it left behind.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
from pathlib import Path

from .errors import BuildBusy, IndexRefused

CURRENT = "CURRENT"
LOCK = ".lock"
VERSION = re.compile(r"^v\d{8}T\d{6}-[0-9a-f]{6}$")
STAGING = ".staging-"


def current_version(index_dir: Path) -> str | None:
    """The version CURRENT names; None when there is none yet; IndexRefused when CURRENT is damaged."""
    path = Path(index_dir) / CURRENT
    try:
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:  # a folder where the file should be, no permission
        raise IndexRefused(f"{path} cannot be read ({exc.strerror or type(exc).__name__}); {_repair(index_dir)}") from None
    # A build replaces CURRENT whole, so anything but one version name in it is damage.
    name = data.decode("ascii", errors="replace").strip()
    if not VERSION.match(name):
        raise IndexRefused(f"{path} is damaged (it does not name a version); {_repair(index_dir)}")
    return name


def _repair(index_dir: Path) -> str:
    return (f"publish a new version with `transcript-qa build CORPUS_DIR --index {index_dir}` "
            f"(or write the name of a version folder into it)")


def build_running(index_dir: str | Path) -> bool:
    """Whether some process holds the build lock of `index_dir` now."""
    path = Path(index_dir) / LOCK
    if not path.is_file():
        return False
    try:
        with open(path, "a+") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(fh, fcntl.LOCK_UN)
    except OSError:
        return False
    return False


class BuildLock:
    """The one build of an index directory allowed at a time."""

    def __init__(self, index_dir: Path):
        self.path = index_dir / LOCK

    def __enter__(self):
        self.fh = open(self.path, "a+")
        try:
            fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.fh.seek(0)
            holder = self.fh.read().strip() or "another process"
            self.fh.close()
            raise BuildBusy(f"a build of {self.path.parent} is already running ({holder}); wait for it to finish") from None
        self.fh.seek(0)
        self.fh.truncate()
        self.fh.write(f"pid {os.getpid()}")
        self.fh.flush()
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()


def publish(index_dir: Path, staging: Path, version: str) -> None:
    final = index_dir / version
    os.replace(staging, final)
    try:
        pointer = index_dir / f"{CURRENT}.{version}.tmp"
        pointer.write_text(version + "\n", encoding="utf-8")
        with open(pointer, "rb+") as fh:
            os.fsync(fh.fileno())
        current = index_dir / CURRENT
        if current.is_dir() and not current.is_symlink():  # damage in our own folder: a pointer cannot replace it
            shutil.rmtree(current)
        os.replace(pointer, current)
        fsync_dir(index_dir)
    except BaseException:
        pointer.unlink(missing_ok=True)
        if _current_or_none(index_dir) != version:
            shutil.rmtree(final, ignore_errors=True)
        raise


def _current_or_none(index_dir: Path) -> str | None:
    try:
        return current_version(index_dir)
    except IndexRefused:
        return None


def clear_leftovers(index_dir: Path) -> None:
    """Remove what a killed build left: staging folders and stray pointer files."""
    for entry in index_dir.iterdir():
        if entry.name.startswith(STAGING) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(f"{CURRENT}.") and entry.name.endswith(".tmp"):
            entry.unlink(missing_ok=True)


def prune(index_dir: Path, keep: str) -> None:
    # Keep the previous version too: a reader that opened it a moment ago may still use it.
    versions = sorted(e.name for e in index_dir.iterdir() if e.is_dir() and VERSION.match(e.name))
    for name in versions[:-2]:
        if name != keep:
            shutil.rmtree(index_dir / name, ignore_errors=True)


def fsync_tree(directory: Path) -> None:
    for entry in directory.iterdir():
        with open(entry, "rb") as fh:
            os.fsync(fh.fileno())
    fsync_dir(directory)


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
