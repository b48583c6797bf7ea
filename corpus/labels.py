"""Speaker labels: where a paragraph names who speaks, and what kind of speaker that is.

Labels are accepted only when they read as a person, a title or a news outlet, so
summary lines such as `Ministry of ...: Strengthen industry guidance` stay narration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .layout import Paragraph

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
class Label:
    text: str  # as written, title included
    kind: str  # "person", "title" or "reporter"
    name: str | None  # a person's name, when the label has one
    content_start: int  # where the words begin; equals the paragraph end when alone


def find_labels(text: str, paras: tuple[Paragraph, ...]) -> dict[int, Label]:
    found: dict[int, Label] = {}
    for i, para in enumerate(paras):
        body = text[para.start:para.end]
        label = _inline_label(body, para.start, para.end)
        if label is None and i + 1 < len(paras):
            label = _outlet_line(body, para.end, text[paras[i + 1].start:paras[i + 1].end])
        if label is not None:
            found[i] = label
    # A one-word label ("Lind:") counts only when it names someone labelled in full elsewhere.
    known = known_names(found.values())
    for i, para in enumerate(paras):
        if i not in found:
            label = _inline_label(text[para.start:para.end], para.start, para.end, known)
            if label is not None:
                found[i] = label
    return found


def _inline_label(body: str, start: int, end: int, known: frozenset[str] = frozenset()) -> Label | None:
    m = _LABEL.match(body)
    if not m:
        return None
    raw = m.group("label").strip()
    kind, name = classify(raw, known)
    if kind is None:
        return None
    return Label(raw, kind, name, min(start + m.end(), end))


def _outlet_line(body: str, end: int, following: str) -> Label | None:
    # "Tianmu journalist" alone on a line, then the question.
    words = body.split()
    if len(words) > 12 or _TERMINAL.search(body) or _SENTENCE_WORDS & {w.lower() for w in words}:
        return None
    asks = "?" in following or "？" in following
    if not (_REPORTER_AT_END.search(body) or (asks and _REPORTER.search(body))):
        return None
    return Label(body.strip(), "reporter", None, end)


def classify(label: str, known: frozenset[str]) -> tuple[str | None, str | None]:
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


def known_names(labels) -> frozenset[str]:
    names = {lab.name for lab in labels if lab.name and lab.kind == "person"}
    tokens = {tok for n in names for tok in n.split() if len(tok) > 2}
    return frozenset(names | tokens)


def _full_name(token: str, known: frozenset[str]) -> str:
    fuller = sorted((n for n in known if " " in n and token in n.split()), key=len)
    return fuller[0] if fuller else token


def mid_labels(text, start, end, known):
    """A known speaker's label inside a paragraph, after a sentence end."""
    names = sorted((n for n in known if " " in n), key=len, reverse=True)
    if not names:
        return []
    pattern = re.compile(
        r"(?<=[.!?。！？”\"’])[ \t\u00a0]+(?:[•·][ \t\u00a0]*)?(?P<label>"
        + "|".join(re.escape(n) for n in names)
        + r")[ \t\u00a0]*[:：][ \t\u00a0]*"
    )
    return [m for m in pattern.finditer(text, start, end) if m.end() < end]

