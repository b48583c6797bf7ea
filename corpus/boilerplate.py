"""Page furniture that is not part of what was said.

Such paragraphs stay in the text (offsets still point into the original file) but
no turn or chunk includes them.
"""

from __future__ import annotations

import re

_PATTERNS = [
    # Pagination: "1  2  3  ...  11  >", "< 1 2 3 >", "Page 2 of 5".
    r"[<‹«]?\s*(?:\d+\s+){2,}\d*\s*(?:[>›»]|next\b.*)?",
    r"page\s+\d+\s+(?:of|/)\s+\d+",
    # Previous/next navigation, possibly empty: "Pre:    Next:".
    r"(?:pre|prev|previous)\s*[:：].{0,120}\bnext\s*[:：].{0,120}",
    r"(?:previous|next)\s+(?:article|post|page)(?:\s*[:：].{0,120})?",
    # Link farms appended by scrapers: "The Links:   3HAC12649-1 3BDZ000398R1".
    r"(?:the\s+)?(?:related\s+)?links?\s*:.*",
    # Language switchers, sharing and print widgets.
    r"read\s+(?:it\s+)?in\s+(?:chinese|english|french|spanish|russian|arabic)",
    r"(?:share|print|email|font\s*size)(?:\s*[:|/]\s*\w*)*",
    r"(?:share\s+(?:this|on)|follow\s+us|subscribe\b|download\s+(?:the|our)\s+app|click\s+here).{0,120}",
    r"(?:editor|source|responsible\s+editor)\s*[:：]\s*\S+(?:\s+\S+){0,6}",
    r"(?:copyright|©).{0,100}",
    r".{0,60}all\s+rights\s+reserved.{0,60}",
    # Self-promotion of summarising bots: "I'm PortAI, I can summarize articles."
    r"i[’']?m\s+\w+,\s+i\s+can\s+summari[sz]e\s+articles?\.?",
    # A bare date stamp: "2024.10.23 08:58", "2023-03-02".
    r"\d{4}[./-]\d{1,2}[./-]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?",
]
_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
# Breadcrumbs: "ㄑ Press Room ㄑ Press Conference Transcripts ㄑ ..."
_CRUMB = re.compile(r"[ㄑ>›»/|]")
_PRODUCT_CODE = re.compile(r"\b(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9-]{8,}\b")


def is_boilerplate(paragraph: str) -> bool:
    line = paragraph.strip()
    if not line:
        return True
    if _BOILERPLATE.fullmatch(line):
        return True
    words = line.split()
    if len(words) <= 20 and len(_CRUMB.findall(line)) >= 2 and not re.search(r"[.?!:]\s*$", line):
        return True
    # A line made mostly of part numbers is link spam even without a label.
    codes = _PRODUCT_CODE.findall(line)
    return bool(words) and len(codes) >= 2 and len(codes) >= 0.5 * len(words)
