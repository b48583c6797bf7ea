"""Example questions that fit an index: short questions its transcripts actually asked.

A question someone asked in a transcript (a reporter, an interviewer, a justice) and
someone answered is the kind of thing a person would type, and it is known to have
an answer. Questions that lean on what was said just before ("can it last?", "this
goal") make poor examples, and so do vague ones: a question is specific when its
words are rare among the questions of the same index, learned from the index itself.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from corpus.sentences import sentence_spans
from corpus.words import STOPWORDS, stem, tokens

from .answering import Assistant

MIN_WORDS, MAX_WORDS = 5, 16
# Words that point back at something said before: a question holding one does not stand alone.
_POINTING = frozenset("it its they them their theirs these those he him his she her".split())
# A question proper opens with one of these; what comes before it ("May I ask, how ...") is a preamble.
_ASKING = r"(?:how|what|when|where|which|who|whom|whose|why|is|are|was|were|do|does|did|can|could|will|would|should|has|have)"
_PREAMBLE = re.compile(rf"^[^?]{{0,60}}?[,:;]\s+(?={_ASKING}\b)", re.IGNORECASE)
_THIS_THING = re.compile(r"\bthis (?!year|season|month|quarter|week|summer|winter|spring|autumn|time)\w+",
                         re.IGNORECASE)


def example_questions(assistant: Assistant, limit: int = 6) -> list[str]:
    """Up to `limit` self-contained, specific questions, taken in turn from each transcript."""
    store = assistant.index.store
    asked: list[list[str]] = []
    for d in store.documents:
        text = store.text(d.doc)
        turns = store.turns[d.doc]
        answered = {t.question_turn for t in turns if t.question_turn is not None}
        found = []
        for i, turn in enumerate(turns):
            if turn.role != "reporter" and i not in answered:
                continue
            for a, b in sentence_spans(text, turn.start, turn.end):
                question = _tidy(text[a:b])
                if question and _self_contained(question):
                    found.append(question)
        asked.append(list(dict.fromkeys(found)))
    rarity = _rarity([q for questions in asked for q in questions])
    per_doc = [sorted(qs, key=lambda q: _specificity(q, rarity), reverse=True) for qs in asked]
    chosen: list[str] = []
    seen: set[str] = set()
    for rank in range(max((len(q) for q in per_doc), default=0)):
        for questions in per_doc:
            if rank < len(questions) and questions[rank].lower() not in seen and len(chosen) < limit:
                chosen.append(questions[rank])
                seen.add(questions[rank].lower())
    return chosen or [_from_title(d.title) for d in store.documents[:limit] if d.title]


def _tidy(sentence: str) -> str | None:
    sentence = " ".join(sentence.split())
    if not sentence.endswith("?"):
        return None
    sentence = _PREAMBLE.sub("", sentence)
    return sentence[:1].upper() + sentence[1:]


def _self_contained(question: str) -> bool:
    words = tokens(question)
    if not MIN_WORDS <= len(words) <= MAX_WORDS or _POINTING.intersection(words) or _THIS_THING.search(question):
        return False
    return len(_content(question)) >= 2


def _content(question: str) -> set[str]:
    return {stem(w) for w in tokens(question) if w not in STOPWORDS and len(w) > 2}


def _rarity(questions: list[str]) -> dict[str, float]:
    """How rare each word is among the questions: words every question uses are vague."""
    counts = Counter(s for q in questions for s in _content(q))
    n = max(1, len(questions))
    return {s: math.log((n + 1) / (c + 0.5)) for s, c in counts.items()}


def _specificity(question: str, rarity: dict[str, float]) -> tuple[float, int]:
    return sum(rarity.get(s, 0.0) for s in _content(question)), -len(tokens(question))


def _from_title(title: str) -> str:
    """A headline is a fair question when a transcript has no questions."""
    words = title.split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "")
