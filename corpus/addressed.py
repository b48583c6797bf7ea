"""Who a numbered speaker is, by the name the others address them by.

A machine transcript labels the people it cannot name `Speaker 1`, `SPEAKER_02`; the others in the
room call them by name just before they speak: "Ms. Brook, how do you answer that?", "Mr. Vale.",
"Thank you, Ms. Brook." A numbered label that the turn before addresses, time after time, by one
name no other numbered label is addressed by, is that person: the question "what did Ada Brook's
counsel say" can then find the turns. The label stays as written.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from .names import DIARISED, SURNAME_HONORIFICS
from .records import Turn

# An honorific and a surname, set off as an address: at a sentence's start before a comma ("Ms. Brook,
# ..."), or alone as a sentence, or after "thank you," ("Thank you, Mr. Vale.").
_ADDRESS = re.compile(rf"(?:^|(?<=[.!?]\s)|(?<=,\s))(?P<name>(?:{'|'.join(SURNAME_HONORIFICS)})\.?\s+[A-Z][\w'’-]+)(?=[,.?!])")
LEAST = 2  # addresses to one name before a numbered label takes it
SHARE = 2 / 3  # of all the addresses heard before that label's turns
_TAIL = 300  # characters at either end of the turn before where an address to the next speaker stands


def named_by_address(text: str, turns: tuple[Turn, ...]) -> tuple[Turn, ...]:
    """`turns` with each numbered speaker given the name the turns before theirs address them by."""
    numbered = {t.speaker for t in turns if t.speaker and DIARISED.fullmatch(t.speaker)}
    if not numbered:
        return turns
    heard: dict[str, Counter[str]] = {s: Counter() for s in numbered}
    spoken = [t for t in turns if t.role != "narrator" and t.speaker]
    for before, turn in zip(spoken, spoken[1:]):
        if turn.speaker in numbered and before.speaker != turn.speaker:
            said = text[before.start:before.end]
            ends = said if len(said) <= 2 * _TAIL else said[:_TAIL] + " " + said[-_TAIL:]
            heard[turn.speaker].update(m.group("name") for m in _ADDRESS.finditer(ends))
    chosen: dict[str, str] = {}
    for speaker, names in heard.items():
        # By surname: a recogniser hears the honorific wrong as often as not ("Mr. Brook" for "Ms. Brook").
        surnames = Counter()
        for name, n in names.items():
            surnames[name.split()[-1]] += n
        if not surnames:
            continue
        surname, n = surnames.most_common(1)[0]
        if n >= LEAST and n >= SHARE * sum(surnames.values()):
            chosen[speaker] = max((m for m in names if m.split()[-1] == surname), key=lambda m: names[m])
    taken = Counter(chosen.values())
    named = {s: n for s, n in chosen.items() if taken[n] == 1}
    if not named:
        return turns
    return tuple(replace(t, speaker=named[t.speaker]) if t.speaker in named else t for t in turns)


__all__ = ["named_by_address"]
