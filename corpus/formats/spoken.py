"""The Reading of a format that gives speech piece by piece (captions, speech-to-text, XML)."""

from __future__ import annotations

from pathlib import PurePath

from ..assembly import Utterance, assemble
from ..errors import DecodeError
from ..speakers import settle_turns
from . import Reading


def spoken_reading(fmt: str, utterances: list[Utterance], *, title: str | None, date: str | None = None,
                   encoding: str = "utf-8") -> Reading:
    """Assemble the utterances into text and turns, and settle the turns' roles and questions."""
    assembled = assemble(utterances)
    if not assembled.turns:
        raise DecodeError(f"it holds no spoken words (read as {fmt})")
    turns = settle_turns(assembled.text, assembled.turns)
    return Reading(format=fmt, text=assembled.text, turns=turns, segments=assembled.segments,
                   title=title, date=date, encoding=encoding)


def name_title(name: str) -> str:
    """The title a file name gives, for formats whose first words are speech, never a title."""
    from ..reading import title_from_name  # reading imports the readers; imported here to avoid a cycle

    return title_from_name(PurePath(name).stem)
