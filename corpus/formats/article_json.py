"""A page saved as JSON: a feed item, a site's export or a scraper's record, its words in one field.

`{"title": ..., "published": ..., "content": "<p>QUESTION: ...</p>"}`: the words are the longest of the
fields that hold a page's text (`content`, `body`, `summary`, `transcript`, ...), read as the web page
they are when they are markup, else as plain text; the title and the date are the record's own. Every
segment cites the file line where that field is written.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from ..timestamps import time_marks
from . import Reading
from .json_records import record_date

# The fields a record keeps its words in, and its date in (a crawler's `fetched_at` dates no transcript).
TEXT_KEYS = ("content", "content_html", "body", "body_html", "html", "transcript", "text", "summary", "description",
             "article")
DATE_KEYS = ("published", "date", "published_at", "publication_date", "pubDate", "created", "created_at", "issued")
MIN_CHARS = 1000  # fewer, and the field is a caption or a teaser, not the page
_OPENS_OBJECT = re.compile(r"\s*\{")
_MARKUP = re.compile(r"<(?:p|div|br|span|h[1-6]|li|blockquote|strong|em)\b", re.IGNORECASE)


def read_article_json(text: str, name: str, fmt: str, encoding: str) -> Reading | None:
    """The record's page, or None when `text` is no JSON object with a field of a page's words."""
    if not _OPENS_OBJECT.match(text):
        return None
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return None
    return article_from(doc, text, name, fmt, encoding)


def article_from(doc: Any, text: str, name: str, fmt: str, encoding: str, opens: str = '"{}"',
                 record: str = "JSON") -> Reading | None:
    """The page of `doc`, the record `text` holds, or None when it is no object with a field of a page's
    words. `opens`: how the record writes a field's name (`"content"` in JSON, `<content` in XML), to
    find the line its words are on."""
    if not isinstance(doc, dict):
        return None
    fields = [(k, v) for k, v in doc.items() if k in TEXT_KEYS and isinstance(v, str) and len(v) >= MIN_CHARS]
    if not fields:
        return None
    key, words = max(fields, key=lambda kv: len(kv[1]))
    line = _line_of(text, opens.format(key))
    if _MARKUP.search(words):
        from .webpage import read as read_page

        page = read_page(words.encode("utf-8"), name)
        body, segments = page.text, tuple(replace(s, line=line) for s in page.segments)
    else:
        body = words.strip()
        segments = tuple(replace(s, line=line) for s in time_marks(body))
    title = doc.get("title") if isinstance(doc.get("title"), str) else None
    return Reading(format=f"{fmt} (a page saved as {record})", text=body, segments=segments,
                   title=(title or "").strip() or None, date=record_date(doc, DATE_KEYS, any_date_field=True),
                   encoding=encoding)


def _line_of(text: str, written: str) -> int:
    at = text.find(written)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


__all__ = ["article_from", "read_article_json"]
