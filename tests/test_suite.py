"""Evaluation suites: several corpora, each indexed and measured on its own, in one report;
the tutorial recipe as a baseline row."""

import json

import pytest

from assistant.errors import EvaluationError
from assistant.evaluation import report_text
from assistant.recipe import CHUNK_CHARS, Recipe
from assistant.suite import read_suite, run_suite
from conftest import FakeEmbedder

FERRIES = ("Mira Holm: Good morning. The ferry to the outer islands will run twice a day from May.\n\n"
           "Reporter: What will a ticket cost?\n\n"
           "Mira Holm: A single ticket will cost nine euros, and children travel free.\n")
FLOODS = ("Edvin Kaar: Warnings now reach village duty officers within 15 minutes.\n\n"
          "Edvin Kaar: The river gauges along the valley were replaced last winter.\n")
CAPTIONS = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ana Ruiz>The council approved the new library budget.\n"


def write_suite(tmp_path, files=None):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "ferries.txt").write_text(FERRIES, encoding="utf-8")
    (two / "floods.txt").write_text(FLOODS, encoding="utf-8")
    (two / "council.vtt").write_text(CAPTIONS, encoding="utf-8")
    (two / "notes.csv").write_text("not,a,transcript\n", encoding="utf-8")
    (tmp_path / "q-one.jsonl").write_text("\n".join(json.dumps(q) for q in [
        {"id": "o1", "question": "How much is a ferry ticket?", "kind": "numeric",
         "answers": [{"file": "ferries.txt", "substring": "nine euros"}]},
        {"id": "o2", "question": "What does a bridge toll cost?", "kind": "unanswerable", "answers": []},
    ]) + "\n", encoding="utf-8")
    (tmp_path / "q-two.jsonl").write_text(json.dumps(
        {"id": "w1", "question": "How fast do warnings reach villages?", "kind": "paraphrase",
         "answers": [{"file": "floods.txt", "substring": "within 15 minutes"}]}) + "\n", encoding="utf-8")
    second = {"name": "floods", "folder": "two", "sets": ["q-two.jsonl"]}
    if files:
        second["files"] = files
    suite = tmp_path / "suite.json"
    suite.write_text(json.dumps({"corpora": [{"name": "ferries", "folder": "one", "sets": ["q-one.jsonl"]},
                                             second]}), encoding="utf-8")
    return suite


def test_each_corpus_gets_its_own_rows_and_the_recipe_a_row_of_its_own(tmp_path):
    corpora = read_suite(write_suite(tmp_path, files=["*.txt"]))
    assert [c.name for c in corpora] == ["ferries", "floods"]
    report = run_suite(corpora, tmp_path / "work", k=5, baselines=True, embedder=FakeEmbedder())
    assert set(report.systems) == {"transcript-qa", "dense", "bm25", "rrf", "recipe"}
    rows = {(s.system, s.part) for s in report.summaries}
    assert {("transcript-qa", "ferries"), ("transcript-qa", "floods"), ("recipe", "floods")} <= rows
    # Each corpus was indexed apart: the floods index holds the picked file only, not the ferries
    # transcript nor the captions the glob left out.
    floods = [r for r in report.results["transcript-qa"] if r.id == "w1"]
    assert floods and all("ferries" not in s and "council" not in s for s in floods[0].shown)
    ours = {s.part: s for s in report.summaries if s.system == "transcript-qa"}
    recipe = {s.part: s for s in report.summaries if s.system == "recipe"}
    assert recipe["ferries"].flagged_unanswerable is None  # the recipe has no flag
    assert ours["ferries"].answerable == 1 and ours["floods"].answerable == 1
    assert "floods" in report_text(report)


def test_a_suite_that_names_nothing_or_a_missing_folder_is_refused_in_one_line(tmp_path):
    bad = tmp_path / "suite.json"
    bad.write_text('{"corpora": []}', encoding="utf-8")
    with pytest.raises(EvaluationError, match="names no corpus"):
        read_suite(bad)
    bad.write_text('{"corpora": [{"name": "x", "folder": "nowhere", "sets": []}]}', encoding="utf-8")
    with pytest.raises(EvaluationError, match="is not there"):
        read_suite(bad)
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(EvaluationError, match="cannot be read"):
        read_suite(bad)
    with pytest.raises(EvaluationError, match="there is no suite file"):
        read_suite(tmp_path / "missing.json")


def test_the_recipe_splits_raw_files_with_overlap_and_cites_their_lines(tmp_path):
    long = "".join(f"Line {i}: the harbour master reported {i} arrivals today.\n" for i in range(60))
    (tmp_path / "harbour.txt").write_text(long, encoding="utf-8")
    (tmp_path / "council.vtt").write_text(CAPTIONS, encoding="utf-8")
    recipe = Recipe(tmp_path, FakeEmbedder())
    answer = recipe.ask("How many arrivals did the harbour master report?", k=3)
    assert answer.low_confidence is None and len(answer.passages) == 3
    for p in answer.passages:
        text = (tmp_path / p.citation.file).read_text(encoding="utf-8")
        assert text[p.citation.start:p.citation.end] == p.quote and len(p.quote) <= CHUNK_CHARS
        assert p.citation.line_start <= p.citation.line_end
    # A text loader reads captions as they are: the timing line is in its chunk.
    vtt = recipe.ask("library budget", k=20)
    assert any("-->" in p.quote for p in vtt.passages if p.citation.file == "council.vtt")
