"""What a question says about where its answer is: a speaker it names, a period it names.

Both become preferences in retrieval, never filters: a question that names Zhao
Zhiguo prefers what he said, but a better answer by someone else still shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from corpus import Period
from corpus.dates import find_month_spans, find_periods

# Words that start a capitalised run in narration but are not part of a person's name.
_NOT_NAMES = frozenset("""the a an he she it they we this that these those in on at of for and but or as
ministry office council bureau department government committee commission association industry
information technology national state china chinese people party spokesperson minister director
reporter reporters journalist press conference news agency daily""".split())
_NAME = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}"
# "Jin Zhuanglong said", "Zhao Zhiguo stated": who narration reports as speaking.
_REPORTED = re.compile(
    rf"\b(?P<name>{_NAME})(?:,[^,.]{{0,120}},)?\s+(?:said|stated|says|introduced|pointed out|mentioned|noted|added|"
    r"emphasized|emphasised|stressed|revealed|explained|announced|proposed|disclosed)\b")
_TITLES = r"(?:Mr|Ms|Mrs|Dr|Prof|Minister|Director|Spokesperson|Spokesman|Chief Engineer)\.?"
_SPEAKER_LIKE = re.compile(rf"^{_NAME}$")
# A conference reports on a period just ended: its date may fall a little after it.
_REPORTING_LAG = timedelta(days=45)


@dataclass(frozen=True)
class QuestionHints:
    content: str  # the question without the names it names: what to match words and meaning against
    speakers: tuple[str, ...] = ()  # names, as the index knows them, that the question names
    periods: tuple[Period, ...] = ()  # reporting periods or months the question names

    @property
    def any(self) -> bool:
        return bool(self.speakers or self.periods)


def person_names(speakers: list[tuple[str | None, str]], narration: list[str]) -> tuple[str, ...]:
    """People an index knows: (speaker, role) pairs with a person's name, and people narration quotes.

    Reporters are left out: a question names the people who answer.
    """
    names = {s for s, role in speakers
             if s and role != "reporter" and _SPEAKER_LIKE.match(s) and not _institutional(s)}
    for text in narration:
        for m in _REPORTED.finditer(text):
            if not _institutional(m.group("name")):
                names.add(m.group("name"))
    return tuple(sorted(names))


def find_speakers(question: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """Known names the question names in full, or by title and one part ("Mr. Zhao")."""
    return tuple(dict.fromkeys(name for name, _, _ in _mentions(question, names)))


def without_names(question: str, names: tuple[str, ...], background: tuple[str, ...] = ()) -> str:
    """The question with the named people, the briefing it names, and the corpus's
    background terms cut out.

    A name matches every passage that mentions the person (introductions, "Zhao
    Zhiguo stated that ..."), and "the April 2023 briefing" or "MIIT" match every
    opening of such a briefing: all crowd out the passage that answers. The speaker
    and period preferences carry the names and the briefing's date instead.
    """
    spans = sorted([(s, e) for _, s, e in _mentions(question, names)]
                   + [m.span() for m in _meta_and_background(background).finditer(question)])
    if not spans:
        return question
    parts, cursor = [], 0
    for s, e in spans:
        if s >= cursor:
            parts.append(question[cursor:s])
            cursor = e
    parts.append(question[cursor:])
    stripped = " ".join("".join(parts).split())
    return stripped if re.search(r"\w", stripped) else question


def _mentions(question: str, names: tuple[str, ...]) -> list[tuple[str, int, int]]:
    found = []
    for name in names:
        pattern = r"[\s-]+".join(re.escape(w) for w in re.split(r"[ -]", name))
        for m in re.finditer(rf"(?<!\w)(?:{_TITLES}\s+)?{pattern}(?:['’]s)?(?!\w)", question, re.IGNORECASE):
            found.append((name, m.start(), m.end()))
    for m in re.finditer(rf"\b{_TITLES}\s+(?P<part>[A-Z][a-z]+)(?:['’]s)?\b", question):
        owners = [n for n in names if m.group("part") in re.split(r"[ -]", n)]
        if len(owners) == 1 and not any(s <= m.start() < e for _, s, e in found):
            found.append((owners[0], m.start(), m.end()))
    return found


_MID_YEAR = re.compile(r"\b(?:mid-?|the\s+middle\s+of\s+)(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE)


def find_question_periods(question: str) -> tuple[Period, ...]:
    """Quarters, halves, first N months, months and month ranges; "mid-2022" is June and July."""
    mid = [Period(f"{m.group('year')}-06-01", f"{m.group('year')}-07-31", " ".join(m.group().split()))
           for m in _MID_YEAR.finditer(question)]
    return tuple(find_periods(question) + find_month_spans(question) + mid)


def analyse(question: str, names: tuple[str, ...], background: tuple[str, ...] = ()) -> QuestionHints:
    return QuestionHints(content=without_names(question, names, background),
                         speakers=find_speakers(question, names), periods=find_question_periods(question))


# "according to the April 2023 briefing", "in the Q1 2023 press conference".
_BRIEFING = (r"(?:(?:according\s+to|as\s+(?:said|stated|mentioned)\s+(?:in|at)|mentioned\s+(?:in|at)"
             r"|at|in|during|from|by)\s+)?the\s+(?:(?!(?:the|a|an|at|in|on|of|to|for|and|or|did|does|do|was|were|is|are)\b)"
             r"[\w-]+\s+){0,4}?"
             r"(?:briefing|press\s+conference|news\s+conference|press\s+release|conference)\b")

_BRIEFING_NAMED = re.compile(_BRIEFING, re.IGNORECASE)


def without_briefing(question: str) -> str:
    """The question without "the April 2023 briefing": when the words were said, not what they are about."""
    return " ".join(_BRIEFING_NAMED.sub(" ", question).split())


def _meta_and_background(background: tuple[str, ...]) -> re.Pattern:
    terms = "|".join(r"[\s-]+".join(re.escape(w) for w in t.split()) for t in sorted(background, key=len, reverse=True))
    parts = [_BRIEFING] + ([rf"(?:the\s+)?\b(?:{terms})(?:['’]s)?\b"] if terms else [])
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def period_affinity(asked: Period, period: Period | None, held: str | None) -> float:
    """How well a transcript about `period`, held on `held`, fits a question about `asked`: 0..1.

    The share of the asked period the transcript's period covers; or half, when the
    transcript's period ends the day before the asked one begins, or the transcript
    was held during the asked period or just after it.
    """
    a0, a1 = date.fromisoformat(asked.start), date.fromisoformat(asked.end)
    share = 0.0
    if period is not None:
        p0, p1 = date.fromisoformat(period.start), date.fromisoformat(period.end)
        overlap = (min(a1, p1) - max(a0, p0)).days + 1
        share = max(0, overlap) / ((a1 - a0).days + 1)
        # A review of one period announces the plans for the next: H1 figures, H2 measures.
        if p1 < a0 <= p1 + timedelta(days=1):
            share = max(share, 0.5)
    if held:
        try:
            day = date.fromisoformat(held)
        except ValueError:
            day = None
        if day is not None and a0 <= day <= a1 + _REPORTING_LAG:
            share = max(share, 0.5)
    return share


def _institutional(name: str) -> bool:
    return any(w.lower() in _NOT_NAMES for w in re.split(r"[ -]", name))
