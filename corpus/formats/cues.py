"""Who speaks in captions: the speaker marks of WebVTT and SRT cues, read into utterances.

Captions mark speakers in four ways: a voice tag (`<v Name>`, WebVTT), a `>>`
where the speaker changes without a name (broadcast captions), a dash opening a line
where subtitles write dialogue so (`- Second.`), and a `Name:` opening the cue
(meeting recorders). A voice or a name holds for the cues after
it until another is given. A colon is also ordinary punctuation (`The answer
is: yes`), so a cue-leading `X:` is a label only when the same X opens several
cues of the file, or when most cues of the file open with a label and X reads
as a name (capitalised words): a name given once in such a file is still a name. A mark at the start of a line inside
a cue splits the cue, each part taking its share of the cue's time.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

from ..assembly import Utterance
from ..cleaning import clean_name

# Two or more '>' (a caption format's parser decodes `&gt;&gt;`; text saved from a page keeps it escaped):
# a new speaker, unnamed.
_CHANGE = re.compile(r"\s*(?:>{2,}|(?:&gt;){2,})\s*")
# A dash opening a line, as subtitles mark a new speaker's words (`- Second.`).
_DIALOGUE_DASH = re.compile(r"^[ \t]*[-–—][ \t]+(?=\S)")
DASHED_LEAST, DASHED_SHARE = 5, 0.05  # cues opening with a dash, at least, for dashes to mark speakers
_LEADING_LABEL = re.compile(r"^\s*([^:：\s][^:：]{0,59}?)\s*[:：](?:\s+|$)")
_NOT_IN_LABEL = re.compile(r"[?!;\"“”<>{}\[\]=]|https?|\.\s|\.$|^\d|^-")
_ABBREVIATION = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|Prof|St|Jr|Sr|Rep|Sen|Gov|Gen|Hon)\.", re.IGNORECASE)
_AFFILIATION = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\]|\s[|–—-]\s.*|\s*\|.*)$")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LOOKAHEAD = 64  # timing lines searched past the last one found (the library skips malformed blocks)
LABEL_WORDS = 6  # a label longer than this is a sentence with a colon in it


@dataclass(frozen=True)
class Cue:
    """One caption cue: its time and its text lines, tags removed and character references decoded."""

    start: float
    end: float
    line: int  # 1-based line of the file where the cue's text begins
    lines: tuple[str, ...]
    voices: tuple[str | None, ...] = ()  # per line: the voice a WebVTT tag names at its start


def speaker_changes(text: str) -> list[tuple[str, bool]]:
    """`text` cut where `>>` marks a new speaker: each part's words, and whether a mark opens it (a mark that
    closes the text gives a last part with no words)."""
    return [(part.strip(), k > 0) for k, part in enumerate(_CHANGE.split(text)) if part.strip() or k > 0]


def share(start: float, end: float, done: int, size: int, total: int) -> tuple[float, float]:
    """The part of the time from `start` to `end` that a piece of `size` takes after `done` of `total`: a cue
    cut by speaker marks gives each part its share of the cue's time."""
    span = end - start
    return round(start + span * done / total, 3), round(start + span * (done + size) / total, 3)


def file_lines(text: str) -> list[str]:
    """The file's lines as the caption formats count them (CR, LF or CRLF each end a line)."""
    return _LINE_BREAK.split(text)


def text_lines_of(lines: list[str], timings: Iterable[tuple[float, float]],
                  timing_of: Callable[[str], tuple[float, float] | None]) -> list[int]:
    """For each cue, in file order, the 1-based line its text begins on: the line after its timing line.

    The libraries give cues without their place in the file; the timing lines are
    found again in order, each matching its cue's times. A cue whose timing line is
    not found near where the last one was keeps the place of the cue before it.
    """
    timing_lines = [(i, t) for i, t in ((i, timing_of(line)) for i, line in enumerate(lines)) if t]
    found: list[int] = []
    at = 0
    for start, end in timings:
        for k in range(at, min(at + _LOOKAHEAD, len(timing_lines))):
            i, (t0, t1) = timing_lines[k]
            if abs(t0 - start) < 1e-3 and abs(t1 - end) < 1e-3:
                found.append(i + 2)
                at = k + 1
                break
        else:
            found.append(found[-1] if found else 1)
    return found


def split_name(label: str) -> tuple[str, str]:
    """(name, label as written) of `Justin Florentine (Besu)`, `Akash | ECH`: the affiliation is not the name."""
    written = clean_name(label)
    name = _AFFILIATION.sub("", written).strip() or written
    return name, written


def utterances(cues: list[Cue]) -> list[Utterance]:
    labels = _accepted_labels(cues)
    dashed = _dialogue_dashes(cues)
    out: list[Utterance] = []
    mark: _Piece | None = None  # a speaker mark whose words are in the next cue
    for cue in cues:
        pieces = _pieces(cue, labels, dashed)
        total = sum(len(p.words) for p in pieces) or 1
        done = 0
        for p in pieces:
            if mark is not None:
                p = _Piece(p.words, p.line, p.speaker or mark.speaker, p.label or mark.label, p.change or mark.change)
                mark = None
            if not p.words:
                mark = p if p.speaker or p.change else None
                continue
            time = share(cue.start, cue.end, done, len(p.words), total)
            done += len(p.words)
            out.append(Utterance(p.words, p.line, p.speaker, p.change, time,
                                 label=p.label if p.label != p.speaker else None))
    return out


@dataclass
class _Piece:
    words: str
    line: int
    speaker: str | None = None
    label: str | None = None
    change: bool = False


def _pieces(cue: Cue, labels: _Labels, dashed: bool = False) -> list[_Piece]:
    """The cue cut where a speaker mark opens a line (or where `>>` stands anywhere); in a file that marks
    dialogue with dashes, a dash opening a line is such a mark."""
    pieces: list[_Piece] = []
    voices = cue.voices or (None,) * len(cue.lines)
    for j, (text, voice) in enumerate(zip(cue.lines, voices)):
        line = cue.line + j
        if dashed:
            text = _DIALOGUE_DASH.sub(">> ", text, count=1)
        for k, part in enumerate(_CHANGE.split(text)):
            marked = k > 0 or (voice is not None and k == 0)
            speaker = label = None
            if voice is not None and k == 0:
                speaker, label = split_name(voice)
            name = _label_at(part, labels, opening=(j == 0 and k == 0) or k > 0)
            if name is not None:
                speaker, label = split_name(name)
                part = part[_LEADING_LABEL.match(part).end():]
                marked = True
            if marked or not pieces:
                pieces.append(_Piece(part.strip(), line, speaker, label, k > 0))
            elif part.strip():
                last = pieces[-1]
                if not last.words:
                    last.line = line
                last.words = f"{last.words} {part.strip()}".strip()
    return pieces


def _label_at(text: str, labels: _Labels, opening: bool) -> str | None:
    """The label opening `text`, if it is one: a recurring label anywhere, a name-shaped one
    where a cue or a `>>` opens in a file whose cues mostly open with labels."""
    m = _LEADING_LABEL.match(text)
    if not m:
        return None
    label = m.group(1)
    if label in labels.recurring or (opening and labels.most_cues and _name_shaped(label)):
        return label
    return None


def _dialogue_dashes(cues: list[Cue]) -> bool:
    """Whether the file marks a change of speaker with a dash opening a line (`- Second.`), as subtitles
    write dialogue: a good share of its cues open so."""
    opened = sum(1 for cue in cues if cue.lines and _DIALOGUE_DASH.match(cue.lines[0]))
    return opened >= DASHED_LEAST and opened >= DASHED_SHARE * len(cues)


@dataclass(frozen=True)
class _Labels:
    recurring: frozenset[str]  # labels that open two cues or more
    most_cues: bool  # at least half the cues open with a label


def _accepted_labels(cues: list[Cue]) -> _Labels:
    openers: Counter[str] = Counter()
    spoken = 0
    for cue in cues:
        first = next((ln for ln in cue.lines if ln.strip()), "")
        if not first:
            continue
        spoken += 1
        for part in _CHANGE.split(first):
            m = _LEADING_LABEL.match(part)
            if m and _label_shaped(m.group(1)):
                openers[m.group(1)] += 1
    return _Labels(frozenset(label for label, n in openers.items() if n >= 2),
                   bool(spoken) and sum(openers.values()) * 2 >= spoken)


def _name_shaped(label: str) -> bool:
    """A label given once is taken only when it reads as a name: every word capitalised
    (`Akash | ECH`, `Dr. Lee`), so that `First item: the contract` stays speech."""
    name, _ = split_name(label)
    return _label_shaped(label) and all(w[:1].isupper() for w in name.split())


def _label_shaped(label: str) -> bool:
    return (len(label.split()) <= LABEL_WORDS and any(ch.isalpha() for ch in label)
            and not _NOT_IN_LABEL.search(_ABBREVIATION.sub("", label)))
