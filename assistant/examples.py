"""Example questions that fit an index: short questions its reporters actually asked.

A reporter's question is the kind of thing a person would type, and it is known
to have an answer in the transcripts. Questions that lean on what was said just
before ("can it last?", "the next step") make poor examples and are left out.
"""

from __future__ import annotations

import re

from corpus.sentences import sentence_spans
from index.store import STOPWORDS

from .answering import Assistant

MIN_WORDS, MAX_WORDS = 5, 16
# Questions that only make sense after the previous answer, or that ask for nothing in particular.
_LEANING = frozenset("it its they them then these those above mentioned relevant specific".split())
_VAGUE = frozenset("""introduce detail details situation next step steps ask please tell key focus focuses
    measures work progress aspects considerations arrangements achievements future plans tasks""".split())
# "this year" stands on its own; "this goal" points back at something said before.
_THIS_THING = re.compile(r"\bthis (?!year|season|month|quarter|week|summer|winter|spring|autumn|time)\w+", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Polite openings that add nothing to the question itself.
_OPENING = re.compile(r"^(?:(?:may|can|could) i ask|i would like to ask|i'd like to ask|excuse me|my question is)"
                      r"[,:]\s+", re.IGNORECASE)


def example_questions(assistant: Assistant, limit: int = 6) -> list[str]:
    """Up to `limit` self-contained reporter questions, taken in turn from each transcript."""
    store = assistant.index.store
    per_doc: list[list[str]] = []
    for d in store.documents:
        text = store.text(d.doc)
        found = []
        for turn in store.turns[d.doc]:
            if turn.role != "reporter":
                continue
            for a, b in sentence_spans(text, turn.start, turn.end):
                question = _tidy(text[a:b])
                if question and _self_contained(question):
                    found.append(question)
        per_doc.append(sorted(dict.fromkeys(found), key=_specificity, reverse=True))
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
    sentence = _OPENING.sub("", sentence)
    return sentence[:1].upper() + sentence[1:]


def _self_contained(question: str) -> bool:
    words = [w.lower() for w in _WORD.findall(question)]
    if not MIN_WORDS <= len(words) <= MAX_WORDS or _LEANING.intersection(words) or _THIS_THING.search(question):
        return False
    return len(_content(words)) >= 2


def _content(words: list[str]) -> list[str]:
    return [w for w in words if w not in STOPWORDS and w not in _VAGUE and len(w) > 2]


def _specificity(question: str) -> tuple[int, int]:
    words = [w.lower() for w in _WORD.findall(question)]
    return len(set(_content(words))), -len(words)


def _from_title(title: str) -> str:
    """A headline is a fair question when a transcript has no reporter questions."""
    words = title.split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "")
