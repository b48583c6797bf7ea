"""The people a corpus names and when its transcripts are held, learned when it is indexed.

- Person names: speakers whose label holds a name (`MS. HOLM`, `Justice Berg`) or is a screen
  name in lower case (`quill`), and people narration reports as speaking ("Mira Holm said"); a
  word the corpus writes in lower case is no part of a name.
- The reporting lag: how long after the period it reviews a transcript is held.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .names import HONORIFIC, ROLE_WORDS
from .vocabulary import Vocabulary
from .words import STOPWORDS, words

_NAME = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}"
# "Mira Holm said", "Tomas Berg stated": who narration reports as speaking.
_REPORTED = re.compile(
    rf"\b(?P<name>{_NAME})(?:,[^,.]{{0,120}},)?\s+(?:said|stated|says|introduced|pointed out|mentioned|noted|added|"
    r"emphasized|emphasised|stressed|revealed|explained|announced|proposed|disclosed)\b")


def person_names(speakers: list[tuple[str | None, str]], narration: list[str],
                 vocabulary: Vocabulary | None = None) -> tuple[str, ...]:
    """People an index knows: speakers whose label holds a name (`MS. HOLM`, `Justice Berg`,
    `Mira Holm`), and people narration reports as speaking ("Mira Holm said").

    Reporters are left out: a question names the people who answer. A label or a run of
    capitalised words is a name only where it holds a word the corpus does not write in
    lower case ("Ministry of Transport said" is an institution).
    """
    vocabulary = vocabulary or Vocabulary(frozenset(), frozenset())
    names = {s for s, role in speakers if s and role != "reporter" and (name_words(s, vocabulary)
                                                                          or is_handle(s) or is_role_label(s))}
    for text in narration:
        for m in _REPORTED.finditer(text):
            name = m.group("name")
            if all(vocabulary.is_name_word(w.text) for w in words(name)):
                names.add(name)
    return tuple(sorted(names))


def is_handle(label: str) -> bool:
    """A label in lower case that is a screen name ("quill", a meeting app's display name): one or two
    words, none a stopword nor a word that says a role ("host", "chair", "interviewer")."""
    ws = words(label)
    return (1 <= len(ws) <= 2 and label == label.lower()
            and all(w.text.isalnum() and w.text not in STOPWORDS and w.text not in ROLE_WORDS for w in ws))


def is_role_label(label: str) -> bool:
    """A label of one or two capitalised words, as a part in the proceedings is written ("Tutor", "Student",
    "Interviewer"): a question names that speaker by it ("what did the tutor say"), though the corpus
    writes the word in lower case too. (A name written so passes as well; `name_words` takes it anyway.)"""
    ws = label.split()
    return (1 <= len(ws) <= 2 and all(w.isalpha() and w[:1].isupper() and w.lower() not in STOPWORDS for w in ws))


def name_words(name: str, vocabulary: Vocabulary | None = None) -> tuple[str, ...]:
    """The lower-cased words of a speaker's label that name the person: no honorific, no
    stopword, none the corpus writes in lower case ("MS. HOLM" -> ("holm",))."""
    vocabulary = vocabulary or Vocabulary(frozenset(), frozenset())
    # An affiliation in brackets (`Mr. Ines (Ruritania)`) says where they come from, not who they are: a
    # question about Ruritania does not name them.
    name = _BRACKETED.sub(" ", name)
    return tuple(w.text.lower() for w in words(HONORIFIC.sub("", name)) if vocabulary.is_name_word(w.text))


_BRACKETED = re.compile(r"\s*\([^()]*\)")


MAX_LAG = timedelta(days=92)


def reporting_lag(documents) -> timedelta:
    """How long after the period it reviews a transcript of this corpus is held: the longest
    gap among transcripts that give both their period and their date (up to a quarter)."""
    gaps = []
    for d in documents:
        if d.period is not None and d.date:
            try:
                gap = date.fromisoformat(d.date) - date.fromisoformat(d.period.end)
            except ValueError:
                continue
            if timedelta(0) <= gap <= MAX_LAG:
                gaps.append(gap)
    return max(gaps, default=timedelta(0))
