"""More ways to write a question's words, for the lexical search.

- Acronyms the transcripts define ("small- and medium-sized enterprises (SMEs)"):
  a question with either form also looks for the other.
- British and American spelling: "specialised" also looks for "specialized".
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from corpus.words import content_stems, tokens
from corpus.words import words as split_words
from index import fts_query

_DEFINITION = re.compile(r"(?P<long>[^()\n.;:!?]{3,200}?)\s*\((?P<short>[A-Z][A-Za-z0-9&]{1,9})\)")
_ISE = re.compile(r"^(?P<stem>\w{3,})is(?P<end>e|es|ed|ing|ation|ations|er|ers)$")
_OUR = re.compile(r"^(?P<stem>\w{3,})our(?P<end>|s|ed|ing|able)$")


def find_acronyms(texts: Iterable[str]) -> dict[str, str]:
    """{acronym key: long form} for every "long form (ACRONYM)" the texts define."""
    found: dict[str, str] = {}
    for text in texts:
        for m in _DEFINITION.finditer(text):
            short = m.group("short")
            if sum(c.isupper() for c in short) < 2:
                continue
            long_form = _long_form(short.rstrip("s") if short.endswith("s") and short[:-1].isupper() else short,
                                   m.group("long"))
            if long_form:
                words = " ".join(tokens(long_form))
                key = _key(short)
                if key not in found or len(words) < len(found[key]):
                    found[key] = words
    return found


def background_terms(acronyms: dict[str, str], frequency: Callable[[str], int], chunks: int,
                     share: float = 0.15) -> tuple[str, ...]:
    """Acronyms whose concept, in either form, is in more than `share` of the chunks, with
    their long forms: a ministry's own acronym in a corpus of its briefings says nothing
    about where an answer is, yet as a rare spelling it would pull every chunk that uses it."""
    out: list[str] = []
    for key, long_form in acronyms.items():
        if chunks and frequency(f'"{key}" OR "{long_form}"') > share * chunks:
            out.extend([key, long_form])
    return tuple(out)


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
        long_form = acronyms.get(_key(w)) if any(c.isupper() for c in w[1:]) or w.isupper() else None
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


def _key(acronym: str) -> str:
    """"SMEs", "SME" and "sme" are one acronym."""
    a = acronym.lower()
    return a[:-1] if len(a) > 2 and a.endswith("s") else a


def _long_form(short: str, before: str) -> str | None:
    """The shortest tail of `before` whose letters spell `short` in order, first letters
    starting words (Schwartz and Hearst's rule), or None."""
    s, l = len(short) - 1, len(before) - 1
    last = None  # where the acronym's last letter was found
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while l >= 0 and (before[l].lower() != c or (s == 0 and l > 0 and before[l - 1].isalnum())):
            l -= 1
        if l < 0:
            return None
        last = l if last is None else last
        l -= 1
        s -= 1
    start = before.rfind(" ", 0, l + 1) + 1
    # "oxygenation machine (ECMO)": words after the one holding the last letter spell nothing.
    end = before.find(" ", last)
    long_form = before[start:end if end >= 0 else len(before)].strip()
    n_words = len(long_form.split())
    if n_words < 2 or n_words > min(len(short) + 5, 2 * len(short)):
        return None
    return long_form


# -- content words, for comparing a question with a sentence ----------------------


def content_terms(text: str) -> frozenset[str]:
    """The stems of the text's words that carry meaning."""
    return content_stems(text)


def overlap(terms: frozenset[str], other: frozenset[str]) -> float:
    """Share of `terms` found in `other`."""
    return len(terms & other) / len(terms) if terms else 0.0
