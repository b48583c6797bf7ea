"""A rebuild reads, parses, chunks and embeds only the files that changed, and gives the index a
full build gives."""

import shutil
import sqlite3

import numpy as np
import pytest

import corpus.reading
from conftest import SAMPLES, FakeEmbedder
from corpus import ChunkSettings
from index import build_index
from index.build import BuildSettings
from index.manifest import SENTENCE_VECTORS, STORE
from index.versions import current_version


@pytest.fixture
def parsed(monkeypatch):
    """The names of the files parsed from their bytes."""
    seen = []
    parse = corpus.reading.transcript_from_bytes

    def spy(data, doc_id, path=""):
        seen.append(doc_id)
        return parse(data, doc_id, path)

    monkeypatch.setattr(corpus.reading, "transcript_from_bytes", spy)
    return seen


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(SAMPLES, root)
    for copy in ("a", "b"):
        shutil.copytree(SAMPLES, root / copy)
    return root


def _contents(index_dir):
    directory = index_dir / current_version(index_dir)
    con = sqlite3.connect(directory / STORE)
    try:
        tables = {name: con.execute(f"SELECT * FROM {name} ORDER BY rowid").fetchall()
                  for name in ("documents", "turns", "segments", "chunks", "sentences", "set_aside", "doc_parts")}
    finally:
        con.close()
    tables["structure"] = {p.name: p.read_bytes() for p in sorted(directory.glob("structure*"))}
    for row in tables["documents"]:
        assert row[2].endswith(row[1])  # the path, which differs between two copies of the corpus
    tables["documents"] = [row[:2] + row[3:] for row in tables["documents"]]
    return tables, np.load(directory / SENTENCE_VECTORS)


def test_a_rebuild_derives_the_parts_of_the_changed_file_only_and_learns_what_a_full_build_learns(
        folder, tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    build_index(folder, index_dir, embedder=FakeEmbedder())
    changed = folder / "b" / "heatwave-news.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe Holm Plan for shade opens in June.\n",
                       encoding="utf-8")
    import index.doc_parts
    import index.structure

    counted = []
    parts_of = index.doc_parts.doc_parts

    def spy(chunk_texts, sentence_texts, title):
        chunk_texts = list(chunk_texts)
        counted.append(chunk_texts)
        return parts_of(chunk_texts, sentence_texts, title)

    monkeypatch.setattr(index.structure, "doc_parts", spy)
    build_index(folder, index_dir, embedder=FakeEmbedder())
    assert len(counted) == 1 and any("Holm Plan" in t for t in counted[0])
    full = tmp_path / "full"
    build_index(folder, full, embedder=FakeEmbedder())
    assert len(counted) > 3  # the full build counted every file
    assert _contents(index_dir)[0] == _contents(full)[0]


def test_a_rebuild_after_one_file_changed_reads_and_embeds_that_file_only(folder, tmp_path, parsed):
    index_dir = tmp_path / "index"
    first = build_index(folder, index_dir, embedder=FakeEmbedder())
    files = first.documents
    assert len(parsed) == files
    changed = folder / "a" / "transport-briefing.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOskar Lind: A new closing remark about fares.\n",
                       encoding="utf-8")
    parsed.clear()
    fake = FakeEmbedder()
    again = build_index(folder, index_dir, embedder=fake)
    assert parsed == ["a/transport-briefing.txt"]
    assert 0 < fake.calls <= 3 and again.embedded == fake.calls  # the new chunk and sentence, nothing else
    assert again.set_aside == first.set_aside

    parsed.clear()
    build_index(folder, tmp_path / "full", embedder=FakeEmbedder())
    assert len(parsed) == files
    assert _contents(index_dir)[0] == _contents(tmp_path / "full")[0]
    assert np.array_equal(_contents(index_dir)[1], _contents(tmp_path / "full")[1])


def test_nothing_changed_nothing_is_read_again_and_other_settings_read_everything(folder, tmp_path, parsed):
    index_dir = tmp_path / "index"
    first = build_index(folder, index_dir, embedder=FakeEmbedder())
    parsed.clear()
    build_index(folder, index_dir, embedder=FakeEmbedder())
    assert parsed == []
    other = BuildSettings(chunking=ChunkSettings(max_tokens=64))
    build_index(folder, index_dir, settings=other, embedder=FakeEmbedder())
    assert len(parsed) == first.documents


def test_a_rebuild_with_nothing_to_do_writes_nothing_and_force_builds_anyway(folder, tmp_path, parsed):
    index_dir = tmp_path / "index"
    first = build_index(folder, index_dir, embedder=FakeEmbedder())
    parsed.clear()
    fake = FakeEmbedder()
    same = build_index(folder, index_dir, embedder=fake)
    assert same.unchanged and same.version == first.version and current_version(index_dir) == first.version
    assert (same.documents, same.chunks, same.sentences) == (first.documents, first.chunks, first.sentences)
    assert parsed == [] and fake.calls == 0 and same.embedded == 0
    assert sorted(p.name for p in index_dir.iterdir() if p.name.startswith("v")) == [first.version]

    forced = build_index(folder, index_dir, embedder=FakeEmbedder(), force=True)
    assert not forced.unchanged and forced.version != first.version
    assert current_version(index_dir) == forced.version


@pytest.mark.parametrize("change", ["edit", "add", "remove", "settings", "unreadable"])
def test_any_change_of_the_files_or_the_settings_builds_a_new_version(folder, tmp_path, change):
    index_dir = tmp_path / "index"
    first = build_index(folder, index_dir, embedder=FakeEmbedder())
    settings = None
    if change == "edit":
        path = folder / "b" / "heatwave-news.txt"
        path.write_bytes(path.read_bytes() + b"\n")
    elif change == "add":
        shutil.copyfile(folder / "b" / "heatwave-news.txt", folder / "b" / "heatwave-news-2.txt")
    elif change == "remove":
        (folder / "b" / "heatwave-news.txt").unlink()
    elif change == "settings":
        settings = BuildSettings(chunking=ChunkSettings(max_tokens=64))
    else:  # a file that cannot be read is skipped; the next build tries it again
        (folder / "b" / "broken.json").write_text("{not json", encoding="utf-8")
        first = build_index(folder, index_dir, embedder=FakeEmbedder())
        assert first.skipped
    again = build_index(folder, index_dir, settings=settings, embedder=FakeEmbedder())
    assert not again.unchanged and again.version != first.version


def test_a_renamed_file_is_read_again_and_keeps_its_vectors(folder, tmp_path, parsed):
    index_dir = tmp_path / "index"
    build_index(folder, index_dir, embedder=FakeEmbedder())
    (folder / "b" / "heatwave-news.txt").rename(folder / "b" / "heatwave-news-renamed.txt")
    parsed.clear()
    fake = FakeEmbedder()
    build_index(folder, index_dir, embedder=fake)
    assert parsed == ["b/heatwave-news-renamed.txt"]
    assert fake.calls == 0
