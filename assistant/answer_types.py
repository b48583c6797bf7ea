"""What kind of statement can answer a question, and whether a sentence is one.

"How many 5G base stations ...?" is answered only by a sentence that states a
figure, beside the words for what it counts ("80,000 base stations", not "the
26th round" or "£200 million" in a sentence on base stations); "When will ...?"
only by one that says when, beside one of the question's words. A sentence about
the same topic without such a figure or time reads close to the question, yet
answers nothing: the low-confidence flag looks past it.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

from corpus.vocabulary import Vocabulary
from corpus.words import STOPWORDS, content_stems, stem, tokens, words

FIGURE, TIME, NAME, ANY = "figure", "time", "name", "any"

_MEASURES = (r"reading|figure|total|value|count|number|rate|share|proportion|percentage|growth|output|capacity"
             r"|amount|volume|profits?|revenue|sales|exports?|imports?|investment|size|scale|level"
             r"|margins?|prices?|costs?|ratio|speeds?")
_ASKS_FIGURE = re.compile(
    r"\b(?:how\s+(?:many|much|large|big|fast|far|high|long|widespread|quickly)"
    r"|by\s+how\s+much"
    r"|what\s+(?:share|proportion|percentage|portion|fraction|number|amount|total|figure|rate|level|value|size|capacity|count)"
    rf"|what\s+(?:was|were|is|are)\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,6}}?(?:{_MEASURES})"
    r"|what\s+(?:[\w'’-]+\s+){0,3}?(?:growth|reading|figure|total|count|rate|percentage|profits?|revenue|margin|price)"
    r"\s+(?:did|does|do|has|have|had|was|were|is|are))\b",
    re.IGNORECASE)
_ASKS_TIME = re.compile(r"^\W*(?:when|(?:by|until|till)\s+when|(?:(?:in|by|until|till|on)\s+)?what\s+(?:year|month|date|day)|in\s+which\s+year)\b(?!-)",
                        re.IGNORECASE)
# "In which city ...?", "Which company ...?", "Who ...?": answered by a sentence that names one.
_PLACES = (r"cit(?:y|ies)|countr(?:y|ies)|provinces?|regions?|places?|towns?|compan(?:y|ies)|firms?|enterprises?"
           r"|ministr(?:y|ies)|departments?|airlines?|carriers?|universit(?:y|ies)|organi[sz]ations?|institutions?|banks?")
_ASKS_NAME = re.compile(rf"^\W*(?:(?:in|at|from|with|by)\s+)?(?:which|what)\s+(?:other\s+)?(?:{_PLACES})\b|^\W*who\b"
                        r"|^\W*what\s+(?:is|was|are|were)\s+the\s+names?\s+of\b",
                        re.IGNORECASE)

_MONTHS = "|".join(m.lower() for m in calendar.month_name if m)
_MONTHS_SET = frozenset(m.lower() for m in calendar.month_name if m)
_YEAR = r"(?:19|20)\d{2}"
# Dates and years are numbers that count nothing: "April 20, 2023", "(2024-2027)".
_DATE = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s*{_YEAR})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b(?:,?\s*{_YEAR})?"
    rf"|{_YEAR}(?:\s*[-–/]\s*(?:{_YEAR}|\d{{2}}))?(?:-\d{{2}}-\d{{2}})?)(?!\d)",
    re.IGNORECASE)
# "The second is to ...", "(3)": a list's numbering, not a figure.
_NUMBERING = re.compile(r"\b(?:first|second|third|fourth|fifth|sixth)(?:ly)?\s+is\b|^\W*\(?\d{1,2}[.)、]\s", re.IGNORECASE)
_FIGURE_WORDS = re.compile(
    r"\d|\b(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-[a-z]+)?"
    r"|dozens?|hundreds?|thousands?"
    r"|millions?|billions?|trillions?|half|one-third|doubled?|doubling|tripled?|percent|per\s+cent)\b",
    re.IGNORECASE)
# "How many exploration wells ...?", "What tariff rate ...?": the words naming what the figure asked
# counts or measures (up to the first stopword after "how many"; the measure and up to two words
# before it after "what").
_COUNTED = re.compile(r"\bhow\s+many\s+(.*)"
                      r"|\bwhat\s+((?:[\w'’-]+\s+){0,2}?(?:rate|amount|percentage|price|tally|capacity|cap|limit))\b",
                      re.IGNORECASE | re.DOTALL)
NEAR_TIME = 6  # words between a "when" and what happens then: "DevNet 8 should launch by the end of next week"
NEAR_COUNTED = 4  # words between a figure and the thing it counts: "69 national emergencies", "wells: 12"
_DAYS = "|".join(d.lower() for d in calendar.day_name)
_COUNT = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|a\s+couple\s+of|several|\d+)"
_TIME_WORDS = re.compile(
    rf"\b(?:{_YEAR}|{_MONTHS}|{_DAYS}|(?:this|next|last|coming|past)\s+(?:few\s+)?(?:years?|months?|weeks?|days?)"
    r"|end\s+of\s+(?:the|this|next)\s+year|(?:first|second|third|fourth)\s+quarter|(?:first|second)\s+half"
    r"|soon|recently|already|by\s+the\s+end|today|tonight|tomorrow|yesterday"
    r"|this\s+(?:morning|afternoon|evening)"
    rf"|(?:in|within)\s+{_COUNT}\s+(?:years?|months?|weeks?|days?|hours?)|{_COUNT}\s+(?:years?|months?|weeks?)\s+from\s+now"
    r"|\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\b\.?|\d{1,2}:\d{2}|(?:at|after|before|by|until)\s+\d{1,2}[.:]\d{2})(?!\w)",
    re.IGNORECASE)


def answer_type(question: str) -> str:
    """FIGURE, TIME or ANY: what a sentence must state to answer the question."""
    if _ASKS_FIGURE.search(question):
        return FIGURE
    if _ASKS_TIME.search(question):
        return TIME
    if _ASKS_NAME.search(question):
        return NAME
    return ANY


def states_figure(sentence: str) -> bool:
    """A quantity, not only a date, a year or a list's numbering."""
    return bool(_FIGURE_WORDS.search(_NUMBERING.sub(" ", _DATE.sub(" ", sentence))))


@lru_cache(maxsize=256)
def counted_thing(question: str) -> frozenset[str]:
    """Stems of what a figure question counts or measures ("How many exploration wells were
    drilled" → explor, well; "What tariff rate applies" → tariff, rate); empty when it names none."""
    m = _COUNTED.search(question)
    if not m:
        return frozenset()
    out = []
    for w in words(next(g for g in m.groups() if g is not None)):
        low = w.text.lower()
        if low in STOPWORDS:
            break
        out.append(stem(low))
    return frozenset(out)


def counts_it(sentence: str, counted: frozenset[str]) -> bool:
    """A figure within `NEAR_COUNTED` words of a word naming what the question counts: "the 26th
    round" or "£200 million" on the topic of "how many jobs" counts something else."""
    if not counted:
        return True
    ws = [w.text.lower() for w in words(_NUMBERING.sub(" ", _DATE.sub(" ", sentence)))]
    figures = [i for i, w in enumerate(ws) if _FIGURE_WORDS.fullmatch(w) or w[:1].isdigit()]
    if not figures:
        return False
    return any(abs(i - j) <= NEAR_COUNTED for j, w in enumerate(ws) if stem(w) in counted for i in figures)


def states_time(sentence: str) -> bool:
    return bool(_TIME_WORDS.search(sentence) or _DATE.search(sentence))


def says_when(sentence: str, question: str) -> bool:
    """A time said within `NEAR_TIME` words of one of the question's words: a date elsewhere in the
    sentence dates something else."""
    times = [m.span() for pattern in (_TIME_WORDS, _DATE) for m in pattern.finditer(sentence)]
    if not times:
        return False
    asked = _asked_stems(question)
    ws = words(sentence)
    near = [i for i, w in enumerate(ws) if stem(w.text.lower()) in asked]
    for start, end in times:
        inside = [i for i, w in enumerate(ws) if w.start >= start and w.end <= end]
        if not inside:
            continue
        if any(inside[0] - NEAR_TIME <= j <= inside[-1] + NEAR_TIME for j in near):
            return True
    return False


@lru_cache(maxsize=256)
def _asked_stems(question: str) -> frozenset[str]:
    return content_stems(question)


def names_one(sentence: str, question: str, vocabulary: Vocabulary | None = None) -> bool:
    """A proper name the question does not already hold: "Hangzhou", "the Ministry of Culture".
    A sentence's first word is capitalised anyway and does not count, nor a name the corpus
    uses everywhere (the country or the institution all its transcripts are about)."""
    vocabulary = vocabulary or Vocabulary(frozenset(), frozenset())
    asked = set(tokens(question))
    for i, w in enumerate(words(sentence)):
        if i == 0 or not any(c.isalpha() for c in w.text[1:]) or w.text.lower() in asked or w.text.lower() in _MONTHS_SET:
            continue
        if sentence[:w.start].rstrip().endswith((".", "!", "?", ":")):
            continue
        if vocabulary.names_something(w.text):
            return True
    return False


def can_answer(kind: str, sentence: str, question: str = "", vocabulary: Vocabulary | None = None) -> bool:
    if kind == FIGURE:
        return states_figure(sentence) and counts_it(sentence, counted_thing(question))
    if kind == TIME:
        return says_when(sentence, question)
    if kind == NAME:
        return names_one(sentence, question, vocabulary)
    return True
