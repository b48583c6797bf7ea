"""Labels a document's layout establishes, each accepted only where the document is laid out so:
a name and its office on dash-separated lines over the words, a bold name or a Markdown heading alone
over them, an all-caps name closed by a full stop, and one capitalised word that opens paragraph after
paragraph as a label."""

from __future__ import annotations

import re
from collections import Counter

from .cleaning import clean_name
from .layout import Paragraph
from .names import (ABBREVIATED, ADDRESS_WORDS, affiliated, ASKER_WORDS, OFFICE_WORDS, PRESIDING_WORDS, REPORTER, SENTENCE_WORDS,
                    TITLE_WORDS, classify, name_in, name_key)
from .records import Label
from .timestamps import BOLD_TIMED_LINE, LEADING_TIME, words_from
from .words import is_stopword

# `CHAIR ILVES. Good afternoon.`: an all-caps label closed by a full stop.
_STOP_LABEL = re.compile(
    r"(?P<label>(?:(?:MR|MS|MRS|MX|DR)\.[ \t\u00a0]+)?[A-Z][A-Z'’-]+(?:[ \t\u00a0][A-Z][A-Z'’-]+){0,3})"
    r"\.(?:[ \t\u00a0]+(?=\S)|[ \t\u00a0]*$)"
)
# `Senator Holm. Thank you.`, `Mr. INES. We will.`, `The Chairman. The committee will come to order.`:
# a word of address (`ADDRESS_WORDS`) then capitalised words, closed by a full stop.
# The Congressional Record adds the member's state, or the presiding officer's standing: `Mr. HOLM of
# Ohio.`, `The SPEAKER pro tempore.`
_ADDRESS_LABEL = re.compile(
    r"(?P<label>(?P<lead>[A-Z][a-z]+)\.?(?:[ \t\u00a0]+[A-Z][A-Za-z'’-]+){1,3}"
    r"(?:[ \t\u00a0]+of(?:[ \t\u00a0]+[A-Z][A-Za-z'’-]+){1,3}|[ \t\u00a0]+pro[ \t\u00a0]+tempore)?)"
    r"\.(?:[ \t\u00a0]+(?=\S)|[ \t\u00a0]*$)"
)
# What may follow "The" in such a label: a title alone (`The CHIEF JUSTICE.`, `The ACTING PRESIDENT pro tempore.`).
_PRESIDING_TITLE = TITLE_WORDS | OFFICE_WORDS | PRESIDING_WORDS | {"pro", "tempore", "acting"}
# `Name -- Title`, `Name - Company - Title`, `Name — Title` alone on a line.
_DASH = re.compile(r"[ \t\u00a0]+(?:--|-|—|–)[ \t\u00a0]+")
_COMPANY_END = re.compile(r"\b(?:Inc|Corp|Co|Ltd|Plc|LLC|L\.P|S\.A|N\.V|AG|SE)\.$", re.IGNORECASE)
# `Okafor: text`, `**Lind**: text`: one capitalised word in mixed case, and its colon; or one capital letter
# standing for a role (`P:` for the pilot, `R:` for the respondent).
_ONE_WORD_LABEL = re.compile(r"[ \t\u00a0]*(?:\*\*|__)?(?P<word>[A-Z](?=[\w'’-]*[a-z])[\w'’-]{2,30}|[A-Z])(?:\*\*|__)?[ \t\u00a0]*[:：]")
_RECURRING = 3
_NAME_LINE = 60  # the longest line a name alone takes
_INITIALS_LABEL = re.compile(r"[ \t\u00a0]*(?:\*\*|__)?(?P<word>[A-Z]{2,3})(?:\*\*|__)?[ \t\u00a0]*[:：]")
_SPEECH = re.compile(r"[a-z]")  # a lower-case letter: words said, not a name or a field's value in capitals
# A bold line alone, the words below it (`**ADA BROOK**`), and what says a speaker goes on: `(CONT.)`, `(cont'd)`.
_BOLD_LINE = re.compile(r"[ \t\u00a0]*(?:\*\*|__)(?P<name>[^*_\n]{1,80}?)(?:\*\*|__)[ \t\u00a0]*(?=\n|$)")
# The same in italics (`*Ada Brook*`, `_Moderator_`), as a chat platform's export sets its speakers.
_ITALIC_LINE = re.compile(r"[ \t\u00a0]*(?P<mark>\*|_)(?![*_\s])(?P<name>[^*_\n]{1,80}?)(?<!\s)(?P=mark)[ \t\u00a0]*(?=\n|$)")
_ONE_NAME = re.compile(r"[A-Z][\w'’-]{1,30}")
_HEADING_LINE = re.compile(r"[ \t]*#{1,6}[ \t]+(?:\*\*|__)?(?P<name>[^*_#\n]{1,80}?)(?:\*\*|__)?[ \t]*#*[ \t]*(?=\n|$)")
# A paragraph in bold from end to end, of a sentence's length at least.
_BOLD_PARAGRAPH = re.compile(r"[ \t]*\*\*(?=\S)[^\n]*?\S.{20,}?\*\*[ \t]*", re.DOTALL)
_CONTINUED = re.compile(r"\((?i:cont(?:inued|inuing|['’]d|\.)?)\)")


def dash_lines(bodies: list[str], paras: tuple[Paragraph, ...], found: dict[int, Label]) -> dict[int, Label]:
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


def name_over_affiliation(bodies: list[str], paras: tuple[Paragraph, ...], found: dict[int, Label]) -> dict[int, Label]:
    """A name alone on its line, its company and office on the next (`Harbour Freight, Inc. - CFO`), then the
    words: a call's transcript as a conference service prints it, where the document has several of them.
    The label takes both lines; an analyst's office makes an asker. The office's line, read alone as an
    asker's label (`Quay Securities - Senior Analyst` over a question), is part of this one: its key is None."""
    lines: dict[int, Label | None] = {}
    for i in range(len(bodies) - 2):
        if i in found or i + 2 in found or i in lines:
            continue
        kind = speaker_over_office(bodies[i], bodies[i + 1])
        if kind is None or not _SPEECH.search(bodies[i + 2]):
            continue
        name = bodies[i].strip()
        lines[i] = Label(name, kind, name, paras[i + 1].end)
        lines[i + 1] = None
    return lines if sum(lab is not None for lab in lines.values()) >= 2 else {}


def speaker_over_office(name_line: str, office_line: str) -> str | None:
    """The kind of speaker ("reporter" for an analyst, else "person") a line holding a name alone makes over a
    line holding their company and office set off by a dash (`Harbour Freight, Inc. - CFO`); None where the two
    lines are not that."""
    name, office = name_line.strip(), office_line.strip()
    if "\n" in name or "\n" in office or len(name) > _NAME_LINE or not _DASH.search(office):
        return None
    if len(office.split()) > 16 or re.search(r"[?!:;]$", office) or name_in(name) != name:
        return None
    # Words of a sentence, in lower case ("says", "will"): a capitalised one is a name's (`United States`).
    if office.endswith(".") and not _COMPANY_END.search(office) or SENTENCE_WORDS & {w for w in office.split() if w.islower()}:
        return None
    rest = {w.strip(",.()").lower() for w in office.split()}
    return "reporter" if rest & ASKER_WORDS or REPORTER.search(office) else "person"


def bold_lines(text: str, paras: tuple[Paragraph, ...], found: dict[int, Label]) -> dict[int, Label]:
    """`**ADA BROOK**` or `**00:01:39 ADA BROOK**` alone on its line over the words, where the document
    is laid out so (several such lines); `(CONT.)` after the name says the speaker goes on. A Markdown
    heading (`### Ada Brook`, `### **Karl Vale (Harbour Post)**`) counts where a name heads turns again
    and again, and not where its words are common ones, so that a document's sections are not its
    speakers."""
    lines: dict[int, Label] = {}
    headings: set[int] = set()
    one_name: dict[int, tuple[str, int]] = {}  # a line of one word no list knows: a name where it heads turns again and again
    for i, para in enumerate(paras):
        if i in found or not text.startswith(("*", "_", "#"), para.start):
            continue
        if text.startswith("#", para.start):
            m = _HEADING_LINE.match(text, para.start, para.end)
            headings.add(i)
        else:
            m = (BOLD_TIMED_LINE.match(text, para.start, para.end) or _BOLD_LINE.match(text, para.start, para.end)
                 or _ITALIC_LINE.match(text, para.start, para.end))
        if not m:
            continue
        words_at = words_from(text, m.end(), para.end)
        if words_at >= para.end and (i + 1 >= len(paras) or i + 1 in found):
            continue  # nothing of its own below it: a heading
        raw = _CONTINUED.sub("", m.group("name")).strip()
        kind, name = classify(clean_name(raw))
        if kind is None and i not in headings and _ONE_NAME.fullmatch(raw) and not is_stopword(raw):
            one_name[i] = (raw, words_at)
        elif kind in ("person", "title", "reporter") and not (i in headings and _common_words(raw, text)):
            lines[i] = Label(raw, kind, name, words_at)
    heads = Counter(name_key(lab.text) for i, lab in lines.items() if i in headings)
    if heads and max(heads.values()) < _RECURRING:
        lines = {i: lab for i, lab in lines.items() if i not in headings}
    # A name is capitalised wherever it is written (`*Ada*`, and never the word "ada" elsewhere).
    names = Counter(word for word, _ in one_name.values())
    full = {lab.name for lab in lines.values() if lab.name and " " in lab.name}
    for i, (word, words_at) in one_name.items():
        if names[word] >= _RECURRING and not _written_in_lower_case(word, text):
            fuller = [n for n in full if word in n.split()]  # `*Ada*` where `*Ada Brook*` heads a turn too
            lines[i] = Label(word, "person", fuller[0] if len(fuller) == 1 else word, words_at)
    return lines if len(lines) >= _RECURRING else {}


def bold_questions(text: str, paras: tuple[Paragraph, ...], found: dict[int, Label]) -> dict[int, Label]:
    """An interview printed as a magazine prints one, where labels are few or none: the interviewer's
    words a paragraph in bold (`**How will the city pay for it?**`), the answer the plain paragraphs
    after it. Where several bold paragraphs alternate with plain ones and most of them ask, each is an
    asker's turn and the plain paragraphs after it the answer, both named by no one; the paragraphs
    before the first question are narration each."""
    bold = [i for i, p in enumerate(paras) if i not in found and _BOLD_PARAGRAPH.fullmatch(text, p.start, p.end)]
    if len(found) * 2 >= len(bold):
        return {}  # labels say who speaks: bold is emphasis
    asking = [i for i in bold if "?" in text[paras[i].start:paras[i].end]]
    if len(bold) < _RECURRING or len(asking) * 2 < len(bold):
        return {}
    answered = [i + 1 for i in bold if i + 1 < len(paras) and i + 1 not in bold and i + 1 not in found]
    if len(answered) * 2 < len(bold):
        return {}  # bold running on, paragraph after paragraph: emphasis, not questions
    # The paragraphs before the first question are narration each, as in a document no label marks at
    # all; an answer is the words of the one asked, named by no one.
    labels = {i: Label("", "note", None, p.start) for i, p in enumerate(paras[:bold[0]]) if i not in found}
    labels.update({i: Label("", "person", None, paras[i].start) for i in answered})
    labels.update({i: Label("", "reporter", None, paras[i].start) for i in bold})
    return labels


def _common_words(heading: str, text: str) -> bool:
    """Whether a heading's words, titles and a bracketed affiliation aside, are all written in lower
    case elsewhere in the text (`Board Meeting Minutes`), as a name's are not all (`Ada Read`)."""
    who = [w for w in affiliated(clean_name(heading))[0].split() if w.lower() not in ADDRESS_WORDS]
    return bool(who) and all(re.search(rf"(?<![\w.]){re.escape(w.lower())}(?!\w)", text) for w in who)


def stop_labels(text: str, paras: tuple[Paragraph, ...], found: dict[int, Label]) -> dict[int, Label]:
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
        labels[i] = Label(raw, kind, raw if kind == "person" else None, words_from(text, m.end(), paras[i].end))
    return labels


# `(PERSON2) Yes, okay.`: a speaker in round brackets opening the line, as a meeting corpus that hides its
# speakers' names writes them: a name, or a placeholder with its number.
_BRACKET_LABEL = re.compile(r"[ \t\u00a0]*\((?P<name>[A-Z][\w'’. -]{0,40}?)\)[ \t\u00a0]+(?=\S)")
_NUMBERED = re.compile(r"[A-Z][A-Za-z]*[ _-]?\d{1,3}")


def bracketed_labels(text: str, paras: tuple[Paragraph, ...], found: dict[int, Label]) -> dict[int, Label]:
    """`(PERSON2) Yes, okay.`: accepted where at least two such labels each open several paragraphs, so that a
    note in brackets ("(Laughter) Thank you.") or an aside opening one paragraph is no speaker."""
    labels: dict[int, Label] = {}
    for i, para in enumerate(paras):
        m = None if i in found else _BRACKET_LABEL.match(text, para.start, para.end)
        if m is None:
            continue
        raw = m.group("name")
        kind, name = ("person", raw) if _NUMBERED.fullmatch(raw) else classify(clean_name(raw))
        if kind in ("person", "reporter") and name:
            labels[i] = Label(raw, kind, name, words_from(text, m.end(), para.end))
    counts = Counter(lab.name for lab in labels.values())
    # Once the layout is the document's, a speaker who opens only a line or two is a speaker too.
    return labels if sum(n >= _RECURRING for n in counts.values()) >= 2 else {}


def _addressed(text: str, para: Paragraph) -> re.Match | None:
    """`Senator Holm. ...`: a mixed-case label after a word of address; after "The", a title alone."""
    lead = text[para.start:para.start + 16].split(None, 1)[0].rstrip(".").lower() if para.end > para.start else ""
    if lead not in ADDRESS_WORDS:  # most paragraphs open with another word, and are not tried
        return None
    m = _ADDRESS_LABEL.match(text, para.start, para.end)  # its lead is that first word, stop dropped
    if m is None:
        return None
    if m.group("lead") == "The" and not {w.lower() for w in m.group("label").split()[1:]} <= _PRESIDING_TITLE:
        return None
    return m


def _written_in_lower_case(word: str, text: str) -> bool:
    """Whether `text` writes `word` in lower case somewhere: a common word, not a name. A link's or a
    file's name (`/ada-okafor-talk/`) writes names in lower case too: words joined by a hyphen, a
    slash or a dot do not count."""
    return re.search(rf"(?<![\w/.-]){re.escape(word.lower())}(?![\w/.-])", text) is not None


def recurring_surnames(text: str, paras: tuple[Paragraph, ...], found: dict[int, Label]) -> frozenset[str]:
    """Capitalised words, never written in lower case, that open `_RECURRING` or more paragraphs as a label
    (`Okafor:`) in a document where other labels name people or an asker (`Interviewer:`): a speaker
    known by one name, often the one interviewed, whose full name only the heading gives. Where no
    label names anyone, two or more such words are a conversation of people each known by one name
    (`Ada:` ... `Tomas:`)."""
    counts: Counter[str] = Counter()
    initials: Counter[str] = Counter()
    for i, para in enumerate(paras):
        if i not in found:
            lead = LEADING_TIME.match(text, para.start, para.end)  # `[00:17] **Okafor**:`
            start = lead.end() if lead else para.start
            m = _ONE_WORD_LABEL.match(text, start, para.end)
            if m:
                counts[m.group("word")] += 1
            elif (m := _INITIALS_LABEL.match(text, start, para.end)) and _SPEECH.search(text, m.end(), para.end):
                initials[m.group("word")] += 1
    # A name is capitalised wherever it is written; a word the text also writes in lower case ("Note:",
    # "... a note of ...") is a common one. A letter alone is no word of the text ("p" in "p.m.").
    words = frozenset(w for w, n in counts.items()
                      if n >= _RECURRING and classify(w)[0] is None and not is_stopword(w)
                      and (len(w) == 1 or not _written_in_lower_case(w, text)))
    # Initials that spell a word (`AM:` for an audience member), opening speech again and again; not a
    # field's name over a list (`BY: ADA BROOK, ESQ.`).
    words |= {w for w, n in initials.items() if n >= _RECURRING and classify(w)[0] is None}
    # An asker's label (`Interviewer:`) says someone is answered: the one-word name beside it.
    named = any(lab.kind in ("person", "reporter") for lab in found.values())
    return words if named or len(words) >= 2 else frozenset()


__all__ = ["bold_lines", "bold_questions", "dash_lines", "recurring_surnames", "stop_labels"]
