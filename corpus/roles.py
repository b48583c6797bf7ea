"""Roles and questions: one name per person, who hosts, who answers, who asks, and which
question each answer answers."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from .cleaning import clean_name
from .names import ADDRESS_WORDS, HONORIFIC, TITLE_WORDS, affiliated, is_name, name_key, presides, role_holder
from .records import Turn

_WELCOME = re.compile(r"\bwelcome\b|欢迎", re.IGNORECASE)
_THANKS_FOR_QUESTION = re.compile(r"^\W*thank(?:s| you)(?: very much)?,? (?:for|to) (?:your|the|this) question", re.IGNORECASE)
# A turn asks when its last sentence ends with a question mark, before any closing quote or stage note.
_ASKS = re.compile(r"[?？][\"”’'）)\]\\]*(?:\s*[(\[\\][^()\[\]]{0,40}[)\]\\]*)?\s*$")

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# "Our next question comes from the line of Ada Brook with Harbour Capital.", "The first question is from Karl Vale."
_QUESTION_FROM = re.compile(r"\bquestions?\s+(?:comes?|will\s+come|is|will\s+be)\s+from\s+(?:the\s+line\s+of\s+)?"
                            r"(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})")
_ASIDE_WORDS = 8  # a turn this short neither asks nor answers: thanks, a word to the chair
# "Jaan Tamm, Baltic Business Daily." "Howard Lee with Reuters." "Mira Holm, with the Harbour Post."
_SELF_INTRODUCTION = re.compile(
    r"(?P<name>[^\W\d_][\w.’'-]*(?: [^\W\d_][\w.’'-]*){1,3})(?:,? with|,? from|,? at|,? of|,) "
    r"(?P<outlet>(?:the )?[A-Z][\w&’'-]*(?: (?:[A-Z][\w&’'-]*|of|the|and|&)){0,5})\."
)
# What may stand before the introduction in its sentence: a stage note, a word of address.
_BEFORE_INTRODUCTION = re.compile(r"^(?:[\[(][^\])]{1,40}[\])]\s*|(?:[A-Z][\w.]*(?: [A-Z][\w.]*)?|Mr\. [A-Z]\w*), )")


def settle_turns(text: str, turns: tuple[Turn, ...] | list[Turn]) -> tuple[Turn, ...]:
    """Roles and question links for turns a structured format gave (captions, speech-to-text, XML).

    The same rules as for turns found in plain text: one person under one name, roles
    from the labels and from how turns follow each other, each answer linked to the
    question it answers.
    """
    return settle_roles(text, turns)


def settle_roles(text: str, turns) -> tuple[Turn, ...]:
    """One name per person, then roles, then question links, for turns in order."""
    return _link_questions(text, _assign_roles(text, one_name_each(list(turns))))


def one_name_each(turns: list[Turn]) -> list[Turn]:
    """Each person under one name: `MS. WHITFIELD`, `Ms. Whitfield` and `WHITFIELD` are one speaker,
    named as the transcript writes it most often, a bracketed affiliation set aside. A bare surname,
    or one after a title, joins the one full name that ends with it, and a presiding label naming its holder in brackets (`MODERATOR (TOM)`)
    joins that holder's own label (`TOM`). A name given in two orders (`Vale Ada-mei`, `Ada-mei Vale`: a
    family name written first or last) is one name."""
    keys = {t.speaker: name_key(role_holder(t.speaker) or affiliated(t.speaker)[0]) for t in turns if t.speaker}
    ordered: dict[tuple[str, ...], str] = {}
    for key in keys.values():  # the first order met stands for the others
        ordered.setdefault(tuple(sorted(key.split())), key)
    keys = {speaker: ordered[tuple(sorted(key.split()))] for speaker, key in keys.items()}
    full = {k for k in keys.values() if " " in k}
    for speaker, key in keys.items():
        # `Governor Holm` is the one `Governor Mira Holm` or `Mira Holm`, as a bare `HOLM` is
        surname = " ".join(w for w in key.split() if w not in ADDRESS_WORDS) or key
        if surname and " " not in surname and len(surname) > 1:
            owners = [k for k in full if k != key and k.split()[-1] == surname]
            if len(owners) == 1:
                keys[speaker] = owners[0]
    written = Counter(t.speaker for t in turns if t.speaker)
    shown: dict[str, str] = {}
    for speaker, n in written.items():  # first seen wins a tie
        key = keys[speaker]
        if key not in shown or n > written[shown[key]]:
            shown[key] = speaker
    return [replace(t, speaker=shown[keys[t.speaker]]) if t.speaker else t for t in turns]


def _assign_roles(text: str, turns: list[Turn]) -> list[Turn]:
    # A labelled turn that asks something and is thanked for its question was a reporter's,
    # whatever its label looked like ("Caixin Global: ...?"), unless the label names a member
    # of a hearing or counsel in court, who are thanked for their questions too: by honorific and
    # surname, or with an honorific before the full name ("Mr. Karl Vale").
    for i, turn in enumerate(turns[:-1]):
        nxt = turns[i + 1]
        if (turn.role == "official" and nxt.speaker and nxt.speaker != turn.speaker
                and not _formally_named(turn)
                and "?" in text[turn.start:turn.end]
                and _THANKS_FOR_QUESTION.match(text[nxt.start:nxt.end])):
            turns[i] = replace(turn, role="reporter")
    asking = {t.speaker for t in turns if t.role == "official" and _introduces_self(text, t)}
    if asking or any(t.role == "reporter" for t in turns):
        # Where reporters ask, so does whoever only asks, and thanks, however their label reads.
        asking |= _only_asking(text, turns)
    turns = [replace(t, role="reporter") if t.speaker in asking and t.role == "official" else t for t in turns]
    hosts = _hosts(text, turns)
    turns = [replace(t, role="host") if t.speaker in hosts and t.role == "official" else t for t in turns]
    called = {t.speaker for before, t in zip(turns, turns[1:])
              if before.role == "host" and t.role == "official"
              and (_asks_as_reporters_do(text[t.start:t.end]) and _calls_by_first_name(text[before.start:before.end], t.speaker)
                   or _hands_question_to(text[before.start:before.end], t.speaker))}
    return [replace(t, role="reporter") if t.speaker in called and t.role == "official" else t for t in turns]


_QUESTION_WORDS = 150  # the most words of a question that does not end asking
_CLOSING_SENTENCES = 2  # of a question that does not end asking, the last sentences one of which asks


def _asks_as_reporters_do(words: str) -> bool:
    """Whether a turn reads as a question put: it ends asking, or it is short and asks in one of its last
    sentences ("Can you say when the dues will fall? And I'm curious why not sooner."). A panellist the chair
    calls by first name answers at length, asking something now and then only to answer it."""
    if _ASKS.search(words):
        return True
    if len(words.split()) > _QUESTION_WORDS:
        return False
    sentences = [s for s in _SENTENCE_END.split(words.strip()) if s]
    return any(s.rstrip().endswith("?") for s in sentences[-_CLOSING_SENTENCES:])


def _only_asking(text: str, turns: list[Turn]) -> set[str]:
    """Officials each of whose turns asks a question (ends with one) or is a few words ("Thanks,
    Governor."): at a press conference, reporters whose labels do not say so."""
    said: dict[str, list[bool]] = {}
    for t in turns:
        if t.role == "official" and t.speaker:
            words = text[t.start:t.end]
            said.setdefault(t.speaker, []).append(
                True if _ASKS.search(words) else None if len(words.split()) <= _ASIDE_WORDS else False)
    return {s for s, each in said.items() if True in each and False not in each}


def _hands_question_to(words: str, speaker: str | None) -> bool:
    """Whether a host's turn hands the next question to `speaker`, as a call's operator does: "Our next
    question comes from the line of Ada Brook with Harbour Capital." (the label may spell the name out
    in full: `Ada R. Brook`)."""
    m = _QUESTION_FROM.search(words[-300:])
    if not m or not speaker:
        return False
    return name_key(m.group("name")).split()[-1] in name_key(affiliated(speaker)[0]).split()


def _calls_by_first_name(words: str, speaker: str | None) -> bool:
    """Whether a host's turn ends by calling `speaker` by their first name ("Steve.", "Go ahead,
    Steve."), as a moderator gives reporters the floor; counsel and members are called by
    honorific or office ("Mr. Vale.", "Justice Berg?"), which this never matches."""
    parts = name_key(speaker or "").split()
    if len(parts) < 2:
        return False
    last = _SENTENCE_END.split(words.strip())[-1]
    call = last.rstrip(" .!?…").split(",")[-1].strip()
    return bool(call) and not HONORIFIC.match(call + " ") and call.casefold() == parts[0]


def _formally_named(turn: Turn) -> bool:
    """`Mr. Vale`, `MS. DOYLE`, a label `Mr. Karl Vale`: an honorific and a surname, or a label with an
    honorific before the full name, as hearings and courts name their members and counsel, who are
    thanked for their questions too; reporters go by their full names or `Q`."""
    speaker = turn.speaker
    return (bool(speaker) and bool(HONORIFIC.match(speaker)) and len(speaker.split()) == 2
            or bool(HONORIFIC.match(turn.label or "")))


def _introduces_self(text: str, turn: Turn) -> bool:
    """Whether a turn that asks something opens by naming its speaker and an outlet, as reporters
    do at a press conference (`Thank you. Jaan Tamm, Baltic Business Daily. Are you ...?`,
    `Chairman, Mira Holm, with the Harbour Post.`), or is that introduction alone, the question to
    follow in the next turn."""
    words = text[turn.start:turn.end]
    sentences = _SENTENCE_END.split(words[:400])
    if not turn.speaker or "?" not in words and len(sentences) > 1:
        return False
    for sentence in sentences[:3]:
        sentence = sentence.strip()
        for said in (sentence, _BEFORE_INTRODUCTION.sub("", sentence, count=1)):
            m = _SELF_INTRODUCTION.fullmatch(said)
            if m and name_key(m.group("name")) == name_key(affiliated(turn.speaker)[0]):
                return True
    return False


def _hosts(text: str, turns: list[Turn]) -> set[str]:
    """Speakers whose label says they host or preside, or who give the floor to whoever speaks
    next; failing those, the first speaker, when they welcome everyone and someone else answers
    (a spokesperson alone with reporters answers, not hosts)."""
    officials = {t.speaker for t in turns if t.role == "official"}
    hosts = {t.speaker for t in turns if t.role == "official" and t.label and presides(t.label)}
    hosts |= {s for s in officials if _gives_the_floor(text, turns, s)}
    if hosts:
        return hosts
    first = next((t for t in turns if t.role in ("official", "reporter")), None)
    if first is None or first.role != "official" or not _WELCOME.search(text[first.start:first.start + 400]):
        return set()
    return {first.speaker} if officials - {first.speaker} else set()


def _gives_the_floor(text: str, turns: list[Turn], speaker: str) -> bool:
    """Whether most of a speaker's turns (two at least) call on whoever speaks next by name:
    "We'll go to Jaan first.", "Liis." A moderator does; someone answering names, if anyone,
    the one who just spoke to them."""
    spoken = [i for i, t in enumerate(turns) if t.role != "narrator"]
    own = [k for k, i in enumerate(spoken) if turns[i].speaker == speaker]
    calls = 0
    for k in own:
        nxt = turns[spoken[k + 1]] if k + 1 < len(spoken) else None
        before = turns[spoken[k - 1]] if k else None
        if nxt is None or not nxt.speaker or nxt.speaker == speaker or (before and before.speaker == nxt.speaker):
            continue
        name = HONORIFIC.sub("", clean_name(nxt.speaker))
        words = [w for w in name.split() if w.lower() not in TITLE_WORDS]
        said = text[turns[spoken[k]].start:turns[spoken[k]].end]
        if is_name(name) and words and re.search(rf"\b{re.escape(words[0])}\b", said, re.IGNORECASE):
            calls += 1
    return calls >= 2 and 2 * calls >= len(own)


def _link_questions(text: str, turns: list[Turn]) -> tuple[Turn, ...]:
    """Each answer with the question it answers. Where reporters ask, an official's turn answers
    the last question; a host's only when it comes straight after it (a host's "next question,
    please" answers nothing). Where no one is a reporter (a court argument, a podcast), a turn
    answers the turn just before it by another speaker, when that one asks something."""
    if any(t.role == "reporter" for t in turns):
        return _link_to_reporters(turns)
    linked: list[Turn] = []
    for i, turn in enumerate(turns):
        prev = turns[i - 1] if i else None
        if (prev is not None and turn.speaker and prev.speaker and prev.speaker != turn.speaker
                and _ASKS.search(text[prev.start:prev.end])):
            turn = replace(turn, question_turn=i - 1)
        linked.append(turn)
    return tuple(linked)


def _link_to_reporters(turns: list[Turn]) -> tuple[Turn, ...]:
    linked: list[Turn] = []
    last_question: int | None = None
    for i, turn in enumerate(turns):
        if turn.role == "reporter":
            last_question = i
        elif last_question is not None and (
                turn.role == "official" or (turn.role == "host" and _follows(turns, last_question, i))):
            turn = replace(turn, question_turn=last_question)
        linked.append(turn)
    return tuple(linked)


def _follows(turns: list[Turn], question: int, i: int) -> bool:
    """Whether turn `i` is the first spoken turn after turn `question`."""
    return all(t.role == "narrator" for t in turns[question + 1:i])
