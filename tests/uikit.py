"""Helpers for the page's tests and its benchmark: a transcript full of markup, copies of
an index to change, a served app on a free port, headless Debian Chromium."""

from __future__ import annotations

import shutil
import socket
from contextlib import contextmanager
from pathlib import Path

# A transcript that tries every way of getting its text run or rendered as markup.
# Anything that runs sets window.__tqa_xss.
TRICKY_NAME = "phishing-<img src=x onerror=window.__tqa_xss=7>.txt"
TRICKY_TEXT = """---
title: Phishing <script>window.__tqa_xss='title'</script> warning & <b>more</b>
date: 2024-02-02
---
City Cyber Office press conference, 2024-02-02
Harbour Gazette reporter
What should people do about fake parcel text messages <img src=x onerror="window.__tqa_xss='question'">?
Mira Holm:Thank you for your question. Never open links in parcel text messages. <script>window.__tqa_xss = 'quote'</script> We blocked 3,200 phishing sites this winter <img src=x onerror="window.__tqa_xss='img'"> and [the hotline](javascript:window.__tqa_xss='md') takes **reports** day and night.
Mira Holm:Anyone who clicked such a link should call the bank at once. ${window.__tqa_xss='template'} {{constructor.constructor('window.__tqa_xss=1')()}} <iframe src="javascript:window.__tqa_xss='iframe'"></iframe> <a href="javascript:window.__tqa_xss='a'">report here</a> &amp; &lt;b&gt;
"""
TRICKY_QUESTION = "What should people do about fake parcel text messages and phishing sites?"
# The only elements and attributes the page's own HTML uses.
OUR_TAGS = {"div", "p", "span", "strong", "mark", "blockquote", "details", "summary", "header", "article", "button",
            "textarea", "code", "table", "thead", "tbody", "tr", "th", "td", "label", "select", "option", "pre"}
OUR_ATTRIBUTES = {"class", "data-count", "data-passage", "data-action", "data-question", "type", "title", "role",
                  "readonly", "rows", "aria-label", "aria-expanded", "tabindex", "data-share", "data-format",
                  "data-style", "value", "data-label"}

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def assert_only_our_markup(fragment: str) -> None:
    """Every tag and attribute in `fragment` is one the page writes itself: none came from a transcript."""
    from html.parser import HTMLParser

    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, tuple(name for name, _ in attrs)))

    Collect().feed(fragment)
    assert found, "no markup at all"
    for tag, attrs in found:
        assert tag in OUR_TAGS, f"<{tag}> in the page"
        assert set(attrs) <= OUR_ATTRIBUTES, f"<{tag} {attrs}> in the page"


def write_corpus(folder: Path, samples: Path, tricky: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for f in samples.iterdir():
        if f.is_file():
            shutil.copy2(f, folder / f.name)
    if tricky:
        (folder / TRICKY_NAME).write_text(TRICKY_TEXT, encoding="utf-8")
    return folder


def copy_library(corpus: Path, index: Path, into: Path) -> tuple[Path, Path]:
    """A corpus folder and index of one's own, to upload into and rebuild."""
    return shutil.copytree(corpus, into / "corpus"), shutil.copytree(index, into / "index")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(state, auth=None):
    """The page for `state`, served on 127.0.0.1 by the same launch() `transcript-qa serve` uses."""
    from ui.app import build_page
    from ui.serving import launch

    app = build_page(state)
    port = free_port()
    launch(app, port=port, auth=auth, block=False, quiet=True)
    try:
        yield app, f"http://127.0.0.1:{port}/"
    finally:
        app.close()


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def question_box(page):
    return page.locator("#tqa-question textarea, #tqa-question input").first


# Every visible control, card and text box lies within the screen's width, and no box that clips its
# content cuts one off; a control inside a box that scrolls sideways can be scrolled to, so it counts.
OVERFLOW_JS = """() => {
  const describe = (n) => n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') +
    (typeof n.className === 'string' && n.className ? '.' + n.className.trim().split(/\\s+/).slice(0, 2).join('.')
                                                     : '') +
    (n.textContent ? ' "' + n.textContent.trim().slice(0, 30) + '"' : '');
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    problems.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + width);
  }
  const seen = 'button, input:not([type=file]), textarea, select, summary, [role=tab], .tqa-card, .tqa-lines, table';
  for (const el of document.querySelectorAll(seen)) {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2 || getComputedStyle(el).visibility === 'hidden') continue;
    let clipped = null;
    let scrolls = false;
    for (let n = el.parentElement; n && n !== document.body; n = n.parentElement) {
      const style = getComputedStyle(n);
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') { scrolls = true; break; }
      if (style.overflowX !== 'visible') {
        const box = n.getBoundingClientRect();
        if (r.left < box.left - 1 || r.right > box.right + 1) { clipped = n; break; }
      }
      if (style.position === 'fixed') break;
    }
    if (clipped) problems.push(describe(el) + ' is cut off by ' + describe(clipped));
    else if (!scrolls && (r.left < -1 || r.right > width + 1)) problems.push(describe(el) + ' runs off the screen');
  }
  return problems;
}"""
