"""A chat log saved as text: one message a line, its time and the sender's nick before it.

Meetings held on IRC, Matrix or a scribe's channel keep their record as a log:
`[2031-03-14T16:04:02Z] <Ada_Brook> message`, `[16:04] <ada> message`,
`2031-03-14 16:04:02 <ada> message`. Read as plain text, each line would be a
paragraph of narration, the nick part of the words and no one a speaker. Read as
cues instead, each message is said by its sender, at its time; a scribe's line that
opens with a name and a colon (`<scribe> Ada_Brook: the figures ...`) is that
person's words, and the scribe's fragments of one speech are joined (`cues`,
`assembly`). A nick writes spaces as underscores; the name shown has spaces again.
Channel commands (`present+`, `q+`, `ack`) are not speech: set aside, like furniture.
"""

from __future__ import annotations

import re

from ..records import SetAside
from . import Reading
from .cues import Cue, utterances
from .spoken import spoken_reading

_LINE = re.compile(
    r"[ \t]*\[?(?P<stamp>(?:\d{4}-\d{2}-\d{2}[T ])?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)\]?"
    r"[ \t]+<[@+%~&]?(?P<nick>[^<>\s]{1,100})>[ \t]*(?P<message>.*?)[ \t]*"
)
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?Z?$")
# A command to the channel's bots: one word closed by +, - or ? (`present+`, `q+`, `q?`), or `ack name`.
_COMMAND = re.compile(r"(?:[\w.-]+[+?-]|ack(?:[ \t]+\S+)?|q\+?[ \t]+\S+)", re.IGNORECASE)
# A nick or scribed label whose underscores stand for spaces: `Ada_Brook`.
_UNDERSCORED = re.compile(r"(?<=[^\W_])_+(?=[^\W_])")
_SCRIBED = re.compile(r"(?P<label>[A-Za-z][\w.'’-]{0,40}(?:_[\w.'’-]+){0,5})[ \t]*:[ \t]")
MIN_MESSAGES = 10  # fewer such lines than this is not a log
LINE_SHARE = 0.6  # ... nor are they, when fewer than this share of the lines with words


def read_chat_log(text: str, fmt: str, encoding: str) -> Reading | None:
    """The log in `text` read as cues, or None when `text` is not written that way."""
    if text.count(">") < MIN_MESSAGES:  # every nick is in angle brackets: most texts are not tried line by line
        return None
    lines = text.split("\n")
    worded = [i for i, ln in enumerate(lines) if ln.strip()]
    found = [(i, m) for i in worded if (m := _LINE.fullmatch(lines[i].rstrip("\r")))]
    if len(found) < MIN_MESSAGES or len(found) < LINE_SHARE * len(worded):
        return None
    date = next((m.group("stamp")[:10] for _, m in found if len(m.group("stamp")) > 10), None)
    cues, aside = [], []
    for i, m in found:
        message = m.group("message")
        if not message or _COMMAND.fullmatch(message):
            aside.append(SetAside(i + 1, lines[i].strip(), "a chat command"))
            continue
        t = _seconds(m.group("stamp"))
        cues.append(Cue(t, t, i + 1, (_spaced_label(message),), voices=(_spaced(m.group("nick")),)))
    matched = {i for i, _ in found}
    aside.extend(SetAside(i + 1, lines[i].strip(), "not a chat message") for i in worded if i not in matched)
    aside.sort(key=lambda a: a.line)
    reading = spoken_reading(f"{fmt} (chat log, {len(found)} messages)", utterances(cues), title=None, date=date,
                             encoding=encoding)
    return Reading(format=reading.format, text=reading.text, turns=reading.turns, segments=reading.segments,
                   date=date, encoding=encoding, set_aside=tuple(aside))


def _seconds(stamp: str) -> float:
    """The time of day of a stamp, in seconds from midnight."""
    m = _CLOCK.search(stamp)
    return float(int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3) or 0)) if m else 0.0


def _spaced(nick: str) -> str:
    return _UNDERSCORED.sub(" ", nick).strip("_")


def _spaced_label(message: str) -> str:
    """A scribed line with the name opening it spaced as a name (`Ada_Brook: ...` → `Ada Brook: ...`)."""
    m = _SCRIBED.match(message)
    return f"{_spaced(m.group('label'))}{message[m.end('label'):]}" if m and "_" in m.group("label") else message
