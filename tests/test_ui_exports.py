"""What the page hands out: copy styles, the Markdown, CSV and JSON exports, and the search in a URL."""

import csv
import io
import json
import re

import pytest

from assistant import Answer, Citation, Filters, Passage
from assistant.formatting import answer_json
from ui.exports import as_csv, as_json, as_markdown, copy_all, copy_text, file_stem
from ui.sharing import Search, search_from, search_of

MARKUP = "Call <b>now</b> & see [the hotline](javascript:x) **reports** `code` #1 | =SUM(A1)"


def _answer(low=False):
    c1 = Citation(file="a.txt", title="Flood season: what is ready", date="2025-06-12", speaker="Edvin Kaar",
                  paragraph=4, line_start=10, line_end=12, start=100, end=100 + len(MARKUP))
    c2 = Citation(file="talk.vtt", title="A talk", date=None, speaker=None, paragraph=1, line_start=3, line_end=3,
                  start=0, end=22, time=(754.2, 760.0))
    quote1 = "First line.\n\n" + MARKUP
    p1 = Passage(quote=quote1, highlight=(quote1.index("Call"), len(quote1)), citation=c1, score=0.71,
                 question="How fast?", role="official", also_in=(c2,))
    p2 = Passage(quote="-Yes, within 15 minutes", highlight=(0, 5), citation=c2, score=0.4)
    return Answer(question="How fast does a warning arrive?", passages=(p1, p2), low_confidence=low)


def test_plain_and_footnote_copies_cite_the_same_way():
    a = _answer()
    assert copy_text(a.passages[1]) == ("“-Yes, within 15 minutes”\n— narration, A talk, undated, ¶1, line 3, "
                                        "at 00:12:34 (talk.vtt, characters 0–22)")
    assert copy_text(a.passages[1], "footnote", 2) == (
        "“-Yes, within 15 minutes”[^2]\n\n[^2]: narration, A talk, undated, ¶1, line 3, at 00:12:34 "
        "(talk.vtt, characters 0–22).")
    plain = copy_all(a)
    assert plain == copy_text(a.passages[0]) + "\n\n" + copy_text(a.passages[1])
    foot = copy_all(a, "footnote")
    quotes, notes = foot.split("\n\n[^1]: ")
    assert quotes.endswith("[^1]\n\n“-Yes, within 15 minutes”[^2]")
    assert notes.startswith("Edvin Kaar, Flood season: what is ready, 2025-06-12, ¶4, lines 10–12 "
                            "(a.txt, characters")
    assert "\n[^2]: narration, A talk" in notes


def test_json_export_is_what_ask_json_prints():
    a = _answer()
    assert json.loads(as_json(a)) == json.loads(answer_json(a))


def test_csv_export_has_a_row_a_passage_with_every_field_and_no_formula():
    a = _answer(low=True)
    rows = list(csv.DictReader(io.StringIO(as_csv(a))))
    assert [r["rank"] for r in rows] == ["1", "2"]
    first, second = rows
    assert first["quote"] == a.passages[0].quote and first["best"] == MARKUP
    assert (first["file"], first["line_start"], first["line_end"], first["start"]) == ("a.txt", "10", "12", "100")
    assert first["also_in"].startswith("narration, A talk, undated, ¶1, line 3, at 00:12:34 (talk.vtt")
    assert (second["time_start"], second["time_end"], second["speaker"]) == ("754.2", "760.0", "")
    assert second["quote"] == "'-Yes, within 15 minutes"  # a spreadsheet would read -Yes as a formula
    assert {r["asked"] for r in rows} == {a.question} and {r["low_confidence"] for r in rows} == {"yes"}


def test_markdown_export_quotes_verbatim_with_the_best_sentences_in_bold():
    a = _answer()
    md = as_markdown(a, Filters(speakers=("Edvin Kaar",)))
    assert md.startswith("# How fast does a warning arrive?\n\n2 passages, quoted verbatim")
    assert "Only passages from: speaker Edvin Kaar" in md
    assert "## 1. Edvin Kaar (official) · score 0.71" in md and "## 2. Narration · score 0.40" in md
    assert "> First line.\n>\n> **Call \\<b\\>now\\</b\\> \\& see \\[the hotline\\](javascript:x)" in md
    assert "\\*\\*reports\\*\\* \\`code\\` \\#1 \\| =SUM(A1)**" in md
    # Unescaped, every quote is there word for word.
    plain = re.sub(r"\\(.)", r"\1", md.replace("**", ""))
    assert MARKUP in plain and "-Yes, within 15 minutes" in plain
    assert "— Edvin Kaar, Flood season: what is ready, 2025-06-12, ¶4, lines 10–12 (a.txt, characters" in md
    assert "In answer to: *How fast?*" in md and "- also in narration, A talk" in md


def test_markdown_of_no_passages_says_so():
    md = as_markdown(Answer("q", (), True))
    assert "No passages found." in md and "Low confidence" not in md


@pytest.mark.parametrize("question, stem", [
    ("How fast does a warning arrive?", "transcript-qa-how-fast-does-a-warning-arrive"),
    ("简报 2024?", "transcript-qa-简报-2024"),
    ("???", "transcript-qa-answer"),
    ("word " * 40, "transcript-qa-" + "-".join(["word"] * 12)),
])
def test_export_file_names_come_from_the_question(question, stem):
    assert file_stem(question) == stem


def test_a_search_round_trips_through_its_url_query():
    s = Search("What about fares & passes?", k=8, speakers=("Runa Falk", "Oskar Lind"), docs=("a b.txt",),
               date_from="2024-01-01", date_to="2024-12-31")
    assert s.query == ("?q=What+about+fares+%26+passes%3F&k=8&speaker=Runa+Falk&speaker=Oskar+Lind&doc=a+b.txt"
                       "&from=2024-01-01&to=2024-12-31")
    from urllib.parse import parse_qsl
    assert search_from(parse_qsl(s.query[1:])) == s
    assert Search("Fares?").query == "?q=Fares%3F" and Search("").query == ""


@pytest.mark.parametrize("pairs, expected", [
    ([("q", "  fares   and passes ")], Search("fares and passes")),
    ([("q", "x"), ("k", "99")], Search("x", k=20)),
    ([("q", "x"), ("k", "0")], Search("x", k=1)),
    ([("q", "x"), ("k", "five")], Search("x")),
    ([("q", "x"), ("speaker", "A"), ("speaker", "A"), ("speaker", " ")], Search("x", speakers=("A",))),
    ([("q", "x"), ("from", "soon"), ("utm", "y")], Search("x", date_from="soon")),
    ([("k", "3")], None),
    ([("q", "   ")], None),
])
def test_a_url_query_is_read_leniently(pairs, expected):
    assert search_from(pairs) == expected


def test_the_search_shown_is_the_question_as_read_with_its_filters():
    s = search_of("  What   now? ", 3, Filters(speakers=("A",), date_to="2024-01-01"))
    assert s == Search("What now?", 3, ("A",), (), None, "2024-01-01")
