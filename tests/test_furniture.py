"""Words silently dropped (issue 15, finding 4): a furniture rule needs real evidence of furniture, and
whatever it keeps out of the turns is recorded, counted in the build summary and shown by `parse`."""

import json

import pytest

from assistant.cli import main
from assistant.formatting import build_summary
from conftest import SAMPLES, FakeEmbedder
from corpus import ChunkSettings, chunk_transcript, load_corpus, paragraphs, transcript_from_bytes
from corpus.boilerplate import furniture
from index import build_index

SPEECH = [
    # The two lines the breadcrumb rule took for navigation, unindexed and unreported.
    "Li Wei: Exports grew 5.2% y/y and 1.3% q/q",
    "Li Wei: Steel output > 90 Mt and coal > 400 Mt",
    "Steel output > 90 Mt and coal > 400 Mt",
    "> 90 Mt of steel and > 400 Mt of coal",
    "Trains run at 300 km/h / 350 km/h / 400 km/h in tests",
    "Quality | price | delivery time",
    "A > B > C",
]
NAVIGATION = [
    "ㄑ Press Room ㄑ Press Conference Transcripts ㄑ Press Conferences of the State Council Information Office",
    "Home > News > Press briefings",
    "You are here: Home / Newsroom / Transcripts",
    "[Home](/) › [News](/news) › Briefing on water",
    "> Newsroom > Briefings > 2024",
]


@pytest.mark.parametrize("line", SPEECH)
def test_arithmetic_units_and_bare_separators_are_speech(line):
    assert furniture(line) is None


@pytest.mark.parametrize("line", NAVIGATION)
def test_navigation_with_real_evidence_is_furniture(line):
    assert furniture(line) == "navigation"


@pytest.mark.parametrize("paragraph, markup", [
    ("::: {.column-margin}\n![](35.png)\n:::", True),
    ("![Chart of the dues](charts/dues.png)", True),
    ("::: {.column-margin}\nThe dues fall in June.\n:::", False),  # words inside: said, or a note to read
    ("So the dues ::: fall", False),
])
def test_markup_alone_is_furniture(paragraph, markup):
    assert (furniture(paragraph) == "markup") == markup


@pytest.mark.parametrize("paragraph, links", [
    ('*   [Audio 39.8MB](/speeches/2024/audio/conference.mp3 "Downloadable audio file")', True),
    ("[Watch video: Harbour Board press conference](https://youtu.be/3E63hcw2t48)", True),
    ("See [the minutes](/minutes.html) for what the board decided.", False),
    ("[55:16](https://youtu.be/x) **Question**: when will the dues fall?", False),
])
def test_a_markdown_link_alone_is_the_pages_own_link_not_speech(paragraph, links):
    assert (furniture(paragraph) == "link list") == links


def briefing() -> str:
    return "\n\n".join([
        "Home > News > Press briefings",
        "Ministry of Trade press conference, 2024-05-06",
        "Li Wei: Good morning. I will give the figures first.",
        SPEECH[0],
        SPEECH[1],
        "Reporter: What about coal?",
        "Li Wei: Coal stays at last year's level.",
        "Page 1 of 1",
    ]) + "\n"


def test_the_two_lines_are_indexed_and_the_furniture_recorded():
    t = transcript_from_bytes(briefing().encode(), "trade.txt")
    chunks = chunk_transcript(t, paragraphs(t.text), FakeEmbedder(), ChunkSettings())
    said = " ".join(c.text for c in chunks)
    assert "Exports grew 5.2% y/y and 1.3% q/q" in said and "Steel output > 90 Mt and coal > 400 Mt" in said
    li = " ".join(t.text[u.start:u.end] for u in t.turns if u.speaker == "Li Wei")
    assert "Exports grew 5.2% y/y" in li and "Steel output > 90 Mt" in li
    assert [(s.line, s.text, s.reason) for s in t.set_aside] == [
        (1, "Home > News > Press briefings", "navigation"), (15, "Page 1 of 1", "pagination")]


def test_nothing_is_dropped_unseen_from_the_samples():
    """Every line of every paragraph is quoted by some chunk or set aside with its reason."""
    transcripts, _ = load_corpus(SAMPLES)
    for t in transcripts:
        chunks = chunk_transcript(t, paragraphs(t.text), FakeEmbedder(), ChunkSettings())
        aside = {s.line for s in t.set_aside}
        lines = t.text.split("\n")
        for p in paragraphs(t.text):
            first = t.text.count("\n", 0, p.start) + 1
            covered = any(c.start <= p.start < c.end for c in chunks)
            if not covered and furniture(t.text[p.start:p.end]):
                span = range(first, first + t.text.count("\n", p.start, p.end) + 1)
                assert all(n in aside for n in span if lines[n - 1].strip()), (t.doc_id, first)


def test_the_build_summary_counts_what_was_set_aside(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "trade.txt").write_text(briefing(), encoding="utf-8")
    report = build_index(corpus, tmp_path / "index", embedder=FakeEmbedder())
    assert report.set_aside == {"navigation": 1, "pagination": 1}
    summary = build_summary(report, str(corpus))
    assert ("Set aside 2 lines of page furniture (navigation 1, pagination 1); `transcript-qa parse FILE` shows "
            "each.") in summary


def test_parse_shows_each_line_set_aside(tmp_path, capsys):
    path = tmp_path / "trade.txt"
    path.write_text(briefing(), encoding="utf-8")
    assert main(["parse", str(path), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["set_aside"] == [
        {"line": 1, "text": "Home > News > Press briefings", "reason": "navigation"},
        {"line": 15, "text": "Page 1 of 1", "reason": "pagination"}]
    assert main(["parse", str(path)]) == 0
    text = capsys.readouterr().out
    assert "Set aside: 2 lines kept out of the turns (1 navigation, 1 pagination); listed after the turns" in text
    assert "line 1 (navigation): Home > News > Press briefings" in text
    assert "line 15 (pagination): Page 1 of 1" in text


def test_a_markup_comment_is_set_aside_and_never_quoted():
    text = ("# Harbour keynote\n\n<!--\n\nGenerated by a transcriber.\n\nPrompt:\nDrop \"um\" and keep the rest.\n\n-->\n\n"
            "Ada Brook: The dues come down in spring. <!-- check this figure --> The board agreed.\n")
    t = transcript_from_bytes(text.encode(), "keynote.md")
    chunks = chunk_transcript(t, paragraphs(t.text), FakeEmbedder(), ChunkSettings())
    said = " ".join(c.text for c in chunks)
    assert "Generated by" not in said and "Prompt" not in said and "The board agreed." in said
    assert [(s.line, s.text) for s in t.set_aside if s.reason == "a markup comment"] == [
        (3, "<!--"), (5, "Generated by a transcriber."), (7, "Prompt:"), (8, 'Drop "um" and keep the rest.'), (10, "-->")]
    assert [u.speaker for u in t.turns if u.speaker] == ["Ada Brook"]


_TALK = "\n\n".join(f"[{i:02d}:00](https://example.org/t={i}) Paragraph {i} of the talk on the harbour dues, said at "
                    "length." for i in range(1, 21))


@pytest.mark.parametrize("heading", ["Summary", "## Summary", "**Key takeaways**", "### Show notes:"])
def test_an_editors_summary_before_the_words_it_sums_up_is_set_aside(heading):
    text = (f"# Harbour keynote\n\n{heading}\n\n- The dues come down in spring.\n- The board agreed.\n\n"
            f"Funny bits\n\n- \"Nobody pays in winter.\"\n\n{_TALK}\n")
    t = transcript_from_bytes(text.encode(), "keynote.md")
    chunks = chunk_transcript(t, paragraphs(t.text), FakeEmbedder(), ChunkSettings())
    said = " ".join(c.text for c in chunks)
    assert "come down in spring" not in said and "Nobody pays" not in said and "Paragraph 20 of the talk" in said
    assert [s.text for s in t.set_aside if s.reason == "an editor's summary"] == [
        heading, "- The dues come down in spring.", "- The board agreed.", "Funny bits", '- "Nobody pays in winter."']


@pytest.mark.parametrize("text", [
    "## Summary\n\nAda Brook: So to sum up, the dues come down in spring.\n\nKarl Vale: Agreed.\n",  # speech under it
    "Summary\n\nThe dues come down in spring, and the board agreed.\n",  # nothing after it: the text itself
    "Summary\n\n" + "The dues come down in spring. " * 400 + "\n\nAda Brook: Thank you.\n",  # too long to be one
])
def test_a_summary_heading_over_speech_or_over_the_whole_text_sets_nothing_aside(text):
    t = transcript_from_bytes(text.encode(), "notes.md")
    assert not [s for s in t.set_aside if s.reason == "an editor's summary"]


@pytest.mark.parametrize("opening, closing", [('<div class="editor-commentary" markdown=1>', "</div>"),
                                              ("<aside>", "</aside>"), ('<section id="show-notes">', "</section>")])
def test_a_block_of_markup_that_its_class_calls_a_commentary_or_notes_is_set_aside(opening, closing):
    # An editor's commentary ahead of the transcript, its summary of each speaker under their name in bold.
    text = (f"# Harbour panel\n\n{opening}\n\n## Commentary\n\n**Ada Brook**\n\n- Argued the dues must fall.\n\n"
            f"<div>\n\n**Karl Vale**\n\n- Said the bridge waits.\n\n</div>\n\n{closing}\n\n"
            "**Ada Brook**: The dues will come down in spring.\n\n**Karl Vale**: The bridge is next year.\n")
    t = transcript_from_bytes(text.encode(), "panel.md")
    said = [(u.speaker, t.text[u.start:u.end]) for u in t.turns if u.role != "narrator"]
    assert said == [("Ada Brook", "The dues will come down in spring."), ("Karl Vale", "The bridge is next year.")]
    aside = [s.text for s in t.set_aside if s.reason == "an editor's summary"]
    assert aside[0] == "## Commentary" and "- Argued the dues must fall." in aside and aside[-1] == "- Said the bridge waits."
    assert [s.text for s in t.set_aside if s.reason == "markup"] == [opening, "<div>", "</div>", closing]  # its tags


def test_a_block_of_markup_of_no_such_class_is_read():
    text = ('<div class="transcript">\n\n**Ada Brook**: The dues will come down in spring.\n\n'
            "**Karl Vale**: The bridge is next year.\n\n</div>\n")
    t = transcript_from_bytes(text.encode(), "panel.md")
    assert [u.speaker for u in t.turns if u.role != "narrator"] == ["Ada Brook", "Karl Vale"]
    assert not [s for s in t.set_aside if s.reason == "an editor's summary"]


_HEADER = "Harbour Board Meeting\n\nMarch\n\n4, 2025"


def test_a_pdf_page_header_repeated_between_the_turns_is_set_aside_with_the_line_some_pages_add():
    # A meeting's record saved as text from its PDF: each page opens with the meeting's name and day, some
    # with the item too, between (or inside) what is said.
    item = "Item E-2 - An ordinance on the harbour dues and the moorings, for the spring."
    turns = [f"Chair Brook: Point {i} on the dues, said at some length by the chair." for i in range(8)]
    text = (f"{turns[0]}\n\n{turns[1]}\n\n{_HEADER}\n\n{item}\n\n{turns[2]}\n\n{turns[3]}\n\n{_HEADER}\n\n"
            f"{turns[4]}\n\nMr. Vale: The dues are\n\n{_HEADER}\n\n{item}\n\ntoo high.\n\n{turns[5]}\n")
    t = transcript_from_bytes(text.encode(), "meeting.txt")
    chunks = chunk_transcript(t, paragraphs(t.text), FakeEmbedder(), ChunkSettings())
    vale = [c.text for c in chunks if c.speaker == "Mr. Vale"]
    assert vale and all("Harbour Board" not in c and "Item E-2" not in c for c in vale)
    assert vale[0].startswith("The dues are") and vale[-1].endswith("too high.")
    assert not any("March" in c.text or "Item E-2" in c.text for c in chunks)
    headers = [s.text for s in t.set_aside if s.reason == "a running header"]
    assert headers.count("Harbour Board Meeting") == 3 and headers.count(item) == 2


@pytest.mark.parametrize("repeated", [
    "Right.\n\nRight.",  # a word said again and again, by two people
    "YEAS--3\n\n" + " ".join(f"Member{i}" for i in range(30)),  # a division's list, where three votes went alike
    "### Ada Brook:\n\n> (laughter)",  # a label alone over the words, and a stage note
])
def test_runs_said_or_listed_again_are_not_a_running_header(repeated):
    text = "\n\n".join(f"Karl Vale: Point {i} on the dues, said at length.\n\n{repeated}" for i in range(4)) + "\n"
    t = transcript_from_bytes(text.encode(), "meeting.md")
    assert not [s for s in t.set_aside if s.reason == "a running header"]


_CALL = "\n\n".join(f"{who}: Line {i} of the call on the harbour dues, said at some length." for i, who in
                    enumerate(["Operator", "Ada Brook", "Karl Vale", "Ada Brook"] * 6))


def test_a_pages_sections_before_the_transcripts_own_heading_are_set_aside():
    text = ("Harbour Board Call\n\nMay 4, 2025\n\nCALL PARTICIPANTS\n\nChair — Ada Brook\n\nTAKEAWAYS\n\n"
            "Dues-- The dues come down in spring.\n\nBrook said the board agreed.\n\nFull Conference Call Transcript\n\n"
            f"{_CALL}\n")
    t = transcript_from_bytes(text.encode(), "call.txt")
    chunks = chunk_transcript(t, paragraphs(t.text), FakeEmbedder(), ChunkSettings())
    said = " ".join(c.text for c in chunks)
    assert "come down in spring" not in said and "Line 23 of the call" in said
    aside = [s.text for s in t.set_aside if s.reason == "an editor's summary"]
    assert aside[0] == "CALL PARTICIPANTS" and aside[-1] == "Full Conference Call Transcript"
    assert t.title == "Harbour Board Call" and t.date == "2025-05-04"


def test_a_transcript_heading_over_no_labelled_speech_sets_nothing_aside():
    text = ("Harbour Board Call\n\nTAKEAWAYS\n\nThe dues come down in spring.\n\nTranscript\n\n"
            "The dues come down in spring, the chair said, and the board agreed at length.\n")
    t = transcript_from_bytes(text.encode(), "call.txt")
    assert not [s for s in t.set_aside if s.reason == "an editor's summary"]


def test_a_header_of_fields_before_the_words_gives_the_title_and_is_no_ones_words():
    text = ("Title: Harbour board || Dues for the winter\nVideo ID: x0Yb3kQ\nURL: https://example.org/watch?v=x0Yb3kQ\n"
            "--------------------\n\nFULL TRANSCRIPT:\nWelcome, everyone. The dues come down in spring, the board agreed "
            "on it last night.\n")
    t = transcript_from_bytes(text.encode(), "board.txt")
    assert t.title == "Harbour board || Dues for the winter"
    said = " ".join(t.text[u.start:u.end] for u in t.turns)
    assert "dues come down in spring" in said and "x0Yb3kQ" not in said and "FULL TRANSCRIPT" not in said
    assert [s.text for s in t.set_aside if s.reason == "a header of fields"][:3] == [
        "Title: Harbour board || Dues for the winter", "Video ID: x0Yb3kQ", "URL: https://example.org/watch?v=x0Yb3kQ"]


@pytest.mark.parametrize("text", [
    "Ada Brook: The dues come down in spring.\nKarl Vale: Agreed, from March.\n",  # a dialogue: no title, no link
    "Ada Brook: The dues come down in spring.\nKarl Vale: Agreed.\nURL: https://example.org/dues\n",  # said, and a link
    "Title: Harbour board\nTitle: Dues\n\nThe dues come down in spring.\n",  # a key given twice
    "Title: Harbour board\n\nThe dues come down in spring.\n",  # one field
])
def test_lines_that_only_look_like_fields_are_not_a_header(text):
    t = transcript_from_bytes(text.encode(), "board.txt")
    assert not [s for s in t.set_aside if s.reason == "a header of fields"]


@pytest.mark.parametrize("line", ['<iframe width="560" src="https://example.org/embed/x0Yb3kQ"></iframe>', "<HarbourBanner />",
                                  "<div>  </div>"])
def test_a_line_of_tags_with_nothing_between_them_is_markup(line):
    assert furniture(line) == "markup"
    assert furniture("<b>The dues</b> come down in spring.") is None  # words among the tags are said
