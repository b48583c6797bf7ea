"""Sentences that are said but answer nothing: stage notes, formulas, titles and datelines.

"(Laughter.)", "[inaudible]": a note of what happened, not what was said.
"Thank you.", "Next question.", "Good afternoon, everyone.": the formulas a corpus
repeats, learned from the corpus itself (short sentences said again and again), so
whatever a meeting, court or podcast says by rote is found without a list of phrases.
A transcript's title repeated as its first line and a time or date standing alone
("1:06 P.M. EST", "Washington, D.C., March 3, 2025") are the editor's, not a speaker's.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Iterable

from .dates import full_dates
from .words import tokens

FORMULA_WORDS = 8  # a formula is short ...
FORMULA_REPEATS = 3  # ... and said this many times in the corpus
_BRACKETS = {"(": ")", "[": "]", "\\[": "\\]"}
_TIME_WORDS = frozenset("a.m p.m am pm et est edt ct cst cdt pt pst pdt gmt utc bst cet end".split())


def key(sentence: str) -> str:
    """A sentence reduced to its words, to tell when two are the same formula."""
    return " ".join(tokens(sentence))


def formulas(sentences: Iterable[str], keys: Iterable[str] | None = None) -> frozenset[str]:
    """Keys of the short sentences the corpus repeats: its formulas (`keys`: theirs, when known)."""
    counts = Counter(k for k in (map(key, sentences) if keys is None else keys)
                     if k and len(k.split()) <= FORMULA_WORDS)
    return frozenset(k for k, n in counts.items() if n >= FORMULA_REPEATS)


def is_stage_note(sentence: str) -> bool:
    """A sentence wholly inside brackets: "(Laughter.)", "[crosstalk]", "\\[laughs\\]"."""
    text = sentence.strip().rstrip(".")
    for opening, closing in _BRACKETS.items():
        if text.startswith(opening) and text.rstrip(".").endswith(closing):
            inner = text[len(opening):len(text.rstrip(".")) - len(closing)]
            return opening not in inner
    return False


def is_dateline(sentence: str) -> bool:
    """A time or date standing alone: beside it only clock words and capitalised names
    ("1:06 P.M. EST", "Washington, D.C., March 3, 2025", "Wednesday, November 5, 2025")."""
    rest = sentence
    for mention in reversed(full_dates(sentence)):
        rest = rest[:mention.start] + " " + rest[mention.end:]
    dated = rest != sentence
    words: list[str] = []
    timely = True  # every word so far a clock word
    for w in rest.replace("\u00a0", " ").split():
        if not any(c.isalnum() for c in w):
            continue
        words.append(w)
        timely = timely and w.strip(".,").lower() in _TIME_WORDS
        if not timely and len(words) > 5:
            return False  # too long for a dateline, and not a time's tail (an early answer for long sentences)
    if words and timely:
        return True  # "EDT", "P.M.": the end of a time the sentence splitter cut off
    if not dated and not any(":" in w for w in words):
        return False
    return len(words) <= 5 and all(
        w.strip(".,").lower() in _TIME_WORDS or w[0].isupper() or w.replace(":", "").strip(".,").isdigit()
        for w in words)


def is_filler(sentence: str, known: frozenset[str] = frozenset(), title: str = "") -> bool:
    """Whether a sentence says nothing a question could be after."""
    return filler_kind(sentence, known, title) is not None


def filler_kind(sentence: str, known: frozenset[str] = frozenset(), title: str = "",
                sentence_key: str | None = None) -> str | None:
    """Why a sentence is filler ("empty", "stage note", "formula", "dateline", "title"), or None
    (`sentence_key`: its `key`, when known)."""
    k = key(sentence) if sentence_key is None else sentence_key
    if not k:
        return "empty"
    if is_stage_note(sentence):
        return "stage note"
    if k in known:
        return "formula"
    if is_dateline(sentence):
        return "dateline"
    if title and k == _title_key(title):
        return "title"
    return None


OWN_KINDS = ("empty", "stage note", "dateline", "title")  # what `own_kind` may say besides None


def own_kind(sentence: str, title: str = "", sentence_key: str | None = None) -> str | None:
    """Why a sentence is filler whatever the rest of the corpus says: every kind but "formula"."""
    return filler_kind(sentence, frozenset(), title, sentence_key)


def kind_given(own: str | None, formula: str | None, known: frozenset[str]) -> str | None:
    """`filler_kind` from a sentence's `own_kind` and `formula_key`, once the corpus's formulas are known."""
    if own in ("empty", "stage note") or formula is None or formula not in known:
        return own
    return "formula"


def formula_key(sentence_key: str) -> str | None:
    """The key, when the sentence is short enough to be a formula; None otherwise."""
    return sentence_key if len(sentence_key.split()) <= FORMULA_WORDS else None


@lru_cache(maxsize=1024)
def _title_key(title: str) -> str:
    return key(title)  # asked for every sentence of its transcript
