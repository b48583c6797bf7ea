"""Files carried over whole from the version in service: a rebuild reads, parses, chunks and
embeds only the files that changed.

A file is carried over when its path and SHA-256 are the ones the version in service
indexed, that version verifies in full and was built with the same model (see
`index.reuse`), the same chunk settings and the same reading code (`reader_fingerprint`:
the source of everything that turns bytes into turns, chunks and sentences). It then
gets what that version holds for it: its transcript, chunks, sentences and their vectors.
Anything else is read again; the texts of files that changed still reuse their vectors
by text.

A rebuild has nothing to do at all (`up_to_date`) when the version in service verifies, was
built by the same code with the same settings and model, and indexed exactly the files the
folder holds now, none of them skipped.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from corpus import Chunk, SetAside, Transcript, find_transcript_files
from corpus.errors import CorpusError

from . import vectors
from .embedding import Embedder
from .doc_parts import DocParts
from .integrity import bad_vectors, sha256_of
from .manifest import CHUNK_VECTORS, SENTENCE_VECTORS, STORE, Manifest
from .reuse import Known, key, verified_previous
from .store import Sentence, Store

log = logging.getLogger(__name__)

_ROOT = Path(__file__).resolve().parents[1]
# Everything that decides a file's transcript, chunks and sentences, besides the model and the settings.
_READER_SOURCES = ("corpus", "index/tokenizing.py", "index/build.py")


# Everything that decides what a version holds: the reading code and all that derives and writes the rest.
_BUILDER_SOURCES = ("corpus", "index")


def reader_fingerprint() -> str:
    """SHA-256 of the source of the reading code: another version reads every file again."""
    return _sources_digest(_READER_SOURCES).hexdigest()


def build_key(settings: dict) -> str:
    """SHA-256 of the building code and of `settings` (everything a build was given that shapes the
    version: chunking, search, links, corpus folder): the same key over the same files builds the same."""
    digest = _sources_digest(_BUILDER_SOURCES)
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode("utf-8"))
    return digest.hexdigest()


def _sources_digest(names: tuple[str, ...]):
    digest = hashlib.sha256()
    for name in names:
        path = _ROOT / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for f in files:
            digest.update(f.relative_to(_ROOT).as_posix().encode() + b"\0")
            digest.update(f.read_bytes() + b"\0")
    return digest


@dataclass(frozen=True)
class CorpusChanges:
    changed: tuple[str, ...]
    missing: tuple[str, ...]
    added: tuple[str, ...]

    @property
    def any(self) -> bool:
        return bool(self.changed or self.missing or self.added)


def changes_since(manifest: Manifest) -> CorpusChanges | None:
    """How the corpus folder differs from what the index holds; None if the folder is gone."""
    root = Path(manifest.corpus)
    try:
        on_disk = {p.relative_to(root).as_posix(): p for p in find_transcript_files(root, manifest.outside_links)}
    except CorpusError:
        return None
    indexed = {f.doc_id: f.sha256 for f in manifest.files}
    skipped = {s["file"] for s in manifest.skipped}
    changed = []
    for doc_id, sha in indexed.items():
        path = on_disk.get(doc_id)
        if path is not None and _sha256(path) != sha:
            changed.append(doc_id)
    return CorpusChanges(
        changed=tuple(changed),
        missing=tuple(d for d in indexed if d not in on_disk),
        added=tuple(d for d in on_disk if d not in indexed and d not in skipped),
    )


def up_to_date(index_dir: Path, embedder: Embedder, probe: tuple[float, ...], key: str,
               corpus_dir: Path) -> tuple[str, Manifest] | None:
    """(version, manifest) of the version in service when a build with `key` over `corpus_dir` would
    make it again: it verifies in full with this model, has that key and that folder, skipped no file
    (one that failed may read now) and the folder holds exactly its files, byte for byte."""
    found = verified_previous(index_dir, embedder, probe)
    if found is None:
        return None
    directory, manifest = found
    if manifest.build_key != key or manifest.skipped or Path(manifest.corpus) != corpus_dir.resolve():
        return None
    changes = changes_since(manifest)
    if changes is None or changes.any:
        return None
    # Last, as the costliest: hashes can be made to fit damage, and a rebuild embeds such vectors again.
    if _holds_bad_vectors(directory):
        return None
    return directory.name, manifest


def _holds_bad_vectors(directory: Path) -> bool:
    try:
        chunks = vectors.all_vectors(vectors.load(directory / CHUNK_VECTORS))
        sentences = np.load(directory / SENTENCE_VECTORS, mmap_mode="r", allow_pickle=False)
        return bool(len(bad_vectors(chunks)) or len(bad_vectors(sentences)))
    except Exception:  # unreadable counts as bad: the build that follows says what it finds
        return True


def _sha256(path: Path) -> str | None:
    try:
        return sha256_of(path)
    except OSError:  # unreadable now: it cannot be what was indexed
        return None


@dataclass(frozen=True)
class Carried:
    """One file as the version in service holds it."""

    transcript: Transcript
    chunks: tuple[Chunk, ...]
    sentences: tuple[Sentence, ...]  # numbered with the document's place in that version (`doc`)
    doc: int
    chunk_rows: np.ndarray  # its chunks' rows in that version's vectors
    sentence_rows: np.ndarray
    parts: DocParts | None = None  # what it gives the corpus's structure, when that version kept it


@dataclass(frozen=True)
class Previous:
    files: dict[tuple[str, str], Carried]  # every file of that version, by (doc_id, sha256)
    whole: bool  # files may be carried over whole: same chunk settings, same reading code
    chunk_vectors: np.ndarray  # float32, by the old version's rows; bad ones excluded from reuse
    sentence_vectors: np.ndarray
    bad_chunks: np.ndarray  # bool per old row: not finite or not unit-length, never reused
    bad_sentences: np.ndarray

    def transcript(self, doc_id: str, sha256: str) -> Transcript | None:
        found = self.carried_file(doc_id, sha256)
        return found.transcript if found else None

    def carried(self, t: Transcript) -> Carried | None:
        return self.carried_file(t.doc_id, t.sha256)

    def carried_file(self, doc_id: str, sha256: str) -> Carried | None:
        found = self.files.get((doc_id, sha256)) if self.whole else None
        if found is None or self.bad_chunks[found.chunk_rows].any() or self.bad_sentences[found.sentence_rows].any():
            return None
        return found

    def known(self, carried: set[tuple[str, str]]) -> dict[str, Known]:
        """Vectors by text of the files not in `carried` (those carried over whole): an edited file keeps
        the vectors of its unchanged chunks, a renamed one all of them."""
        chunks, sentences = {}, {}
        for file_key, f in self.files.items():
            if file_key in carried:
                continue
            for c, r in zip(f.chunks, f.chunk_rows.tolist()):
                if not self.bad_chunks[r]:
                    chunks[key(c.text)] = self.chunk_vectors[r]
            text = f.transcript.text
            for s, r in zip(f.sentences, f.sentence_rows.tolist()):
                if not self.bad_sentences[r]:
                    sentences[key(text[s.start:s.end])] = self.sentence_vectors[r]
        return {"chunks": chunks, "sentences": sentences}


_EMPTY = np.zeros((0, 0), np.float32)
NOTHING = Previous({}, False, _EMPTY, _EMPTY, np.zeros(0, bool), np.zeros(0, bool))


def previous_version(index_dir: Path, embedder: Embedder, probe: tuple[float, ...], chunking: dict) -> Previous:
    """What the version in service can give this build (NOTHING when it can give nothing)."""
    found = verified_previous(index_dir, embedder, probe)
    if found is None:
        return NOTHING
    directory, manifest = found
    try:
        return _read(directory, manifest, chunking)
    except Exception as exc:  # a damaged old version only costs reading and embedding again
        log.warning("not reusing version %s: %s", directory.name, str(exc).splitlines()[0] if str(exc) else exc)
        return NOTHING


def _read(directory: Path, manifest: Manifest, chunking: dict) -> Previous:
    chunk_vecs = vectors.all_vectors(vectors.load(directory / CHUNK_VECTORS))
    sent_vecs = np.load(directory / SENTENCE_VECTORS, allow_pickle=False).astype(np.float32)
    store = Store(directory / STORE)
    try:
        n_chunks, n_sents = len(store), len(store.sentence_doc)
        if len(chunk_vecs) != n_chunks or len(sent_vecs) != n_sents:
            return NOTHING
        whole = manifest.chunking == chunking and _has_table(directory / STORE, "set_aside")
        files = _files(store, directory / STORE, manifest, whole)
    finally:
        store.close()
    return Previous(files, whole, chunk_vecs, sent_vecs, _bad_rows(chunk_vecs, n_chunks), _bad_rows(sent_vecs, n_sents))


def _has_table(path: Path, name: str) -> bool:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return _holds_table(con, name)
    finally:
        con.close()


def _holds_table(con: sqlite3.Connection, name: str) -> bool:
    return bool(con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchall())


def _bad_rows(vecs: np.ndarray, n: int) -> np.ndarray:
    bad = np.zeros(n, dtype=bool)
    bad[bad_vectors(vecs)] = True
    return bad


def _files(store: Store, path: Path, manifest: Manifest, whole: bool) -> dict[tuple[str, str], Carried]:
    sizes = {f.doc_id: f.bytes for f in manifest.files}
    aside: dict[int, list[SetAside]] = {}
    parts: dict[int, DocParts] = {}
    if whole:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            for doc, line, text, reason in con.execute("SELECT doc, line, text, reason FROM set_aside ORDER BY rowid"):
                aside.setdefault(doc, []).append(SetAside(line, text, reason))
            if _holds_table(con, "doc_parts"):  # what each document gives the structure (older versions: none)
                parts = {doc: DocParts.from_json(raw) for doc, raw in con.execute("SELECT doc, parts FROM doc_parts")}
        finally:
            con.close()
    chunk_rows = _rows_by_doc(store.chunk_doc, len(store.documents))
    sent_rows = _rows_by_doc(store.sentence_doc, len(store.documents))
    # Every chunk in one pass, each checked verbatim against its document as it is read.
    everything = [c for i in range(0, len(store), _ROWS) for c in store.chunks(list(range(i, min(i + _ROWS, len(store)))))]
    out = {}
    for d in store.documents:
        rows, srows = chunk_rows[d.doc], sent_rows[d.doc]
        t = replace(store.transcript(d.doc), size=sizes.get(d.doc_id, 0), set_aside=tuple(aside.get(d.doc, ())))
        chunks = tuple(everything[r] for r in rows.tolist())
        sentences = tuple(Sentence(d.doc, a, b) for a, b in zip(store.sentence_start[srows].tolist(),
                                                                 store.sentence_end[srows].tolist()))
        out[(d.doc_id, d.sha256)] = Carried(t, chunks, sentences, d.doc, rows, srows, parts.get(d.doc))
    return out


_ROWS = 10_000  # chunks fetched per query (SQLite caps the parameters of one)


def _rows_by_doc(doc_of_row: np.ndarray, n_docs: int) -> list[np.ndarray]:
    order = np.argsort(doc_of_row, kind="stable")
    bounds = np.searchsorted(doc_of_row[order], np.arange(n_docs + 1))
    return [order[bounds[i]:bounds[i + 1]] for i in range(n_docs)]
