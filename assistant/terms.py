"""More ways to write a question's words, for the lexical search.

- Acronyms the transcripts define (learned at build time, corpus.acronyms): a question
  with either form also looks for the other.
- British and American spelling: "specialised" also looks for "specialized".
"""

from __future__ import annotations

import re

from corpus.acronyms import acronym_key
from corpus.words import content_stems
from corpus.words import words as split_words
from index import fts_query

_ISE = re.compile(r"^(?P<stem>\w{3,})is(?P<end>e|es|ed|ing|ation|ations|er|ers)$")
_OUR = re.compile(r"^(?P<stem>\w{3,})our(?P<end>|s|ed|ing|able)$")


def expanded_fts_query(question: str, acronyms: dict[str, str]) -> str:
    """The FTS5 query of the question's words, plus their other spellings and forms."""
    base = fts_query(question)
    extra = [f'"{t}"' for t in alternative_terms(question, acronyms)]
    extra = [t for t in extra if t not in base.split(" OR ")]
    return " OR ".join(([base] if base else []) + extra)


def alternative_terms(question: str, acronyms: dict[str, str]) -> list[str]:
    words = [w.text for w in split_words(question)]
    out: list[str] = []
    for w in words:
        long_form = acronyms.get(acronym_key(w)) if any(c.isupper() for c in w[1:]) or w.isupper() else None
        if long_form:
            out.append(long_form)
        for variant in spelling_variants(w.lower()):
            out.append(variant)
    folded = " " + " ".join(w.lower() for w in words) + " "
    for key, long_form in acronyms.items():
        if f" {long_form} " in folded:
            out.append(key)
    return list(dict.fromkeys(out))


def spelling_variants(word: str) -> list[str]:
    out = []
    m = _ISE.match(word)
    if m:
        out.append(f"{m.group('stem')}iz{m.group('end')}")
    m = _OUR.match(word)
    if m:
        out.append(f"{m.group('stem')}or{m.group('end')}")
    return out


# -- content words, for comparing a question with a sentence ----------------------


def content_terms(text: str) -> frozenset[str]:
    """The stems of the text's words that carry meaning."""
    return content_stems(text)


def overlap(terms: frozenset[str], other: frozenset[str]) -> float:
    """Share of `terms` found in `other`."""
    return len(terms & other) / len(terms) if terms else 0.0
