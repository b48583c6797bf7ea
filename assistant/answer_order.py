"""Among the first passages, those that say when go first when the question asks when.

Retrieval ranks passages by how close they come to the question's topic; a "when"
question ("When will the next test network launch?", "On what date ...") is answered
only by a passage that states a time beside what was asked (`answer_types.says_when`).
A passage on the same topic that gives no such time ranks as high and answers
nothing, so within the first `REORDER` passages those that do say when move ahead of
those that do not, each group keeping retrieval's order; passages further down are
left where they are, so nothing retrieval found is lost from the list.

Only "when" questions: for a figure question the same reordering moved as many
answers down as up, since a passage on the topic usually states some figure beside
the words asked, for another period or another place (`docs/evaluation.md`).
"""

from __future__ import annotations

from typing import Sequence

from .answer_types import TIME, answer_type, says_when
from .context import SearchContext
from .passages import Span

REORDER = 5  # the passages a person reads first; the list beyond them keeps retrieval's order


def answers_first(spans: Sequence[Span], ctx: SearchContext, question: str) -> list[Span]:
    """`spans` with those of the first `REORDER` that say when moved ahead, for a "when" question."""
    spans = list(spans)
    if answer_type(question) != TIME:
        return spans
    head, rest = spans[:REORDER], spans[REORDER:]
    store = ctx.ix.store
    # The passage as a whole: "It is just after 9.30 on Thursday" answers when the meeting began
    # though the meeting is named in the sentence before.
    says = [says_when(" ".join(store.sentence_text(r) for r in s.sentences), question) for s in head]
    return [s for s, ok in zip(head, says) if ok] + [s for s, ok in zip(head, says) if not ok] + rest
