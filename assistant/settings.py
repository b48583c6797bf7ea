"""How a question is answered: which signals retrieval fuses, how strongly a named
speaker or period is preferred, and how a passage is cut from the transcript.

One frozen object, validated when made; the baselines of `transcript-qa eval` are
other values of it, so they share every line of retrieval with the assistant.
"""

from __future__ import annotations

from dataclasses import dataclass

from .calibration import Calibration

QUOTES = ("window", "chunk")


@dataclass(frozen=True)
class RetrievalSettings:
    fusion: str = "weighted"  # "weighted" scores, or "rrf" (reciprocal rank fusion)
    depth: int = 100  # candidates taken from each list
    dense_weight: float = 0.5
    lexical_weight: float = 0.3
    question_weight: float = 0.15
    sentence_weight: float = 0.4
    reply_weight: float = 0.2  # a named speaker's turns, by how close the turn they reply to comes to the question
    # The same list when the question also names whose turn was replied to ("how did X answer Y's point"),
    # counting only X's replies to Y.
    named_reply_weight: float = 0.8
    question_floor: float = 0.5  # a reporter question counts only when this close to the asked one
    question_groups: int = 8  # best-matching reporter questions whose answers are considered
    lexical_columns: tuple[float, float] = (1.0, 0.5)  # BM25 weight of chunk words, question words
    expand_terms: bool = True  # acronyms the transcripts define and other spellings, in the lexical search
    rrf_k: int = 60
    speaker_boost: float = 0.6  # fused score x (1 + boost) for chunks by a speaker the question names
    period_boost: float = 0.1  # the same for transcripts of a period the question names
    # The same for chunks opening the item of a list a question asks for ("the fourth measure": "Fourth, ...").
    item_boost: float = 0.4
    # A turn of a few words (an interjection, "Title 42.", a question cut off) names the topic and
    # rarely answers: a chunk whose whole turn holds fewer model tokens than `short_turn_tokens` has
    # its fused score cut by up to `short_turn_discount`, in proportion to how far short it falls.
    short_turn_tokens: int = 65
    short_turn_discount: float = 0.4
    preferred_depth: int = 20  # extra dense candidates among the preferred chunks
    understands_questions: bool = True  # look for named speakers and periods; match without the names
    # match without the words of a transcript's title the question names it by (`locators`)
    title_locates: bool = True
    # -- the passage shown --
    quote: str = "window"  # "window": sentences around the best ones, inside the turn; "chunk": the chunks as found
    window_words: int = 130  # a window grows by whole sentences while it stays within this many words
    window_chunk_first: bool = True  # a window takes in the rest of the chunk found before going beyond it
    highlight_lexical: float = 0.15  # weight of the question's words, beside meaning, in choosing sentences
    # -- confidence --
    calibration: Calibration | None = None  # None: the one fitted for the index's model, if any (calibration.py)
    also_in_threshold: float = 0.7  # passages of two documents this similar (and with the same figures) are one statement; 1.0: never

    def __post_init__(self):
        if self.fusion not in ("weighted", "rrf"):
            raise ValueError(f"fusion must be 'weighted' or 'rrf', not {self.fusion!r}")
        if any(w < 0 for w in (*self.weights, self.named_reply_weight, self.speaker_boost, self.period_boost,
                               self.item_boost)):
            raise ValueError("retrieval weights and boosts must be zero or more")
        if sum(self.weights) <= 0:
            raise ValueError("at least one of dense_weight, sentence_weight, lexical_weight, question_weight, "
                             "reply_weight must be above zero")
        if self.short_turn_tokens < 0 or not 0.0 <= self.short_turn_discount < 1.0:
            raise ValueError("short_turn_tokens must be zero or more and short_turn_discount from 0 to below 1, not "
                             f"{self.short_turn_tokens!r} and {self.short_turn_discount!r}")
        if self.depth < 1 or self.preferred_depth < 0 or self.rrf_k < 0:
            raise ValueError("depth must be at least 1; preferred_depth and rrf_k zero or more")
        if self.quote not in QUOTES:
            raise ValueError(f"quote must be one of {', '.join(QUOTES)}, not {self.quote!r}")
        if not 10 <= self.window_words <= 1000:
            raise ValueError(f"window_words must be from 10 to 1000, not {self.window_words!r}")
        if self.calibration is not None and not isinstance(self.calibration, Calibration):
            raise ValueError(f"calibration must be a Calibration, not {self.calibration!r}")
        if not 0.0 < self.also_in_threshold <= 1.0:
            raise ValueError(f"also_in_threshold must be above 0 and at most 1, not {self.also_in_threshold!r}")

    @property
    def weights(self) -> tuple[float, float, float, float, float]:
        return self.dense_weight, self.sentence_weight, self.lexical_weight, self.question_weight, self.reply_weight
