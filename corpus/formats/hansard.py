"""Parliamentary debates in ParlParse XML (`<publicwhip>`, the Hansard of TheyWorkForYou), read with lxml.
An `.xml` file in Akoma Ntoso (`akoma_ntoso`), TEI (`tei`), the Australian Parliament's Hansard (`parlinfo`)
or an OHMS oral-history record (`ohms`) goes to its own reader;
any other XML record with a field of a page's words (`<content><![CDATA[<p>...]]></content>`, a site's
export) is read as that page (`article_json`), its title and date from its other fields.

A `<speech>` names its speaker in attributes; each `<p>` is a paragraph of it.
Hansard is cited by column, so a paragraph's page is the speech's `colnum`, and
its time is the time of day Hansard noted (`time="014:30:00"`), in seconds since
midnight. Speeches without a speaker and italic paragraphs (`rose—`, `Question
put and agreed to.`) are the record's narration. The minor heading
`[Sir X in the Chair]` names the chair, whose speeches are the host's.

The file's internal DTD defines the HTML entities it uses (`&mdash;`); those are
expanded, and nothing outside the file is ever loaded (no external entity, no DTD
fetched, no network).
"""

from __future__ import annotations

import re

from ..assembly import Utterance
from ..cleaning import clean_text, clean_title
from ..errors import DecodeError
from ..decoding import decode_bytes
from . import Reading
from .akoma_ntoso import is_akoma_ntoso, read_akoma_ntoso
from .article_json import article_from
from .ohms import read_ohms
from .parlinfo import is_parlinfo, read_parlinfo
from .tei import is_tei, read_tei
from .xml_names import local_name
from .spoken import name_title, spoken_reading

_HEADINGS = ("major-heading", "minor-heading", "oral-heading")
_CHAIR = re.compile(r"\[\s*(?P<name>[^\[\]]+?)\s+in\s+the\s+Chair\s*\]", re.IGNORECASE)
_BRACKETED = re.compile(r"\[[^\[\]]*\]")
_TIME = re.compile(r"^\s*(\d{1,3}):(\d{2}):(\d{2})\s*$")
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_HONORIFIC = re.compile(r"\b(?:Sir|Dame|Mr|Mrs|Ms|Miss|Dr|Lord|Lady|Madam)\b\.?", re.IGNORECASE)


def _page_record(root, data: bytes, name: str) -> Reading | None:
    """A record whose elements are fields, one of them a page's words, read as that page."""
    if root is None:
        return None
    fields: dict[str, str] = {}
    for element in root.iter():
        field = local_name(element)
        if field is not None and len(element) == 0 and element.text and element.text.strip():
            fields.setdefault(field, element.text.strip())
    text, encoding = decode_bytes(data)
    return article_from(fields, text, name, "xml", encoding, opens="<{}", record="XML")


def read(data: bytes, name: str) -> Reading:
    from lxml import etree

    if is_akoma_ntoso(data[:4000]):
        debate = read_akoma_ntoso(data, name, "akoma-ntoso")
        if debate is not None:
            return debate
    if b"<transcript>" in data:  # an oral history's record, not a debate
        text, encoding = decode_bytes(data)
        ohms = read_ohms(text, "ohms", encoding)
        if ohms is not None:
            return ohms

    parser = etree.XMLParser(resolve_entities="internal", load_dtd=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        detail = (getattr(exc, "msg", None) or str(exc)).splitlines()[0][:120]
        raise DecodeError(f"it is not well-formed XML ({detail})") from None
    if is_tei(root):
        return read_tei(root, name)
    if is_parlinfo(root):
        return read_parlinfo(root, name)
    if root is None or root.tag != "publicwhip":
        page = _page_record(root, data, name)
        if page is not None:
            return page
        tag = getattr(root, "tag", None)
        raise DecodeError(f"it is XML but not a debate this reads (root <{tag}>; read are ParlParse <publicwhip>, "
                          "Akoma Ntoso <debate>, the Australian Parliament's <hansard>, TEI, OHMS oral histories and a record with a page's words in "
                          "<content>, <body>, ...)")

    utterances: list[Utterance] = []
    title = date = chair = None
    for element in root:
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        date = date or _date(element.get("id", ""))
        if element.tag in _HEADINGS:
            heading = clean_text("".join(element.itertext()))
            if not heading:
                continue
            m = _CHAIR.search(heading)
            chair = _name_words(m.group("name")) if m else chair
            title = title or clean_title(_BRACKETED.sub("", heading).strip(" -–—:")) or None
            utterances.append(_narration(heading, element, after=utterances))
        elif element.tag == "speech":
            utterances.extend(_speech(element, chair, after=utterances))
    return spoken_reading("hansard", utterances, title=title or name_title(name), date=date)


def _speech(speech, chair: frozenset[str] | None, after: list[Utterance]) -> list[Utterance]:
    speaker = None if speech.get("nospeaker") == "true" else clean_text(speech.get("speakername") or "") or None
    role = "host" if speaker and chair and _name_words(speaker) <= chair else None
    time, page = _seconds(speech.get("time", "")), _column(speech.get("colnum", ""))
    blocks = [c for c in speech if isinstance(c.tag, str)] or [speech]
    out: list[Utterance] = []
    for block in blocks:
        words = " ".join("".join(block.itertext()).split())
        if not words:
            continue
        if speaker is None or "italic" in (block.get("class") or "").split():
            # Hansard prints a stage direction after the member's name: "Several hon. Members rose—".
            if speaker and words[:1].islower():
                words = f"{speaker} {words}"
            out.append(_narration(words, block, after=[*after, *out], time=time, page=page))
        else:
            out.append(Utterance(words, block.sourceline or speech.sourceline or 1, speaker,
                                 time=(time, time) if time is not None else None, page=page,
                                 paragraph=True, role=role))
    return out


def _narration(words: str, element, after: list[Utterance], time: float | None = None,
               page: int | None = None) -> Utterance:
    follows_narration = bool(after) and after[-1].role == "narrator"
    return Utterance(words, element.sourceline or 1, None, change=not follows_narration,
                     time=(time, time) if time is not None else None,
                     page=page if page is not None else _column(element.get("colnum", "")),
                     paragraph=True, role="narrator")


def _name_words(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _HONORIFIC.sub(" ", name).split())


def _seconds(value: str) -> float | None:
    m = _TIME.match(value)
    if not m:
        return None  # "unknown"
    return float(int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3)))


def _column(value: str) -> int | None:
    return int(value) if value.strip().isdigit() else None


def _date(element_id: str) -> str | None:
    m = _DATE.search(element_id)
    return m.group(1) if m else None
