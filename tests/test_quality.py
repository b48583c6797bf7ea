"""Answer quality on the questions the defaults were tuned on, with the bundled model: a regression guard.

The floors sit well below what was measured when the defaults were set (see the
README's Quality section), so that only a real regression fails. Timings are
measured by `transcript-qa eval` and tests/benchmark.py, never asserted here.
"""

import pytest

from assistant import Assistant
from assistant.evaluation import baseline_settings, evaluate, load_questions
from conftest import REPO

pytestmark = pytest.mark.model

# The parts the defaults were set on: ranking on tune and dev, the low-confidence
# flag on all eight (each was run blind first; see the README).
TUNED = [REPO / "tests" / "eval" / f"questions-{part}.jsonl"
         for part in ("tune", "dev", "heldout", "final", "confirm", "sealed", "sealed2", "sealed3")]


@pytest.fixture(scope="module")
def report(shared_index, real_embedder):
    assistant = Assistant.open(shared_index, embedder=real_embedder)
    systems = {"transcript-qa": assistant}
    systems.update({name: assistant.with_settings(s) for name, s in baseline_settings().items()})
    asks = {name: (lambda a: lambda q, k: a.ask(q, k=k))(a) for name, a in systems.items()}
    return evaluate(asks, load_questions(TUNED), k=10, source_text=assistant.source_text, warmup=0)


def summary(report, system):
    (s,) = [s for s in report.summaries if s.system == system and s.part == "all"]
    return s


def test_transcript_qa_stays_above_its_floors_on_the_tuned_parts(report):
    s = summary(report, "transcript-qa")
    assert s.answerable == 248
    assert s.hit1 >= 0.72 and s.hit5 >= 0.92 and s.mrr10 >= 0.8, s
    assert s.words <= 130, s
    assert s.flagged_unanswerable >= 0.6 and s.flagged_answerable <= 0.22, s


def test_transcript_qa_beats_every_baseline_on_the_same_chunks(report):
    ours = summary(report, "transcript-qa")
    for name in ("dense", "bm25", "rrf"):
        theirs = summary(report, name)
        assert ours.mrr10 >= theirs.mrr10 + 0.05 and ours.hit1 >= theirs.hit1, (name, theirs)
