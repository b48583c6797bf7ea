"""The evaluation harness: gold matching, Hit@k, MRR, words, flag rates, reading question files."""

import json

import pytest

from assistant import Answer, Assistant, Citation, Passage
from assistant.errors import EvaluationError
from assistant.evaluation import (EvalQuestion, Gold, baseline_settings, evaluate, first_hit, load_questions,
                                  passage_answers, percentile, report_table, report_text, run_questions, summarize)
from conftest import FakeEmbedder


def cite(file, start=0, end=10):
    return Citation(file=file, title="t", date=None, speaker=None, paragraph=1, line_start=1, line_end=1,
                    start=start, end=end)


def passage(file, quote, also_in=()):
    return Passage(quote=quote, highlight=(0, len(quote)), citation=cite(file), score=0.5, also_in=also_in)


def question(qid, answers, kind="paraphrase", part="tune"):
    return EvalQuestion(id=qid, question=f"question {qid}?", kind=kind,
                        answers=tuple(Gold(f, s) for f, s in answers), part=part)


def test_a_passage_answers_only_from_the_gold_file_with_the_gold_words():
    gold = Gold("a.txt", "4.089 million")
    assert passage_answers(passage("a.txt", "reached 4.089 million base stations"), gold)
    assert not passage_answers(passage("b.txt", "reached 4.089 million base stations"), gold)
    assert not passage_answers(passage("a.txt", "reached 4.09 million base stations"), gold)


def test_a_passage_also_answers_through_its_also_in_citations():
    text = "xxxxx over 6.55 million passengers yyyy"
    sources = {"b.txt": text}
    start = text.index("over")
    other = cite("b.txt", start, start + len("over 6.55 million passengers"))
    p = passage("a.txt", "more than 6.55 million passengers", also_in=(other,))
    # The other translation's words, found in the span the also_in citation points at.
    assert passage_answers(p, Gold("b.txt", "over 6.55 million passengers"), sources.__getitem__)
    assert not passage_answers(p, Gold("b.txt", "over 6.55 million passengers"))
    assert not passage_answers(p, Gold("b.txt", "yyyy"), sources.__getitem__)  # outside the cited span
    assert not passage_answers(p, Gold("c.txt", "6.55 million"), sources.__getitem__)


def test_a_passage_that_begins_its_turn_answers_with_its_speakers_label_too():
    text = "Host: Next.\n\n  • Economic Daily Reporter: Deepening the integration of industry. Thank you.\n"
    start = text.index("Deepening")
    quoted = text[start:text.index(" Thank")]

    def at(begin, speaker="Economic Daily Reporter"):
        c = Citation(file="a.txt", title="t", date=None, speaker=speaker, paragraph=1, line_start=1, line_end=1,
                     start=begin, end=begin + len(text[begin:text.index(" Thank")]))
        return Passage(quote=text[begin:c.end], highlight=(0, 1), citation=c, score=0.5)

    gold = Gold("a.txt", "Economic Daily Reporter: Deepening the integration")
    assert passage_answers(at(start), gold, {"a.txt": text}.__getitem__)
    assert at(start).quote == quoted and not passage_answers(at(start), gold)  # the label is read from the source
    # Not from a passage that starts inside the turn, nor under another speaker's label.
    assert not passage_answers(at(start + len("Deepening ")), Gold("a.txt", "Reporter: Deepening the"),
                               {"a.txt": text}.__getitem__)
    assert not passage_answers(at(start, speaker="Host"), gold, {"a.txt": text}.__getitem__)


def test_first_hit_is_the_rank_of_the_first_answering_passage_for_any_gold():
    passages = [passage("a.txt", "nothing"), passage("b.txt", "second gold"), passage("a.txt", "first gold")]
    assert first_hit(passages, [Gold("a.txt", "first gold"), Gold("b.txt", "second gold")]) == 2
    assert first_hit(passages, [Gold("a.txt", "first gold")]) == 3
    assert first_hit(passages, [Gold("a.txt", "absent")]) is None
    assert first_hit([], [Gold("a.txt", "x")]) is None


def fake_ask(answers: dict):
    """An asker that returns canned passages per question text, and takes a fixed time."""
    def ask(text, k):
        passages, low = answers[text]
        return Answer(question=text, passages=tuple(passages[:k]), low_confidence=low)
    return ask


def test_metrics_over_a_fake_retriever():
    hit = passage("a.txt", "the gold words here")
    miss = passage("a.txt", "one two three")
    questions = [
        question("t1", [("a.txt", "gold words")]),           # rank 1
        question("t2", [("a.txt", "gold words")]),           # rank 3
        question("t3", [("a.txt", "gold words")]),           # rank 7: in MRR@10, not Hit@5
        question("t4", [("a.txt", "gold words")]),           # not found
        question("u1", [], kind="unanswerable"),
        question("u2", [], kind="unanswerable"),
    ]
    canned = {
        "question t1?": ([hit, miss], False),
        "question t2?": ([miss, miss, hit], True),
        "question t3?": ([miss] * 6 + [hit], False),
        "question t4?": ([miss] * 10, False),
        "question u1?": ([miss], True),
        "question u2?": ([miss], False),
    }
    ticks = iter(range(0, 1000, 1))
    results = run_questions(fake_ask(canned), questions, k=10, clock=lambda: next(ticks) / 1000)
    assert [r.rank for r in results] == [1, 3, 7, None, None, None]
    assert all(r.latency_ms == pytest.approx(1.0) for r in results)
    s = summarize(results, "fake", "tune")
    assert (s.questions, s.answerable) == (6, 4)
    assert (s.hit1, s.hit3, s.hit5) == (0.25, 0.5, 0.5)
    assert s.mrr10 == pytest.approx((1 + 1 / 3 + 1 / 7) / 4)
    # Words over the first five passages of every question, unanswerable ones included.
    shown = [4, 3] + [3, 3, 4] + [3] * 5 + [3] * 5 + [3] + [3]
    assert s.words == pytest.approx(sum(shown) / len(shown))
    assert s.flagged_unanswerable == 0.5 and s.flagged_answerable == 0.25


def test_mrr_counts_only_the_first_ten():
    hit = passage("a.txt", "gold")
    results = run_questions(fake_ask({"question t1?": ([passage("a.txt", "x")] * 11 + [hit], False)}),
                            [question("t1", [("a.txt", "gold")])], k=12)
    s = summarize(results, "fake", "tune")
    assert results[0].rank == 12 and s.mrr10 == 0.0


def test_percentile_is_nearest_rank():
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.0
    assert percentile(list(map(float, range(1, 21))), 95) == 19.0
    assert percentile([], 95) == 0.0


def test_evaluate_summarises_per_system_part_and_kind_and_lists_misses():
    questions = [question("t1", [("a.txt", "gold")], part="tune"),
                 question("h1", [("a.txt", "gold")], kind="numeric", part="heldout")]
    good = fake_ask({"question t1?": ([passage("a.txt", "gold")] * 5, False),
                     "question h1?": ([passage("a.txt", "gold")] * 5, False)})
    bad = fake_ask({"question t1?": ([passage("a.txt", "no")] * 5, False),
                    "question h1?": ([passage("a.txt", "no")] * 5, False)})
    report = evaluate({"good": bad, "other": good}, questions, k=5, warmup=0)
    assert report.parts == ("tune", "heldout")
    rows = {(s.system, s.part): s for s in report.summaries}
    assert set(rows) == {(n, p) for n in ("good", "other") for p in ("tune", "heldout", "all")}
    assert rows[("good", "all")].hit1 == 0.0 and rows[("other", "tune")].hit1 == 1.0
    assert {s.part for s in report.by_kind} == {"paraphrase", "numeric"}
    text = report_text(report)
    assert "Not in the top 5 (good):" in text and "t1 [paraphrase]" in text and "h1 [numeric]" in text
    table = report_table(report).splitlines()
    assert len(table) == 2 + 6 and table[0].split("|")[1:4] == [" part    ", " system ", " n "]
    with pytest.raises(EvaluationError, match="at least 5"):
        evaluate({"good": good}, questions, k=3)


def test_question_files_are_read_and_checked(tmp_path):
    good = tmp_path / "questions-tune.jsonl"
    good.write_text("\n".join(json.dumps(o) for o in [
        {"id": "t1", "question": "Q one?", "kind": "numeric", "answers": [{"file": "a.txt", "substring": "x"}]},
        {"id": "t2", "question": "Q two?", "kind": "unanswerable", "answers": []},
    ]) + "\n\n", encoding="utf-8")
    qs = load_questions([good])
    assert [q.id for q in qs] == ["t1", "t2"] and {q.part for q in qs} == {"tune"}
    assert qs[0].answers == (Gold("a.txt", "x"),) and qs[0].answerable and not qs[1].answerable
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "b1", "question": "Q"}\nnot json\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"broken.jsonl:2: not JSON"):
        load_questions([broken])
    missing = tmp_path / "fields.jsonl"
    missing.write_text('{"question": "Q?", "answers": []}\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match="fields.jsonl:1: a question needs id"):
        load_questions([missing])
    with pytest.raises(EvaluationError, match="used twice"):
        load_questions([good, good])
    with pytest.raises(EvaluationError, match="there is no question file"):
        load_questions([tmp_path / "nowhere.jsonl"])


def test_baselines_switch_settings_of_the_one_retrieval(fake_index):
    baselines = baseline_settings()
    assert set(baselines) == {"dense", "bm25", "rrf"}
    assert baselines["dense"].lexical_weight == 0 and baselines["bm25"].dense_weight == 0
    assert baselines["rrf"].fusion == "rrf"
    for s in baselines.values():
        assert (s.question_weight, s.reply_weight, s.named_reply_weight, s.sentence_weight, s.speaker_boost,
                s.period_boost) == (0,) * 6
        assert s.quote == "chunk" and not s.understands_questions and not s.expand_terms
    assistant = Assistant.open(fake_index, embedder=FakeEmbedder())
    # A BM25-only system never returns a chunk without one of the question's words.
    answer = assistant.with_settings(baselines["bm25"]).ask("zzzz railway qqqq", k=10)
    assert answer.passages and all("railway" in p.quote.lower() for p in answer.passages)
