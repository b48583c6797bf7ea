"""The chunk store: documents, turns, chunks, sentences and the FTS5 lexical index,
in one SQLite file. Read once into arrays at open; SQLite serves texts and BM25.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corpus import Chunk, Period, Segment, SourceMap, Transcript, Turn
from corpus.words import STOPWORDS, tokens

from .errors import IndexRefused
from .lexicon import Postings, bm25

_SCHEMA = """
CREATE TABLE documents (
    doc INTEGER PRIMARY KEY, doc_id TEXT UNIQUE NOT NULL, path TEXT, title TEXT, date TEXT,
    published TEXT, period_start TEXT, period_end TEXT, period_label TEXT, encoding TEXT,
    sha256 TEXT, text TEXT NOT NULL, format TEXT NOT NULL);
CREATE TABLE turns (
    doc INTEGER NOT NULL, turn_index INTEGER NOT NULL, speaker TEXT, role TEXT NOT NULL, label TEXT,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, question_turn INTEGER,
    time_start REAL, time_end REAL, page INTEGER,
    PRIMARY KEY (doc, turn_index));
CREATE TABLE segments (
    doc INTEGER NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, line INTEGER NOT NULL,
    page INTEGER, time_start REAL, time_end REAL);
CREATE INDEX segments_by_doc ON segments (doc, start_char);
CREATE TABLE chunks (
    row INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, doc INTEGER NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, speaker TEXT, role TEXT NOT NULL,
    turn_index INTEGER NOT NULL, question TEXT, tokens INTEGER NOT NULL, text TEXT NOT NULL);
CREATE TABLE sentences (
    row INTEGER PRIMARY KEY, doc INTEGER NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL);
CREATE INDEX sentences_by_doc ON sentences (doc, start_char);
CREATE TABLE set_aside (
    doc INTEGER NOT NULL, line INTEGER NOT NULL, text TEXT NOT NULL, reason TEXT NOT NULL);
CREATE TABLE doc_parts (doc INTEGER PRIMARY KEY, parts TEXT NOT NULL);
CREATE VIRTUAL TABLE chunks_fts USING fts5(
    text, question, content='', tokenize='porter unicode61 remove_diacritics 2');
"""


@dataclass(frozen=True)
class Sentence:
    doc: int
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    doc: int
    doc_id: str
    path: str
    title: str
    date: str | None
    published: str | None
    period: Period | None
    encoding: str
    sha256: str
    format: str = "text"


def write_store(path: Path, transcripts: list[Transcript], chunks: list[Chunk], sentences: list[Sentence]) -> None:
    doc_of = {t.doc_id: i for i, t in enumerate(transcripts)}
    con = sqlite3.connect(path)
    try:
        con.executescript(_SCHEMA)
        con.executemany(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(i, t.doc_id, t.path, t.title, t.date, t.published,
              t.period.start if t.period else None, t.period.end if t.period else None,
              t.period.label if t.period else None, t.encoding, t.sha256, t.text, t.format)
             for i, t in enumerate(transcripts)],
        )
        con.executemany(
            "INSERT INTO turns VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(i, j, u.speaker, u.role, u.label, u.start, u.end, u.question_turn,
              u.time[0] if u.time else None, u.time[1] if u.time else None, u.page)
             for i, t in enumerate(transcripts) for j, u in enumerate(t.turns)],
        )
        con.executemany(
            "INSERT INTO segments VALUES (?,?,?,?,?,?,?)",
            [(i, g.start, g.end, g.line, g.page, g.time[0] if g.time else None, g.time[1] if g.time else None)
             for i, t in enumerate(transcripts) for g in t.segments],
        )
        con.executemany(
            "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(row, c.id, doc_of[c.doc_id], c.start, c.end, c.speaker, c.role, c.turn_index, c.question,
              c.tokens, c.text) for row, c in enumerate(chunks)],
        )
        # What the furniture rules kept out, so that a rebuild can carry an unchanged file over whole.
        con.executemany("INSERT INTO set_aside VALUES (?,?,?,?)",
                        [(i, a.line, a.text, a.reason) for i, t in enumerate(transcripts) for a in t.set_aside])
        con.executemany("INSERT INTO sentences VALUES (?,?,?,?)",
                        [(row, s.doc, s.start, s.end) for row, s in enumerate(sentences)])
        con.executemany("INSERT INTO chunks_fts (rowid, text, question) VALUES (?,?,?)",
                        [(row, c.text, c.question or "") for row, c in enumerate(chunks)])
        con.execute("INSERT INTO chunks_fts (chunks_fts) VALUES ('optimize')")
        con.commit()
    finally:
        con.close()


def write_doc_parts(path: Path, parts: Sequence) -> None:
    """What each document gives the corpus's structure (`index.doc_parts`), as JSON: a rebuild
    carrying a file over takes it from here instead of computing it again."""
    con = sqlite3.connect(path)
    try:
        con.executemany("INSERT INTO doc_parts VALUES (?,?)", [(doc, p.as_json()) for doc, p in enumerate(parts)])
        con.commit()
    finally:
        con.close()


_TABLES = ("documents", "turns", "segments", "chunks", "sentences", "chunks_fts")


class Store:
    """Read side of the store. Safe to share between threads.

    A damaged file raises IndexRefused with one line, whenever it shows: SQLite's own
    errors at any query, a missing table at open, a chunk whose text is not its
    document's at the place it claims when it is fetched.
    """

    def __init__(self, path: Path, shown_as: str | None = None, rows=None, postings: Postings | None = None):
        """`rows` (index.structure.Rows), when given, says where each chunk and sentence is, and the
        turns of a document are read when first asked for: opening then reads no table row by row.
        `postings` (index.lexicon), when given, score lexical queries in NumPy, as FTS5 would."""
        self.path = Path(path)
        self._postings = postings
        self._shown = shown_as or str(self.path.parent.parent)
        self._lock = threading.Lock()
        self._texts: dict[int, str] = {}
        self._places: dict[int, SourceMap] = {}
        try:
            self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        except sqlite3.Error as exc:
            raise self._damaged(exc) from None
        try:
            tables = {r[0] for r in self._rows("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
            missing = [t for t in _TABLES + (("lexicon",) if postings is not None else ()) if t not in tables]
            if missing:
                raise self._damaged(f"it has no table {missing[0]}")
            self.documents = tuple(self._documents())
            if any(d.doc != i for i, d in enumerate(self.documents)):
                raise self._damaged("its documents are not numbered in order")
            if rows is not None:
                self._take(rows)
                return
            self.turns = self._turns(len(self.documents))
            rows = self._rows("SELECT doc, start_char, end_char, speaker, role, turn_index FROM chunks ORDER BY row")
            srows = self._rows("SELECT doc, start_char, end_char FROM sentences ORDER BY row")
        except BaseException:
            self._con.close()
            raise
        # Columns by zip(*rows): transposed in C, not row by row in Python (an index may hold 100k chunks).
        doc, start, end, speaker, role, turn = _columns(rows, 6)
        self.chunk_doc = np.array(doc, dtype=np.int32)
        self.chunk_start = np.array(start, dtype=np.int64)
        self.chunk_end = np.array(end, dtype=np.int64)
        self.chunk_speaker = list(speaker)
        self.chunk_role = list(role)
        self.chunk_turn = np.array(turn, dtype=np.int32)
        doc, start, end = _columns(srows, 3)
        self.sentence_doc = np.array(doc, dtype=np.int32)
        self.sentence_start = np.array(start, dtype=np.int64)
        self.sentence_end = np.array(end, dtype=np.int64)
        if len(self.chunk_doc) and (self.chunk_doc.min() < 0 or self.chunk_doc.max() >= len(self.documents)):
            self.close()
            raise self._damaged("a chunk belongs to no document")
        if len(self.sentence_doc) and (self.sentence_doc.min() < 0 or self.sentence_doc.max() >= len(self.documents)):
            self.close()
            raise self._damaged("a sentence belongs to no document")

    def _take(self, rows) -> None:
        n_docs = len(self.documents)
        (chunks, sentences, strays), = self._rows(
            "SELECT (SELECT count(*) FROM chunks), (SELECT count(*) FROM sentences), "
            "(SELECT count(*) FROM turns WHERE doc < 0 OR doc >= ?)", (n_docs,))
        if (chunks, sentences) != (len(rows.chunk_doc), len(rows.sentence_doc)):
            raise self._damaged(f"it holds {chunks} chunks and {sentences} sentences, its index's structure "
                                f"{len(rows.chunk_doc)} and {len(rows.sentence_doc)}")
        if strays:
            raise self._damaged("a turn belongs to no document")
        self.turns = _Turns(self, n_docs)
        self.chunk_doc, self.chunk_start, self.chunk_end = rows.chunk_doc, rows.chunk_start, rows.chunk_end
        self.chunk_turn = rows.chunk_turn
        self.chunk_speaker = rows.speakers()
        self.chunk_role = rows.roles()
        self.sentence_doc, self.sentence_start, self.sentence_end = (rows.sentence_doc, rows.sentence_start,
                                                                     rows.sentence_end)

    def __len__(self) -> int:
        return len(self.chunk_doc)

    def close(self) -> None:
        with self._lock:
            self._con.close()

    def text(self, doc: int) -> str:
        if doc not in self._texts:
            found = self._rows("SELECT text FROM documents WHERE doc = ?", (doc,))
            if not found or not isinstance(found[0][0], str):
                raise self._damaged(f"document {doc} has no text")
            self._texts[doc] = found[0][0]
        return self._texts[doc]

    def segments(self, doc: int) -> tuple[Segment, ...]:
        rows = self._rows("SELECT start_char, end_char, line, page, time_start, time_end FROM segments "
                          "WHERE doc = ? ORDER BY start_char", (doc,))
        return tuple(Segment(a, b, line, page, (t0, t1) if t0 is not None else None)
                     for a, b, line, page, t0, t1 in rows)

    def places(self, doc: int) -> SourceMap:
        """Lines, pages and times of the file `doc` was read from, for its text's offsets."""
        if doc not in self._places:
            self._places[doc] = SourceMap(self.text(doc), self.segments(doc))
        return self._places[doc]

    def transcript(self, doc: int) -> Transcript:
        """The transcript as it was read and indexed."""
        d = self.documents[doc]
        return Transcript(doc_id=d.doc_id, path=d.path, title=d.title, date=d.date, text=self.text(doc),
                          turns=self.turns[doc], published=d.published, period=d.period, encoding=d.encoding,
                          sha256=d.sha256, format=d.format, segments=self.segments(doc))

    def sentence_text(self, row: int) -> str:
        start, end = self.sentence_start[row], self.sentence_end[row]
        return self.text(int(self.sentence_doc[row]))[start:end]

    def chunks(self, rows: list[int]) -> list[Chunk]:
        if not rows:
            return []
        marks = ",".join("?" * len(rows))
        found = self._rows(f"SELECT row, id, doc, start_char, end_char, text, speaker, role, turn_index, question, "
                           f"tokens FROM chunks WHERE row IN ({marks})", [int(r) for r in rows])
        by_row = {}
        for r in found:
            doc = r[2]
            # A quote must be the document's words: a chunk that disagrees with its document is damage.
            if not (0 <= doc < len(self.documents)) or self.text(doc)[r[3]:r[4]] != r[5]:
                raise self._damaged(f"chunk {r[0]} is not the text of its document at the place it names")
            by_row[r[0]] = Chunk(id=r[1], doc_id=self.documents[doc].doc_id, start=r[3], end=r[4], text=r[5],
                                 speaker=r[6], role=r[7], turn_index=r[8], question=r[9], tokens=r[10])
        missing = [int(r) for r in rows if int(r) not in by_row]
        if missing:
            raise self._damaged(f"chunk {missing[0]} is missing")
        return [by_row[int(r)] for r in rows]

    def lexical(self, match: str, weights: tuple[float, float] = (1.0, 0.5), limit: int | None = None,
                permitted: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) of every chunk matching an FTS5 query (or the `limit` best), best first;
        higher is better. `permitted`: a mask over rows; the others are left out before the cut."""
        if not match:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        if self._postings is not None:
            try:
                with self._lock:
                    return bm25(self._con, self._postings, match, weights, limit, permitted)
            except sqlite3.Error as exc:
                raise self._damaged(exc) from None
        cut = limit if permitted is None else None  # the rows left out may be among the first
        found = self._rows("SELECT rowid, bm25(chunks_fts, ?, ?) AS score FROM chunks_fts WHERE chunks_fts MATCH ? "
                           "ORDER BY score, rowid" + (" LIMIT ?" if cut else ""),
                           (weights[0], weights[1], match, *((int(cut),) if cut else ())))
        rows = np.array([r[0] for r in found], dtype=np.int64)
        if len(rows) and (rows.min() < 0 or rows.max() >= len(self)):
            raise self._damaged("its lexical index names chunks it does not hold")
        # FTS5's bm25() is negative, more negative is better.
        scores = -np.array([r[1] for r in found], dtype=np.float32)
        if permitted is not None:
            keep = permitted[rows]
            rows, scores = rows[keep][:limit], scores[keep][:limit]
        return rows, scores

    def _rows(self, sql: str, params=()) -> list[tuple]:
        # A row number read off an index array is a NumPy integer, which SQLite cannot bind.
        params = tuple(int(p) if isinstance(p, np.integer) else p for p in params)
        try:
            with self._lock:
                return self._con.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self._damaged(exc) from None

    def _damaged(self, what) -> IndexRefused:
        reason = what if isinstance(what, str) else (str(what).splitlines()[0][:120] or type(what).__name__)
        return IndexRefused(f"{self.path} is damaged ({reason}); rebuild the index with "
                            f"`transcript-qa build CORPUS_DIR --index {self._shown}`")

    def _documents(self):
        for r in self._rows(
                "SELECT doc, doc_id, path, title, date, published, period_start, period_end, period_label, "
                "encoding, sha256, format FROM documents ORDER BY doc"):
            period = Period(r[6], r[7], r[8]) if r[6] else None
            yield Document(r[0], r[1], r[2], r[3], r[4], r[5], period, r[9], r[10], r[11])

    def _turns(self, n_docs: int) -> tuple[tuple[Turn, ...], ...]:
        per_doc: list[list[Turn]] = [[] for _ in range(n_docs)]
        for r in self._rows(
                "SELECT doc, speaker, role, label, start_char, end_char, question_turn, time_start, time_end, page "
                "FROM turns ORDER BY doc, turn_index"):
            if not 0 <= r[0] < n_docs:
                raise self._damaged("a turn belongs to no document")
            per_doc[r[0]].append(_turn(r))
        return tuple(tuple(t) for t in per_doc)

    def turns_of(self, doc: int) -> tuple[Turn, ...]:
        return tuple(_turn(r) for r in self._rows(
            "SELECT doc, speaker, role, label, start_char, end_char, question_turn, time_start, time_end, page "
            "FROM turns WHERE doc = ? ORDER BY turn_index", (doc,)))


def _turn(r: tuple) -> Turn:
    time = (r[7], r[8]) if r[7] is not None else None
    return Turn(r[1], r[2], r[4], r[5], r[3], r[6], time, r[9])


class _Turns(Sequence):
    """The turns of each document, read from the store when first asked for."""

    def __init__(self, store: Store, n_docs: int):
        self._store = store
        self._n = n_docs
        self._cache: dict[int, tuple[Turn, ...]] = {}

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, doc):
        if isinstance(doc, slice):
            return tuple(self[i] for i in range(*doc.indices(self._n)))
        doc = int(doc)
        if not -self._n <= doc < self._n:
            raise IndexError(doc)
        doc %= self._n
        turns = self._cache.get(doc)
        if turns is None:
            turns = self._cache[doc] = self._store.turns_of(doc)
        return turns


def _columns(rows: list[tuple], width: int) -> list[tuple]:
    return list(zip(*rows)) if rows else [()] * width


def fts_query(question: str) -> str:
    """An FTS5 OR-query of the question's content words; "2.61" becomes the phrase "2 61"."""
    terms = []
    for word in tokens(question):
        word = re.sub(r"[’']s$", "", word)
        if word in STOPWORDS:
            continue
        parts = re.findall(r"[^\W_]+", word)
        if not parts or (len(parts) == 1 and len(parts[0]) == 1 and not parts[0].isdigit()):
            continue
        phrase = '"' + " ".join(parts) + '"'
        if phrase not in terms:
            terms.append(phrase)
    return " OR ".join(terms)
