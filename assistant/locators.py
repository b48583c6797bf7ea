"""Where a question names its transcript: the words of a transcript's title it repeats.

People locate what they ask about by naming it as its title does: "in the debate on the Port Dues
(Amendment) Bill 2021", "on the Ferry Bites episode", "in Harbour Authority v. Vale, what sentence did
Craig Vale receive". Those words say which transcript; the sentence that answers seldom repeats them, while
every sentence that does repeat them (the bill read out, the show's introduction, the parties named)
comes near the question for them alone, and ranks, and looks like an answer, without answering. So the
run of the question's words that a title holds, with a name among them, is matched no more than the
transcript's name is (`query.without_names`).
"""

from __future__ import annotations

from corpus.words import is_stopword, words

MIN_WORDS = 2  # one word of a title ("Vale", "HPA") may well be what the answer says
MAX_WORDS = 10
# Capitalised words in the run, the question's first aside: a name of its own ("Ferry Bites", "Craig Vale"),
# not a body the answer names again ("the Seattle council").
MIN_NAMED = 2


class Titles:
    """The runs of words the transcripts' titles hold, to find in questions: made on first use."""

    def __init__(self, titles: tuple[str, ...]):
        self._titles = titles
        self._runs: frozenset[tuple[str, ...]] | None = None

    def runs(self) -> frozenset[tuple[str, ...]]:
        if self._runs is None:
            found: set[tuple[str, ...]] = set()
            for title in self._titles:
                ws = [w.text.casefold() for w in words(title)]
                for i in range(len(ws)):
                    for j in range(i + MIN_WORDS, min(len(ws), i + MAX_WORDS) + 1):
                        found.add(tuple(ws[i:j]))
            self._runs = frozenset(found)
        return self._runs


def named_titles(question: str, titles: Titles) -> tuple[str, ...]:
    """The runs of `question` (as written) that some title holds word for word: at least `MIN_WORDS`
    words, `MIN_NAMED` of them capitalised where a question's words are not (not its first word)."""
    ws = words(question)
    runs = titles.runs()
    out: list[str] = []
    i = 0
    while i < len(ws):
        best = 0
        for j in range(i + MIN_WORDS, min(len(ws), i + MAX_WORDS) + 1):
            if tuple(w.text.casefold() for w in ws[i:j]) in runs:
                best = j
        span = ws[i:best]
        if sum(w.text[:1].isupper() and not is_stopword(w.text) and w.start > 0 for w in span) >= MIN_NAMED:
            out.append(question[span[0].start:span[-1].end])
            i = best
        else:
            i += 1
    return tuple(out)


__all__ = ["Titles", "named_titles"]
