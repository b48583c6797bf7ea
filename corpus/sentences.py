"""Sentence spans with exact offsets, for English and Chinese transcripts.

Real transcripts are untidy: "results.. The", "two dimensions.First, the",
"2.61 million", "example.com", "Mr. Holm". A boundary is terminal punctuation
followed by a sentence start; abbreviations, initials and decimals are not.

Translated briefings join whole lists of measures with semicolons into sentences
of a hundred words. Such a sentence is split at its semicolons, so that each
measure can be matched and highlighted on its own.
"""

from __future__ import annotations

import re

from .layout import strip_span

_ABBREVIATIONS = frozenset(
    """mr ms mrs dr prof st no nos vol fig vs e.g i.e etc jan feb mar apr jun jul aug sep sept oct nov dec
    inc ltd co corp gov gen sen rep jr sr u.s u.k approx dept est""".split()
) - {"etc"}
_BOUNDARY = re.compile(
    r"(?P<end>[.!?…]+[\"”’')\]]*)(?=\s+(?:[A-Z0-9\"“‘'(\[•]|[Tt]hank))"  # ". The", "? “We"
    r"|(?P<glued>(?<=[a-z]{3})[.!?]+)(?=[A-Z][a-z])"  # "dimensions.First"
    r"|(?P<cjk>[。！？；]+[”’」』）]*)"
)


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split `text[start:end]` into sentence spans, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    cursor = after = start
    # The matches of `_BOUNDARY.finditer(text, start, end)`, tried only where a mark stands (written
    # out here: this runs for every sentence of every file a build reads).
    for mark in _MARK.finditer(text, start, end):
        at = mark.start()
        if at < after:
            continue
        m = _BOUNDARY.match(text, at, end)
        if m is None:
            continue
        after = m.end()
        if m.group("end") and _is_abbreviation(text, cursor, at):
            continue
        spans.append((cursor, after))
        cursor = after
    spans.append((cursor, end))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        a, b = strip_span(text, a, b)
        if b <= a:
            continue
        if text.find(";", a, b) < 0 and text.find("；", a, b) < 0:
            out.append((a, b))  # no semicolon: one clause (`_clauses`, without the call)
        else:
            out.extend(_clauses(text, a, b))
    return out


# Every boundary starts with one of these. Python's regex engine scans for a single leading character class
# in C but tries the three alternatives above at every position, so the marks are found first.
_MARK = re.compile(r"[.!?…。！？；]")


LONG_SENTENCE_WORDS = 40  # a sentence longer than this is split at its semicolons
MIN_CLAUSE_WORDS = 6  # ... into parts no shorter than this
_WORD_BEFORE = re.compile(r"[\w.]*$")
_SEMICOLON = re.compile(r"[;；]\s+|；")


_ENDS_SENTENCE = re.compile(r"[.!?…。！？]+[\"”’')\]]*\s*$")


def ends_a_sentence(words: str) -> bool:
    """Whether `words` end as a sentence does (`... the first token.`), not as a headline or a
    heading does (`Focus on three aspects`)."""
    return bool(_ENDS_SENTENCE.search(words))


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if (text.find(";", start, end) < 0 and text.find("；", start, end) < 0) or \
            len(text[start:end].split()) <= LONG_SENTENCE_WORDS:
        return [(start, end)]
    parts, cursor = [], start
    for m in _SEMICOLON.finditer(text, start, end):
        left, right = text[cursor:m.start()], text[m.end():end]
        if len(left.split()) >= MIN_CLAUSE_WORDS and len(right.split()) >= MIN_CLAUSE_WORDS:
            parts.append(strip_span(text, cursor, m.start() + 1))
            cursor = m.end()
    parts.append(strip_span(text, cursor, end))
    return [p for p in parts if p[1] > p[0]]


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    # The word before the dot; a window longer than any abbreviation tells the same.
    word = _WORD_BEFORE.search(text, max(start, dot - 16), dot).group().lower()
    if not word:
        return False
    # "J. Smith": a single capital letter is an initial.
    return word in _ABBREVIATIONS or (len(word) == 1 and text[dot - 1].isupper())
