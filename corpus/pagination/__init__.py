"""Paginated documents: a court transcript with numbered lines, a text cut into pages by form
feeds or page footers, the pages of a PDF.

Line numbers, running headers and footers, page numbers, the front matter before
anyone speaks (cover, caption, appearances, contents) and, in a line-numbered
transcript, the unnumbered pages after the record (a word index) are furniture:
they are cut out, each recorded as set aside, and the lines left are joined into
paragraphs (`corpus.pagination.reflow`). Segments map every kept line back to its
line and page. A printed line number is removed, never the words after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..records import Segment, SetAside
from .furniture import find_furniture, form, page_number_lines
from .lines import (Piece, chunks_from_runs, collapse_spaces, header_run_in, is_line_numbered, number_runs, numbers_first,
                    pieces_of_pages, pieces_of_text, strip_numbers)
from .markers import Marked, cut_page_markers
from .reflow import is_label_line, opens_turn, reflow

_WORD = re.compile(r"[^\W_]+")  # a rule of dashes is no words
_EDITOR_MARK = re.compile(r"\[+[ \t]*(?:page|pg|p)\.?[ \t]+\w*\d+[ \t]*\]+", re.IGNORECASE)
_SPARSE = 0.5  # a page before the first speaker with less than this share of a usual page's words is front matter


@dataclass(frozen=True)
class Paged:
    """The words of a paginated document, laid out for the speaker parser."""

    text: str
    segments: tuple[Segment, ...]
    set_aside: tuple[SetAside, ...]
    line_numbered: bool
    pages: int
    front_matter: str  # the front matter's lines, for the title and date it states


def paginate_text(text: str) -> Paged | None:
    """The words of `text` without page furniture, or None when nothing shows it is paginated:
    not line numbers on most lines, nor form feeds, nor page numbers repeated page after page."""
    pieces = pieces_of_text(text)
    pieces, runs, numbered = _numbered(pieces)
    form_fed = len({p.chunk for p in pieces}) > 1
    pieces = strip_numbers(pieces, runs if numbered else [])
    if numbered:
        pieces = header_run_in(chunks_from_runs(pieces, runs))
    marked = cut_page_markers(pieces)
    if marked:
        pieces = marked.pieces
    marker_pages = None
    if not (numbered or form_fed):
        if marked:
            # Where nothing else marks the pages, the markers do: each ends a page, or starts one.
            pieces = _split(pieces, marked.breaks)
            marker_pages = _opens_pages(pieces, marked.breaks)
        else:
            lines = page_number_lines(pieces, is_label_line)
            if not lines:
                return None
            opens = _opens_pages(pieces, lines) or _inserted_marks([pieces[i].text for i in lines])
            pieces = _split(pieces, lines if opens else [i + 1 for i in lines])
    return _clean(pieces, marked, numbered, printed_pages=True, marker_pages=marker_pages)


def paginate_pages(pages: list[str]) -> Paged:
    """The words of a document given page by page (a PDF's), furniture removed; segments carry
    each page's index + 1 and the line within that page's text."""
    pieces = pieces_of_pages(pages)
    pieces, runs, numbered = _numbered(pieces)
    pieces = strip_numbers(pieces, runs if numbered else [])
    marked = cut_page_markers(pieces)
    if marked:
        pieces = marked.pieces
    return _clean(pieces, marked, numbered, printed_pages=False, wrapped=True)


def _numbered(pieces: list[Piece]) -> tuple[list[Piece], list[list[int]], bool]:
    """(the pieces, their runs of line numbers, whether the document is line-numbered), the numbers
    printed after the words moved before them where the document prints them so."""
    runs = number_runs(pieces)
    if is_line_numbered(pieces, runs):
        return pieces, runs, True
    moved = numbers_first(pieces)
    if moved is not None:
        after = number_runs(moved)
        if is_line_numbered(moved, after):
            return moved, after, True
    return pieces, runs, False


def _opens_pages(pieces: list[Piece], marks: list[int]) -> bool:
    """Whether page marks before these pieces open their pages (a header) rather than close them:
    few words stand before the first one."""
    words = [len(_WORD.findall(p.text)) for p in pieces]
    between = sorted(sum(words[a:b]) for a, b in zip(marks, marks[1:])) or [0]
    return sum(words[:marks[0]]) < _SPARSE * between[len(between) // 2]


def _inserted_marks(texts: list[str]) -> bool:
    """Whether the page marks are an editor's, bracketed and naming the page (`[[Page H2041]]`,
    `[Page 12]`): inserted where a printed page begins, as star paging marks it, never a footer."""
    return all(_EDITOR_MARK.fullmatch(t.strip()) for t in texts)


def _split(pieces: list[Piece], starts: list[int]) -> list[Piece]:
    """Pages cut before each of `starts` (piece indexes)."""
    cuts = sorted(set(starts))
    out, page = [], 0
    for i, piece in enumerate(pieces):
        while page < len(cuts) and cuts[page] <= i:
            page += 1
        out.append(piece.in_chunk(page))
    return out


def _clean(pieces: list[Piece], marked: Marked | None, numbered: bool, printed_pages: bool,
           wrapped: bool | None = None, marker_pages: bool | None = None) -> Paged:
    """The document's words without its furniture. `marker_pages`: the `Page N of M` markers are
    what cut the pages, opening them (True) or closing them (False); None when pages are known
    otherwise."""
    found = find_furniture(pieces, is_label_line)
    reasons, numbers = dict(found.reasons), dict(found.numbers)
    if marked:
        alone = {form(h) for h in marked.headers}
        reasons.update({i: "page header" for i, p in enumerate(pieces) if p.text and form(p.text) in alone})
        for k, cut in enumerate(marked.cuts):
            numbers[cut.chunk if marker_pages is None else k + marker_pages] = cut.page
    if numbered:
        pieces = _cover(pieces, reasons)
        reasons.update(_back_matter(pieces, reasons))
    chunks = sorted({p.chunk for p in pieces})
    words = {c: 0 for c in chunks}
    for i, p in enumerate(pieces):
        if i not in reasons:
            words[p.chunk] += len(_WORD.findall(p.text))
    if printed_pages:
        pages = _printed(chunks, numbers)
    else:
        pages = {c: c + 1 for c in chunks}
    front = _front_matter(pieces, reasons, chunks, words, numbered)
    # In the order of the document (a PDF's lines are counted page by page).
    aside = [(i, SetAside(p.line, collapse_spaces(p.text), reasons[i])) for i, p in enumerate(pieces) if i in reasons]
    aside += [(i, SetAside(pieces[i].line, collapse_spaces(pieces[i].text), "front matter")) for i in front]
    if marked:
        aside += [(at - 0.5, SetAside(c.line, c.text, "page footer")) for c, at in zip(marked.cuts, marked.breaks)]
    kept = _without_page_breaks(pieces, set(reasons) | set(front))
    text, segments = reflow(kept, pages, wrapped)
    return Paged(text=text, segments=segments, set_aside=tuple(a for _, a in sorted(aside, key=lambda a: a[0])),
                 line_numbered=numbered, pages=len({pages[p.chunk] for p in pieces if p.text} - {None}),
                 front_matter="\n".join(pieces[i].text for i in sorted(front)))


def _without_page_breaks(pieces: list[Piece], removed: set[int]) -> list[Piece]:
    """The pieces not removed, less the blank lines around what was: a page break is no
    paragraph break (a turn runs on to the next page), so only blank lines within a page count."""
    kept: list[Piece] = []
    gap: list[Piece] = []
    furniture = False
    for i, piece in enumerate(pieces):
        if i in removed or not piece.text:
            furniture = furniture or i in removed
            if i not in removed:
                gap.append(piece)
            continue
        if not furniture:
            kept.extend(gap)
        kept.append(piece)
        gap, furniture = [], False
    return kept


def _cover(pieces: list[Piece], reasons: dict[int, str]) -> list[Piece]:
    """In a line-numbered document, the unnumbered lines before the first page's header are a
    cover page of their own."""
    first = [i for i, p in enumerate(pieces) if p.chunk == pieces[0].chunk]
    header = next((i for i in first if i in reasons or pieces[i].numbered), None)
    if header is None or not any(pieces[i].text for i in first if i < header):
        return pieces
    return [replace(p, chunk=-1) if i < header else p for i, p in enumerate(pieces)]


def _back_matter(pieces: list[Piece], reasons: dict[int, str]) -> dict[int, str]:
    """In a line-numbered transcript, the unnumbered lines after the last numbered one (a word
    index, a reporter's certificate page) are no part of the record."""
    last = max((i for i, p in enumerate(pieces) if p.numbered), default=len(pieces))
    return {i: "back matter" for i, p in enumerate(pieces) if i > last and p.text and i not in reasons}


def _printed(chunks: list[int], numbers: dict[int, int]) -> dict[int, int | None]:
    """Chunk -> the page number printed on it, else counted on from the last printed one (back
    from the first, before it); none for a cover before page 1."""
    if not numbers:
        return {c: n + 1 for n, c in enumerate(c for c in chunks if c >= 0)} | {-1: None}
    pages: dict[int, int | None] = {}
    first = min(numbers)
    last: tuple[int, int] | None = None  # (chunk, its page) of the last chunk with a printed number
    for c in chunks:
        if c in numbers:
            last = (c, numbers[c])
            pages[c] = numbers[c]
        elif c < 0:
            pages[c] = None
        else:
            guess = last[1] + c - last[0] if last else numbers[first] - (first - c)
            pages[c] = guess if guess >= 1 else None
    return pages


def _front_matter(pieces: list[Piece], reasons: dict[int, str], chunks: list[int], words: dict[int, int],
                  numbered: bool) -> list[int]:
    """The lines of the pages before anyone speaks (a cover, the caption, the appearances, the
    contents): indexes into `pieces`. A court reporter labels every turn, so in a line-numbered
    transcript every page before the first label is front matter; elsewhere only sparse pages
    are, lest an unlabelled opening speech be taken for a title page."""
    speaking = next((p.chunk for i, p in enumerate(pieces) if i not in reasons and opens_turn(p.text)), None)
    if speaking is None:
        return []
    body = sorted(words[c] for c in chunks if c >= speaking)
    usual = body[len(body) // 2]
    front = set()
    for c in chunks:
        if c >= speaking or (not numbered and words[c] >= _SPARSE * usual):
            break
        front.add(c)
    return [i for i, p in enumerate(pieces) if p.chunk in front and i not in reasons and p.text]


__all__ = ["Paged", "paginate_pages", "paginate_text"]
