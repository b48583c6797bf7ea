"""What every page of one served app shares: the open assistant, the folders, the rebuild lock.

Questions are answered by whichever index version is in service; a rebuild writes a
new version beside it, and the assistant switches over when it is published and
verifies (every file's SHA-256 as recorded, vectors sound, the model unchanged). A
version that fails, or a damaged CURRENT, leaves the page answering from the
version it holds, and the reason is logged once.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from assistant import Assistant
from assistant.examples import example_questions
from assistant.reranking import Reranker
from corpus import SAMPLES_DIR, ChunkSettings, TranscriptQAError
from index import (BuildBusy, BuildReport, BuildSettings, CorpusChanges, Embedder, ModelSpec, build_index,
                   build_running, changes_since, current_version, read_index_manifest)
from index.errors import LibraryRefused, UploadRefused
from index.library import Added, add_files, remove_transcript, rename_transcript
from index.threads import serving_threads

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Overview:
    """What the status line and the library say about the index in service."""

    index_dir: str
    corpus_dir: str | None
    problem: str | None  # why no question can be answered now, one line; None when all is well
    model: str | None = None
    documents: int = 0
    chunks: int = 0
    built_at: str | None = None
    building: bool = False
    changes: CorpusChanges | None = None  # the corpus folder against the index in service
    skipped: tuple[dict, ...] = ()


class AppState:
    def __init__(self, index_dir: str | Path, corpus_dir: str | Path | None = None,
                 embedder: Embedder | None = None, build_threads: int | None = -1, reranker: Reranker | None = None):
        self.index_dir = Path(index_dir).expanduser()
        self.reranker = reranker  # orders the passages of every question asked here; None: retrieval's order
        # A rebuild from the page embeds with a core left to the questions asked meanwhile
        # (-1: all cores but one; None: every core).
        self.build_threads = serving_threads() if build_threads == -1 else build_threads
        self._corpus_dir = Path(corpus_dir).expanduser() if corpus_dir else None
        self._embedder = embedder
        self._assistant: Assistant | None = None
        self._opening = threading.Lock()
        self._rebuilding = threading.Lock()
        self._examples: dict[str, list[str]] = {}
        self._refused: tuple[str | None, str] | None = None  # (version, why) of the last refusal, logged once

    # -- the assistant ----------------------------------------------------------

    def assistant(self) -> Assistant:
        """The assistant on the newest published version that verifies; raises the one-line reason when
        there is none."""
        current = self._assistant
        if current is None:
            with self._opening:
                if self._assistant is None:
                    self._assistant = Assistant.open(self.index_dir, embedder=self._embedder, verify=True,
                                                     reranker=self.reranker)
                return self._assistant
        # A build from the command line publishes too; switching costs one small read when nothing changed.
        if self._opening.acquire(blocking=False):
            try:
                self._switch(current)
            finally:
                self._opening.release()
        return self._assistant

    def _switch(self, current: Assistant) -> None:
        try:
            name = current_version(self.index_dir)
        except TranscriptQAError as exc:
            self._refuse(current, None, exc)
            return
        if name in (None, current.index.version):
            self._refused = None
            return
        if self._refused and self._refused[0] == name:
            return  # this version was refused already; checking it again would say the same
        try:
            current.refresh(verify=True)
            self._refused = None
        except TranscriptQAError as exc:
            self._refuse(current, name, exc)

    def _refuse(self, current: Assistant, version: str | None, exc: Exception) -> None:
        refused = (version, str(exc))
        if refused != self._refused:
            log.warning("still answering from version %s: %s", current.index.version, exc)
        self._refused = refused

    @property
    def refused(self) -> str | None:
        """Why the page still answers from an older version than the one published, if it does."""
        return self._refused[1] if self._refused else None

    def problem(self) -> str | None:
        try:
            self.assistant()
        except TranscriptQAError as exc:
            return str(exc)
        return None

    def examples(self, limit: int = 6) -> list[str]:
        try:
            assistant = self.assistant()
        except TranscriptQAError:
            return []
        version = assistant.index.version
        if version not in self._examples:
            self._examples = {version: example_questions(assistant, limit)}
        return self._examples[version]

    # -- the corpus folder --------------------------------------------------------

    @property
    def corpus_dir(self) -> Path | None:
        """--corpus or $TQA_CORPUS as given, else the folder the index in service was built from."""
        if self._corpus_dir is not None:
            return self._corpus_dir
        try:
            manifest, _ = read_index_manifest(self.index_dir)
        except TranscriptQAError:
            return None
        return Path(manifest.corpus)

    def add(self, files: Iterable[tuple[str, str | Path]]) -> tuple[Added, ...]:
        return add_files(self._own_corpus("add transcripts to", UploadRefused), files)

    def rename(self, name: str, new_name: str) -> str:
        """Rename a transcript in the corpus folder; its new path there."""
        return rename_transcript(self._own_corpus("rename transcripts in", LibraryRefused), name, new_name)

    def remove(self, name: str) -> str:
        """Move a transcript out of the library, into `.removed/` in the corpus folder; where it went."""
        return remove_transcript(self._own_corpus("remove transcripts from", LibraryRefused), name)

    def _own_corpus(self, doing: str, refused: type[TranscriptQAError]) -> Path:
        """The corpus folder, if it is one the page may change: never the shipped samples."""
        corpus = self.corpus_dir
        if corpus is None:
            raise refused(f"there is no corpus folder to {doing}; "
                          "start the page with `transcript-qa serve --corpus FOLDER` or set TQA_CORPUS")
        if corpus.resolve() == SAMPLES_DIR.resolve():
            raise refused("this index was built from the shipped samples, which stay as shipped; "
                          f"start the page with `transcript-qa serve --corpus FOLDER` to {doing.split()[0]} "
                          "transcripts")
        return corpus

    # -- rebuilding -----------------------------------------------------------------

    @property
    def rebuilding(self) -> bool:
        return self._rebuilding.locked() or build_running(self.index_dir)

    def rebuild(self, progress: Progress | None = None) -> BuildReport:
        """Build a new version from the corpus folder and switch to it; one rebuild at a time."""
        corpus = self.corpus_dir
        if corpus is None:
            raise TranscriptQAError("there is no corpus folder to build from; start the page with "
                                    "`transcript-qa serve --corpus FOLDER` or set TQA_CORPUS")
        if not self._rebuilding.acquire(blocking=False):
            raise BuildBusy("a rebuild is already running; its summary appears here when it is done")
        try:
            settings = self._build_settings()
            embedder = self._embedder if self._embedder and self._embedder.name == settings.model.name else None
            report = build_index(corpus, self.index_dir, settings, embedder=embedder, progress=progress)
        finally:
            self._rebuilding.release()
        answering = self.assistant()  # opens the first version, or switches to the new one
        if answering.index.version != report.version and self.refused:
            raise TranscriptQAError(f"the new version {report.version} was built but not taken into service "
                                    f"({self.refused}); still answering from {answering.index.version}")
        return report

    def _build_settings(self) -> BuildSettings:
        """The model and chunking of the index in service, so a rebuild changes only the texts."""
        try:
            manifest, _ = read_index_manifest(self.index_dir)
        except TranscriptQAError:
            return BuildSettings(model=ModelSpec(self._embedder.name) if self._embedder else ModelSpec(),
                                 threads=self.build_threads)
        chunking = manifest.chunking
        return BuildSettings(
            model=ModelSpec(manifest.model.name),
            threads=self.build_threads,
            outside_links=manifest.outside_links,
            chunking=ChunkSettings(max_tokens=int(chunking.get("max_tokens", ChunkSettings.max_tokens)),
                                   overlap_sentences=int(chunking.get("overlap_sentences",
                                                                      ChunkSettings.overlap_sentences))),
        )

    # -- what the page shows ------------------------------------------------------------

    def overview(self) -> Overview:
        corpus = self.corpus_dir
        base = Overview(index_dir=str(self.index_dir), corpus_dir=str(corpus) if corpus else None, problem=None,
                        building=self.rebuilding)
        try:
            assistant = self.assistant()
        except TranscriptQAError as exc:
            return dataclasses.replace(base, problem=str(exc))
        manifest = assistant.index.manifest
        changes = None
        if corpus is not None:
            changes = changes_since(dataclasses.replace(manifest, corpus=str(corpus)))
        return dataclasses.replace(
            base, model=manifest.model.name, documents=int(manifest.counts.get("documents", 0)),
            chunks=int(manifest.counts.get("chunks", 0)), built_at=manifest.built_at, changes=changes,
            skipped=manifest.skipped)
