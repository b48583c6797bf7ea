"""Lists a speaker counts off ("First, ... Second, ... Third, ..."), and a question asking for one item.

Briefings and speeches list their measures one by one: "Second, we will cut the fees.", "The third
is to open the pier.", "4. Extend the night ferries." A question asking for "the second measure" or
"the fourth task" asks for the sentence that opens that item; its other words match every item of
the list alike, so the number is what tells them apart. The ordinal words are English's own, like
the stopwords (`words`), not any corpus's.
"""

from __future__ import annotations

import re

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_ORDINAL = "|".join(ORDINALS)
# Where an ordinal counts off something other than a list: a period ("the second half", "the first
# quarter", "the first three quarters"), a time ("for the first time", "the second day"), a rank in a
# count ("the third largest").
_NOT_AN_ITEM = (r"\s+(?:half|halves|quarters?|time|times|round|term|day|week|month|year|session|reading|hand"
                r"|place|largest|biggest|highest|lowest|smallest|most|least"
                r"|(?:\w+\s+)?(?:months|quarters|years|days|weeks))\b")
# "Second, ...", "Secondly, ...", "The second is ...", "The second aspect of work is ...", "2. ...", "(2) ...".
_OPENS = re.compile(
    rf"^\W*(?:(?:the\s+)?(?P<word>{_ORDINAL})(?:ly)?\b(?!{_NOT_AN_ITEM})"
    r"(?:\s*[,:;—–-]|(?:\s+[a-z]+){0,3}\s+(?:is|are|was)\b|\s+one\b)"
    r"|\(?(?P<digit>[1-9]|10)[.)、]\s)", re.IGNORECASE)
_ASKED = re.compile(rf"\b(?P<word>{_ORDINAL})\b(?!{_NOT_AN_ITEM})", re.IGNORECASE)


def opens_item(sentence: str) -> int:
    """The number of the list item a sentence opens (2 for "Second, ..."), 0 for none."""
    m = _OPENS.match(sentence)
    if not m:
        return 0
    if m.group("word"):
        return ORDINALS.index(m.group("word").lower()) + 1
    return int(m.group("digit"))


def asked_item(question: str) -> int:
    """The number of the list item a question asks for ("What was the fourth measure ...?": 4), 0 for none.
    "First" is left out: in a question it far more often means the earliest ("the first step the city
    took") than the first of a list, and preferring "First, ..." sentences for it lost as many questions
    as it found."""
    for m in _ASKED.finditer(question):
        n = ORDINALS.index(m.group("word").lower()) + 1
        if n > 1:
            return n
    return 0
