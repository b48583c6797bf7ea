"""HTML pages: the main text without the site's chrome, turns found by the plain-text layouts."""

from pathlib import Path

import pytest

from corpus import DecodeError, SourceMap, transcript_from_bytes
from corpus.formats import read_file_bytes

FIXTURE = Path(__file__).parent / "fixtures" / "formats" / "ferry-briefing.html"


@pytest.fixture(scope="module")
def page():
    return transcript_from_bytes(FIXTURE.read_bytes(), FIXTURE.name)


def test_main_text_without_navigation_footer_share_links_or_scripts(page):
    assert page.format == "html"
    for chrome in ("Careers at the Port", "Share on Facebook", "All rights reserved", "Privacy policy",
                   "Tracking pixel", "SCRIPT TEXT", "font-family", "console.log"):
        assert chrome not in page.text
    assert page.text.count("Director Nakamura:") == 3


def test_what_was_left_out_is_recorded_as_set_aside(page):
    aside = {s.text: s for s in page.set_aside}
    assert {"Careers at the Port", "Share on Facebook", "Privacy policy · Accessibility"} <= set(aside)
    lines = FIXTURE.read_text().splitlines()
    assert "Share on Facebook" in lines[aside["Share on Facebook"].line - 1]
    assert not any("Nakamura" in text for text in aside)


def test_title_from_the_page_and_turns_from_the_labels(page):
    assert page.title == "Briefing on the Harbour Ferry Timetable"
    speakers = [t.speaker for t in page.turns if t.speaker]
    assert speakers == ["Director Nakamura", "Reporter", "Director Nakamura", "Councillor Brandt",
                        "Director Nakamura"]
    reporter = next(t for t in page.turns if t.speaker == "Reporter")
    assert reporter.role == "reporter"
    assert page.text[reporter.start:reporter.end].startswith("Will the evening service change")


def test_paragraphs_map_to_the_html_lines_they_came_from(page):
    lines = FIXTURE.read_text().splitlines()
    places = SourceMap.of(page)
    for turn in page.turns:
        first_words = " ".join(page.text[turn.start:turn.end].split()[:4])
        assert first_words in lines[places.line(turn.start) - 1]


def test_visible_text_when_no_main_text_is_found():
    data = (b"<html><head><script>var hidden = 'never shown';</script></head><body><footer>"
            b"<p>Ann Lee: The vote passed.</p><p>Bo Chan: By how much?</p></footer></body></html>")
    reading = read_file_bytes(data, "minutes.html")
    assert reading.text == "Ann Lee: The vote passed.\n\nBo Chan: By how much?"


def test_declared_charset_when_the_page_is_not_utf8():
    data = b'<html><head><meta charset="iso-8859-1"></head><body><p>Ann Lee: Caf\xe9 prices rose.</p></body></html>'
    assert "Café prices rose." in read_file_bytes(data, "x.htm").text


@pytest.mark.parametrize("data", [
    b"\x00\x01\x02garbage\xff\xfe" * 40,
    b"no markup here at all",
    b"<html><head><title>t</title></head><body><script>x()</script></body></html>",
])
def test_unreadable_html_raises_decode_error(data):
    with pytest.raises(DecodeError) as exc:
        read_file_bytes(data, "x.html")
    assert "\n" not in str(exc.value)


def test_a_speaker_set_in_an_element_of_its_own_is_put_back_before_the_words():
    answers = [f"The harbour dues will come down in the spring, once tonnage recovers, said answer {i}. "
               "We need greater confidence first, and the board will decide at its meeting." for i in range(4)]
    blocks = []
    for i, words in enumerate(answers):
        blocks.append('<div class="speaker">GOVERNOR INES.</div>' if i % 2 == 0 else '<div class="speaker">ADA BROOK.</div>')
        blocks.append(f"<p>{words}</p>")
    page = ("<html><head><title>Harbour Board press conference</title></head><body><article>"
            + "\n".join(blocks) + '</article><footer><div>Contact us.</div></footer></body></html>')
    t = transcript_from_bytes(page.encode(), "presser.html")
    spoken = [(u.speaker, t.text[u.start:u.end]) for u in t.turns if u.speaker]
    assert [s for s, _ in spoken] == ["GOVERNOR INES", "ADA BROOK", "GOVERNOR INES", "ADA BROOK"]
    assert [w for _, w in spoken] == answers
    assert "Contact us." not in t.text


def test_a_speaker_named_only_in_an_attribute_of_the_block_opens_its_words():
    said = [("The Chair (Mr. Tomas Ines (Harbour, Ind.))", "Welcome to the fourth meeting of the harbour committee."),
            ("Ms. Ada Brook (Director, Harbour Board)", "Thank you, Chair. The dredging budget rises by a tenth."),
            ("The Chair (Mr. Tomas Ines (Harbour, Ind.))", "Thank you. We turn to questions now."),
            ("Mr. Karl Vale (Northport, Ind.)", "Why does the dredging budget rise, Ms. Brook?")]
    blocks = "\n".join(f'<div class="statement" data-person-speaking-id="{n}" data-person-speaking-attribution="{who}">'
                       f"<p>{words}</p><p>That is all on item {n}.</p></div>" for n, (who, words) in enumerate(said))
    page = f"<html><head><title>Harbour committee</title></head><body><main>{blocks}</main></body></html>"
    t = transcript_from_bytes(page.encode(), "committee.html")
    assert [u.speaker for u in t.turns] == ["The Chair", "Ada Brook", "The Chair", "Karl Vale"]
    assert [t.text[u.start:u.end] for u in t.turns] == [f"{w}\n\nThat is all on item {n}." for n, (_, w) in
                                                      enumerate(said)]
    # Where the words already open with the name, the attribute adds nothing.
    lines = "".join(f'<p data-speaker="Ada Brook">[Director Ada Brook]: Line {n} on the dues.</p>' for n in range(3))
    t = transcript_from_bytes(f"<html><body><main>{lines}</main></body></html>".encode(), "council.html")
    assert t.text.count("Ada Brook") == 3


@pytest.mark.parametrize("title, date", [
    ("Port Bill 2021 - Harbour Hansard 2021-02-11", "2021-02-11"),
    ("Port Bill 2021", None),  # no date in the title: the text's first date, as before
    ("Sittings 2021-02-08 to 2021-02-11", None),  # two dates: neither is the record's alone
])
def test_a_date_in_the_pages_own_title_dates_the_record(title, date):
    page = (f"<html><head><title>{title}</title></head><body><h3>PORT BILL 2021</h3>"
            "<p>HON. A. BROOK: Pursuant to the resolution of Monday, 8th February, 2021, I move the Bill.</p>"
            "<p>HON. K. VALE: I second the motion, and the dues it sets for the harbour this year.</p>"
            "</body></html>")
    t = transcript_from_bytes(page.encode(), "bill.html")
    assert t.date == (date or "2021-02-08")


@pytest.mark.parametrize("written, shown", [("- HARBOUR DUES--THE BOARD'S VIEW", "HARBOUR DUES--THE BOARD'S VIEW"),
                                            ("— Harbour Dues", "Harbour Dues"), ("Harbour Dues -", "Harbour Dues -")])
def test_a_title_opening_on_a_dash_is_shown_without_it(written, shown):
    from corpus.cleaning import clean_title

    assert clean_title(written) == shown


def test_a_page_that_is_one_preformatted_text_is_read_as_that_text():
    printed = ("[House Hearing]\n\n                     HARBOUR DUES\n\n"
               "    The Chairman. The hearing will come to order. We meet on the \n"
               "harbour dues, which rose in May.\n"
               "    Mrs. Brook. Thank you, Mr. Chairman. The dues rose &amp; the \n"
               "ferries stopped.\n"
               "    The Chairman. The gentlewoman's time has expired.\n"
               "    Mrs. Brook. Then I yield back.\n")
    page = f"<html>\n<title> - HARBOUR DUES</title>\n<body><pre>\n{printed}</pre></body>\n</html>\n"
    t = transcript_from_bytes(page.encode(), "hearing.htm")
    assert t.format.startswith("html (preformatted") and t.title == "HARBOUR DUES"
    brook = next(u for u in t.turns if u.speaker == "Mrs. Brook")
    assert t.text[brook.start:brook.end].startswith("Thank you, Mr. Chairman. The dues rose & the \nferries stopped.")
    lines = page.splitlines()
    at = t.text.index("ferries stopped")
    assert "The dues rose" in lines[next(s for s in t.segments if s.start <= at < s.end).line - 1]
