"""Plain text and Markdown: indexed as the file holds them, unless the file is paginated.

The speaker layouts are found in the text afterwards. Times written beside labels
(`[00:01:23] Name:`, `**Name:** \\[12:21\\]`) become segments, so turns and
citations carry them. A paginated text (numbered lines, form feeds, running page
footers) is indexed as its words without that furniture, one paragraph per
stretch of speech, with segments leading back to the file's lines and pages. Captions
saved as text, a time alone on its line every minute or so or a time span opening every
line, and chat logs, a time and a nick before every message, are read as cues
(`caption_log`, `chat_log`); speech-to-text JSON, a page saved as JSON and a table of utterances under a
header (`table`) are read as such.
"""

from __future__ import annotations

from pathlib import PurePath

from ..decoding import decode_bytes
from ..metadata import front_matter_facts
from ..pagination import paginate_text
from ..timestamps import time_marks
from . import Reading
from .caption_log import (read_caption_log, read_field_lines, read_tab_rows, read_time_closed_lines,
                          read_timed_lines)
from .chat_log import read_chat_log
from .front_field import read_front_transcript
from .ohms import read_ohms
from .akoma_ntoso import is_akoma_ntoso, read_akoma_ntoso
from .article_json import read_article_json
from .speech_json import read_embedded
from .table import read_table


def read(data: bytes, name: str) -> Reading:
    text, encoding = decode_bytes(data)
    fmt = "markdown" if PurePath(name).suffix.lower() in (".md", ".markdown") else "text"
    # A chat log's lines open with a time too (`[16:02] <ada> ...`): its senders are looked for first.
    log = (read_caption_log(text, fmt, encoding) or read_chat_log(text, fmt, encoding)
           or read_timed_lines(text, name, fmt, encoding) or read_time_closed_lines(text, name, fmt, encoding)
           or read_field_lines(text, name, fmt, encoding)
           or read_tab_rows(text, name, fmt, encoding) or read_table(text, name, fmt, encoding)
           or read_embedded(text, name, fmt, encoding) or read_article_json(text, name, fmt, encoding)
           or read_ohms(text, fmt, encoding) or read_front_transcript(text, name, fmt, encoding)
           or _debate(data, text, name, fmt))
    if log is not None:
        return log
    paged = paginate_text(text)
    if paged is None:
        return Reading(format=fmt, text=text, segments=time_marks(text), encoding=encoding)
    title, date = front_matter_facts(paged.front_matter)
    kind = "line-numbered" if paged.line_numbered else "paginated"
    count = f"{paged.pages} page{'s' if paged.pages != 1 else ''}"
    return Reading(format=f"{fmt} ({kind}, {count})", text=paged.text, segments=paged.segments,
                   title=title, date=date, encoding=encoding, set_aside=paged.set_aside)


def _debate(data: bytes, text: str, name: str, fmt: str) -> Reading | None:
    """An Akoma Ntoso debate saved as text, read as the XML it is."""
    if not text.lstrip()[:1] == "<" or not is_akoma_ntoso(data[:4000]):
        return None
    return read_akoma_ntoso(data, name, fmt)
