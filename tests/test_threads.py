"""What a process is busy with while a question is embedded (index.threads.crowded)."""

from __future__ import annotations

from conftest import SAMPLES, FakeEmbedder
from index import build_index
from index.threads import asking, crowded, embedding_threads


def test_one_question_alone_is_not_crowded_two_at_once_are():
    assert not crowded()
    with asking():
        assert not crowded()
        with asking():
            assert crowded()
        assert not crowded()
    assert not crowded()


def test_a_build_embedding_in_the_process_crowds_a_question_and_the_count_survives_an_error():
    with asking():
        try:
            with embedding_threads(None):
                assert crowded()
                raise RuntimeError("the build failed")
        except RuntimeError:
            pass
        assert not crowded()


def test_an_ask_counts_as_a_question_being_answered(tmp_path):
    from assistant import Assistant

    class Watching(FakeEmbedder):
        seen: list[bool] = []

        def embed_queries(self, texts):
            self.seen.append(crowded())
            return super().embed_queries(texts)

    embedder = Watching()
    build_index(SAMPLES, tmp_path / "index", embedder=embedder)
    assistant = Assistant.open(tmp_path / "index", embedder=embedder)
    embedder.seen.clear()
    assistant.ask("Will metro fares change?")
    with asking():  # another question, answered in another thread meanwhile
        assistant.ask("Will metro fares change?")
    assert embedder.seen == [False, True]
    assert not crowded()
