"""When to say that nothing in the transcripts answers the question closely.

The signal is the closest single sentence among the first passages: the cosine
between the question (names and background terms taken out) and the sentence of
those passages that comes nearest to it. A passage that answers holds one
sentence saying so; a passage that is only about the same topic holds sentences
near the topic, not near the question. Below `low_evidence` the answer is marked
low confidence; the passages are still shown.

The threshold is set on the tuning questions only, for the bundled model (another
model's cosines sit on another scale: set `RetrievalSettings.low_evidence` for it).
It marks most of the questions the transcripts cannot answer and some they can.
Near misses, a question about a figure the briefing did not give in a sentence that
reads like one it did, are beyond it: telling them apart takes reading, not matching.
"""

from __future__ import annotations

from typing import Sequence

from .passages import QueryView, Span
from .settings import RetrievalSettings

LOOK_AT = 3  # passages whose sentences count


def evidence(spans: Sequence[Span], view: QueryView) -> float:
    """The cosine of the sentence of the first passages closest to the question."""
    rows = [r for span in spans[:LOOK_AT] for r in span.sentences]
    return float(view.sims[rows].max()) if rows else 0.0


def is_low_confidence(spans: Sequence[Span], view: QueryView, settings: RetrievalSettings) -> bool:
    return evidence(spans, view) < settings.low_evidence
