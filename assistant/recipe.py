"""The recipe most tutorials teach, as a baseline: files split every 1,000 characters with
200 of overlap (LangChain's RecursiveCharacterTextSplitter), embedded with the same model
into a flat FAISS index, the k nearest chunks returned as they are.

It reads files as a text loader does: their bytes decoded, markup, timings and line
numbers left in. Its answers are judged like ours: a passage from the gold file that
holds the gold words.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from corpus import LineIndex, find_transcript_files
from index import Embedder
from index import vectors as ivectors

from .records import Answer, Citation, Passage

CHUNK_CHARS, OVERLAP_CHARS = 1000, 200
_BINARY = (".pdf", ".docx")  # a text loader does not read these


class Recipe:
    """Split, embed, search: the baseline answers from a folder of transcripts."""

    def __init__(self, folder: str | Path, embedder: Embedder):
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_CHARS, chunk_overlap=OVERLAP_CHARS,
                                                  add_start_index=True)
        root = Path(folder)
        self.embedder = embedder
        self.chunks: list[tuple[str, str, int]] = []  # (file, text, start)
        self.texts: dict[str, str] = {}
        for path in find_transcript_files(root):
            if path.suffix.lower() in _BINARY:
                continue
            rel = path.relative_to(root).as_posix()
            text = path.read_bytes().decode("utf-8", errors="replace")
            self.texts[rel] = text
            for doc in splitter.create_documents([text]):
                self.chunks.append((rel, doc.page_content, int(doc.metadata["start_index"])))
        vecs = embedder.embed_documents([c[1] for c in self.chunks]) if self.chunks else \
            np.zeros((0, embedder.dimension), dtype=np.float32)
        self.index = ivectors.build_flat(vecs)

    def ask(self, question: str, k: int = 5) -> Answer:
        qvec = self.embedder.embed_queries([question])
        scores, rows = ivectors.search(self.index, qvec, k)
        passages = []
        for score, row in zip(scores[0], rows[0]):
            if row < 0:
                continue
            file, text, start = self.chunks[int(row)]
            lines = LineIndex(self.texts[file])
            end = start + len(text)
            passages.append(Passage(
                quote=text, highlight=(0, len(text)), score=round(float(score), 4),
                citation=Citation(file=file, title=file, date=None, speaker=None, paragraph=0,
                                  line_start=lines.line_of(start), line_end=lines.line_of(max(start, end - 1)),
                                  start=start, end=end)))
        return Answer(question=question, passages=tuple(passages), low_confidence=None,
                      note="the recipe has no confidence flag")
