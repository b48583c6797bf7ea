"""Acronyms a corpus defines, and which of them are its background.

"small- and medium-sized enterprises (SMEs)": the long form before the brackets whose
words' first letters spell the acronym (Schwartz and Hearst's rule), learned when the
corpus is indexed, so a question with either form can look for the other. An acronym
whose concept is in a large share of the chunks is background: it says nothing about
where an answer is.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from .words import tokens

# "long form (SHORT)": found from the bracket back, since a pattern that scans forward for the long form
# tries up to 200 characters at every position of the text.
_SHORT = re.compile(r"\((?P<short>[A-Z][A-Za-z0-9&]{1,9})\)")
_BREAK = re.compile(r"[()\n.;:!?]")
_LONGEST = 200
BACKGROUND_SHARE = 0.15


def find_acronyms(texts: Iterable[str]) -> dict[str, str]:
    """{acronym key: long form} for every "long form (ACRONYM)" the texts define."""
    found: dict[str, str] = {}
    for text in texts:
        for m in _SHORT.finditer(text):
            short = m.group("short")
            if sum(c.isupper() for c in short) < 2:
                continue
            before = _before(text, m.start())
            if before is None:
                continue
            long_form = _long_form(short.rstrip("s") if short.endswith("s") and short[:-1].isupper() else short,
                                   before)
            if long_form:
                words = " ".join(tokens(long_form))
                key = acronym_key(short)
                if key not in found or len(words) < len(found[key]):
                    found[key] = words
    return found


def background_terms(acronyms: dict[str, str], frequency: Callable[[str], int], chunks: int,
                     share: float = BACKGROUND_SHARE) -> tuple[str, ...]:
    """Acronyms whose concept, in either form, is in more than `share` of the chunks, with
    their long forms: a ministry's own acronym in a corpus of its briefings says nothing
    about where an answer is, yet as a rare spelling it would pull every chunk that uses it."""
    out: list[str] = []
    for key, long_form in acronyms.items():
        if chunks and frequency(f'"{key}" OR "{long_form}"') > share * chunks:
            out.extend([key, long_form])
    return tuple(out)


def _before(text: str, bracket: int) -> str | None:
    """The text a definition's long form is taken from: back from the bracket (and the spaces
    before it) to the nearest sentence break, bracket or line end, at most 200 characters."""
    end = len(text[:bracket].rstrip())
    window = text[max(0, end - _LONGEST):end]
    breaks = [b.end() for b in _BREAK.finditer(window)]
    before = window[breaks[-1]:] if breaks else window
    return before if len(before) >= 3 else None


def acronym_key(acronym: str) -> str:
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
