"""Whose words a question asks for, of the speakers it names: the one it cites as its source, the subject
of its verb, not one it names only as spoken to or of ("what did the judge tell Ines")."""

from __future__ import annotations

import re


def named_in(mentions: list[tuple[str, int, int]]) -> tuple[str, ...]:
    """The names of `mentions` (name, start, end), each once, in the order first mentioned."""
    return tuple(dict.fromkeys(name for name, _, _ in mentions))


# The subject of the question's verb: "what did X say", "how does X answer", "why didn't X and Y stay".
_SUBJECT_BEFORE = re.compile(
    r"\b(?:did|does|do|has|had|have|would|will|could|can|should|might|must|was|is|were|are)(?:n['’]t)?\s+(?:the\s+)?$",
    re.IGNORECASE)
# The passive: "what was X asked by Y", "was X told": X is no subject, and X's words are not asked for.
_PASSIVE_AFTER = re.compile(r"^(?:['’]s)?\s+(?:(?:just|then|also|again|first|later|once)\s+)?[a-z]+(?:ed|en|ld|ght|wn)\b",
                            re.IGNORECASE)
_BE_BEFORE = re.compile(r"\b(?:was|is|were|are)(?:n['’]t)?\s+(?:the\s+)?$", re.IGNORECASE)
# The source the question cites: "according to X", "as quoted by X", "by X's count", "in X's reply",
# "per X's answer".
_SOURCE_BEFORE = re.compile(r"\b(?:according\s+to|as\s+[a-z]+(?:ed|en|ld|ght|wn)\s+by)\s+(?:the\s+)?$",
                            re.IGNORECASE)
_CITED_BEFORE = re.compile(r"\b(?:in|by|per|from|on)\s+(?:the\s+)?$", re.IGNORECASE)
_ACCOUNT_AFTER = re.compile(
    r"^(?:['’]s?)?\s+(?:[\w-]+\s+)?(?:count|tally|account|view|words|telling|answer|reply|response|introduction"
    r"|estimate|recollection|summary|remarks?|statement|figures?|numbers?|reckoning|description)\b", re.IGNORECASE)
_JOINED = re.compile(r"^\s*(?:,|and|or|&)\s*$", re.IGNORECASE)


def answerers(question: str, mentions: list[tuple[str, int, int]]) -> tuple[str, ...]:
    """The named speakers whose words the question asks for: of several it names, the one it cites
    as the source, else the subject of its verb; the rest only say whose question was answered. All of
    them when the question shows no one (a single name, or no name in either place)."""
    named = named_in(mentions)
    if len(named) == 1 and all(_spoken_to_or_of(question, s, e) for _, s, e in mentions):
        return ()
    if len(named) < 2:
        return named
    ordered = sorted(mentions, key=lambda m: m[1])
    cited = {name for name, s, e in ordered
             if _SOURCE_BEFORE.search(question[:s])
             or _CITED_BEFORE.search(question[:s]) and _ACCOUNT_AFTER.match(question[e:])}
    subjects = set()
    for name, s, e in ordered:
        if not _SUBJECT_BEFORE.search(question[:s]):
            continue
        passive = _BE_BEFORE.search(question[:s]) and _PASSIVE_AFTER.match(question[e:])
        if not passive:
            subjects.add(name)
            continue
        # "what was X asked by Y": Y, the one by whom, is the subject.
        by = re.match(r"\s+by\s+(?:the\s+)?", question[e + passive.end():])
        agent = by and e + passive.end() + by.end()
        subjects |= {other for other, s2, _ in ordered if by and s2 == agent}
    chosen = cited or subjects
    # "did X and Y say": a name joined to a chosen one by "and" is chosen too.
    for (a, _, a_end), (b, b_start, _) in zip(ordered, ordered[1:]):
        if a in chosen and _JOINED.match(question[a_end:b_start]):
            chosen = chosen | {b}
    return tuple(n for n in named if n in chosen) if chosen and len(chosen) < len(named) else named


# A name as the object of a verb or a preposition: "what did the judge tell Ines", "why did the ruling not help
# Ines", "what was said to Ines", "what will happen to Ines": the question is about the one named, not their words.
_OBJECT_BEFORE = re.compile(
    r"\b(?:to|about|against|toward|towards|t(?:ell|old|ells)|help(?:ed|s)?|urg(?:e|ed|es)|warn(?:ed|s)?|remind(?:ed|s)?"
    r"|order(?:ed|s)?|thank(?:ed|s)?|sentenc(?:e|ed|es)|prais(?:e|ed|es)|criticis(?:e|ed|es)|criticiz(?:e|ed|es))"
    r"\s+(?:the\s+)?$", re.IGNORECASE)


def _spoken_to_or_of(question: str, start: int, end: int) -> bool:
    """Whether the name at `start:end` is the object of the question's verb, or the subject of a passive
    ("was Ines told"), not the one whose words are asked for."""
    before = question[:start]
    if _SOURCE_BEFORE.search(before):
        return False  # "according to Ines": the source
    if _OBJECT_BEFORE.search(before):
        return True
    return bool(_BE_BEFORE.search(before) and _PASSIVE_AFTER.match(question[end:]))


__all__ = ["answerers", "named_in"]
