"""Speaker labels: where a paragraph says who speaks, in the layouts transcripts are written in.

- `Name: text`, `MS. WHITFIELD:  text`, `**Name:** text`, bullets, indents of spaces or
  no-break spaces; a label alone on its line, the words in the next paragraphs;
- reporters as a bare `Q` (`Q:`, `Q.`), answers as `A:` where the document asks with Q;
- a time beside the label: `[00:01:23] Name:`, `Name (00:01:23):`, `**Name:** \\[12:21\\]`,
  and `Name  0:03` or `Name: 00:00:07` alone on its line;
- `Name -- Title` alone on a line (earnings calls), `Operator` alone on a line;
- `CHAIR ILVES. Good afternoon.`, `Senator Holm. Thank you.`, `Mr. INES. We will.`, a
  label closed by a full stop, alone on its line or before the words, where the document
  is written that way throughout (in mixed case, only after a word a speaker is addressed by);
- a reporter's outlet alone on its line before the question.

Labels are accepted only when they read as a person, a title or a news outlet, so
summary lines such as `Ministry of ...: Strengthen industry guidance` stay narration.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .cleaning import clean_name
from .layout import Paragraph
from .names import ABBREVIATED, ADDRESS_WORDS, ASKER_WORDS, REPORTER, REPORTER_WORDS, SENTENCE_WORDS, TITLE_WORDS, classify, name_in, name_key
from .words import is_stopword
from .timestamps import BOLD_TIMED_LINE, BRACKETED, CLOCK_CLOSING_LINE, LEADING_TIME, TIMED_LABEL_END, otter_line

_SPACE = r"[ \t\u00a0]"
_LABEL = re.compile(
    r"(?P<bullet>[ \t\u00a0]*(?:[•·▪●◦‣*+-][ \t\u00a0]+)?)"
    r"(?P<open>\*\*|__)?"
    r"(?P<label>[^:：\n*]{1,200}?)[ \t\u00a0]*"
    r"(?:\*\*|__)?[ \t\u00a0]*[:：](?:[ \t\u00a0]*(?:\*\*|__))?[ \t\u00a0\u2003]*"
)
# `Name (00:01:23): text`, `Name (00:01:23) - text`, or the same alone on its line.
_TIMED_LABEL = re.compile(
    rf"(?:\*\*|__)?(?P<label>[^\n:：()*]{{1,80}}?){_SPACE}*{BRACKETED}{_SPACE}*(?:\*\*|__)?{_SPACE}*"
    rf"(?:{TIMED_LABEL_END}|(?=\n|$))"
    rf"(?:{_SPACE}*(?:\*\*|__))?"
)
# Q and A: `Q   text` (spaces or no-break spaces), `Q: text`, `Q. text`, `**A:** text`, `Question: text`.
_QA = re.compile(
    r"(?:\*\*|__)?(?P<label>Q|A|(?i:question|answer))(?:\*\*|__)?"
    r"(?:(?P<mark>[:.：])(?:\*\*|__)?[ \t\u00a0]*|(?P<space>[ \t\u00a0]+)|(?=\n|$))"
)
# `CHAIR ILVES. Good afternoon.`: an all-caps label closed by a full stop.
_STOP_LABEL = re.compile(
    r"(?P<label>(?:(?:MR|MS|MRS|MX|DR)\.[ \t\u00a0]+)?[A-Z][A-Z'’-]+(?:[ \t\u00a0][A-Z][A-Z'’-]+){0,3})"
    r"\.(?:[ \t\u00a0]+(?=\S)|[ \t\u00a0]*$)"
)
# `Senator Holm. Thank you.`, `Mr. INES. We will.`, `The Chairman. The committee will come to order.`:
# a word of address (`ADDRESS_WORDS`) then capitalised words, closed by a full stop.
_ADDRESS_LABEL = re.compile(
    r"(?P<label>(?P<lead>[A-Z][a-z]+)\.?(?:[ \t\u00a0]+[A-Z][A-Za-z'’-]+){1,3})\.(?:[ \t\u00a0]+(?=\S)|[ \t\u00a0]*$)"
)
# `Name -- Title`, `Name - Company - Title`, `Name — Title` alone on a line.
_DASH = re.compile(r"[ \t\u00a0]+(?:--|-|—|–)[ \t\u00a0]+")
# Each label pattern, tried in this order, with the characters one of which it must find on the label's
# line: a colon after a label, a bracket or parenthesis opening the time beside a timed label.
_LABEL_MARKS = ((_TIMED_LABEL, "[("), (_LABEL, ":："))
_COMPANY_END = re.compile(r"\b(?:Inc|Corp|Co|Ltd|Plc|LLC|L\.P|S\.A|N\.V|AG|SE)\.$", re.IGNORECASE)
# `Okafor: text`, `**Lind**: text`: one capitalised word in mixed case, and its colon.
_ONE_WORD_LABEL = re.compile(r"[ \t\u00a0]*(?:\*\*|__)?(?P<word>[A-Z](?=[\w'’-]*[a-z])[\w'’-]{2,30})(?:\*\*|__)?[ \t\u00a0]*[:：]")
_RECURRING = 3
# A bold line alone, the words below it (`**ADA BROOK**`), and what says a speaker goes on: `(CONT.)`, `(cont'd)`.
_BOLD_LINE = re.compile(r"[ \t\u00a0]*(?:\*\*|__)(?P<name>[^*_\n]{1,80}?)(?:\*\*|__)[ \t\u00a0]*(?=\n|$)")
_CONTINUED = re.compile(r"\((?i:cont(?:inued|inuing|['’]d|\.)?)\)")
_PLAIN_NEXT = re.compile(r"[A-Z0-9\"“'‘(-]")  # what an answer typed `A Right.` goes on with
_PLAIN_SHARE = 0.5  # plain `A ` answers per question that make an examination typed that way
_LINK = re.compile(r"https?:|www\.|//")
_ROLE_LINE = frozenset("operator moderator host presenter interviewer announcer".split())
_REPORTER_AT_END = re.compile(rf"\b{REPORTER_WORDS}\W*$", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?。！？…:;：；][\"”’)\]]*$")


@dataclass(frozen=True)
class Label:
    text: str  # as written, title included
    kind: str  # "person", "title", "reporter" or "note" (not speech: `Break:`)
    name: str | None  # a person's name, when the label has one
    content_start: int  # where the words begin; equals the paragraph end when alone


def find_labels(text: str, paras: tuple[Paragraph, ...]) -> dict[int, Label]:
    """The label of each labelled paragraph, by its index in `paras`."""
    bodies = [text[p.start:p.end] for p in paras]
    found: dict[int, Label] = {}
    asks: dict[int, Label] = {}
    answers: dict[int, Label] = {}
    for i, para in enumerate(paras):
        qa = _question_or_answer(text, para)
        if qa is not None:
            (asks if qa.kind == "reporter" else answers)[i] = qa
            continue
        label = _label(text, para)
        if label is None and i + 1 < len(paras):
            label = _line_before_words(bodies[i], para.end, bodies[i + 1])
        if label is not None:
            found[i] = label
    # A bare `Q ` is a reporter where the document asks that way more than once; `A` answers only there.
    if len(asks) >= 2 or any(_explicit(bodies[i]) for i in asks):
        found.update(asks)
        found.update(answers)
        # `Q Where?` / `A Home.`, one space after each: answers, where they come about as often as the questions.
        plain = {i: lab for i, para in enumerate(paras) if i not in found and (lab := _plain_answer(text, para))}
        if len(plain) >= _PLAIN_SHARE * len(asks) >= 1:
            found.update(plain)
    found.update(_dash_lines(bodies, paras, found))
    found.update(_bold_lines(text, paras, found))
    found.update(_stop_labels(text, paras, found))
    # A one-word label ("Lind:") counts only when it names someone labelled in full elsewhere, or opens
    # paragraph after paragraph of a document labelled elsewhere.
    known = known_names(found.values()) | _recurring_surnames(text, paras, found)
    for i, para in enumerate(paras):
        if i not in found:
            label = _label(text, para, known)
            if label is not None:
                found[i] = label
    for i in _header_fields(text, paras, found):
        del found[i]
    return found


def _header_fields(text: str, paras: tuple[Paragraph, ...], found: dict[int, Label]) -> list[int]:
    """`Channel: 56 - HARBOUR`, `Recorded On: 9/10/2025`: where the only labels are a few
    fields at the top of a long document, each used once and giving a short value, not a
    sentence, they are its header and the speech after them is no one's they name."""
    if not found or len(paras) < 10 or len(found) > 6 or max(found) > 6:
        return []
    if any(n > 1 for n in Counter(name_key(lab.text) for lab in found.values()).values()):
        return []
    for i, lab in found.items():
        value = text[lab.content_start:paras[i].end]
        if len(value.split()) > 12 or _TERMINAL.search(value):
            return []
    return list(found)


def _recurring_surnames(text: str, paras: tuple[Paragraph, ...], found: dict[int, Label]) -> frozenset[str]:
    """Capitalised words, never written in lower case, that open `_RECURRING` or more paragraphs as a label
    (`Okafor:`) in a document where other labels name people: a speaker known by one name, often
    the one interviewed, whose full name only the heading gives."""
    if not any(lab.kind == "person" for lab in found.values()):
        return frozenset()
    counts: Counter[str] = Counter()
    for i, para in enumerate(paras):
        if i not in found:
            m = _ONE_WORD_LABEL.match(text, para.start, para.end)
            if m:
                counts[m.group("word")] += 1
    # A name is capitalised wherever it is written; a word the text also writes in lower case ("Note:",
    # "... a note of ...") is a common one.
    return frozenset(w for w, n in counts.items()
                     if n >= _RECURRING and classify(w)[0] is None and not is_stopword(w)
                     and not re.search(rf"(?<!\w){re.escape(w.lower())}(?!\w)", text))


def known_names(labels) -> frozenset[str]:
    """The names labels give people, and each name's words: what a one-word label may refer to."""
    names = {lab.name for lab in labels if lab.name and lab.kind == "person"}
    tokens = {tok for n in names for tok in n.split() if len(tok) > 2 and tok.lower().strip(".") not in ADDRESS_WORDS}
    return frozenset(names | tokens)


def mid_labels(text, start, end, known):
    """A known speaker's label inside a paragraph, after a sentence end."""
    pattern = _mid_label_pattern(frozenset(known))
    if pattern is None:
        return []
    return [m for m in pattern.finditer(text, start, end) if m.end() < end]


@lru_cache(maxsize=4)  # one document's names, asked for at every paragraph
def _mid_label_pattern(known: frozenset[str]) -> re.Pattern | None:
    names = sorted((n for n in known if " " in n), key=len, reverse=True)
    if not names:
        return None
    return re.compile(
        r"(?<=[.!?。！？”\"’])[ \t\u00a0]+(?:[•·][ \t\u00a0]*)?(?P<label>"
        + "|".join(re.escape(n) for n in names)
        + r")[ \t\u00a0]*[:：][ \t\u00a0]*"
    )


# -- one paragraph --------------------------------------------------------------


def _label(text: str, para: Paragraph, known: frozenset[str] = frozenset()) -> Label | None:
    """A label opening the paragraph, after any time written before it."""
    lead = LEADING_TIME.match(text, para.start, para.end)
    start = lead.end() if lead else para.start
    line_end = text.find("\n", start, para.end)
    line_end = para.end if line_end < 0 else line_end
    for pattern, marks in _LABEL_MARKS:
        if not any(text.find(mark, start, line_end) >= 0 for mark in marks):
            continue  # the pattern cannot match: most paragraphs are speech, and are not tried at all
        m = pattern.match(text, start, para.end)
        if m and not _LINK.match(text, m.end(), para.end):  # "URL:https://...": an address, no one speaking
            raw = m.group("label").strip()
            kind, name = classify(clean_name(raw), known)
            if kind == "note":  # `**Break:** \\[17:22\\] to \\[19:53\\]`: the times are what it says
                return Label(raw, kind, None, _words_from(text, m.end(), para.end, False))
            if kind is not None:
                return Label(raw, kind, name, _words_from(text, m.end(), para.end))
    return _otter_label(text, para, known)


def _otter_label(text: str, para: Paragraph, known: frozenset[str]) -> Label | None:
    line_end = text.find("\n", para.start, para.end)
    line_end = para.end if line_end < 0 else line_end
    m = otter_line(text[para.start:line_end])
    if not m:
        return None
    kind, name = classify(clean_name(m.group("name")), known)
    if kind is None:
        return None
    return Label(m.group("name").strip(), kind, name, _words_from(text, line_end, para.end))


def _question_or_answer(text: str, para: Paragraph) -> Label | None:
    lead = LEADING_TIME.match(text, para.start, para.end)
    m = _QA.match(text, lead.end() if lead else para.start, para.end)
    if not m:
        return None
    word = m.group("label")
    asks = word.lower() in ("q", "question")
    if len(word) > 1 and not m.group("mark"):
        return None  # "Question" or "Answer" without a colon begins a sentence
    if not asks and not (m.group("mark") or (m.group("space") and _wide(m.group("space")))):
        return None  # "A new plan ..."
    return Label(word, "reporter" if asks else "person", None if asks else word, _words_from(text, m.end(), para.end))


def _plain_answer(text: str, para: Paragraph) -> Label | None:
    """`A Right.`, `A William Roe.`: an answer typed with one space, a label only in an examination
    typed that way throughout (see `find_labels`); elsewhere it begins a sentence ("A new plan")."""
    m = _QA.match(text, para.start, para.end)
    if not (m and m.group("label") == "A" and m.group("space") == " " and _PLAIN_NEXT.match(text, m.end(), para.end)):
        return None
    return Label("A", "person", "A", _words_from(text, m.end(), para.end))


def asks_or_answers(line: str) -> str | None:
    """"Q" or "A" where `line` opens with one as a label written plainly (`Q.`, `A:`, `Q` then several
    spaces, or one before a capital: `A Right.`): a line of an examination, in a text that asks with Q."""
    body = line.lstrip()
    m = _QA.match(body)
    if not (m and len(m.group("label")) == 1 and (m.group("mark") or (m.group("space") and (
            _wide(m.group("space")) or _PLAIN_NEXT.match(body, m.end()))))):
        return None
    return m.group("label")


def _explicit(body: str) -> bool:
    """`Q:`, `Q.` or Q then no-break or several spaces: a label however rarely it occurs (after any time)."""
    lead = LEADING_TIME.match(body)
    m = _QA.match(body[lead.end():] if lead else body.lstrip())
    return bool(m and (m.group("mark") or (m.group("space") and _wide(m.group("space")))))


def _wide(space: str) -> bool:
    return len(space) >= 2 or "\u00a0" in space or "\t" in space


def _line_before_words(body: str, end: int, following: str) -> Label | None:
    """A line that names who speaks next and nothing else: an outlet, `Operator`."""
    bare = body.strip(" *_:：\u00a0")
    if bare.lower() in _ROLE_LINE and "\n" not in bare:
        kind, name = classify(bare)
        return Label(bare, kind or "title", name, end)
    # "Tianmu journalist" alone on a line, then the question.
    words = body.split()
    if len(words) > 12 or _TERMINAL.search(body) or SENTENCE_WORDS & {w.lower() for w in words}:
        return None
    asks = "?" in following or "？" in following
    if not (_REPORTER_AT_END.search(body) or (asks and REPORTER.search(body))):
        return None
    return Label(body.strip(), "reporter", None, end)


def _words_from(text: str, pos: int, end: int, past_time: bool = True) -> int:
    """Where the words after a label begin: past spaces, line breaks and a time written there
    (bracketed, or bare closing the label's line: `Name: 00:00:07`)."""
    bare = CLOCK_CLOSING_LINE.match(text, pos, end) if past_time else None
    if bare:
        pos = bare.end()
    while pos < end and text[pos].isspace():
        pos += 1
    lead = LEADING_TIME.match(text, pos, end) if past_time else None
    if lead and lead.end() > pos:
        pos = lead.end()
        while pos < end and text[pos].isspace():
            pos += 1
    return pos


# -- layouts a document establishes ------------------------------------------------


def _dash_lines(bodies: list[str], paras: tuple[Paragraph, ...], found: dict[int, Label]) -> dict[int, Label]:
    """`Name -- Title` lines before the words, where the document has several of them."""
    lines: dict[int, Label] = {}
    for i, body in enumerate(bodies[:-1]):
        if i in found or i + 1 in found or "\n" in body:
            continue
        parts = _DASH.split(body.strip())
        if len(parts) < 2 or len(body.split()) > 16 or re.search(r"[?!:;]$", body):
            continue
        if body.endswith(".") and not _COMPANY_END.search(body):
            continue
        name = name_in(parts[0])
        if name is None or SENTENCE_WORDS & {w.lower() for w in body.split()}:
            continue
        rest = {w.strip(",.()").lower() for part in parts[1:] for w in part.split()}
        kind = "reporter" if rest & ASKER_WORDS or REPORTER.search(body) else "person"
        lines[i] = Label(body.strip(), kind, name, paras[i].end)
    return lines if len(lines) >= 2 else {}


def _bold_lines(text: str, paras: tuple[Paragraph, ...], found: dict[int, Label]) -> dict[int, Label]:
    """`**ADA BROOK**` or `**00:01:39 ADA BROOK**` alone on its line over the words, where the document
    is laid out so (several such lines); `(CONT.)` after the name says the speaker goes on."""
    lines: dict[int, Label] = {}
    for i, para in enumerate(paras):
        if i in found or not text.startswith(("**", "__"), para.start):
            continue
        m = BOLD_TIMED_LINE.match(text, para.start, para.end) or _BOLD_LINE.match(text, para.start, para.end)
        if not m:
            continue
        words_at = _words_from(text, m.end(), para.end)
        if words_at >= para.end and (i + 1 >= len(paras) or i + 1 in found):
            continue  # nothing of its own below it: a heading
        raw = _CONTINUED.sub("", m.group("name")).strip()
        kind, name = classify(clean_name(raw))
        if kind in ("person", "title", "reporter"):
            lines[i] = Label(raw, kind, name, words_at)
    return lines if len(lines) >= _RECURRING else {}


def _stop_labels(text: str, paras: tuple[Paragraph, ...], found: dict[int, Label]) -> dict[int, Label]:
    """`CHAIR ILVES. Good afternoon.`: accepted only where this is the document's layout (several
    paragraphs open so, a name recurs, and other labels are fewer), so that an all-caps word
    opening a paragraph elsewhere ("OKAY. So ...") is not a speaker."""
    candidates: dict[int, re.Match] = {}
    for i, para in enumerate(paras):
        if i in found:
            continue
        m = _STOP_LABEL.match(text, para.start, para.end) or _addressed(text, para)
        # A word whose full stop abbreviates it ("STATEMENT OF HON. ADA BROOK"): no label ends there.
        if m and m.group("label").split()[-1].casefold() not in ABBREVIATED:
            candidates[i] = m
    keys = Counter(name_key(m.group("label")) for m in candidates.values())
    if len(candidates) < 3 or max(keys.values(), default=0) < 2 or len(candidates) <= len(found):
        return {}
    full = {name_key(m.group("label")) for m in candidates.values() if len(m.group("label").split()) >= 2}
    surnames = {k.split()[-1] for k in full}
    labels: dict[int, Label] = {}
    for i, m in candidates.items():
        raw = " ".join(m.group("label").split())
        key = name_key(raw)
        if key not in full and key not in surnames:
            continue
        words = {w.lower() for w in raw.replace(".", " ").split()} - {"the"}
        kind = "title" if words <= TITLE_WORDS else "person"
        labels[i] = Label(raw, kind, raw if kind == "person" else None, _words_from(text, m.end(), paras[i].end))
    return labels


def _addressed(text: str, para: Paragraph) -> re.Match | None:
    """`Senator Holm. ...`: a mixed-case label after a word of address; after "The", a title alone."""
    lead = text[para.start:para.start + 16].split(None, 1)[0].rstrip(".").lower() if para.end > para.start else ""
    if lead not in ADDRESS_WORDS:  # most paragraphs open with another word, and are not tried
        return None
    m = _ADDRESS_LABEL.match(text, para.start, para.end)  # its lead is that first word, stop dropped
    if m is None:
        return None
    if m.group("lead") == "The" and not {w.lower() for w in m.group("label").split()[1:]} <= TITLE_WORDS:
        return None
    return m


__all__ = ["Label", "asks_or_answers", "find_labels", "known_names", "mid_labels"]
