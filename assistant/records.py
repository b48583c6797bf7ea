"""What an answer is made of. Plain data; formatted only by the CLI and the UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .errors import QuestionError

MAX_QUESTION_CHARS = 1000
MAX_K = 50


@dataclass(frozen=True)
class Citation:
    file: str  # the transcript's path inside the corpus folder
    title: str
    date: str | None
    speaker: str | None
    paragraph: int  # 1-based, as a reader counts paragraphs
    line_start: int  # 1-based, inclusive
    line_end: int
    start: int  # character offsets into the transcript's text (the file's, for plain text)
    end: int
    time: tuple[float, float] | None = None  # seconds into the recording, for timed transcripts
    page: int | None = None  # the page it starts on, for paginated ones
    # For a turn whose label names no one ("Q"), the name the chair called its asker by ("Go ahead,
    # Peter."), where the transcript says it (`corpus.askers`).
    asker: str | None = None

    @property
    def who(self) -> str | None:
        """The speaker as shown: the label, with the asker's name when known ("Q (Nadia)")."""
        return f"{self.speaker} ({self.asker})" if self.speaker and self.asker else self.speaker or self.asker


@dataclass(frozen=True)
class Passage:
    quote: str  # verbatim: the source text from citation.start to citation.end
    highlight: tuple[int, int]  # span within `quote` of the sentences that best answer
    citation: Citation
    score: float  # 0..1, higher is better; orders the passages
    question: str | None = None  # the reporter question this answers, if any
    role: str | None = None  # host, official, reporter or narrator
    also_in: tuple[Citation, ...] = ()  # the same statement in other documents


@dataclass(frozen=True)
class Answer:
    question: str
    passages: tuple[Passage, ...]
    low_confidence: bool | None  # None when the index's model has no calibration (see `note`)
    confidence: float | None = None  # how likely the passages hold an answer, 0..1, by that calibration
    note: str | None = None  # why there is no flag, when there is none


@dataclass(frozen=True)
class Filters:
    """Restrict a search; applied inside retrieval, before the top k are taken."""

    speakers: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None

    def __post_init__(self):
        for name, what in (("speakers", "speaker"), ("docs", "document")):
            values = getattr(self, name)
            if not isinstance(values, tuple) or not all(isinstance(v, str) and _is_text(v) for v in values):
                raise QuestionError(f"each {what} filter must be a name, not {_shown(values)}")
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None:
                try:
                    # As the index holds dates: "20230420" is the same day as "2023-04-20".
                    object.__setattr__(self, name, date.fromisoformat(value).isoformat())
                except (TypeError, ValueError):
                    raise QuestionError(f"{name.replace('_', ' ')} must be a date like 2023-04-20, not "
                                        f"{_shown(value)}") from None
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise QuestionError(f"the date range is empty: {self.date_from} is after {self.date_to}")

    @property
    def active(self) -> bool:
        return bool(self.speakers or self.docs or self.date_from or self.date_to)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_text(value: str) -> bool:
    """Whether `value` can be written out as UTF-8: no lone surrogates (from a bad decode upstream)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def checked_question(question: object) -> str:
    if not isinstance(question, str) or not question.strip():
        raise QuestionError("the question is empty; type what you want to find in the transcripts, as a question")
    if not _is_text(question):
        raise QuestionError("the question holds characters that are not text (lone UTF-16 surrogates); type it again")
    text = " ".join(question.split())
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(f"the question is {len(text)} characters long; keep it under {MAX_QUESTION_CHARS}")
    return text


def checked_k(k: object) -> int:
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise QuestionError(f"the number of passages must be a whole number from 1 to {MAX_K}, not {k!r}")
    return k
