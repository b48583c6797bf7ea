"""What a question says about where its answer is: a speaker it names, a period it names.

Both become preferences in retrieval, never filters: a question that names Mira
Holm prefers what she said, but a better answer by someone else still shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from corpus import Period
from corpus.names import ADDRESS_WORDS, HONORIFIC, OFFICE_WORDS, OUTLET_WORDS, REPORTER_WORDS, TITLE_WORDS
from corpus.enumeration import asked_item
from corpus.people import name_words
from corpus.vocabulary import Vocabulary
from corpus.words import STOPWORDS, words
from corpus.periods import as_period, stretches

from .answerers import answerers, named_in


Offices = tuple[tuple[str, tuple[str, ...]], ...]  # (office, the names holding it): `corpus.offices`


@dataclass(frozen=True)
class QuestionHints:
    content: str  # the question without the names it names: what to match words and meaning against
    speakers: tuple[str, ...] = ()  # names, as the index knows them, whose words the question asks for
    # Named speakers who only set the scene: "how did X answer Y's hypothetical", "what did X say
    # when Y asked": Y's turn is the one X's answer replies to.
    others: tuple[str, ...] = ()
    periods: tuple[Period, ...] = ()  # reporting periods or months the question names
    # The question asks what a reporter said ("according to a reporter", "by one reporter's tally"):
    # the reporters' own words, otherwise shown only to a filter for a reporter, may answer it.
    from_reporters: bool = False
    item: int = 0  # the item of a list the question asks for ("the fourth measure": 4; `corpus.enumeration`)
    # The question asks how the named speaker answered something put to them ("how did X respond when
    # asked ...", "what did X reply to ..."): X's reply, found by the turn it replies to, whoever spoke it.
    replying: bool = False

    @property
    def any(self) -> bool:
        return bool(self.speakers or self.periods)


def find_speakers(question: str, names: tuple[str, ...], vocabulary: Vocabulary | None = None,
                  askers: frozenset[str] = frozenset(), offices: Offices = ()) -> tuple[str, ...]:
    """Known names the question names: in full, by a part of the name that is one person's, or by an
    office the corpus gives them (`offices`, from `corpus.offices`: "the Minister")."""
    return named_in(_mentions(question, names, vocabulary, askers, offices))


def without_names(question: str, names: tuple[str, ...], background: tuple[str, ...] = (),
                  vocabulary: Vocabulary | None = None, mentions: list | None = None,
                  askers: frozenset[str] = frozenset(), offices: Offices = ()) -> str:
    """The question with the named people, the transcript it names, and the corpus's
    background terms cut out.

    A name matches every passage that mentions the person (introductions, "Mira Holm
    stated that ..."), and "the April 2023 briefing" or an acronym the corpus uses
    everywhere match every opening of such a transcript: all crowd out the passage that
    answers. The speaker and period preferences carry the names and the transcript's
    date instead.
    """
    if mentions is None:
        mentions = _mentions(question, names, vocabulary, askers, offices)
    setting = _SETTING.match(question)
    spans = sorted([(s, e) for _, s, e in mentions]
                   + [m.span() for m in _meta_and_background(background).finditer(question)]
                   + ([setting.span()] if setting else []))
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


def _mentions(question: str, names: tuple[str, ...], vocabulary: Vocabulary | None = None,
              askers: frozenset[str] = frozenset(), offices: Offices = ()) -> list[tuple[str, int, int]]:
    """(name, start, end) of each mention: the full name in any case, or a capitalised part of
    it no other known name shares, with a title before it ("Mr. Holm", "Justice Berg"), or an office
    the corpus gives up to a few of them (`offices`: "the Minister", "Northport's Chief Inspector"; each
    holder is named, at the same place). Some of
    a name's words written together without its last are another name built of the same words:
    "the Town Hall" is not the speaker "TOWN HALL CLERK". `askers`: the names among `names` that
    the chair called askers by (`corpus.askers`), first names mostly, which `_not_an_asker` checks."""
    owners, patterns, parts, titles = _name_table(names, vocabulary)
    found: list[tuple[str, int, int]] = []
    ws = words(question)

    def taken(at: int) -> bool:
        return any(s <= at < e for _, s, e in found)

    def with_title(start: int) -> int:
        """`start` moved back over a title or honorific just before it: "Mr. Holm", "Justice Berg"."""
        before = [w for w in ws if w.end <= start]
        if before:
            b = before[-1]
            if b.text[:1].isupper() and b.text.lower() not in STOPWORDS and not question[b.end:start].strip(". "):
                return b.start
        return start

    for name, pattern in patterns:
        for m in pattern.finditer(question):
            if not taken(m.start()):
                found.append((name, with_title(m.start()), m.end()))
    for i, w in enumerate(ws):
        part = _bare(w.text)
        mine = owners.get(part, set())
        if not mine and i:  # the question's first word is capitalised whatever it is
            part = _spelt_near(part, owners) or part
            mine = owners.get(part, set())
        if len(mine) == 1 and w.text[:1].isupper() and not taken(w.start):
            name = next(iter(mine))
            if _run_into_another_name(question, ws, i, parts[name]):
                continue
            if part == parts[name][-1] or not _beside_another_part(question, ws, i, parts[name]):
                found.append((name, with_title(w.start), w.end))
    for name, pattern in titles:
        for m in pattern.finditer(question):
            if not taken(m.start(1)):
                found.append((name, m.start(1), m.end()))
    for holders, pattern in _office_patterns(offices):
        for m in pattern.finditer(question):
            if not taken(m.start(1)):
                found += [(name, m.start(1), m.end()) for name in holders if name in parts]
    if askers:
        found = [m for m in found if m[0] not in askers or not _not_an_asker(question, ws, m, owners)]
    return found


# Any day: it only lets "in April" be read as a month at all.
_SOME_DAY = date(2000, 1, 1)
# What a name's word may follow as a title of it: "Mr. Holm", "Justice Berg", "Minister Vale".
_TITLE_WORDS = ADDRESS_WORDS | TITLE_WORDS | OFFICE_WORDS


def _not_an_asker(question: str, ws, mention: tuple[str, int, int], owners: dict[str, set[str]]) -> bool:
    """Whether an asker's name in the question means something else: a month ("in April", "April 5"),
    or the first name of someone else the index knows, run into their other name ("Steve Kerr", where
    Steve is an asker and Kerr a speaker)."""
    name, start, end = mention
    if re.match(r"\s*\d", question[end:]):
        return True
    if any(s.at <= start < s.at + len(s.label) for s in stretches(question, today=_SOME_DAY)):
        return True
    after = next((w for w in ws if w.start >= end), None)
    return (after is not None and after.text[:1].isupper() and not question[end:after.start].strip()
            and bool(owners.get(_bare(after.text), set()) - {name}))


def _titles(parts: dict[str, tuple[str, ...]], labels: dict[str, list[str]]) -> tuple[tuple[str, re.Pattern], ...]:
    """(name, pattern) for each speaker whose label holds a title no other label holds, nor a part of one:
    "the Presiding Judge" is PRESIDING JUDGE HOLM where the others are JUDGE BERG and the like, and "the
    Judge" is no one of them. A title is the words of
    a label before its last, when one of them does not name the person (`name_words`: "Colonel") or
    stands in other labels too ("Judge"); "Town Hall" in TOWN HALL CLERK does neither. It counts
    written capitalised after "the", and not run on into another capitalised word ("the Colonel
    Street depot"). `labels`: each label's words without its honorific."""
    lowered = {name: tuple(w.lower() for w in ws) for name, ws in labels.items()}
    held: dict[str, int] = {}
    for ws in lowered.values():
        for w in set(ws):
            held[w] = held.get(w, 0) + 1
    owners: dict[tuple[str, ...], set[str]] = {}
    for name, ws in lowered.items():
        title = ws[:-1]
        if title and any(w not in parts[name] or held[w] > 1 for w in title):
            owners.setdefault(title, set()).add(name)
    out = []
    for title, names in owners.items():
        # "the President" names no one where another label holds the word too (`Judicial President Vale`).
        if len(names) == 1 and not any(_holds(ws, title) for name, ws in lowered.items() if name not in names):
            out.append((next(iter(names)),
                        re.compile(rf"(?i:\bthe)\s+({_title_phrase(title)})(?:['’]s)?(?!\w)(?!\s+[A-Z])")))
    return tuple(out)


def _holds(words: tuple[str, ...], title: tuple[str, ...]) -> bool:
    """Whether `title` stands in `words`, word for word."""
    n = len(title)
    return any(words[i:i + n] == title for i in range(len(words) - n + 1))


def _title_phrase(words) -> str:
    """A pattern for a title's words, each written with its first letter capitalised: "Presiding Judge"."""
    return r"[\s-]+".join(re.escape(t[:1].upper()) + "(?i:" + re.escape(t[1:]) + ")" for t in words)


@lru_cache(maxsize=16)
def _office_patterns(offices: Offices) -> tuple[tuple[tuple[str, ...], re.Pattern], ...]:
    """Per office, its holders and the pattern of a question naming it: after "the" or a possessive
    ("Northport's Chief Inspector", which keeps "Northport" for the matching), not run on into another
    capitalised word ("the Minister Brook Road") nor into another office ("the Minister of State")."""
    out = []
    for title, holders in offices:
        phrase = _title_phrase(title.split())
        out.append((tuple(holders), re.compile(rf"(?:(?i:\bthe)|\b[A-Z][\w-]*['’]s)\s+({phrase})(?:['’]s)?(?!\w)"
                                               rf"(?!\s+(?:of\s+)?[A-Z])")))
    return tuple(out)


def _beside_another_part(question: str, ws, i: int, parts: tuple[str, ...]) -> bool:
    """Whether word `i` is written next to another capitalised word of the same name, a space apart."""
    def joined(j: int) -> bool:
        a, b = sorted((i, j))
        return (0 <= j < len(ws) and ws[j].text[:1].isupper() and _is_part(_bare(ws[j].text), parts)
                and not question[ws[a].end:ws[b].start].strip())

    return joined(i - 1) or joined(i + 1)


def _run_into_another_name(question: str, ws, i: int, parts: tuple[str, ...]) -> bool:
    """Whether word `i`, a part of a known name, runs on into a capitalised word that is no part of
    it: "Berg Olsen" is not JUSTICE BERG, nor "Town Hall Road" the TOWN HALL CLERK; or, a part before
    the name's last and no title, follows one that is no title either: "Ada Dean" is not DEAN VALE
    ("Justice Berg" is JUSTICE BERG, "Ada Berg" may be, and "the Port Governor" is GOVERNOR VALE). The
    question's first word is capitalised whatever it is, and says nothing."""
    def other(j: int) -> bool:
        a, b = sorted((i, j))
        if not 0 < j < len(ws) or question[ws[a].end:ws[b].start].strip():
            return False
        word = _bare(ws[j].text)
        return ws[j].text[:1].isupper() and word not in STOPWORDS and not _is_part(word, parts)

    word = _bare(ws[i].text)
    return other(i + 1) or (word != parts[-1] and word not in _TITLE_WORDS and other(i - 1)
                            and _bare(ws[i - 1].text).strip(".") not in _TITLE_WORDS)


def _is_part(word: str, parts: tuple[str, ...]) -> bool:
    """Whether `word` is one of a name's words, or that word spelt a letter apart (`_spelt_near`)."""
    return word in parts or _spelt_near(word, parts) is not None


def _spelt_near(part: str, known: Iterable[str]) -> str | None:
    """The one name word a letter away from `part` (one added, dropped or changed), for a word of five
    letters or more, the first the same: a transcript's "Holmm" for the Holm a question names, a
    recogniser's "Brooke" for "Brook"; None when no name word, or more than one, is that close."""
    if len(part) < _NEAR_LEAST or part in STOPWORDS:
        return None
    near = [w for w in known if len(w) >= _NEAR_LEAST and w[0] == part[0] and _one_edit(w, part)]
    return near[0] if len(near) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    """Whether `a` and `b` differ by one letter added, dropped or changed."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    return short[i:] == long_[i + 1:]


_NEAR_LEAST = 5  # letters of a name word that a misspelling of it may be matched to


def _bare(word: str) -> str:
    """A word lower-cased without its possessive ending: "House's" -> "house"."""
    return re.sub(r"['’]s$", "", word).lower()


_tables: dict[tuple[int, int], tuple] = {}


def _name_table(names: tuple[str, ...], vocabulary: Vocabulary | None):
    """(which names own each name word, each name's pattern, longest name first, each name's words, the
    titles only one label holds): the same for every question asked of one index, so made once. Known by
    identity: hashing a vocabulary reads all of it."""
    key = (id(names), id(vocabulary))
    kept = _tables.get(key)
    if kept is not None and kept[0] is names and kept[1] is vocabulary:
        return kept[2]
    if len(_tables) >= 16:
        _tables.clear()
    parts = {name: name_words(name, vocabulary) or tuple(w.text.lower() for w in words(name)) for name in names}
    owners: dict[str, set[str]] = {}
    for name, ws in parts.items():
        for w in ws:
            owners.setdefault(w, set()).add(name)
    labels = {name: [w.text for w in words(HONORIFIC.sub("", name))] for name in names}
    patterns = []
    for name in sorted(names, key=len, reverse=True):
        pattern = r"[\s.-]+".join(re.escape(w) for w in labels[name])
        patterns.append((name, re.compile(rf"(?<!\w){pattern}(?:['’]s)?(?!\w)", re.IGNORECASE)))
    table = (owners, tuple(patterns), parts, _titles(parts, labels))
    _tables[key] = (names, vocabulary, table)
    return table


# Periods a question can prefer transcripts of; a year alone ("in 2023") is too wide to prefer by.
_PREFERRED_KINDS = ("quarter", "half", "months", "month", "mid-year", "whole year", "fiscal year", "point")


def find_question_periods(question: str) -> tuple[Period, ...]:
    """Quarters, halves, first N months, months and month ranges, fiscal years, "mid-2022",
    each written with its year."""
    return tuple(as_period(s) for s in stretches(question) if s.kind in _PREFERRED_KINDS)


def analyse(question: str, names: tuple[str, ...], background: tuple[str, ...] = (),
            vocabulary: Vocabulary | None = None, askers: frozenset[str] = frozenset(),
            offices: Offices = ()) -> QuestionHints:
    """What the question says of where its answer is. `askers`: the names among `names` of askers
    the chair called by name; a question whose words are an asker's asks for a reporter's turn.
    `offices`: (office, holders) the corpus gives its speakers (`corpus.offices`)."""
    mentions = _mentions(question, names, vocabulary, askers, offices)
    asked = answerers(question, mentions)
    # An asker, or an office, the question names only as the one answered or spoken of keeps its words in
    # what is matched: the answer often says them ("Nadia, since you're in the back row ...", "I look
    # forward to the Minister's visit").
    titled = {title.lower() for title, _ in offices}
    cut = [m for m in mentions
           if m[0] in asked or m[0] not in askers and _bare(question[m[1]:m[2]]) not in titled]
    return QuestionHints(content=without_names(question, names, background, vocabulary, cut),
                         speakers=asked,
                         others=tuple(n for n in named_in(mentions) if n not in asked),
                         periods=find_question_periods(question),
                         from_reporters=(bool(_FROM_REPORTERS.search(question))
                                         or any(n in askers for n in asked)),
                         item=asked_item(question),
                         replying=bool(asked) and bool(_REPLYING.search(question)))


# A reply asked for: "respond when asked", "answer the claim that", "react to", "say when asked", "in reply to".
_REPLYING = re.compile(
    r"(?<!\ban\s)(?<!\bthe\s)(?<!\bno\s)(?<!\bher\s)(?<!\bhis\s)"  # the verb, not the noun ("an answer to")
    r"\b(?:respond(?:ed|s)?|repl(?:y|ied|ies)|answer(?:ed|s)?|react(?:ed|s)?|rebut(?:ted|s)?)\s+(?:to|when|after)\b"
    r"|\bwhen\s+(?:(?:he|she|they|it)\s+(?:was|were)\s+)?(?:asked|pressed|challenged|questioned)\b"
    r"|\bin\s+(?:response|reply|answer)\s+to\b", re.IGNORECASE)
# Where the question gives a reporter as the source of what it asks; "which official answered the
# reporter's question" asks for the answer, not the question, and does not count.
_A_REPORTER = rf"(?:a|the|one|that|another)\s+(?:[\w-]+\s+){{0,2}}?(?:{REPORTER_WORDS}|questioners?)"
_FROM_REPORTERS = re.compile(
    rf"\baccording\s+to\s+{_A_REPORTER}\b"
    rf"|\b(?:in|by|from|per)\s+{_A_REPORTER}['’]s?\s+(?:question|tally|figures?|count|numbers?|account|claim)\b"
    # The question itself as the source: "according to a question from the floor", "in a question put to her".
    r"|\b(?:according\s+to|in|from|per)\s+(?:a|the|one|another)\s+(?:[\w-]+\s+)?question\s+(?:from|put|asked|by)\b"
    # ("what was the reporter told" asks what the reporter heard)
    rf"|(?<!\bwas\s)(?<!\bwere\s)(?<!\bis\s)(?<!\bare\s)\b{_A_REPORTER}\s+"
    r"(?:said|says|say|cited|cites|noted|notes|mentioned|stated|claimed|told|put\s+it|raised|reported|quoted"
    r"|recounted|recalled|understood|described|summed|summari[sz]ed|characteri[sz]ed|framed|relayed|credited)\b"
    rf"|\b(?:said|cited|noted|mentioned|stated|claimed|raised|reported|quoted|put|recounted|recalled|described)"
    rf"\s+by\s+{_A_REPORTER}\b"
    # The reporter is the subject of the question's verb: "how many did a reporter count", "what does
    # one correspondent say", "what tie did a reporter bring up", "whose belief did the reporter invoke";
    # not "what was the reporter told".
    rf"|\b(?:did|does|do|would|could|will)(?:n['’]t)?\s+{_A_REPORTER}\s+(?!(?:be|been|get|got)\b)[a-z]"
    # Who asked is what is asked: "which outlet's reporter asked about ...", "who asked whether ...".
    # The asker's label answers it, and only the asker's turn carries it.
    rf"|\b(?:who|(?:which|what)\s+(?:[\w-]+\s+){{0,2}}?(?:{REPORTER_WORDS}|{OUTLET_WORDS})(?:['’]s\s+{REPORTER_WORDS})?)"
    r"\s+(?:first\s+|then\s+|also\s+)?(?:asked|questioned)\b",
    re.IGNORECASE)


# "according to the April 2023 briefing", "in the Q1 2023 press conference".
_BRIEFING = (r"(?:(?:according\s+to|as\s+(?:said|stated|mentioned)\s+(?:in|at)|mentioned\s+(?:in|at)"
             r"|at|in|during|from|by)\s+)?the\s+(?:(?!(?:the|a|an|at|in|on|of|to|for|and|or|did|does|do|was|were|is|are)\b)"
             r"[\w-]+\s+){0,4}?"
             r"(?:briefing|press\s+conference|news\s+conference|press\s+release|conference)\b")

_BRIEFING_NAMED = re.compile(_BRIEFING, re.IGNORECASE)


def without_briefing(question: str) -> str:
    """The question without "the April 2023 briefing": when the words were said, not what they are about."""
    return " ".join(_BRIEFING_NAMED.sub(" ", question).split())


# A question that opens by setting the scene, up to its comma: "At the 25 February 2010 committee hearing on
# bank pay, why ...", "In the July 2026 interview in Manila, what ...". It says which transcript; what it
# asks comes after it.
_SETTING = re.compile(
    r"(?:at|in|during|on)\s+(?:the|an?|its|their|his|her)\s+[^,?]{0,160}?\b(?:hearings?|briefings?|conferences?"
    r"|debates?|meetings?|interviews?|episodes?|calls?|sessions?|sittings?|speech|talks?|keynotes?|remarks"
    r"|podcasts?|programmes?|programs?|shows?|arguments?)\b[^,?]{0,120},\s*(?=\w)",
    re.IGNORECASE)


def _meta_and_background(background: tuple[str, ...]) -> re.Pattern:
    terms = "|".join(r"[\s-]+".join(re.escape(w) for w in t.split()) for t in sorted(background, key=len, reverse=True))
    parts = [_BRIEFING] + ([rf"(?:the\s+)?\b(?:{terms})(?:['’]s)?\b"] if terms else [])
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def period_affinity(asked: Period, period: Period | None, held: str | None, lag: timedelta = timedelta(0)) -> float:
    """How well a transcript about `period`, held on `held`, fits a question about `asked`: 0..1.

    The share of the asked period the transcript's period covers; all of it when the
    transcript was held during the asked period (what was said then); or half, when the
    transcript's period ends the day before the asked one begins, or the transcript was
    held within `lag` after the asked period (how long after a period this corpus's
    transcripts review it: `reporting_lag`).
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
        if day is not None and a0 <= day <= a1:
            share = 1.0  # said during the period asked of: "at the January 2023 briefing"
        elif day is not None and a0 <= day <= a1 + lag:
            share = max(share, 0.5)
    return share
