"""Speaker turns: who said which span of a transcript.

Handles the shapes real transcripts come in: `Name: text`, `Name:text`, a label
alone on its line with the words in the following paragraphs, bullet lines
(`• Name, title: text`, `- **Name, title:** text`), a reporter's outlet alone on
its line before the question, and speakers named only by their title. A
paragraph without a label continues the turn before it; a short unpunctuated
headline just before a label is the editor's, not the speaker's. Labels are
accepted only when they read as a person, a title or a news outlet, so summary
lines such as `Ministry of ...: Strengthen industry guidance` stay narration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .boilerplate import is_boilerplate
from .layout import Paragraph, strip_span
from .records import Turn

_LABEL = re.compile(
    r"(?P<bullet>[ \t\u00a0]*(?:[•·▪●◦‣*+-][ \t\u00a0]+)?)"
    r"(?P<open>\*\*|__)?"
    r"(?P<label>[^:：\n*]{1,200}?)[ \t\u00a0]*"
    r"(?:\*\*|__)?[ \t\u00a0]*[:：](?:[ \t\u00a0]*(?:\*\*|__))?[ \t\u00a0\u2003]*"
)
_ABBREVIATIONS = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|Prof|St|No|Jr|Sr)\.|\.(?:com|cn|net|org|gov)\b", re.IGNORECASE)
_FORBIDDEN_IN_LABEL = re.compile(r"[.?!。？！;；\"“”]|https?:|www\.")
_REPORTER = re.compile(r"\b(?:reporters?|journalists?|correspondents?)\b(?![’']s)", re.IGNORECASE)
_REPORTER_AT_END = re.compile(r"\b(?:reporters?|journalists?|correspondents?)\W*$", re.IGNORECASE)
_NAME_TOKEN = r"(?:[A-Z][a-z]+(?:[-’'][A-Za-z]+)*|[A-Z]{2,}(?:-[A-Z]+)*)"
_NAME = re.compile(rf"{_NAME_TOKEN}(?: {_NAME_TOKEN}){{1,3}}")
_HONORIFIC = re.compile(r"^(?:Mr|Ms|Mrs|Miss|Dr|Prof|Madam|Madame|Sir)\.?\s+", re.IGNORECASE)
_UPPER_LABEL = re.compile(r"(?:(?:MR|MS|MRS|DR)\.\s+)?[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,3}")
_TERMINAL = re.compile(r"[.!?。！？…:;：；][\"”’)\]]*$")
_WELCOME = re.compile(r"\bwelcome\b|欢迎", re.IGNORECASE)
_THANKS_FOR_QUESTION = re.compile(r"^\W*thank(?:s| you)(?: very much)?,? (?:for|to) (?:your|the|this) question", re.IGNORECASE)

TITLE_WORDS = frozenset(
    """minister ministers director directors deputy spokesperson spokesman spokeswoman chief engineer
    secretary chairman chairwoman chairperson chair president vice commissioner governor mayor head
    official officer ambassador administrator representative premier counsellor counselor adviser
    advisor inspector general host moderator presenter emcee mc leader manager professor economist
    statistician member staff""".split()
)
HOST_WORDS = frozenset("host moderator presenter emcee mc".split())
MEDIA_WORDS = frozenset(
    """news daily times post tv television radio broadcasting broadcast online magazine agency herald
    gazette tribune journal weekly cctv cnr cgtn xinhua reuters bloomberg afp bbc cnn channel media
    newspaper network press""".split()
)
_ORG_WORDS = frozenset(
    """ministry bureau office council department committee commission administration information
    industry technology state national people republic government association group corporation
    company bank university institute center centre city province central international development
    affairs security service services the of and for from to in on at a an first second third next
    last this that our record""".split()
)
# Words that mark a sentence rather than a label ("Next, we will focus on the following work:").
_SENTENCE_WORDS = frozenset(
    """we i you he she they it our us will would shall is are was were be been said says say told
    noted following here there these those which""".split()
)


@dataclass(frozen=True)
class _Label:
    text: str  # as written, title included
    kind: str  # "person", "title" or "reporter"
    name: str | None  # a person's name, when the label has one
    content_start: int  # where the words begin; equals the paragraph end when alone


def parse_turns(text: str, paras: tuple[Paragraph, ...]) -> tuple[Turn, ...]:
    paras = tuple(p for p in paras if not is_boilerplate(text[p.start:p.end]))
    labels = _find_labels(text, paras)
    known = _known_names(labels.values())
    headings = _headings(text, paras, labels)
    segments = _segments(text, paras, labels, headings, known)
    turns = [_turn(seg) for seg in segments if seg[1] > seg[0]]
    return _link_questions(_assign_roles(text, turns))


def settle_turns(text: str, turns: tuple[Turn, ...] | list[Turn]) -> tuple[Turn, ...]:
    """Roles and question links for turns a structured format gave (captions, speech-to-text, XML).

    The same rules as for turns found in plain text: one person under one name, roles
    from the labels and from how turns follow each other, each answer linked to the
    question it answers.
    """
    return _link_questions(_assign_roles(text, list(turns)))


def speaker_names(turns: tuple[Turn, ...]) -> list[str]:
    """Distinct speakers in order of first appearance."""
    return list(dict.fromkeys(t.speaker for t in turns if t.speaker))


# -- labels -----------------------------------------------------------------


def _find_labels(text: str, paras: tuple[Paragraph, ...]) -> dict[int, _Label]:
    found: dict[int, _Label] = {}
    for i, para in enumerate(paras):
        body = text[para.start:para.end]
        label = _inline_label(body, para.start, para.end)
        if label is None and i + 1 < len(paras):
            label = _outlet_line(body, para.end, text[paras[i + 1].start:paras[i + 1].end])
        if label is not None:
            found[i] = label
    # A one-word label ("Lind:") counts only when it names someone labelled in full elsewhere.
    known = _known_names(found.values())
    for i, para in enumerate(paras):
        if i not in found:
            label = _inline_label(text[para.start:para.end], para.start, para.end, known)
            if label is not None:
                found[i] = label
    return found


def _inline_label(body: str, start: int, end: int, known: frozenset[str] = frozenset()) -> _Label | None:
    m = _LABEL.match(body)
    if not m:
        return None
    raw = m.group("label").strip()
    kind, name = _classify(raw, known)
    if kind is None:
        return None
    return _Label(raw, kind, name, min(start + m.end(), end))


def _outlet_line(body: str, end: int, following: str) -> _Label | None:
    # "Tianmu journalist" alone on a line, then the question.
    words = body.split()
    if len(words) > 12 or _TERMINAL.search(body) or _SENTENCE_WORDS & {w.lower() for w in words}:
        return None
    asks = "?" in following or "？" in following
    if not (_REPORTER_AT_END.search(body) or (asks and _REPORTER.search(body))):
        return None
    return _Label(body.strip(), "reporter", None, end)


def _classify(label: str, known: frozenset[str]) -> tuple[str | None, str | None]:
    label = label.strip()
    words = label.split()
    if not words or len(words) > 25 or len(label) > 200:
        return None, None
    if not (label[0].isupper() or label[0].isdigit()):
        return None, None
    if _FORBIDDEN_IN_LABEL.search(_ABBREVIATIONS.sub("", label)):
        return None, None
    lowered = [w.strip(",()").lower() for w in words]
    if _REPORTER.search(label):
        return ("reporter", _name_in(label)) if not _SENTENCE_WORDS & set(lowered) else (None, None)
    if len(words) == 1:
        if label in known:
            return "person", _full_name(label, known)
        if label in ("Q", "QUESTION"):
            return "reporter", None
    if _UPPER_LABEL.fullmatch(label) and label not in ("Q", "A"):
        return "person", label
    name = _name_in(label)
    has_title = bool(TITLE_WORDS & set(lowered))
    has_media = bool(MEDIA_WORDS & set(lowered))
    if name:
        return ("reporter" if has_media and not has_title else "person"), name
    if _SENTENCE_WORDS & set(lowered):
        return None, None
    if has_title:
        return "title", None
    if has_media:
        return "reporter", None
    return None, None


def _name_in(label: str) -> str | None:
    """The person's name among a label's comma-separated parts, if any."""
    for part in label.split(","):
        part = _HONORIFIC.sub("", part.strip())
        if not _NAME.fullmatch(part):
            continue
        tokens = {t.lower() for t in part.split()}
        if tokens & (TITLE_WORDS | MEDIA_WORDS | _ORG_WORDS):
            continue
        return part
    return None


def _known_names(labels) -> frozenset[str]:
    names = {lab.name for lab in labels if lab.name and lab.kind == "person"}
    tokens = {tok for n in names for tok in n.split() if len(tok) > 2}
    return frozenset(names | tokens)


def _full_name(token: str, known: frozenset[str]) -> str:
    fuller = sorted((n for n in known if " " in n and token in n.split()), key=len)
    return fuller[0] if fuller else token


# -- headings and segments ----------------------------------------------------


def _headings(text: str, paras: tuple[Paragraph, ...], labels: dict[int, _Label]) -> set[int]:
    """Short unpunctuated paragraphs that lead into a labelled turn."""
    headings: set[int] = set()
    for i in range(len(paras) - 1, -1, -1):
        if i in labels:
            continue
        body = text[paras[i].start:paras[i].end]
        if len(body.split()) > 40 or _TERMINAL.search(body):
            continue
        nxt = i + 1
        if nxt < len(paras) and (nxt in labels or nxt in headings):
            headings.add(i)
    return headings


def _segments(text, paras, labels, headings, known):
    """Yield (start, end, label or None) spans, one per turn, in order."""
    segments: list[list] = []  # [start, end, label, is_heading]

    def open_turn(start, end, label, heading=False):
        segments.append([start, end, label, heading])

    for i, para in enumerate(paras):
        if i in labels:
            lab = labels[i]
            open_turn(lab.content_start, lab.content_start, lab)
            if lab.content_start < para.end:
                _extend_with_splits(text, segments, lab.content_start, para.end, known)
            continue
        heading = i in headings
        cur = segments[-1] if segments else None
        if cur is None or (heading and not cur[3]) or (cur[3] and not heading):
            open_turn(para.start, para.end, None, heading)
            if not heading:
                segments[-1][1] = para.start
                _extend_with_splits(text, segments, para.start, para.end, known)
            continue
        if cur[0] == cur[1] and cur[2] is not None:
            cur[0] = para.start  # a label alone on its line: the words start here
        _extend_with_splits(text, segments, para.start, para.end, known)
    return [(s, e, lab) for s, e, lab, _ in segments]


def _extend_with_splits(text, segments, start, end, known):
    """Extend the open turn to `end`, opening new turns where a known speaker's
    label appears mid-paragraph ("... Thank you. Shou Xiaoli: Thank you to all")."""
    for m in _mid_labels(text, start, end, known):
        segments[-1][1] = strip_span(text, segments[-1][0], m.start())[1]
        kind, name = _classify(m.group("label"), known)
        segments.append([m.end(), m.end(), _Label(m.group("label"), kind, name, m.end()), False])
    segments[-1][1] = end


def _mid_labels(text, start, end, known):
    names = sorted((n for n in known if " " in n), key=len, reverse=True)
    if not names:
        return []
    pattern = re.compile(
        r"(?<=[.!?。！？”\"’])[ \t\u00a0]+(?:[•·][ \t\u00a0]*)?(?P<label>"
        + "|".join(re.escape(n) for n in names)
        + r")[ \t\u00a0]*[:：][ \t\u00a0]*"
    )
    return [m for m in pattern.finditer(text, start, end) if m.end() < end]


def _turn(seg) -> Turn:
    start, end, lab = seg
    if lab is None:
        return Turn(speaker=None, role="narrator", start=start, end=end)
    speaker = lab.name or lab.text
    return Turn(speaker=speaker, role="reporter" if lab.kind == "reporter" else "official",
                start=start, end=end, label=lab.text)


# -- roles and questions ------------------------------------------------------


def _assign_roles(text: str, turns: list[Turn]) -> list[Turn]:
    # A labelled turn that asks something and is thanked for its question was a reporter's,
    # whatever its label looked like ("Caixin Global: ...?").
    for i, turn in enumerate(turns[:-1]):
        nxt = turns[i + 1]
        if (turn.role == "official" and nxt.speaker and nxt.speaker != turn.speaker
                and "?" in text[turn.start:turn.end]
                and _THANKS_FOR_QUESTION.match(text[nxt.start:nxt.end])):
            turns[i] = replace(turn, role="reporter")
    host = _host(text, turns)
    return [replace(t, role="host") if host and t.speaker == host and t.role == "official" else t for t in turns]


def _host(text: str, turns: list[Turn]) -> str | None:
    for t in turns:
        if t.role == "official" and t.label and HOST_WORDS & {w.strip(",()").lower() for w in t.label.split()}:
            return t.speaker
    first = next((t for t in turns if t.role in ("official", "reporter")), None)
    if first and first.role == "official" and _WELCOME.search(text[first.start:first.start + 400]):
        return first.speaker
    return None


def _link_questions(turns: list[Turn]) -> tuple[Turn, ...]:
    linked: list[Turn] = []
    last_question: int | None = None
    for i, turn in enumerate(turns):
        if turn.role == "reporter":
            last_question = i
        elif turn.role == "official" and last_question is not None:
            turn = replace(turn, question_turn=last_question)
        linked.append(turn)
    return tuple(linked)
