"""One statement in two documents is shown once, the other listed in also_in."""

import numpy as np
import pytest

from assistant import Assistant, RetrievalSettings
from assistant.dedupe import Repeats, figures_agree, similarity
from conftest import FakeEmbedder, fake_index_of

STATEMENT = ("In the first quarter, the output of solar cells rose by 53.2 percent year on year. "
             "The output of new energy vehicles rose by 22.5 percent over the same period. "
             "Exports of lithium batteries grew by 94.3 percent.")


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory):
    return fake_index_of(tmp_path_factory.mktemp("dedupe"), {
        "a-english.txt": "Briefing on the first quarter, English record\n\n"
                         f"Lena Hart: Good morning. {STATEMENT} We thank the press for coming.\n",
        "b-translation.txt": "Record of the same briefing, second translation\n\n"
                             f"Lena Hart: Welcome, everyone. {STATEMENT} Thank you all for attending.\n",
        # The same words a year later, with other figures: another statement.
        "c-next-year.txt": "Briefing a year later\n\n"
                           "Lena Hart: Good morning. In the first quarter, the output of solar cells rose by 31.0 "
                           "percent year on year. The output of new energy vehicles rose by 12.4 percent over the "
                           "same period. Exports of lithium batteries grew by 40.8 percent.\n",
    })


def test_a_statement_in_two_documents_is_shown_once_with_also_in(corpus_index):
    assistant = Assistant.open(corpus_index, embedder=FakeEmbedder())
    answer = assistant.ask("How fast did solar cell output rise in the first quarter?", k=5)
    repeated = [p for p in answer.passages
                if "53.2 percent" in p.quote and p.citation.file in ("a-english.txt", "b-translation.txt")]
    assert len(repeated) == 1
    (shown,) = repeated
    (other,) = shown.also_in
    assert {shown.citation.file, other.file} == {"a-english.txt", "b-translation.txt"}
    source = assistant.source_text(other.file)
    assert "53.2 percent" in source[other.start:other.end] and other.speaker == "Lena Hart"
    # Other figures: not the same statement, still shown on its own.
    assert any(p.citation.file == "c-next-year.txt" and not p.also_in for p in answer.passages)


def test_folding_repeats_can_be_switched_off(corpus_index):
    assistant = Assistant.open(corpus_index, embedder=FakeEmbedder(),
                               settings=RetrievalSettings(also_in_threshold=1.0))
    answer = assistant.ask("How fast did solar cell output rise in the first quarter?", k=5)
    solar = [p.citation.file for p in answer.passages if "solar cells" in p.quote]
    assert sorted(solar) == ["a-english.txt", "b-translation.txt", "c-next-year.txt"]
    assert all(not p.also_in for p in answer.passages)


@pytest.mark.parametrize("a, b, same", [
    ("rose by 22.5% and 53.2%", "surged by 22.5% and 53.2% year on year", True),
    ("rose by 22.5% and 53.2%", "rose by 12.4% and 31.0%", False),
    ("no figures here", "none there either", True),
    ("grew by 3% in March", "grew steadily", False),  # one gives a figure the other does not
    ("1.65 million and 1.586 million, up 26.6%", "1.65 million vehicles, 1.586 million sold, 4 times", True),
])
def test_figures_must_agree(a, b, same):
    assert figures_agree(a, b) is same


def test_similarity_aligns_sentences_and_reads_the_better_covered_side():
    e = np.eye(4, dtype=np.float32)
    assert similarity(e[:2], e[:4]) == pytest.approx(1.0)  # a short passage inside a longer one
    assert similarity(e[:2], e[2:]) == pytest.approx(0.0)
    assert similarity(e[:0], e[:2]) == 0.0


def test_a_span_is_claimed_by_the_first_chosen_span_it_repeats_closely_enough_with_the_same_figures(corpus_index):
    """Whatever the spans compared, the claim is the one `similarity` and `figures_agree` give pair by pair."""
    from assistant.passages import QueryView, windows
    from assistant.retrieval import retrieve

    assistant = Assistant.open(corpus_index, embedder=FakeEmbedder())
    ctx, settings = assistant._ctx, RetrievalSettings()
    question = "How fast did solar cell output rise in the first quarter?"
    qvec = ctx.ix.embedder.embed_queries([question])[0]
    view = QueryView.of(ctx, qvec, question)
    spans = windows(ctx, retrieve(ctx, qvec, question, None, settings, sentence_sims=view.sims), view, 20, settings)
    assert len({s.doc for s in spans}) == 3
    text = ctx.ix.store.text

    def vectors(span):
        rows = [r for r in span.sentences if ctx.sentence_words(r) >= 5]
        return np.asarray(ctx.ix.sentence_vectors[rows], dtype=np.float32)

    claims = 0
    for threshold in (0.5, 0.9, 0.99):
        for i, span in enumerate(spans):
            chosen = spans[:i]
            want = next((c for c in chosen if c.doc != span.doc
                         and similarity(vectors(span), vectors(c)) >= threshold
                         and figures_agree(text(span.doc)[span.start:span.end], text(c.doc)[c.start:c.end])), None)
            repeats = Repeats(ctx, threshold)
            assert repeats(span, chosen) is (want is not None)
            assert [s is span for c in chosen for s in repeats.of(c)] == ([True] if want is not None else [])
            if want is not None:
                assert repeats.of(want) == [span]
                claims += 1
    assert claims > 0
