"""The lines of a paginated document, and the line numbers printed before them.

A court or hearing transcript numbers the lines of every page, 1 to 25 or so,
starting again on each page. A number counts as a line number only inside such a
run: consecutive lines numbered 1, 2, 3, ... with nothing unnumbered between them
(blank lines aside). A lone number elsewhere is a page number, a figure of speech or
the start of a sentence, and is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBERED = re.compile(r"[ \t]*(\d{1,2})(?:([ \t]+)(.*))?\Z")
_MIN_RUN = 3  # a page with fewer numbered lines is not evidence of numbering
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
    """Most lines sit in runs of line numbers, on more than one page or on one long one."""
    words = sum(1 for p in pieces if p.text.strip())
    numbered = sum(len(run) for run in runs)
    return bool(runs) and numbered >= 0.6 * words and (len(runs) >= 2 or numbered >= 10)


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


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text)


_SPACES = re.compile(r"[ \t\u00a0]+")
