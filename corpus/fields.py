"""A document's header of fields: `Channel: 56 - HARBOUR`, `Recorded On: 9/10/2025`, `AGENCY: PORT
OFFICE`, `SUBJECTS:` over a list, `**Moderators**: Ada Brook and Karl Vale`. Each looks like a
speaker's label, but gives a few words, not a sentence, and is used once: it says what the
document is, and no one speaks under it."""

from __future__ import annotations

import re
from collections import Counter

from .layout import Paragraph
from .names import ABBREVIATED, SPEAKER_FIELDS, is_name, name_key

# What may close a listed line and no sentence: a colon or comma before the next, an abbreviated title
# (`ADA BROOK, ESQ.,`) or initials (`Washington, D.C.`, `BROOK, ADA R.`).
_LIST_END = re.compile(rf"(?:[\s,;:：]+|\b(?i:{'|'.join(sorted(ABBREVIATED))})\.|(?:\b[A-Z]\.)+)+$")
_SENTENCE_END = re.compile(r"[.!?。！？…:;：；][\"”’)\]]*$")
# A field in a line of its own that no label was read in: a short name, perhaps in bold, a colon, its value.
_FIELD = re.compile(r"[ \t]*(?:\*\*|__)?[A-Z][\w /&-]{0,30}?(?:\*\*|__)?[ \t]*[:：](?:\*\*|__)?[ \t]+\S")
_VALUE_WORDS = 12
# `Speaker: Ada Brook`, `* **Lecturer:** Ada Brook`: a header's field naming who gives a talk.
_SPEAKER_FIELD = re.compile(
    rf"^[ \t]*(?:[*+-][ \t]+)?(?:\*\*|__)?(?i:{'|'.join(sorted(SPEAKER_FIELDS))})s?(?:\*\*|__)?[ \t]*[:：]"
    r"[ \t]*(?:\*\*|__)?(?P<name>[^\n:：,;]{3,60}?)[ \t]*(?:\*\*|__)?[ \t]*$", re.MULTILINE)
_LEAST = 3  # fields before the first speech that make a header
_LONG_WORDS = 1000  # a document this long is long however few its paragraphs
_WORD = re.compile(r"\w")


def listed(line: str) -> str:
    """A line without what may close an item of a list (a comma, a title, initials)."""
    return _LIST_END.sub("", line.rstrip())


def is_value(body: str) -> bool:
    """Whether every line of `body` with words in it is a few words, none closing a sentence: a
    field's value, or items of a list (a rule, `---`, is neither)."""
    for line in body.split("\n"):
        if _WORD.search(line) and (len(line.split()) > _VALUE_WORDS or _SENTENCE_END.search(listed(line))):
            return False
    return True


def one_speaker_field(header: str) -> tuple[str, int] | None:
    """(the name, where its line ends) of a header's field naming the one person who speaks
    (`Speaker: Ada Brook`, `* **Presenter:** Ada Brook`); None when no field, or more than one, does."""
    found = [(m.group("name").strip(" *_"), m.end()) for m in _SPEAKER_FIELD.finditer(header)]
    return found[0] if len(found) == 1 and is_name(found[0][0]) else None


def only_fields(text: str, paras: tuple[Paragraph, ...], found: dict) -> list[int]:
    """The paragraphs among `found` (labels by paragraph) when they are a few fields, the only labels,
    at the top of a long document, each used once and giving a value (`is_value`): the speech after
    them is no one's they name (a caption log's `Channel:` / `Recorded On:`, then `>>` speech)."""
    order = sorted(found)
    # Long: many paragraphs, or a few long ones (a recording's words run on in one).
    if not order or len(paras) < 10 and text.count(" ") < _LONG_WORDS or len(found) > 6 or order[-1] > 6:
        return []
    used = Counter(name_key(lab.text) for lab in found.values())
    if any(n > 1 for n in used.values()):
        return []
    return order if all(is_value(text[found[i].content_start:paras[i].end]) for i in order) else []


def fields_before_speech(text: str, paras: tuple[Paragraph, ...], found: dict) -> list[int]:
    """The paragraphs among `found` that are fields before the first label of speech: each label used
    once and giving a value, with what follows it up to the next label, and `_LEAST` fields at least,
    counting field lines no label was read in (`**Source**: Channel 4`)."""
    order = sorted(found)
    used = Counter(name_key(lab.text) for lab in found.values())
    run: list[int] = []
    fields = 0
    for n, i in enumerate(order):
        lab = found[i]
        own = text[lab.content_start:paras[i].end]
        if used[name_key(lab.text)] > 1 or not is_value(own):
            break
        following = range(i + 1, order[n + 1] if n + 1 < len(order) else len(paras))
        lines = own.split("\n")[1:] + [line for j in following for line in text[paras[j].start:paras[j].end].split("\n")]
        if not all(is_value(line) for line in lines):
            return []  # speech under a field: a speaker after all
        run.append(i)
        fields += 1 + sum(bool(_FIELD.match(line)) for line in lines)
    if len(run) == len(order) or fields < _LEAST:
        return []
    return run


__all__ = ["fields_before_speech", "is_value", "listed", "one_speaker_field", "only_fields"]
