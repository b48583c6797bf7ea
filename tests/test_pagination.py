"""Paginated plain text: line numbers, headers, footers, page numbers and front matter set aside;
turns run across lines and pages; segments lead back to the file's lines and pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus
from conftest import REPO, SAMPLES, FakeEmbedder
from corpus.decoding import decode_bytes
from corpus.formats import read_file_bytes
from corpus.pagination import paginate_pages, paginate_text

FIXTURES = REPO / "tests" / "fixtures" / "pages"
HEARING = FIXTURES / "hearing-line-numbered.txt"
PRESS = FIXTURES / "central-bank-press-conference.txt"
CORPORA = REPO.parent / "shared" / "corpora"
SCOTUS = CORPORA / "scotus" / "2025-11-05-learning-resources-v-trump-24-1287.txt"

LINE_NUMBER_AT_START = re.compile(r"(?m)^[ \t]*\d{1,2}(?:[ \t]|$)")
PAGE_FOOTER = re.compile(r"\bPage \d+ of \d+")


def read(path: Path) -> corpus.Transcript:
    return corpus.read_transcript(path, path.parent)


def chunks_of(t: corpus.Transcript) -> list[corpus.Chunk]:
    return corpus.chunk_transcript(t, corpus.paragraphs(t.text), FakeEmbedder(), corpus.ChunkSettings())


def file_line(path: Path, words: str) -> int:
    """The 1-based line of the file holding `words`."""
    lines = [i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if words in line]
    assert len(lines) == 1, (words, lines)
    return lines[0]


def place_of(t: corpus.Transcript, words: str) -> corpus.Place:
    start = t.text.index(words)
    return corpus.SourceMap.of(t).place(start, start + len(words))


def turn_holding(t: corpus.Transcript, words: str) -> corpus.Turn:
    start = t.text.index(words)
    held = [u for u in t.turns if u.start <= start and start + len(words) <= u.end]
    assert len(held) == 1, words
    return held[0]


def assert_verbatim_and_clean(t: corpus.Transcript, furniture: list[str]) -> list[corpus.Chunk]:
    chunks = chunks_of(t)
    assert chunks
    spans = [t.text[u.start:u.end] for u in t.turns] + [c.text for c in chunks]
    for text in spans:
        assert not LINE_NUMBER_AT_START.search(text), text[:80]
        assert not PAGE_FOOTER.search(text), text[:80]
        assert "\f" not in text
        for words in furniture:
            assert words not in text
    for c in chunks:
        assert t.text[c.start:c.end] == c.text
        turn = t.turns[c.turn_index]
        assert turn.start <= c.start and c.end <= turn.end
    for u in t.turns:
        assert u.speaker is None or not re.search(r"\d", u.speaker)
    return chunks


def assert_lines_map_back(path: Path, t: corpus.Transcript):
    """Each segment's words are its file line's words, less the line number (none are lost)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for seg in t.segments:
        words = t.text[seg.start:seg.end]
        source = " ".join(lines[seg.line - 1].replace("\f", " ").split())
        assert words and words in source, (seg, words, source)
        assert re.fullmatch(r"(?:\d{1,2} )?" + re.escape(words), source) or not t.format.startswith(
            "text (line-numbered"), (words, source)


# -- the line-numbered hearing we wrote --------------------------------------------------------


def test_hearing_is_read_as_line_numbered_pages():
    t = read(HEARING)
    assert t.format == "text (line-numbered, 5 pages)"
    assert t.date == "2031-04-08"
    assert_verbatim_and_clean(t, ["Lakeshore Reporting Services", "Page 3", "APPEARANCES", "C O N T E N T S",
                                  "Examination by", "Certified Court Reporters"])
    assert_lines_map_back(HEARING, t)


def test_hearing_speakers_and_pages():
    t = read(HEARING)
    assert corpus.speakers.speaker_names(t.turns) == ["COMMISSIONER HALE", "MR. BRANDT", "THE WITNESS", "MS. OKAFOR"]
    pages = [u.page for u in t.turns]
    assert pages == sorted(pages) and pages[0] == 3 and pages[-1] == 5
    assert turn_holding(t, "Our estimate is fourteen point two").page == 4


def test_hearing_turn_runs_across_a_page_break_mid_sentence():
    t = read(HEARING)
    turn = turn_holding(t, "An outside engineering firm, Caldwell and Price. We have since hired")
    assert turn.speaker == "THE WITNESS" and turn.page == 4
    assert place_of(t, "of the new beds.").page == 5
    # A paragraph indented within a turn is a new paragraph of the same turn, on the next page.
    turn = turn_holding(t, "Yes. The filter beds were built in 1968")
    assert turn.page == 3 and "The replacement we propose" in t.text[turn.start:turn.end]
    assert "\n\nThe replacement we propose" in t.text


def test_hearing_front_matter_and_furniture_are_set_aside_not_spoken():
    t = read(HEARING)
    reasons = {}
    for a in t.set_aside:
        reasons.setdefault(a.reason, []).append(a)
    assert [a.text for a in reasons["page header"]] == [f"Page {n}" for n in range(1, 6)]
    assert len(reasons["page footer"]) == 5
    front = [a.text for a in reasons["front matter"]]
    assert "APPEARANCES:" in front and "C O N T E N T S" in front and "TRANSCRIPT OF PUBLIC HEARING" in front
    assert all(u.page >= 3 for u in t.turns)
    assert t.text.startswith("P R O C E E D I N G S")


def test_hearing_source_lines_of_quotes():
    t = read(HEARING)
    place = place_of(t, "Our estimate is fourteen point two")
    assert place.line_start == file_line(HEARING, "THE WITNESS:  Our estimate is fourteen point two")
    place = place_of(t, "Caldwell and Price")  # across the footer, the form feed and the next page's header
    assert (place.line_start, place.line_end) == (file_line(HEARING, "Caldwell"), file_line(HEARING, "and Price."))
    assert place.page == 4


# -- the central-bank press conference with footers glued into sentences ------------------------


def test_press_conference_glued_footers_are_cut_out_and_the_sentence_rejoined():
    t = read(PRESS)
    assert t.format == "text (paginated, 5 pages)"
    assert_verbatim_and_clean(t, ["FINAL", "Press Conference FINAL"])
    assert "balance of risks. As we say in our statement, we are prepared" in t.text
    assert "readings closely. In the labor market" in t.text
    assert "on a calendar. What I can say" in t.text
    assert t.text.rstrip().endswith("CHAIR MARLOWE. Thank you.")
    assert_lines_map_back(PRESS, t)


def test_press_conference_set_aside_and_pages():
    t = read(PRESS)
    footers = [a for a in t.set_aside if a.reason == "page footer"]
    assert [a.line for a in footers] == [5, 6, 9, 12, 17]
    assert footers[1].text == "Page 2 of 5June 18, 2031 Chair Marlowe's Press Conference FINAL"
    assert footers[-1].text == "Page 5 of 5"
    assert [a.line for a in t.set_aside if a.reason == "page header"] == [1]
    assert place_of(t, "Growth in consumer spending").page == 1
    assert place_of(t, "In the labor market").page == 2
    assert place_of(t, "we say in our statement").page == 3
    assert place_of(t, "What I can say").page == 5
    assert place_of(t, "What I can say").line_start == 12
    assert t.title == "Transcript of Chair Marlowe's Press Conference" and t.date == "2031-06-18"


def test_press_conference_labels_open_paragraphs():
    t = read(PRESS)
    for label in ("CHAIR MARLOWE.", "MICHELLE JONES.", "PETER GRANT.", "ANNA KOVACS.", "LUIS FERREIRA."):
        starts = [m.start() for m in re.finditer(re.escape(label), t.text)]
        assert starts and all(s == 0 or t.text[s - 2:s] == "\n\n" for s in starts), label


def test_an_honorific_and_a_surname_closed_by_a_full_stop_open_a_paragraph_of_a_paged_text():
    lines = ["Harbour Board conference call, March 4, 2031", "CHAIR MARLOWE. Good morning, everybody. The call",
             "is about the dues.", "MS. KOVACS. Fine, thank you. I have one question on the",
             "bridge.", "MR. GRANT. Okay. The bridge is for the", "legislature."]
    text = "\n".join(lines) + "\n\f\n" + "\n".join(lines[1:]) + "\n"
    t = corpus.transcript_from_bytes(text.encode(), "call.txt")
    assert "paginated" in t.format
    assert [u.speaker for u in t.turns if u.speaker][:3] == ["CHAIR MARLOWE", "MS. KOVACS", "MR. GRANT"]


def test_a_printed_record_that_indents_each_paragraph_two_spaces_and_names_members_with_their_state():
    page = ("  The SPEAKER pro tempore. The gentleman from Ohio (Mr. Holm) is recognized \n"
            "for 60 minutes.\n"
            "  Mr. HOLM of Ohio. Mr. Speaker, tonight we speak of the harbour and \n"
            "its dues, which rose again this spring.\n"
            "  Mr. VALE. Will the gentleman yield?\n"
            "  Mr. HOLM of Ohio. I yield to the gentleman.\n"
            "  Mr. VALE. The dues rose by a third, and the ferries by half. That is \n"
            "what the port office told us.\n")
    text = "<html><body><pre>\n" + page + "\n[[Page H6184]]\n\n" + page + "</pre></body></html>\n"
    t = corpus.transcript_from_bytes(text.encode(), "record.htm")
    said = [(u.speaker, t.text[u.start:u.end]) for u in t.turns if u.speaker]
    assert [s for s, _ in said][:5] == ["The SPEAKER pro tempore", "Mr. HOLM of Ohio", "Mr. VALE", "Mr. HOLM of Ohio",
                                         "Mr. VALE"]
    assert said[3][1] == "I yield to the gentleman."


# -- the Supreme Court argument in ../shared ------------------------------------------------------


@pytest.fixture(scope="module")
def scotus():
    if not SCOTUS.is_file():
        pytest.skip(f"the shared corpora are not at {CORPORA}")
    return read(SCOTUS)


def test_scotus_is_clean_and_verbatim(scotus):
    assert scotus.format == "text (line-numbered, 190 pages)"
    assert_verbatim_and_clean(scotus, ["Official - Subject to Final Review", "Heritage Reporting Corporation",
                                       "APPEARANCES", "C O N T E N T S", "www.hrcreporters.com"])
    assert_lines_map_back(SCOTUS, scotus)


def test_scotus_speakers_are_the_justices_and_the_advocates(scotus):
    names = set(corpus.speakers.speaker_names(scotus.turns))
    assert names == {"CHIEF JUSTICE ROBERTS", "JUSTICE THOMAS", "JUSTICE ALITO", "JUSTICE SOTOMAYOR", "JUSTICE KAGAN",
                     "JUSTICE GORSUCH", "JUSTICE KAVANAUGH", "JUSTICE BARRETT", "JUSTICE JACKSON",
                     "GENERAL SAUER", "MR. KATYAL", "MR. GUTMAN"}
    assert len(scotus.turns) > 700


def test_scotus_turns_carry_increasing_pages(scotus):
    pages = [u.page for u in scotus.turns]
    assert None not in pages and pages == sorted(pages)
    assert pages[0] == 4 and pages[-1] == 190
    assert turn_holding(scotus, "Would you spend a few minutes").page == 6


def test_scotus_turn_across_a_page_break_is_one_turn(scotus):
    turn = turn_holding(scotus, "make America strong, financially viable, and a respected country again.")
    assert turn.speaker == "GENERAL SAUER" and turn.page == 4
    assert place_of(scotus, "again. Due to IEEPA tariffs").page == 5


def test_scotus_front_matter_and_furniture_are_set_aside(scotus):
    counts: dict[str, int] = {}
    for a in scotus.set_aside:
        counts[a.reason] = counts.get(a.reason, 0) + 1
    assert counts["page header"] == counts["page number"] == counts["page footer"] == 190
    front = [a.text for a in scotus.set_aside if a.reason == "front matter"]
    assert "C O N T E N T S" in front and "APPEARANCES:" in front
    assert scotus.text.startswith("P R O C E E D I N G S")
    assert all(u.role == "narrator" for u in scotus.turns if "ORAL ARGUMENT OF" in scotus.text[u.start:u.end])


def test_scotus_source_line_of_a_quote(scotus):
    place = place_of(scotus, "Would you spend a few")
    assert place.line_start == file_line(SCOTUS, "JUSTICE THOMAS: Would you spend a few")
    assert place.page == 6
    place = place_of(scotus, "the case was submitted.")
    assert place.line_start == file_line(SCOTUS, "(Whereupon, at 12:44 p.m., the case")
    assert place.line_end == place.line_start + 1


# -- what is not paginated stays as it was ---------------------------------------------------------


def unpaginated_files() -> list[Path]:
    files = sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.md"))
    shared = REPO.parent / "shared"
    files += sorted((shared / "transcripts").glob("*.txt"))
    files += sorted(CORPORA.glob("whitehouse/*.md")) + sorted(CORPORA.glob("interviews/*.md"))
    return files


@pytest.mark.parametrize("path", unpaginated_files(), ids=lambda p: p.name)
def test_plain_text_that_is_not_paginated_is_indexed_as_the_file_holds_it(path):
    data = path.read_bytes()
    reading = read_file_bytes(data, path.name)
    assert reading.text == decode_bytes(data)[0]
    assert reading.format in ("text", "markdown") and reading.set_aside == ()


def test_shared_unpaginated_files_are_there():
    if not CORPORA.is_dir():
        pytest.skip(f"the shared corpora are not at {CORPORA}")
    assert len(unpaginated_files()) >= len(list(SAMPLES.glob("*.*"))) + 5 + 4


# -- the rules, on small texts -------------------------------------------------------------------------


SPEECH = ("MR. ADAMS: We have looked at the figures for the port and they are better than last year, "
          "with more ships calling and fewer delays at the locks.\n"
          "MS. BELL: And the cost of dredging the channel, has it been settled with the county?\n")


def test_numbers_opening_a_few_lines_are_not_line_numbers():
    text = ("Question 1\nMR. ADAMS: One.\nQuestion 2\nMR. ADAMS: Two.\nQuestion 3\nMR. ADAMS: Three.\n"
            "1 more thing to add.\n2 reasons to say so.\n3 ways out.\n") + SPEECH * 5
    assert paginate_text(text) is None


def test_timestamps_are_not_page_numbers():
    text = "".join(f"[00:0{n}:1{n}]\n{SPEECH}" for n in range(6))
    assert paginate_text(text) is None


def test_form_feeds_with_a_running_header():
    pages = [f"Harbour Board Hearing - Day 2\n{SPEECH * 3}" for _ in range(4)]
    paged = paginate_text("\f".join(pages))
    assert paged is not None and paged.pages == 4
    assert "Harbour Board" not in paged.text
    assert [a.reason for a in paged.set_aside] == ["page header"] * 4
    assert paged.text.count("MR. ADAMS:") == 12
    starts = [m.start() for m in re.finditer("MS. BELL:", paged.text)]
    assert len(starts) == 12 and all(paged.text[s - 2:s] == "\n\n" for s in starts)


def test_a_line_said_at_page_edges_and_in_between_is_speech():
    page = f"Thank you.\n{SPEECH * 3}Thank you.\n{SPEECH * 3}Thank you.\n"
    paged = paginate_text("\f".join(page for _ in range(4)))
    assert paged is not None and paged.text.count("Thank you.") == 12 and paged.set_aside == ()


def test_one_line_ending_a_page_and_opening_the_next_is_speech():
    paged = paginate_text(f"Harbour Record\n{SPEECH}Yes.\fHarbour Record\nYes.\n{SPEECH}")
    assert paged is not None and paged.text.count("Yes.") == 2
    assert [a.text for a in paged.set_aside] == ["Harbour Record", "Harbour Record"]


def test_page_numbers_alone_on_a_line_mark_pages_without_form_feeds():
    body = "".join(f"{SPEECH * 6}- {n} -\n" for n in range(1, 5))
    paged = paginate_text(body)
    assert paged is not None and "- 2 -" not in paged.text
    assert [a.text for a in paged.set_aside] == [f"- {n} -" for n in range(1, 5)]
    assert {s.page for s in paged.segments} == {1, 2, 3, 4}
    assert paged.segments[0].page == 1 and paged.segments[-1].page == 4


def test_an_editors_bracketed_page_marks_open_their_pages_however_much_stands_before_the_first():
    # An excerpt that starts late on a page: a whole page of words before the first mark.
    body = "".join(f"{SPEECH * 6}\n[[Page H{n}]]\n\n" for n in range(184, 188)) + SPEECH * 6
    paged = paginate_text(body)
    assert paged is not None and "[[Page" not in paged.text
    assert paged.segments[0].page == 183 and paged.segments[-1].page == 187
    assert {a.reason for a in paged.set_aside} == {"page header"}


def test_glued_footers_without_enough_pages_to_learn_from_lose_only_the_marker():
    text = ("MR. ADAMS: The port is busy. Page 1 of 3Harbour Report the locks are slow.\n"
            "MS. BELL: And the channel? Page 2 of 3Harbour Report it is shallow.\nMR. ADAMS: Yes. Page 3 of 3\n")
    paged = paginate_text(text)
    assert paged is not None
    assert "The port is busy. Harbour Report the locks are slow." in paged.text
    assert [a.text for a in paged.set_aside] == ["Page 1 of 3", "Page 2 of 3", "Page 3 of 3"]


def test_an_unnumbered_word_index_after_a_line_numbered_record_is_back_matter():
    page = "\n".join(f"{n} MR. ADAMS: Line {n} of the record." for n in range(1, 26))
    index = "\n".join(["INDEX", "adams 1:1 2:1", "record 1:2 1:3 2:25", "port 2:14"])
    paged = paginate_text("\n\f".join([page, page, index]))
    assert paged is not None and paged.text.rstrip().endswith("MR. ADAMS: Line 25 of the record.")
    assert [a.text for a in paged.set_aside if a.reason == "back matter"] == index.split("\n")


def test_a_word_index_nearly_as_long_as_the_record_leaves_it_line_numbered():
    # A court reporter's concordance can fill a third of a short transcript's lines or more.
    page = "\n".join(f"{n} MR. ADAMS: Line {n} of the record." for n in range(1, 26))
    index = "\n".join(["INDEX"] + [f"word{k} (1:{k % 25 + 1})(2:{k % 20 + 1})" for k in range(40)])
    paged = paginate_text("\n\f".join([page, page, index]))
    assert paged is not None and paged.line_numbered
    assert paged.text.rstrip().endswith("MR. ADAMS: Line 25 of the record.")
    assert sum(a.reason == "back matter" for a in paged.set_aside) == 41


def test_a_page_number_is_the_one_that_counts_on_from_the_page_before():
    # An index page's blank lines keep their numbers alone on a line, as a PDF's text gives them; after a
    # wrapped line they stand where the next page's own number would.
    footer = "Harbour Reporting, CSR 1418"
    index = [f"{k} Exhibit {k}, a letter . . . {k + 3}" for k in range(1, 15)] + ["from the harbour master", "15",
                                                                                 "16 Exhibit 16 . . . 19"]
    index += [str(k) for k in range(17, 26)]
    pages = [[f"{k} MR. ADAMS: The record, line {k}." for k in range(1, 26)], index,
             [f"{k} MS. BELL: Page three, line {k}." for k in range(1, 26)],
             [f"{k} MR. ADAMS: Page four, line {k}." for k in range(1, 26)]]
    paged = paginate_text("".join(f"{n}\n" + "\n".join(lines) + f"\n{footer}\n" for n, lines in enumerate(pages, 1)))
    assert paged is not None and paged.line_numbered
    start = paged.text.index("MS. BELL: Page three, line 1.")
    assert {s.page for s in paged.segments if s.start <= start < s.end} == {3}


def test_line_numbers_printed_after_the_words_and_a_header_run_into_the_first_line():
    said = ["MR. ADAMS :  The harbour dues rise in", "June, when the board meets.", "MS. BROOK :  And the ferries?",
            "MR. ADAMS :  They keep their timetable.", "MS. BROOK :  Until when?"]
    pages = []
    for page in range(4):
        lines = [f"{said[(page + n) % 5]} {n + 1} " for n in range(25)]
        lines[0] = f"Harbour Reporting Service {lines[0]}"
        pages.append(f"{page + 3}\n" + "\n".join(lines))
    paged = paginate_text("\n".join(pages) + "\n")
    assert paged is not None and paged.line_numbered
    assert "Harbour Reporting Service" not in paged.text and not re.search(r"\b\d{1,2}\b", paged.text)
    assert paged.text.count("MS. BROOK : Until when?") == 20
    assert [a.text for a in paged.set_aside if a.reason == "page header"] == ["Harbour Reporting Service"] * 4


def test_a_numbered_line_keeps_every_word():
    lines = [f"{n} word{n} and more words on line {n}" for n in range(1, 26)]
    text = "\n\f".join("\n".join(lines) for _ in range(2))
    paged = paginate_text(text)
    assert paged is not None and paged.line_numbered
    assert paged.text.count("word7 and more words on line 7") == 2
    assert not re.search(r"\b(\d+) word\1\b", paged.text)
    assert [s.line for s in paged.segments] == list(range(1, 51))


# -- any text at all ------------------------------------------------------------------------------------

_FRAGMENTS = st.sampled_from([
    "1", "2", "3", "12", "25", " 7   ", "Page 2 of 3", "Page 3 of 3", "- 4 -", "\f", "\n", "\n\n", "  ",
    "MR. ADAMS:", "CHAIR SMITH.", "Justice Kagan:", "P R O C E E D I N G S", "the port is busy", "Yes.",
    "Harbour Report", "--", "(10:04 a.m.)", "\r\n", "\t", "é", "Page 1 of 1",
])


def assert_segments_inside(paged, lines_of):
    """Segments run in order over the whole text, and each holds words of the line it names."""
    assert "\f" not in paged.text
    if not paged.segments:
        assert paged.text == ""
        return
    assert paged.segments[0].start == 0 and paged.segments[-1].end == len(paged.text)
    end = 0
    for seg in paged.segments:
        assert end <= seg.start < seg.end
        end = seg.end
        source = " ".join(lines_of(seg)[seg.line - 1].replace("\f", " ").split())
        assert paged.text[seg.start:seg.end] in source


@settings(max_examples=200, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=120))
def test_any_text_is_read_without_error_and_segments_stay_inside_their_lines(parts):
    text = " ".join(parts)
    paged = paginate_text(text)
    if paged is not None:
        assert_segments_inside(paged, lambda seg: text.split("\n"))
    pages = text.split("\f")
    assert_segments_inside(paginate_pages(pages), lambda seg: pages[seg.page - 1].split("\n"))


def test_parse_shows_what_was_set_aside():
    from assistant.formatting import transcript_record, transcript_text

    t = read(HEARING)
    shown = transcript_text(t)
    counts = {}
    for a in t.set_aside:
        counts[a.reason] = counts.get(a.reason, 0) + 1
    assert f"Set aside: {len(t.set_aside)} lines kept out of the turns" in shown
    assert all(f"{n} {reason}" in shown for reason, n in counts.items())
    record = transcript_record(t)
    assert {"line": 75, "text": "Page 3", "reason": "page header"} in record["set_aside"]
    assert "Set aside" not in transcript_text(read(SAMPLES / "transport-briefing.txt"))


def test_a_paragraph_indented_deeper_than_its_own_page_opens_on_every_page():
    # A reporter's pages may set the text column a few spaces apart; each page's indented first
    # lines are deeper than that page's other lines, though not deeper than every other page's.
    sentences = [f"The harbour trust reported item {n} of the survey of berths and quays" for n in range(50)]

    def page(column: int, first: int) -> str:
        lines = []
        for i in range(25):
            words = sentences[first + i]
            indent = column + 4 if i % 5 == 0 else column
            lines.append(f"{i + 1:>2}{' ' * indent}{words}{'.' if i % 5 == 4 else ''}")
        return "\n".join(lines) + f"\n    {first // 25 + 1}\n"

    paged = paginate_text(page(14, 0) + "\f" + page(9, 25))
    assert paged is not None and paged.line_numbered
    paragraphs = paged.text.split("\n\n")
    assert len(paragraphs) == 10
    assert all(p.startswith(f"The harbour trust reported item {n * 5} ") for n, p in enumerate(paragraphs))


def test_a_double_spaced_page_whose_long_lines_run_on_to_unnumbered_ones():
    # The end of a long line set on a line of its own ("awarded", "16") breaks no page's numbering,
    # the next page's number after its footer is no line of this page, and in a typescript with a
    # blank line after every line the blank lines open no paragraphs.
    items = ["dredging", "ferry", "bridge", "lighthouse"]
    verbs = ["awarded", "signed", "approved", "renewed"]

    def page(k: int) -> str:
        item, at = items[k], 3 + 4 * k  # the long lines fall at other places on every page
        lines = [f"{i:>9}        of the {item} works the board heard on day {k} part {i} of the evidence"
                 for i in range(1, 26)]
        lines[at] = f"{at + 1:>9}                      SENATOR VALE:  The {item} contract was"
        lines.insert(at + 1, verbs[k])
        lines[at + 6] = f"{at + 6:>9}        of the {item} works for a boy of"
        lines.insert(at + 7, f"{16 + k}")
        return f"{' ' * 40}{41 + k}\n\n" + "\n\n".join(lines) + "\n\n        Harbour Reporting Service\n"

    paged = paginate_text("".join(page(k) for k in range(4)))
    assert paged is not None and paged.line_numbered and paged.pages == 4
    for k, item in enumerate(items):
        assert f"SENATOR VALE: The {item} contract was {verbs[k]} of the {item}" in paged.text
        assert f"for a boy of {16 + k} of the {item} works" in paged.text
    # A paragraph before each label, and the label's paragraph running on to the next page's words.
    assert paged.text.count("\n\n") == 4
    assert sorted(a.text for a in paged.set_aside if a.reason == "page number") == ["41", "42", "43", "44"]
