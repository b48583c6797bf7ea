"""Who asks and who answers in a court's examination, where `Q.` and `A.` name no one.

A court reporter writes a witness's examination as `Q.` and `A.` lines under words that say
who both are: the witness is introduced before the oath ("TOMAS BERG, called as a witness by
the Government, having been duly sworn, testified as follows:"), or, in a deposition, named
by its title ("DEPOSITION OF JANE ROE"); the lawyer examining is named by a line of their
own (`BY MS. VALE:`), written again at each change of examiner (cross-examination,
redirect) and after an interruption (an objection, the court's ruling). The `Q` turns are
the examiner's and the `A` turns, and the witness's own words to the court (`THE WITNESS:`),
the witness's. The label stays as written (`Turn.label`); the speaker becomes the person, so
that a question naming them finds their words.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from .names import SURNAME_HONORIFICS
from .records import Turn

_NAME_WORD = r"[A-Z][A-Za-z'’-]+"
_HONORIFIC = rf"(?:{'|'.join(h.upper() for h in SURNAME_HONORIFICS)}|{'|'.join(SURNAME_HONORIFICS)})\.?"
# `BY MS. VALE:`, `By Mr. Pan:`: the examiner, named at the start of a line or paragraph.
_EXAMINER_NAME = rf"{_HONORIFIC}[ \t]+{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?"
_EXAMINER_LINE = r"(?:BY|By)[ \t]+{name}[ \t]*:"
_EXAMINER = re.compile(r"(?:^|(?<=\n)|(?<=[A-Z] ))[ \t]*" + _EXAMINER_LINE.format(name=f"(?P<name>{_EXAMINER_NAME})"))
# `TOMAS BERG, called as a witness ..., having been duly sworn`, `..., upon being called to testify via video as
# a witness`: the witness, named before the oath.
_SWORN = (r"(?:(?:upon[ \t]+being[ \t]+)?called[ \t]+(?:to[ \t]+testify[ \t]+(?:via[ \t]+\w+[ \t]+)?)?(?:as[ \t]+a[ \t]+witness|by)|(?:having[ \t]+been|being|was|been)[ \t]+(?:first[ \t]+)?"
          r"(?:duly[ \t]+)?(?:sworn|affirmed)|(?:first[ \t]+)?duly[ \t]+(?:sworn|affirmed))")
_SWORN_RE = re.compile(_SWORN)
_WITNESS_NAME = rf"(?:{_HONORIFIC}[ \t]+)?{_NAME_WORD}(?:[ \t]+(?:[A-Z]\.|{_NAME_WORD})){{0,3}}"
_WITNESS_LINE = r"{name}[ \t]*,\s*" + _SWORN
_WITNESS = re.compile(r"(?:^|(?<=\n)|(?<=\. ))[ \t]*" + _WITNESS_LINE.format(name=f"(?P<name>{_WITNESS_NAME})"))
# `DEPOSITION OF JANE ROE`, `VIDEOTAPED DEPOSITION OF DR. ADA BROOK`: a deposition's witness, in its opening.
_DEPONENT = re.compile(r"\bDEPOSITION[ \t]+OF[ \t]+(?P<name>(?:(?:MR|MS|MRS|DR)\.?[ \t]+)?[A-Z][A-Z'’-]+"
                       r"(?:[ \t]+(?:[A-Z]\.|[A-Z][A-Z'’-]+)){1,3})\b")
OPENING = 3000  # characters of a transcript its title and caption take up
_WITNESS_LABEL = re.compile(r"THE[ \t]+WITNESS", re.IGNORECASE)
# `CROSS-EXAMINATION`, `REDIRECT EXAMINATION (Continued)`, `EXAMINATION BY MR. PAN:`: a heading of the record.
_HEADING = r"(?:(?:RE-?)?(?:DIRECT|CROSS)|FURTHER|VOIR[ \t]+DIRE|[ \t-])*EXAMINATION\b[^a-z\n]*"
# What the reporter writes between one witness's or examiner's questions and the next: headings, the
# examiner's line, a witness's introduction and the lines it runs on to ("having been duly sworn, ...").
_RECORD = re.compile(r"(?:\s*(?:" + _HEADING
                     + "|" + _EXAMINER_LINE.format(name=f"(?:{_EXAMINER_NAME})") + r"[^\n]*"
                     + "|" + _WITNESS_LINE.format(name=f"(?:{_WITNESS_NAME})") + r"[^\n]*(?:\n[ \t]*[a-z][^\n]*)*"
                     + r"))+\s*")


def named_in_examination(text: str, turns: tuple[Turn, ...]) -> tuple[Turn, ...]:
    """`turns` with each `Q` turn given the examiner named last before it, and each `A` turn
    and `THE WITNESS` turn the witness introduced last before it, where the text names them.
    A transcript without `Q` turns is returned as it is."""
    if not any(_asks(t) for t in turns):
        return turns
    examiners = _marks(_EXAMINER.finditer(text))
    deponent = _DEPONENT.search(text, 0, OPENING)
    witnesses = _marks([deponent] if deponent else [], _WITNESS.finditer(text))
    if not examiners[0] and not witnesses[0]:
        return turns
    out = []
    for t in _headed(text, turns):
        if t.label and _SWORN_RE.search(t.label):
            # "JANE ROE, having been first duly sworn, ... testified as follows:" is no label: its colon
            # closes the reporter's words.
            out.append(replace(t, speaker=None, role="narrator"))
            continue
        if _asks(t):
            name = _last(examiners, t.start)
        elif _answers(t):
            name = _last(witnesses, t.start)
        else:
            name = None
        out.append(replace(t, speaker=name) if name else t)
    return tuple(out)


def _headed(text: str, turns: tuple[Turn, ...]) -> list[Turn]:
    """The turns, each with the record's words at its end (`CROSS-EXAMINATION`, `BY MS. DARLING:`, a
    witness's introduction) as a turn of narration of their own: they are the reporter's words, not
    the speaker's. Each answer still points at its question, wherever that now stands."""
    out: list[Turn] = []
    moved: dict[int, int] = {}
    for i, t in enumerate(turns):
        moved[i] = len(out)
        cut = _record_from(text, t.start, t.end)
        if cut is None:
            out.append(t)
            continue
        out += [replace(t, end=len(text[:cut].rstrip())),
                replace(t, speaker=None, role="narrator", start=cut, label=None, question_turn=None)]
    if len(out) == len(turns):
        return out
    return [replace(t, question_turn=moved[t.question_turn]) if t.question_turn is not None else t for t in out]


def _record_from(text: str, start: int, end: int) -> int | None:
    """Where the reporter's words that end the span start, after a line of the speaker's, if they do."""
    at = text.find("\n", start, end)
    while at != -1:
        line = _BLANKS.match(text, at + 1, end).end()
        if line < end and _RECORD.fullmatch(text, line, end):
            return line
        at = text.find("\n", at + 1, end)
    return None


_BLANKS = re.compile(r"\s*")


def _asks(t: Turn) -> bool:
    return t.role == "reporter" and (t.label or "").strip(" *_:.").lower() in ("q", "question")


def _answers(t: Turn) -> bool:
    label = (t.label or "").strip(" *_:.")
    return label.lower() in ("a", "answer") or bool(_WITNESS_LABEL.fullmatch(label))


def _marks(*found) -> tuple[list[int], list[str]]:
    """Where each name is given, in order, and the names: what `_last` looks up."""
    ms = [m for matches in found for m in matches]
    return [m.start() for m in ms], [_spoken(m.group("name")) for m in ms]


def _spoken(name: str) -> str:
    """A name as a label would write it: one space between words."""
    return " ".join(name.split())


def _last(marks: tuple[list[int], list[str]], at: int) -> str | None:
    """The name given last before `at`."""
    i = bisect.bisect_right(marks[0], at)
    return marks[1][i - 1] if i else None


__all__ = ["named_in_examination"]
