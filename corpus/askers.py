"""Who asks, where the label names no one: the name the chair gives the floor to.

A press secretary says "Go ahead, Nadia." and the next turn is labelled only `Q`; a chair
says "Ines." and a reporter asks. The name said as a call, on its own or set off by a
comma at either end of one of the last sentences of the turn before an unnamed asker, is
that asker's. The floor stays with them through their follow-ups, until the chair calls
someone else or hands the floor on with words it has used with a name ("Go ahead."): the
corpus's own hand-overs, learned from its calls, so no list of phrases is kept here. A call
answered by a labelled speaker ("Ada?" then `MS. BROOK:`) was to them, not to an asker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from .filler import key
from .names import HONORIFIC, names_someone
from .offices import as_office
from .records import Transcript
from .sentences import sentence_spans
from .vocabulary import Vocabulary, WordCounts
from .words import words

TAIL_SENTENCES = 2  # a call stands among the last sentences of the turn that gives the floor
MAX_NAME_WORDS = 3
_TAIL_CHARS = 600
_TRAILING = re.compile(r"[\s.?!…—–-]+$")
_NAME_PART = re.compile(r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*")


@dataclass(frozen=True)
class NameWords:
    """What tells a name in this corpus: its vocabulary, and the words it writes capitalised inside
    sentences more often than in lower case (`proper_words`)."""

    vocabulary: Vocabulary
    proper: frozenset[str]


def proper_words(counts: WordCounts) -> frozenset[str]:
    return frozenset(w for w, n in counts.capital.items() if n > counts.lower.get(w, 0))


@dataclass(frozen=True)
class Call:
    name: str  # as said: "Nadia", "Ada Brook"; "" for an honorific alone ("Sir.")
    rest: str  # the sentence's other words, keyed (`filler.key`): "go ahead"; "" for the name alone
    # One of its words at least is one the corpus writes capitalised inside its sentences: a name for
    # sure. "Yep." or "Ines." alone could be either; such a call still passes the floor on.
    sure: bool


def called(sentence: str, names: NameWords) -> Call | None:
    """The name a sentence calls someone by: the whole sentence ("Ines.", "Ada Brook."), or its
    first or last comma-separated part ("Go ahead, Tomas.", "Ada, you want to take it?"), every word
    of it one that can name someone here (so "Thank you, Mr. President." calls someone by no name)."""
    body = _TRAILING.sub("", sentence.strip())
    parts = [p.strip() for p in body.split(",")]
    calls = []
    for at in dict.fromkeys((len(parts) - 1, 0)):
        rest = key(", ".join(parts[:at] + parts[at + 1:]))
        if HONORIFIC.fullmatch(parts[at] + " ") or _office_alone(parts[at]):
            calls.append(Call("", rest, False))  # "Sir.", "Yes, madam.": someone called, by no name
            continue
        name = _name(parts[at], names)
        if name:
            calls.append(Call(name, rest, any(w.lower() in names.proper for w in name.split())))
    # "Okay, Tomas.": the part that is surely a name is the call.
    return max(calls, key=lambda c: c.sure, default=None)


def _office_alone(part: str) -> bool:
    """"Thanks, Prime Minister.": someone called by office, by no name, however the corpus capitalises it."""
    part = " ".join(HONORIFIC.sub("", part.strip()).split())
    return bool(part) and as_office(part) == part


def _name(part: str, names: NameWords) -> str | None:
    part = HONORIFIC.sub("", part)
    ws = words(part)
    if not (_NAME_PART.fullmatch(part) and 1 <= len(ws) <= MAX_NAME_WORDS):
        return None
    if not all(names.vocabulary.is_name_word(w.text) and not w.text.isupper() for w in ws):
        return None
    return " ".join(w.text for w in ws)


def _is_unnamed_asker(turn) -> bool:
    # `MR. PAN` names one as surely as `Mira Holm`: a court's `Q` its examiner's (`corpus.examination`).
    return turn.role == "reporter" and not (turn.speaker and names_someone(turn.speaker))


def _tail_calls(t: Transcript, turn, names: NameWords) -> tuple[Call | None, list[str]]:
    """The last call among the last sentences of `turn`, and the keys of those sentences."""
    # The last sentences lie in the turn's last characters; a window that cuts into the turn drops its
    # first, perhaps cut, sentence.
    start = max(turn.start, turn.end - _TAIL_CHARS)
    spans = sentence_spans(t.text, start, turn.end)
    spans = (spans if start == turn.start else spans[1:])[-TAIL_SENTENCES:]
    sentences = [t.text[a:b] for a, b in spans]
    calls = [c for c in (called(s, names) for s in sentences) if c]
    return (calls[-1] if calls else None), [key(s) for s in sentences]


def handovers(transcripts: Sequence[Transcript], names: NameWords) -> frozenset[str]:
    """What this corpus says with a name when it gives an unnamed asker the floor ("go ahead"):
    said without a name, it still hands the floor on. Not what it says to someone the asker then
    calls in turn ("Thanks, Mira." "Thanks, Mira."): that was no hand-over."""
    out = set()
    for t in transcripts:
        for i in range(1, len(t.turns)):
            if _is_unnamed_asker(t.turns[i]) and not _is_unnamed_asker(t.turns[i - 1]):
                call, _ = _tail_calls(t, t.turns[i - 1], names)
                if call and call.sure and call.rest and not _calls(t, t.turns[i], call.name, names):
                    out.add(call.rest)
    return frozenset(out)


def askers(t: Transcript, names: NameWords, handed: frozenset[str] = frozenset()) -> dict[int, str]:
    """Turn index -> the name of the unnamed asker speaking it, where the turns before say it.

    A call before an asker's turn names them, unless the asker calls that name themselves (the asker
    answering "Thanks, Mira" is not Mira). Their later turns stay theirs until a turn of another
    speaker calls someone else or ends in one of the corpus's hand-overs (`handed`)."""
    out: dict[int, str] = {}
    if not any(_is_unnamed_asker(u) for u in t.turns):
        return out
    holder: str | None = None
    just_called = False  # the turn before called `holder`: the next to speak is the one called
    for i, turn in enumerate(t.turns):
        if not _is_unnamed_asker(turn):
            if turn.role != "narrator":
                if just_called:
                    holder = None  # the one called spoke under a label of their own ("Ada?" "ADA BROOK: ...")
                call, keys = _tail_calls(t, turn, names)
                if call or any(k in handed for k in keys):
                    holder = call.name if call and call.sure else None
                just_called = holder is not None and call is not None
            continue
        just_called = False
        if holder and not _calls(t, turn, holder, names):
            out[i] = holder
        else:
            holder = None
    return out


def _calls(t: Transcript, turn, name: str, names: NameWords) -> bool:
    """Whether `turn` calls `name` itself: then it speaks to them, it is not theirs."""
    first = name.split()[0]
    return any((c := called(t.text[a:b], names)) and c.name and c.name.split()[0] == first
               for a, b in sentence_spans(t.text, turn.start, turn.end))


def merged(names: Sequence[str]) -> dict[str, str]:
    """Each name -> the one it stands for: a first name said alone is the longer name that
    starts with it, when only one does ("Ada" -> "Ada Brook")."""
    out = {}
    full = [n for n in names if " " in n]
    for name in names:
        longer = [n for n in full if n != name and n.split()[0] == name]
        out[name] = longer[0] if " " not in name and len(longer) == 1 else name
    return out
