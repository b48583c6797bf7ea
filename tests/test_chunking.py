"""Chunks: verbatim, one turn each, within the token budget, stable ids."""

import pytest

from conftest import REPO, SAMPLES, FakeEmbedder
from corpus import ChunkSettings, TranscriptQAError, chunk_transcript, load_corpus, paragraphs, read_transcript
from corpus.boilerplate import is_boilerplate
from corpus.chunking import chunk_and_split


def chunks_of(transcript, tokenizer, **settings):
    return chunk_transcript(transcript, paragraphs(transcript.text), tokenizer, ChunkSettings(**settings))


def sentences_of(transcript, tokenizer, **settings):
    done = chunk_and_split(transcript, paragraphs(transcript.text), tokenizer, ChunkSettings(**settings))
    assert done.chunks == chunks_of(transcript, tokenizer, **settings)
    return done.sentences


def test_settings_are_checked_where_they_are_made():
    with pytest.raises(TranscriptQAError, match="16 to 8192"):
        ChunkSettings(max_tokens=4)
    with pytest.raises(TranscriptQAError, match="0, 1, 2 or 3"):
        ChunkSettings(overlap_sentences=7)
    with pytest.raises(TranscriptQAError, match="over the model's limit of 256"):
        ChunkSettings(max_tokens=512).fitted_to(256)


def test_a_sentence_longer_than_the_budget_is_cut_at_a_comma(tmp_path):
    words = ", ".join(f"item number {i} of the list" for i in range(60))
    (tmp_path / "long.txt").write_text(f"Zhao Zhiguo: {words}. Short end.", encoding="utf-8")
    t = read_transcript(tmp_path / "long.txt", tmp_path)
    fake = FakeEmbedder()
    chunks = chunks_of(t, fake, max_tokens=40, overlap_sentences=0)
    assert len(chunks) > 5
    for c in chunks:
        assert t.text[c.start:c.end] == c.text
        assert fake.count([c.text])[0] + fake.special_tokens <= 40
    assert all(c.text.endswith((",", ".")) for c in chunks)
    joined = "".join(t.text[a.end:b.start] for a, b in zip(chunks, chunks[1:]))
    assert joined.strip() == ""  # nothing between consecutive pieces is lost
    # The cut sentence is stored as its part in each chunk, as each chunk shows it.
    stored = [t.text[a:b] for a, b in sentences_of(t, fake, max_tokens=40, overlap_sentences=0)]
    assert stored == [c.text for c in chunks] and stored[-1] == "Short end."


@pytest.mark.parametrize("max_tokens, overlap", [(128, 1), (40, 1), (24, 0), (16, 2)])
def test_stored_sentences_cover_every_chunk_exactly_once(max_tokens, overlap):
    fake = FakeEmbedder()
    for folder in (SAMPLES, REPO / "tests" / "fixtures" / "layouts", REPO / "tests" / "fixtures" / "formats"):
        transcripts, _ = load_corpus(folder)
        for t in transcripts:
            chunks = chunks_of(t, fake, max_tokens=max_tokens, overlap_sentences=overlap)
            sentences = sentences_of(t, fake, max_tokens=max_tokens, overlap_sentences=overlap)
            assert all(b1 <= a2 for (_, b1), (a2, _) in zip(sentences, sentences[1:])), t.doc_id  # in order, apart
            for c in chunks:
                inside = [(a, b) for a, b in sentences if c.start <= a and b <= c.end]
                assert inside[0][0] == c.start and inside[-1][1] == c.end, t.doc_id
                assert all(not t.text[b1:a2].strip() for (_, b1), (a2, _) in zip(inside, inside[1:])), t.doc_id
            assert all(any(c.start <= a and b <= c.end for c in chunks) for a, b in sentences), t.doc_id


def test_consecutive_chunks_share_one_sentence_when_overlap_is_on(tmp_path):
    body = " ".join(f"Sentence {i} says something about exports." for i in range(40))
    (tmp_path / "t.txt").write_text(f"Tao Qing: {body}", encoding="utf-8")
    t = read_transcript(tmp_path / "t.txt", tmp_path)
    with_overlap = chunks_of(t, FakeEmbedder(), max_tokens=48, overlap_sentences=1)
    without = chunks_of(t, FakeEmbedder(), max_tokens=48, overlap_sentences=0)
    assert all(b.start < a.end for a, b in zip(with_overlap, with_overlap[1:]))
    assert all(b.start >= a.end for a, b in zip(without, without[1:]))
    assert with_overlap[1].text.split(".")[0] == with_overlap[0].text.split(". ")[-1].rstrip(".")


def check_contracts(transcripts, tokenizer, limit):
    total = 0
    for t in transcripts:
        chunks = chunks_of(t, tokenizer)
        total += len(chunks)
        for c in chunks:
            assert t.text[c.start:c.end] == c.text, "verbatim"
            turn = t.turns[c.turn_index]
            assert turn.start <= c.start and c.end <= turn.end, "one speaker per chunk"
            assert (c.speaker, c.role) == (turn.speaker, turn.role)
            assert tokenizer.count([c.text])[0] + tokenizer.special_tokens == c.tokens <= limit
            for p in paragraphs(c.text):
                assert not is_boilerplate(c.text[p.start:p.end]), c.text[p.start:p.end]
            if turn.question_turn is not None:
                q = t.turns[turn.question_turn]
                assert c.question == t.text[q.start:q.end].strip()
        # No spoken word is lost: every non-boilerplate paragraph of every turn is in some chunk.
        for i, turn in enumerate(t.turns):
            for p in paragraphs(t.text):
                if turn.start <= p.start < turn.end and not is_boilerplate(t.text[p.start:p.end]):
                    assert any(c.start <= p.start < c.end for c in chunks if c.turn_index == i)
    return total


def test_contracts_with_the_fake_tokenizer(shared_dir):
    transcripts, _ = load_corpus(shared_dir)
    assert check_contracts(transcripts, FakeEmbedder(), ChunkSettings().max_tokens) > 100


@pytest.mark.model
def test_contracts_with_the_model_tokenizer_on_every_shared_and_sample_transcript(real_embedder, shared_dir):
    limit = ChunkSettings().max_tokens
    assert limit <= real_embedder.max_tokens
    for folder in (shared_dir, SAMPLES):
        transcripts, skipped = load_corpus(folder)
        assert not skipped
        assert check_contracts(transcripts, real_embedder, limit) > 10


@pytest.mark.model
def test_ids_are_stable_across_runs_and_unique(real_embedder, shared_dir):
    transcripts, _ = load_corpus(shared_dir)
    first = [c.id for t in transcripts for c in chunks_of(t, real_embedder)]
    again = [c.id for t in load_corpus(shared_dir)[0] for c in chunks_of(t, real_embedder)]
    assert first == again
    assert len(set(first)) == len(first)


def test_stored_sentences_are_the_sentences_chunking_packs_not_lines(tmp_path):
    # Hard-wrapped prose: a sentence runs over a line break and is stored whole; a transcript
    # with one paragraph on each line keeps each line's sentences apart.
    wrapped = ("Ana Ruiz: The harbour fees were raised by the council in March, after a\n"
               "long debate about the cost of dredging.  Within hours, the shipping\n"
               "companies agreed to all of the council's terms and the port reopened.\n")
    (tmp_path / "wrapped.txt").write_text(wrapped, encoding="utf-8")
    t = read_transcript(tmp_path / "wrapped.txt", tmp_path)
    chunks = chunks_of(t, FakeEmbedder())
    sentences = sentences_of(t, FakeEmbedder())
    texts = [t.text[a:b] for a, b in sentences]
    assert "Within hours, the shipping\ncompanies agreed to all of the council's terms and the port reopened." in texts
    assert not any(s.endswith(("after a", "the shipping")) for s in texts)
    assert all(any(c.start <= a and b <= c.end for c in chunks) for a, b in sentences)

    lines = "Ana Ruiz: The fees rose\nBen Okafor: The port reopened\n"
    (tmp_path / "lines.txt").write_text(lines, encoding="utf-8")
    t = read_transcript(tmp_path / "lines.txt", tmp_path)
    texts = [t.text[a:b] for a, b in sentences_of(t, FakeEmbedder())]
    assert texts == ["The fees rose", "The port reopened"]
