"""`Page N of M` markers, alone on a line or glued into a sentence by a PDF-to-text converter.

A converter that drops line breaks leaves each page's footer and the next page's
header inside whatever sentence runs across the page break:
`... the rate Page 2 of 12<date> <title> will rise ...`. The marker itself is easy to
find; what sits around it is learned from the document: the text that follows (or
precedes) the marker identically at every page break is the running header (or
footer), and is cut out with the marker. The words on either side are rejoined
with one space.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from .lines import Piece

_MARKER = re.compile(r"\b[Pp]age\s+(\d{1,4})\s+of\s+(\d{1,4})|\bPAGE\s+(\d{1,4})\s+OF\s+(\d{1,4})")
_MIN_LEARN = 3  # page breaks that must agree before the text around them counts as furniture
_MAX_CONTEXT = 200


@dataclass(frozen=True)
class Cut:
    """Furniture cut out of one line: a `Page N of M` marker and its running header or footer."""

    line: int
    text: str
    page: int  # the N of the marker
    chunk: int  # the page-sized stretch of the line it was cut from


@dataclass(frozen=True)
class Marked:
    pieces: list[Piece]  # the pieces with every marker cut out
    cuts: list[Cut]
    breaks: list[int]  # for each cut, the index in `pieces` of the first piece after it
    headers: tuple[str, ...]  # the learned running header/footer texts, to drop where they stand alone


def cut_page_markers(pieces: list[Piece]) -> Marked | None:
    """The pieces with `Page N of M` markers cut out, or None when the document has no such run."""
    # A marker holds "age" or "AGE": the other lines are not scanned.
    found = [(i, m) for i, p in enumerate(pieces) if "age" in p.text or "AGE" in p.text
             for m in _MARKER.finditer(p.text)]
    if len(found) < 2:
        return None
    total = Counter(_groups(m)[1] for _, m in found).most_common(1)[0][0]
    kept, last = [], 0
    for i, m in found:
        n, of = _groups(m)
        if of == total and last < n <= total:  # page numbers only go up
            kept.append((i, m))
            last = n
    if len(kept) < max(2, total // 2):
        return None
    after = _common_prefix([pieces[i].text[m.end():] for i, m in kept])
    before = _common_prefix([pieces[i].text[:m.start()][::-1] for i, m in kept])[::-1]
    by_piece: dict[int, list[re.Match]] = {}
    for i, m in kept:
        by_piece.setdefault(i, []).append(m)
    out: list[Piece] = []
    cuts: list[Cut] = []
    breaks: list[int] = []
    for i, piece in enumerate(pieces):
        if i not in by_piece:
            out.append(piece)
            continue
        text, pos, joined = piece.text, 0, piece.joined
        for m in by_piece[i]:
            start = m.start() - len(before) if before and text[:m.start()].endswith(before) else m.start()
            end = m.end() + len(after) if after and text.startswith(after, m.end()) else m.end()
            start = max(start, pos)
            left = text[pos:start].strip()
            if left:
                out.append(replace(piece, text=left, joined=joined))
                joined = True
            cuts.append(Cut(piece.line, " ".join(text[start:end].split()), _groups(m)[0], piece.chunk))
            breaks.append(len(out))
            pos = end
        right = text[pos:].strip()
        if right:
            out.append(replace(piece, text=right, joined=joined))
    headers = tuple(h for h in (" ".join(before.split()), " ".join(after.split())) if h)
    return Marked(out, cuts, breaks, headers)


def _groups(m: re.Match) -> tuple[int, int]:
    n, of = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    return int(n), int(of)


def _common_prefix(texts: list[str]) -> str:
    """The text every non-empty one of `texts` starts with, cut back to a word boundary; empty
    unless enough page breaks agree."""
    texts = [t for t in texts if t.strip()]
    if len(texts) < _MIN_LEARN:
        return ""
    prefix = texts[0][:_MAX_CONTEXT]
    for t in texts[1:]:
        n = 0
        while n < min(len(prefix), len(t)) and prefix[n] == t[n]:
            n += 1
        prefix = prefix[:n]
    # The last word may be only the shared start of different words ("FINAL the" of "then", "there").
    while prefix and not prefix[-1].isspace() and any(len(t) > len(prefix) and not t[len(prefix)].isspace()
                                                      for t in texts):
        prefix = prefix[:-1]
    return prefix if re.search(r"\w", prefix) else ""
