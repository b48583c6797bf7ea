"""The vocabulary a corpus teaches is the sum of what its documents count: a rebuild adds the
counts an index kept for unchanged files to those of the files that changed."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.vocabulary import WordCounts, added, count_words, learn_vocabulary, vocabulary_of

CHUNKS = ["The Ministry said the Ministry of Transport will open two lines.",
          "Mira Holm said fares stay at two euros; the ministry agrees.",
          "Holm: Thank you. The lines open in May, Holm said.",
          "Transport is the ministry's largest budget line."]

_word = st.sampled_from(["ministry", "Ministry", "Holm", "fares", "the", "The", "lines", "open", "May", "2.5",
                         "Transport", "transport", "said", "euros"])
_text = st.lists(_word, min_size=1, max_size=12).map(lambda ws: " ".join(ws) + ".")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_text, max_size=4), min_size=1, max_size=4))
def test_counts_of_parts_add_up_to_the_counts_of_the_whole(documents):
    whole = count_words(t for doc in documents for t in doc)
    parts = added(count_words(doc) for doc in documents)
    assert parts == whole
    assert vocabulary_of(parts) == learn_vocabulary(t for doc in documents for t in doc)


def test_counts_read_back_as_written_and_nonsense_is_refused():
    counts = count_words(CHUNKS)
    assert counts.texts == 4 and counts.in_texts["said"] == 3 and counts.capital["holm"] == 2
    assert WordCounts.from_record(json.loads(json.dumps(counts.as_record()))) == counts
    for bad in ({"texts": 1, "in_texts": ["a"], "stem_texts": {}, "lower": {}, "capital": {}},
                {"texts": "one", "in_texts": {}, "stem_texts": {}, "lower": {}, "capital": {}},
                {"texts": 1, "in_texts": {}}):
        try:
            WordCounts.from_record(bad)
        except (ValueError, TypeError, KeyError):
            continue
        raise AssertionError(f"accepted {bad}")


def test_the_vocabulary_learned_from_the_sum_is_the_one_learned_from_all_texts():
    vocabulary = vocabulary_of(added([count_words(CHUNKS[:2]), count_words(CHUNKS[2:])]), share=0.5)
    assert vocabulary == learn_vocabulary(CHUNKS, share=0.5)
    assert "said" in vocabulary.common and "holm" not in vocabulary.ordinary and "fares" in vocabulary.ordinary
    assert vocabulary.texts == 4 and vocabulary.document_frequency("line") == 3
