"""End to end: headless Debian Chromium drives the served page on localhost."""

import re
import shutil
import time

import pytest
from playwright.sync_api import expect, sync_playwright

from conftest import ARTIFACTS, SAMPLES
from ui.state import AppState
from uikit import TRICKY_NAME, TRICKY_QUESTION, copy_library, launch_chromium, question_box, served

pytestmark = [pytest.mark.browser, pytest.mark.model,
              pytest.mark.filterwarnings("ignore::Warning:gradio.queueing")]

FLOOD = "How fast does a flood warning reach a village?"
TIMEOUT = 60_000


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as pw:
        chromium = launch_chromium(pw)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(ui_library, real_embedder, tmp_path_factory):
    corpus, index = copy_library(*ui_library, tmp_path_factory.mktemp("browser"))
    state = AppState(index, corpus, embedder=real_embedder)
    with served(state) as (_, url):
        yield state, url


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                  permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.goto(site[1])
    expect(tab.locator("#tqa-status")).to_contain_text("transcripts", timeout=TIMEOUT)
    yield tab
    context.close()


def ask(page, question):
    box = question_box(page)
    box.fill(question)
    box.press("Enter")
    expect(page.locator(".tqa-answer .tqa-asked")).to_have_text(f"“{question}”", timeout=TIMEOUT)
    return page.locator(".tqa-card")


def test_enter_shows_quoted_passages_with_citations_and_a_passage_opens_in_context(page):
    cards = ask(page, FLOOD)
    expect(cards).to_have_count(5)
    flood = cards.filter(has=page.locator("blockquote.tqa-quote", has_text="within 15 minutes")).first
    expect(flood.locator("blockquote.tqa-quote mark")).not_to_have_count(0)
    marked = " ".join(flood.locator("blockquote.tqa-quote mark").all_inner_texts())
    expect(flood.locator("blockquote.tqa-quote")).to_contain_text("48,000 village-level duty officers")
    expect(flood.locator(".tqa-citation")).to_have_text(re.compile(
        r"^— Edvin Kaar, How is the country getting ready for the main flood season\? The Ministry of Water "
        r"Resources answers the questions that matter, 2025-06-12, ¶\d+, lines? \d+"))
    expect(flood.locator(".tqa-citation")).to_have_attribute("title", re.compile(
        r"^ministry-water-2025-06-12\.txt, characters \d+–\d+$"))
    summary = re.compile(rf"^“{re.escape(FLOOD)}” · 5 passages · \d+\.\d\d s$")
    expect(page.locator(".tqa-summary")).to_have_text(summary)
    expect(flood.locator(".tqa-role")).to_have_text("official")
    expect(flood.locator(".tqa-score")).to_have_text(re.compile(r"score 0\.\d\d"))
    flood.locator(".tqa-question summary").click()
    expect(flood.locator(".tqa-question p")).to_contain_text("early warning system")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "results.png"), full_page=True)

    quote = flood.locator("blockquote.tqa-quote").inner_text()
    flood.locator("button[data-action=context]").click()
    here = page.locator("#tqa-context .tqa-here")
    expect(here.first).to_be_visible(timeout=TIMEOUT)
    assert " ".join(page.locator("#tqa-context .tqa-here").all_inner_texts()).split() == quote.split()
    assert " ".join(page.locator("#tqa-context .tqa-here strong").all_inner_texts()).split() == marked.split()
    # The whole transcript is there, before and after, and the box is scrolled to the passage.
    lines = page.locator("#tqa-context .tqa-lines")
    expect(lines).to_contain_text("Maren Solt")
    expect(lines).to_contain_text("This concludes today’s press conference")
    page.wait_for_function("""() => {
        const box = document.querySelector('#tqa-context .tqa-lines').getBoundingClientRect();
        const mark = document.querySelector('#tqa-context .tqa-here').getBoundingClientRect();
        return mark.top >= box.top && mark.top < box.bottom; }""", timeout=10_000)
    assert page.evaluate("document.querySelector('#tqa-context .tqa-lines').scrollTop") > 0
    page.screenshot(path=str(ARTIFACTS / "context.png"))
    expect(page.locator("#tqa-context .tqa-context-title")).to_have_text(
        "How is the country getting ready for the main flood season? The Ministry of Water Resources answers the "
        "questions that matter")
    page.locator("#tqa-context button.tqa-close").click()
    expect(page.locator("#tqa-context")).to_be_hidden()


def test_an_example_question_asks_itself(page):
    example = page.locator("#tqa-examples button.tqa-example").first
    expect(example).to_be_visible(timeout=TIMEOUT)
    text = example.inner_text()
    example.click()
    expect(page.locator(".tqa-answer")).to_be_visible(timeout=TIMEOUT)
    expect(question_box(page)).to_have_value(text)
    expect(page.locator(".tqa-card")).to_have_count(5)


def test_a_speaker_filter_from_the_page_applies(page):
    page.get_by_role("button", name="Filters and number of passages").click()
    speakers = page.locator("#tqa-speakers input")
    speakers.click()
    speakers.fill("Runa")
    page.get_by_role("option", name="Runa Falk (official)").click()
    page.keyboard.press("Escape")
    cards = ask(page, "What is being done about passenger information?")
    expect(page.locator(".tqa-filters")).to_have_text("Only passages from: speaker Runa Falk")
    assert set(cards.locator(".tqa-speaker").all_inner_texts()) == {"Runa Falk"}


def test_copy_citation_gives_the_quote_and_its_citation(page):
    card = ask(page, FLOOD).first
    card.locator("button[data-action=copy]").click()
    expect(card.locator("button[data-action=copy]")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == card.locator(".tqa-copy[data-style=plain]").text_content()
    quote = " ".join(card.locator("blockquote.tqa-quote").inner_text().split())
    citation = card.locator(".tqa-citation").inner_text()
    assert copied.startswith(f"“{quote}”\n{citation} (ministry-water-2025-06-12.txt, characters ")


def test_markup_in_a_transcript_shows_as_text_and_runs_nothing(page):
    cards = ask(page, TRICKY_QUESTION)
    tricky = cards.filter(has_text="phishing-<img src=x onerror=window.__tqa_xss=7>.txt").first
    expect(tricky).to_be_visible()
    expect(tricky.locator("blockquote")).to_contain_text("<")
    tricky.locator("button[data-action=context]").click()
    context = page.locator("#tqa-context .tqa-lines")
    expect(context).to_contain_text("title: Phishing <script>window.__tqa_xss='title'</script> warning & <b>more</b>",
                                     timeout=TIMEOUT)
    expect(context).to_contain_text("<img src=x onerror=\"window.__tqa_xss='img'\">")
    expect(context).to_contain_text("[the hotline](javascript:window.__tqa_xss='md') takes **reports**")
    expect(context).to_contain_text("${window.__tqa_xss='template'} {{constructor.constructor(")
    expect(context).to_contain_text("&amp; &lt;b&gt;")
    page.keyboard.press("Escape")
    page.get_by_role("tab", name="Library").click()
    expect(page.locator("#tqa-library")).to_contain_text(TRICKY_NAME)
    page.locator("#tqa-read-as input").click()
    page.get_by_role("option", name=re.compile(re.escape(TRICKY_NAME))).click()
    expect(page.locator("#tqa-reading .tqa-lines")).to_contain_text("<img src=x onerror=\"window.__tqa_xss='img'\">",
                                                                     timeout=TIMEOUT)
    time.sleep(0.5)  # give any injected handler its chance to run
    for where in ("#tqa-cards", "#tqa-context", "#tqa-library", "#tqa-examples", "#tqa-status", "#tqa-history",
                  "#tqa-reading"):
        assert page.locator(f"{where} script, {where} img, {where} iframe, {where} a, {where} b").count() == 0
    assert page.evaluate("typeof window.__tqa_xss") == "undefined"
    assert page.dialogs == []


def test_upload_and_rebuild_show_progress_then_answer_from_the_new_index(page, site, tmp_path, shared_dir):
    state, _ = site
    ask(page, "How many bridges will be repaired before the winter?")
    assert "bridges.txt" not in page.locator("#tqa-cards").inner_text()
    bridges = tmp_path / "bridges.txt"
    bridges.write_text("Bridge repairs in the north\nMinistry of Works press conference, 2024-03-01\n"
                       "Daily Courier reporter\nHow many bridges will be repaired before the winter?\n"
                       "Jana Aalto:We will repair 120 bridges before the winter, most of them on the coast road.\n",
                       encoding="utf-8")
    # A longer transcript too, so the rebuild has real embedding to show progress for.
    industry = tmp_path / "004_40cb82d31b7e46dc.txt"
    shutil.copy2(shared_dir / industry.name, industry)
    page.get_by_role("tab", name="Library").click()
    page.locator("#tqa-upload input[type=file]").set_input_files([str(bridges), str(industry)])
    added = page.locator("#tqa-added textarea")
    expect(added).to_have_value(re.compile(r"Press Rebuild index"), timeout=TIMEOUT)
    assert set(added.input_value().split("\n")[:2]) == {"added bridges.txt", "added 004_40cb82d31b7e46dc.txt"}
    expect(page.locator("#tqa-library")).to_contain_text("New since the build: 004_40cb82d31b7e46dc.txt, bridges.txt")

    page.locator("#tqa-rebuild").click()
    seen = set()
    summary = page.locator("#tqa-summary textarea")
    deadline = time.monotonic() + 120
    while "Indexed" not in summary.input_value() and time.monotonic() < deadline:
        seen.update(t.strip() for t in page.locator(".progress-level-inner").all_inner_texts() if t.strip())
        time.sleep(0.05)
    assert summary.input_value().startswith("Indexed 7 transcripts")
    assert any("Embedding passages" in t for t in seen), seen
    expect(page.locator("#tqa-status")).to_contain_text("7 transcripts")
    expect(page.locator("#tqa-library")).to_contain_text("bridges.txt")
    expect(page.locator("#tqa-library")).not_to_contain_text("New since the build")

    page.get_by_role("tab", name="Ask").click()
    # The question on the page was asked again on the new index, and says so.
    expect(page.locator(".tqa-note")).to_have_text("Asked again on the rebuilt index.")
    card = page.locator(".tqa-card").first
    expect(card.locator(".tqa-citation")).to_have_attribute("title", re.compile(r"^bridges\.txt, "))
    expect(card.locator(".tqa-citation")).to_contain_text("Jana Aalto, Bridge repairs in the north, 2024-03-01, ¶")
    assert state.assistant().index.version in (state.index_dir / "CURRENT").read_text()


def test_without_an_index_the_page_says_how_and_builds_one(browser, real_embedder, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy2(SAMPLES / "transport-briefing.txt", corpus)
    with served(AppState(tmp_path / "index", corpus, embedder=real_embedder)) as (_, url):
        tab = browser.new_page()
        tab.goto(url)
        notice = tab.locator("#tqa-notice")
        expect(notice).to_contain_text("No questions can be answered yet.", timeout=TIMEOUT)
        expect(notice).to_contain_text(f"there is no index at {tmp_path / 'index'}")
        expect(tab.locator("#tqa-status")).to_contain_text("No index in service")
        question_box(tab).fill("Will metro fares change?")
        question_box(tab).press("Enter")
        expect(tab.locator("#tqa-cards .tqa-problem")).to_contain_text("There is no index at", timeout=TIMEOUT)
        tab.locator("#tqa-first-build").click()
        expect(tab.locator("#tqa-status")).to_contain_text("1 transcript ·", timeout=120_000)
        expect(notice).to_be_hidden()
        card = ask(tab, "Will metro fares change?").first
        expect(card.locator(".tqa-citation")).to_have_attribute("title", re.compile(r"^transport-briefing\.txt, "))
        tab.close()


def test_a_transcript_is_read_renamed_and_removed_from_the_library(browser, ui_library, real_embedder, tmp_path):
    corpus, index = copy_library(*ui_library, tmp_path)
    with served(AppState(index, corpus, embedder=real_embedder)) as (_, url):
        tab = browser.new_page(viewport={"width": 1400, "height": 900})
        tab.goto(url)
        expect(tab.locator("#tqa-status")).to_contain_text("transcripts", timeout=TIMEOUT)
        tab.get_by_role("tab", name="Library").click()
        pick = tab.locator("#tqa-read-as input")

        def choose(name):
            pick.click()
            pick.fill(name)
            tab.get_by_role("option", name=re.compile(re.escape(name))).first.click()

        # Read: the whole transcript, lines numbered as in the file, and how it was read.
        choose("heatwave-news.txt")
        reading = tab.locator("#tqa-reading")
        lines = (corpus / "heatwave-news.txt").read_text(encoding="utf-8").split("\n")
        expect(reading.locator(".tqa-lines > div")).to_have_count(len(lines), timeout=TIMEOUT)
        expect(reading.locator(".tqa-lines")).to_contain_text(lines[0])
        reading.get_by_text(re.compile(r"How it was read: \d+ turns")).click()
        expect(reading.locator("table.tqa-reading")).to_be_visible()

        # Rename: the file gets a name that says what it is; a rebuild is asked for.
        tab.locator("#tqa-new-name input, #tqa-new-name textarea").first.fill("Red heat alert, September 2025")
        tab.locator("#tqa-rename").click()
        done = tab.locator("#tqa-managed textarea")
        expect(done).to_have_value(re.compile(r"^Renamed heatwave-news\.txt to Red heat alert, September 2025\.txt\. "
                                              r".*Rebuild index"), timeout=TIMEOUT)
        assert (corpus / "Red heat alert, September 2025.txt").is_file() and not (corpus / "heatwave-news.txt").exists()
        expect(tab.locator("#tqa-library")).to_contain_text("New since the build: Red heat alert, September 2025.txt")

        # Remove: asked once more, then moved out of the library, never deleted.
        choose("transport-briefing.txt")
        tab.locator("#tqa-remove").click()
        expect(tab.locator("#tqa-confirm")).to_contain_text("Remove transport-briefing.txt from the library?")
        tab.locator("#tqa-keep").click()
        expect(tab.locator("#tqa-confirm")).to_be_hidden()
        assert (corpus / "transport-briefing.txt").is_file()
        tab.locator("#tqa-remove").click()
        tab.locator("#tqa-confirm-remove").click()
        expect(done).to_have_value(re.compile(r"^Removed transport-briefing\.txt: moved to .*\.removed"),
                                   timeout=TIMEOUT)
        assert (corpus / ".removed" / "transport-briefing.txt").is_file()

        tab.locator("#tqa-rebuild").click()
        expect(tab.locator("#tqa-summary textarea")).to_have_value(re.compile(r"^Indexed 4 transcripts"),
                                                                    timeout=120_000)
        library = tab.locator("#tqa-library")
        expect(library).to_contain_text("Red heat alert, September 2025.txt")
        expect(library).not_to_contain_text("transport-briefing.txt")
        expect(library).not_to_contain_text("heatwave-news.txt")
        tab.close()
