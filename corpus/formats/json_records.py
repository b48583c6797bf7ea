"""What a record (JSON, or XML read into fields) says about itself: its date and its title, in its own
fields or in a block of metadata beside the words (`{"metadata": {"hearing_date": ...}, "transcript": [...]}`)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Iterator

from ..dates import full_dates

_DIGITS = re.compile(r"((?:19|20)\d\d)(\d\d)(\d\d)")
_SLASHED = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)")
_ISO_DATE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})(?:$|[T ]|\s)")
# A field whose name ends in "date" says when; one made, changed or fetched by a program dates the
# file, never the words.
_DATED = re.compile(r"(?i:(?:^|[\s_-])date(?:[\s_-]?time)?)$|[a-z]Date(?:Time)?$")
_FILE_DATES = re.compile(r"^(?:created|modified|updated|fetched|retrieved|downloaded|scraped|crawled|uploaded|"
                         r"processed|generated|indexed|last)", re.IGNORECASE)


def blocks(doc: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The record, then each object one level inside it (its metadata)."""
    yield doc
    yield from (v for v in doc.values() if isinstance(v, dict))


def record_date(doc: Any, keys: tuple[str, ...], any_date_field: bool = False) -> str | None:
    """The first date (ISO) among `keys` of the record or its metadata; with `any_date_field`, then
    any other field named as a date that no program set (`hearing_date`, not `created_date`)."""
    if not isinstance(doc, dict):
        return None
    for block in blocks(doc):
        for key in keys:
            found = _iso(block.get(key))
            if found:
                return found
    if any_date_field:
        for block in blocks(doc):
            for key, value in block.items():
                if isinstance(key, str) and _DATED.search(key) and not _FILE_DATES.match(key):
                    found = _iso(value)
                    if found:
                        return found
    return None


def record_title(doc: Any) -> str | None:
    """The record's `title`, or its metadata's; else a name of two words or more the metadata gives
    (`"committee_name": "Standing Committee on Education"`)."""
    if not isinstance(doc, dict):
        return None
    for block in blocks(doc):
        if isinstance(block.get("title"), str) and block["title"].strip():
            return block["title"].strip()
    for block in list(blocks(doc))[1:]:
        for key, value in block.items():
            if (isinstance(key, str) and key.lower().endswith("name") and isinstance(value, str)
                    and len(value.split()) >= 2):
                return value.strip()
    return None


def _iso(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    m = _ISO_DATE.match(value + " ")
    if m:
        return m.group(1)
    dates = full_dates(value)
    return dates[0].iso if dates else _numeric(value)


def _numeric(value: str) -> str | None:
    """`22/03/2020` or `03/22/2020` where only one reading is a date (a day past 12 tells which), and
    `20200322`; `03/04/2020` could be either, and is left undated."""
    m = _DIGITS.fullmatch(value.strip())
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = _SLASHED.fullmatch(value.strip())
        if not m:
            return None
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        readings = {(b, a), (a, b)} if a != b else {(a, b)}
        valid = [(mo, d) for mo, d in readings if 1 <= mo <= 12 and 1 <= d <= 31]
        if len(valid) != 1:
            return None
        month, day = valid[0]
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


__all__ = ["blocks", "record_date", "record_title"]
