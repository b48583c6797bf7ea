"""PDF, read with pypdf: each page's text, its running headers, footers and page numbers set
aside, the lines joined into paragraphs (`corpus.pagination`).

Segments carry the PDF page (its index + 1, which is what a PDF viewer shows) and the
line within that page's extracted text. A PDF without a text layer (a scan), one locked
with a password or one pypdf cannot parse is refused with the reason.
"""

from __future__ import annotations

import io
import logging
from contextlib import contextmanager

from ..errors import DecodeError
from ..metadata import front_matter_facts
from ..pagination import paginate_pages
from . import Reading

_GENERIC_TITLES = (".doc", ".docx", ".pdf", ".rtf", ".odt", "untitled")


def read(data: bytes, name: str) -> Reading:
    if b"%PDF-" not in data[:1024]:
        raise DecodeError("it is not a PDF (no %PDF- header), whatever its name says")
    with _quiet():
        pages, doc_title = _pages(data)
    if not pages:
        raise DecodeError("it is a PDF without pages")
    if not any(p.strip() for p in pages):
        raise DecodeError("it is a scanned PDF with no text layer; run OCR first")
    paged = paginate_pages(pages)
    if not paged.text.strip():
        raise DecodeError("its pages hold only headers, footers and page numbers")
    title, date = front_matter_facts(paged.front_matter)
    if _names_the_document(doc_title):
        title = doc_title
    kind = "line-numbered, " if paged.line_numbered else ""
    count = f"{len(pages)} page{'s' if len(pages) > 1 else ''}"
    return Reading(format=f"pdf ({kind}{count})", text=paged.text, segments=paged.segments,
                   title=title, date=date, set_aside=paged.set_aside)


def _pages(data: bytes) -> tuple[list[str], str]:
    """Each page's text, and the title the document's properties state ("" when none)."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DecodeError("it is a password-protected PDF; save a copy without the password and read that")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
        return pages, (info.title or "").strip() if info else ""
    except DecodeError:
        raise
    except DependencyError:
        raise DecodeError("it is an encrypted PDF this installation cannot open; save a copy without "
                          "encryption and read that") from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
            AssertionError, OSError) as exc:
        raise DecodeError(f"it is not a PDF that can be read ({type(exc).__name__}: {str(exc)[:80]})") from None


@contextmanager
def _quiet():
    """pypdf logs a warning for every defect it repairs while reading; the reader's verdict
    (read, or refused with the reason) is what a person needs."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _names_the_document(title: str) -> bool:
    """A title stated in the PDF's properties, unless it is a file name or a placeholder."""
    lowered = title.lower()
    return len(title.split()) >= 2 and not any(g in lowered for g in _GENERIC_TITLES)
