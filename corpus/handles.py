"""Who a screen name is, by the name said in its own turns.

A meeting recorder labels people by an account's name run together (`adabrook`, `annaberg`), and the roll
call has each say their name ("Ada Brook, North Quay district.") or the chair say it just before. A
handle that opens with the first name of a name said there, its rest that name's surname as the
recogniser heard it (`tomasines` and "Tomas Ine", one letter apart), is that person, spelt as the
handle spells them: "Tomas Ines". The question "what did Ada Brook say" can then find the turns. The
label stays as written.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from .records import Turn

_HANDLE = re.compile(r"[a-z]{6,30}")
_NAME = re.compile(r"\b([A-Z][a-z]{2,20})[ \t]+(?:[A-Z]\.[ \t]+)?([A-Z][a-z]{1,25})\b")  # `Ada Brook`, `Ada R. Brook`
_LOOKED_AT = 8  # a handle's first turns, and the turn before each, where its name is said
_REACH = 400  # characters of each of those turns


def named_by_handles(text: str, turns: tuple[Turn, ...]) -> tuple[Turn, ...]:
    """`turns` with each run-together handle given the name said in or just before its first turns."""
    handles = {t.speaker for t in turns if t.speaker and _HANDLE.fullmatch(t.speaker)}
    if not handles:
        return turns
    heard: dict[str, Counter[str]] = {h: Counter() for h in handles}
    seen: Counter[str] = Counter()
    for i, t in enumerate(turns):
        if t.speaker not in handles or seen[t.speaker] >= _LOOKED_AT:
            continue
        seen[t.speaker] += 1
        near = [t] + ([turns[i - 1]] if i else [])
        for u in near:
            for m in _NAME.finditer(text, u.start, min(u.end, u.start + _REACH)):
                name = _spelt_by(t.speaker, m.group(1), m.group(2))
                if name:
                    heard[t.speaker][name] += 1
    named = {}
    for handle, names in heard.items():
        ranked = names.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            named[handle] = ranked[0][0]
    taken = Counter(named.values())
    named = {h: n for h, n in named.items() if taken[n] == 1}
    if not named:
        return turns
    return tuple(replace(t, speaker=named[t.speaker]) if t.speaker in named else t for t in turns)


def _spelt_by(handle: str, first: str, last: str) -> str | None:
    """`First Rest` where the handle opens with the first name and its rest is the surname heard, give or
    take a letter in three; None otherwise."""
    if not handle.startswith(first.lower()):
        return None
    rest = handle[len(first):]
    if len(rest) < 2 or _distance(rest, last.lower()) > max(1, len(last) // 3):
        return None
    return f"{first} {rest.capitalize()}"


def _distance(a: str, b: str) -> int:
    """Levenshtein distance between two short strings."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


__all__ = ["named_by_handles"]
