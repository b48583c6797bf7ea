"""When to say that nothing in the transcripts answers the question closely.

The signal is the evidence of the best passages: their fused retrieval score
before any preference for a speaker or period the question names (naming Zhao
Zhiguo makes his passages rank first, not answer better), as a share of the score
a chunk would get if every signal put it first. Below `low_evidence` the answer is
marked low confidence; the passages are still shown.

The threshold was set on the tuning questions only: it marks most of the questions
the transcripts cannot answer and few of those they can. Near misses, a question
about a figure the briefing did not give in a sentence that reads like one it did,
are beyond it: telling them apart takes reading, not matching.
"""

from __future__ import annotations

from typing import Sequence

from .retrieval import Candidate, max_fused
from .settings import RetrievalSettings

LOOK_AT = 3  # passages whose evidence counts


def evidence(best: Sequence[Candidate], settings: RetrievalSettings) -> float:
    """0..1: how strongly the best of the first passages is supported."""
    if not best:
        return 0.0
    return min(1.0, max(c.evidence for c in best[:LOOK_AT]) / max_fused(settings))


def is_low_confidence(best: Sequence[Candidate], settings: RetrievalSettings) -> bool:
    return evidence(best, settings) < settings.low_evidence
