"""Paragraphs out of a page's lines: the lines of one paragraph joined with single spaces.

A printed page breaks lines wherever the margin falls, and a turn runs on across
lines and pages. A new paragraph starts at a speaker's label (`JUDGE MORROW:`,
`MR. QUINN:`, `CHAIR SMITH.`), at a heading in capitals (`ORAL ARGUMENT OF ...`,
`P R O C E E D I N G S`), after a blank line (unless the text is double-spaced, a blank after
every line), and at a line indented deeper than the text around it. A sentence ending short of
the margin is no sign: a turn's last line and a heading-like cut-off (`which is --`) look alike
there.
Paragraphs are separated by a blank line, so the speaker labels stand at their
starts for the plain-text speaker parser.
"""

from __future__ import annotations

import re
from collections import Counter

from ..labels import asks_or_answers
from ..records import Segment
from .lines import Piece, collapse_spaces

_CAPS_WORD = r"(?:[A-Z][A-Z'’\-]*\.?|[A-Z]\.)"
# "CHIEF JUDGE MORROW:", "MR. QUINN:", "Q:"
_CAPS_LABEL = re.compile(rf"(?:{_CAPS_WORD}[ \t]+){{0,5}}{_CAPS_WORD}[ \t]*:(?=\s|$)")
# "CHAIR SMITH. Thank you." and "MR. SMITH. Yes." : two to four words in capitals (an honorific and
# one word among them) and a full stop.
_STOP_LABEL = re.compile(r"(?:(?:MR|MS|MRS|DR)\.[ \t]+[A-Z][A-Z'’\-]+(?:[ \t]+[A-Z][A-Z'’\-]+){0,2}"
                         r"|[A-Z][A-Z'’\-]+(?:[ \t]+[A-Z][A-Z'’\-]+){1,3})\."
                         r"(?=[ \t]+[\"“]?[A-Z][a-z]|$)")
# "Judge Morrow:", "Senator Smith:": only where the line before ended a sentence.
_NAME_LABEL = re.compile(r"(?:[A-Z][\w'’.\-]*[ \t]+){0,3}[A-Z][\w'’.\-]*[ \t]*:(?=\s|$)")
_ENDS_TURN = re.compile(r"(?:[.?!:]|--|—)[\"”’)\]]*$")  # a sentence, or a speaker cut off
_ASCII_LOWER = re.compile(r"[a-z]")
_LETTER = re.compile(r"[^\W\d_]")
_WRAPPED_WIDTH = 150  # lines wider than this, mostly, are whole paragraphs already
_DEEPER = 2  # spaces of indentation beyond the usual that open a paragraph (the Congressional Record indents two)
_DOUBLE_SPACED_MIN, _DOUBLE_SPACED_SHARE = 20, 0.8  # lines, and the share of them a blank line follows
_PAGE_EVIDENCE = 8  # lines of one indent that set a page's own usual indent
_EXAMINED = 2  # lines opening with `Q.` that make a text an examination


def is_label_line(text: str) -> bool:
    """Whether `text` opens with a speaker label in capitals, colon or full stop."""
    return bool(_CAPS_LABEL.match(text) or _STOP_LABEL.match(text))


def opens_turn(text: str) -> bool:
    """A label in capitals followed by words in ordinary case: someone speaking, not a list heading
    (`APPEARANCES:`, `ORAL ARGUMENT OF: PAGE:`)."""
    m = _CAPS_LABEL.match(text) or _STOP_LABEL.match(text)
    return bool(m) and bool(re.search(r"[a-z]", text[m.end():]))


def is_heading(text: str) -> bool:
    """A line in capitals that is not a label: `ORAL ARGUMENT OF JANE DOE`."""
    if _ASCII_LOWER.search(text):
        return False  # a lower-case letter (the quick answer for most lines)
    letters = _LETTER.findall(text)
    return (len(letters) >= 4 and not any(c.islower() for c in letters) and len(text.split()) >= 2
            and not is_label_line(text) and not re.search(r"[,;:?!]$", text))


def reflow(pieces: list[Piece], pages: dict[int, int | None],
           wrapped: bool | None = None) -> tuple[str, tuple[Segment, ...]]:
    """The text of the kept `pieces` as paragraphs, and one segment per piece (its line and page).

    `pages` maps each piece's chunk to the page number segments carry. `wrapped` says whether
    lines were broken at a margin; None decides it from the line widths.
    """
    lines = [p for p in pieces if p.text]
    widths = sorted(len(p.text) for p in lines) or [0]
    usual = widths[int(0.9 * (len(widths) - 1))]
    if wrapped is None:
        wrapped = usual <= _WRAPPED_WIDTH
    base = _usual_indents(lines)
    double_spaced = _double_spaced(pieces)
    # An examination's `Q.` and `A.` open paragraphs where the text asks that way more than once: elsewhere
    # a line may well begin "A. Philip Randolph".
    examined = sum(asks_or_answers(p.text) == "Q" for p in lines) >= _EXAMINED
    out: list[str] = []
    segments: list[Segment] = []
    pos = 0
    previous: Piece | None = None
    blank = True
    headings: dict[str, bool] = {}  # each line is asked about as itself, then as the line before the next

    def heading(text: str) -> bool:
        if text not in headings:
            headings[text] = is_heading(text)
        return headings[text]

    for piece in pieces:
        if not piece.text:
            blank = not double_spaced
            continue
        words = collapse_spaces(piece.text)
        if previous is not None:
            if (_starts_paragraph(piece, previous, blank, wrapped, base.get(piece.chunk, base[None]), heading)
                    or (examined and not piece.joined and asks_or_answers(piece.text))):
                out.append("\n\n")
                pos += 2
            else:
                out.append(" ")
                pos += 1
        segments.append(Segment(pos, pos + len(words), piece.line, pages.get(piece.chunk)))
        out.append(words)
        pos += len(words)
        previous, blank = piece, False
    return "".join(out), tuple(segments)


def _double_spaced(pieces: list[Piece]) -> bool:
    """Whether a blank line follows nearly every line of words: a typescript set in double spacing,
    whose blank lines say nothing of where a paragraph starts."""
    pairs = blanks = 0
    for a, b in zip(pieces, pieces[1:]):
        if a.text:
            pairs += 1
            blanks += not b.text
    return pairs >= _DOUBLE_SPACED_MIN and blanks >= _DOUBLE_SPACED_SHARE * pairs


def _usual_indents(lines: list[Piece]) -> dict[int | None, int]:
    """The indent most lines have, page by page (key: the page's chunk) and over the whole text
    (key None). Typesetting can move a page's text column: a court reporter's pages of one day
    may set it three or four spaces apart, so a paragraph's deeper first line is deeper than
    its own page's lines, not always than the document's."""
    overall = Counter(p.indent for p in lines)
    base: dict[int | None, int] = {None: overall.most_common(1)[0][0] if overall else 0}
    by_page: dict[int, Counter] = {}
    for p in lines:
        by_page.setdefault(p.chunk, Counter())[p.indent] += 1
    for chunk, counts in by_page.items():
        indent, n = counts.most_common(1)[0]
        if n >= _PAGE_EVIDENCE:
            base[chunk] = indent
    return base


def _starts_paragraph(piece: Piece, previous: Piece, blank: bool, wrapped: bool, base: int,
                      heading=is_heading) -> bool:
    if piece.joined:
        return False
    if blank or not wrapped:
        return True
    text, before = piece.text, previous.text
    if is_label_line(text) or heading(text) != heading(before):
        return True
    if _NAME_LABEL.match(text) and _ENDS_TURN.search(before):
        return True
    # Deeper than the page's lines: a paragraph's first line, after a line less deep, or after one as deep
    # that ended a sentence (a paragraph of one line: `  In favor, Your Honor.` / `  The CHIEF JUSTICE. ...`).
    return piece.indent >= base + _DEEPER and (
        piece.indent > previous.indent or piece.indent == previous.indent and bool(_ENDS_TURN.search(before)))
