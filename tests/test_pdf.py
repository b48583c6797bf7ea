"""PDF: pages read with pypdf, running header and footer set aside, turns across pages, and
the PDF page and line of every quote; scanned, locked and broken PDFs refused with the reason."""

from __future__ import annotations

import io
import re

import pytest

import corpus
from conftest import FakeEmbedder
from corpus.errors import DecodeError
from corpus.formats import read_file_bytes

fpdf = pytest.importorskip("fpdf", reason="fpdf2 (a test extra) writes the PDFs these tests read")
pypdf = pytest.importorskip("pypdf")

HEADER = "Riverbend City Council - Budget Committee - Verbatim Record"
TURNS = [
    ("CHAIR OSEI", "Good evening and welcome to this meeting of the budget committee. Tonight we take the "
                   "library hours, the reserve fund and the bridge repairs, in that order. "),
    ("COUNCILLOR PIKE", "Thank you, Chair. I want to ask about the library hours, which were cut last spring "
                        "to save the cost of two part-time posts, and whether the reserve fund could restore them. "
                        * 18),
    ("MS. LINDQVIST", "The reserve fund stands at four million dollars after the transfer approved in January, "
                      "and the policy of the council is to keep it above three months of operating costs. " * 24),
    ("CHAIR OSEI", "Thank you. Are there further questions on the reserve fund before we move on to the bridge? "),
    ("COUNCILLOR PIKE", "Only one: the bridge repairs were estimated at nine hundred thousand dollars in the autumn "
                        "survey, and I would like to know whether that figure still holds. " * 16),
]


class _Record(fpdf.FPDF):
    def header(self):
        self.set_font("Helvetica", size=9)
        self.cell(0, 8, HEADER, new_x="LMARGIN", new_y="NEXT")

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", size=9)
        self.cell(0, 8, f"Page {self.page_no()}", align="C")


def council_pdf() -> bytes:
    pdf = _Record()
    pdf.set_title("Riverbend City Council Budget Committee, 3 March 2031")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for label, words in TURNS:
        pdf.multi_cell(0, 6, f"{label}: {words.strip()}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def council():
    data = council_pdf()
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages]
    return corpus.transcript_from_bytes(data, "council/budget-committee.pdf"), pages


def test_pdf_is_read_page_by_page(council):
    t, pages = council
    assert len(pages) >= 3
    assert t.format == f"pdf ({len(pages)} pages)"
    assert t.title == "Riverbend City Council Budget Committee, 3 March 2031"
    assert [u.speaker for u in t.turns] == [label for label, _ in TURNS]


def test_pdf_header_footer_and_page_numbers_are_set_aside(council):
    t, pages = council
    assert HEADER not in t.text and not re.search(r"\bPage \d", t.text)
    assert [a.text for a in t.set_aside if a.reason == "page header"] == [HEADER] * len(pages)
    assert [a.text for a in t.set_aside if a.reason == "page footer"] == [f"Page {n}" for n in range(1, len(pages) + 1)]


def test_pdf_chunks_are_verbatim_and_inside_one_turn(council):
    t, _ = council
    chunks = corpus.chunk_transcript(t, corpus.paragraphs(t.text), FakeEmbedder(), corpus.ChunkSettings())
    assert chunks
    for c in chunks:
        assert t.text[c.start:c.end] == c.text
        turn = t.turns[c.turn_index]
        assert turn.start <= c.start and c.end <= turn.end
        assert HEADER not in c.text and not re.search(r"\bPage \d", c.text)


def test_pdf_turns_carry_their_page_and_run_across_pages(council):
    t, pages = council
    assert [u.page for u in t.turns] == sorted(u.page for u in t.turns)
    places = corpus.SourceMap.of(t)
    crossing = [u for u in t.turns if places.page(u.end - 1) != u.page]
    assert crossing, "some turn should run on to the next page"
    for u in t.turns:
        opening = t.text[u.start:u.start + 30]
        assert opening in " ".join(pages[u.page - 1].split())


def test_pdf_quote_is_placed_on_its_page_and_line(council):
    t, pages = council
    quote = "Are there further questions on the reserve fund"
    place = corpus.SourceMap.of(t).place(t.text.index(quote), t.text.index(quote) + len(quote))
    page_lines = pages[place.page - 1].split("\n")
    assert quote.split(" on ")[0] in page_lines[place.line_start - 1]


def numbered_pdf() -> bytes:
    """A hearing printed with 25 numbered lines a page, a caption page first."""
    speech = [("JUDGE MORROW", "We are on the record in the matter of the harbour dredging permit. Counsel, "
                               "please state your appearances for the record."),
              ("MR. QUINN", "Elias Quinn for the port authority, Your Honour, and with me is the authority's "
                            "chief engineer, who will answer questions about the survey. " * 3),
              ("JUDGE MORROW", "Thank you. Ms. Varga, you have the first witness this morning?"),
              ("MS. VARGA", "I do, Your Honour. The objectors call the harbour master, who has kept the "
                            "dredging logs since the channel was last deepened. " * 4)]
    lines = [label + ": " + words if i == 0 else words
             for label, text in speech
             for i, words in enumerate(_wrap(text.strip(), 60))]
    caption = ["IN THE HARBOUR COURT", "In the matter of a dredging permit", "", "APPEARANCES:",
               "Elias Quinn, for the port authority", "Anna Varga, for the objectors"]
    pdf = fpdf.FPDF()
    pdf.set_font("Courier", size=10)
    for page in [caption] + [lines[i:i + 25] for i in range(0, len(lines), 25)]:
        pdf.add_page()
        pdf.cell(0, 6, "Harbour Court Reporters", new_x="LMARGIN", new_y="NEXT")
        for n in range(1, 26):
            words = page[n - 1] if n <= len(page) else ""
            pdf.cell(0, 6, f"{n:>2}   {words}".rstrip(), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width)


def test_line_numbered_pdf_loses_its_numbers_and_caption_but_no_words():
    t = corpus.transcript_from_bytes(numbered_pdf(), "harbour.pdf")
    assert t.format.startswith("pdf (line-numbered, ")
    assert [u.speaker for u in t.turns] == ["JUDGE MORROW", "MR. QUINN", "JUDGE MORROW", "MS. VARGA"]
    assert t.turns[0].page == 2
    for u in t.turns:
        assert not re.search(r"(?:^|\s)\d{1,2}\s", t.text[u.start:u.end]), t.text[u.start:u.end][:80]
    assert "Harbour Court Reporters" not in t.text and "APPEARANCES" not in t.text
    assert "who has kept the dredging logs since the channel was last deepened." in t.text
    assert {a.reason for a in t.set_aside} == {"page header", "front matter"}


def test_pdf_in_a_corpus_folder_is_found_and_read(tmp_path):
    (tmp_path / "budget.pdf").write_bytes(council_pdf())
    transcripts, skipped = corpus.load_corpus(tmp_path)
    assert not skipped and [t.doc_id for t in transcripts] == ["budget.pdf"]


def test_scanned_pdf_is_refused_with_one_clear_line():
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 120, 160)  # a page with marks but no text
    with pytest.raises(DecodeError, match="scanned PDF with no text layer; run OCR first"):
        read_file_bytes(bytes(pdf.output()), "scan.pdf")


def test_password_protected_pdf_is_refused_but_an_owner_lock_alone_is_read():
    def locked(user_password):
        pdf = fpdf.FPDF()
        pdf.set_encryption(owner_password="owner", user_password=user_password)
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.cell(0, 8, "MR. ADAMS: The port is busy this year.")
        return bytes(pdf.output())

    with pytest.raises(DecodeError, match="password-protected PDF"):
        read_file_bytes(locked("secret"), "locked.pdf")
    assert read_file_bytes(locked(None), "owner-locked.pdf").text == "MR. ADAMS: The port is busy this year."


@pytest.mark.parametrize("data", [b"%PDF-1.7\n1 0 obj << /Type /Catalog", b"hello, this is not a PDF",
                                  council_pdf()[:900]], ids=["truncated header", "text", "cut short"])
def test_broken_pdf_is_refused_with_one_line(data):
    with pytest.raises(DecodeError) as caught:
        read_file_bytes(data, "broken.pdf")
    message = str(caught.value)
    assert "\n" not in message and "PDF" in message


def test_a_pdf_can_be_added_to_the_library_and_a_broken_one_is_refused(tmp_path):
    from index.library import add_files

    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "budget.pdf").write_bytes(council_pdf())
    (uploads / "broken.pdf").write_bytes(b"%PDF-1.7\n")
    results = add_files(tmp_path / "corpus", [(p.name, p) for p in sorted(uploads.iterdir())])
    assert [(r.name, r.outcome) for r in results] == [("broken.pdf", "refused"), ("budget.pdf", "added")]
    assert "not a PDF that can be read" in results[0].message
