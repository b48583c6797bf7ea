"""What an index learned at build time: stored with it, shown by `transcript-qa info`, read (not
derived again) on open."""

import json
import shutil

import pytest

from assistant import Assistant
from assistant.cli import main
from conftest import SAMPLES, FakeEmbedder
from index import build_index, read_index_learned
from index.store import Store

DEFINES = ("The national rail pass (NRP) now reaches every village. "
           "Officials said the NRP covers every line.\n")


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    root = tmp_path_factory.mktemp("info")
    corpus = shutil.copytree(SAMPLES, root / "corpus")
    (corpus / "acronyms-note.txt").write_text(DEFINES, encoding="utf-8")
    build_index(corpus, root / "index", embedder=FakeEmbedder())
    return root / "index"


def test_info_json_gives_what_the_index_learned(index, capsys):
    assert main(["info", "--index", str(index), "--json"]) == 0
    learned = json.loads(capsys.readouterr().out)["learned"]
    assert learned["acronyms"]["nrp"] == "national rail pass"
    speakers = {s["name"]: s for s in learned["speakers"]}
    assert speakers["Edvin Kaar"]["role"] != "reporter" and speakers["Edvin Kaar"]["turns"] >= 1
    assert any(s["role"] == "reporter" for s in learned["speakers"])
    assert "Edvin Kaar" in learned["names"]
    assert learned["lag_days"] == 17
    assert learned["formulas"][0] == {"text": "thank you for your question", "sentences": 15}
    assert learned["filler"]["formula"] == sum(f["sentences"] for f in learned["formulas"])
    assert "vocabulary" not in learned  # large, and no person reads it
    assert 0 < learned["reference_sentences"] <= 1000


def test_info_text_says_the_same_in_a_few_lines(index, capsys):
    assert main(["info", "--index", str(index)]) == 0
    out = capsys.readouterr().out
    learned = out[out.index("Learned from the corpus:"):]
    assert len(learned.splitlines()) <= 30
    learned = " ".join(learned.split())  # lines are wrapped to the terminal
    assert "NRP = national rail pass" in learned
    assert "Edvin Kaar (" in learned and "reporter label" in learned
    assert "Reporting lag: 17 days" in learned
    assert "“thank you for your question” ×15" in learned
    assert f"Reference: {read_index_learned(index).reference_sentences} sentences sampled" in learned


def test_info_text_names_the_search_of_a_small_index(index, capsys):
    assert main(["info", "--index", str(index)]) == 0
    out = capsys.readouterr().out
    assert "Search:    chunks flat (exact); sentences flat (exact)" in out
    assert "transcripts embedded by its float graph" in out  # an in-process embedder has no int8 graph


def test_learned_is_read_without_the_model(index):
    learned = read_index_learned(index)
    assert learned.acronyms["nrp"] == "national rail pass"
    assert learned.vocabulary.texts > 0 and learned.vocabulary.document_frequency("flood") > 0


def test_opening_reads_the_structure_instead_of_the_transcripts(index, monkeypatch):
    def no_text(self, doc):
        raise AssertionError("opening read a transcript's text")

    monkeypatch.setattr(Store, "text", no_text)
    assistant = Assistant.open(index, embedder=FakeEmbedder())
    monkeypatch.undo()
    answer = assistant.ask("How fast does a flood warning reach a village?", k=3)
    assert answer.passages


def test_the_store_reads_the_same_rows_from_the_structure_as_from_its_tables(index):
    import numpy as np

    from index import open_index

    ix = open_index(index, embedder=FakeEmbedder())
    tables = Store(ix.store.path)
    try:
        for name in ("chunk_doc", "chunk_start", "chunk_end", "chunk_turn", "sentence_doc", "sentence_start",
                     "sentence_end"):
            assert np.array_equal(getattr(ix.store, name), getattr(tables, name)), name
        assert ix.store.chunk_speaker == tables.chunk_speaker and None in tables.chunk_speaker
        assert ix.store.chunk_role == tables.chunk_role
        assert len(ix.store.turns) == len(tables.turns)
        assert list(ix.store.turns) == list(tables.turns) and ix.store.turns[-1] == tables.turns[-1]
    finally:
        tables.close()
        ix.close()
