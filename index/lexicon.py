"""The lexical index's BM25, evaluated in NumPy over postings written at build time.

SQLite FTS5 defines the lexical signal: its `porter unicode61` tokens and its bm25()
(k1 1.2, b 0.75, per-column weights, rows as long as all their columns' tokens). But
FTS5 computes bm25() row by row for every row a query matches, about a microsecond
each: a question with a common word matches most of a large corpus, and that alone
took half of a question's time at 100,000 chunks. So a build also writes, from FTS5's
own index (its `fts5vocab` tables), every term's postings: the rows holding it and how
often in each column, and every row's length in tokens. A question's words are
tokenized by FTS5 itself (a scratch table in memory), and the score of each row is
the sum over the query's phrases of the same formula bm25() applies, in the same
order, from those arrays. A phrase of several tokens ("2.61" is "2 61") is rare and
asked of FTS5 directly; bm25() is a sum over phrases, so its share adds in exactly.
"""

from __future__ import annotations

import math
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import IndexRefused
from .manifest import LEXICON_FILES

K1, B = 1.2, 0.75  # FTS5's bm25() constants
TOKENIZER = "porter unicode61 remove_diacritics 2"  # the store's chunks_fts tokenizer
ROWS, COUNTS, LENGTHS = LEXICON_FILES
_PHRASE = re.compile(r'"((?:[^"]|"")*)"')
_COLUMN = "text : ("  # a query kept to the chunk's own words (see assistant.retrieval)


@dataclass(frozen=True)
class Postings:
    rows: np.ndarray  # int32: per (term, row) pair, grouped by term in the order of the store's `lexicon` table
    counts: np.ndarray  # uint16 (pairs, 2): the term's instances in the row's text and question columns
    lengths: np.ndarray  # int64 per chunk row: its tokens in both columns (bm25()'s document length)
    average_length: float  # of the rows, bm25()'s avgdl; once at open, not at every question


@dataclass(frozen=True)
class Extracted:
    """What the store's FTS5 index holds, read out for `write_lexicon`."""

    terms: list[tuple[str, int]]  # (term, rows holding it), in the index's order
    pairs: np.ndarray  # int64 (pairs, 3): row, instances in the text column, in the question column
    chunks: int


def extract(store_path: Path) -> Extracted:
    """Every term's postings from the store's FTS5 index (only reading the store: a build derives its
    structure from the same file meanwhile)."""
    con = sqlite3.connect(f"file:{store_path}?mode=ro", uri=True)
    try:
        con.execute("CREATE VIRTUAL TABLE temp.lexicon_terms USING fts5vocab(main, 'chunks_fts', 'row')")
        con.execute("CREATE VIRTUAL TABLE temp.lexicon_instances USING fts5vocab(main, 'chunks_fts', 'instance')")
        terms = con.execute("SELECT term, doc, cnt FROM temp.lexicon_terms ORDER BY term").fetchall()
        chunks = con.execute("SELECT count(*) FROM chunks").fetchone()[0]
        pairs = _streamed_pairs(con, terms)
        if pairs is None:
            pairs = np.array(con.execute(
                "SELECT doc, sum(col = 'text'), sum(col = 'question') FROM temp.lexicon_instances "
                "GROUP BY term, doc ORDER BY term, doc").fetchall(), dtype=np.int64).reshape(-1, 3)
    finally:
        con.close()
    return Extracted([(term, rows) for term, rows, _ in terms], pairs, chunks)


def _streamed_pairs(con: sqlite3.Connection, terms: list[tuple[str, int, int]]) -> np.ndarray | None:
    """(row, instances in text, in question) per (term, row) pair, from one pass over FTS5's instances.

    SQLite groups them by sorting every instance (most of the time a build spent reading postings);
    FTS5 yields them already by term, then row, so they are read out as one string of numbers and
    grouped in NumPy. None when they do not come in that order or do not add up to each term's
    counts (`terms`: term, rows holding it, instances), so the caller groups them in SQL."""
    joined = con.execute("SELECT group_concat(doc * 2 + (col = 'question'), ' ') "
                         "FROM temp.lexicon_instances").fetchone()[0]
    codes = np.fromstring(joined, dtype=np.int64, sep=" ") if joined else np.zeros(0, dtype=np.int64)
    del joined
    instances = np.array([n for _, _, n in terms], dtype=np.int64)
    if int(instances.sum()) != len(codes):
        return None
    # One number per instance of every term (18 million at 100,000 chunks): kept as narrow as the
    # values allow, since the build derives its structure on another thread meanwhile.
    term = np.repeat(np.arange(len(terms), dtype=np.int32), instances)
    row, question = (codes >> 1).astype(np.int32), (codes & 1).astype(np.int32)
    count = len(codes)
    del codes
    same_term = term[1:] == term[:-1]
    if np.any(same_term & (row[1:] < row[:-1])):
        return None
    starts = np.flatnonzero(np.r_[True, ~same_term | (row[1:] != row[:-1])]) if count else np.zeros(0, np.int64)
    if not np.array_equal(np.bincount(term[starts], minlength=len(terms)), [rows for _, rows, _ in terms]):
        return None
    in_question = np.add.reduceat(question, starts) if len(starts) else starts
    sizes = np.diff(np.r_[starts, count])
    return np.stack([row[starts], sizes - in_question, in_question], axis=1).astype(np.int64, copy=False)


def write_lexicon(store_path: Path, directory: Path, found: Extracted) -> None:
    """The postings `extract` read out of the store as arrays in `directory`, and their terms as the
    store's `lexicon` table (term, first pair, pairs)."""
    terms, pairs = found.terms, found.pairs
    per_term = np.array([n for _, n in terms], dtype=np.int64)
    if int(per_term.sum()) != len(pairs):
        raise RuntimeError("the lexical index's terms and postings disagree")
    first = np.r_[0, np.cumsum(per_term)[:-1]] if len(terms) else per_term
    con = sqlite3.connect(store_path)
    try:
        con.execute("CREATE TABLE lexicon (term TEXT PRIMARY KEY, first INTEGER NOT NULL, pairs INTEGER NOT NULL) "
                    "WITHOUT ROWID")
        con.executemany("INSERT INTO lexicon VALUES (?,?,?)",
                        zip([t for t, _ in terms], first.tolist(), per_term.tolist()))
        con.commit()
    finally:
        con.close()
    counts = np.minimum(pairs[:, 1:], np.iinfo(np.uint16).max).astype(np.uint16)
    np.save(directory / ROWS, pairs[:, 0].astype(np.int32))
    np.save(directory / COUNTS, counts)
    np.save(directory / LENGTHS, np.bincount(pairs[:, 0], weights=pairs[:, 1] + pairs[:, 2],
                                             minlength=found.chunks).astype(np.int64))


def read_postings(directory: Path, chunks: int, shown: str, hint: str) -> Postings:
    """The postings memory-mapped, their shapes and rows checked; IndexRefused with one line otherwise."""
    arrays = []
    for name, dtype, ndim in ((ROWS, np.int32, 1), (COUNTS, np.uint16, 2), (LENGTHS, np.int64, 1)):
        path = directory / name
        try:
            a = np.load(path, mmap_mode="r", allow_pickle=False)
        except (OSError, ValueError, EOFError):
            raise IndexRefused(f"{path} is unreadable as an array: the index at {shown} is damaged; {hint}") from None
        if a.dtype != dtype or a.ndim != ndim or (ndim == 2 and a.shape[1] != 2):
            raise IndexRefused(f"{path} holds {a.dtype} of shape {a.shape}, not the postings it should: the index at "
                               f"{shown} is damaged; {hint}")
        arrays.append(a.view(np.ndarray))
    rows, counts, lengths = arrays
    problem = None
    if len(counts) != len(rows):
        problem = f"{COUNTS} holds {len(counts)} pairs, {ROWS} {len(rows)}"
    elif len(lengths) != chunks:
        problem = f"{LENGTHS} holds {len(lengths)} rows, not {chunks}"
    elif len(rows) and (int(rows.min()) < 0 or int(rows.max()) >= chunks):
        problem = f"{ROWS} names a row outside 0..{chunks - 1}"
    else:
        # Every pair holds an instance and every row's length is its pairs' instances: a flipped byte in
        # any of the three files breaks one of these (the files are too large to hash at every open).
        instances = counts[:, 0].astype(np.int64) + counts[:, 1]
        if len(instances) and int(instances.min()) < 1:
            problem = f"{COUNTS} holds a pair without an instance"
        elif not np.array_equal(np.bincount(rows, weights=instances, minlength=chunks), lengths):
            problem = f"{LENGTHS} does not add up to the postings"
    if problem:
        raise IndexRefused(f"{directory} is damaged ({problem}): the index at {shown} is damaged; {hint}")
    return Postings(rows, counts, lengths, float(lengths.sum()) / chunks if chunks else 0.0)


def bm25(con: sqlite3.Connection, postings: Postings, match: str, weights: tuple[float, float],
         limit: int | None = None, permitted: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(rows, scores) of every chunk an FTS5 OR-query of phrases matches (or the `limit` best), best first,
    ties by row, with the scores FTS5's bm25(chunks_fts, *weights) gives, negated: higher is better.
    `permitted`: a mask over rows; the others are left out before the cut to `limit`."""
    text_only = match.startswith(_COLUMN)
    phrases = [p.replace('""', '"') for p in _PHRASE.findall(match)]
    n = len(postings.lengths)
    scores = np.zeros(n, dtype=np.float64)
    hit = np.zeros(n, dtype=bool)
    tokens = phrase_tokens(phrases)
    single = sorted({t[0] for t in tokens if len(t) == 1})
    found = dict(_terms(con, single))
    average = postings.average_length
    for phrase, toks in zip(phrases, tokens):
        if len(toks) == 1:
            if toks[0] not in found:
                continue
            rows, contribution = _term(postings, *found[toks[0]], weights, text_only, average)
        elif toks:
            rows, contribution = _phrase(con, phrase, weights, text_only)
        else:
            continue
        scores[rows] += contribution
        hit[rows] = True
    rows = np.flatnonzero(hit if permitted is None else hit & permitted)
    if limit is not None and len(rows) > limit:
        # Only the rows scoring at least the limit-th best need sorting; all of its ties come along.
        cut = np.partition(scores[rows], len(rows) - limit)[len(rows) - limit] if limit > 0 else np.inf
        rows = rows[scores[rows] >= cut]
    order = np.lexsort((rows, -scores[rows]))[:limit]
    return rows[order].astype(np.int64), scores[rows[order]].astype(np.float32)


def _term(postings: Postings, first: int, pairs: int, weights, text_only: bool, average: float):
    if first < 0 or pairs < 1 or first + pairs > len(postings.rows):
        raise sqlite3.DatabaseError("its lexicon names postings that are not there")
    rows = postings.rows[first:first + pairs].astype(np.int64)
    counts = postings.counts[first:first + pairs].astype(np.float64)
    if text_only:
        keep = counts[:, 0] > 0
        rows, freq = rows[keep], weights[0] * counts[keep, 0]
    else:
        freq = weights[0] * counts[:, 0] + weights[1] * counts[:, 1]
    n = len(postings.lengths)
    idf = math.log((n - len(rows) + 0.5) / (len(rows) + 0.5))
    if idf <= 0.0:
        idf = 1e-6
    length = postings.lengths[rows].astype(np.float64)
    # As bm25() writes it, operation for operation, so the sum is the one FTS5 gives.
    return rows, idf * ((freq * (K1 + 1.0)) / (freq + K1 * (1 - B + B * length / average)))


def _phrase(con: sqlite3.Connection, phrase: str, weights, text_only: bool):
    quoted = '"' + phrase.replace('"', '""') + '"'
    found = con.execute("SELECT rowid, bm25(chunks_fts, ?, ?) FROM chunks_fts WHERE chunks_fts MATCH ?",
                        (weights[0], weights[1], f"text : {quoted}" if text_only else quoted)).fetchall()
    rows = np.array([r for r, _ in found], dtype=np.int64)
    return rows, -np.array([s for _, s in found], dtype=np.float64)


def _terms(con: sqlite3.Connection, terms: list[str]):
    if not terms:
        return []
    marks = ",".join("?" * len(terms))
    return [(t, (first, pairs)) for t, first, pairs in
            con.execute(f"SELECT term, first, pairs FROM lexicon WHERE term IN ({marks})", terms).fetchall()]


_local = threading.local()


def phrase_tokens(phrases: list[str]) -> list[list[str]]:
    """Each phrase's tokens as the store's FTS5 tokenizer makes them (tokenized by FTS5 itself)."""
    con = getattr(_local, "con", None)
    if con is None:
        con = _local.con = sqlite3.connect(":memory:")
        con.execute(f"CREATE VIRTUAL TABLE scratch USING fts5(x, tokenize='{TOKENIZER}')")
        con.execute("CREATE VIRTUAL TABLE scratch_instances USING fts5vocab(scratch, 'instance')")
    con.executemany("INSERT INTO scratch (rowid, x) VALUES (?, ?)", list(enumerate(phrases)))
    out: list[list[tuple[int, str]]] = [[] for _ in phrases]
    for term, doc, offset in con.execute("SELECT term, doc, offset FROM scratch_instances"):
        out[doc].append((offset, term))
    con.execute("DELETE FROM scratch")
    return [[t for _, t in sorted(p)] for p in out]
