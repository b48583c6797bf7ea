"""The optional reranker (`--reranker`): it reorders retrieval's passages by a cross-encoder's relevance,
quotes stay verbatim, the low-confidence flag is still judged on retrieval's own passages, and a reranker
that is not on this machine is refused in one line, before any library is imported."""

import dataclasses
import hashlib
import json
import sys

import pytest

from assistant import Assistant
from assistant.calibration import Calibration
from assistant.cli import main
from assistant.reranking import RERANK_DEPTH
from assistant.settings import RetrievalSettings
from assistant.suite import read_suite, run_suite
from conftest import SAMPLES, FakeEmbedder

QUESTIONS = ["evacuation plans for residents", "How fast does a flood warning reach a village?",
             "high-speed railway passenger trips", "What is the outlook for the second quarter?",
             "cooling centers opening hours", "fares and monthly pass"]
# Questions whose first passages a deeper cut changes (with k 3 and 1): a chunk is widened by one found
# further down, and the confidence would be judged on other passages than retrieval's.
DEEPER_CUT_DIFFERS = ["Warnings will reach village duty officers within 15 minutes",
                      "VNT reporter: Some reservoirs were criticized last year for releasing water too late."]
# Every question's flag depends on its signals; the threshold sits where some answers are flagged.
CALIBRATION = Calibration(model="fake", probe=(), features=("lift", "coverage", "score"), coef=(4.0, 2.0, 1.0),
                          intercept=-2.0, threshold=0.5)


class FakeReranker:
    """A relevance from the passage's words alone: deterministic, and unrelated to retrieval's order."""

    name = "fake-reranker"

    def __init__(self):
        self.calls: list[tuple[str, list[str]]] = []

    def score(self, question, passages):
        self.calls.append((question, list(passages)))
        return [relevance(p) for p in passages]


def relevance(passage: str) -> float:
    return hashlib.md5(passage.encode()).digest()[0] / 255


@pytest.fixture(scope="module")
def plain(fake_index):
    return Assistant.open(fake_index, embedder=FakeEmbedder(), settings=RetrievalSettings(calibration=CALIBRATION))


def reranked(plain, reranker, **settings):
    return Assistant(plain.index, dataclasses.replace(plain.settings, **settings), reranker=reranker)


@pytest.mark.parametrize("quote", ["window", "chunk"])
@pytest.mark.parametrize("question", QUESTIONS)
def test_the_reranker_orders_k_verbatim_passages_by_its_own_relevance(plain, question, quote):
    fake = FakeReranker()
    answer = reranked(plain, fake, quote=quote).ask(question, k=4)
    (asked, read), = fake.calls
    assert asked == question and 4 < len(read) <= RERANK_DEPTH
    assert [p.quote for p in answer.passages] == sorted(read, key=relevance, reverse=True)[:4]
    assert [p.score for p in answer.passages] == [round(relevance(p.quote), 4) for p in answer.passages]
    for p in answer.passages:
        c = p.citation
        assert (SAMPLES / c.file).read_text(encoding="utf-8")[c.start:c.end] == p.quote


@pytest.mark.parametrize("quote", ["window", "chunk"])
@pytest.mark.parametrize("question", QUESTIONS + DEEPER_CUT_DIFFERS)
def test_the_flag_is_judged_on_the_passages_retrieval_would_show(plain, question, quote):
    settings = dataclasses.replace(plain.settings, quote=quote)
    for k in (1, 3):
        before, seen = plain.with_settings(settings).ask_with_signals(question, k=k)
        after, judged = reranked(plain, FakeReranker(), quote=quote).ask_with_signals(question, k=k)
        assert judged == seen
        assert (after.low_confidence, after.confidence) == (before.low_confidence, before.confidence)


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_reranker_reads_retrievals_first_passages(plain, question):
    fake = FakeReranker()
    before = plain.ask(question, k=3)
    reranked(plain, fake).ask(question, k=3)
    assert {p.quote for p in before.passages} <= set(fake.calls[0][1])


def test_the_reranker_changes_the_order_of_some_answers(plain):
    moved = [q for q in QUESTIONS
             if [p.quote for p in reranked(plain, FakeReranker()).ask(q, k=5).passages]
             != [p.quote for p in plain.ask(q, k=5).passages]]
    assert moved  # else the tests above would pass with the reranker ignored


def test_without_a_reranker_the_answer_is_retrievals_and_a_baseline_drops_it(plain):
    fake = FakeReranker()
    with_one = reranked(plain, fake)
    for question in QUESTIONS:
        assert Assistant(plain.index, plain.settings, reranker=None).ask(question) == plain.ask(question)
        assert with_one.with_settings(plain.settings).ask(question) == plain.ask(question)
    assert fake.calls == []


def test_the_page_answers_with_the_reranker_it_was_started_with(fake_index):
    from ui.state import AppState

    fake = FakeReranker()
    state = AppState(fake_index, embedder=FakeEmbedder(), reranker=fake)
    answer = state.assistant().ask("fares and monthly pass", k=3)
    assert len(fake.calls) == 1
    assert [p.quote for p in answer.passages] == sorted(fake.calls[0][1], key=relevance, reverse=True)[:3]


def test_a_suite_reranks_transcript_qa_and_not_the_baselines(tmp_path):
    (tmp_path / "corpus").mkdir()
    for sample in sorted(SAMPLES.glob("*.txt"))[:2]:
        (tmp_path / "corpus" / sample.name).write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "q.jsonl").write_text("".join(
        json.dumps({"id": str(i), "question": q, "kind": "x", "answers": []}) + "\n"
        for i, q in enumerate(QUESTIONS)), encoding="utf-8")
    (tmp_path / "suite.json").write_text(json.dumps({"corpora": [{"name": "samples", "folder": "corpus",
                                                                  "sets": ["q.jsonl"]}]}), encoding="utf-8")
    fake = FakeReranker()
    report = run_suite(read_suite(tmp_path / "suite.json"), tmp_path / "work", k=5, baselines=True,
                       embedder=FakeEmbedder(), reranker=fake)
    assert {"transcript-qa", "dense", "bm25", "rrf", "recipe"} == set(report.systems)
    # Each question asked of transcript-qa twice (a warm-up, then measured), and never of a baseline.
    assert sorted(q for q, _ in fake.calls) == sorted(2 * [r.question for r in report.results["transcript-qa"]])


# -- the command line ------------------------------------------------------------------


@pytest.fixture
def offline(monkeypatch, no_network):
    """`no_network`, downloads not allowed, no reranker named by the environment, and sentence-transformers
    impossible to import: a refusal must come before any library is asked."""
    monkeypatch.delenv("TQA_RERANKER", raising=False)
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    return no_network


def one_line_error(capsys, code) -> str:
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and err.count("\n") == 1, err
    return err


@pytest.mark.parametrize("command", [["ask", "What about the fares?"], ["eval", "{questions}"], ["serve"]])
def test_a_reranker_folder_that_is_not_there_is_named_in_one_line(command, offline, tmp_path, capsys,
                                                                   monkeypatch):
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"id": "1", "question": "fares?", "kind": "x", "answers": []}) + "\n")
    argv = [a.format(questions=questions) for a in command] + ["--index", str(tmp_path / "index")]
    missing = tmp_path / "no" / "such" / "folder"
    err = one_line_error(capsys, main([*argv, "--reranker", str(missing)]))
    assert f"the reranker folder {missing} does not exist" in err
    monkeypatch.setenv("TQA_RERANKER", str(missing))  # the default, for each of the three commands
    assert f"the reranker folder {missing} does not exist" in one_line_error(capsys, main(argv))
    assert offline == []


def test_a_reranker_name_not_on_this_machine_is_refused_before_any_library_or_network(offline, tmp_path, capsys):
    err = one_line_error(capsys, main(["ask", "What about the fares?", "--index", str(tmp_path / "index"),
                                       "--reranker", "some-org/some-cross-encoder"]))
    assert "the reranker 'some-org/some-cross-encoder' is not on this machine" in err and "--allow-download" in err
    assert offline == []


def test_an_empty_reranker_is_refused(offline, tmp_path, capsys):
    err = one_line_error(capsys, main(["ask", "What about the fares?", "--index", str(tmp_path), "--reranker", ""]))
    assert "the reranker is empty" in err


# -- a real cross-encoder ------------------------------------------------------------


@pytest.fixture(scope="module")
def cross_encoder_folder(tmp_path_factory):
    """A cross-encoder of the bundled model's weights under a scoring head of seeded random weights: no model
    trained for reranking is on this machine, and this one is a real CrossEncoder all the same."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from index.embedding import bundled_model_path

    folder = tmp_path_factory.mktemp("cross-encoder")
    torch.manual_seed(0)
    AutoModelForSequenceClassification.from_pretrained(str(bundled_model_path()), num_labels=1).save_pretrained(folder)
    AutoTokenizer.from_pretrained(str(bundled_model_path())).save_pretrained(folder)
    return folder


@pytest.mark.model
def test_ask_with_a_real_cross_encoder_folder(sample_index, cross_encoder_folder, capsys):
    import numpy as np
    import torch
    from sentence_transformers import CrossEncoder

    argv = ["ask", "How many residents are covered by evacuation plans?", "--index", str(sample_index), "--json",
            "-k", "4", "--reranker", str(cross_encoder_folder)]
    assert main(argv) == 0
    first = capsys.readouterr().out
    assert main(argv) == 0
    assert capsys.readouterr().out == first
    passages = json.loads(first)["passages"]
    assert len(passages) == 4
    scores = [p["score"] for p in passages]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)
    for p in passages:
        c = p["citation"]
        assert (SAMPLES / c["file"]).read_text(encoding="utf-8")[c["start"]:c["end"]] == p["quote"]
    # Each score is the logistic of the model's own logit for the question and that quote.
    model = CrossEncoder(str(cross_encoder_folder), device="cpu", activation_fn=torch.nn.Identity())
    logits = model.predict([(argv[1], p["quote"]) for p in passages])
    assert scores == pytest.approx(list(1 / (1 + np.exp(-logits))), abs=1e-4)


@pytest.mark.model
def test_an_embedding_model_is_refused_as_a_reranker(capsys, tmp_path):
    from index.embedding import bundled_model_path

    err = one_line_error(capsys, main(["ask", "What about the fares?", "--index", str(tmp_path),
                                       "--reranker", str(bundled_model_path())]))
    assert "is not a cross-encoder" in err
