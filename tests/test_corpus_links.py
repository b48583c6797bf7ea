"""Symbolic links in a corpus folder (issue 15, finding 7): what resolves outside the folder is skipped with
its reason unless allowed, loops and dangling links are listed as skipped, links inside are read."""

import os

import pytest

from conftest import FakeEmbedder
from corpus import find_transcript_files, load_corpus
from corpus.folder import OUTSIDE, scan
from index import build_index, read_index_manifest

SPEECH = "Ana Ruiz: The new bridge opens in May, and tolls stay where they are.\n"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "briefing.txt").write_text(SPEECH, encoding="utf-8")
    secret = tmp_path / "elsewhere" / "passwd.txt"
    secret.parent.mkdir()
    secret.write_text("Ben Ode: The archive of this ministry lies elsewhere on the disk.\n", encoding="utf-8")
    os.symlink(secret, folder / "passwd.txt")  # a file outside the folder
    os.symlink(secret.parent, folder / "outside-folder")  # a folder outside
    os.symlink(folder / "briefing.txt", folder / "sub" / "same-briefing.txt")  # inside: read
    os.symlink(folder / "sub", folder / "linked-sub")  # a folder inside: not followed, listed
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    os.symlink(folder, folder / "sub" / "up")  # a folder loop
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    return folder


def test_links_outside_loops_and_dangling_links_are_skipped_with_their_reason(corpus):
    files, skipped = scan(corpus)
    assert [p.relative_to(corpus).as_posix() for p in files] == ["briefing.txt", "sub/same-briefing.txt"]
    reasons = {s.file: s.reason for s in skipped}
    assert reasons == {
        "dangling.txt": "it is a link to a file that does not exist",
        "linked-sub": "it is a link to a folder; links to folders are not followed",
        "loop-a.txt": "it is a symbolic link loop",
        "loop-b.txt": "it is a symbolic link loop",
        "outside-folder": OUTSIDE,
        "passwd.txt": OUTSIDE,
        "sub/up": "it is a link to a folder; links to folders are not followed",
    }
    assert OUTSIDE == "links outside the corpus folder"


def test_a_build_lists_them_and_never_indexes_what_lies_outside(corpus, tmp_path):
    report = build_index(corpus, tmp_path / "index", embedder=FakeEmbedder())
    manifest, _ = read_index_manifest(tmp_path / "index")
    assert [f.doc_id for f in manifest.files] == ["briefing.txt", "sub/same-briefing.txt"]
    assert {s.file for s in report.skipped} >= {"passwd.txt", "loop-a.txt", "dangling.txt"}
    assert {"file": "passwd.txt", "reason": OUTSIDE} in manifest.skipped


def test_links_outside_can_be_allowed(corpus, tmp_path):
    transcripts, skipped = load_corpus(corpus, outside_links=True)
    assert "passwd.txt" in {t.doc_id for t in transcripts}
    assert "passwd.txt" not in {s.file for s in skipped}
    assert {s.file for s in skipped} >= {"loop-a.txt", "dangling.txt"}  # still listed


def test_the_corpus_folder_may_itself_be_a_link(corpus, tmp_path):
    alias = tmp_path / "alias"
    os.symlink(corpus, alias)
    assert [p.name for p in find_transcript_files(alias)] == ["briefing.txt", "same-briefing.txt"]
