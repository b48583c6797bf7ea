"""Title, date and reporting period of a transcript, read from its opening."""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

import yaml

from .boilerplate import is_boilerplate
from .names import SENTENCE_WORDS
from .dates import event_date, full_dates
from .periods import reporting_period
from .layout import Paragraph, paragraphs
from .records import Period, Turn
from .timestamps import is_time_of_day

# after blank lines, if any: a page generator may write a few before it
# YAML between `---` lines, or TOML between `+++` lines (a static site generator's page).
_FRONT_MATTER = re.compile(r"\A(?:[ \t]*\r?\n)*(?P<fence>---|\+\+\+)[ \t]*\r?\n(?P<body>.*?)\r?\n(?P=fence)[ \t]*(?:\r?\n|\Z)",
                           re.DOTALL)
_FRONT_FIELD = re.compile(r"^(?P<key>title|date)\s*:\s*(?P<value>.+?)\s*$", re.IGNORECASE | re.MULTILINE)
_NOTE = re.compile(r"(?<!\])\([^()]*\)")  # "(10.00 am)", not a link's address
_LEADING_DATE = re.compile(r"^\s*(?:date\s*[:：]?\s*)?\d{4}[./-]\d{1,2}[./-]\d{1,2}(?:\s+\d{1,2}:\d{2})?\s*", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s*")
_EDITORIAL = re.compile(r"\[[^\[\]]*\]")  # a line wholly in square brackets is the editor's note, not the title
_ENDS = re.compile(r"[.!?:;,。！？]$")
# Markup, not words: a reStructuredText directive or comment (`.. raw:: html`), a line opening with an HTML tag.
_MARKUP_LINE = re.compile(r"\s*(?:\.\.\s+\S|</?[A-Za-z!])")
# A line that opens with a time, bracketed or in emphasis (`*00:00.060- 00:05.560* : Hello`): a cue, not a title.
_OPENS_WITH_CLOCK = re.compile(r"[\s*_\[(]*\d{1,2}:\d{2}")
# A caption's change of speaker (`>> All right.`): speech has begun, and no title comes after it.
_CAPTION_TURN = re.compile(r"\s*>>")
_URL = re.compile(r"https?://\S+|www\.\S+")
_SENTENCE_END = re.compile(r"[.!?。！？][\"”’)]*\s*$")
_SAID = 3  # words of a sentence's (`names.SENTENCE_WORDS`) in a line closed as one: said, not a title
# A converter's or crawler's stamp on the file ("*Extracted on: 2031-05-06*", "Downloaded 2031-05-06",
# "Date Generated: May 14, 2031").
_FILE_STAMP = re.compile(r"\b(?:extracted|converted|downloaded|retrieved|accessed|exported|scraped|crawled|fetched|"
                         r"generated)\b(?: (?:on|at))?\W{0,3}(?:[A-Za-z]{3,9}\.?\s)?\d", re.IGNORECASE)
# A person's name as an opening writes it: two to four capitalised words, middle initials among them.
_OPENING_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ \t]+(?:[A-Z]\.|[A-Z][a-z]+(?:-[A-Z][a-z]+)?)){1,3}\b")
_TITLE_FIELD = re.compile(r"^(?:\*\*|__)?title(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?", re.IGNORECASE)  # `Title: ...`
_ROSTER_HEADING = re.compile(r"[#*_ ]*(?:[A-Za-z]+[ \t]+){0,2}(?:participants|attendees|present|panel(?:l)?ists)[ *_:]*",
                             re.IGNORECASE)
_TITLE_LIMIT = 200
_TITLE_WORDS = 15  # a run of more words from a lower-case start is speech, not a title
_RUNNING_SPEECH = 1000  # a first line longer than this is no title
_HEADER_MIN, _HEADER_MAX = 1500, 3000


@dataclass(frozen=True)
class Metadata:
    title: str
    date: str | None
    published: str | None
    period: Period | None


def read_metadata(text: str, paras: tuple[Paragraph, ...], turns: tuple[Turn, ...], fallback_title: str) -> Metadata:
    front = _front_matter(text)
    header = _header(text, turns)
    dateline = _dateline(text, paras, len(header), turns)
    # A file's stamp ("Date Generated: ...") in the sentence describing the event dates the file, not the event.
    unstamped = "\n".join(line for line in header.split("\n") if not _FILE_STAMP.search(line))
    date = _front_date(front) or event_date(_URL.sub(" ", unstamped), dateline) or dateline
    voice = _first_voice(text, paras, turns)
    labelled = tuple(t.start for t in turns if t.label and t.start <= voice)  # no title comes from past it
    title = front.get("title") or _title(text, paras, voice, labelled) or fallback_title
    period = reporting_period(title) or reporting_period(header)
    return Metadata(title=title, date=date, published=dateline, period=period)


def front_matter_end(text: str) -> int:
    """Where the body begins: after a YAML front matter block, else 0."""
    m = _FRONT_MATTER.match(text)
    return m.end() if m else 0


def _header(text: str, turns: tuple[Turn, ...]) -> str:
    # The opening, before anyone but the narrator speaks.
    first_voice = next((t.start for t in turns if t.role != "narrator"), len(text))
    return text[: min(max(first_voice, _HEADER_MIN), _HEADER_MAX)]


_DATELINE_REACH = 300  # characters of a paragraph of speech a dateline may open
_SPEECH_WORDS = 80  # a paragraph longer than this is speech, not a header's line


def _dateline(text: str, paras: tuple[Paragraph, ...], header_end: int, turns: tuple[Turn, ...] = ()) -> str | None:
    """The document's own date: the first complete date in its opening, not one a speaker names well into
    their words ("our annual report filed on February 18") where a page breaks at every line."""
    spoken = [(t.start, t.end) for t in turns if t.speaker and t.role != "narrator"]
    for para in paras:
        if para.start >= header_end:
            break
        # In a speaker's words, only their first lines may hold the day's date ("Good morning. Today, June 9, ...").
        reach = min((a + _DATELINE_REACH for a, b in spoken if a <= para.start < b), default=para.end)
        body = text[para.start:min(para.end, header_end, max(reach, para.start))]
        if len(body) > _DATELINE_REACH and len(body.split()) > _SPEECH_WORDS:
            # Running speech: only its start is where a dateline stands ("WASHINGTON, June 9, 2005 - ...");
            # a date further on is one it speaks of ("... after the attacks of September 11, 2001").
            body = body[:_DATELINE_REACH]
        if _FILE_STAMP.search(body):
            continue  # "Extracted on: 2031-05-06": when the file was made, not what it records
        dates = full_dates(_URL.sub(" ", body))  # a link's date (…/2019/05/04/…) is its page's, not this one's
        if dates:
            return dates[0].iso
    return None


def _first_voice(text: str, paras: tuple[Paragraph, ...], turns: tuple[Turn, ...]) -> int:
    """Where the first speaker's label begins: no title comes from there on."""
    first = next((t for t in turns if t.role != "narrator"), None)
    if first is None:
        return len(text)
    before = [p for p in paras if p.start <= first.start]
    if not before:
        return first.start
    if before[-1].start == first.start and len(before) > 1:
        return before[-2].start  # a label alone on its line, the words in the next paragraph
    return before[-1].start


def _title(text: str, paras: tuple[Paragraph, ...], limit: int, labelled: tuple[int, ...] = ()) -> str | None:
    """The first meaningful line before anyone speaks; not a labelled one (a header's field,
    `AGENCY: Port Office`), whose words start past its label, within its paragraph."""
    body_start = front_matter_end(text)
    for para in paras:
        if para.start < body_start:
            continue
        if para.start >= limit:
            break
        if any(para.start < at <= para.end for at in labelled):
            continue
        lines = [ln for ln in text[para.start:para.end].splitlines() if re.search(r"[^\W\d_]", ln)] or [""]
        if len(lines) > 3 and para.end - para.start > _RUNNING_SPEECH:
            break  # lines wrapped into one paragraph of speech: its first line is no title
        line = lines[0]
        if len(line) > _RUNNING_SPEECH or _CAPTION_TURN.match(line) or _said(line) or _ROSTER_HEADING.fullmatch(line.strip()):
            break  # words running on for a page or more, a caption's turn, a sentence someone says, a list of
            # who takes part (`COMPANY PARTICIPANTS`, then names): no title line
        if (is_boilerplate(line) or is_time_of_day(line) or _EDITORIAL.fullmatch(line.strip())
                or _MARKUP_LINE.match(line) or _OPENS_WITH_CLOCK.match(line)):
            continue
        if 1 < len(lines) <= 3 and all(ln.strip() and not _ENDS.search(ln.strip()) for ln in lines):
            line = " ".join(ln.strip() for ln in lines)  # a title set on two or three lines
        line = _TITLE_FIELD.sub("", _MARKDOWN_HEADING.sub("", _LEADING_DATE.sub("", line)).strip(" *_"))
        if _uncapitalised_run(line):
            break  # a machine's words without capitals: no title line
        if len(line.split()) < 2 or len(re.findall(r"[^\W\d_]{3,}", line)) < 2 or _dated_only(line):
            continue  # words, not a catalogue number ("S. Hrg. 118-200") nor a day and the record's notes
        return _shorten(line)
    return None


def _dated_only(line: str) -> bool:
    """A day and the record's notes ("Monday, 3 March 2031 (10.00 am) (Proceedings delayed)"),
    no title: fewer than two words once its dates and its notes in brackets are taken out."""
    rest = _NOTE.sub(" ", line)
    for found in reversed(full_dates(rest)):
        rest = rest[:found.start] + " " + rest[found.end:]
    return len(re.findall(r"[^\W\d_]{3,}", rest)) < 2


def _said(line: str) -> bool:
    """A sentence someone says ("Good afternoon, and I welcome you to our press conference."), not a
    title: closed as a sentence, and made of a sentence's words."""
    if not _SENTENCE_END.search(line):
        return False
    return len({w.lower() for w in re.findall(r"[^\W\d_]+", line)} & SENTENCE_WORDS) >= _SAID


def _uncapitalised_run(line: str) -> bool:
    """Words running on from a lower-case first word ("so um the ferry board met again last night and ..."), as
    speech recognition writes them: a title opens with a capital (or a number) and is shorter."""
    words = line.split()
    return len(words) > _TITLE_WORDS and words[0][:1].islower()


def _shorten(line: str) -> str:
    if len(line) <= _TITLE_LIMIT:
        return line
    first = re.match(r".{20,}?[.!?。！？](?=\s|$)", line)
    if first and len(first.group()) <= _TITLE_LIMIT:
        return first.group()
    cut = line[:_TITLE_LIMIT].rsplit(" ", 1)[0]
    return cut.rstrip(",;: ") + "…"


def front_matter_facts(front: str) -> tuple[str | None, str | None]:
    """The title and date the opening set apart from the speech states (a paginated document's front
    matter, a caption log's header), read as any opening is."""
    if not front.strip():
        return None, None
    meta = read_metadata(front, paragraphs(front), (), fallback_title="")
    return meta.title or None, meta.date


@lru_cache(maxsize=4)  # a file's block is read for its title and date, then for its speakers
def _front_fields(fence: str, body: str) -> dict | None:
    """A front matter block's fields (keys lower-cased), or None when it is not valid YAML (or TOML)."""
    try:
        data = tomllib.loads(body) if fence == "+++" else yaml.safe_load(body)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError):  # ValueError: a date YAML cannot make (2024-13-45)
        return None
    return {str(k).lower(): v for k, v in data.items()} if isinstance(data, dict) else None


def _front_matter(text: str) -> dict[str, str]:
    """`title` and `date` of a front matter block, as text. Read as YAML (or TOML), so a quoted
    title that runs over two lines or holds escapes reads as written; line by line when the
    block is not valid."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}
    data = _front_fields(m.group("fence"), m.group("body"))
    if data is not None:
        fields = {k: v for k, v in data.items() if k in ("title", "date")}
        return {k: v.isoformat() if isinstance(v, (datetime.date, datetime.datetime)) else str(v)
                for k, v in fields.items() if isinstance(v, (str, int, float, datetime.date))}
    return {f.group("key").lower(): f.group("value").strip("'\"") for f in _FRONT_FIELD.finditer(m.group("body"))}


def front_matter_fields(text: str) -> dict | None:
    """Every field of a YAML (or TOML) front matter block, keys lower-cased; None without a valid one."""
    m = _FRONT_MATTER.match(text)
    return _front_fields(m.group("fence"), m.group("body")) if m else None


def front_matter_speakers(text: str) -> tuple[str, ...]:
    """The speakers a YAML front matter block lists (`speakers: ["Ada Brook", "Tomas Ines"]`)."""
    m = _FRONT_MATTER.match(text)
    data = _front_fields(m.group("fence"), m.group("body")) if m else None
    listed = data.get("speakers") if data is not None else None
    return tuple(str(n).strip() for n in listed if isinstance(n, str) and n.strip()) if isinstance(listed, list) else ()


def opening_names(text: str, turns: tuple[Turn, ...]) -> tuple[str, ...]:
    """The people an opening names before anyone speaks ("Tomas R. Ines, interviewer"): whom a
    label of initials (`TRI:`) may stand for."""
    return tuple(dict.fromkeys(m.group() for m in _OPENING_NAME.finditer(text, *_opening(text, turns))))


def _opening(text: str, turns: tuple[Turn, ...]) -> tuple[int, int]:
    """Where the opening's list of people may stand: after any front matter, before anyone speaks."""
    first = next((t.start for t in turns if t.role != "narrator"), 0)
    return front_matter_end(text), min(first, _HEADER_MAX)


# A name the opening gives with the letters its speaker is labelled by: `Lars Holm (LHM)`.
# Its names may be spelt beyond ASCII (`Zoë Ines (ZI)`).
_NAME_THEN_LETTERS = re.compile(r"(?P<name>[A-Z][^\W\d_]+(?:[ \t]+(?:[A-Z]\.|[A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?)){1,3})"
                                r"[ \t]*\((?P<letters>[A-Z]{2,5})\)")


def opening_letters(text: str, turns: tuple[Turn, ...]) -> dict[str, str]:
    """The labels an opening's list of people spells out (`Mark S. Vale (MV)`: `MV` is Mark S.
    Vale), whatever letters they are made of; a label given to two names is neither's."""
    pairs = [(m.group("letters"), m.group("name")) for m in _NAME_THEN_LETTERS.finditer(text, *_opening(text, turns))]
    names: dict[str, set[str]] = {}
    for letters, name in pairs:
        names.setdefault(letters, set()).add(name)
    return {letters: next(iter(n)) for letters, n in names.items() if len(n) == 1}


def _front_date(front: dict[str, str]) -> str | None:
    if "date" not in front:
        return None
    dates = full_dates(front["date"])
    return dates[0].iso if dates else None
