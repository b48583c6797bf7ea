"""The sentences inside each chunk, as the structure stores them for retrieval."""

import numpy as np

from conftest import SAMPLES, FakeEmbedder
from index import build_index, open_index
from index.structure import sentence_rows


def test_every_chunk_holds_exactly_the_sentences_that_lie_inside_it(tmp_path):
    build_index(SAMPLES, tmp_path / "ix", embedder=FakeEmbedder())
    ix = open_index(tmp_path / "ix", embedder=FakeEmbedder())
    s, rows = ix.structure, ix.structure.rows
    stored = {int(c): list(s.pair_sentence[a:b]) for c, a, b in
              zip(s.pair_chunks, s.pair_offsets, list(s.pair_offsets[1:]) + [len(s.pair_sentence)])}
    assert len(rows.chunk_doc) > 50 and sum(map(len, stored.values())) >= len(rows.sentence_doc)
    for chunk in range(len(rows.chunk_doc)):
        inside = sentence_rows(rows.sentence_doc, rows.sentence_start, rows.sentence_end, int(rows.chunk_doc[chunk]),
                               int(rows.chunk_start[chunk]), int(rows.chunk_end[chunk]))
        assert stored.get(chunk, []) == inside, chunk
    assert np.all(np.diff(s.pair_chunks) > 0)  # one run per chunk, in order
    ix.close()
