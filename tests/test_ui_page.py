"""The page for daily use, in headless Chromium at a page (1400×900) and a narrow (390×844) screen:
nothing overflows, "Show in context" keeps your place, results can be shared, exported, copied and
asked again from the tab's history, filters re-ask, errors replace stale cards, and the keyboard
reaches everything."""

import csv
import io
import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect, sync_playwright

from conftest import ARTIFACTS
from ui.state import AppState
from uikit import OVERFLOW_JS, copy_library, launch_chromium, question_box, served

pytestmark = [pytest.mark.browser, pytest.mark.model,
              pytest.mark.filterwarnings("ignore::Warning:gradio.queueing")]

FLOOD = "How fast does a flood warning reach a village?"
FARES = "What is being done about passenger information?"
TIMEOUT = 60_000
SCREENS = {"wide": {"width": 1400, "height": 900}, "narrow": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as pw:
        chromium = launch_chromium(pw)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(ui_library, real_embedder, tmp_path_factory):
    corpus, index = copy_library(*ui_library, tmp_path_factory.mktemp("page"))
    with served(AppState(index, corpus, embedder=real_embedder)) as (_, url):
        yield url


def open_page(browser, url, screen="wide"):
    context = browser.new_context(viewport=SCREENS[screen], permissions=["clipboard-read", "clipboard-write"],
                                  accept_downloads=True)
    tab = context.new_page()
    tab.goto(url)
    expect(tab.locator("#tqa-status")).to_contain_text("transcripts", timeout=TIMEOUT)
    return tab


@pytest.fixture(params=list(SCREENS))
def screen(request):
    return request.param


@pytest.fixture
def page(browser, site, screen):
    tab = open_page(browser, site, screen)
    yield tab
    tab.context.close()


def ask(page, question):
    box = question_box(page)
    box.fill(question)
    box.press("Enter")
    expect(page.locator(".tqa-answer .tqa-asked")).to_have_text(f"“{question}”", timeout=TIMEOUT)
    return page.locator(".tqa-card")


def quotes(page) -> list[str]:
    return [" ".join(t.split()) for t in page.locator(".tqa-card blockquote.tqa-quote").all_inner_texts()]


def no_overflow(page, where):
    problems = page.evaluate(OVERFLOW_JS)
    assert problems == [], f"{where}: {problems}"


def open_filters(page):
    toggle = page.get_by_role("button", name="Filters and number of passages")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#tqa-speakers")).to_be_visible()


def test_no_control_overflows_the_screen(page, screen):
    expect(page.locator("#tqa-examples button.tqa-example").first).to_be_visible(timeout=TIMEOUT)
    no_overflow(page, "the page as opened")
    ask(page, FLOOD)
    open_filters(page)
    no_overflow(page, "results with the filters open")
    page.locator("#tqa-to button.calendar").click()
    no_overflow(page, "the date picker open")
    page.keyboard.press("Escape")
    page.locator(".tqa-card").first.locator("button[data-action=context]").click()
    expect(page.locator("#tqa-context .tqa-here").first).to_be_visible(timeout=TIMEOUT)
    no_overflow(page, "a passage in context")
    page.keyboard.press("Escape")
    page.get_by_role("tab", name="Library").click()
    expect(page.locator("#tqa-library table")).to_be_visible()
    no_overflow(page, "the library")
    page.locator("#tqa-read-as input").click()
    page.get_by_role("option").first.click()
    expect(page.locator("#tqa-reading .tqa-lines")).to_be_visible(timeout=TIMEOUT)
    no_overflow(page, "a transcript read from the library")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"library-{screen}.png"), full_page=True)


def test_show_in_context_keeps_the_card_in_view_marks_it_and_closes_with_escape(page, screen):
    cards = ask(page, FLOOD)
    expect(cards).to_have_count(5)
    card = cards.nth(4)
    button = card.locator("button[data-action=context]")
    button.scroll_into_view_if_needed()
    page.mouse.wheel(0, 120)  # somewhere in the middle of the page, not at an edge
    page.wait_for_timeout(200)
    scrolled = page.evaluate("scrollY")
    before = button.bounding_box()
    button.click()
    panel = page.locator("#tqa-context")
    expect(panel.locator(".tqa-here").first).to_be_visible(timeout=TIMEOUT)
    page.wait_for_timeout(300)
    assert page.evaluate("scrollY") == scrolled, "opening the context view moved the page"
    after = button.bounding_box()
    assert after == before and 0 <= after["y"] and after["y"] + after["height"] <= SCREENS[screen]["height"]
    expect(card).to_have_class(re.compile(r"\btqa-active\b"))
    expect(button).to_have_attribute("aria-expanded", "true")
    assert page.locator(".tqa-card.tqa-active").count() == 1
    box = panel.bounding_box()
    close = panel.locator("button.tqa-close")
    expect(close).to_be_visible()
    expect(close).to_be_focused()
    if screen == "wide":  # beside the card, inside the screen
        assert box["x"] >= card.bounding_box()["x"] + card.bounding_box()["width"]
        assert box["y"] >= 0 and box["y"] + box["height"] <= SCREENS[screen]["height"]
    else:  # over the whole screen, with Close at hand
        assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 390, 844)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"context-{screen}.png"))
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    assert page.evaluate("scrollY") == scrolled, "closing the context view moved the page"
    expect(button).to_be_focused()
    expect(card).not_to_have_class(re.compile(r"\btqa-active\b"))
    # Opened again, then closed with its button: the same.
    button.click()
    expect(panel.locator(".tqa-here").first).to_be_visible(timeout=TIMEOUT)
    close.click()
    expect(panel).to_be_hidden()
    assert page.evaluate("scrollY") == scrolled


def test_a_shared_url_reproduces_the_results(page, browser, screen):
    open_filters(page)
    page.locator("#tqa-k input").fill("3")
    page.locator("#tqa-k input").press("Enter")
    speakers = page.locator("#tqa-speakers input")
    speakers.click()
    speakers.fill("Runa")
    page.get_by_role("option", name="Runa Falk (official)").click()
    page.keyboard.press("Escape")
    ask(page, FARES)
    expect(page.locator(".tqa-filters")).to_have_text("Only passages from: speaker Runa Falk")
    expect(page.locator(".tqa-card")).to_have_count(3)
    page.wait_for_function("location.search.includes('speaker=')")
    url = page.url
    assert parse_qs(urlparse(url).query) == {"q": [FARES], "k": ["3"], "speaker": ["Runa Falk"]}
    shown = quotes(page)

    other = open_page(browser, url, screen)
    try:
        expect(other.locator(".tqa-card")).to_have_count(3, timeout=TIMEOUT)
        assert quotes(other) == shown
        expect(question_box(other)).to_have_value(FARES)
        expect(other.locator(".tqa-filters")).to_have_text("Only passages from: speaker Runa Falk")
        expect(other.locator("#tqa-speakers")).to_contain_text("Runa Falk")
        # Copy link gives the same address.
        other.locator("button[data-action=link]").click()
        assert other.evaluate("navigator.clipboard.readText()") == url
    finally:
        other.context.close()


def test_each_export_downloads_a_file_whose_contents_match_the_cards(page):
    ask(page, FLOOD)
    shown = quotes(page)
    citations = page.locator(".tqa-card .tqa-citation").all_inner_texts()
    files = {}
    for fmt in ("md", "csv", "json"):
        with page.expect_download() as info:
            page.locator(f"button[data-action=export][data-format={fmt}]").click()
        download = info.value
        assert download.suggested_filename == f"transcript-qa-how-fast-does-a-flood-warning-reach-a-village.{fmt}"
        files[fmt] = open(download.path(), encoding="utf-8").read()
    answer = json.loads(files["json"])
    assert answer["question"] == FLOOD and set(answer) == {"question", "passages", "low_confidence", "confidence", "note"}
    assert [" ".join(p["quote"].split()) for p in answer["passages"]] == shown
    rows = list(csv.DictReader(io.StringIO(files["csv"])))
    assert [" ".join(r["quote"].split()) for r in rows] == shown
    assert [r["file"] for r in rows] == [p["citation"]["file"] for p in answer["passages"]]
    markdown = re.sub(r"\\(.)", r"\1", files["md"].replace("**", ""))
    flat = " ".join(line.removeprefix("> ").removeprefix(">") for line in markdown.split("\n"))
    for quote, citation in zip(shown, citations):
        assert quote in " ".join(flat.split())
        assert citation in markdown


def test_copy_all_and_the_citation_style_chosen_once(page):
    cards = ask(page, FLOOD)
    page.locator("button[data-action=copy-all]").click()
    expect(page.locator("button[data-action=copy-all]")).to_have_text("Copied")
    plain = page.evaluate("navigator.clipboard.readText()")
    blocks = plain.split("\n\n")
    assert len(blocks) == 5 and [b.split("\n")[0].strip("“”") for b in blocks] == quotes(page)
    assert all(re.search(r"\n— .+, ¶\d+, lines? \d+.* \(.+, characters \d+–\d+\)$", b) for b in blocks)

    page.locator("select.tqa-style").select_option("footnote")
    card = cards.first
    card.locator(".tqa-copy-box summary").click()
    expect(card.locator(".tqa-copy[data-style=footnote]")).to_be_visible()
    expect(card.locator(".tqa-copy[data-style=plain]")).to_be_hidden()
    card.locator("button[data-action=copy]").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == card.locator(".tqa-copy[data-style=footnote]").text_content()
    assert re.fullmatch(r"“.+”\[\^1\]\n\n\[\^1\]: .+\.", copied, re.S)
    # The button says "Copied" for two seconds: wait until it no longer says so from the first copy.
    expect(page.locator("button[data-action=copy-all]")).not_to_have_text("Copied")
    page.locator("button[data-action=copy-all]").click()
    expect(page.locator("button[data-action=copy-all]")).to_have_text("Copied")
    notes = page.evaluate("navigator.clipboard.readText()")
    assert [f"[^{n}]: " in notes for n in range(1, 6)] == [True] * 5
    # Chosen once: a new answer, and the page opened again, keep the footnote style.
    ask(page, FARES)
    expect(page.locator("select.tqa-style")).to_have_value("footnote")
    page.reload()  # the address holds the last search, so the page opens with its cards
    expect(page.locator(".tqa-answer .tqa-asked")).to_have_text(f"“{FARES}”", timeout=TIMEOUT)
    expect(page.locator("select.tqa-style")).to_have_value("footnote")
    page.locator("select.tqa-style").select_option("plain")


def test_a_changed_filter_asks_again_and_an_error_leaves_no_old_cards(page):
    ask(page, FARES)
    before = quotes(page)
    open_filters(page)
    speakers = page.locator("#tqa-speakers input")
    speakers.click()
    speakers.fill("Runa")
    page.get_by_role("option", name="Runa Falk (official)").click()
    page.keyboard.press("Escape")
    expect(page.locator(".tqa-filters")).to_have_text("Only passages from: speaker Runa Falk", timeout=TIMEOUT)
    assert set(page.locator(".tqa-card .tqa-speaker").all_inner_texts()) == {"Runa Falk"}
    assert quotes(page) != before
    page.wait_for_function("location.search.includes('speaker=Runa')")

    problem = page.locator("#tqa-cards .tqa-problem")
    box = question_box(page)
    box.fill("")
    box.press("Enter")
    expect(problem).to_contain_text("The question is empty", timeout=TIMEOUT)
    expect(page.locator(".tqa-card")).to_have_count(0)
    expect(page.locator("#tqa-examples button.tqa-example").first).to_be_visible()  # something to ask instead

    ask(page, FARES)
    for field, day in (("#tqa-from", "2025-02-01"), ("#tqa-to", "2024-01-01")):
        page.locator(f"{field} input").first.fill(day)
        page.locator(f"{field} input").first.press("Enter")
    expect(problem).to_contain_text("The date range is empty: 2025-02-01 is after 2024-01-01", timeout=TIMEOUT)
    expect(page.locator(".tqa-card")).to_have_count(0)
    expect(page.locator(".toast-body")).to_have_count(0)


def test_the_history_of_the_tab_asks_an_earlier_question_again(page):
    ask(page, FLOOD)
    first = quotes(page)
    ask(page, FARES)
    history = page.locator("#tqa-history button.tqa-history-item")
    expect(history).to_have_count(2)
    assert history.all_inner_texts() == [FARES, FLOOD]
    expect(history.first).to_have_attribute("aria-current", "true")
    history.nth(1).click()
    expect(page.locator(".tqa-answer .tqa-asked")).to_have_text(f"“{FLOOD}”", timeout=TIMEOUT)
    expect(question_box(page)).to_have_value(FLOOD)
    assert quotes(page) == first
    expect(history).to_have_count(2)
    assert history.all_inner_texts() == [FLOOD, FARES]
    page.wait_for_function("new URLSearchParams(location.search).get('q') === " + json.dumps(FLOOD))


def test_everything_works_from_the_keyboard(page, screen):
    page.locator("body").click(position={"x": 2, "y": 2})
    page.keyboard.press("/")
    expect(question_box(page)).to_be_focused()
    page.keyboard.type(FLOOD)
    page.keyboard.press("Enter")
    expect(page.locator(".tqa-card")).to_have_count(5, timeout=TIMEOUT)
    # Tab from the question reaches the results' tools, then the first card's buttons.
    target = page.locator(".tqa-card").first.locator("button[data-action=context]")
    for _ in range(40):
        page.keyboard.press("Tab")
        if target.evaluate("b => b === document.activeElement"):
            break
    expect(target).to_be_focused()
    outline = target.evaluate("b => getComputedStyle(b).outlineStyle + ' ' + getComputedStyle(b).outlineWidth")
    assert outline.split()[0] != "none" and outline.split()[1] != "0px", outline
    page.keyboard.press("Enter")
    expect(page.locator("#tqa-context .tqa-here").first).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("#tqa-context button.tqa-close")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#tqa-context")).to_be_hidden()
    expect(target).to_be_focused()
    # "/" comes back to the question from anywhere outside a text box: from the context view (closing it,
    # as on a phone it covers the question), and from the Library.
    page.keyboard.press("Enter")
    expect(page.locator("#tqa-context button.tqa-close")).to_be_focused(timeout=TIMEOUT)
    page.keyboard.press("/")
    expect(page.locator("#tqa-context")).to_be_hidden()
    expect(question_box(page)).to_be_focused()
    page.get_by_role("tab", name="Library").click()
    page.keyboard.press("/")
    expect(question_box(page)).to_be_focused()
