"""The corpus folder as a library: adding uploads (safe names, limits), renaming and removing; nothing
overwritten, nothing outside the folder touched."""

import io

import pytest

from conftest import SAMPLES
from index.errors import LibraryRefused, UploadRefused
from index.library import (MAX_UPLOAD_BYTES, add_files, add_transcript, remove_transcript, rename_transcript,
                           safe_name)

TEXT = b"Minister Aalto: The new bridge opens in May. It cost 40 million.\n"


@pytest.mark.parametrize("given, expected", [
    ("briefing.txt", "briefing.txt"),
    ("notes.MD", "notes.MD"),
    ("hearing.markdown", "hearing.markdown"),
    ("../../etc/cron.d/job.txt", "job.txt"),
    ("/etc/passwd.txt", "passwd.txt"),
    ("C:\\Users\\x\\evil.md", "evil.md"),
    (".hidden.txt", "hidden.txt"),
    ("<img src=x onerror=alert(1)>.txt", "img src-x onerror-alert(1).txt"),
    ("a\x00b\nc.txt", "a-b-c.txt"),
    ("简报 2024-06-12.txt", "简报 2024-06-12.txt"),
])
def test_names_become_plain_files_inside_the_folder(given, expected):
    name = safe_name(given)
    assert name == expected
    assert "/" not in name and "\\" not in name and not name.startswith(".") and ".." not in name


@pytest.mark.parametrize("given, fragment", [
    ("slides.pptx", "only .txt, .md, .markdown"),
    ("script.txt.exe", "only .txt, .md, .markdown"),
    ("README", "only .txt, .md, .markdown"),
    ("..txt", "no usable file name"),
    ("../.md", "no usable file name"),
])
def test_names_that_cannot_be_transcripts_are_refused(given, fragment):
    with pytest.raises(UploadRefused, match=fragment):
        safe_name(given)


def test_long_names_are_shortened():
    name = safe_name("x" * 500 + ".txt")
    assert name.endswith(".txt") and len(name) <= 130


def test_adding_stores_the_exact_bytes(tmp_path):
    added = add_transcript(tmp_path, "bridge.txt", TEXT)
    assert (added.outcome, added.stored_as) == ("added", "bridge.txt")
    assert (tmp_path / "bridge.txt").read_bytes() == TEXT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bridge.txt"]  # no partial file left behind


def test_the_same_file_again_is_a_no_op(tmp_path):
    add_transcript(tmp_path, "bridge.txt", TEXT)
    again = add_transcript(tmp_path, "bridge.txt", TEXT)
    assert again.outcome == "unchanged" and again.stored_as == "bridge.txt"
    renamed_copy = add_transcript(tmp_path, "copy-of-bridge.txt", TEXT)
    assert renamed_copy.outcome == "unchanged" and renamed_copy.stored_as == "bridge.txt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bridge.txt"]


def test_a_different_file_with_a_taken_name_gets_a_new_name_and_the_old_one_is_kept(tmp_path):
    mine = tmp_path / "bridge.txt"
    mine.write_bytes(b"Speaker A: my own notes, not to be touched.\n")
    before = mine.stat().st_mtime_ns
    first = add_transcript(tmp_path, "bridge.txt", TEXT)
    second = add_transcript(tmp_path, "bridge.txt", TEXT.replace(b"May", b"June"))
    assert (first.outcome, first.stored_as) == ("renamed", "bridge-2.txt")
    assert (second.outcome, second.stored_as) == ("renamed", "bridge-3.txt")
    assert "already has a different bridge.txt" in first.message
    assert mine.read_bytes() == b"Speaker A: my own notes, not to be touched.\n" and mine.stat().st_mtime_ns == before
    assert (tmp_path / "bridge-2.txt").read_bytes() == TEXT


def test_a_symlink_in_the_way_is_not_followed_or_replaced(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"Outside: do not touch.\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bridge.txt").symlink_to(outside)
    (corpus / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    assert add_transcript(corpus, "bridge.txt", TEXT).stored_as == "bridge-2.txt"
    assert add_transcript(corpus, "dangling.txt", TEXT.replace(b"May", b"July")).stored_as == "dangling-2.txt"
    assert outside.read_bytes() == b"Outside: do not touch.\n"
    assert not (tmp_path / "nowhere.txt").exists()


def test_traversal_names_land_inside_the_folder(tmp_path):
    corpus = tmp_path / "corpus"
    added = add_transcript(corpus, "../../escape.txt", TEXT)
    assert added.stored_as == "escape.txt" and (corpus / "escape.txt").is_file()
    assert not (tmp_path / "escape.txt").exists()


@pytest.mark.parametrize("data, fragment", [
    (b"", "empty"),
    (b"   \n", "empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "cannot be added"),
])
def test_files_that_are_not_text_are_refused(tmp_path, data, fragment):
    with pytest.raises(UploadRefused, match=fragment):
        add_transcript(tmp_path, "upload.txt", data)
    assert list(tmp_path.iterdir()) == []


def test_size_limit(tmp_path):
    with pytest.raises(UploadRefused, match="the limit for one transcript is 5.0 MB"):
        add_transcript(tmp_path, "huge.txt", b"a" * (MAX_UPLOAD_BYTES + 1))
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(MAX_UPLOAD_BYTES + 10)
    corpus = tmp_path / "corpus"
    (result,) = add_files(corpus, [("big.txt", big)])
    assert result.outcome == "refused" and "5.0 MB" in result.message
    assert not corpus.exists() or list(corpus.iterdir()) == []


def test_add_files_reports_each_file_and_keeps_going(tmp_path):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "water.txt").write_bytes((SAMPLES / "ministry-water-2025-06-12.txt").read_bytes())
    (uploads / "slides.pptx").write_bytes(b"PK\x03\x04")
    (uploads / "stats.md").write_bytes((SAMPLES / "statistics-q1-briefing.md").read_bytes())
    corpus = tmp_path / "corpus"
    results = add_files(corpus, [(p.name, p) for p in sorted(uploads.iterdir())])
    assert [(r.name, r.outcome) for r in results] == [("slides.pptx", "refused"), ("stats.md", "added"),
                                                      ("water.txt", "added")]
    assert results[0].stored_as is None and "slides.pptx" in results[0].message
    assert sorted(p.name for p in corpus.iterdir()) == ["stats.md", "water.txt"]


def test_the_corpus_folder_must_be_a_folder(tmp_path):
    afile = tmp_path / "corpus"
    afile.write_text("not a folder")
    with pytest.raises(UploadRefused, match="is a file"):
        add_transcript(afile, "x.txt", TEXT)


def test_an_unreadable_upload_gives_one_line(tmp_path):
    (result,) = add_files(tmp_path / "corpus", [("x.txt", tmp_path / "vanished.txt")])
    assert result.outcome == "refused" and result.message == "x.txt could not be stored (No such file or directory)"


def _folder(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "0a1b2c.txt").write_bytes(TEXT)
    (corpus / "notes.md").write_bytes(b"Ann: notes.\n")
    (corpus / "sub" / "x.txt").write_bytes(b"Bo: in a folder.\n")
    return corpus


def test_rename_keeps_the_bytes_folder_and_suffix(tmp_path):
    corpus = _folder(tmp_path)
    assert rename_transcript(corpus, "0a1b2c.txt", "Bridge briefing, May") == "Bridge briefing, May.txt"
    assert (corpus / "Bridge briefing, May.txt").read_bytes() == TEXT and not (corpus / "0a1b2c.txt").exists()
    assert rename_transcript(corpus, "sub/x.txt", "../../y.TXT") == "sub/y.txt"
    assert (corpus / "sub" / "y.txt").is_file() and not (tmp_path / "y.txt").exists()


@pytest.mark.parametrize("name, new, fragment", [
    ("0a1b2c.txt", "notes.md", "stays a .txt file"),
    ("0a1b2c.txt", "0a1b2c", "already has that name"),
    ("0a1b2c.txt", "...", "no usable file name"),
    ("missing.txt", "a", "there is no transcript missing.txt"),
    ("../outside.txt", "a", "is not a transcript in the library"),
    ("/etc/hosts.txt", "a", "is not a transcript in the library"),
    (".removed/0a1b2c.txt", "a", "is not a transcript in the library"),
    ("sub", "a", "there is no transcript sub"),
    ("", "a", "an empty name is not a transcript"),
])
def test_rename_refusals_are_one_line_and_change_nothing(tmp_path, name, new, fragment):
    corpus = _folder(tmp_path)
    (tmp_path / "outside.txt").write_bytes(b"Outside: do not touch.\n")
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    with pytest.raises(LibraryRefused, match=fragment):
        rename_transcript(corpus, name, new)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == before


def test_rename_never_takes_a_name_in_use(tmp_path):
    corpus = _folder(tmp_path)
    (corpus / "taken.txt").write_bytes(b"Cy: mine.\n")
    with pytest.raises(LibraryRefused, match="already has a taken.txt"):
        rename_transcript(corpus, "0a1b2c.txt", "taken")
    assert (corpus / "taken.txt").read_bytes() == b"Cy: mine.\n" and (corpus / "0a1b2c.txt").read_bytes() == TEXT


def test_remove_moves_the_file_into_the_hidden_removed_folder(tmp_path):
    from corpus import find_transcript_files

    corpus = _folder(tmp_path)
    assert remove_transcript(corpus, "0a1b2c.txt") == ".removed/0a1b2c.txt"
    (corpus / "0a1b2c.txt").write_bytes(TEXT + b"again\n")
    assert remove_transcript(corpus, "0a1b2c.txt") == ".removed/0a1b2c-2.txt"
    assert remove_transcript(corpus, "sub/x.txt") == ".removed/x.txt"
    assert (corpus / ".removed" / "0a1b2c.txt").read_bytes() == TEXT
    assert [p.relative_to(corpus).as_posix() for p in find_transcript_files(corpus)] == ["notes.md"]
    with pytest.raises(LibraryRefused, match="there is no transcript 0a1b2c.txt"):
        remove_transcript(corpus, "0a1b2c.txt")


def test_remove_and_rename_leave_what_links_lead_to_alone(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "kept.txt").write_bytes(b"Outside: do not touch.\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "link.txt").symlink_to(outside / "kept.txt")
    (corpus / "away").symlink_to(outside, target_is_directory=True)
    with pytest.raises(LibraryRefused, match="is not inside"):
        remove_transcript(corpus, "away/kept.txt")
    assert rename_transcript(corpus, "link.txt", "linked") == "linked.txt"
    assert remove_transcript(corpus, "linked.txt") == ".removed/linked.txt"
    assert (corpus / ".removed" / "linked.txt").is_symlink()
    assert (outside / "kept.txt").read_bytes() == b"Outside: do not touch.\n"
    assert sorted(p.name for p in outside.iterdir()) == ["kept.txt"]


def test_transcripts_of_other_formats_are_added_and_unreadable_ones_refused(tmp_path):
    captions = b"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ann Lee>The vote passed.</v>\n"
    assert add_transcript(tmp_path, "vote.vtt", captions).outcome == "added"
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Ann Lee: The vote passed.")
    out = io.BytesIO()
    document.save(out)
    assert add_transcript(tmp_path, "vote.docx", out.getvalue()).outcome == "added"
    with pytest.raises(UploadRefused, match="cannot be added"):
        add_transcript(tmp_path, "notes.json", b'{"todo": ["milk"]}')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vote.docx", "vote.vtt"]
