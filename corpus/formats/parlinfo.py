"""The Australian Parliament's Hansard XML (`<hansard>`, the schema ParlInfo publishes every
sitting day in, 1901 on), read with lxml.

`<session.header>` gives the day and the chamber. Each `<debate>` and `<subdebate.N>` opens with
its title (`<debateinfo>`), read as the record's narration. A `<speech>`, `<question>`,
`<answer>`, `<interjection>` or `<continue>` names its speaker in `<talk.start><talker>` (the
printed `<name role="display">`, else the metadata name) with the page (`<page.no>`) and time of day
(`<time.stamp>`); its paragraphs (`<para>`, or the `<p>` of a later year's `<talk.text>`) are that
speaker's, and an interjection inside a speech is the interjector's. A paragraph outside any
speech is narration, but for what the record prints as someone's words after a line that gives
them the floor in capitals ("The CHAIRMAN said-", "HIS EXCELLENCY was pleased to deliver the
following speech: -"): those are that speaker's, up to the next title or speech, or a line of the
record closing them ("... having retired,"). A division's lists (ayes, noes, pairs) are narration, its
count and names in a paragraph each. Nothing outside the file is ever loaded.
"""

from __future__ import annotations

import re

from ..assembly import Utterance
from ..cleaning import clean_text, clean_title
from . import Reading
from .spoken import name_title, spoken_reading
from .xml_names import local_name

_SPEAKING = frozenset("speech question answer interjection continue".split())
_TITLED = frozenset("debateinfo subdebateinfo".split())
_PARAGRAPHS = frozenset("para p".split())
_SKIPPED = frozenset("session.header talker name.id".split())
_VOTES = frozenset("ayes noes pairs".split())  # a division's lists: its count and the names in it
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?")
# A line of the record giving someone the floor: the speaker in capitals, then "said -" or "... speech: -".
_GIVES_THE_FLOOR = re.compile(
    r"(?P<name>(?:The\s+|His\s+|Her\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})\s+"
    r"(?:said|was\s+pleased\s+to\s+deliver\s+the\s+following\s+speech|spoke\s+as\s+follows)\s*[:]?\s*[-–—:]\s*")
_CAPITALS = re.compile(r"\b[A-Z]{2,}\b")


def is_parlinfo(root) -> bool:
    return root is not None and local_name(root) == "hansard" and any(
        local_name(e) == "session.header" for e in root)


def read_parlinfo(root, name: str) -> Reading:
    header = next(e for e in root if local_name(e) == "session.header")
    date = _field(header, "date")
    walk = _Walk(_page(_field(header, "page.no")))
    for element in root:
        if isinstance(element.tag, str) and local_name(element) != "session.header":
            walk.visit(element, speaker=None)
    return spoken_reading("hansard", walk.utterances, title=walk.title or name_title(name),
                          date=date if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None)


class _Walk:
    def __init__(self, page: int | None) -> None:
        self.utterances: list[Utterance] = []
        self.page = page  # the last page number met: a title's or a talker's gives the page from there on
        self.title: str | None = None
        self.floor: str | None = None  # who a line of the record gave the floor to

    def visit(self, element, speaker: str | None, time: float | None = None) -> None:
        tag = local_name(element)
        if tag is None or tag in _SKIPPED:
            return
        if tag in _TITLED:
            self.floor = None
            self.page = _page(_field(element, "page.no")) or self.page
            heading = clean_text(" ".join(_text(e) for e in element if local_name(e) == "title"))
            if heading:
                self.title = self.title or clean_title(heading.strip(" -–—:")) or None
                self._narration(heading, element, time)
            return
        if tag in _SPEAKING:
            self.floor = None
            talker = next((e for e in element.iter() if local_name(e) == "talker"), None)
            if talker is not None:
                speaker = _talker_name(talker) or speaker
                self.page = _page(_field(talker, "page.no")) or self.page
                time = _seconds(_field(talker, "time.stamp")) or time
        if tag in _PARAGRAPHS:
            self._paragraph(element, speaker, time)
            return
        if tag in _VOTES:
            words = " ".join(" ".join(element.itertext()).split())
            if words:
                self._narration(words, element, time)
            return
        for child in element:
            if isinstance(child.tag, str):
                self.visit(child, speaker, time)

    def _paragraph(self, element, speaker: str | None, time: float | None) -> None:
        words = " ".join(_text(element).split())
        if not words:
            return
        italic = "italic" in (element.get("class") or "")
        if speaker is None and not italic:
            said = _GIVES_THE_FLOOR.fullmatch(words)
            if said and _CAPITALS.search(said.group("name")):
                self.floor = " ".join(said.group("name").split())
                self._narration(words, element, time)
                return
            if self.floor and words.endswith(","):  # "... having retired,": the record speaks again
                self.floor = None
            speaker = self.floor
        if speaker is None or italic:
            self._narration(words, element, time)
            return
        self.utterances.append(Utterance(words, element.sourceline or 1, speaker, page=self.page, paragraph=True,
                                         time=(time, time) if time is not None else None))

    def _narration(self, words: str, element, time: float | None) -> None:
        follows = bool(self.utterances) and self.utterances[-1].role == "narrator"
        self.utterances.append(Utterance(words, element.sourceline or 1, None, change=not follows, page=self.page,
                                         paragraph=True, role="narrator",
                                         time=(time, time) if time is not None else None))


def _talker_name(talker) -> str | None:
    names = {e.get("role") or "": clean_text(_text(e)) for e in talker if local_name(e) == "name"}
    name = names.get("display") or names.get("metadata") or next(iter(names.values()), "")
    return " ".join(name.split()) or None


def _field(element, tag: str) -> str | None:
    found = next((e for e in element if local_name(e) == tag), None)
    return _text(found).strip() or None if found is not None else None


def _text(element) -> str:
    return "".join(element.itertext())


def _page(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _seconds(value: str | None) -> float | None:
    m = _TIME.fullmatch(value or "")
    if not m:
        return None
    return float(int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3) or 0))


__all__ = ["is_parlinfo", "read_parlinfo"]
