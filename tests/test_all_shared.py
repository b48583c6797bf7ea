"""Every transcript in ../shared (the five briefings and the twelve of other kinds and formats)
in one index, with the bundled model: the contracts hold for every chunk, and answers from
timed transcripts are cited by time, from paginated ones by page."""

import shutil
import time

import pytest

from assistant import Assistant
from conftest import SHARED
from corpus import load_corpus

pytestmark = pytest.mark.model

CORPORA = SHARED.parent / "corpora"


@pytest.fixture(scope="module")
def everything(tmp_path_factory, real_embedder, shared_dir):
    """(corpus folder, index folder, build seconds): both shared folders, copied side by side."""
    from index import build_index

    if not CORPORA.is_dir():
        pytest.skip(f"{CORPORA} is not there")
    root = tmp_path_factory.mktemp("everything")
    corpus = root / "corpus"
    shutil.copytree(shared_dir, corpus / "transcripts")
    shutil.copytree(CORPORA, corpus / "corpora", ignore=shutil.ignore_patterns("README.md"))
    started = time.perf_counter()
    report = build_index(corpus, root / "index", embedder=real_embedder)
    assert not report.skipped, report.skipped
    return corpus, root / "index", time.perf_counter() - started


@pytest.fixture(scope="module")
def assistant(everything, real_embedder):
    return Assistant.open(everything[1], embedder=real_embedder)


def test_every_file_is_indexed_and_every_chunk_is_verbatim_inside_one_turn(everything, assistant):
    corpus, _, seconds = everything
    transcripts, skipped = load_corpus(corpus)
    assert len(transcripts) == 16 and not skipped  # 5 briefings, 11 of other kinds
    store = assistant.index.store
    assert {d.doc_id for d in store.documents} == {t.doc_id for t in transcripts}
    chunks = store.chunks(list(range(len(store))))
    for c in chunks:
        doc = next(d.doc for d in store.documents if d.doc_id == c.doc_id)
        text = store.text(doc)
        assert text[c.start:c.end] == c.text
        turn = store.turns[doc][c.turn_index]
        assert turn.start <= c.start and c.end <= turn.end
        assert c.speaker == turn.speaker
    print(f"\nbuilt {len(transcripts)} transcripts, {len(chunks)} chunks in {seconds:.1f} s")


@pytest.mark.parametrize("question, suffix", [
    ("How can machine learning help people with cognitive disabilities?", ".vtt"),
    ("When will the devnet for the next fork launch?", ".vtt"),
    ("What did the Oakland council do at the start of the special meeting?", ".vtt"),
])
def test_answers_from_timed_transcripts_are_cited_by_time(assistant, question, suffix):
    answer = assistant.ask(question, k=5)
    timed = [p for p in answer.passages if p.citation.file.endswith(suffix)]
    assert timed, [p.citation.file for p in answer.passages]
    for p in timed:
        start, end = p.citation.time
        assert 0 <= start <= end
        turn_times = [t.time for t in assistant.transcript(p.citation.file).turns if t.time]
        assert turn_times[0][0] <= start and end <= turn_times[-1][1]


def test_answers_from_the_court_argument_are_cited_by_page(assistant):
    answer = assistant.ask("What did Justice Kagan ask the Solicitor General about tariffs as taxes?", k=5)
    court = [p for p in answer.passages if p.citation.file.startswith("corpora/scotus/")]
    assert court
    for p in court:
        assert 4 <= p.citation.page <= 190
        assert "Official - Subject to Final Review" not in p.quote and "Heritage Reporting" not in p.quote


def test_the_debate_is_cited_by_column_and_time_of_day(assistant):
    answer = assistant.ask("What did the minister say about the decline of North Sea oil production?", k=5)
    debate = [p for p in answer.passages if p.citation.file.endswith(".xml")]
    assert debate
    assert all(143 <= p.citation.page <= 178 and p.citation.time for p in debate)
