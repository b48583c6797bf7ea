"""The format registry: every suffix has its reader, and plain text loads no format library."""

import subprocess
import sys

import pytest

from conftest import REPO
from corpus import DecodeError, SUFFIXES
from corpus.formats import read_file_bytes, reader_for

LIBRARIES = ("webvtt", "srt", "trafilatura", "docx", "lxml")


def test_every_suffix_has_a_reader():
    assert {".vtt", ".srt", ".json", ".xml", ".html", ".htm", ".docx"} <= set(SUFFIXES)
    for suffix in SUFFIXES:
        assert callable(reader_for(f"x{suffix}"))


def test_reading_plain_text_loads_no_format_library():
    code = ("import sys, corpus\n"
            "corpus.transcript_from_bytes(b'Ann Lee: Hello there.\\n\\nBo Chan: Hi.\\n', 'a.txt')\n"
            f"print(','.join(m for m in {LIBRARIES!r} if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@pytest.mark.parametrize("suffix", [s for s in SUFFIXES if reader_for(f"x{s}") is not reader_for("x.txt")])
@pytest.mark.parametrize("data", [bytes(range(256)) * 8, b"\x89PNG\r\n\x1a\n" + bytes(300), b"   \n"])
def test_every_reader_refuses_garbage_with_one_line(suffix, data):
    with pytest.raises(DecodeError) as exc:
        read_file_bytes(data, f"garbage{suffix}")
    assert str(exc.value) and "\n" not in str(exc.value)


@pytest.mark.parametrize("fixture", sorted((REPO / "tests" / "fixtures" / "formats").iterdir()), ids=lambda p: p.name)
def test_each_fixture_is_read_as_a_named_format(fixture):
    from corpus.formats import FORMATS

    assert read_file_bytes(fixture.read_bytes(), fixture.name).format.split(" (")[0] in FORMATS
