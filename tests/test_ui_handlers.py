"""The page's handlers over a real index: answers, filters, shared searches, context, uploads, rebuilds,
renames and removals, no index.

Handlers are called as Gradio calls them. A question that cannot be asked is said in one line where
the cards were; every other mistake becomes a gr.Error with one line.
"""

import csv
import fcntl
import html
import io
import json
import re
import shutil
import threading

import gradio as gr
import pytest

from assistant.formatting import answer_json
from conftest import SAMPLES
from ui.exports import copy_all
from ui.handlers import NOTHING, Handlers
from ui.sharing import Search
from ui.state import AppState
from uikit import TRICKY_NAME, TRICKY_QUESTION, assert_only_our_markup, copy_library

pytestmark = pytest.mark.model

FLOOD = "How fast does a flood warning reach a village?"


class Event:
    """What Gradio passes as gr.EventData for the page's own events."""

    def __init__(self, **data):
        self.__dict__.update(data)


class Request:
    """What Gradio passes as gr.Request: the page's own URL query, as Starlette holds it."""

    def __init__(self, query: str):
        from starlette.datastructures import QueryParams

        self.query_params = QueryParams(query)


def problem(cards: str) -> str:
    """The one line a problem shows instead of cards, as a person reads it."""
    found = re.fullmatch(r'<div class="tqa-problem" role="alert"><p>(.*)</p></div>', cards)
    assert found, cards[:200]
    return html.unescape(found.group(1))


@pytest.fixture(scope="module")
def handlers(ui_library, real_embedder):
    corpus, index = ui_library
    return Handlers(AppState(index, corpus, embedder=real_embedder))


@pytest.fixture
def own(ui_library, real_embedder, tmp_path):
    """Handlers over a copy of the library, free to upload into and rebuild."""
    corpus, index = copy_library(*ui_library, tmp_path)
    return Handlers(AppState(index, corpus, embedder=real_embedder))


def one_line_error(call, *args, **kwargs) -> str:
    with pytest.raises(gr.Error) as info:
        call(*args, **kwargs)
    message = info.value.message
    assert "\n" not in message and "Traceback" not in message
    return html.unescape(message)


def test_ask_gives_cards_with_quote_highlight_citation_and_the_answer(handlers):
    cards, shown = handlers.ask(FLOOD, 3, None, None, None, None)
    answer = shown.answer
    assert len(answer.passages) == 3 and cards.count('class="tqa-card"') == 3
    assert shown.search == Search(FLOOD, 3)
    best = next(p for p in answer.passages if "within 15 minutes" in p.quote)
    assert "<mark>" + html.escape(best.quote[best.highlight[0]:best.highlight[1]]) + "</mark>" in cards
    assert ("— Edvin Kaar, How is the country getting ready for the main flood season? The Ministry of Water "
            "Resources answers the questions that matter, 2025-06-12, ¶") in cards
    assert "ministry-water-2025-06-12.txt, characters" in cards and "score 0." in cards
    assert '<span class="tqa-role">official</span>' in cards and "In answer to a question" in cards
    assert re.search(r'· 3 passages · \d+\.\d\d s</p>', cards)
    assert 'data-share="?q=How+fast+does+a+flood+warning+reach+a+village%3F&amp;k=3"' in cards
    assert_only_our_markup(cards)


def test_filters_apply_inside_retrieval(handlers):
    answer = handlers.ask("railway passengers and fares", 3, ["Runa Falk"], None, None, None)[1].answer
    assert len(answer.passages) >= 2 and {p.citation.speaker for p in answer.passages} == {"Runa Falk"}
    answer = handlers.ask("prices", 3, None, ["statistics-q1-briefing.md", "heatwave-news.txt"], None, None)[1].answer
    assert {p.citation.file for p in answer.passages} <= {"statistics-q1-briefing.md", "heatwave-news.txt"}
    answer = handlers.ask("warnings", 5, None, None, "2025-01-01", "2025-12-31")[1].answer
    assert answer.passages and all(p.citation.date >= "2025-01-01" for p in answer.passages)
    # A range no transcript lies in is refused, in the place of the cards, not answered with "nearest
    # passages" and "none found" at once.
    cards, shown = handlers.ask("warnings", 5, None, None, "2030-01-01", None)
    assert shown.answer is None and "No transcript in this index is dated on or after 2030-01-01" in cards
    assert "Low confidence" not in cards and "No passages found" not in cards


@pytest.mark.parametrize("args, fragment", [
    (("", 5, None, None, None, None), "the question is empty"),
    (("   ", 5, None, None, None, None), "the question is empty"),
    (("water", 0, None, None, None, None), "from 1 to 50"),
    (("water", 2.5, None, None, None, None), "from 1 to 50"),
    (("water", None, None, None, None, None), "from 1 to 50"),
    (("water", 5, ["Nobody Atall"], None, None, None), "no speaker matches 'Nobody Atall'"),
    (("water", 5, None, ["missing.txt"], None, None), "no document matches 'missing.txt'"),
    (("water", 5, None, None, "yesterday", None), "date from must be a date"),
    (("water", 5, None, None, "2025-02-01", "2024-01-01"), "the date range is empty"),
    (("x" * 2000, 5, None, None, None, None), "keep it under 1000"),
])
def test_bad_input_is_said_in_one_line_where_the_cards_were(handlers, args, fragment):
    cards, shown = handlers.ask(*args)
    text = problem(cards)
    assert fragment in text[:1].lower() + text[1:] and shown == NOTHING
    assert fragment in one_line_error(handlers.ask_json, *args)


def test_the_empty_question_hint_names_no_corpus(handlers):
    text = problem(handlers.ask("", 5, None, None, None, None)[0])
    assert text == "The question is empty; type what you want to find in the transcripts, as a question"


def test_an_error_that_quotes_a_transcript_is_escaped(handlers):
    cards, _ = handlers.ask("water", 5, ["<img src=x onerror=alert(1)>"], None, None, None)
    assert "<img" not in cards and "&lt;img src=x" in cards
    assert_only_our_markup(cards)
    with pytest.raises(gr.Error) as info:
        handlers.ask_json("water", 5, ["<img src=x onerror=alert(1)>"], None, None, None)
    # An API caller reads the line as the index wrote it: not HTML, so not escaped.
    assert "'<img src=x onerror=alert(1)>'" in info.value.message and "&lt;" not in info.value.message


def test_an_example_fills_the_box_and_asks(handlers):
    question, cards, shown = handlers.ask_example(2, None, None, None, None,
                                                  Event(question="How will farmers be supported?"))
    assert question == "How will farmers be supported?" and shown.answer.question == question
    assert cards.count('class="tqa-card"') == 2


def test_a_changed_filter_asks_again_and_the_same_search_is_not_asked_twice(handlers):
    _, shown = handlers.ask("railway passengers and fares", 3, None, None, None, None)
    same = handlers.reask("railway passengers  and fares", 3.0, [], [], None, None, shown)
    assert all(isinstance(v, dict) and v.get("__type__") == "update" and len(v) == 1 for v in same)  # skipped
    cards, again = handlers.reask("railway passengers and fares", 3, ["Runa Falk"], [], None, None, shown)
    assert again.search.speakers == ("Runa Falk",) and "Only passages from: speaker Runa Falk" in cards
    assert {p.citation.speaker for p in again.answer.passages} == {"Runa Falk"}
    cards, again = handlers.reask("railway passengers and fares", 3, None, None, "later", None, shown)
    assert "Date from must be a date" in problem(cards) and again == NOTHING
    assert all(v.get("__type__") == "update" for v in handlers.reask("  ", 3, ["Runa Falk"], [], None, None, shown))


def test_a_shared_url_fills_the_page_and_asks(handlers):
    out = handlers.load(Request("q=railway+passengers+and+fares&k=2&speaker=runa+falk&doc=transport-briefing.txt"))
    *page, question, k, date_from, date_to, cards, shown = out
    assert (question, k, date_from, date_to) == ("railway passengers and fares", 2, None, None)
    assert page[3]["value"] == ["Runa Falk"] and page[4]["value"] == ["transport-briefing.txt"]
    assert shown.search == Search("railway passengers and fares", 2, ("Runa Falk",), ("transport-briefing.txt",))
    assert cards.count('class="tqa-card"') == 2 and {p.citation.speaker for p in shown.answer.passages} == {"Runa Falk"}
    *page, question, k, date_from, date_to, cards, shown = handlers.load(Request(""))
    assert "tqa-status" in page[0] and shown == NOTHING
    assert all(v.get("__type__") == "update" and len(v) == 1 for v in (question, k, date_from, date_to, cards))


def test_exports_and_copies_are_of_the_answer_the_cards_show(handlers):
    cards, shown = handlers.ask("railway passengers and fares", 2, ["Runa Falk"], None, None, None)
    query = shown.search.query
    got = handlers.takeaway(query, "json")
    assert got["name"] == "transcript-qa-railway-passengers-and-fares.json" and got["type"] == "application/json"
    assert got["text"] == answer_json(shown.answer) + "\n"
    md = handlers.takeaway(query, "md")
    assert md["name"].endswith(".md") and "Only passages from: speaker Runa Falk" in md["text"]
    rows = list(csv.DictReader(io.StringIO(handlers.takeaway(query, "csv")["text"])))
    assert [r["quote"] for r in rows] == [p.quote for p in shown.answer.passages]
    assert handlers.takeaway(query, "plain") == {"name": None, "type": "text/plain",
                                                 "text": copy_all(shown.answer, "plain")}
    assert "[^2]: " in handlers.takeaway(query, "footnote")["text"]
    # A search not asked lately is asked again; nothing to export without one.
    again = handlers.takeaway("?q=How+will+farmers+be+supported%3F&k=1", "json")
    assert json.loads(again["text"])["question"] == "How will farmers be supported?"
    assert "error" in handlers.takeaway("", "json") and "error" in handlers.takeaway(query, "pdf")
    assert "error" in handlers.takeaway("?q=x&from=soon", "json")


def test_a_search_from_the_tab_history_is_asked_with_its_filters(handlers):
    question, k, speakers, docs, date_from, date_to, cards, shown = handlers.recall(
        Event(query="?q=warnings&k=4&from=2025-01-01"))
    assert (question, k, speakers["value"], docs["value"], date_from, date_to) == ("warnings", 4, [], [], "2025-01-01",
                                                                                  None)
    assert shown.search == Search("warnings", 4, date_from="2025-01-01") and cards.count('class="tqa-card"') == 4
    assert all(v.get("__type__") == "update" for v in handlers.recall(Event(query="?k=4")))


def test_show_in_context_marks_the_passage_in_the_whole_transcript(handlers):
    _, shown = handlers.ask(FLOOD, 3, None, None, None, None)
    view = handlers.context(shown, Event(passage=1))
    p = shown.answer.passages[1]
    source = (SAMPLES / p.citation.file).read_text(encoding="utf-8")
    marked = html.unescape("".join(re.findall(r'<mark class="tqa-here">(.*?)</mark>', view, re.S)))
    assert re.sub(r"<[^>]+>", "", marked) == p.quote.replace("\n", "")
    shown_text = html.unescape(re.sub(r'<span class="tqa-ln">\d+</span>|<[^>]+>', "", view))
    assert source.split("\n")[0] in shown_text and source.rstrip().split("\n")[-1] in shown_text  # before and after
    assert len(re.findall(r'class="tqa-ln"', view)) == source.count("\n") + 1
    # The title once, with the file and where the passage is; and a Close button.
    head = view.split('<div class="tqa-lines"')[0]
    assert head.count(html.escape(p.citation.title, quote=True)) == 1 and 'data-action="close"' in head
    assert f"{p.citation.file} · the passage: {p.citation.speaker}, ¶{p.citation.paragraph}" in html.unescape(view)
    assert_only_our_markup(view)


@pytest.mark.parametrize("passage", [None, -1, 99, "0"])
def test_context_without_a_matching_passage_says_so_in_the_panel(handlers, passage):
    _, shown = handlers.ask(FLOOD, 2, None, None, None, None)
    assert "Ask a question first" in problem(handlers.context(shown, Event(passage=passage)))
    assert "Ask a question first" in problem(handlers.context(NOTHING, Event(passage=0)))
    assert "Ask a question first" in problem(handlers.context(None, Event(passage=0)))


def test_transcript_markup_is_shown_as_text_everywhere(handlers):
    cards, shown = handlers.ask(TRICKY_QUESTION, 3, None, None, None, None)
    tricky = [i for i, p in enumerate(shown.answer.passages) if p.citation.file == TRICKY_NAME]
    assert tricky, "the tricky transcript should answer its own question"
    assert "&lt;script&gt;window.__tqa_xss" in cards or "&lt;img src=x onerror" in cards
    assert_only_our_markup(cards)
    view = handlers.context(shown, Event(passage=tricky[0]))
    assert "{{constructor.constructor" in view and "${window.__tqa_xss" in view
    assert "title: Phishing &lt;script&gt;" in view
    assert_only_our_markup(view)
    status, _, _, speakers, docs, examples, library, read_as = handlers.page()
    for fragment in (status, examples, library, handlers.reading(TRICKY_NAME)):
        assert_only_our_markup(fragment)
    assert "title: Phishing &lt;script&gt;" in handlers.reading(TRICKY_NAME)
    assert "phishing-&lt;img src=x onerror=window.__tqa_xss=7&gt;.txt" in library
    # Dropdown labels are data, shown as text by the page; they carry the name as it is.
    assert any(value == TRICKY_NAME for _, value in docs["choices"])


def test_the_page_lists_speakers_documents_examples_and_the_library(handlers):
    status, notice_box, notice, speakers, docs, examples, library, read_as = handlers.page()
    assert re.fullmatch(r'Model all-MiniLM-L6-v2 · 5 transcripts · \d+ chunks · built \d{4}-\d\d-\d\d \d\d:\d\d UTC',
                        re.sub(r"<[^>]+>", "", status))
    assert notice_box["visible"] is False and notice == ""
    assert ("Edvin Kaar (official)", "Edvin Kaar") in speakers["choices"]
    assert not any("reporter" in label for label, _ in speakers["choices"])
    labels = dict((value, label) for label, value in docs["choices"])
    assert len(labels) == 5 and labels["ministry-water-2025-06-12.txt"].startswith("How is the country getting ready")
    assert labels["ministry-water-2025-06-12.txt"].endswith(" · 2025-06-12 · ministry-water-2025-06-12.txt")
    assert examples.count('class="tqa-example"') == 6
    assert library.count("<tr>") == 6 and "transport-briefing.txt" in library and "Oskar Lind" in library
    assert [value for _, value in read_as["choices"]] == [value for _, value in docs["choices"]]


def test_upload_through_the_handler_makes_names_safe_and_keeps_existing_files(own, tmp_path):
    corpus = own.state.corpus_dir
    water = (corpus / "ministry-water-2025-06-12.txt").read_bytes()
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "ministry-water-2025-06-12.txt").write_bytes(water)  # the same file again
    (uploads / "transport-briefing.txt").write_text("Oskar Lind:Fares stay as they are.\n", encoding="utf-8")
    (uploads / "slides.pptx").write_bytes(b"PK\x03\x04")
    (uploads / "..hidden.md").write_text("Ana Ruiz:Hello there, this is new.\n", encoding="utf-8")
    message, library, read_as = own.upload(sorted(str(p) for p in uploads.iterdir()))
    lines = message.split("\n")
    assert "hidden.md" in lines[0] and lines[0].startswith("added hidden.md")
    assert "already in the library as ministry-water-2025-06-12.txt" in lines[1]
    assert "slides.pptx is not a transcript file" in lines[2]
    assert "added transport-briefing.txt as transport-briefing-2.txt" in lines[3]
    assert lines[-1] == "Press Rebuild index to make the new transcripts searchable."
    assert (corpus / "transport-briefing.txt").read_bytes() == (SAMPLES / "transport-briefing.txt").read_bytes()
    assert (corpus / "ministry-water-2025-06-12.txt").read_bytes() == water
    assert "New since the build: hidden.md, transport-briefing-2.txt" in library
    assert ("hidden.md (not indexed yet)", "hidden.md") in read_as["choices"]
    assert "not in the index yet" in own.reading("hidden.md")
    assert own.upload([])[0] == "No files received."


def test_rebuild_switches_the_page_to_the_new_index_and_asks_the_question_again(own, tmp_path):
    (tmp_path / "up").mkdir()
    new = tmp_path / "up" / "bridges.txt"
    new.write_text("Bridge repairs\nMinistry of Works press conference, 2024-03-01\nDaily Courier reporter\n"
                   "How many bridges will be repaired?\nJana Aalto:We will repair 120 bridges before the winter.\n",
                   encoding="utf-8")
    own.upload([str(new)])
    _, before_cards = own.ask("How many bridges will be repaired?", 1, None, None, None, None)
    assert before_cards.answer.passages[0].citation.file != "bridges.txt"
    before = own.state.assistant().index.version
    summary, status, notice_box, notice, speakers, docs, examples, library, read_as, cards, shown = own.rebuild(
        before_cards)
    assert summary.startswith("Indexed 6 transcripts") and "reused" in summary
    assert own.state.assistant().index.version != before
    assert "6 transcripts" in status and "bridges.txt" in library and "New since the build" not in library
    assert ("Jana Aalto (official)", "Jana Aalto") in speakers["choices"]
    assert "Asked again on the rebuilt index." in cards and shown.answer.passages[0].citation.file == "bridges.txt"
    *_, cards, shown = own.rebuild(NOTHING)  # nothing asked: the cards are left as they are
    assert cards.get("__type__") == "update" and shown == NOTHING


def test_rename_and_remove_change_the_corpus_folder_and_ask_for_a_rebuild(own):
    corpus = own.state.corpus_dir
    message, new_name, library, read_as = own.rename("heatwave-news.txt", "Red heat alert, September")
    assert message.startswith("Renamed heatwave-news.txt to Red heat alert, September.txt.") and new_name == ""
    assert (corpus / "Red heat alert, September.txt").is_file() and not (corpus / "heatwave-news.txt").exists()
    assert "New since the build: Red heat alert, September.txt" in library
    assert "Gone since the build: heatwave-news.txt" in library
    assert "already has a Red heat alert, September.txt" in one_line_error(
        own.rename, "transport-briefing.txt", "Red heat alert, September")
    box, text = own.confirm_remove("transport-briefing.txt")
    assert box["visible"] is True and "moved to the hidden .removed folder" in text
    box, message, library, read_as = own.remove("transport-briefing.txt")
    assert box["visible"] is False and f"moved to {corpus / '.removed' / 'transport-briefing.txt'}" in message
    assert (corpus / ".removed" / "transport-briefing.txt").is_file()
    assert not (corpus / "transport-briefing.txt").exists()
    assert "Gone since the build: heatwave-news.txt, transport-briefing.txt" in library
    assert "there is no transcript transport-briefing.txt" in one_line_error(own.remove, "transport-briefing.txt")
    assert "choose a transcript" in one_line_error(own.remove, None)
    summary, *_ = own.rebuild(NOTHING)
    assert summary.startswith("Indexed 4 transcripts")
    names = {d.file for d in own.state.assistant().documents()}
    assert "Red heat alert, September.txt" in names and not {"heatwave-news.txt", "transport-briefing.txt"} & names


def test_a_second_rebuild_is_told_one_is_running(own):
    started, release = threading.Event(), threading.Event()
    errors = []

    def slow_progress(stage, done, total):
        started.set()
        release.wait(30)

    def first():
        try:
            own.state.rebuild(slow_progress)
        except Exception as exc:  # reported below
            errors.append(exc)

    worker = threading.Thread(target=first)
    worker.start()
    try:
        assert started.wait(30)
        assert own.state.rebuilding
        assert "a rebuild is already running" in one_line_error(own.rebuild)
        assert "a rebuild is running" in own.page()[0]
    finally:
        release.set()
        worker.join(60)
    assert not errors and not own.state.rebuilding


def test_a_build_from_another_process_is_reported_not_waited_for(own):
    with open(own.state.index_dir / ".lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        fh.seek(0)
        fh.truncate()
        fh.write("pid 4242")
        fh.flush()
        try:
            assert "is already running (pid 4242)" in one_line_error(own.rebuild)
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def test_no_index_shows_how_to_build_one_and_the_build_button_works(tmp_path, real_embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy2(SAMPLES / "transport-briefing.txt", corpus)
    h = Handlers(AppState(tmp_path / "index", corpus, embedder=real_embedder))
    status, notice_box, notice, speakers, docs, examples, library, read_as = h.page()
    assert notice_box["visible"] is True and "No index in service" in status
    assert f"there is no index at {tmp_path / 'index'}" in notice and "Build the index" in notice
    assert speakers["choices"] == [] and examples == "" and "No transcripts are indexed yet" in library
    assert f"There is no index at {tmp_path / 'index'}" in problem(h.ask("fares", 5, None, None, None, None)[0])
    summary, status, notice_box, *_ = h.rebuild()
    assert summary.startswith("Indexed 1 transcript") and notice_box["visible"] is False
    assert h.ask("Will metro fares change?", 1, None, None, None, None)[1].answer.passages


def test_a_refused_index_says_why_and_can_be_rebuilt(ui_library, real_embedder, tmp_path):
    corpus, index = copy_library(*ui_library, tmp_path)
    version = (index / "CURRENT").read_text().strip()
    (index / version / "manifest.json").write_text("{not json", encoding="utf-8")
    for f in corpus.iterdir():  # nothing can be reused from a refused index: keep the rebuild small
        if f.name != "transport-briefing.txt":
            f.unlink()
    h = Handlers(AppState(index, corpus, embedder=real_embedder))
    notice = h.page()[2]
    assert "manifest of the index" in notice and "unreadable" in notice
    assert "unreadable" in problem(h.ask("fares", 5, None, None, None, None)[0])
    assert h.rebuild()[0].startswith("Indexed 1 transcript ")
    assert h.page()[1]["visible"] is False


def test_without_a_corpus_folder_uploads_and_rebuilds_say_so(tmp_path, real_embedder):
    h = Handlers(AppState(tmp_path / "index", None, embedder=real_embedder))
    assert "--corpus FOLDER" in h.page()[2]
    assert "no corpus folder" in one_line_error(h.rebuild)
    (tmp_path / "x.txt").write_text("A:b\n")
    assert "no corpus folder" in one_line_error(h.upload, [str(tmp_path / "x.txt")])
    assert "no corpus folder to rename" in one_line_error(h.rename, "x.txt", "y")


def test_the_corpus_folder_defaults_to_the_one_the_index_was_built_from(ui_library, real_embedder):
    corpus, index = ui_library
    assert AppState(index, None, embedder=real_embedder).corpus_dir == corpus.resolve()
    # The shipped samples can be indexed and served, but uploads never go into the package's own folder.
    h = Handlers(AppState(index, SAMPLES, embedder=real_embedder))
    assert "shipped samples" in one_line_error(h.upload, [str(SAMPLES / "heatwave-news.txt")])
    assert "shipped samples" in one_line_error(h.remove, "heatwave-news.txt")
    assert "shipped samples" in one_line_error(h.rename, "heatwave-news.txt", "heat")
    assert (SAMPLES / "heatwave-news.txt").is_file()

