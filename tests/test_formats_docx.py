"""Word .docx documents, generated here with python-docx: paragraphs, two-column transcript tables, title."""

import io

import pytest

from corpus import DecodeError, transcript_from_bytes
from corpus.formats import read_file_bytes

docx = pytest.importorskip("docx")


def _document(title: str | None = None) -> "docx.document.Document":
    document = docx.Document()
    if title:
        document.core_properties.title = title
    return document


def _bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_paragraphs_become_text_and_turns_are_found_by_the_layouts():
    document = _document("Library Board Meeting, 3 April 2024")
    document.add_heading("Library Board Meeting", level=1)
    document.add_paragraph("Chair Okonkwo: Good evening. The first item is the branch hours.")
    document.add_paragraph("Director Silva: From May every branch opens on Sundays, noon to five.")
    document.add_paragraph("The budget allows for it because two vacancies were filled.")
    document.add_paragraph("Chair Okonkwo: Thank you. Next item.")
    t = transcript_from_bytes(_bytes(document), "board.docx")
    assert t.format == "docx"
    assert t.title == "Library Board Meeting, 3 April 2024"
    named = [(turn.speaker, t.text[turn.start:turn.end]) for turn in t.turns if turn.speaker]
    assert named == [
        ("Chair Okonkwo", "Good evening. The first item is the branch hours."),
        ("Director Silva", "From May every branch opens on Sundays, noon to five.\n\n"
                           "The budget allows for it because two vacancies were filled."),
        ("Chair Okonkwo", "Thank you. Next item."),
    ]


def test_a_two_column_table_is_read_as_name_and_words_in_document_order():
    document = _document()
    document.add_paragraph("Interview with the harbour master")
    table = document.add_table(rows=0, cols=2)
    for name, words in [("Speaker", "Text"), ("Ines Duarte", "How many ships came in last year?"),
                        ("Harbour Master", "Just over four thousand, a record."),
                        ("Ines Duarte", "And this year?")]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = name, words
    document.add_paragraph("End of interview.")
    t = transcript_from_bytes(_bytes(document), "harbour-interview.docx")
    assert "Ines Duarte: How many ships came in last year?" in t.text
    assert t.text.index("Interview with") < t.text.index("Harbour Master:") < t.text.index("End of interview.")
    assert [turn.speaker for turn in t.turns if turn.speaker] == ["Ines Duarte", "Harbour Master", "Ines Duarte"]
    assert t.title == "Interview with the harbour master"


@pytest.mark.parametrize("data", [
    b"\x00\x01\x02garbage\xff\xfe" * 40,
    b"PK\x03\x04 truncated zip",
    b"plain text named as a docx",
])
def test_unreadable_docx_raises_decode_error(data):
    with pytest.raises(DecodeError) as exc:
        read_file_bytes(data, "x.docx")
    assert "\n" not in str(exc.value)


def test_a_truncated_docx_raises_decode_error():
    data = _bytes(_document())
    with pytest.raises(DecodeError):
        read_file_bytes(data[: len(data) // 2], "x.docx")


def test_an_empty_docx_raises_decode_error():
    with pytest.raises(DecodeError, match="no text"):
        read_file_bytes(_bytes(_document()), "x.docx")
