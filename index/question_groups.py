"""Which chunks ask and which answer, derived once when an index is built (`index.structure`).

A reporter's question, with the editor's headline leading into it, is a question group; the turns
that answer it are the group's answers. Where no one is labelled a reporter, a host who asks (a
debate's moderator) asks as a reporter does; and an answer after a short one answers the question
before too ("Have the files been searched?" "I have." "What came of it?").
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from corpus import Chunk, Transcript
from corpus.sentences import ends_a_sentence

HEADLINE_WORDS = 60  # an editor's headline between two answers is short


def headlines(transcripts: Sequence[Transcript], chunks: Sequence[Chunk], chunk_doc: np.ndarray) -> np.ndarray:
    """Chunks of an editor's headline between the turns of a conference ("Focus on three
    aspects"), or a heading (`## The ferry timetable`): they say what the next answer is about, in
    the editor's words, not the speaker's. A short note written as sentences is no headline: a
    meeting's recorded conclusion, a question from the audience the record gives in brackets."""
    out = np.zeros(len(chunks), dtype=bool)
    for row, c in enumerate(chunks):
        if c.role != "narrator":
            continue
        t = transcripts[int(chunk_doc[row])]
        turns, turn = t.turns, c.turn_index
        spoken_before = any(u.role != "narrator" for u in turns[:turn])
        after = next((u for u in turns[turn + 1:] if u.role != "narrator"), None)
        words = t.text[turns[turn].start:turns[turn].end]
        short = len(words.split()) <= HEADLINE_WORDS
        out[row] = (spoken_before and after is not None and short
                    and (words.lstrip().startswith("#") or not ends_a_sentence(words)))
    return out


def asking_hosts(transcripts) -> set[tuple[int, int]]:
    """(doc, turn) of a host's questions where no one is labelled a reporter and the host asks: a
    debate's moderator, a panel's chair. Answered by the next speaker (`corpus.roles`), they are
    questions as a reporter's are, not answers."""
    out = set()
    for doc, t in enumerate(transcripts):
        if any(u.role == "reporter" for u in t.turns):
            continue
        for u in t.turns:
            if u.question_turn is not None and t.turns[u.question_turn].role == "host":
                out.add((doc, u.question_turn))
    return out


def _question_of(turns, turn: int) -> int | None:
    """The reporter turn a headline leads into: the next question, or the question of the next answer."""
    for t in range(turn + 1, len(turns)):
        if turns[t].role == "reporter":
            return t
        if turns[t].role != "narrator":
            return turns[t].question_turn
    return None


def question_groups(transcripts, chunks, chunk_doc, is_reporter, is_headline):
    """Group the chunks of each reporter turn, with the headline leading into it; map every
    answer chunk to its question's group. A group is as close to a question as its closest member.
    (members, each member's group, each group's answer chunks)."""
    group_of: dict[tuple[int, int], int] = {}
    members, member_group = [], []
    for row in np.flatnonzero(is_reporter | is_headline):
        doc, turn = int(chunk_doc[row]), chunks[row].turn_index
        question = turn if is_reporter[row] else _question_of(transcripts[doc].turns, turn)
        if question is None:
            continue
        members.append(int(row))
        member_group.append(group_of.setdefault((doc, question), len(group_of)))
    answers: list[list[int]] = [[] for _ in group_of]
    for row, c in enumerate(chunks):
        doc = int(chunk_doc[row])
        t = transcripts[doc]
        q = t.turns[c.turn_index].question_turn
        for asked in (q, *_followed_up(t, q)) if q is not None else ():
            if (doc, asked) in group_of:
                answers[group_of[(doc, asked)]].append(row)
    return np.array(members, dtype=np.int64), np.array(member_group, dtype=np.int64), answers


FOLLOW_UPS = 2  # questions back an answer still answers, across short answers
SHORT_ANSWER = 8  # words of an answer that leaves its question's matter open ("Yes.", "I have.")


def _followed_up(t, question: int) -> list[int]:
    """The questions `question` follows up, each across a short answer right before it: "Have you had the
    files searched?" "I have." "What were the results?" The answer to the last answers the first too."""
    out = []
    while len(out) < FOLLOW_UPS and question >= 2:
        answer, before = t.turns[question - 1], t.turns[question - 2]
        if (answer.question_turn != question - 2 or before.role != "reporter"
                or len(t.text[answer.start:answer.end].split()) > SHORT_ANSWER):
            break
        question -= 2
        out.append(question)
    return out


__all__ = ["FOLLOW_UPS", "HEADLINE_WORDS", "SHORT_ANSWER", "asking_hosts", "headlines", "question_groups"]
