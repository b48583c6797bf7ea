"""The lines of a paginated document, and the line numbers printed before them.

A court or hearing transcript numbers the lines of every page, 1 to 25 or so,
starting again on each page; most print the number before the line, some (as a PDF's text
extraction may give it) after. A number counts as a line number only inside such a
run: consecutive lines numbered 1, 2, 3, ... with nothing unnumbered between them
(blank lines aside). A lone number elsewhere is a page number, a figure of speech or
the start of a sentence, and is left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_NUMBERED = re.compile(r"[ \t]*(\d{1,2})(?:([ \t]+)(.*))?\Z")
_TRAILING = re.compile(r"(.*?\S)[ \t]+(\d{1,2})[ \t]*\Z")
_ENDS_IN_NUMBER = re.compile(r"\S[ \t]+\d{1,2}[ \t]*$", re.MULTILINE)
_SAMPLE = 400  # lines looked at first for numbers after the words
_TRAILING_SHARE = 0.4  # ... of which at least this share must end in one before all lines are tried
_PRINTED_WIDTH = 120  # characters of a printed page's line, on average, at the most
_MIN_HEADED = 3  # pages whose first line opens with the same words, at the least, for those words to be a header
_HEADED_SHARE = 0.6  # ... and more than this share of the pages
_HEADER_WORDS = 8  # words of a running header, at most
_MIN_RUN = 3  # a page with fewer numbered lines is not evidence of numbering
_NUMBERED_SHARE = 0.6  # lines in runs, at least, of those from the first run to the last
_SPANNED_SHARE = 0.5  # lines from the first run to the last, at least, of the whole document
_MAX_STRAYS = 2  # unnumbered lines a run of numbers may hold, where its next number follows on


@dataclass(frozen=True)
class Piece:
    """One line of the document, or the part of one that a form feed or a cut footer leaves."""

    line: int  # 1-based line of the file (for a PDF: of its page's extracted text)
    text: str  # the line as written; after `strip_numbers`, its words without number or edge spaces
    chunk: int  # 0-based index of the page-sized stretch it lies in
    numbered: bool = False  # a printed line number was removed
    indent: int = 0  # spaces before the words (after the line number, when there is one)
    joined: bool = False  # the rest of a line whose earlier part is the piece before it

    def in_chunk(self, chunk: int) -> Piece:
        """This piece in another page-sized stretch; built directly, since `dataclasses.replace` costs
        several times as much, on every line of every file."""
        return Piece(self.line, self.text, chunk, self.numbered, self.indent, self.joined)


def pieces_of_text(text: str) -> list[Piece]:
    """Every line of `text`, split at form feeds; `chunk` counts the form feeds before it."""
    pieces: list[Piece] = []
    chunk = 0
    for number, line in enumerate(text.split("\n"), 1):
        parts = line.rstrip("\r").split("\f")
        for k, part in enumerate(parts):
            if k:
                chunk += 1
            if part or len(parts) == 1:  # the empty side of a form feed is no blank line
                pieces.append(Piece(number, part, chunk))
    return pieces


def pieces_of_pages(pages: list[str]) -> list[Piece]:
    """The lines of each page's text, counted within the page; `chunk` is the page's index."""
    return [Piece(number, line.rstrip("\r"), index)
            for index, page in enumerate(pages)
            for number, line in enumerate(page.replace("\f", "\n").split("\n"), 1)]


def numbers_first(pieces: list[Piece]) -> list[Piece] | None:
    """The pieces with a line number printed after the words (`sir. 3`) moved before them, where the
    document numbers its lines so and not before them; None where it does not."""
    # The first lines tell: a page's numbered lines are short (most texts' lines are whole paragraphs, and
    # are not scanned at all), and most of them end in a number.
    head = [p.text for p in pieces[:_SAMPLE] if p.text and not p.text.isspace()]
    if not head or sum(map(len, head)) > _PRINTED_WIDTH * len(head):
        return None
    if len(_ENDS_IN_NUMBER.findall("\n".join(head))) < _TRAILING_SHARE * len(head):
        return None
    moved = []
    for p in pieces:
        m = _TRAILING.match(p.text)
        moved.append(Piece(p.line, f"{m.group(2)} {m.group(1)}", p.chunk, p.numbered, p.indent, p.joined) if m else p)
    return moved


def number_runs(pieces: list[Piece]) -> list[list[int]]:
    """Indexes of the pieces in each run of printed line numbers 1, 2, 3, ..., in order."""
    runs: list[list[int]] = []
    current: list[int] = []
    expected = 0
    chunk = None
    strays = 0  # unnumbered lines since the run's last numbered one
    for i, piece in enumerate(pieces):
        if piece.chunk != chunk:
            current, expected, chunk = [], 0, piece.chunk
        if not piece.text.strip():
            continue  # blank lines between numbered ones are the extraction's, not the page's
        m = _NUMBERED.match(piece.text)
        n = int(m.group(1)) if m else -1
        # After stray lines, a number alone is the next page's number (`26` after page 25's footer), not its line.
        if current and n == expected and (not strays or (m.group(3) or "").strip()):
            current.append(i)
            expected += 1
            strays = 0
        elif n == 1:
            current = [i]
            runs.append(current)
            expected, strays = 2, 0
        elif current and strays < _MAX_STRAYS:
            # The end of a numbered line too long for the converter's width, set on a line of its own
            # ("appointed", "16"): the numbering goes on after it.
            strays += 1
        else:
            current, expected = [], 0
    return [run for run in runs if len(run) >= _MIN_RUN]


def is_line_numbered(pieces: list[Piece], runs: list[list[int]]) -> bool:
    """Most lines from the first run of line numbers to the last sit in runs, on more than one page or
    on one long one, and those runs hold most of the document. What follows the last run unnumbered (a
    word index, which may fill a tenth of a court transcript's lines or more) does not count against it."""
    if not runs:
        return False
    numbered = sum(len(run) for run in runs)
    within = sum(1 for p in pieces[runs[0][0]:runs[-1][-1] + 1] if p.text.strip())
    words = sum(1 for p in pieces if p.text.strip())
    return (numbered >= _NUMBERED_SHARE * within and within >= _SPANNED_SHARE * words
            and (len(runs) >= 2 or numbered >= 10))


def strip_numbers(pieces: list[Piece], runs: list[list[int]]) -> list[Piece]:
    """Pieces with their printed line numbers and edge spaces removed; indents measured."""
    numbered = {i for run in runs for i in run}
    out = []
    for i, piece in enumerate(pieces):
        raw = piece.text.expandtabs(8)
        if i in numbered:
            m = _NUMBERED.match(raw)
            gap, words = m.group(2) or "", m.group(3) or ""
            out.append(Piece(piece.line, words.strip(), piece.chunk, True, len(gap), piece.joined))
        else:  # built directly: `replace` costs several times as much, on every line of every file
            out.append(Piece(piece.line, raw.strip(), piece.chunk, piece.numbered, len(raw) - len(raw.lstrip()),
                             piece.joined))
    return out


def chunks_from_runs(pieces: list[Piece], runs: list[list[int]]) -> list[Piece]:
    """Each run of line numbers is a page: the lines before it (the page's header, the previous
    page's footer) go with it, and whatever follows the last run goes with the last."""
    ends = [run[-1] for run in runs]
    out = []
    page = 0
    for i, piece in enumerate(pieces):
        while page < len(ends) - 1 and i > ends[page]:
            page += 1
        out.append(piece.in_chunk(page))
    return out


def header_run_in(pieces: list[Piece]) -> list[Piece]:
    """The first line of each page split where a running header printed on it ends ("Harbour Reporting
    Service with the Board of ..." on page after page): the header a piece of its own, the words
    after it the rest of the line. A header is the same first words (two or more) opening the first line
    of most pages, at least three."""
    firsts: dict[int, int] = {}
    for i, p in enumerate(pieces):
        if p.numbered and p.text and p.chunk not in firsts:
            firsts[p.chunk] = i
    if len(firsts) < _MIN_HEADED:
        return pieces
    heads = [pieces[i].text.split() for i in firsts.values()]
    need = max(_MIN_HEADED, int(_HEADED_SHARE * len(heads)) + 1)
    prefix: list[str] = []
    for k in range(2, _HEADER_WORDS + 1):
        counts = Counter(tuple(h[:k]) for h in heads if len(h) > k)
        best = counts.most_common(1)
        if not best or best[0][1] < need:
            break
        prefix = list(best[0][0])
    if not prefix:
        return pieces
    said = re.compile(r"[ \t]+".join(map(re.escape, prefix)) + r"[ \t]+")
    out = []
    split = set(firsts.values())
    for i, p in enumerate(pieces):
        m = said.match(p.text) if i in split else None
        if m:
            # The header is at the page's edge, outside its numbered lines: the number is the words' after it.
            out.append(Piece(p.line, p.text[:m.end()].rstrip(), p.chunk, False, p.indent, p.joined))
            out.append(Piece(p.line, p.text[m.end():], p.chunk, p.numbered, p.indent, True))
        else:
            out.append(p)
    return out


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text)


_SPACES = re.compile(r"[ \t\u00a0]+")
