"""Answer quality on the questions the defaults were tuned on, with the bundled model: a regression guard
for every corpus the question sets cover (the five briefings, and the transcripts of other kinds).

The floors sit below what was measured when the defaults were set (see the README's
Quality section), so that only a real regression fails. Timings are measured by
`transcript-qa eval` and tests/benchmark.py, never asserted here. The held-out set over
other sources is not here: it is sealed, and run once (`tests/eval/suite-heldout.json`).
"""

import pytest

from assistant import Assistant
from assistant.evaluation import baseline_settings, evaluate, load_questions
from assistant.suite import corpus_folder, read_suite
from conftest import REPO, SHARED

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
    # Measured 2026-12-02: 59% and 15% (the calibration fitted on these and the corpora's tune set); 2026-12-03,
    # with figures and times beside what was asked: 52% and 15% over all eleven sets (64 of these 122);
    # 2026-12-04, refitted on every spent set with each corpus's answerable share held to 15% and with
    # replies ranked: 57% and 20% on these eight (62% and 15% over all nineteen briefing sets).
    assert s.flagged_unanswerable >= 0.5 and s.flagged_answerable <= 0.23, s


def test_transcript_qa_beats_every_baseline_on_the_same_chunks(report):
    ours = summary(report, "transcript-qa")
    for name in ("dense", "bm25", "rrf"):
        theirs = summary(report, name)
        assert ours.mrr10 >= theirs.mrr10 + 0.05 and ours.hit1 >= theirs.hit1, (name, theirs)


def _suite_report(name, tmp_path_factory, real_embedder, suite="suite.json"):
    """transcript-qa and the dense baseline on the corpus `name` of `suite`, indexed on its own."""
    from index import build_index

    (corpus,) = [c for c in read_suite(REPO / "tests" / "eval" / suite) if c.name == name]
    work = tmp_path_factory.mktemp(f"{name}-quality")
    build_index(corpus_folder(corpus, work), work / "index", embedder=real_embedder)
    assistant = Assistant.open(work / "index", embedder=real_embedder)
    dense = assistant.with_settings(baseline_settings()["dense"])
    asks = {"transcript-qa": lambda q, k: assistant.ask(q, k=k), "dense": lambda q, k: dense.ask(q, k=k)}
    return evaluate(asks, load_questions(corpus.sets), k=10, source_text=assistant.source_text, warmup=0)


def _ours_and_dense(report, part):
    (ours,) = [s for s in report.summaries if s.system == "transcript-qa" and s.part == part]
    (dense,) = [s for s in report.summaries if s.system == "dense" and s.part == part]
    return ours, dense


def _holds(s, dense, hit1, hit5, mrr10, flagged_unanswerable, flagged_answerable, ahead):
    """The floors of one part: ranking, passage length, the flag, and the lead over dense retrieval."""
    assert s.hit1 >= hit1 and s.hit5 >= hit5 and s.mrr10 >= mrr10, s
    assert s.words <= 130, s
    assert s.flagged_unanswerable >= flagged_unanswerable and s.flagged_answerable <= flagged_answerable, s
    assert s.mrr10 >= dense.mrr10 + ahead and s.hit1 >= dense.hit1, dense


@pytest.fixture(scope="module")
def corpora_report(tmp_path_factory, real_embedder):
    if not (SHARED.parent / "corpora").is_dir():
        pytest.skip(f"{SHARED.parent / 'corpora'} is not there")
    return _suite_report("corpora", tmp_path_factory, real_embedder)


def test_transcript_qa_stays_above_its_floors_on_the_other_sources(corpora_report):
    s, dense = _ours_and_dense(corpora_report, "corpora-tune")
    assert s.answerable == 84
    # Measured 2026-12-02: Hit@1 0.68, Hit@5 0.90, MRR@10 0.76, 83 words, flags 47% and 13% (74% and 21%
    # with the raw answering cosine, which carried worse to a corpus left out of the fit: see the README);
    # 2026-12-03, with the first passage's score in the flag: 0.67, 0.90, 0.77, 92 words, 53% and 11%; with
    # figures and times beside what was asked: 0.68, 0.90, 0.77, 92 words, 63% and 13%; 2026-12-04, with
    # replies ranked and the flag refitted: 0.68, 0.92, 0.77, 92 words, 58% and 12%; with the question's subject
    # preferred among the speakers it names and the lexical and speaker weights raised: 0.69, 0.93, 0.78, 91
    # words, 68% and 14%.
    _holds(s, dense, 0.62, 0.85, 0.7, 0.4, 0.2, ahead=0.1)


# The dev parts of the sets over transcripts of other sources kept in the repository (tests/eval/fresh,
# fresh2, fresh3, fresh5, fresh6, fresh8, fresh9, fresh12): there in every clone, so these floors hold with or without ../shared. Per folder:
# its answerable dev questions and floors (Hit@1, Hit@5, MRR@10, flagged unanswerable at least,
# flagged answerable at most, MRR@10 ahead of dense by).
FRESH_FLOORS = {
    # Measured 2026-12-04, with the readers for printed hearings, speakers set apart on web pages and
    # captions saved as text: Hit@1 0.70, Hit@5 0.95, MRR@10 0.79, 100 words, flags 50% and 21% (the code
    # before those readers: 0.51, 0.77, 0.63).
    "fresh": (43, (0.62, 0.88, 0.72, 0.4, 0.3, 0.1)),
    # Measured 2026-12-04: Hit@1 0.61, Hit@5 0.86, MRR@10 0.72, 86 words, flags 75% and 14%. The podcast
    # labels no speaker, so its questions naming a host rest on the words alone: the floor sits lower
    # than the first set's.
    "fresh2": (28, (0.5, 0.78, 0.62, 0.5, 0.3, 0.05)),
    # Measured 2026-12-05, the third sets' one openly licensed transcript, a podcast, alone in its index:
    # Hit@1 0.67, Hit@5 0.83, MRR@10 0.72, 92 words, flags 67% and 33% (dense: 0.50, 0.67, 0.56). Six
    # questions: each one moves a rate by a sixth.
    "fresh3": (6, (0.5, 0.66, 0.6, 0.33, 0.5, 0.1)),
    # Measured 2026-12-05, the fifth sets' one openly licensed transcript, a keynote whose talk no label
    # names (only its questions and answers are labelled), alone in its index, after its editor's summary
    # was set aside: Hit@1 0.57, Hit@5 0.71, MRR@10 0.64, 114 words, flags 100% (of two) and 29% (dense:
    # 0.43, 0.57, 0.46; before the summary was set aside, 0.43, 0.57, 0.52). Seven questions.
    "fresh5": (7, (0.42, 0.57, 0.5, 0.5, 0.45, 0.1)),
    # Measured 2026-12-05, the sixth sets' one openly licensed transcript, a deposition machine-read from a
    # typed record (its Q and A often on the wrong line), alone in its index: Hit@1 0.33, Hit@5 0.50,
    # MRR@10 0.41, 54 words, flags 100% (of three) and 50% (dense: 0.33, 0.50, 0.44; the tutorial recipe,
    # whose splits hold each question with its answer, 0.50, 0.83, 0.62). Six questions: the floor holds
    # it where it is, level with dense, not ahead of it.
    "fresh6": (6, (0.33, 0.5, 0.38, 0.66, 0.5, -0.05)),
    # Measured 2026-12-05, the eighth sets' printed House hearing (a work of the US Government) alone in its
    # index: Hit@1 0.17, Hit@5 0.33, MRR@10 0.22, 96 words, flags 0% (of three) and 33% (dense: 0.17, 0.17,
    # 0.19; the tutorial recipe 0.33, 0.50, 0.42). Six questions, each opening on the hearing's long name
    # and date; the floor holds it where it is.
    "fresh8": (6, (0.16, 0.33, 0.2, 0.0, 0.5, 0.0)),
    # Measured 2026-12-05, the ninth sets' press conference (CC BY 4.0), a record saved as XML with the page in
    # a field, alone in its index: Hit@1 0.67, Hit@5 1.00, MRR@10 0.81, 105 words, flags 67% (of three) and
    # 33% (dense: 0.33, 0.50, 0.47; the tutorial recipe 0.17, 0.83, 0.37). Six questions.
    "fresh9": (6, (0.5, 0.83, 0.66, 0.33, 0.5, 0.15)),
    # Measured 2026-12-05, the eleventh sets' air-to-ground transcript (a work of the US Government) alone in
    # its index, read with its elapsed times and its pilot's one-letter label: Hit@1 0.33, Hit@5 0.83, MRR@10
    # 0.49, 31 words (its turns are a line or two), flags 33% (of three) and 67% (dense: 0.33, 0.33, 0.36;
    # the tutorial recipe 0.33, 0.67, 0.46). Six questions.
    "fresh12": (6, (0.16, 0.66, 0.4, 0.33, 0.67, 0.05)),
}


@pytest.fixture(scope="module", params=sorted(FRESH_FLOORS))
def fresh_report(request, tmp_path_factory, real_embedder):
    name = request.param
    return name, _suite_report(name, tmp_path_factory, real_embedder, suite=f"suite-{name}.json")


def test_transcript_qa_stays_above_its_floors_on_transcripts_of_other_sources_in_the_repository(fresh_report):
    name, report = fresh_report
    s, dense = _ours_and_dense(report, f"{name}-dev")
    answerable, (hit1, hit5, mrr10, unanswerable, answerable_flagged, ahead) = FRESH_FLOORS[name]
    assert s.answerable == answerable
    _holds(s, dense, hit1, hit5, mrr10, unanswerable, answerable_flagged, ahead=ahead)
