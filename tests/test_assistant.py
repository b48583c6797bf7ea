"""The Python API over an index built with the fake embedder: quotes, citations, filters, errors."""

import shutil

import pytest

from assistant import Assistant, Filters, QuestionError
from conftest import SAMPLES, FakeEmbedder
from index import build_index


@pytest.fixture(scope="module")
def assistant(fake_index):
    return Assistant.open(fake_index, embedder=FakeEmbedder())


QUESTIONS = ["evacuation plans for residents", "How fast does a flood warning reach a village?",
             "high-speed railway passenger trips", "What is the outlook for the second quarter?",
             "cooling centers opening hours", "fares and monthly pass"]


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_passage_is_verbatim_and_precisely_cited(assistant, question):
    answer = assistant.ask(question, k=5)
    assert answer.question == question and answer.passages
    scores = [p.score for p in answer.passages]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)
    for p in answer.passages:
        c = p.citation
        source = (SAMPLES / c.file).read_text(encoding="utf-8")
        assert source[c.start:c.end] == p.quote == assistant.source_text(c.file)[c.start:c.end]
        hs, he = p.highlight
        assert 0 <= hs < he <= len(p.quote) and p.quote[hs:he].strip() == p.quote[hs:he]
        assert c.line_start == source.count("\n", 0, c.start) + 1
        assert c.line_end == source.count("\n", 0, c.end - 1) + 1
        # The samples put one paragraph on each non-blank line.
        assert c.paragraph == sum(1 for line in source[:c.start].split("\n")[:-1] if line.strip()) + 1
        assert c.title and c.file in {p.name for p in SAMPLES.iterdir()}
        assert p.role in ("host", "official", "narrator")  # reporters' questions are not answers


def test_overlapping_passages_are_merged_never_shown_twice(assistant):
    for question in QUESTIONS:
        spans = [(p.citation.file, p.citation.start, p.citation.end) for p in assistant.ask(question, k=10).passages]
        for i, (f, s, e) in enumerate(spans):
            for g, s2, e2 in spans[i + 1:]:
                assert f != g or e <= s2 or e2 <= s


def test_answer_chunks_carry_the_question_they_answer(assistant):
    answer = assistant.ask("How will reservoir operations be managed this season?", k=5,
                           speaker="Ilse Brandt")
    assert answer.passages
    assert all(p.citation.speaker == "Ilse Brandt" for p in answer.passages)
    assert any(p.question and p.question.endswith("?") for p in answer.passages)


def test_speaker_filter_applies_inside_retrieval_and_still_fills_k(assistant):
    answer = assistant.ask("railway fares", k=5, speaker="Edvin Kaar")
    assert len(answer.passages) == 5
    assert {p.citation.speaker for p in answer.passages} == {"Edvin Kaar"}


def test_partial_and_repeated_filters(assistant):
    answer = assistant.ask("trips", k=8, speaker=["falk", "oskar"])
    assert {p.citation.speaker for p in answer.passages} <= {"Runa Falk", "Oskar Lind"}
    only = assistant.ask("crowns", k=5, doc="statistics-q1-briefing.md")
    assert {p.citation.file for p in only.passages} == {"statistics-q1-briefing.md"}
    dated = assistant.ask("passenger trips", k=5, date_from="2025-01-01")
    assert dated.passages and all(p.citation.date >= "2025-01-01" for p in dated.passages)
    window = assistant.ask("anything", k=5, filters=Filters(date_from="2024-11-01", date_to="2024-11-30"))
    assert {p.citation.file for p in window.passages} == {"transport-briefing.txt"}


def test_reporters_only_when_asked_for(assistant):
    answer = assistant.ask("question about evacuation", k=3, speaker="VNT reporter")
    assert answer.passages and {p.role for p in answer.passages} == {"reporter"}


def test_a_question_about_what_a_reporter_said_may_be_answered_by_a_reporter(assistant):
    asked = "Which reservoirs were criticized for releasing water too late, according to a reporter?"
    said = assistant.ask(asked, k=5)
    assert any(p.role == "reporter" and "releasing water too late" in p.quote for p in said.passages)
    # The same question without the reporter as its source is answered from the officials' words only.
    plain = assistant.ask("Which reservoirs were criticized for releasing water too late?", k=5)
    assert plain.passages and all(p.role != "reporter" for p in plain.passages)


@pytest.mark.parametrize("kwargs, message", [
    ({"question": ""}, "the question is empty"),
    ({"question": "   \n\t "}, "the question is empty"),
    ({"question": "x" * 1001}, "1001 characters long; keep it under 1000"),
    ({"question": None}, "the question is empty"),
    ({"question": "ok", "k": 0}, "from 1 to 50"),
    ({"question": "ok", "k": 51}, "from 1 to 50"),
    ({"question": "ok", "speaker": "Nobody Known"}, "no speaker matches 'Nobody Known'"),
    ({"question": "ok", "doc": "missing.txt"}, "no document matches 'missing.txt'"),
    ({"question": "ok", "date_from": "April 2023"}, "date from must be a date like 2023-04-20"),
    ({"question": "ok", "date_from": "2024-01-02", "date_to": "2024-01-01"}, "the date range is empty"),
])
def test_bad_questions_and_options_are_one_clear_error(assistant, kwargs, message):
    with pytest.raises(QuestionError, match=message) as err:
        assistant.ask(**kwargs)
    assert "\n" not in str(err.value)


def test_the_assistant_switches_to_a_rebuilt_index_without_restarting(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLES, corpus)
    root = tmp_path / "index"
    build_index(corpus, root, embedder=FakeEmbedder())
    assistant = Assistant.open(root, embedder=FakeEmbedder())
    assert assistant.refresh() is False
    (corpus / "new.txt").write_text("Ada Brook: The lighthouse keepers union signed the zeppelin accord.",
                                    encoding="utf-8")
    assert not any(p.citation.file == "new.txt" for p in assistant.ask("zeppelin accord", k=3).passages)
    build_index(corpus, root, embedder=FakeEmbedder())
    assert assistant.refresh() is True
    assert assistant.ask("zeppelin accord lighthouse", k=3).passages[0].citation.file == "new.txt"


def test_library_facts(assistant):
    docs = {d.file: d for d in assistant.documents()}
    assert docs["transport-briefing.txt"].date == "2024-11-05"
    assert "Oskar Lind" in docs["transport-briefing.txt"].speakers
    assert docs["statistics-q1-briefing.md"].period == "first quarter of 2025"
    speakers = {s.name: s for s in assistant.speakers()}
    assert speakers["Edvin Kaar"].role == "official" and speakers["Maren Solt"].role == "host"
    assert speakers["VNT reporter"].role == "reporter"
