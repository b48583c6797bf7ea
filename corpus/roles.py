"""Roles and questions: who hosts, who answers, who asks, and which question each answer answers."""

from __future__ import annotations

import re
from dataclasses import replace

from .labels import HOST_WORDS
from .records import Turn

_WELCOME = re.compile(r"\bwelcome\b|欢迎", re.IGNORECASE)
_THANKS_FOR_QUESTION = re.compile(r"^\W*thank(?:s| you)(?: very much)?,? (?:for|to) (?:your|the|this) question", re.IGNORECASE)


def settle_turns(text: str, turns: tuple[Turn, ...] | list[Turn]) -> tuple[Turn, ...]:
    """Roles and question links for turns a structured format gave (captions, speech-to-text, XML).

    The same rules as for turns found in plain text: one person under one name, roles
    from the labels and from how turns follow each other, each answer linked to the
    question it answers.
    """
    return settle_roles(text, turns)


def settle_roles(text: str, turns) -> tuple[Turn, ...]:
    """Roles, then question links, for turns in order."""
    return _link_questions(_assign_roles(text, list(turns)))


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
