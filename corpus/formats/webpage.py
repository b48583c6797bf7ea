"""HTML pages: the page's main text, found by trafilatura, without the site around it.

Navigation, footers, share links and comments are not the transcript; trafilatura
keeps the article. What it leaves out is recorded as set aside, line by line, so
no words disappear unseen. When it finds no main text, the page's visible text is
read instead. Scripts are never run; script and style contents are never text.
A line trafilatura leaves out that is a speaker's label alone (`CHAIR INES.`,
`Ada Brook:`), just before words it kept, is put back before them: pages often set
the speaker in an element of its own, which main-text extraction takes for furniture. A
speaker a page names only in an attribute of the block (`data-speaker`) is made such a label.
The turns are found afterwards by the plain-text speaker layouts, in text with one
paragraph per block, blank-line separated. Each paragraph maps back to the line of
the HTML where its first words stand.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import PurePath

from ..cleaning import clean_title
from ..dates import full_dates
from ..decoding import decode_bytes
from ..errors import DecodeError
from ..names import classify
from ..layout import LineIndex, paragraphs
from ..records import Segment, SetAside
from . import Reading

_PRE = re.compile(r"<pre\b[^>]*>(.*?)</pre\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_PRINTED_SHARE = 0.8  # of a page's words inside its one preformatted block, for it to be read as that text
_TITLE = re.compile(r"<title\b[^>]*>(.{1,300}?)</title\s*>", re.IGNORECASE | re.DOTALL)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_INVISIBLE_BLOCK = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_TAG = re.compile(r"<[^<>]*>")
_BODY = re.compile(r"<body\b", re.IGNORECASE)
_DROPPED = ("script", "style", "noscript", "template", "svg", "head")
_BLOCKS = frozenset("""address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4
    h5 h6 header hr li main nav ol p pre section table td th tr ul""".split())
# An attribute naming who speaks: `data-speaker`, `data-person-speaking-attribution`, `speaker-name`; not
# the speaker's id, type, link or language.
_SPEAKER_ATTRIBUTE = re.compile(r"speak", re.IGNORECASE)
_NOT_A_NAME_ATTRIBUTE = re.compile(r"(?:id|type|url|href|lang|language|role|class|count)$", re.IGNORECASE)
_MIN_ATTRIBUTED = 2  # blocks naming a speaker so that a page is written that way
KEY_WORDS = 6  # a paragraph is found in the HTML by its first words


def read(data: bytes, name: str) -> Reading:
    import trafilatura
    from lxml import etree

    text, encoding = _decode(data)
    if "<" not in text:
        raise DecodeError("it is not an HTML page: it has no markup")
    printed = _preformatted(text, name, encoding)
    if printed is not None:
        return printed
    try:
        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_tables=True)
        visible = _visible_paragraphs(text)
    except (etree.LxmlError, ValueError) as exc:
        raise DecodeError(f"it is not an HTML page this can read ({str(exc).splitlines()[0][:120]})") from None
    main = [ln.strip() for ln in ((doc.text if doc is not None else None) or "").split("\n") if ln.strip()]
    if main:
        main = _with_labels_put_back(main, visible)
    paras = main or visible
    if not paras:
        raise DecodeError("it is an HTML page with no visible text")
    body = "\n\n".join(paras)
    finder = _LineFinder(text)
    segments = []
    at = 0
    for i, para in enumerate(paras):
        line = finder.line_of(para)
        segments.append(Segment(at, at + len(para), line if line is not None else 2 * i + 1))
        at += len(para) + 2
    kept = {" ".join(p.split()) for p in paras}
    outside = _LineFinder(text)
    set_aside = tuple(
        SetAside(outside.line_of(p) or 1, p, "outside the page's main text")
        for p in visible if " ".join(p.split()) not in kept and not any(" ".join(p.split()) in k for k in kept)
    ) if main else ()
    title = clean_title(doc.title) if doc is not None and doc.title else None
    return Reading(format="html", text=body, segments=tuple(segments), title=title or None,
                   date=_dated(_page_title(text)), encoding=encoding,
                   set_aside=tuple(sorted(set_aside, key=lambda s: s.line)))


def _preformatted(text: str, name: str, encoding: str) -> Reading | None:
    """A page that is one preformatted text (`<pre>` holding a printed hearing, lines wrapped at the
    margin and paragraphs told by their indent): read as the plain text it is, its lines cited as the
    file's; None for any other page."""
    blocks = list(_PRE.finditer(text))
    if not blocks:
        return None
    block = max(blocks, key=lambda m: len(m.group(1)))
    inner = html.unescape(_TAG.sub("", block.group(1)))
    outside = html.unescape(_TAG.sub(" ", _INVISIBLE_BLOCK.sub(" ", text[:block.start()] + text[block.end():])))
    if len(inner.split()) < _PRINTED_SHARE * (len(inner.split()) + len(outside.split())):
        return None
    from .plain import read as read_plain

    plain = read_plain(inner.encode("utf-8"), PurePath(name).stem + ".txt")
    shift = text.count("\n", 0, block.start(1))
    if plain.segments:
        segments = tuple(replace(s, line=s.line + shift) for s in plain.segments)
    else:  # the text as the block holds it: each paragraph cites its own line of the file
        lines = LineIndex(plain.text)
        segments = tuple(Segment(p.start, p.end, shift + lines.line_of(p.start)) for p in paragraphs(plain.text))
    title = _page_title(text)
    return Reading(format=f"html (preformatted {plain.format})", text=plain.text, segments=segments,
                   title=plain.title or (clean_title(title) or None if title else None),
                   date=plain.date or _dated(title), encoding=encoding,
                   set_aside=tuple(replace(a, line=a.line + shift) for a in plain.set_aside))


def _page_title(text: str) -> str | None:
    """The page's own `<title>`, as a browser shows it."""
    m = _TITLE.search(text)
    return html.unescape(m.group(1)) if m else None


def _dated(title: str | None) -> str | None:
    """The date a page's own title gives (`... Hansard 2021-02-11`), when it gives one: the record's
    date, where the text may name earlier days first ("on Monday, 8th February")."""
    dates = full_dates(title) if title else []
    return dates[0].iso if len(dates) == 1 else None


def _decode(data: bytes) -> tuple[str, str]:
    try:
        return decode_bytes(data)
    except DecodeError:
        m = _CHARSET.search(data[:4096])
        if not m:
            raise
        charset = m.group(1).decode("ascii")
        try:
            return data.decode(charset), charset
        except (LookupError, UnicodeDecodeError):
            raise DecodeError(f"it is not valid {charset}, the encoding the page declares") from None


def _visible_paragraphs(text: str) -> list[str]:
    """The text a browser would show, one paragraph per block, scripts and styles dropped."""
    import lxml.html

    root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    for element in list(root.iter(*_DROPPED)):
        if element.getparent() is not None:
            element.drop_tree()
    _speakers_as_labels(root)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
            if element.tag != "br":
                element.text = "\n" + (element.text or "")
    return [" ".join(ln.split()) for ln in root.text_content().split("\n") if ln.strip()]


def _speakers_as_labels(root) -> None:
    """Where the page names each block's speaker only in an attribute (`data-speaker="Ada Brook"`,
    `data-person-speaking-attribution="The Chair (Mr. Tomas Ines (Harbour, Ind.))"`), a label of
    that name, alone on its line, opens the block: the words the page shows are then read as the
    speaker layouts read any other labelled text. A block whose words already open with the name
    keeps them as they are."""
    marked = [(element, name) for element in root.iter() if isinstance(element.tag, str)
              for name in [_attributed(element)] if name]
    if len(marked) < _MIN_ATTRIBUTED:
        return
    for element, name in marked:
        if name.lower() in " ".join(element.text_content()[:200].split()).lower():
            continue
        block = element if element.tag in _BLOCKS else element.getparent()
        if block is not None:
            block.text = f"\n{name}:\n" + (block.text or "")


def _attributed(element) -> str | None:
    """The speaker an element's attributes name, without the office and riding in brackets after it."""
    for key, value in element.attrib.items():
        if _SPEAKER_ATTRIBUTE.search(key) and not _NOT_A_NAME_ATTRIBUTE.search(key):
            name = " ".join(value.split("(", 1)[0].split())
            if name and classify(name)[0] in ("person", "title", "reporter"):
                return name
    return None


def _with_labels_put_back(main: list[str], visible: list[str]) -> list[str]:
    """`main` with each speaker's label it left out put back before the paragraph that follows
    the label on the page."""
    keys = [" ".join(p.split()) for p in main]
    out: list[str] = []
    at = 0  # the next main paragraph not yet placed
    waiting: str | None = None
    for line in visible:
        k = next((j for j in range(at, min(at + 3, len(keys))) if line and line in keys[j]), None)
        if k is not None:
            out.extend(main[at:k])
            if waiting is not None and keys[k].startswith(line):
                out.append(waiting)
            at, waiting = k, None
            continue
        waiting = line if _label_alone(line) else None
    return out + main[at:]


def _label_alone(line: str) -> bool:
    """A speaker's label standing alone: a name, title or outlet closed by a colon or full stop."""
    if not line.endswith((":", ".", "：")) or len(line.split()) > 6:
        return False
    kind, _ = classify(line[:-1].strip())
    return kind in ("person", "title", "reporter")


class _LineFinder:
    """Finds the HTML line where a paragraph's first words stand, moving forward through the page."""

    def __init__(self, text: str):
        text = _INVISIBLE_BLOCK.sub(lambda m: "\n" * m.group(0).count("\n"), text)
        body = _BODY.search(text)
        first = text.count("\n", 0, body.start()) if body else 0
        self._lines = [(n + 1, " ".join(html.unescape(_TAG.sub(" ", ln)).split()))
                       for n, ln in enumerate(text.split("\n")) if n >= first]
        self._cursor = 0

    def line_of(self, paragraph: str) -> int | None:
        words = paragraph.split()
        for key in (" ".join(words[:KEY_WORDS]), " ".join(words[:2])):
            for i in range(self._cursor, len(self._lines)):
                if key and key in self._lines[i][1]:
                    self._cursor = i
                    return self._lines[i][0]
        return None
