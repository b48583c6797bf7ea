"""Decoding: UTF-8 with and without BOM, UTF-16, GB18030; bad files skipped, never fatal."""

import codecs
import logging

import pytest

from corpus import DecodeError, load_corpus
from corpus.decoding import decode_bytes

TEXT = "Zhao Zhiguo: The number of 5G base stations exceeded 2.64 million. “Thanks.”"
CHINESE = "赵志国：谢谢你的提问。一季度，规模以上工业增加值同比增长3%。"


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
    (TEXT.encode("utf-16-be"), "utf-16-be"),
])
def test_decodes_english_in_every_accepted_encoding(data, encoding):
    text, used = decode_bytes(data)
    assert text == TEXT
    assert used == encoding


def test_decodes_gb18030_chinese():
    text, used = decode_bytes(CHINESE.encode("gb18030"))
    assert (text, used) == (CHINESE, "gb18030")


def test_utf8_chinese_is_not_mistaken_for_gb18030():
    assert decode_bytes(CHINESE.encode("utf-8")) == (CHINESE, "utf-8")


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (bytes(range(256)) * 4, "binary"),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary"),
    ("Ação: café é ótimo".encode("latin-1"), "neither"),
])
def test_rejects_what_is_not_text(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_load_corpus_skips_bad_files_with_a_warning_and_keeps_the_rest(tmp_path, caplog):
    (tmp_path / "good.txt").write_text("Zhao Zhiguo: Thank you for your question. Output rose 3%.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bom.md").write_bytes(codecs.BOM_UTF8 + "Tao Qing: Exports grew.".encode("utf-8"))
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")  # a PDF cut short
    (tmp_path / "slides.pptx").write_bytes(b"PK\x03\x04")  # not a transcript format: not even looked at
    (tmp_path / ".hidden.txt").write_text("Zhao Zhiguo: hidden", encoding="utf-8")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    with caplog.at_level(logging.WARNING):
        transcripts, skipped = load_corpus(tmp_path)
    assert [t.doc_id for t in transcripts] == ["good.txt", "sub/bom.md"]
    assert transcripts[1].encoding == "utf-8-sig"
    assert {s.file for s in skipped} == {"image.txt", "empty.txt", "notes.pdf"}
    assert all(s.reason for s in skipped)
    assert sum("image.txt" in r.getMessage() for r in caplog.records) == 1
    # Reading never changes what the user gave.
    assert before == {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}


def test_missing_or_empty_corpus_folder_is_one_clear_error(tmp_path):
    from corpus import CorpusError

    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(CorpusError, match="no transcripts"):
        load_corpus(tmp_path)
