"""Names and titles as a person should read them: no markup, escapes or invisible characters.

Transcripts arrive through Markdown converters, HTML pages and word processors,
which leave `Mira\\_Holm`, `&amp;`, `**Name:**`, no-break spaces and zero-width
characters (U+200B, U+2060) inside names and titles. The text indexed keeps them,
being what the file says; what is shown as a title or a speaker's name does not.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Zero-width and invisible formatting characters, and the soft hyphen.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_SPACES = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """One line of plain text: entities decoded, escapes and emphasis marks gone, spaces single."""
    text = html.unescape(text)
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = _MARKDOWN_ESCAPE.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    return _SPACES.sub(" ", text).strip()


def clean_name(name: str) -> str:
    """A speaker's name as shown: clean text without the label's colon, stray stars or the
    brackets around it (`[Ada Brook]:`)."""
    text = clean_text(name).strip(" *_").rstrip(":：").strip(" *_")
    if text.startswith("[") and text.endswith("]") and "[" not in text[1:-1] and "]" not in text[1:-1]:
        text = text[1:-1].strip()
    return SPOKEN_BY.sub("", text)


# `BY THE COURT: All right.`, `BY MR. VALE: Your Honor, ...`: some court reporters open every turn so; the
# speaker is who follows the word.
SPOKEN_BY = re.compile(r"\A(?:BY|By(?=[ \t]+(?:Mr|Ms|Mrs|Dr)\b))[ \t]+(?=[A-Z])")


def clean_title(title: str) -> str:
    """A title as shown: clean text, Markdown heading marks and surrounding quotes removed.
    An escaped underscore between words stands for a space (`Mira\\_Holm,\\_May\\_10`)."""
    text = clean_text(re.sub(r"^\s*#{1,6}\s+", "", title).replace("\\_", " "))
    return text.strip(" *_\"'").lstrip("-–— ")  # a page's title may open on a dash its site's name stood before
