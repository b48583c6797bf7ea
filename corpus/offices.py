"""The offices a corpus gives its speakers, learned when it is indexed: "the Minister", "the Chief Inspector".

A question often names a speaker by office, not by name ("what did the Minister say about ..."),
and the label that marks the speaker's turns holds only the name (`Ada Brook`, `MR. HOLM`). The
corpus itself says which office is whose, in three ways:
- a name set off by a comma before the office, as a list of appearances, a caption or a label writes it
  ("ADA BROOK, Chief Inspector, Harbour Office; ...", "ADA BROOK, CHIEF INSPECTOR:"), in the text or in
  the front matter set aside;
- the office just before the name ("Press Secretary Ada Brook", "Deputy Director Tomas Holm");
- in address: the others speak of "the Minister" to the one who answers next, who never speaks of
  "the Minister" themselves (in a debate, "Will the Minister tell us ..." is answered by the Minister).
An office is a run of capitalised words ending in a word that says a role (`names.TITLE_WORDS`:
"General", "Minister", "Secretary"), so a place, a party or a programme is never taken for one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Sequence

from .names import TITLE_WORDS
from .people import name_words
from .records import Transcript
from .vocabulary import Vocabulary
from .words import STOPWORDS

MAX_HOLDERS = 3  # an office more people hold than this ("Justice" on a bench of nine) names no one
# In address: the one who answers next after this many of the turns that speak of the office, and this
# share of them, among at least this many other speakers speaking of it.
ADDRESSED_TURNS = 4
ADDRESSED_SHARE = 0.4
ADDRESSING_SPEAKERS = 3

_CAP = r"[A-Z][\w'’-]*"
_RUN = rf"{_CAP}(?:\s+(?:(?:of|for|and|the)\s+)?{_CAP}){{0,5}}"
# "the Minister", not "the Minister of State" (another office) nor "the Minister Tomas" (a name).
_THE_OFFICE = re.compile(rf"(?i:\bthe)\s+((?:{_CAP}\s+){{0,2}}{_CAP})(?!['’]?\w)(?!\s+(?:[A-Z]|of\b|for\b|to\b))")


def offices(transcripts: Sequence[Transcript], names: Sequence[str],
           vocabulary: Vocabulary | None = None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(office, the names of `names` holding it), by office; an office as its words are first written
    ("Chief Inspector")."""
    held: dict[str, set[str]] = defaultdict(set)
    written: dict[str, str] = {}
    owner = {_split(" ".join(parts)): name for name in names if (parts := _named_by(name, vocabulary))}
    found: list[tuple[str, str]] = []
    if owner:
        spelled = "|".join(r"[\s.-]+".join(re.escape(p) for p in parts)
                           for parts in sorted(owner, key=lambda ps: -sum(map(len, ps))))
        pattern = re.compile(rf"(?i:\b(?:{spelled})\b)")
        for t in transcripts:
            text = "\n".join((t.title, t.text, " ".join(a.text for a in t.set_aside)))
            for m in pattern.finditer(text):
                name = owner.get(_split(m.group().lower()))
                if name is not None:
                    # An office the label holds already ("COMMISSIONER" of COMMISSIONER HOLM) is no news.
                    found += [(title, name) for title in (_apposition(text, m.end()), _prefix(text, m.start()))
                              if title and not set(title.lower().split()) <= set(name.lower().split())]
    for title, name in found + _addressed(transcripts, set(names)):
        held[title.lower()].add(name)
        written.setdefault(title.lower(), title)
    return tuple((written[k], tuple(sorted(v))) for k, v in sorted(held.items()) if len(v) <= MAX_HOLDERS)


def as_office(words: str) -> str | None:
    """A run of capitalised words as an office: up to its last word that says a role, else None."""
    ws = words.split()
    last = max((i for i, w in enumerate(ws) if w.lower().strip("'’") in TITLE_WORDS), default=None)
    if last is None:
        return None
    return " ".join(ws[:last + 1])


def _named_by(name: str, vocabulary: Vocabulary | None) -> tuple[str, ...]:
    """The words of a label that name its speaker, an office it starts with left out (GENERAL HOLM)."""
    parts = list(name_words(name, vocabulary))
    while len(parts) > 1 and parts[0] in TITLE_WORDS:
        parts.pop(0)
    return tuple(parts)


def _split(name: str) -> tuple[str, ...]:
    return tuple(p for p in re.split(r"[\s.-]+", name) if p)


_APPOSITION = re.compile(rf",[ \t]+({_RUN})[ \t]*(?=[,;(:：]|\n|$)")  # a label's colon ends it too
_RUN_BEFORE = re.compile(rf"((?:{_CAP}[ \t]+)+)$")


def _apposition(text: str, end: int) -> str | None:
    """The office set off by a comma after the name ending at `end`: "ADA BROOK, Chief Inspector, ..."."""
    m = _APPOSITION.match(text, end, min(len(text), end + 120))
    title = as_office(m.group(1)) if m else None
    return title if title and title == m.group(1) else None  # the whole part is the office


def _prefix(text: str, start: int) -> str | None:
    """The office written just before the name starting at `start`, a first name or two between:
    "Press Secretary Ada Brook"."""
    run = _RUN_BEFORE.search(text, max(0, start - 120), start)
    if not run:
        return None
    ws = run.group(1).split()
    for _ in range(2):  # first names between the office and the name say no role
        if ws and ws[-1].lower() not in TITLE_WORDS:
            ws.pop()
    ws = ws[-4:]
    while ws and ws[0].lower() in STOPWORDS:
        ws.pop(0)
    title = as_office(" ".join(ws)) if ws else None
    return title if title and title == " ".join(ws) else None


def _addressed(transcripts: Sequence[Transcript], names: set[str]) -> list[tuple[str, str]]:
    """(office, name) for each office the others speak of to the one who answers next (see the module)."""
    follow: dict[str, Counter] = defaultdict(Counter)
    own: dict[str, Counter] = defaultdict(Counter)
    mentioners: dict[str, set] = defaultdict(set)
    for t in transcripts:
        turns = t.turns
        for i, turn in enumerate(turns):
            spoken = {title for m in _THE_OFFICE.finditer(t.text, turn.start, turn.end)
                      if (title := as_office(m.group(1))) == m.group(1)}
            for title in spoken:
                own[title][turn.speaker] += 1
                mentioners[title].add(turn.speaker)
                after = next((u for u in turns[i + 1:] if u.speaker != turn.speaker), None)
                if after is not None and after.speaker in names:
                    follow[title][after.speaker] += 1
    out = []
    for title, counts in follow.items():
        (name, n), = counts.most_common(1)
        if (n >= ADDRESSED_TURNS and n >= ADDRESSED_SHARE * sum(counts.values()) and not own[title][name]
                and len(mentioners[title] - {name}) >= ADDRESSING_SPEAKERS):
            out.append((title, name))
    return out
