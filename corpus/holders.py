"""Who holds a title a label gives instead of a name: `THE COURT`, `The President`, `MR CHAIRMAN`.

A court reporter labels the judge `THE COURT`, and a meeting's record labels its chair `The
President:` or `MR CHAIRMAN:`. The record names the person once, where it says who presides: a
court's caption ("Before: HON. ADA BROOK, District Judge"), a list of members ("President: Mr.
Vale"), a committee's opening ("Hon. Tomas Berg [chairman of the subcommittee] presiding", "Ms.
Ines in the Chair"). A question naming that person ("what did Judge Brook say about ...") asks
for the label's words.
"""

from __future__ import annotations

import re

from .names import ADDRESS_WORDS, OFFICE_WORDS, PRESIDING_WORDS, TITLE_WORDS, classify
from .records import Transcript

_NAME = (r"(?:(?:HON|Hon|MR|Mr|MS|Ms|MRS|Mrs|DR|Dr)\.?\s+)?[A-Z][A-Za-z'’-]+"
         r"(?:[ \t]+(?:[A-Z]\.|[A-Z][A-Za-z'’-]+)){0,3}")
# "Before: HON. ADA BROOK", "BEFORE THE HONORABLE ADA R. BROOK": the judge a court's caption names.
_BEFORE = re.compile(rf"(?i:\bbefore)\s*:?\s*(?:(?i:the)\s+)?(?i:hon(?:\.|orable))\s+(?P<name>{_NAME})")
# "Hon. Tomas Berg [chairman of the subcommittee] presiding", "Ms. Ines in the Chair".
_PRESIDING = re.compile(rf"(?P<name>{_NAME})(?:,?\s*[\[(][^\])\n]{{0,80}}[\])])?,?\s+(?:presiding\b|in\s+the\s+[Cc]hair\b)")
_COURT_WORDS = frozenset("court judge".split())
# Who presides, and a meeting's President; "officer" alone (of "presiding officer") names no chair.
_CHAIR_WORDS = (PRESIDING_WORDS | {"president"}) - {"officer"}
_TITLE_ONLY = ADDRESS_WORDS | _COURT_WORDS | _CHAIR_WORDS | {"of", "the"}
_SAYS_ROLE = TITLE_WORDS | OFFICE_WORDS | _COURT_WORDS | _CHAIR_WORDS


def title_holders(t: Transcript) -> dict[str, str]:
    """Each label of `t` that is a title alone ("THE COURT", "The President"), with the name of who
    holds it where the record says so: the judge a court's caption names, the name set after the
    title and a colon, the one said to preside."""
    titles = {s: words for s in {u.speaker for u in t.turns if u.speaker} if (words := _title_words(s))}
    if not titles:
        return {}
    # A page's number set aside between a caption's lines ("BEFORE THE" / "9" / "HONORABLE ...") parts nothing.
    text = "\n".join((t.text, *(a.text for a in t.set_aside if a.reason != "page number")))
    out: dict[str, str] = {}
    for label, words in titles.items():
        found = []
        if words & _COURT_WORDS:
            found += [m.group("name") for m in _BEFORE.finditer(text)]
        if words & _CHAIR_WORDS:
            heads = [w for w in words if w in _CHAIR_WORDS | TITLE_WORDS]
            after = re.compile(rf"(?i:\b(?:{'|'.join(map(re.escape, heads))}))\s*:\s*(?P<name>{_NAME})")
            found += [m.group("name") for m in after.finditer(text)]
            found += [m.group("name") for m in _PRESIDING.finditer(text)]
        names = list(dict.fromkeys(n for n in map(_person, found) if n))
        if len(names) == 1:  # two people said to preside: the record does not say which one a turn is
            out[label] = names[0]
    return out


def _title_words(label: str) -> frozenset[str]:
    """The words of a label that is a title alone, lower-cased; empty for any other label."""
    words = frozenset(w.strip(",.:()").lower() for w in label.split())
    return words if words and words <= _TITLE_ONLY and words & _SAYS_ROLE else frozenset()


def _person(found: str) -> str | None:
    """The name `found` reads as, without a title before it; None when it is no one's."""
    name = re.sub(r"^(?i:hon(?:\.|orable))\s+", "", " ".join(found.split()))
    kind, named = classify(name)
    return named if kind == "person" and named and not _title_words(name) else None


__all__ = ["title_holders"]
