"""Paragraphs and lines of a transcript, as a reader counts them.

A paragraph is a blank-line separated block when the block is hard-wrapped prose,
otherwise each non-blank line: several of the real transcripts put one paragraph
on each line with no blank line between them. Hard-wrapped prose that marks its
paragraphs by indenting their first line, with no blank line between them (printed
hearings and records, typescript), is split before each indented line.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

_LINE = re.compile(r"[^\n]*\n?")
# A Markdown page's attributes on a line of their own (`{:.small-caps}`, kramdown's): they style the
# paragraph beside them, are never shown, and part it from the lines around it as a blank line would.
ATTRIBUTE_LINE = re.compile(r"^[ \t]*\{:[^{}\n]*\}[ \t]*$", re.MULTILINE)
_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣*+-]|\d+[.)])\s")
_INDENT = re.compile(r"[ \t\u00a0]*")
_ENDS_SENTENCE = re.compile(r"[.!?:;][\"”’)\]]*\s*$")


@dataclass(frozen=True)
class Paragraph:
    number: int  # 1-based, in reading order
    start: int  # first non-space character
    end: int  # one past the last non-space character


# Reading a file asks for its paragraphs twice (its turns, its times) and chunking twice more (its
# chunks, their sentences), each pair one after the other: the last two texts' are kept.
@lru_cache(maxsize=2)
def paragraphs(text: str) -> tuple[Paragraph, ...]:
    spans: list[tuple[int, int]] = []
    blocks = _blocks(text)
    captions = _caption_lines(text, blocks)
    for block in (part for whole in blocks for part in _by_first_line_indent(text, whole)):
        if captions or _is_wrapped(text, block):
            spans.append(strip_span(text, block[0][0], block[-1][1]))
        else:
            spans.extend(strip_span(text, s, e) for s, e in block)
    return tuple(Paragraph(i + 1, s, e) for i, (s, e) in enumerate(spans) if e > s)


def blank_line_within(text: str, start: int, end: int) -> bool:
    """Whether a line of nothing but spaces lies between offsets `start` and `end`, as between blocks."""
    return any(not line.strip() for line in text[start:end].split("\n")[1:-1])


class LineIndex:
    """Maps a character offset to its 1-based line number."""

    def __init__(self, text: str):
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)


def paragraph_at(paras: tuple[Paragraph, ...], offset: int) -> Paragraph | None:
    """The paragraph containing `offset`, or the last one starting before it."""
    starts = [p.start for p in paras]
    i = bisect.bisect_right(starts, offset) - 1
    return paras[i] if i >= 0 else (paras[0] if paras else None)


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        s, e = m.start(), m.end()
        blank = not text[s:e].strip()
        if not blank and not (text[s] in " \t{" and ATTRIBUTE_LINE.match(text, s, e - (text[e - 1] == "\n"))):
            current.append((s, e))
            continue
        if current:
            blocks.append(current)
            current = []
        if not blank:  # an attributes line: a block of its own
            blocks.append([(s, e)])
    if current:
        blocks.append(current)
    return blocks


def _by_first_line_indent(text: str, block: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """`block` split before each line indented past the rest, where that is how it marks its
    paragraphs: the line before an indented one ends a sentence, a flush-left line mostly
    carries on one. Lines that are each a paragraph end sentences everywhere, and a hanging
    indent carries a sentence on into its indented lines, so neither is split."""
    if len(block) < 3 or not any(text[s] in " \t\u00a0" for s, _ in block[1:]):
        return [block]  # no line after the first is indented: most blocks, and nothing to split
    indents = [_INDENT.match(text, s, e).end() - s for s, e in block]
    base = min(indents)
    opens = [i for i in range(1, len(block)) if indents[i] >= base + 2]
    flush = [i for i in range(1, len(block)) if indents[i] < base + 2]
    if len(opens) < 2 or not flush:
        return [block]
    ends = [bool(_ENDS_SENTENCE.search(text, s, e)) for s, e in block]
    if sum(ends[i - 1] for i in opens) < 0.75 * len(opens) or sum(not ends[i - 1] for i in flush) < 0.5 * len(flush):
        return [block]
    cuts = [0, *opens, len(block)]
    return [block[a:b] for a, b in zip(cuts, cuts[1:])]


def _is_wrapped(text: str, block: list[tuple[int, int]]) -> bool:
    # Hard-wrapped prose: every line but the last is of similar, modest width and
    # no line starts a bullet. One-paragraph-per-line text has long or short lines.
    if len(block) < 2:
        return False
    widths = [len(text[s:e].rstrip()) for s, e in block[:-1]]
    if max(widths) > 100 or min(widths) < 30:
        return _wrapped_at_length(text, block, widths)
    return not any(_BULLET.match(text[s:e]) for s, e in block[1:])


def _wrapped_at_length(text: str, block: list[tuple[int, int]], widths: list[int]) -> bool:
    """A long run of lines wrapped a little wider, or with a few short lines where a caption broke early
    (`... , 2021.` / `I'm Ada Brook from ...`): nearly every line of a modest width, most of them ending
    inside a sentence, none a bullet or a speaker's opening. Text a paragraph a line ends its lines with
    its sentences."""
    if len(block) < _CAPTION_LINES:
        return False
    fitting = sum(_WRAP_NARROWEST <= w <= _WRAP_WIDEST for w in widths)
    if fitting < _WRAP_SHARE * len(widths):
        return False
    if any(_LIST_ITEM.match(text[s:e]) or _OPENS_AS_SPOKEN.match(text, s, e) or MARKED_LINE.match(text, s, e)
           for s, e in block):
        return False  # a line opened by a time (`[1374.4s] ...`) is a cue of its own, not wrapped prose
    run_on = sum(not _ENDS_SENTENCE.search(text, s, e) for s, e in block[:-1])
    return run_on >= _WRAP_RUN_ON * len(widths)


_WRAP_NARROWEST, _WRAP_WIDEST = 30, 110  # characters of a wrapped line
MARKED_LINE = re.compile(r"[ \t]*\[[^\]\n]{1,20}\]")  # a mark in brackets opening a line: `[1374.4s]`, `[00:01:02]`
_LIST_ITEM = re.compile(r"^\s*(?:[•·▪●◦‣*+-]|\d{1,2}[.)])\s")  # a bullet or an item's number; "1934. This" wraps a year
_WRAP_SHARE = 0.95  # of a block's lines, at least, that wide
_WRAP_RUN_ON = 0.5  # of its lines, at least, ending inside a sentence


_CAPTION_WIDTH = 64  # characters a caption's line holds at most (broadcast captions: 32 to 42, some to 60)
_CAPTION_LINES = 12  # lines a text needs before its widths say anything
_CAPTION_RUN_ON = 0.35  # share of a caption text's lines that end inside a sentence
# A line that opens as a speaker's (`>> `, `Q `, `A. `, `Name: `, `MR. SMITH: `): a text with one is not taken whole.
_OPENS_AS_SPOKEN = re.compile(r"[ \t]*(?:>>|Q[.:]?[ \t]|A[.:][ \t]|[^\s:]{1,30}(?:[ \t][^\s:]{1,30}){0,3}:[ \t])")


def _caption_lines(text: str, blocks: list[list[tuple[int, int]]]) -> bool:
    """Whether the text is captions saved with no times and no speakers: every line narrow, a sentence
    running on over a line break in a good share of them ("Can we please stop / counting the boats
    now?"), and no line opening as a speaker's. Its lines are where the screen ran out, not where anyone
    paused, so each block is one paragraph of what was said."""
    lines = [(s, e) for block in blocks for s, e in block]
    if len(lines) < _CAPTION_LINES:
        return False
    if any(len(text[s:e].strip()) > _CAPTION_WIDTH for s, e in lines):
        return False
    if any(_OPENS_AS_SPOKEN.match(text, s, e) or _BULLET.match(text[s:e]) for s, e in lines):
        return False
    inner = [(s, e) for block in blocks for s, e in block[:-1]]  # a block's last line ends its paragraph anyway
    run_on = sum(not _ENDS_SENTENCE.search(text, s, e) for s, e in inner)
    return run_on >= _CAPTION_RUN_ON * max(1, len(inner))


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """`start, end` moved inward past any whitespace at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
