"""Running headers, footers and page numbers: lines repeated at the edges of most pages.

A line counts as furniture when, with its numbers ignored (`Page 7` and `Page 8` are
one line), it stands among the first or last few lines of most pages. Nothing is
known in advance of any source; what repeats is learned from the document itself.
A repeated line whose number goes up by one from page to page is the page number.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable

from .lines import Piece, collapse_spaces

_ZONE = 4  # lines at the top and at the bottom of a page where furniture stands
_BARE_NUMBER = re.compile(r"[^\w#]*#[^\w#]*")  # "12", "- 12 -", "[12]"
_PAGE_WORD = re.compile(r"\b(?:page|pg|p)\b", re.IGNORECASE)
_NOT_PAGE = re.compile(r"#\s*[:./]\s*#")  # times and dates
_DIGIT = re.compile(r"\d")  # what `form` writes "#" for
_SHRINKS = "0123456789 \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"  # what `form` may drop of an ASCII line
_PAGE_LIKE_LONGEST = 80  # characters of a page number's line, as `form` writes it
_LONGEST = 150  # characters of a running header or footer
_MIN_SPACING = 10  # lines between two page numbers when nothing else tells where pages end


@dataclass(frozen=True)
class Furniture:
    reasons: dict[int, str]  # piece index -> "page header", "page footer" or "page number"
    numbers: dict[int, int]  # chunk -> the page number printed on it


def form(text: str) -> str:
    """A line as furniture is compared: numbers ignored, spaces collapsed."""
    return re.sub(r"\d+", "#", collapse_spaces(text.strip()))


def find_furniture(pieces: list[Piece], is_label: Callable[[str], bool]) -> Furniture:
    """The lines standing at the edges of most pages, and the page number printed on each page."""
    forms = [form(piece.text) for piece in pieces]  # each line's, once: it is asked for again and again
    chunks: dict[int, list[int]] = defaultdict(list)
    for i, piece in enumerate(pieces):
        chunks[piece.chunk].append(i)
    seen: Counter[str] = Counter()  # pages with the line among their edge lines
    inside: Counter[str] = Counter()
    everywhere: Counter[str] = Counter()
    tops: list[set[str]] = []
    bottoms: list[set[str]] = []
    for members in chunks.values():
        zone = _zone(pieces, members)
        seen.update({forms[i] for i in zone})
        inside.update(forms[i] for i in zone)
        # An unnumbered line between a page's numbered ones is the end of a numbered line too long for the
        # converter's width ("appointed", "16"): said on the page, but no evidence of speech like it.
        span = _numbered_span(pieces, members)
        everywhere.update(forms[i] for i in members
                          if pieces[i].text and (span is None or pieces[i].numbered or not span[0] < i < span[1]))
        if zone:
            tops.append({forms[zone[0]]})
            bottoms.append({forms[zone[-1]]})
    pages = sum(1 for members in chunks.values() if any(pieces[i].text for i in members))
    repeated = {f for f, n in seen.items()
                if n >= max(3, (pages + 1) // 2) or (n >= 2 and n >= pages - 1 and "#" in f)}
    # With only two or three pages, the line opening (or closing) every one of them is furniture too.
    if len(tops) >= 2:
        repeated |= set.intersection(*tops) | set.intersection(*bottoms)
    # A line that is said in the middle of pages as well ("Thank you.") is speech, wherever it stands.
    repeated = {f for f in repeated if len(f) <= _LONGEST and everywhere[f] - inside[f] <= inside[f] // 4}
    furniture = {i for members in chunks.values() for i in _zone(pieces, members)
                 if forms[i] in repeated and not is_label(pieces[i].text)}
    footer_forms, opening = set(), {}
    for chunk, members in chunks.items():
        content = [i for i in members if pieces[i].text and i not in furniture]
        if content:
            opening[chunk] = content[0]
            footer_forms.update(forms[i] for i in members if i > content[-1] and i in furniture)
    reasons = {}
    for i in furniture:
        f = forms[i]
        reasons[i] = ("page number" if _BARE_NUMBER.fullmatch(f)
                      else "page footer" if f in footer_forms else "page header")
    numbers = _page_numbers(pieces, sorted(furniture), footer_forms, opening)
    return Furniture(reasons, numbers)


def page_number_lines(pieces: list[Piece], is_label: Callable[[str], bool]) -> list[int]:
    """Lines that number the pages of a document with no other sign of its pages: a short line
    repeated with a number that goes up by one each time, spaced like pages."""
    by_form: dict[str, list[int]] = defaultdict(list)
    for i, piece in enumerate(pieces):
        if "#" not in piece.text and not _DIGIT.search(piece.text):
            continue  # its form has no "#" (most lines: no number, nothing to compare)
        if _form_longer(piece.text, _PAGE_LIKE_LONGEST):
            continue  # a line of speech, too long to number a page
        f = form(piece.text)
        if "#" in f and _page_like(f) and not is_label(piece.text):
            by_form[f].append(i)
    best: list[int] = []
    for f, members in by_form.items():
        if len(members) < 3 or len(members) <= len(best):
            continue
        gaps = sorted(b - a for a, b in zip(members, members[1:]))
        if gaps[len(gaps) // 2] >= _MIN_SPACING and _counting_position([pieces[i].text for i in members]) is not None:
            best = members
    return best


def _form_longer(text: str, limit: int) -> bool:
    """Whether `form(text)` is surely longer than `limit`, told without making it: it keeps every
    character but whitespace and digits, which are `_SHRINKS` in ASCII; every other character
    (two bytes or more in UTF-8) is counted as if it went too."""
    beyond_ascii = 0 if text.isascii() else len(text.encode("utf-8", "surrogatepass")) - len(text)
    return len(text) - beyond_ascii - sum(map(text.count, _SHRINKS)) > limit


def _page_like(f: str) -> bool:
    if len(f) > _PAGE_LIKE_LONGEST or f.count("#") > 2 or _NOT_PAGE.search(f):
        return False
    words = re.findall(r"[^\W\d_]+", f)
    return bool(_BARE_NUMBER.fullmatch(f) or _PAGE_WORD.search(f) or len(words) >= 3)


def _numbered_span(pieces: list[Piece], members: list[int]) -> tuple[int, int] | None:
    """The first and last of a page's numbered lines, None on a page without line numbers."""
    numbered = [i for i in members if pieces[i].numbered]
    return (numbered[0], numbered[-1]) if numbered else None


def _zone(pieces: list[Piece], members: list[int]) -> list[int]:
    # In a line-numbered document the unnumbered lines before and after the page's numbered ones are
    # its edges; one between them is the end of a numbered line too long for the converter's width.
    lines = [i for i in members if pieces[i].text and not pieces[i].numbered]
    span = _numbered_span(pieces, members)
    if span:
        return [i for i in lines if i < span[0] or i > span[1]]
    return sorted(set(lines[:_ZONE] + lines[-_ZONE:]))


def _page_numbers(pieces: list[Piece], furniture: list[int], footer_forms: set[str],
                  opening: dict[int, int]) -> dict[int, int]:
    """Chunk -> printed page number, read from the repeated line whose number counts the pages.

    A footer met before a page's first words was left there by the page before (where a
    page begins was found from line numbers, or from the numbers themselves)."""
    by_form: dict[str, list[int]] = defaultdict(list)
    for i in furniture:
        by_form[form(pieces[i].text)].append(i)
    best: dict[int, int] = {}
    for members in by_form.values():
        texts = [pieces[i].text for i in members]
        position = _counting_position(texts)
        if position is None or len(members) <= len(best):
            continue
        found: dict[int, list[int]] = defaultdict(list)
        footer = form(texts[0]) in footer_forms
        for i, text in zip(members, texts):
            chunk = pieces[i].chunk
            if footer and i < opening.get(chunk, len(pieces)):
                chunk -= 1
            found[chunk].append(int(re.findall(r"\d+", text)[position]))
        best = _counted_on(found)
    return best


def _counted_on(found: dict[int, list[int]]) -> dict[int, int]:
    """Chunk -> its page number: of the numbers found on it (a blank line's number left alone on an index
    page counts as well), the one after the page before's, else the first."""
    numbers: dict[int, int] = {}
    last = None
    for chunk in sorted(found):
        candidates = found[chunk]
        numbers[chunk] = last + 1 if last is not None and last + 1 in candidates else candidates[0]
        last = numbers[chunk]
    return numbers


def _counting_position(texts: list[str]) -> int | None:
    """Which number of these lines (same form) goes up by one from each to the next, mostly."""
    numbers = [[int(n) for n in re.findall(r"\d+", t)] for t in texts]
    if len(numbers) < 2 or not numbers[0]:
        return None
    for position in range(len(numbers[0])):
        values = [ns[position] for ns in numbers]
        steps = [b - a for a, b in zip(values, values[1:])]
        if sum(1 for s in steps if s == 1) >= 0.75 * len(steps):
            return position
    return None
