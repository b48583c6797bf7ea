"""A transcript's text and turns from the pieces of speech a structured format gives.

Captions, speech-to-text output and parliamentary XML come as utterances: a cue, a
recognised sentence, a paragraph of a speech, each with its words, where it lies
in the file, and when it was said. Consecutive utterances of one speaker become
one turn. The text written out reads as a transcript: each named turn opens with
`Name: ` on a paragraph of its own, and the turn's span covers only the words, so
the verbatim contract holds against this text. Every utterance leaves a segment
mapping its words back to the file's line, page and time.

Speech whose speaker the format does not give is never one turn the length of
the recording: it is cut into paragraphs at long pauses, or at a sentence end once
a paragraph is long enough to read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .cleaning import clean_name
from .records import Segment, Time, Turn

PAUSE_SECONDS = 2.0  # a silence this long between unattributed utterances starts a paragraph
PARAGRAPH_WORDS = 120  # an unattributed paragraph ends at the next sentence end past this many words
MAX_PARAGRAPH_WORDS = 250  # ... or here, sentence end or not
SENTENCE_END = re.compile(r"[.!?…。！？][\"”’')\]]*$")  # words that close a sentence


@dataclass(frozen=True)
class Utterance:
    """One piece of speech as a format gives it."""

    words: str  # the spoken words, markup and timing removed
    line: int  # 1-based line of the file where it is written
    speaker: str | None = None  # the name the format gives here; None: whoever spoke last
    change: bool = False  # a new speaker starts here, named or not (">>" in captions)
    time: Time | None = None
    page: int | None = None
    paragraph: bool = False  # a new paragraph of the same turn
    role: str | None = None  # when the format says (the chair of a debate, stage directions)
    label: str | None = None  # the speaker as written, when more than the name (`Name (Org)`)


@dataclass(frozen=True)
class Assembled:
    text: str
    turns: tuple[Turn, ...]
    segments: tuple[Segment, ...]


def assemble(utterances: list[Utterance]) -> Assembled:
    parts: list[str] = []
    size = 0
    turns: list[Turn] = []
    segments: list[Segment] = []

    def write(piece: str) -> int:
        nonlocal size
        at = size
        parts.append(piece)
        size += len(piece)
        return at

    for group in _turn_groups(utterances):
        first = group[0]
        if turns:
            write("\n\n")
        name = clean_name(first.speaker) if first.speaker else None
        if name:
            write(f"{clean_name(first.label or name)}: ")
        start = size
        for i, u in enumerate(group):
            if i:
                write("\n\n" if u.paragraph else " ")
            at = write(u.words)
            segments.append(Segment(at, at + len(u.words), u.line, u.page, u.time))
        times = [u.time for u in group if u.time is not None]
        role = first.role or ("official" if name else "narrator")
        turns.append(Turn(
            speaker=name, role=role, start=start, end=size, label=(first.label or first.speaker) if name else None,
            time=(times[0][0], max(t[1] for t in times)) if times else None,
            page=next((u.page for u in group if u.page is not None), None),
        ))
    return Assembled("".join(parts), tuple(turns), tuple(segments))


def _turn_groups(utterances: list[Utterance]) -> list[list[Utterance]]:
    """Utterances grouped into turns: a new group at each change of speaker."""
    groups: list[list[Utterance]] = []
    speaker: str | None = None
    for u in utterances:
        words = " ".join(u.words.split())
        if not words:
            continue
        u = replace(u, words=words)
        named = u.speaker is not None
        # An unnamed change of speaker (">>") ends the last named speaker's turn: the same
        # name given again afterwards is a new turn.
        key = clean_name(u.speaker) if named else (None if u.change else speaker)
        new = (not groups or u.change or (named and key != speaker)
               or (u.role is not None and u.role != groups[-1][0].role)
               or (key is None and _paragraph_ends(groups[-1], u)))
        if new:
            groups.append([replace(u, speaker=u.speaker if named else None, paragraph=False)])
        else:
            groups[-1].append(u)
        speaker = key
    return groups


def _paragraph_ends(group: list[Utterance], nxt: Utterance) -> bool:
    """Whether unattributed speech should start a new paragraph (and turn) before `nxt`."""
    last = group[-1]
    if last.time and nxt.time and nxt.time[0] - last.time[1] >= PAUSE_SECONDS:
        return True
    words = sum(len(u.words.split()) for u in group)
    return words >= MAX_PARAGRAPH_WORDS or (words >= PARAGRAPH_WORDS and bool(SENTENCE_END.search(last.words)))
