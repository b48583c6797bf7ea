"""Speaker labels: where a paragraph says who speaks, in the layouts transcripts are written in.

- `Name: text`, `MS. WHITFIELD:  text`, `**Name:** text`, bullets, indents of spaces or
  no-break spaces; a label alone on its line, the words in the next paragraphs;
- reporters as a bare `Q` (`Q:`, `Q.`), answers as `A:` where the document asks with Q;
- a time beside the label: `[00:01:23] Name:`, `Name (00:01:23):`, `**Name** (00:01:23):`,
  `**Name:** \\[12:21\\]`, and `Name  0:03` or `Name: 00:00:07` alone on its line;
- `HON. A. VALE.- text`: in capitals, closed by a full stop and a dash (some Hansards); a label
  wrapped at its bracket onto the next line of a printed record;
- `Operator` alone on a line; a reporter's outlet alone on its line before the question;
- the layouts a whole document must establish (`label_layouts`): `Name -- Title` alone on a line
  (earnings calls), a bold name or a Markdown heading alone over the words, `CHAIR ILVES. Good
  afternoon.` closed by a full stop, and a one-word label that recurs.

A header's fields (`AGENCY: PORT OFFICE`) look like labels, and are not (`fields`).

Labels are accepted only when they read as a person, a title or a news outlet, so
summary lines such as `Ministry of ...: Strengthen industry guidance` stay narration.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .cleaning import SPOKEN_BY, clean_name
from .fields import fields_before_speech, only_fields
from .label_layouts import (bold_lines, bold_questions, bracketed_labels, dash_lines, name_over_affiliation,
                            recurring_surnames, stop_labels)
from .layout import Paragraph
from .names import ADDRESS_WORDS, ASKER_WORDS, REPORTER, REPORTER_WORDS, SENTENCE_WORDS, classify
from .records import Label
from .timestamps import BRACKETED, LEADING_TIME, TIME_IN_BOLD_LABEL, TIMED_LABEL_END, otter_line, words_from

_SPACE = r"[ \t\u00a0]"
_LABEL = re.compile(
    r"(?P<bullet>[ \t\u00a0]*(?:[•·▪●◦‣*+-][ \t\u00a0]+)?)"
    r"(?P<open>\*\*|__)?"
    # a bracket in a label may wrap onto the next line: `Mr. Vale (Norway) (spoke in\nFrench):`
    r"(?P<label>(?:[^:：\n*(]|\([^():：\n*]{0,60}\n?[^():：\n*]{0,60}\)|\(){1,200}?)[ \t\u00a0]*"
    r"(?:\*\*|__)?[ \t\u00a0]*[:：](?:[ \t\u00a0]*(?:\*\*|__))?[ \t\u00a0\u2003]*"
)
# `Name (00:01:23): text`, `Name (00:01:23) - text`, `**Name** (00:01:23): text`, or the same alone on its line.
_TIMED_LABEL = re.compile(
    rf"(?:\*\*|__)?(?P<label>[^\n:：()*]{{1,160}}?)(?:\*\*|__)?{_SPACE}*{BRACKETED}{_SPACE}*(?:\*\*|__)?{_SPACE}*"
    rf"(?:{TIMED_LABEL_END}|(?=\n|$))"
    rf"(?:{_SPACE}*(?:\*\*|__))?"
)
# Q and A: `Q   text` (spaces or no-break spaces), `Q: text`, `Q. text`, `**A:** text`, `Question: text`; the
# questions from the floor numbered (`Q1: text`, `Q3a2: text`, `Question 4: text`, with a colon only).
_QA = re.compile(
    r"(?:\*\*|__)?(?P<label>(?:Q|(?i:question))(?P<number>[ \t]?\d{1,3}(?:[a-z]\d{0,2})?)?|A|(?i:answer))(?:\*\*|__)?"
    r"(?:(?P<mark>[:.：])(?:\*\*|__)?[ \t\u00a0]*|(?P<space>[ \t\u00a0]+)|(?=\n|$))"
)
# `HON. A. VALE.- Mr. Speaker, Sir, ...`: in capitals, closed by a full stop and a dash, as some Hansards
# write it (`Part II.- Imposition of Tax` heads a part of a bill).
_DASH_CLOSED_LABEL = re.compile(r"(?P<label>[^\n:：a-z]{1,80}?)\.[-—–][ \t\u00a0]*")
# A name linked to a page about them, as a Markdown transcript writes a speaker the first time:
# `**[Ada Brook](https://example.org/ada):** text`.
_LINKED_LABEL = re.compile(r"[ \t\u00a0]*(?:\*\*|__)?\[(?P<label>[^\]\n]{1,80})\]\([^()\s]*\)[ \t\u00a0]*(?:\*\*|__)?"
                           r"[ \t\u00a0]*[:：](?:[ \t\u00a0]*(?:\*\*|__))?[ \t\u00a0]*")
# Each label pattern, tried in this order, with the marks one of which it must find on the label's
# line: a bracket or parenthesis opening the time beside a timed label, a linked name, a colon after a
# label, a full stop and a dash.
_LABEL_MARKS = ((_TIMED_LABEL, ("[", "(")), (_LINKED_LABEL, ("](",)), (_LABEL, (":", "：")),
                (_DASH_CLOSED_LABEL, (".-", ".—", ".–")))
_PLAIN_NEXT = re.compile(r"[A-Z0-9\"“'‘(-]")  # what an answer typed `A Right.` goes on with
_PLAIN_SHARE = 0.5  # plain `A ` answers per question that make an examination typed that way
_LINK = re.compile(r"https?:|www\.|//")
_ROLE_LINE = frozenset("operator moderator host presenter interviewer announcer".split())
_REPORTER_AT_END = re.compile(rf"\b{REPORTER_WORDS}\W*$", re.IGNORECASE)
_ASKER_AT_END = re.compile(rf"\b(?:{'|'.join(sorted(ASKER_WORDS))})\W*$", re.IGNORECASE)
_ASKER_LINE_WORDS = 4
_TERMINAL = re.compile(r"[.!?。！？…:;：；][\"”’)\]]*$")


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
        label = _label(text, para) or _bracketed_asker(text, para)
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
    found.update(dash_lines(bodies, paras, found))
    for i, lab in name_over_affiliation(bodies, paras, found).items():
        if lab is None:
            found.pop(i, None)
        else:
            found[i] = lab
    found.update(bold_lines(text, paras, found))
    found.update(stop_labels(text, paras, found))
    found.update(bracketed_labels(text, paras, found))
    # A one-word label ("Lind:") counts only when it names someone labelled in full elsewhere, or opens
    # paragraph after paragraph of a document labelled elsewhere.
    known = known_names(found.values()) | recurring_surnames(text, paras, found)
    for i, para in enumerate(paras):
        if i not in found:
            label = _label(text, para, known)
            if label is not None:
                found[i] = label
    found.update(bold_questions(text, paras, found))
    found.update(_office_on_the_line_before(text, paras, bodies, found))
    for i in only_fields(text, paras, found):
        del found[i]
    for i in fields_before_speech(text, paras, found):  # a header's fields: no one speaks under them
        found[i] = replace(found[i], kind="note", name=None)
    return found


_SURNAME_LABEL = re.compile(r"[ \t]*([A-Z][\w'’.-]*)[ \t]*:[ \t]*")
_OFFICE_LINE = 30  # characters of a line holding a label's office alone


def _office_on_the_line_before(text, paras, bodies, found) -> dict[int, Label]:
    """A label whose office a PDF's text left on a line of its own (`Commissioner` / `Vale:   Thank you.`),
    where the document labels the same person so elsewhere (`Commissioner Vale:`): the label is the
    office's paragraph, its words begin after the surname."""
    whole = {" ".join(lab.text.split()): lab for lab in found.values() if lab.kind in ("person", "title")}
    out = {}
    for i in range(len(paras) - 1):
        if i in found or i + 1 in found or len(bodies[i]) > _OFFICE_LINE:
            continue
        m = _SURNAME_LABEL.match(bodies[i + 1])
        if m is None:
            continue
        office = " ".join(bodies[i].split())
        same = whole.get(f"{office} {m.group(1)}")
        if same is not None and classify(office)[0] == "title":
            out[i] = Label(same.text, same.kind, same.name, paras[i + 1].start + m.end())
    return out


def known_names(labels) -> frozenset[str]:
    """The names labels give people, and each name's words: what a one-word label may refer to."""
    names = {lab.name for lab in labels if lab.name and lab.kind == "person"}
    tokens = {tok for n in names for tok in n.split() if len(tok) > 2 and tok.lower().strip(".") not in ADDRESS_WORDS}
    return frozenset(names | tokens)


def mid_labels(text, start, end, known):
    """A known speaker's label inside a paragraph, after a sentence end, or where it cuts the words off
    with a dash (a printed record of a call, where people talk over each other)."""
    pattern = _mid_label_pattern(frozenset(known))
    if pattern is None:
        return []
    return [m for m in pattern.finditer(text, start, end) if m.end() < end and _opens_there(text, start, m.start())]


@lru_cache(maxsize=4)  # one document's names, asked for at every paragraph
def _mid_label_pattern(known: frozenset[str]) -> re.Pattern | None:
    names = sorted((n for n in known if " " in n), key=len, reverse=True)
    if not names:
        return None
    # The names alone, so that the search runs on their first letters; what must stand before one is
    # checked where one is found (`_opens_there`).
    return re.compile(r"(?P<label>" + "|".join(re.escape(n) for n in names) + r")[ \t\u00a0]*[:：][ \t\u00a0]*")


_SENTENCE_END = frozenset(".!?。！？”\"’")
_SPACES = frozenset(" \t\u00a0")


def _opens_there(text: str, start: int, at: int) -> bool:
    """Whether a label at `at` opens a turn: after a sentence's end and a space (a bullet between them
    may stand), or glued to the dash of words cut off ("At this time-DOUG VALE:")."""
    if at - 2 >= start and text[at - 1] == "-" and ("a" <= text[at - 2] <= "z" or text[at - 2] == ","):
        return True
    j = at
    while j > start and text[j - 1] in _SPACES:
        j -= 1
    if j > start and text[j - 1] in "•·":
        j -= 1
        if not (j > start and text[j - 1] in _SPACES):
            return False
        while j > start and text[j - 1] in _SPACES:
            j -= 1
    return j < at and j > start and text[j - 1] in _SENTENCE_END


# -- one paragraph --------------------------------------------------------------


def _label(text: str, para: Paragraph, known: frozenset[str] = frozenset()) -> Label | None:
    """A label opening the paragraph, after any time written before it (or inside its bold)."""
    lead = LEADING_TIME.match(text, para.start, para.end) or TIME_IN_BOLD_LABEL.match(text, para.start, para.end)
    start = lead.end() if lead else para.start
    line_end = text.find("\n", start, para.end)
    line_end = para.end if line_end < 0 else line_end
    end = _bracket_closed(text, start, line_end) if line_end == para.end else para.end
    if end > para.end:
        line_end = end
    for pattern, marks in _LABEL_MARKS:
        if not any(text.find(mark, start, line_end) >= 0 for mark in marks):
            continue  # the pattern cannot match: most paragraphs are speech, and are not tried at all
        m = pattern.match(text, start, end)
        if m and not _LINK.match(text, m.end(), end):  # "URL:https://...": an address, no one speaking
            raw = " ".join(m.group("label").split()) if end > para.end else m.group("label").strip()
            if raw.count("(") > raw.count(")"):
                continue  # the colon is inside brackets: "... the Harbour Post (Photo: Ada Brook)" is a caption
            if SPOKEN_BY.match(raw) and not text[m.end():line_end].strip():
                return None  # `BY MS. VALE:` alone heads an examination: it names who asks the `Q` lines, and says nothing
            kind, name = classify(clean_name(raw), known)
            if kind == "note":  # `**Break:** \\[17:22\\] to \\[19:53\\]`: the times are what it says
                return Label(raw, kind, None, words_from(text, m.end(), end, False))
            if kind is not None:
                return Label(raw, kind, name, words_from(text, m.end(), end))
    return _otter_label(text, para, known)


_BRACKETED_LABEL = re.compile(r"\[[ \t]*(?P<label>[A-Z][\w' -]{0,30}?)[ \t]*:[ \t]*")


def in_brackets(text: str, para: Paragraph) -> bool:
    """Whether the paragraph is written whole in square brackets (`[Audience member: ...?]`)."""
    return text.startswith("[", para.start) and text.endswith("]", para.start, para.end)


def _bracketed_asker(text: str, para: Paragraph) -> Label | None:
    """A question from the floor the record gives whole in brackets, `[Audience member: Can you ...?]`:
    the asker's turn (a bracket with another kind of label is a note, `[Note: ...]`)."""
    if not in_brackets(text, para):
        return None
    m = _BRACKETED_LABEL.match(text, para.start, para.end)
    if m is None:
        return None
    kind, name = classify(m.group("label"))
    return Label(m.group("label"), kind, name, m.end()) if kind == "reporter" else None


def _bracket_closed(text: str, start: int, line_end: int) -> int:
    """Where to look for a label that opens a line of its own: to the end of the next line when a
    bracket is left open at the line's end (a printed record wraps a long label,
    `Mr. Vale (Norway) (spoke in` / `French): We thank ...`), else the line's end."""
    if text.count("(", start, line_end) <= text.count(")", start, line_end):
        return line_end
    if not text.startswith("\n", line_end) or text.startswith("\n", line_end + 1):
        return line_end
    nxt = text.find("\n", line_end + 1)
    return len(text) if nxt < 0 else nxt


def _otter_label(text: str, para: Paragraph, known: frozenset[str]) -> Label | None:
    line_end = text.find("\n", para.start, para.end)
    line_end = para.end if line_end < 0 else line_end
    m = otter_line(text[para.start:line_end])
    if not m:
        return None
    kind, name = classify(clean_name(m.group("name")), known)
    if kind is None:
        return None
    return Label(m.group("name").strip(), kind, name, words_from(text, line_end, para.end))


def _question_or_answer(text: str, para: Paragraph) -> Label | None:
    lead = LEADING_TIME.match(text, para.start, para.end)
    m = _QA.match(text, lead.end() if lead else para.start, para.end)
    if not m:
        return None
    word = m.group("label")
    asks = word[0] in "Qq"
    if m.group("number") and m.group("mark") not in (":", "："):
        return None  # "Q3 revenue ...", "Question 2. ...": a quarter, a heading's number
    if len(word) > 1 and not m.group("mark"):
        return None  # "Question" or "Answer" without a colon begins a sentence
    if not asks and not (m.group("mark") or (m.group("space") and _wide(m.group("space")))):
        return None  # "A new plan ..."
    return Label(word, "reporter" if asks else "person", None if asks else word, words_from(text, m.end(), para.end))


def _plain_answer(text: str, para: Paragraph) -> Label | None:
    """`A Right.`, `A William Roe.`: an answer typed with one space, a label only in an examination
    typed that way throughout (see `find_labels`); elsewhere it begins a sentence ("A new plan")."""
    m = _QA.match(text, para.start, para.end)
    if not (m and m.group("label") == "A" and m.group("space") == " " and _PLAIN_NEXT.match(text, m.end(), para.end)):
        return None
    return Label("A", "person", "A", words_from(text, m.end(), para.end))


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
    # `Unidentified Analyst` alone on a line, as a call's transcript writes an asker it cannot name.
    analyst = len(words) <= _ASKER_LINE_WORDS and _ASKER_AT_END.search(body)
    if not (_REPORTER_AT_END.search(body) or (asks and REPORTER.search(body)) or analyst):
        return None
    return Label(body.strip(), "reporter", None, end)


__all__ = ["Label", "asks_or_answers", "find_labels", "in_brackets", "known_names", "mid_labels"]
