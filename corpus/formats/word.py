"""Word documents (.docx), read with python-docx: paragraphs and tables, in document order.

A transcript kept as a two-column table (speaker, words) becomes `Name: words`
paragraphs, so the plain-text speaker layouts find its turns like any other.
Lines are counted in the text written here; a .docx has no lines of its own.
"""

from __future__ import annotations

import io
import re

from ..cleaning import clean_title
from ..errors import DecodeError
from . import Reading

LABEL_WORDS = 6  # a first cell longer than this is words, not a speaker
_SENTENCE_END = re.compile(r"[.!?…]\s*$")


def read(data: bytes, name: str) -> Reading:
    import docx
    from docx.table import Table

    if not data.startswith(b"PK"):
        raise DecodeError("it is not a Word .docx document (a .docx is a zip package)")
    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        for item in document.iter_inner_content():
            blocks.extend(_table_rows(item) if isinstance(item, Table) else [item.text])
        title = document.core_properties.title
    except Exception as exc:  # a damaged package can fail anywhere inside python-docx or lxml
        raise DecodeError(f"it is not a Word document this can read ({type(exc).__name__}: "
                          f"{(str(exc).splitlines() or [''])[0][:100]})") from None
    paras = [b.strip() for b in blocks if b.strip()]
    if not paras:
        raise DecodeError("it is a Word document with no text")
    return Reading(format="docx", text="\n\n".join(paras), title=clean_title(title or "") or None)


def _table_rows(table) -> list[str]:
    rows = []
    for i, row in enumerate(table.rows):
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):  # a merged cell repeats in every column it spans
                cells.append(text)
        if len(cells) == 2 and _is_label(cells[0]) and not (i == 0 and _is_heading(cells)):
            rows.append(f"{cells[0].rstrip(':：')}: {cells[1]}")
        elif cells:
            rows.append(" | ".join(cells))
    return rows


def _is_heading(cells: list[str]) -> bool:
    """A first row such as `Speaker | Text` names the columns; it is not a turn."""
    return all(len(c.split()) <= 2 and not re.search(r"[.!?,;:]$", c) for c in cells)


def _is_label(cell: str) -> bool:
    return len(cell.split()) <= LABEL_WORDS and not _SENTENCE_END.search(cell)
