"""Speaker turns: who said which span of a transcript.

The labels (`corpus.labels`) say where each speaker begins. A paragraph without a
label continues the turn before it; a short unpunctuated headline just before a
label is the editor's, not the speaker's, and so is a time of day standing alone
(`1:59 P.M. EDT`, `END 2:21 P.M.`). A speaker's label inside a paragraph, after a
sentence end, starts a new turn. A text with no labels at all is narration, one
turn per paragraph. Roles and question links come last (`corpus.roles`).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import replace

from .assembly import MAX_PARAGRAPH_WORDS, PARAGRAPH_WORDS, SENTENCE_END
from .boilerplate import is_boilerplate_at
from .cleaning import clean_name
from .fields import listed, one_speaker_field
from .labels import Label, find_labels, in_brackets, known_names, mid_labels
from .layout import Paragraph, blank_line_within, strip_span
from .names import ADDRESS_WORDS, classify
from .records import Turn
from .roles import settle_roles, settle_turns
from .timestamps import is_time_of_day, time_alone

# A headline ends without a sentence's punctuation; an interrupted sentence ends with a dash.
_INTERJECTION_WORDS = 2
_TERMINAL = re.compile(r"(?:[.!?。！？…:;：；,，]|--|[—–-])[\"”’)\]]*$")


def parse_turns(text: str, paras: tuple[Paragraph, ...]) -> tuple[Turn, ...]:
    # A time alone (`[00:12:04]`) is no one's words: the turns after it are cited at it (`timestamps`).
    paras = tuple(p for p in paras if not is_boilerplate_at(text, p.start, p.end) and not time_alone(text, p.start, p.end))
    labels = find_labels(text, paras)
    if not labels:
        return _narration(text, paras)
    known = known_names(labels.values())
    headings = _headings(text, paras, labels)
    segments = _segments(text, paras, labels, headings, known)
    turns = [_turn(seg, _is_roster(text, *seg)) for seg in segments if seg[1] > seg[0]]
    return settle_roles(text, turns)


def speaker_names(turns: tuple[Turn, ...]) -> list[str]:
    """Distinct speakers in order of first appearance."""
    return list(dict.fromkeys(t.speaker for t in turns if t.speaker))


_HEADER = 2000  # characters of a document where a header's fields stand
_UNLABELLED_SHARE = 0.8  # of the words in turns, at least, unlabelled after the header
_SAID_LINE = re.compile(r"[\"“'‘]?[^\W_][^\n]*?[a-z]")  # opens with a word, and some in lower case
_NOT_SAID = re.compile(r"[ \t]*(?:[\[(#]|```|~~~)")


def named_in_full(turns: tuple[Turn, ...], listed: tuple[str, ...],
                  spelt: dict[str, str] | None = None) -> tuple[Turn, ...]:
    """Turns labelled with a speaker's initials (`AA:`) or one of their names (`Ada:`) given the
    name the document lists for them (its front matter's speakers, or the names its opening gives),
    where one listed name has those initials, or that first or last name, or where the list spells
    the label out (`spelt`: `{"LHM": "Lars Holm"}`), or failing those the one name other labels give
    in full with those initials; the label stays as written."""
    by_initials: dict[str, list[str]] = {}
    by_word: dict[str, list[str]] = {}
    for name in listed:
        words = name.split()
        by_initials.setdefault(_initials(name), []).append(name)
        if len(words) >= 2:
            # `Senator:` is the office of "Senator Black", not a name of his
            for word in {words[0], words[-1]} - {w for w in words if w.lower().strip(".") in ADDRESS_WORDS}:
                by_word.setdefault(word, []).append(name)
    named = {s: names[0] for s, names in by_initials.items() if len(names) == 1 and 2 <= len(s) <= 4}
    named.update((w, names[0]) for w, names in by_word.items() if len(names) == 1 and len(w) > 2)
    named.update(spelt or {})
    # The initials of a name a label gives in full elsewhere (`**Ada Brook:**` once, then `**AB:**`).
    labelled: dict[str, set[str]] = {}
    for t in turns:
        if t.speaker and t.label and t.role != "narrator" and len(t.speaker.split()) >= 2:
            labelled.setdefault(_initials(t.speaker), set()).add(t.speaker)
    named.update((s, next(iter(names))) for s, names in labelled.items()
                 if len(names) == 1 and 2 <= len(s) <= 4 and s not in named)
    if not named:
        return turns
    return tuple(replace(t, speaker=named[t.speaker]) if t.speaker in named and t.speaker not in listed else t
                 for t in turns)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isalpha()).upper()


_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*")
_INITIALS_ONLY = re.compile(r"[A-Z]{2,4}")
_BRACKETED = re.compile(r"\[[^\]\n]*\]|\([^)\n]*\)")


def named_by_initials_said(text: str, turns: tuple[Turn, ...]) -> tuple[Turn, ...]:
    """Turns labelled with initials no list spelt out (`LG:`) given the one name with those initials
    that the transcript's opening writes, in anyone's words ("State your name." "Zoë Ines."): the
    question "what did Ines say" can then find them. A label two such names fit is neither's; the
    label stays as written."""
    initialled = {t.speaker for t in turns if t.speaker and _INITIALS_ONLY.fullmatch(t.speaker)}
    if not initialled:
        return turns
    fits: dict[str, set[str]] = {}
    # An editor's note in brackets names a place or a station as often as a person (`CC: Roger. [North Quay]`).
    said = _BRACKETED.sub(lambda m: " " * len(m.group()), text[:_HEADER])
    for run in _capitalised_runs(said):
        for i in range(len(run)):
            for j in range(i + 2, min(len(run), i + 4) + 1):
                name = " ".join(run[i:j])
                if _initials(name) in initialled:
                    fits.setdefault(_initials(name), set()).add(name)
    named = {s: next(iter(names)) for s, names in fits.items() if len(names) == 1}
    if not named:
        return turns
    return tuple(replace(t, speaker=named[t.speaker]) if t.speaker in named else t for t in turns)


def _capitalised_runs(text: str) -> list[list[str]]:
    """Runs of capitalised words (in any alphabet: `Zoë Ines`) set apart by spaces alone."""
    runs: list[list[str]] = []
    end = -1
    for m in _WORD.finditer(text):
        if not m.group()[0].isupper() or m.group().isupper() and len(m.group()) > 1:
            end = -1  # a word in lower case or in capitals (a label, an acronym) ends the run
            continue
        if end >= 0 and text[end:m.start()].strip(" \t") == "" and m.start() > end:
            runs[-1].append(m.group())
        else:
            runs.append([m.group()])
        end = m.end()
    return [r for r in runs if len(r) >= 2]


def given_to_the_one_speaker(text: str, turns: tuple[Turn, ...], paras: tuple[Paragraph, ...],
                             listed: tuple[str, ...]) -> tuple[Turn, ...]:
    """A talk whose header names the one who gives it (`Speaker: Ada Brook`, or a front matter listing
    one speaker) and whose words no label gives to anyone else: the unlabelled paragraphs after the
    header are that speaker's. Stage notes (`[Laughter]`), headings, fenced code and notes (`TBD:`) stay
    narration."""
    field = one_speaker_field(text[:_HEADER])
    name, after = field if field else ((listed[0], 0) if len(listed) == 1 else (None, 0))
    if name is None:
        return turns
    # Askers from the floor (`[Audience member: ...]`) ask the one who gives the talk: theirs is no other talk.
    others = [t for t in turns if t.speaker != name and t.start >= after and t.role != "reporter"]
    unsaid = sum(t.end - t.start for t in others if t.role == "narrator")
    if unsaid < _UNLABELLED_SHARE * sum(t.end - t.start for t in others):
        return turns
    ends = [p.end for p in paras]
    out: list[Turn] = []
    fenced = False  # inside a fenced block of code or slides
    for t in turns:
        if t.role != "narrator" or t.start < after or t.label:
            out.append(t)
            continue
        # Paragraph by paragraph: the speaker's runs of them, and the narration between.
        runs: list[list] = []
        for k in range(bisect.bisect_right(ends, t.start), len(paras)):
            p = paras[k]
            if p.start >= t.end:
                break
            fences = text.count("```", p.start, p.end) + text.count("~~~", p.start, p.end)
            said = not (fenced or fences or _NOT_SAID.match(text, max(p.start, t.start)))
            if not fenced and time_alone(text, p.start, p.end):
                said = None  # a time alone: cuts the run, and is no one's words (`parse_turns`)
            fenced ^= fences % 2 == 1
            if runs and runs[-1][2] == said:
                runs[-1][1] = min(p.end, t.end)
            else:
                runs.append([max(p.start, t.start), min(p.end, t.end), said])
        out += [replace(t, start=a, end=b, speaker=name, role="official") if said else replace(t, start=a, end=b)
                for a, b, said in runs if said is not None] or [t]
    return tuple(out)


# -- headings and segments ----------------------------------------------------


# A Markdown heading (`#### Conclusion`) opens a section: it is no one's words, nor is what follows it
# the words of whoever spoke before it.
_MARKDOWN_HEADING = re.compile(r"#{1,6}[ \t]+\S")


def _headings(text: str, paras: tuple[Paragraph, ...], labels: dict[int, Label]) -> set[int]:
    """Short unpunctuated paragraphs that lead into a labelled turn, and times of day standing alone.
    Speech cut off before the next label is no headline: the words of a label standing alone on its
    line (`Name: 00:33:42`) that labels other turns too, or a line set under the one before it and apart
    from the label after."""
    headings: set[int] = set()
    written = Counter(lab.text for lab in labels.values())
    recurring = {i for i, lab in labels.items() if written[lab.text] > 1}
    for i in range(len(paras) - 1, -1, -1):
        if i in labels:
            continue
        body = text[paras[i].start:paras[i].end]
        if is_time_of_day(body) or _MARKDOWN_HEADING.match(body):
            headings.add(i)
            continue
        if len(body.split()) > 40 or _TERMINAL.search(body) or i and _says_on(text, paras, labels, recurring, i):
            continue
        nxt = i + 1
        if nxt < len(paras) and (nxt in headings or nxt in labels and not _interjects(text, paras[nxt], labels[nxt])):
            headings.add(i)
    return headings


def _says_on(text: str, paras: tuple[Paragraph, ...], labels: dict[int, Label], recurring: set[int],
             i: int) -> bool:
    """Whether paragraph `i` goes on with the words before it: they are a recurring label's with none
    of their own yet, or a line break joins it to them while a blank line parts it from what follows
    (and is written as words are said: no note, `[Graphic not available]`, no page's furniture,
    `_page : 86`, `XXXXXXXX`, a footer each page repeats)."""
    if i - 1 in recurring and labels[i - 1].content_start >= paras[i - 1].end:
        return True
    body = text[paras[i].start:paras[i].end]
    if not _SAID_LINE.match(body) or text.find(body, paras[i].end) >= 0 or text.rfind(body, 0, paras[i].start) >= 0:
        return False
    after = paras[i + 1].start if i + 1 < len(paras) else len(text)
    return (not blank_line_within(text, paras[i - 1].end, paras[i].start)
            and blank_line_within(text, paras[i].end, after))


def _interjects(text: str, para: Paragraph, label: Label) -> bool:
    """A speaker's turn of a word or two, itself cut off ("your", "and the"): someone breaking in on
    speech cut off, which the unpunctuated words before it were, and no headline."""
    words = text[label.content_start:para.end]
    return (label.kind != "note" and 0 < len(words.split()) <= _INTERJECTION_WORDS and "\n" not in words
            and not _TERMINAL.search(words))


def _segments(text, paras, labels, headings, known):
    """Yield (start, end, label or None) spans, one per turn, in order."""
    segments: list[list] = []  # [start, end, label, is_heading, closed]

    def open_turn(start, end, label, heading=False, closed=False):
        segments.append([start, end, label, heading, closed])

    usual = _usual_break(text, paras)
    for i, para in enumerate(paras):
        if i in labels:
            lab = labels[i]
            # A turn the record gives whole in brackets (`[Audience member: ...?]`) ends with them.
            open_turn(lab.content_start, lab.content_start, lab, closed=in_brackets(text, para))
            if lab.content_start < para.end:
                _extend_with_splits(text, segments, lab.content_start, para.end, known)
            continue
        heading = i in headings
        cur = segments[-1] if segments else None
        # A note's label (`TBD:`, `Music:`) says what its own paragraph is, not who speaks after it.
        noted = cur is not None and cur[2] is not None and (cur[2].kind == "note" or cur[4]) and cur[1] > cur[0]
        # A labelled question whose answer the record leaves unlabelled, set apart by a wider break.
        answered = (cur is not None and cur[2] is not None and cur[2].kind == "reporter" and cur[1] > cur[0]
                    and text.endswith("?", paras[i - 1].start, paras[i - 1].end)
                    and text.count("\n", paras[i - 1].end, para.start) > usual)
        if cur is None or noted or answered or (heading and not cur[3]) or (cur[3] and not heading):
            open_turn(para.start, para.end, None, heading)
            if not heading:
                segments[-1][1] = para.start
                _extend_with_splits(text, segments, para.start, para.end, known)
            continue
        if cur[0] == cur[1] and cur[2] is not None:
            # a label alone on its line: the words start here, or where a label wrapped onto this line ends
            cur[0] = max(cur[0], para.start)
        _extend_with_splits(text, segments, para.start, para.end, known)
    return [(s, e, lab) for s, e, lab, _, _ in segments]


def _usual_break(text: str, paras: tuple[Paragraph, ...]) -> int:
    """The line breaks most often found between two paragraphs of `text`."""
    breaks = Counter(text.count("\n", a.end, b.start) for a, b in zip(paras, paras[1:]))
    return breaks.most_common(1)[0][0] if breaks else 1


def _extend_with_splits(text, segments, start, end, known):
    """Extend the open turn to `end`, opening new turns where a known speaker's
    label appears mid-paragraph ("... Thank you. Shou Xiaoli: Thank you to all")."""
    for m in mid_labels(text, start, end, known):
        segments[-1][1] = strip_span(text, segments[-1][0], m.start("label"))[1]
        kind, name = classify(m.group("label"), known)
        segments.append([m.end(), m.end(), Label(m.group("label"), kind, name, m.end()), False, False])
    segments[-1][1] = end


def _is_roster(text: str, start: int, end: int, lab: Label | None) -> bool:
    """A label alone on its line over names and titles, none of them a sentence: a list of
    participants (`Moderator:` / `KARL VALE` / `Communications, Port Office` / `Panelists:`),
    not speech."""
    if lab is None or start < lab.content_start:
        return False
    if start == lab.content_start and not _after_line_break(text, start):
        return False  # the words begin on the label's own line
    items, pos = 0, start
    while pos < end:  # line by line, so that a turn of speech stops at its first line
        stop = text.find("\n", pos, end)
        stop = end if stop < 0 else stop
        line = text[pos:stop]
        if line.strip():
            if len(line.split()) > _ROSTER_WORDS or _TERMINAL.search(listed(line)):
                return False
            items += 1
        pos = stop + 1
    return items >= 2


def _after_line_break(text: str, at: int) -> bool:
    """Whether only spaces and a line break stand between `at` and the words before it."""
    i = at - 1
    while i >= 0 and text[i].isspace() and text[i] != "\n":
        i -= 1
    return i >= 0 and text[i] == "\n"


# A participant's line: a name, or an office of a few words.
_ROSTER_WORDS = 8


def _narration(text: str, paras: tuple[Paragraph, ...]) -> tuple[Turn, ...]:
    """The turns of a text no one is named in: its paragraphs, where lines follow one another with no blank
    line between them run together as captions' are (`assembly`), to a sentence's end past `PARAGRAPH_WORDS`
    words, so that a recogniser's or an interpreter's sentence a line is not cut into a turn a line. Paragraphs
    set apart by blank lines stay turns of their own: a report's paragraphs each quote someone else."""
    turns: list[Turn] = []
    start = end = last = None
    words = 0
    for p in paras:
        n = len(text[p.start:p.end].split())
        # The run so far ends where its last paragraph does: only that one is looked at for a sentence's end.
        if start is not None and (words >= MAX_PARAGRAPH_WORDS or n >= PARAGRAPH_WORDS or words >= PARAGRAPH_WORDS
                                  and SENTENCE_END.search(text[last.start:last.end].rstrip())
                                  or blank_line_within(text, end, p.start)):
            turns.append(Turn(speaker=None, role="narrator", start=start, end=end))
            start = None
        if start is None:
            start, words = p.start, 0
        end, words, last = p.end, words + n, p
    if start is not None:
        turns.append(Turn(speaker=None, role="narrator", start=start, end=end))
    return tuple(turns)


def _turn(seg, roster: bool = False) -> Turn:
    start, end, lab = seg
    if lab is None or lab.kind == "note" or roster:
        return Turn(speaker=None, role="narrator", start=start, end=end, label=(lab.text or None) if lab else None)
    speaker = clean_name(lab.name or lab.text) or None  # an asker no label names (`bold_questions`)
    return Turn(speaker=speaker, role="reporter" if lab.kind == "reporter" else "official",
                start=start, end=end, label=lab.text or None)


__all__ = ["parse_turns", "settle_turns", "speaker_names"]
